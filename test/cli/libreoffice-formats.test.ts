/**
 * What LibreOffice shows of a workbook `interim init` made and the invoices filled: each
 * column in its number format, and the invoice sheet on the contract's paper.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runInit } from "../../src/cli/init-command";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { NAMES } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { editXlsx } from "../support/exceljs-file";
import { tool } from "../export/tools";
import { LibreOffice } from "./libreoffice";

let workdir: string;
let office: LibreOffice;

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "interim-formats-"));
  office = new LibreOffice(workdir);
});

/** A workbook made by `interim init`, its first invoice issued, a change of progress, and its second. */
async function initAndInvoice(name: string, currency: string): Promise<string> {
  const file = join(workdir, name);
  expect((await runInit([file])).status).toBe(0);
  // Read and written as bytes: the command line's file handling has tests of its own.
  // The person's own edits are made to the file between the runs, as a spreadsheet program would.
  const reopen = async (edit: (workbook: ExcelJS.Workbook) => void) => XlsxWorkbook.fromBuffer(await editXlsx(readFileSync(file), edit));
  const save = async (workbook: XlsxWorkbook) => writeFileSync(file, await workbook.toBuffer());
  const first = await reopen((workbook) => {
    workbook.getWorksheet(NAMES.settingsSheet)?.eachRow((row) => {
      if (row.getCell(1).value === "Currency") row.getCell(2).value = currency;
    });
  });
  expect(await generateInvoice(first, { invoiceDate: "2026-03-31" })).toMatchObject({ ok: true });
  await save(first);
  const second = await reopen((workbook) => {
    const milestones = workbook.getWorksheet(NAMES.milestones);
    if (milestones === undefined) throw new Error("no Milestones sheet");
    milestones.getCell("D4").value = 0.5;
  });
  expect(await generateInvoice(second, { invoiceDate: "2026-04-30" })).toMatchObject({ ok: true, number: "INV-0002" });
  await save(second);
  return file;
}

/** The size of each page LibreOffice prints of a workbook, with the first line of text on it. */
function printedPages(file: string): { size: string; first: string }[] {
  const outDir = join(workdir, `pdf-${Date.now()}`);
  office.convert(file, "pdf", outDir);
  const pdf = join(outDir, readdirSync(outDir).find((name) => name.endsWith(".pdf")) as string);
  const pages = Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [pdf]))?.[1]);
  return Array.from({ length: pages }, (_, i) => ({
    size: /Page\s+\d+ size:\s+(.*)/.exec(tool("pdfinfo", ["-f", String(i + 1), "-l", String(i + 1), pdf]))?.[1] ?? "",
    first: tool("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), pdf, "-"]).trim().split("\n")[0] ?? "",
  }));
}

describe("interim init and the invoices, as LibreOffice shows them", () => {
  test("percentages as %, amounts with separators, dates as dates, the check as text; the file holds each format", async () => {
    const file = await initAndInvoice("eur.xlsx", "EUR");
    const shown = office.sheets(file, true);
    const milestones = shown.get(NAMES.milestones) ?? [];
    expect(milestones.find((row) => row[0] === "CO1")?.slice(2, 4)).toEqual(["9,500.00", "40.0%"]);
    expect(milestones.find((row) => row[0] === "T1")?.slice(4, 6)).toEqual(["42.50", "115.00"]);
    expect(milestones.find((row) => row[0] === "L1")?.[8]).toBe("9.0%");
    const log = shown.get(NAMES.logSheet) ?? [];
    // INV-0002: its dates as dates, its amounts with separators, its line count and check as they are.
    expect(log[2]?.slice(0, 9)).toEqual(["INV-0002", "invoice", "", "2026-04-30", "2026-04-01", "2026-04-30", "EUR", "INV-0002", "224,500.00"]);
    expect(log[2]?.[18]).toBe("8");
    expect(log[2]?.[19]).toMatch(/^[0-9a-f]{8}$/);
    // Its due date, after the check: the invoice date and the 30 days of the payment terms.
    expect(log[2]?.[20]).toBe("2026-05-30");
    expect(log[16]?.slice(22, 26)).toEqual(["INV-0002", "CO1", "9,500.00", "3,800.00"]);

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const logSheet = read.getWorksheet(NAMES.logSheet);
    expect([logSheet?.getCell("D3").numFmt, logSheet?.getCell("R3").numFmt, logSheet?.getCell("T3").numFmt]).toEqual(["yyyy-mm-dd", "#,##0.00", "@"]);
    expect([read.getWorksheet(NAMES.milestones)?.getCell("C9").numFmt, read.getWorksheet(NAMES.milestones)?.getCell("D9").numFmt]).toEqual(["#,##0.00", "0.0%"]);
  }, 120_000);

  test("the invoice sheets print on the contract's paper, landscape: A4 for euros, Letter for US dollars", async () => {
    for (const [currency, size] of [["EUR", /^841\.89 x 595\.\d+ pts \(A4\)/], ["USD", /^792 x 612 pts \(letter\)/]] as const) {
      const pages = printedPages(await initAndInvoice(`paper-${currency}.xlsx`, currency));
      const invoices = pages.filter((page) => /^INVOICE INV-000[12]$/.test(page.first));
      expect(invoices).toHaveLength(2);
      for (const page of invoices) expect(page.size).toMatch(size);
    }
  }, 180_000);
});
