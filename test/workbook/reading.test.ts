import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { type MemoryState, MemoryWorkbook, cellOf, findSheet, findTable, setCell } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { type CellValue, INVOICE_LOG_HEADERS, NAMES, type WorkbookPort } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { LibreOffice } from "../cli/libreoffice";
import { editXlsx } from "../support/exceljs-file";
import { fakeExcelRun } from "../support/fake-excel";
import { copyState, sampleWorkbook, setMilestone } from "./helpers";

/**
 * Reading a workbook as Excel holds it, in each port: what a person does with a click in Excel
 * (a total row, a merge, a date format) must never change what is billed without a word.
 */

const FIRST = { invoiceDate: "2026-09-30" };
const SECOND = { invoiceDate: "2026-10-31" };

let workdir: string;
let office: LibreOffice;
beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "interim-reading-"));
  office = new LibreOffice(workdir);
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** An .xlsx as a LibreOffice user leaves it: opened and saved again there. */
function resavedByLibreOffice(name: string, bytes: Buffer): Buffer {
  const file = join(workdir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  office.convert(file, "xlsx:Calc MS Excel 2007 XML", join(workdir, "resaved"));
  return readFileSync(join(workdir, "resaved", `${name}.xlsx`));
}

/** The same sample workbook twice: in memory, and in a fake Excel behind OfficeWorkbook. */
async function twins(edit: (state: MemoryState) => void): Promise<{ memory: MemoryWorkbook; office: OfficeWorkbook; excel: MemoryState }> {
  const memory = await sampleWorkbook();
  edit(memory.state);
  const excel = (await sampleWorkbook()).state;
  edit(excel);
  return { memory, office: new OfficeWorkbook(fakeExcelRun(excel).run), excel };
}

/** A MemoryState without page setup, which the fake keeps elsewhere. */
function cellsOnly(state: MemoryState): string {
  return copyState({ ...state, sheets: state.sheets.map((sheet) => ({ ...sheet, layout: undefined })) });
}

async function contractSum(port: WorkbookPort): Promise<string> {
  const outcome = await generateInvoice(port, FIRST);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.result.summary.contractSumToDate;
}

/** A total row under a table, as Table Design > Total Row adds it: a label and sums. */
function addTotalRow(state: MemoryState, tableName: string, cells: Record<number, CellValue>): void {
  const table = findTable(state, tableName);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error(`no table ${tableName}`);
  table.totalRow = true;
  for (const [column, value] of Object.entries(cells)) setCell(sheet, table.top + table.rows, table.left + Number(column), value);
}

const SAMPLE_SUM = 224500;

describe("a table's total row (Table Design > Total Row) is no data", () => {
  it("Office.js and memory: the contract sum is the lines' alone, and log rows go above the log's total rows", async () => {
    const plain = await contractSum(await sampleWorkbook());
    const { memory, office, excel } = await twins((state) => {
      addTotalRow(state, NAMES.milestones, { 0: "Total", 2: SAMPLE_SUM });
      addTotalRow(state, NAMES.invoicesTable, { 0: "Total", [INVOICE_LOG_HEADERS.indexOf("Total due")]: 0 });
      addTotalRow(state, NAMES.linesTable, { 0: "Total" });
    });
    expect(await contractSum(office)).toBe(plain);
    expect(await contractSum(memory)).toBe(plain);
    for (const state of [excel, memory.state]) setMilestone(state, "M4", "% complete", 0.5);
    expect(await generateInvoice(office, SECOND)).toMatchObject({ ok: true, number: "INV-0002" });
    expect(await generateInvoice(memory, SECOND)).toMatchObject({ ok: true, number: "INV-0002" });
    expect(cellsOnly(excel)).toBe(cellsOnly(memory.state));
    const log = findTable(excel, NAMES.invoicesTable);
    const sheet = findSheet(excel, NAMES.logSheet);
    if (log === undefined || sheet === undefined) throw new Error("no billing log");
    expect([1, 2, 3].map((r) => cellOf(sheet, log.top + r, log.left))).toEqual(["INV-0001", "INV-0002", "Total"]);
  });

  it("xlsx: a total row LibreOffice kept is left out of the milestones", async () => {
    const plain = await contractSum(await sampleWorkbook());
    const created = XlsxWorkbook.create();
    await insertSample(created);
    const edited = await editXlsx(await created.toBuffer(), (workbook) => {
      const sheet = workbook.getWorksheet(NAMES.milestones);
      // exceljs's typings leave out the table model it reads and writes.
      const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; totalsRow: boolean } }> } | undefined)?.tables[NAMES.milestones]?.table;
      if (sheet === undefined || table === undefined) throw new Error("no milestone table");
      table.tableRef = "A1:I10";
      table.totalsRow = true;
      sheet.getCell("A10").value = "Total";
      sheet.getCell("C10").value = { formula: "SUBTOTAL(109,Milestones[Scheduled value])", result: SAMPLE_SUM };
    });
    const bytes = resavedByLibreOffice("total-row", edited);
    expect(await contractSum(await XlsxWorkbook.fromBuffer(bytes))).toBe(plain);
    expect((await (await XlsxWorkbook.fromBuffer(bytes)).read(NAMES.milestones)).milestones?.values).toHaveLength(9);
  }, 120_000);

  it("xlsx: settings are not written over a settings table's total row", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    const edited = await editXlsx(await created.toBuffer(), (book) => {
      const sheet = book.getWorksheet(NAMES.settingsSheet) as unknown as { tables: Record<string, { table: { totalsRow: boolean } }> };
      const settings = sheet.tables[NAMES.settingsTable]?.table;
      if (settings === undefined) throw new Error("no settings table");
      settings.totalsRow = true;
    });
    const workbook = await XlsxWorkbook.fromBuffer(edited);
    await expect(workbook.writeSettings([{ key: "Purchase order", value: "PO-1", row: undefined }], false)).rejects.toThrow(/has a total row; remove it/);
  });
});

/** The sample with M1's and M2's scheduled values merged (C2:C3), as Excel keeps it: the value in C2 alone. */
function mergeScheduledValues(state: MemoryState): void {
  const sheet = findSheet(state, NAMES.milestones);
  if (sheet === undefined) throw new Error("no milestone sheet");
  setCell(sheet, 2, 2, null);
  sheet.merges.push({ top: 1, left: 2, rows: 2, columns: 1 });
}

const MERGE_PROBLEM = { code: "MERGED_CELLS", sheet: NAMES.milestones, cell: "C2", message: expect.stringContaining("C2:C3 are merged") };

describe("merged cells hold one value, and are reported", () => {
  it("Office.js (ExcelApi 1.13) and memory: the merge is a problem at its cell, and nothing is written", async () => {
    const { memory, office, excel } = await twins(mergeScheduledValues);
    const before = cellsOnly(excel);
    for (const port of [office, memory]) {
      const outcome = await generateInvoice(port, FIRST);
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.problems).toContainEqual(MERGE_PROBLEM);
    }
    expect(cellsOnly(excel)).toBe(before);
  });

  it("Office.js without ExcelApi 1.13: the merged area's value is read once, and nothing is billed twice", async () => {
    const global = globalThis as { Office?: unknown };
    const own = global.Office;
    global.Office = { context: { requirements: { isSetSupported: (set: string, version: string) => set === "ExcelApi" && Number(version.split(".")[1]) <= 12 } } };
    try {
      const { office } = await twins(mergeScheduledValues);
      const snapshot = await office.read(NAMES.milestones);
      expect(snapshot.milestones?.merges).toEqual([]);
      expect(snapshot.milestones?.values.map((row) => row[2])).toEqual(["Scheduled value", 18000, null, 96000, 30000, 12000, 15000, 20000, 9500]);
    } finally {
      global.Office = own;
    }
  });

  it("xlsx, merged by exceljs and saved again by LibreOffice: the value is read once, the merge is a problem, and with a date in an amount column both are reported", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    const edited = await editXlsx(await created.toBuffer(), (workbook) => {
      const sheet = workbook.getWorksheet(NAMES.milestones);
      if (sheet === undefined) throw new Error("no milestone sheet");
      sheet.mergeCells("C2:C3");
      // M4's scheduled value typed as a date: Excel shows 2026-01-14 and holds 46036.
      sheet.getCell("C5").value = 46036;
      sheet.getCell("C5").numFmt = "dd/mm/yyyy";
    });
    const bytes = resavedByLibreOffice("merged", edited);
    const workbook = await XlsxWorkbook.fromBuffer(bytes);
    const snapshot = await workbook.read(NAMES.milestones);
    expect(snapshot.milestones?.values.map((row) => row[2])).toEqual(["Scheduled value", 18000, null, 96000, 46036, 12000, 15000, 20000, 9500]);
    const outcome = await generateInvoice(workbook, FIRST);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems).toEqual(
      expect.arrayContaining([
        MERGE_PROBLEM,
        { code: "DATE_WHERE_NUMBER", sheet: NAMES.milestones, cell: "C5", message: expect.stringContaining("C5 holds a date (2026-01-14), where an amount is expected") },
      ]),
    );
  }, 120_000);
});

describe("a number formatted as a date or time is no amount, rate or quantity", () => {
  it("Office.js and memory: a date in an amount column and a time in a rate column are problems at their cells", async () => {
    const { memory, office, excel } = await twins((state) => {
      setMilestone(state, "M4", "Scheduled value", 46036);
      setMilestone(state, "M2", "% complete", 0.5);
      const sheet = findSheet(state, NAMES.milestones);
      sheet?.numberFormats.set("4,2", "d/m/yyyy");
      sheet?.numberFormats.set("2,3", "h:mm");
    });
    const before = cellsOnly(excel);
    for (const port of [office, memory]) {
      const outcome = await generateInvoice(port, FIRST);
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.problems).toEqual([
        { code: "DATE_WHERE_NUMBER", sheet: NAMES.milestones, cell: "C5", message: expect.stringContaining("C5 holds a date (2026-01-14), where an amount is expected") },
        { code: "DATE_WHERE_NUMBER", sheet: NAMES.milestones, cell: "D3", message: expect.stringContaining("D3 holds a time (12:00), where a percentage is expected") },
      ]);
    }
    expect(cellsOnly(excel)).toBe(before);
  });

  it("a date format on a text or an empty cell, or on a column Interim does not read as a number, is no problem", async () => {
    const { memory, office } = await twins((state) => {
      const sheet = findSheet(state, NAMES.milestones);
      sheet?.numberFormats.set("1,0", "yyyy-mm-dd");
      sheet?.numberFormats.set("1,4", "yyyy-mm-dd");
      sheet?.numberFormats.set("1,1", "yyyy-mm-dd");
    });
    for (const port of [office, memory]) expect(await generateInvoice(port, FIRST)).toMatchObject({ ok: true });
  });
});

describe("the names a workbook already uses", () => {
  it("lists every defined name and table name, in an .xlsx file as in memory", async () => {
    const xlsx = XlsxWorkbook.create();
    const memory = new MemoryWorkbook();
    for (const port of [xlsx, memory]) {
      await insertSample(port);
      expect(await generateInvoice(port, FIRST)).toMatchObject({ ok: true });
    }
    const named = await editXlsx(await xlsx.toBuffer(), (workbook) => workbook.definedNames.add("'Settings'!$B$2", "TaxRate"));
    memory.state.names.push({ name: "TaxRate", sheet: NAMES.settingsSheet });
    const fromFile = await (await XlsxWorkbook.fromBuffer(named)).read(NAMES.milestones);
    const inMemory = await memory.read(NAMES.milestones);
    expect(fromFile.definedNames.sort()).toEqual(["InterimSheet_INV_002D0001", "TaxRate"]);
    expect(fromFile.definedNames.sort()).toEqual(inMemory.definedNames.sort());
    expect(fromFile.tableNames.sort()).toEqual([NAMES.invoicesTable, NAMES.linesTable, NAMES.settingsTable, NAMES.milestones].sort());
    expect(fromFile.tableNames.sort()).toEqual(inMemory.tableNames.sort());
  });
});

describe("workbooks LibreOffice saved", () => {
  it("open, with or without the empty custom-properties part LibreOffice may write; a workbook with a custom property keeps it when written", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    const bytes = resavedByLibreOffice("plain", await created.toBuffer());
    // LibreOffice's own custom-properties part, where it writes one, holds no property.
    expect((await unzipped(bytes, "docProps/custom.xml")) ?? "").not.toMatch(/<property\b/);
    await expect(XlsxWorkbook.fromBuffer(bytes)).resolves.toBeInstanceOf(XlsxWorkbook);
    const zip = await JSZip.loadAsync(bytes);
    zip.file(
      "docProps/custom.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_Enabled"><vt:lpwstr>true</vt:lpwstr></property></Properties>',
    );
    const labelled = await zip.generateAsync({ type: "nodebuffer" });
    const written = await (await XlsxWorkbook.fromBuffer(labelled)).toBuffer();
    expect(await unzipped(written, "docProps/custom.xml")).toMatch(/name="MSIP_Label_Enabled"/);
  }, 120_000);
});

async function unzipped(bytes: Buffer, part: string): Promise<string | undefined> {
  return (await JSZip.loadAsync(bytes)).file(part)?.async("string");
}
