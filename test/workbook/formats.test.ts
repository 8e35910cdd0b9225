/**
 * Number formats, column widths, the invoice sheet's header height and its paper, the same in
 * every port: in memory, in Excel (the fake) and in an .xlsx file (read back with exceljs).
 */
import type ExcelJS from "exceljs";
import { paperOf } from "../../src/core";
import { billingLogColumnsFor } from "../../src/workbook/formats";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, type MemoryState, emptyState } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook, columnWidthPoints } from "../../src/workbook/office-workbook";
import { INVOICE_LOG_HEADERS, LINE_LOG_HEADERS, NAMES, type WorkbookPort } from "../../src/workbook/port";
import { SAMPLE_MILESTONES, insertSample, sampleColumns } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { stateOfXlsx } from "../cli/xlsx-state";
import { editXlsx, loadXlsx } from "../support/exceljs-file";
import { fakeExcelRun } from "../support/fake-excel";
import { setMilestone, setSetting } from "./helpers";

/** A port, what it leaves as a MemoryState, and a way to type into its workbook as a person would. */
interface Port {
  name: string;
  port: WorkbookPort;
  state(): Promise<MemoryState>;
  edit(change: (state: MemoryState) => void): Promise<void>;
}

function memoryPort(): Port {
  const memory = new MemoryWorkbook(emptyState());
  return { name: "memory", port: memory, state: () => Promise.resolve(memory.state), edit: (change) => Promise.resolve(change(memory.state)) };
}

function officePort(): Port & { fake: ReturnType<typeof fakeExcelRun> } {
  const excel = emptyState();
  const fake = fakeExcelRun(excel);
  return { name: "Office.js", port: new OfficeWorkbook(fake.run), fake, state: () => Promise.resolve(excel), edit: (change) => Promise.resolve(change(excel)) };
}

/** The xlsx port, with its file as exceljs reads it, and a change made to that file as another program would. */
interface XlsxPort extends Port {
  file(): Promise<ExcelJS.Workbook>;
  editFile(change: (file: ExcelJS.Workbook) => void): Promise<void>;
}

function xlsxPort(): XlsxPort {
  let workbook = XlsxWorkbook.create();
  const holder: XlsxPort = {
    name: "xlsx",
    get port() {
      return workbook;
    },
    state: async () => stateOfXlsx(await workbook.toBuffer()),
    file: async () => loadXlsx(await workbook.toBuffer()),
    editFile: async (change) => {
      workbook = await XlsxWorkbook.fromBuffer(await editXlsx(await workbook.toBuffer(), change));
    },
    // A change typed into the file: the milestone cells by their place in the file.
    edit: async (change) => {
      const state = await stateOfXlsx(await workbook.toBuffer());
      change(state);
      await holder.editFile((file) => {
        for (const sheet of state.sheets) {
          const target = file.getWorksheet(sheet.name);
          sheet.cells.forEach((row, r) => row.forEach((value, c) => {
            const cell = target?.getCell(r + 1, c + 1);
            if (cell !== undefined && cell.value !== value && typeof value === "number") cell.value = value;
          }));
        }
      });
    },
  };
  return holder;
}

/** A sheet's number formats, by "row,column", in a stable order. */
async function formatsOf(port: Port, sheet: string): Promise<[string, string][]> {
  const found = (await port.state()).sheets.find((s) => s.name === sheet);
  return [...(found?.numberFormats.entries() ?? [])].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
}

const ports = (): Port[] => [memoryPort(), officePort(), xlsxPort()];

describe("number formats in every port", () => {
  it("Insert sample: percentages as %, amounts with separators and minor units, hours; the log's dates, amounts and text", async () => {
    const [memory, ...others] = ports();
    for (const port of [memory, ...others] as Port[]) await insertSample(port.port);
    const milestones = new Map(await formatsOf(memory as Port, NAMES.milestones));
    // CO1 (row 8): 9,500.00 and 40.0 %; T1 (row 6): 42.50 hours at 115.00; L1 (row 7): tax 9.0 %.
    expect([milestones.get("8,2"), milestones.get("8,3"), milestones.get("6,4"), milestones.get("6,5"), milestones.get("7,8")]).toEqual([
      "#,##0.00", "0.0%", "#,##0.00", "#,##0.00", "0.0%",
    ]);
    const log = new Map(await formatsOf(memory as Port, NAMES.logSheet));
    const invoiceColumn = (header: (typeof INVOICE_LOG_HEADERS)[number]) => log.get(`1,${INVOICE_LOG_HEADERS.indexOf(header)}`);
    const lineColumn = (header: (typeof LINE_LOG_HEADERS)[number]) => log.get(`1,${INVOICE_LOG_HEADERS.length + 1 + LINE_LOG_HEADERS.indexOf(header)}`);
    expect([invoiceColumn("Invoice date"), invoiceColumn("Period end"), invoiceColumn("Total due"), invoiceColumn("Check"), invoiceColumn("Number"), invoiceColumn("Lines")]).toEqual([
      "yyyy-mm-dd", "yyyy-mm-dd", "#,##0.00", "@", "@", "0",
    ]);
    expect([lineColumn("Line"), lineColumn("This period")]).toEqual(["@", "#,##0.00"]);
    for (const port of others) {
      expect({ port: port.name, formats: await formatsOf(port, NAMES.milestones) }).toEqual({ port: port.name, formats: await formatsOf(memory as Port, NAMES.milestones) });
      expect({ port: port.name, formats: await formatsOf(port, NAMES.logSheet) }).toEqual({ port: port.name, formats: await formatsOf(memory as Port, NAMES.logSheet) });
    }
  });

  it("every row the invoices add to the log keeps the column's format, in every port", async () => {
    const all = ports();
    for (const port of all) {
      await insertSample(port.port);
      expect(await generateInvoice(port.port, { invoiceDate: "2026-03-31" })).toMatchObject({ ok: true });
      await port.edit((state) => setMilestone(state, "M3", "% complete", 0.5));
      expect(await generateInvoice(port.port, { invoiceDate: "2026-04-30" })).toMatchObject({ ok: true, number: "INV-0002" });
    }
    const [memory, ...others] = all as [Port, ...Port[]];
    const log = new Map(await formatsOf(memory, NAMES.logSheet));
    const date = INVOICE_LOG_HEADERS.indexOf("Invoice date");
    const due = INVOICE_LOG_HEADERS.indexOf("Total due");
    const thisPeriod = INVOICE_LOG_HEADERS.length + 1 + LINE_LOG_HEADERS.indexOf("This period");
    expect([log.get(`2,${date}`), log.get(`2,${due}`), log.get(`16,${thisPeriod}`)]).toEqual(["yyyy-mm-dd", "#,##0.00", "#,##0.00"]);
    for (const port of others) {
      expect({ port: port.name, formats: await formatsOf(port, NAMES.logSheet) }).toEqual({ port: port.name, formats: await formatsOf(memory, NAMES.logSheet) });
    }
  }, 30_000);

  it("shows the log's Due date as a date, in every port", async () => {
    const all = ports();
    for (const port of all) await port.port.createBillingLog("EUR");
    const due = `1,${INVOICE_LOG_HEADERS.indexOf("Due date")}`;
    for (const port of all) expect({ port: port.name, due: new Map(await formatsOf(port, NAMES.logSheet)).get(due) }).toEqual({ port: port.name, due: "yyyy-mm-dd" });
    expect(billingLogColumnsFor("EUR").invoices[INVOICE_LOG_HEADERS.indexOf("Due date")]?.width).toBeGreaterThanOrEqual("Due date".length + 2);
  });

  it("formats the log for the contract's currency: no decimals for yen, three for dinars", async () => {
    for (const [currency, money] of [["JPY", "#,##0"], ["KWD", "#,##0.000"], ["EUR", "#,##0.00"]] as const) {
      const all = ports();
      for (const port of all) await port.port.createBillingLog(currency);
      const due = `1,${INVOICE_LOG_HEADERS.indexOf("Total due")}`;
      for (const port of all) expect({ port: port.name, currency, due: new Map(await formatsOf(port, NAMES.logSheet)).get(due) }).toEqual({ port: port.name, currency, due: money });
    }
  });

  it("sizes each column for its header and its values, in Excel and in the file", async () => {
    const office = officePort();
    const xlsx = xlsxPort();
    for (const port of [office, xlsx]) await insertSample(port.port);
    const widths = sampleColumns(2).map((column) => column.width);
    const headers = SAMPLE_MILESTONES[0] as string[];
    widths.forEach((width, c) => expect(width).toBeGreaterThanOrEqual((headers[c] as string).length + 2));
    // The longest description, on one line.
    expect(widths[1]).toBeGreaterThanOrEqual("Data migration support (time and materials, capped)".length);
    expect(office.fake.setup(NAMES.milestones)?.columnWidths).toEqual(widths.map(columnWidthPoints));
    const file = await xlsx.file();
    const fileWidth = (sheet: string, c: number) => Math.round((file.getWorksheet(sheet)?.getColumn(c + 1).width ?? 0) * 10) / 10;
    expect(headers.map((_, c) => fileWidth(NAMES.milestones, c))).toEqual(widths);
    const logWidths = billingLogColumnsFor("EUR").invoices.map((column) => column.width);
    expect(INVOICE_LOG_HEADERS.map((_, c) => fileWidth(NAMES.logSheet, c))).toEqual(logWidths);
    INVOICE_LOG_HEADERS.forEach((header, c) => expect(logWidths[c]).toBeGreaterThanOrEqual(header.length + 2));
  });
});

describe("the Contract sheet Insert sample and interim init write", () => {
  it("shows rates as percentages in every port, has a column wide enough for every setting's name, and prints on the contract's paper, in Excel and in the file", async () => {
    const [memory, office, xlsx] = [memoryPort(), officePort(), xlsxPort()];
    for (const port of [memory, office, xlsx]) await insertSample(port.port);
    const cells = (await memory.state()).sheets.find((s) => s.name === NAMES.settingsSheet)?.cells ?? [];
    const rowOf = (key: string): number => cells.findIndex((row) => row[0] === key);
    const formats = new Map(await formatsOf(memory, NAMES.settingsSheet));
    expect(["Retention rate", "Tax rate"].map((key) => formats.get(`${rowOf(key)},1`))).toEqual(["0.0%", "0.0%"]);
    expect(formats.get(`${rowOf("Supplier name")},1`)).toBeUndefined();
    for (const port of [office, xlsx]) {
      expect({ port: port.name, formats: await formatsOf(port, NAMES.settingsSheet) }).toEqual({ port: port.name, formats: await formatsOf(memory, NAMES.settingsSheet) });
    }
    const longest = Math.max(...cells.map((row) => String(row[0] ?? "").length));
    const settingWidth = longest + 2;
    expect(office.fake.setup(NAMES.settingsSheet)?.columnWidths[0]).toBe(columnWidthPoints(settingWidth));
    expect(office.fake.setup(NAMES.settingsSheet)).toMatchObject({ paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    const sheet = (await xlsx.file()).getWorksheet(NAMES.settingsSheet);
    expect([sheet?.getColumn(1).width, sheet?.pageSetup.paperSize, sheet?.pageSetup.fitToWidth]).toEqual([settingWidth, 9, 1]);
  });

  it("prints the milestones and the billing log on the contract's paper too", async () => {
    const [office, xlsx] = [officePort(), xlsxPort()];
    for (const port of [office, xlsx]) await insertSample(port.port);
    expect(office.fake.setup(NAMES.milestones)?.paperSize).toBe("A4");
    expect((await xlsx.file()).getWorksheet(NAMES.milestones)?.pageSetup.paperSize).toBe(9);
    for (const [currency, excelPaper, filePaper] of [["EUR", "A4", 9], ["USD", "Letter", 1]] as const) {
      const [office, xlsx] = [officePort(), xlsxPort()];
      for (const port of [office, xlsx]) await port.port.createBillingLog(currency);
      expect(office.fake.setup(NAMES.logSheet)?.paperSize).toBe(excelPaper);
      expect((await xlsx.file()).getWorksheet(NAMES.logSheet)?.pageSetup.paperSize).toBe(filePaper);
    }
  });
});

describe("the invoice sheet's header row and paper", () => {
  it("gives the wrapped header row the height of its longest header, in Excel and in the file", async () => {
    const office = officePort();
    const xlsx = xlsxPort();
    for (const port of [office, xlsx]) {
      await insertSample(port.port);
      expect(await generateInvoice(port.port, { invoiceDate: "2026-03-31" })).toMatchObject({ ok: true });
    }
    // "Materials presently stored (F)" takes three lines in its 15 characters.
    expect(office.fake.setup("INV-0001")?.formats).toContainEqual({ address: "A12:J12", property: "rowHeight", value: 45 });
    const file = await xlsx.file();
    expect(file.getWorksheet("INV-0001")?.getRow(12).height).toBe(45);
  });

  it("prints on the contract's paper: A4 for a euro contract, Letter for a US dollar one, in every port", async () => {
    for (const [currency, paper, excelPaper, filePaper] of [["EUR", "a4", "A4", 9], ["USD", "letter", "Letter", 1]] as const) {
      const memory = memoryPort();
      const office = officePort();
      const xlsx = xlsxPort();
      for (const port of [memory, office, xlsx]) {
        await insertSample(port.port);
        await port.edit((state) => setSetting(state, "Currency", currency));
        if (port === xlsx) {
          // The currency is text: typed into the file's settings cell.
          await xlsx.editFile((file) => file.getWorksheet(NAMES.settingsSheet)?.eachRow((row) => {
            if (row.getCell(1).value === "Currency") row.getCell(2).value = currency;
          }));
        }
        expect(await generateInvoice(port.port, { invoiceDate: "2026-03-31" })).toMatchObject({ ok: true, result: { currency } });
      }
      expect((await memory.state()).sheets.find((s) => s.name === "INV-0001")?.layout?.paper).toBe(paper);
      expect(office.fake.setup("INV-0001")?.paperSize).toBe(excelPaper);
      expect((await xlsx.file()).getWorksheet("INV-0001")?.pageSetup.paperSize).toBe(filePaper);
      expect(paperOf(currency)).toBe(paper);
    }
  });
});
