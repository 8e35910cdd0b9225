import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { type MemoryState, cellOf, findSheet, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { INVOICE_LOG_HEADERS, NAMES, type WorkbookPort } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { LibreOffice } from "../cli/libreoffice";
import { editXlsx, loadXlsx } from "../support/exceljs-file";
import { fakeExcelRun, filterTable, sortTable, typeInto } from "../support/fake-excel";
import { copyState, sampleWorkbook, setMilestone } from "./helpers";

/**
 * Edits Excel makes easy on the billing log: a column typed next to a table (which joins it),
 * a filter, a sort. Each still works, or is a problem found before anything is written.
 */

const DATES = ["2026-09-30", "2026-10-31", "2026-11-30"] as const;

/** The sample and its first invoice, in memory and in a fake Excel, and the same steps applied to both from then on. */
async function issuedTwins(): Promise<{ states: MemoryState[]; ports: WorkbookPort[] }> {
  const memory = await sampleWorkbook();
  const excel = (await sampleWorkbook()).state;
  const ports: WorkbookPort[] = [new OfficeWorkbook(fakeExcelRun(excel).run), memory];
  for (const port of ports) expect(await generateInvoice(port, { invoiceDate: DATES[0] })).toMatchObject({ ok: true });
  return { states: [excel, memory.state], ports };
}

/** A MemoryState without page setup, which the fake keeps elsewhere. */
function cellsOnly(state: MemoryState): string {
  return copyState({ ...state, sheets: state.sheets.map((sheet) => ({ ...sheet, layout: undefined })) });
}

function table(state: MemoryState, name: string): { values: ReturnType<typeof tableValues>; columns: number } {
  const found = findTable(state, name);
  if (found === undefined) throw new Error(`no table ${name}`);
  return { values: tableValues(state, found), columns: found.columns };
}

describe("a column typed next to a billing log table joins it (Excel's table auto-expansion)", () => {
  it("Office.js and memory: the log is read by its headers, and the next rows are written as wide as the tables, the added column left empty", async () => {
    const { states, ports } = await issuedTwins();
    for (const state of states) {
      // V is the column right of the invoices table (A:U), AE right of the lines table (W:AD).
      typeInto(state, NAMES.logSheet, "V2", "paid 12 Oct");
      typeInto(state, NAMES.logSheet, "AE3", "checked");
      setMilestone(state, "M4", "% complete", 0.5);
    }
    expect(table(states[0] as MemoryState, NAMES.invoicesTable).columns).toBe(INVOICE_LOG_HEADERS.length + 1);
    for (const port of ports) expect(await generateInvoice(port, { invoiceDate: DATES[1] })).toMatchObject({ ok: true, number: "INV-0002" });
    const [excel, memory] = states as [MemoryState, MemoryState];
    expect(cellsOnly(excel)).toBe(cellsOnly(memory));
    const invoices = table(excel, NAMES.invoicesTable).values;
    expect(invoices.map((row) => [row[0], row[INVOICE_LOG_HEADERS.length]])).toEqual([["Number", "Column1"], ["INV-0001", "paid 12 Oct"], ["INV-0002", null]]);
    expect(table(excel, NAMES.linesTable).values[2]?.[8]).toBe("checked");
  });

  it("xlsx, saved again by LibreOffice: a column added to each log table, and one moved, change nothing", async () => {
    const workdir = mkdtempSync(join(tmpdir(), "interim-log-edits-"));
    try {
      const created = XlsxWorkbook.create();
      await insertSample(created);
      expect(await generateInvoice(created, { invoiceDate: DATES[0] })).toMatchObject({ ok: true });
      const edited = await editXlsx(await created.toBuffer(), (book) => {
        setProgress(book, 0.5);
        const sheet = book.getWorksheet(NAMES.logSheet);
        // exceljs's typings leave out the table model it reads and writes.
        const tables = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; autoFilterRef?: string; columns: { name: string }[] } }> } | undefined)?.tables;
        const invoices = tables?.[NAMES.invoicesTable]?.table;
        const lines = tables?.[NAMES.linesTable]?.table;
        if (sheet === undefined || invoices === undefined || lines === undefined) throw new Error("no billing log");
        // The lines table (W:AD) moves one column right, to make room for a "Paid" column beside the invoices table.
        for (let row = 1; row <= 9; row += 1) {
          for (let column = 30; column >= 23; column -= 1) sheet.getCell(row, column + 1).value = sheet.getCell(row, column).value;
          sheet.getCell(row, 23).value = null;
        }
        lines.tableRef = "X1:AF9";
        lines.autoFilterRef = "X1:AF9";
        lines.columns.push({ name: "Checked" });
        sheet.getCell("AF1").value = "Checked";
        sheet.getCell("AF3").value = "yes";
        invoices.tableRef = "A1:V2";
        invoices.autoFilterRef = "A1:V2";
        invoices.columns.push({ name: "Paid" });
        sheet.getCell("V1").value = "Paid";
        sheet.getCell("V2").value = "12 Oct";
      });
      const file = join(workdir, "log.xlsx");
      writeFileSync(file, edited);
      new LibreOffice(workdir).convert(file, "xlsx:Calc MS Excel 2007 XML", join(workdir, "resaved"));
      const workbook = await XlsxWorkbook.fromBuffer(readFileSync(join(workdir, "resaved", "log.xlsx")));
      expect(await generateInvoice(workbook, { invoiceDate: DATES[1] })).toMatchObject({ ok: true, number: "INV-0002" });
      const log = (await loadXlsx(await workbook.toBuffer())).getWorksheet(NAMES.logSheet);
      expect([log?.getCell("A3").value, log?.getCell("V2").value, log?.getCell("V3").value, log?.getCell("AF3").value]).toEqual(["INV-0002", "12 Oct", null, "yes"]);
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("a filter on the billing log", () => {
  it("Office.js and memory: rows hidden in a log table are a problem at the table, before anything is written", async () => {
    const { states, ports } = await issuedTwins();
    for (const state of states) {
      filterTable(state, NAMES.linesTable, "Line", (value) => value !== "M3");
      setMilestone(state, "M4", "% complete", 0.5);
    }
    const before = states.map(cellsOnly);
    for (const port of ports) {
      expect(await generateInvoice(port, { invoiceDate: DATES[1] })).toEqual({
        ok: false,
        problems: [{ code: "LOG_FILTERED", sheet: NAMES.logSheet, cell: "W1", message: expect.stringContaining("Show them all (Data > Clear") }],
      });
    }
    expect(states.map(cellsOnly)).toEqual(before);
  });

  it("xlsx: a row a filter hid when the file was saved is the same problem", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    expect(await generateInvoice(created, { invoiceDate: DATES[0] })).toMatchObject({ ok: true });
    const hidden = await editXlsx(await created.toBuffer(), (book) => {
      const row = book.getWorksheet(NAMES.logSheet)?.getRow(2);
      if (row === undefined) throw new Error("no billing log");
      row.hidden = true;
    });
    const workbook = await XlsxWorkbook.fromBuffer(hidden);
    // A sheet row holds a row of each table, side by side: both are hidden.
    expect(await generateInvoice(workbook, { invoiceDate: DATES[1] })).toMatchObject({
      ok: false,
      problems: [{ code: "LOG_FILTERED", sheet: NAMES.logSheet, cell: "A1" }, { code: "LOG_FILTERED", sheet: NAMES.logSheet, cell: "W1" }],
    });
  });

  it("the fake Excel, as office-js #994 reports: a table row deleted while rows are hidden stays", async () => {
    const { states } = await issuedTwins();
    const excel = states[0] as MemoryState;
    filterTable(excel, NAMES.linesTable, "Line", (value) => value !== "M3");
    await fakeExcelRun(excel).run(async (context) => {
      context.workbook.tables.getItem(NAMES.linesTable).rows.getItemAt(0).delete();
      await context.sync();
    });
    expect(table(excel, NAMES.linesTable).values).toHaveLength(9);
  });
});

describe("a sorted billing log", () => {
  it("Office.js, memory and xlsx: invoices sorted by number descending and lines by line carry forward as the log in issue order does", async () => {
    const { states, ports } = await issuedTwins();
    const created = XlsxWorkbook.create();
    await insertSample(created);
    expect(await generateInvoice(created, { invoiceDate: DATES[0] })).toMatchObject({ ok: true });
    const unsorted = await sampleWorkbook();
    expect(await generateInvoice(unsorted, { invoiceDate: DATES[0] })).toMatchObject({ ok: true });
    for (const state of [...states, unsorted.state]) setMilestone(state, "M4", "% complete", 0.5);
    const progressed = await XlsxWorkbook.fromBuffer(await editXlsx(await created.toBuffer(), (book) => setProgress(book, 0.5)));
    const all = [...ports, progressed, unsorted];
    for (const port of all) expect(await generateInvoice(port, { invoiceDate: DATES[1] })).toMatchObject({ ok: true, number: "INV-0002" });
    for (const port of all) expect(await issueCreditNote(port, { date: DATES[1] })).toMatchObject({ ok: true });
    for (const state of states) {
      sortTable(state, NAMES.invoicesTable, "Number", "descending");
      sortTable(state, NAMES.linesTable, "Line", "ascending");
    }
    const sorted = await editXlsx(await progressed.toBuffer(), (book) => {
      reverseRows(book, "A", "T");
      reverseRows(book, "V", "AC");
    });
    const xlsx = await XlsxWorkbook.fromBuffer(sorted);
    const logSheet = findSheet(states[0] as MemoryState, NAMES.logSheet);
    expect(logSheet && [1, 2, 3].map((r) => cellOf(logSheet, r, 0))).toEqual(["INV-0002", "INV-0001", "CN-0001"]);
    const expected = await generateInvoice(unsorted, { invoiceDate: DATES[2] });
    expect(expected).toMatchObject({ ok: true, number: "INV-0003" });
    for (const port of [...ports, xlsx]) {
      const outcome = await generateInvoice(port, { invoiceDate: DATES[2] });
      expect(outcome.ok && outcome.result).toEqual(expected.ok && expected.result);
    }
  });
});

/** M4's % complete (D5) in an .xlsx. */
function setProgress(workbook: ExcelJS.Workbook, value: number): void {
  const sheet = workbook.getWorksheet(NAMES.milestones);
  if (sheet === undefined) throw new Error("no milestone sheet");
  sheet.getCell("D5").value = value;
}

/** The data rows of a log table in an .xlsx, between two columns, in reverse order: a sort by hand. */
function reverseRows(workbook: ExcelJS.Workbook, from: string, to: string): void {
  const sheet = workbook.getWorksheet(NAMES.logSheet);
  if (sheet === undefined) throw new Error("no billing log");
  const first = sheet.getColumn(from).number;
  const last = sheet.getColumn(to).number;
  let bottom = 1;
  while (sheet.getCell(bottom + 1, first).value !== null) bottom += 1;
  const rows = Array.from({ length: bottom - 1 }, (_, r) => Array.from({ length: last - first + 1 }, (_, c) => sheet.getCell(r + 2, first + c).value));
  rows.reverse().forEach((row, r) => row.forEach((value, c) => (sheet.getCell(r + 2, first + c).value = value)));
}
