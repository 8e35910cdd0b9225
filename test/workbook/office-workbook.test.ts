import { EMPTY_LOG } from "../../src/workbook/billing-log";
import {
  type MemorySheet,
  type MemoryState,
  MemoryWorkbook,
  emptyState,
  newSheet,
  setCell,
} from "../../src/workbook/memory-workbook";
import { OfficeWorkbook, columnWidthPoints } from "../../src/workbook/office-workbook";
import { markerName, referredSheet } from "../../src/workbook/port-helpers";
import { type CellValue, INVOICE_LOG_HEADERS, LINE_LOG_HEADERS, type LogCommit, NAMES, type SheetLayout } from "../../src/workbook/port";
import { PAYLOAD_LIMIT_BYTES, fakeExcelRun } from "../support/fake-excel";

/** Places a table's cells on a sheet and registers it, as a workbook built by hand would hold it. */
function addTable(state: MemoryState, sheet: MemorySheet, name: string, top: number, left: number, values: CellValue[][]): void {
  values.forEach((row, r) => row.forEach((value, c) => setCell(sheet, top + r, left + c, value)));
  state.tables.push({ name, sheet: sheet.name, top, left, rows: values.length, columns: values[0]?.length ?? 0 });
}

const milestoneValues: CellValue[][] = [
  ["Code", "Description", "Scheduled value", "Previously completed", "This period", "Retention rate"],
  ["M1", "Site preparation", 12000, 12000, 0, 0.05],
  ["M2", "Foundations", 48000.5, 20000, 8000, null],
  ["M3", "Frame", 96000, 0, null, true],
];

/** A workbook after one issued invoice: milestones, settings, the billing log, an Interim sheet and a user's name. */
function issuedWorkbook(): MemoryState {
  const state = emptyState();
  const schedule = newSheet("Schedule");
  setCell(schedule, 0, 0, "Contract schedule");
  addTable(state, schedule, "Milestones", 2, 1, milestoneValues);
  const contract = newSheet(NAMES.settingsSheet);
  addTable(state, contract, NAMES.settingsTable, 0, 0, [["Setting", "Value"], ["Currency", "EUR"], ["Next number", 2], ["Retention rate", 0.05]]);
  const log = newSheet(NAMES.logSheet);
  const invoiceRow = INVOICE_LOG_HEADERS.map((_, c) => (c === 0 ? "INV-0001" : c === 1 ? "Progress" : c * 10));
  addTable(state, log, NAMES.invoicesTable, 0, 0, [[...INVOICE_LOG_HEADERS], invoiceRow]);
  addTable(state, log, NAMES.linesTable, 0, INVOICE_LOG_HEADERS.length + 1, [[...LINE_LOG_HEADERS], ["INV-0001", "M1", 12000, 0, 12000, 0, 12000, 600]]);
  const invoice = newSheet("INV-0001", [["Invoice INV-0001"]]);
  invoice.protected = true;
  state.sheets.push(schedule, contract, log, invoice, newSheet("Notes", [["free text"]]));
  state.names.push({ name: markerName("INV-0001"), sheet: "INV-0001" }, { name: "TaxRate", sheet: "Notes" });
  return state;
}

/** A MemoryState as it compares: cells without trailing empties, and no page setup (compared separately). */
function comparable(state: MemoryState): unknown {
  const trim = (cells: CellValue[][]): CellValue[][] => {
    const rows = cells.map((row) => {
      const copy = [...row];
      while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
      return copy;
    });
    while (rows.length > 0 && (rows[rows.length - 1] as CellValue[]).length === 0) rows.pop();
    return rows;
  };
  return {
    sheets: state.sheets.map((sheet) => ({ name: sheet.name, cells: trim(sheet.cells), protected: sheet.protected, numberFormats: sheet.numberFormats })),
    tables: state.tables,
    names: state.names,
  };
}

/** The same workbook twice: one for the memory workbook, one behind the fake Excel. */
function twins(build: () => MemoryState): { memory: MemoryWorkbook; office: OfficeWorkbook; fake: ReturnType<typeof fakeExcelRun>; excel: MemoryState } {
  const excel = build();
  const fake = fakeExcelRun(excel);
  return { memory: new MemoryWorkbook(build()), office: new OfficeWorkbook(fake.run), fake, excel };
}

const layout: SheetLayout = {
  name: "INV-0002",
  blocks: [
    // Strings Excel would otherwise take for a number, a boolean or a formula.
    { top: 0, left: 0, values: [["Invoice", "0002"], ["Status", "TRUE"], ["Note", "-5% on late payment"], ["Ref", "=not a formula"]], numberFormat: "@" },
    { top: 5, left: 0, values: [["Code", "Description", "This period"]], bold: true, wrap: true, fill: "#DCE6F0", borderBottom: true },
    { top: 6, left: 0, values: [["M1", "Site preparation", 0], ["M2", null, 8000], ["M3", "Frame"]], numberFormat: ["@", "@", "#,##0.00"] },
    { top: 10, left: 1, values: [["Total due (EUR)", 8000]], numberFormat: ["@"], bold: true },
  ],
  columnWidths: [10, 40, 8.43],
  printArea: "A1:C11",
  orientation: "landscape",
  paper: "letter",
  fitToPagesWide: 1,
  printTitleRows: "6:6",
};

function commitFor(sheet: string, createLog: boolean): LogCommit {
  return {
    invoiceRow: INVOICE_LOG_HEADERS.map((_, c) => (c === 0 ? sheet : c === 1 ? "Progress" : c)),
    lineRows: [
      [sheet, "M1", 12000, 12000, 0, 0, 12000, 600],
      [sheet, "M2", 48000.5, 20000, 8000, 0, 28000, null],
    ],
    createLog,
    // A log just created is empty: its first rows fill the blank row of each table.
    placement: { invoices: { ...EMPTY_LOG.placement.invoices, fillFirstRow: createLog }, lines: { ...EMPTY_LOG.placement.lines, fillFirstRow: createLog } },
    settings: [
      { key: "Next number", value: 3, row: 1 },
      { key: "Last invoice", value: sheet, row: undefined },
    ],
    lockSheet: sheet,
    time: undefined,
  };
}

function expectSetupMatches(fake: ReturnType<typeof fakeExcelRun>, memory: MemoryWorkbook, sheet: string): void {
  const written = memory.state.sheets.find((s) => s.name === sheet)?.layout;
  const setup = fake.setup(sheet);
  expect(written).toBeDefined();
  expect(setup).toBeDefined();
  if (written === undefined || setup === undefined) return;
  expect(setup.columnWidths).toEqual(written.columnWidths.map(columnWidthPoints));
  expect(setup.orientation).toBe(written.orientation === "landscape" ? "Landscape" : "Portrait");
  expect(setup.paperSize).toBe(written.paper === "letter" ? "Letter" : "A4");
  expect(setup.zoom).toEqual({ horizontalFitToPages: written.fitToPagesWide, verticalFitToPages: 0 });
  expect(setup.printArea).toBe(written.printArea);
  expect(setup.printTitleRows).toBe(written.printTitleRows);
}

describe("OfficeWorkbook.read", () => {
  it("gives the memory workbook's snapshot of the same workbook, in one sync", async () => {
    const { memory, office, fake } = twins(issuedWorkbook);
    const snapshot = await office.read("Milestones");
    expect(snapshot).toEqual(await memory.read("Milestones"));
    expect(snapshot.milestones).toMatchObject({ sheet: "Schedule", top: 2, left: 1 });
    expect(snapshot.interimSheets).toEqual(["INV-0001"]);
    expect(snapshot.definedNames).toEqual([markerName("INV-0001"), "TaxRate"]);
    expect(snapshot.tableNames).toEqual(["Milestones", NAMES.settingsTable, NAMES.invoicesTable, NAMES.linesTable]);
    expect(fake.syncCount()).toBe(1);
  });

  it("falls back to a sheet of that name, its cells from A1, when there is no such table", async () => {
    const build = (): MemoryState => {
      const state = emptyState();
      const sheet = newSheet("Milestones");
      // The region starts at B2: Excel's used range starts there, the memory workbook at A1.
      milestoneValues.forEach((row, r) => row.forEach((value, c) => setCell(sheet, 1 + r, 1 + c, value)));
      state.sheets.push(sheet, newSheet("Empty"));
      return state;
    };
    const { memory, office, fake } = twins(build);
    expect(await office.read("milestones")).toEqual(await memory.read("milestones"));
    expect(await office.read("Empty")).toEqual(await memory.read("Empty"));
    expect(await office.read("Nowhere")).toEqual(await memory.read("Nowhere"));
    expect((await office.read("Nowhere")).milestones).toBeUndefined();
    expect(fake.syncCount()).toBe(4);
  });

  it("reads a 10,000-line milestone table in one sync", async () => {
    const build = (): MemoryState => {
      const state = emptyState();
      const sheet = newSheet("Schedule");
      const rows = Array.from({ length: 10_000 }, (_, i): CellValue[] => [`M${i + 1}`, `Milestone ${i + 1}`, 1000 + i, i % 7 === 0 ? null : 250, 0.05]);
      addTable(state, sheet, "Milestones", 0, 0, [["Code", "Description", "Scheduled value", "This period", "Retention rate"], ...rows]);
      state.sheets.push(sheet);
      return state;
    };
    const { memory, office, fake } = twins(build);
    const snapshot = await office.read("Milestones");
    expect(fake.syncCount()).toBe(1);
    expect(snapshot.milestones?.values).toHaveLength(10_001);
    expect(snapshot).toEqual(await memory.read("Milestones"));
  });

  it("finds the sheet in a marker's formula, quoted or not, and skips a marker whose sheet was deleted", () => {
    expect(referredSheet("='INV-0004'!$A$1")).toBe("INV-0004");
    expect(referredSheet("='Bob''s draft'!$A$1")).toBe("Bob's draft");
    expect(referredSheet("=Sheet1!$A$1")).toBe("Sheet1");
    expect(referredSheet("=#REF!$A$1")).toBeUndefined();
  });
});

describe("OfficeWorkbook writes", () => {
  it("leaves the workbook as the memory workbook does after Generate: read, write the sheet, commit (3 syncs)", async () => {
    const { memory, office, fake, excel } = twins(issuedWorkbook);
    for (const port of [memory, office]) {
      await port.read("Milestones");
      await port.writeInvoiceSheet(layout, undefined);
      await port.commitInvoice(commitFor("INV-0002", false));
    }
    expect(fake.syncCount()).toBe(3);
    expect(comparable(excel)).toEqual(comparable(memory.state));
    expectSetupMatches(fake, memory, "INV-0002");
    // The strings stay the text they were, not a number, a boolean or a formula.
    expect(excel.sheets.find((s) => s.name === "INV-0002")?.cells.slice(0, 4)).toEqual([["Invoice", "0002"], ["Status", "TRUE"], ["Note", "-5% on late payment"], ["Ref", "=not a formula"]]);
    expect(fake.setup("INV-0002")?.formats).toEqual(
      expect.arrayContaining([
        { address: "A6:C6", property: "font.bold", value: true },
        { address: "A6:C6", property: "fill.color", value: "#DCE6F0" },
        { address: "A6:C6", property: "wrapText", value: true },
        { address: "A6:C6", property: "borders.EdgeBottom.style", value: "Continuous" },
        { address: "B11:C11", property: "font.bold", value: true },
      ]),
    );
  });

  it("creates the billing log on the first commit, as the memory workbook does", async () => {
    const build = (): MemoryState => {
      const state = issuedWorkbook();
      state.sheets = state.sheets.filter((s) => s.name !== NAMES.logSheet);
      state.tables = state.tables.filter((t) => t.sheet !== NAMES.logSheet);
      return state;
    };
    const { memory, office, fake, excel } = twins(build);
    for (const port of [memory, office]) {
      await port.writeInvoiceSheet(layout, undefined);
      await port.commitInvoice(commitFor("INV-0002", true));
    }
    expect(fake.syncCount()).toBe(2);
    expect(comparable(excel)).toEqual(comparable(memory.state));
  });

  it("replaces a draft and its marker, as the memory workbook does", async () => {
    const { memory, office, fake, excel } = twins(issuedWorkbook);
    const redrawn: SheetLayout = { ...layout, blocks: [{ top: 0, left: 0, values: [["Redrawn"]] }], printTitleRows: undefined };
    for (const port of [memory, office]) {
      await port.writeInvoiceSheet(layout, undefined);
      await port.writeInvoiceSheet(redrawn, "INV-0002");
    }
    expect(fake.syncCount()).toBe(2);
    expect(comparable(excel)).toEqual(comparable(memory.state));
    expect(excel.names.filter((n) => n.name === markerName("INV-0002"))).toEqual([{ name: markerName("INV-0002"), sheet: "INV-0002" }]);
    expect(fake.setup("INV-0002")?.printTitleRows).toBeUndefined();
  });

  it("writes settings and creates a milestone table as the memory workbook does, one sync each", async () => {
    const { memory, office, fake, excel } = twins(emptyState);
    for (const port of [memory, office]) {
      await port.writeSettings(
        [
          { key: "Currency", value: "EUR", row: undefined },
          { key: "Contract sum", value: 250000, row: undefined },
        ],
        true,
      );
      await port.writeSettings([{ key: "Currency", value: "GBP", row: 0 }, { key: "Tax rate", value: null, row: undefined }], false);
      await port.createMilestoneTable("Milestones", "Schedule", milestoneValues);
    }
    expect(fake.syncCount()).toBe(3);
    expect(comparable(excel)).toEqual(comparable(memory.state));
  });

  it("writes a 10,000-row block in one sync", async () => {
    const { memory, office, fake, excel } = twins(issuedWorkbook);
    const rows = Array.from({ length: 10_000 }, (_, i): CellValue[] => [`M${i + 1}`, `Milestone ${i + 1}`, 1000 + i, 250, 0.05, null, 1250 + i, 62.5]);
    const big: SheetLayout = { ...layout, blocks: [{ top: 0, left: 0, values: rows, numberFormat: ["@", "@", "#,##0.00"] }] };
    for (const port of [memory, office]) await port.writeInvoiceSheet(big, undefined);
    expect(fake.syncCount()).toBe(1);
    expect(comparable(excel)).toEqual(comparable(memory.state));
  });

  it("splits a block too large for one request into chunks, each under Excel on the web's 5 MB", async () => {
    const { memory, office, fake, excel } = twins(issuedWorkbook);
    const text = "x".repeat(40);
    const rows = Array.from({ length: 30_000 }, (_, i): CellValue[] => [i, ...Array.from({ length: 10 }, () => text)]);
    const huge: SheetLayout = { ...layout, blocks: [{ top: 0, left: 0, values: rows }] };
    expect(JSON.stringify(rows).length).toBeGreaterThan(2 * PAYLOAD_LIMIT_BYTES);
    for (const port of [memory, office]) await port.writeInvoiceSheet(huge, undefined);
    expect(fake.syncCount()).toBeGreaterThanOrEqual(3);
    for (const bytes of fake.requestBytes) expect(bytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(comparable(excel)).toEqual(comparable(memory.state));
  });

  it("lets Excel's errors reject the promise", async () => {
    const { office } = twins(issuedWorkbook);
    await expect(office.writeInvoiceSheet({ ...layout, name: "INV-0001" }, undefined)).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(office.commitInvoice({ ...commitFor("INV-0009", false), settings: [] })).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(office.createMilestoneTable("Other", "Sheet 2", [])).rejects.toThrow("needs a header row");
  });
});

describe("the fake Excel", () => {
  it("throws Excel's PropertyNotLoaded for a property read before load and sync", async () => {
    const fake = fakeExcelRun(issuedWorkbook());
    await expect(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Notes").getRange("A1");
        await context.sync();
        return range.values;
      }),
    ).rejects.toMatchObject({
      code: "PropertyNotLoaded",
      message: expect.stringContaining("The property 'values' is not available. Before reading the property's value, call the load method"),
    });
    await expect(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Notes").getRange("A1");
        range.load("values");
        const early = (): unknown => range.values;
        expect(early).toThrow("is not available");
        await context.sync();
        return range.values;
      }),
    ).resolves.toEqual([["free text"]]);
  });

  it("gives null objects for missing items, and ItemNotFound at sync for getItem", async () => {
    const fake = fakeExcelRun(issuedWorkbook());
    const seen = await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Missing");
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("values");
      const table = context.workbook.tables.getItemOrNullObject("Milestones");
      const early = (): unknown => sheet.isNullObject;
      expect(early).toThrow("is not available");
      await context.sync();
      return { sheet: sheet.isNullObject, used: used.isNullObject, values: used.values, table: table.isNullObject };
    });
    expect(seen).toEqual({ sheet: true, used: true, values: undefined, table: false });

    let queued = false;
    await expect(
      fake.run(async (context) => {
        context.workbook.tables.getItem("Missing").getRange().load("values");
        queued = true;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(queued).toBe(true);
  });

  it("refuses a write into a protected sheet and stops the rest of the request", async () => {
    const state = issuedWorkbook();
    const fake = fakeExcelRun(state);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("INV-0001").getRange("A2").values = [["changed"]];
        context.workbook.worksheets.getItem("Notes").getRange("A2").values = [["after"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(state.sheets.find((s) => s.name === "INV-0001")?.cells).toEqual([["Invoice INV-0001"]]);
    expect(state.sheets.find((s) => s.name === "Notes")?.cells).toEqual([["free text"]]);
  });

  it("has no members Excel's objects lack, so a misspelt call fails", async () => {
    const fake = fakeExcelRun(issuedWorkbook());
    await expect(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Notes").getRange("A1") as unknown as Record<string, unknown>;
        expect(range.valeus).toBeUndefined();
        expect(range.setValues).toBeUndefined();
        (range.setValues as () => void)();
        await context.sync();
      }),
    ).rejects.toThrow(TypeError);
  });

  it("refuses a request over 5 MB, and counts only syncs that send something", async () => {
    const state = issuedWorkbook();
    const fake = fakeExcelRun(state);
    const rows = Array.from({ length: 14_000 }, () => Array.from({ length: 10 }, () => "y".repeat(40)));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Notes").getRange(`A1:J${rows.length}`).values = rows;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(state.sheets.find((s) => s.name === "Notes")?.cells).toEqual([["free text"]]);
    await fake.run(async (context) => {
      await context.sync();
    });
    expect(fake.syncCount()).toBe(1);
  });

  it("gives a table made of a header row alone an empty data row, as Excel does", async () => {
    const state = emptyState();
    const fake = fakeExcelRun(state);
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.add("Data");
      sheet.getRange("A1:B1").values = [["'Key", "'Value"]];
      sheet.tables.add("A1:B1", true).name = "Pairs";
      await context.sync();
    });
    expect(state.tables).toEqual([{ name: "Pairs", sheet: "Data", top: 0, left: 0, rows: 2, columns: 2 }]);
  });
});
