import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import { pdfText } from "../export/tools";
import { loadXlsx } from "../support/exceljs-file";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";

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
      ["ws = wb['Billing log']", "t = ws.tables['InterimInvoices']", "t.ref = 'A1:U3'", "t.totalsRowCount = 1", "ws['A3'] = 'Total'"].join("\n"),
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

/** Every text cell of a sheet, with its text. */
function textCells(sheet: ExcelJS.Worksheet | undefined): { cell: ExcelJS.Cell; text: string }[] {
  const cells: { cell: ExcelJS.Cell; text: string }[] = [];
  sheet?.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && cells.push({ cell, text: cell.value }))));
  return cells;
}

describe("invoice and credit-note sheets and documents", () => {
  let folder: string;
  let invoice: ExcelJS.Worksheet | undefined;
  let credit: ExcelJS.Worksheet | undefined;

  beforeAll(async () => {
    const file = sample();
    folder = join(dirname(file), "out");
    expect(interim("invoice", file, "--date", "2026-03-31", "--format", "pdf,csv,xml", "--out", folder).status).toBe(0);
    expect(interim("credit", file, "--date", "2026-03-31", "--format", "pdf,csv,xml", "--out", folder).status).toBe(0);
    const workbook = await loadXlsx(readFileSync(file));
    invoice = workbook.getWorksheet("INV-0001");
    credit = workbook.getWorksheet("CN-0001");
  });

  test("tax labels show the taxable amount with separators, as the documents do", () => {
    for (const sheet of [invoice, credit]) {
      const labels = textCells(sheet).map(({ text }) => text).filter((text) => text.startsWith("Tax at "));
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(label).toMatch(/^Tax at [\d.]+% on \d{1,3}(,\d{3})*\.\d{2}(, credited)?$/);
      expect(labels.some((label) => /on \d{1,3},\d{3}/.test(label))).toBe(true);
    }
  });

  test("a description longer than its column wraps, in a row tall enough for its lines", () => {
    for (const sheet of [invoice, credit]) {
      const isLine = (cell: ExcelJS.Cell): boolean => Number(cell.row) > 12 && sheet?.getRow(Number(cell.row)).getCell(1).value != null;
      const long = textCells(sheet).filter(({ cell, text }) => Number(cell.col) === 2 && isLine(cell) && text.length > 40);
      expect(long.length).toBeGreaterThan(0);
      for (const { cell } of long) {
        expect(cell.alignment.wrapText).toBe(true);
        expect(sheet?.getRow(Number(cell.row)).height).toBeGreaterThanOrEqual(30);
      }
    }
  });

  test("a credit note has no due date and no payment terms, on its sheet or in its exports; its UBL CreditNote validates", () => {
    expect(textCells(invoice).map(({ text }) => text)).toContain("Due date");
    expect(textCells(credit).map(({ text }) => text)).not.toContain("Due date");
    expect(pdfText(join(folder, "INV-0001.pdf"))).toContain("Payment terms");
    const pdf = pdfText(join(folder, "CN-0001.pdf"));
    expect(pdf).not.toContain("Payment terms");
    expect(pdf).not.toContain("Due date");
    const csv = readFileSync(join(folder, "CN-0001.csv"), "utf8");
    expect(csv).not.toMatch(/dueDate|paymentTerms/);
    const xml = readFileSync(join(folder, "CN-0001.xml"), "utf8");
    expect(xml).not.toMatch(/DueDate|PaymentTerms/);
    const validation = spawnSync(join(ROOT, "../shared/einvoice-validate/validate.sh"), [join(folder, "CN-0001.xml")], { encoding: "utf8", timeout: 120_000 });
    expect(validation.status).toBe(0);
  });
});
