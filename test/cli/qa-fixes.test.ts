import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, requireBuiltCli, runInterim } from "./run-cli";

/** The built command line on what a QA pass met: each case as a person would run into it. */
let workdir: string;
jest.setTimeout(120_000);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-qa-"));
});

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

/** A new sample workbook in its own folder. */
function sample(): string {
  const file = join(mkdtempSync(join(workdir, "case-")), "contract.xlsx");
  expect(interim("init", file).status).toBe(0);
  return file;
}

/** Edits a workbook with openpyxl (Debian's python3-openpyxl), as another program would: `script` sees it as `wb`. */
function editWithOpenpyxl(file: string, script: string): void {
  execFileSync("/usr/bin/python3", ["-c", `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\n${script}\nwb.save(sys.argv[1])`, file], { stdio: "pipe" });
}

describe("a total row on the billing log (Table Design > Total Row)", () => {
  const withTotalRow = (): string => {
    const file = sample();
    editWithOpenpyxl(
      file,
      ["ws = wb['Billing log']", "t = ws.tables['InterimInvoices']", "t.ref = 'A1:T3'", "t.totalsRowCount = 1", "ws['A3'] = 'Total'"].join("\n"),
    );
    return file;
  };

  test("is a problem at the total row's first cell, reported by --dry-run, and nothing is written", () => {
    const file = withTotalRow();
    const before = readFileSync(file);
    for (const run of [interim("invoice", file, "--date", "2026-03-31", "--dry-run"), interim("invoice", file, "--date", "2026-03-31")]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("Billing log!A3:");
      expect(run.stderr).toContain("Table Design > Total Row");
      expect(run.stderr).not.toContain("left as it was");
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

test("init in a folder that does not exist names the folder, and no workbook left as it was", () => {
  const run = interim("init", "/nonexistent-interim-folder/x.xlsx");
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^The folder \/nonexistent-interim-folder does not exist: create it/);
  expect(run.stderr).not.toMatch(/left as it was|ENOENT|interim-tmp/);
});

test("--out naming a file says it is a file, not a folder", () => {
  const file = sample();
  const notAFolder = join(workdir, "base.xlsx");
  writeFileSync(notAFolder, "a file");
  const run = interim("invoice", file, "--date", "2026-03-31", "--format", "pdf", "--out", notAFolder);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`${notAFolder} is a file, not a folder: give --out a folder`);
  expect(run.stderr).not.toContain("the system refused it");
});
