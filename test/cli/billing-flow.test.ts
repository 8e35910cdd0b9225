import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type ExcelJS from "exceljs";
import { pdfText, tool } from "../export/tools";
import { editXlsx } from "../support/exceljs-file";
import { LibreOffice } from "./libreoffice";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";

/**
 * The billing flow's refusals and credit notes through the built command line, on a workbook
 * LibreOffice made (test/fixtures/cli/contract.fods) and on interim init's: decision 0023.
 */
const validate = join(ROOT, "../shared/einvoice-validate/validate.sh");
let workdir: string;
let source: string;
jest.setTimeout(120_000);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-flow-"));
  new LibreOffice(workdir).convert(join(ROOT, "test/fixtures/cli/contract.fods"), "xlsx", join(workdir, "sources"));
  source = join(workdir, "sources", "contract.xlsx");
}, 180_000);

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

function copy(folder = mkdtempSync(join(workdir, "case-")), name = "contract.xlsx"): string {
  const file = join(folder, name);
  copyFileSync(source, file);
  return file;
}

/** Edits a saved workbook the way a person in a spreadsheet program would, and saves it. */
async function edit(file: string, change: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  writeFileSync(file, await editXlsx(readFileSync(file), change));
}

const setProgress = (file: string, id: string, value: number): Promise<void> =>
  edit(file, (workbook) => workbook.getWorksheet("Milestones")?.eachRow((row) => {
    if (row.getCell(1).value === id) row.getCell(4).value = value;
  }));

describe("interim credit --format", () => {
  test("exports the credit note as PDF, CSV, UBL CreditNote XML (381, valid) and xlsx, with the lines' descriptions", async () => {
    // interim init's contract: its parties have the addresses and tax ids an e-invoice needs.
    const file = join(mkdtempSync(join(workdir, "case-")), "contract.xlsx");
    expect(interim("init", file).status).toBe(0);
    expect(interim("invoice", file, "--date", "2026-09-30").status).toBe(0);
    await setProgress(file, "M3", 0.5);
    expect(interim("invoice", file, "--date", "2026-10-31").status).toBe(0);
    const out = join(resolve(file, ".."), "out");
    const run = interim("credit", file, "--date", "2026-11-02", "--format", "pdf,csv,xml,xlsx", "--out", out);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/CN-0001 cancels INV-0002, total credited -[\d.]+ EUR; written, previous version kept as contract\.xlsx\.bak; exported CN-0001\.pdf, CN-0001\.csv, CN-0001\.xml, CN-0001\.xlsx to /);
    expect(readdirSync(out).sort()).toEqual(["CN-0001.csv", "CN-0001.pdf", "CN-0001.xlsx", "CN-0001.xml"]);

    const xml = readFileSync(join(out, "CN-0001.xml"), "utf8");
    expect(xml).toMatch(/<cbc:CreditNoteTypeCode>381<\/cbc:CreditNoteTypeCode>/);
    expect(xml).toMatch(/<cac:InvoiceDocumentReference>\s*<cbc:ID>INV-0002<\/cbc:ID>/);
    expect(xml).toMatch(/<cbc:Name>Build and integration<\/cbc:Name>/);
    expect(spawnSync(validate, [join(out, "CN-0001.xml")], { encoding: "utf8", timeout: 120_000 }).status).toBe(0);
    // Negative control: the same credit note without its amount due (BT-115) fails the validator.
    const broken = join(out, "broken.xml");
    writeFileSync(broken, xml.replace(/<cbc:PayableAmount currencyID="EUR">[^<]*<\/cbc:PayableAmount>/, ""));
    expect(spawnSync(validate, [broken], { encoding: "utf8", timeout: 120_000 }).status).toBe(1);

    const text = pdfText(join(out, "CN-0001.pdf"));
    expect(text).toMatch(/CREDIT NOTE/);
    expect(text).toMatch(/Cancels invoice\s+INV-0002/);
    expect(text).toMatch(/Build and integration/);
    expect(text).toMatch(/Tax at 9% on 0\.00/);
    expect(readFileSync(join(out, "CN-0001.csv"), "utf8")).toMatch(/Build and integration/);
    // Its first page as a picture, to look at (.tmp/credit-note-1.png).
    mkdirSync(join(ROOT, ".tmp"), { recursive: true });
    tool("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", join(out, "CN-0001.pdf"), join(ROOT, ".tmp", "credit-note")]);
    expect(existsSync(join(ROOT, ".tmp", "credit-note-1.png"))).toBe(true);
  }, 300_000);

  test("an unknown format is refused before anything is read or written", () => {
    const file = copy();
    const original = readFileSync(file);
    const run = interim("credit", file, "--format", "docx");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown format docx; the formats are pdf, csv, xml, xrechnung, facturx, xlsx/);
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});

describe("interim invoice: refusals and the default period", () => {
  test("nothing billed since the last invoice: exit 2 and nothing written, unless --allow-zero", () => {
    const file = copy();
    expect(interim("invoice", file, "--date", "2026-09-30").status).toBe(0);
    const original = readFileSync(file);
    const refused = interim("invoice", file, "--date", "2026-10-31");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/Milestones!A1: Nothing was billed since INV-0001: .*--allow-zero/);
    expect(readFileSync(file).equals(original)).toBe(true);
    const zero = interim("invoice", file, "--date", "2026-10-31", "--allow-zero");
    expect(zero.status).toBe(0);
    expect(zero.stdout).toMatch(/INV-0002, total due 0\.00 EUR/);
  });

  test("--all: a workbook with nothing to bill is a result line, skipped, and the batch succeeds", async () => {
    const folder = mkdtempSync(join(workdir, "all-"));
    const idle = copy(folder, "idle.xlsx");
    const busy = copy(folder, "busy.xlsx");
    expect(interim("invoice", "--all", folder, "--date", "2026-09-30").status).toBe(0);
    await setProgress(busy, "M3", 0.5);
    const original = readFileSync(idle);
    const run = interim("invoice", "--all", folder, "--date", "2026-10-31");
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/busy\.xlsx: INV-0002/);
    expect(lines[1]).toMatch(/idle\.xlsx: skipped, nothing written: Nothing was billed since INV-0001/);
    expect(lines[2]).toBe("2 of 2 workbook(s) done.");
    expect(readFileSync(idle).equals(original)).toBe(true);
  });

  test("on the first of a month the default period is the month just ended; a later period end or an earlier date is refused", () => {
    const file = copy();
    const dry = interim("invoice", file, "--date", "2026-10-01", "--dry-run");
    expect(dry.stdout).toMatch(/INVOICE INV-0001 {2}2026-10-01 {2}period 2026-09-01 to 2026-09-30/);
    const late = interim("invoice", file, "--date", "2026-10-01", "--period-end", "2026-10-15");
    expect(late.status).toBe(2);
    expect(late.stderr).toMatch(/period end 2026-10-15 is after the invoice date 2026-10-01/);
    expect(interim("invoice", file, "--date", "2026-10-01").status).toBe(0);
    const early = interim("credit", file, "--date", "2026-09-30");
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(/credit note date 2026-09-30 is before INV-0001, issued on 2026-10-01/);
  });

  test("a billing log deleted by hand while INV-0001 exists: refused, naming it and how to restore the log", async () => {
    const file = copy();
    expect(interim("invoice", file, "--date", "2026-09-30").status).toBe(0);
    await edit(file, (workbook) => {
      const log = workbook.getWorksheet("Billing log");
      if (log !== undefined) workbook.removeWorksheet(log.id);
    });
    await setProgress(file, "M3", 0.5);
    const original = readFileSync(file);
    const run = interim("invoice", file, "--date", "2026-10-31");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/The workbook holds INV-0001, issued by Interim, but the billing log no longer records it.*BOOK\.xlsx\.bak.*Version history/);
    expect(readFileSync(file).equals(original)).toBe(true);
    // "Next invoice number" lowered to 1: INV-0001's sheet is protected in the file, so it is
    // known as issued, and never replaced.
    await edit(file, (workbook) => workbook.getWorksheet("Contract")?.eachRow((row) => {
      if (row.getCell(1).value === "Next invoice number") row.getCell(2).value = 1;
    }));
    const lowered = readFileSync(file);
    const again = interim("invoice", file, "--date", "2026-10-31");
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/The workbook holds INV-0001, issued by Interim/);
    expect(readFileSync(file).equals(lowered)).toBe(true);
  });
});
