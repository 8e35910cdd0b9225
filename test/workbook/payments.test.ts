/**
 * The Payments and Costs tables in every port: read in the same round trip as the rest, and a
 * payment recorded as one row placed as the billing log's rows are (a blank row filled, a
 * person's added column left empty, a total row kept below), the same in memory, in Excel
 * (the fake) and in an .xlsx file.
 */
import { paymentColumnsFor } from "../../src/workbook/formats";
import { type MemoryState, findSheet, findTable, setCell } from "../../src/workbook/memory-workbook";
import { columnWidthPoints } from "../../src/workbook/office-workbook";
import { COST_HEADERS, NAMES, PAYMENT_HEADERS, type TableAppend, type RowPlacement, WorkbookError } from "../../src/workbook/port";
import { isoToSerial } from "../../src/workbook/dates";
import { insertSample } from "../../src/workbook/sample";
import { filterTable } from "../support/fake-excel";
import { copyState } from "./helpers";
import { type Port, allPorts, expectSameSheet, officePort, xlsxPort } from "./ports";

async function expectSamePaymentsSheet(ports: Port[]): Promise<void> {
  await expectSameSheet(ports, NAMES.paymentsSheet);
}

const DEC_15 = isoToSerial("2026-12-15");
const JAN_10 = isoToSerial("2027-01-10");
const FIVE = [0, 1, 2, 3, 4];

/** Where a payment goes in the Payments table as Interim makes it: its blank row filled, or a row appended. */
const FILL: RowPlacement = { discard: [], fillFirstRow: true, columns: FIVE, width: 5 };
const APPEND: RowPlacement = { discard: [], fillFirstRow: false, columns: FIVE, width: 5 };

const FIRST: TableAppend = { table: "payments", rows: [[DEC_15, "INV-0001", 100000, "EUR", "Wire 4711"]], placement: FILL, create: true, currency: "EUR" };
const SECOND: TableAppend = { table: "payments", rows: [[JAN_10, "INV-0001", 22359.75, "EUR", "Wire 4790"]], placement: APPEND, create: false, currency: "EUR" };

describe("reading the Payments and Costs tables", () => {
  it("a workbook without them reads them as undefined, in every port", async () => {
    for (const port of allPorts()) {
      await insertSample(port.port);
      const snapshot = await port.port.read(NAMES.milestones);
      expect({ port: port.name, payments: snapshot.payments, costs: snapshot.costs }).toEqual({ port: port.name, payments: undefined, costs: undefined });
    }
  });

  it("reads both by their cells, in the one round trip of the read, the same in every port", async () => {
    const costs = [[...COST_HEADERS], [DEC_15, "M1", 4200, "labour", "December hours"], [JAN_10, "M2", 950.5, "travel", null]];
    const payments = [["Date", "Document", "Amount", "Currency", "Reference"], [DEC_15, "INV-0001", 1000, "EUR", "Wire 1"]];
    const ports = allPorts();
    for (const port of ports) {
      await insertSample(port.port);
      // A person's own tables, each on its sheet, as createMilestoneTable makes any table.
      await port.port.createMilestoneTable(NAMES.costsTable, "Cost ledger", costs);
      await port.port.createMilestoneTable(NAMES.paymentsTable, NAMES.paymentsSheet, payments);
      const before = port.trips();
      const snapshot = await port.port.read(NAMES.milestones);
      expect({ port: port.name, trips: port.trips() - before }).toEqual({ port: port.name, trips: port.name === "xlsx" ? 0 : 1 });
      expect({ port: port.name, costs: snapshot.costs }).toEqual({ port: port.name, costs: { name: NAMES.costsTable, sheet: "Cost ledger", top: 0, left: 0, values: costs } });
      expect({ port: port.name, payments: snapshot.payments }).toEqual({
        port: port.name,
        payments: { name: NAMES.paymentsTable, sheet: NAMES.paymentsSheet, top: 0, left: 0, values: payments, hiddenRows: false, fixedTotalRow: undefined },
      });
    }
  });

  it("a filtered Payments table reads as having hidden rows, in Excel, in memory and in the file", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await port.port.appendRows([FIRST]);
      await port.port.appendRows([SECOND]);
    }
    const [memory, office, xlsx] = ports;
    for (const state of [memory.memory.state, office.excel]) filterTable(state, NAMES.paymentsTable, "Reference", (value) => value === "Wire 4790");
    await xlsx.editFile((file) => {
      const row = file.getWorksheet(NAMES.paymentsSheet)?.getRow(2);
      if (row === undefined) throw new Error("no Payments sheet");
      row.hidden = true;
    });
    for (const port of ports) {
      expect({ port: port.name, hidden: (await port.port.read(NAMES.milestones)).payments?.hiddenRows }).toEqual({ port: port.name, hidden: true });
    }
  });
});

describe("recording a payment (appendRows)", () => {
  it("creates the Payments sheet and table in one round trip, formatted for the currency, and fills its blank row, the same in every port", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await insertSample(port.port);
      const before = port.trips();
      await port.port.appendRows([FIRST]);
      if (port.name !== "xlsx") expect({ port: port.name, trips: port.trips() - before }).toEqual({ port: port.name, trips: 1 });
    }
    await expectSamePaymentsSheet(ports);
    const [memory, office, xlsx] = ports;
    expect((await memory.port.read(NAMES.milestones)).payments).toEqual({
      name: NAMES.paymentsTable, sheet: NAMES.paymentsSheet, top: 0, left: 0,
      values: [[...PAYMENT_HEADERS], FIRST.rows[0]], hiddenRows: false, fixedTotalRow: undefined,
    });
    const sheet = findSheet(memory.memory.state, NAMES.paymentsSheet);
    expect(FIVE.map((c) => sheet?.numberFormats.get(`1,${c}`))).toEqual(["yyyy-mm-dd", "@", "#,##0.00", "@", "@"]);
    // Widths and paper, which the memory workbook does not keep.
    const widths = paymentColumnsFor("EUR").map((column) => column.width);
    PAYMENT_HEADERS.forEach((header, c) => expect(widths[c]).toBeGreaterThanOrEqual(header.length + 2));
    expect(office.fake.setup(NAMES.paymentsSheet)).toMatchObject({ columnWidths: widths.map(columnWidthPoints), paperSize: "A4" });
    const file = (await xlsx.file()).getWorksheet(NAMES.paymentsSheet);
    expect([FIVE.map((c) => Math.round((file?.getColumn(c + 1).width ?? 0) * 10) / 10), file?.pageSetup.paperSize]).toEqual([widths, 9]);
  });

  it("formats the amount in the contract currency's minor units, and prints on its paper", async () => {
    for (const [currency, money, excelPaper] of [["JPY", "#,##0", "A4"], ["KWD", "#,##0.000", "A4"], ["USD", "#,##0.00", "Letter"]] as const) {
      const ports = allPorts();
      for (const port of ports) await port.port.appendRows([{ ...FIRST, currency, rows: [[DEC_15, "INV-0001", 1000, currency, null]] }]);
      await expectSamePaymentsSheet(ports);
      expect(findSheet(ports[0].memory.state, NAMES.paymentsSheet)?.numberFormats.get("1,2")).toBe(money);
      expect(ports[1].fake.setup(NAMES.paymentsSheet)?.paperSize).toBe(excelPaper);
    }
  });

  it("appends a later payment below the last, with the formats of the row above, the same in every port", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await port.port.appendRows([FIRST]);
      await port.port.appendRows([SECOND]);
    }
    await expectSamePaymentsSheet(ports);
    const snapshot = await ports[0].port.read(NAMES.milestones);
    expect(snapshot.payments?.values).toEqual([[...PAYMENT_HEADERS], FIRST.rows[0], SECOND.rows[0]]);
    expect(FIVE.map((c) => findSheet(ports[0].memory.state, NAMES.paymentsSheet)?.numberFormats.get(`2,${c}`))).toEqual(["yyyy-mm-dd", "@", "#,##0.00", "@", "@"]);
  });

  it("fills the blank row of an empty Payments table rather than add one below it", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await port.port.createMilestoneTable(NAMES.paymentsTable, NAMES.paymentsSheet, [[...PAYMENT_HEADERS], [null, null, null, null, null]]);
      await port.port.appendRows([{ ...FIRST, create: false }]);
    }
    await expectSamePaymentsSheet(ports);
    expect((await ports[2].port.read(NAMES.milestones)).payments?.values).toEqual([[...PAYMENT_HEADERS], FIRST.rows[0]]);
  });

  it("writes each value under its header in a table a person added a column to, leaving that column empty", async () => {
    const headers = ["Date", "Document", "Note", "Amount", "Currency", "Reference"];
    const kept = [DEC_15, "INV-0001", "kept as typed", 1000, "EUR", "Wire 1"];
    const ports = allPorts();
    for (const port of ports) {
      await port.port.createMilestoneTable(NAMES.paymentsTable, NAMES.paymentsSheet, [headers, kept]);
      await port.port.appendRows([{ ...SECOND, placement: { discard: [], fillFirstRow: false, columns: [0, 1, 3, 4, 5], width: 6 } }]);
    }
    await expectSamePaymentsSheet(ports);
    for (const port of ports) {
      expect({ port: port.name, values: (await port.port.read(NAMES.milestones)).payments?.values }).toEqual({
        port: port.name,
        values: [headers, kept, [JAN_10, "INV-0001", null, 22359.75, "EUR", "Wire 4790"]],
      });
    }
  });

  it("leaves out a value whose column the table lacks (-1), and writes nothing beside the table", async () => {
    const headers = ["Date", "Document", "Amount", "Currency"];
    const ports = allPorts();
    for (const port of ports) {
      await port.port.createMilestoneTable(NAMES.paymentsTable, NAMES.paymentsSheet, [headers, [DEC_15, "INV-0001", 1000, "EUR"]]);
      await port.port.appendRows([{ ...SECOND, placement: { discard: [], fillFirstRow: false, columns: [0, 1, 2, 3, -1], width: 4 } }]);
    }
    await expectSamePaymentsSheet(ports);
    const sheet = findSheet(ports[0].memory.state, NAMES.paymentsSheet);
    expect(sheet?.cells).toEqual([headers, [DEC_15, "INV-0001", 1000, "EUR"], [JAN_10, "INV-0001", 22359.75, "EUR"]]);
  });

  it("refuses to create the table over a person's own sheet named Payments, in words, writing nothing", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await port.port.createMilestoneTable("Receipts", NAMES.paymentsSheet, [["Date", "Received"], [DEC_15, 10]]);
      const before = copyState(await port.state());
      const refusal = port.port.appendRows([FIRST]);
      await expect(refusal).rejects.toThrow(WorkbookError);
      await expect(refusal).rejects.toThrow(/^A sheet named Payments already exists; rename it .*Nothing was written\.$/);
      expect({ port: port.name, state: copyState(await port.state()) }).toEqual({ port: port.name, state: before });
    }
  });
});

/** A total row under the Payments table, as Table Design > Total Row adds it: a label and the amounts' sum. */
function addTotalRow(state: MemoryState): void {
  const table = findTable(state, NAMES.paymentsTable);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error("no Payments table");
  table.totalRow = true;
  setCell(sheet, table.top + table.rows, table.left, "Total");
  setCell(sheet, table.top + table.rows, table.left + 2, 100000);
}

describe("a Payments table with a total row", () => {
  it("Excel and memory: the total row is no payment, and a payment goes above it", async () => {
    const [memory, office] = allPorts();
    for (const port of [memory, office]) await port.port.appendRows([FIRST]);
    for (const state of [memory.memory.state, office.excel]) addTotalRow(state);
    for (const port of [memory, office]) {
      const snapshot = await port.port.read(NAMES.milestones);
      expect({ port: port.name, payments: snapshot.payments }).toMatchObject({ port: port.name, payments: { values: [[...PAYMENT_HEADERS], FIRST.rows[0]], fixedTotalRow: undefined } });
      await port.port.appendRows([SECOND]);
    }
    expect(copyState(office.excel)).toBe(copyState(memory.memory.state));
    expect(findSheet(office.excel, NAMES.paymentsSheet)?.cells.map((row) => row[1] ?? row[0])).toEqual(["Document", "INV-0001", "INV-0001", "Total"]);
  });

  it("the .xlsx host reports the total row it cannot add rows above (fixedTotalRow), and refuses to write over it", async () => {
    const xlsx = xlsxPort();
    await xlsx.port.appendRows([FIRST]);
    await xlsx.editFile((file) => {
      const sheet = file.getWorksheet(NAMES.paymentsSheet);
      // exceljs's typings leave out the table model it reads and writes.
      const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; totalsRow: boolean } }> } | undefined)?.tables[NAMES.paymentsTable]?.table;
      if (sheet === undefined || table === undefined) throw new Error("no Payments table");
      table.tableRef = "A1:E3";
      table.totalsRow = true;
      sheet.getCell("A3").value = "Total";
      sheet.getCell("C3").value = { formula: "SUBTOTAL(109,Payments[Amount])", result: 100000 };
    });
    const snapshot = await xlsx.port.read(NAMES.milestones);
    expect(snapshot.payments).toMatchObject({ values: [[...PAYMENT_HEADERS], FIRST.rows[0]], fixedTotalRow: 2 });
    const before = await xlsx.workbook.toBuffer();
    await expect(xlsx.port.appendRows([SECOND])).rejects.toThrow(/the table Payments on the sheet Payments has a total row; remove it/);
    expect((await xlsx.workbook.toBuffer()).equals(before)).toBe(true);
  });
});

describe("recording a payment in Excel", () => {
  it("waits for a cell edit to end (delayForCellEdit) rather than fail", async () => {
    const office = officePort();
    const endEdit = office.fake.editCell();
    let done = false;
    const appending = office.port.appendRows([FIRST]).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    endEdit();
    await appending;
    expect(findTable(office.excel, NAMES.paymentsTable)).toMatchObject({ sheet: NAMES.paymentsSheet, rows: 2 });
  });

  it("says a protected Payments sheet's refusal in plain words", async () => {
    const office = officePort();
    await office.port.appendRows([FIRST]);
    const sheet = findSheet(office.excel, NAMES.paymentsSheet);
    if (sheet === undefined) throw new Error("no Payments sheet");
    sheet.protected = true;
    await expect(office.port.appendRows([SECOND])).rejects.toMatchObject({ name: "WorkbookError", code: "AccessDenied", message: expect.stringMatching(/^Excel refused the change: a sheet Interim writes to is protected/) });
  });
});
