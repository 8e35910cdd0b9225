import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { xlsxOf } from "../../bench/cli-bench";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { CLI, requireBuiltCli, runInterim, startInterim } from "./run-cli";
import { stateOfXlsx } from "./xlsx-state";

/**
 * The command killed at any moment of `interim invoice` (SIGKILL: no clean-up runs) leaves the
 * workbook whole: either exactly as it was, or the finished new version. Never a torn file.
 */
const digest = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
let workdir: string;

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-killed-"));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

async function killedAfter(file: string, ms: number): Promise<void> {
  const { child, done } = startInterim(["invoice", file, "--date", "2026-09-30"]);
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await done;
  clearTimeout(timer);
}

describe("interim invoice killed mid-run", () => {
  // From start-up to well after the write (the last lets the run finish, so the replaced case is checked too).
  test.each([300, 900, 1500, 1800, 2100, 2300, 2600, 30_000])("killed after %i ms: the workbook is the original or the finished invoice", async (ms) => {
    const folder = mkdtempSync(join(workdir, "case-"));
    const file = join(folder, "book.xlsx");
    await xlsxOf(file, 3000);
    // A backup from an earlier run: it must survive the kill whole, or be replaced by a whole new one.
    writeFileSync(`${file}.bak`, Buffer.alloc(200_000, 1));
    const earlierBackup = digest(`${file}.bak`);
    const original = digest(file);
    await killedAfter(file, ms);
    const logged = async (): Promise<unknown> => {
      const state = await stateOfXlsx(readFileSync(file));
      const invoices = findTable(state, NAMES.invoicesTable);
      return invoices && tableValues(state, invoices).slice(1).map((row) => row[0]);
    };
    expect([earlierBackup, original]).toContain(digest(`${file}.bak`));
    if (digest(file) !== original) {
      // Replaced: then it is the whole new workbook, with its invoice logged.
      expect(await logged()).toEqual(["INV-0001"]);
      expect(digest(`${file}.bak`)).toBe(original);
    }
    // The workbook still opens; at most the new version and the new backup are left under temporary names.
    await XlsxWorkbook.fromBuffer(readFileSync(file));
    const leftovers = readdirSync(folder).filter((name) => name.includes("interim-tmp"));
    expect(leftovers.length).toBeLessThanOrEqual(2);
    // A later run takes over the killed run's lock and issues the invoice once.
    const again = runInterim(["invoice", file, "--date", "2026-09-30"]);
    expect(again.stderr).not.toMatch(/being billed by another run/);
    expect(await logged()).toEqual(["INV-0001"]);
  }, 60_000);
});

describe("an export that fails", () => {
  test("leaves the workbook as it was: the invoice is issued only with its exports", async () => {
    // The command alone, without the fonts shipped beside it: the PDF cannot be made.
    const folder = mkdtempSync(join(workdir, "no-fonts-"));
    const lonely = join(folder, "interim.js");
    copyFileSync(CLI, lonely);
    const file = join(folder, "book.xlsx");
    await xlsxOf(file, 20);
    const original = digest(file);
    const run = runInterim(["invoice", file, "--date", "2026-09-30", "--format", "csv,pdf"], { script: lonely, cwd: folder });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/font/i);
    expect(digest(file)).toBe(original);
    expect(readdirSync(folder).filter((name) => /INV-0001|\.bak$|interim-tmp/.test(name))).toEqual([]);
    // With its fonts, the same command then issues the invoice once.
    const done = runInterim(["invoice", file, "--date", "2026-09-30", "--format", "csv,pdf", "--out", folder]);
    expect(done.status).toBe(0);
    expect(readdirSync(folder).filter((name) => name.startsWith("INV-0001"))).toEqual(["INV-0001.csv", "INV-0001.pdf"]);
  }, 60_000);
});
