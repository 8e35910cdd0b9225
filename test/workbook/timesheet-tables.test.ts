/**
 * An imported timesheet in every host (memory, Excel through the fake, the .xlsx file): the
 * Timesheet and TimesheetMapping tables created on their sheets in the one write of an import,
 * formatted for the currency, the same in each; a person's own Timesheet table appended to by
 * header; a total row and a filter as each host can handle them; a sheet in the way refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCsvRows } from "../../src/import/timesheet-csv";
import { isoToSerial } from "../../src/workbook/dates";
import { timesheetColumnsFor } from "../../src/workbook/formats";
import { findSheet, findTable, setCell, type MemoryState } from "../../src/workbook/memory-workbook";
import { columnWidthPoints } from "../../src/workbook/office-workbook";
import { NAMES, TIMESHEET_HEADERS, type CellValue, type TableAppend, WorkbookError } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { type TimesheetImportRequest, importTimesheet, planTimesheetImport } from "../../src/workbook/timesheet-import";
import { filterTable } from "../support/fake-excel";
import { copyState } from "./helpers";
import { type Port, allPorts, expectSameSheet } from "./ports";

const FIXTURES = join(__dirname, "../fixtures/timesheets");

/** The Toggl Track fixture: Portal rebuild's Design to M2, the rest of the project to T1. */
const TOGGL: TimesheetImportRequest = {
  csv: readCsvRows(readFileSync(join(FIXTURES, "toggl.csv"), "utf8")),
  fileName: "toggl.csv",
  mappings: [{ project: "Portal rebuild", line: "T1" }, { project: "Portal rebuild", task: "Design", line: "M2" }],
};

const MAR_2 = isoToSerial("2027-03-02");
const MAR_3 = isoToSerial("2027-03-03");
const MAR_4 = isoToSerial("2027-03-04");

/** The fixture's rows as Interim writes them (a clock duration 03:30:00 is 3.5 hours). */
const IMPORTED: CellValue[][] = [
  [MAR_2, "Ana Silva", null, "M2", 3.5, null, "Yes", "Wireframes, round 2", "toggl.csv line 2"],
  [MAR_3, "Ben Okafor", null, "T1", 7.25, null, "Yes", "API", "toggl.csv line 3"],
  [MAR_4, "Ben Okafor", null, "T1", 1, null, "No", "Team sync", "toggl.csv line 4"],
];

async function importInto(port: Port, request: TimesheetImportRequest = TOGGL): Promise<void> {
  const plan = await importTimesheet(port.port, request);
  if (!plan.ok) throw new Error(`${port.name}: ${plan.problems.map((p) => p.message).join(" | ")}`);
}

describe("the first import", () => {
  test("creates the Timesheet and TimesheetMapping tables, each on its sheet, in one round trip, formatted for the currency, the same in every port", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await insertSample(port.port);
      const before = port.trips();
      await importInto(port);
      if (port.name !== "xlsx") expect({ port: port.name, trips: port.trips() - before }).toEqual({ port: port.name, trips: 2 });
    }
    await expectSameSheet(ports, NAMES.timesheetSheet);
    await expectSameSheet(ports, NAMES.mappingSheet);
    const [memory, office, xlsx] = ports;
    for (const port of ports) {
      const snapshot = await port.port.read(NAMES.milestones);
      expect({ port: port.name, timesheet: snapshot.timesheet }).toEqual({
        port: port.name,
        timesheet: { name: NAMES.timesheetTable, sheet: NAMES.timesheetSheet, top: 0, left: 0, values: [[...TIMESHEET_HEADERS], ...IMPORTED], hiddenRows: false, fixedTotalRow: undefined },
      });
      expect({ port: port.name, mapping: snapshot.timesheetMapping?.values }).toEqual({
        port: port.name, mapping: [["Project", "Task", "Line"], ["Portal rebuild", null, "T1"], ["Portal rebuild", "Design", "M2"]],
      });
    }
    const sheet = findSheet(memory.memory.state, NAMES.timesheetSheet);
    expect([1, 2, 3].map((row) => TIMESHEET_HEADERS.map((_, c) => sheet?.numberFormats.get(`${row},${c}`)))).toEqual(
      Array.from({ length: 3 }, () => ["yyyy-mm-dd", "@", "@", "@", "#,##0.00####", "#,##0.00", "@", "@", "@"]),
    );
    // Widths and paper (the sample's EUR: A4), which the memory workbook does not keep.
    const widths = timesheetColumnsFor("EUR").map((column) => column.width);
    expect(office.fake.setup(NAMES.timesheetSheet)).toMatchObject({ columnWidths: widths.map(columnWidthPoints), paperSize: "A4" });
    const file = (await xlsx.file()).getWorksheet(NAMES.timesheetSheet);
    expect([TIMESHEET_HEADERS.map((_, c) => Math.round((file?.getColumn(c + 1).width ?? 0) * 10) / 10), file?.pageSetup.paperSize]).toEqual([widths, 9]);
  });

  test("a second export appends below, each row taking the formats of the row above, the same in every port", async () => {
    const ports = allPorts();
    const march = readFileSync(join(FIXTURES, "toggl.csv"), "utf8");
    const later = `${march.trimEnd()}\nAna Silva,ana@example.com,Northwind,Portal rebuild,Design,Icons,Yes,2027-03-05,09:00:00,2027-03-05,10:00:00,01:00:00,,120.00\n`;
    for (const port of ports) {
      await insertSample(port.port);
      await importInto(port);
      await importInto(port, { csv: readCsvRows(later), fileName: "toggl-later.csv", mappings: [] });
    }
    await expectSameSheet(ports, NAMES.timesheetSheet);
    const values = (await ports[2].port.read(NAMES.milestones)).timesheet?.values;
    expect(values?.slice(1)).toEqual([...IMPORTED, [isoToSerial("2027-03-05"), "Ana Silva", null, "M2", 1, null, "Yes", "Icons", "toggl-later.csv line 5"]]);
  });
});

describe("a person's own Timesheet table", () => {
  /** Columns in another order, one added (Client), no Source and no Rate; one entry typed already. */
  const HEADERS = ["Person", "Date", "Client", "Line", "Hours", "Note", "Billable", "Role"];
  const TYPED = ["Ben Okafor", MAR_3, "Northwind", "T1", 7.25, "API", "Yes", null];

  test("is appended to by header, its added column left empty, the entry it holds not added again, the same in every port", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await insertSample(port.port);
      await port.port.createMilestoneTable(NAMES.timesheetTable, "Hours", [HEADERS, TYPED]);
      const plan = await importTimesheet(port.port, TOGGL);
      expect({ port: port.name, skipped: plan.ok && plan.skipped }).toEqual({ port: port.name, skipped: 1 });
    }
    await expectSameSheet(ports, "Hours");
    for (const port of ports) {
      expect({ port: port.name, values: (await port.port.read(NAMES.milestones)).timesheet?.values }).toEqual({
        port: port.name,
        values: [
          HEADERS, TYPED,
          ["Ana Silva", MAR_2, null, "M2", 3.5, "Wireframes, round 2", "Yes", null],
          ["Ben Okafor", MAR_4, null, "T1", 1, "Team sync", "No", null],
        ],
      });
    }
  });

  /** A total row under the Timesheet table, as Table Design > Total Row adds it: a label and the hours' sum. */
  function addTotalRow(state: MemoryState): void {
    const table = findTable(state, NAMES.timesheetTable);
    const sheet = table && findSheet(state, table.sheet);
    if (table === undefined || sheet === undefined) throw new Error("no Timesheet table");
    table.totalRow = true;
    setCell(sheet, table.top + table.rows, table.left, "Total");
    setCell(sheet, table.top + table.rows, table.left + 4, 7.25);
  }

  test("with a total row: Excel and memory add the rows above it; the .xlsx host refuses, at the total row, writing nothing", async () => {
    const [memory, office, xlsx] = allPorts();
    for (const port of [memory, office, xlsx]) {
      await insertSample(port.port);
      await port.port.createMilestoneTable(NAMES.timesheetTable, "Hours", [HEADERS, TYPED]);
    }
    for (const state of [memory.memory.state, office.excel]) addTotalRow(state);
    for (const port of [memory, office]) await importInto(port);
    expect(copyState(office.excel)).toBe(copyState(memory.memory.state));
    expect(findSheet(office.excel, "Hours")?.cells.map((row) => row[0])).toEqual(["Person", "Ben Okafor", "Ana Silva", "Ben Okafor", "Total"]);

    await xlsx.editFile((file) => {
      const sheet = file.getWorksheet("Hours");
      // exceljs's typings leave out the table model it reads and writes.
      const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; totalsRow: boolean } }> } | undefined)?.tables[NAMES.timesheetTable]?.table;
      if (sheet === undefined || table === undefined) throw new Error("no Timesheet table");
      table.tableRef = "A1:H3";
      table.totalsRow = true;
      sheet.getCell("A3").value = "Total";
      sheet.getCell("E3").value = { formula: "SUBTOTAL(109,Timesheet[Hours])", result: 7.25 };
    });
    const before = await xlsx.workbook.toBuffer();
    const plan = await importTimesheet(xlsx.port, TOGGL);
    expect(plan).toMatchObject({ ok: false, problems: [{ code: "LOG_TOTAL_ROW", sheet: "Hours", cell: "A3", message: expect.stringMatching(/^The Timesheet table has a total row, and the command line cannot add rows above it/) as unknown }] });
    expect((await xlsx.workbook.toBuffer()).equals(before)).toBe(true);
  });

  test("filtered: refused in every port, at the table's header, writing nothing", async () => {
    const ports = allPorts();
    for (const port of ports) {
      await insertSample(port.port);
      await port.port.createMilestoneTable(NAMES.timesheetTable, "Hours", [HEADERS, TYPED, ["Ana Silva", MAR_2, null, "M2", 1, "Call", "Yes", null]]);
    }
    const [memory, office, xlsx] = ports;
    for (const state of [memory.memory.state, office.excel]) filterTable(state, NAMES.timesheetTable, "Person", (value) => value === "Ana Silva");
    await xlsx.editFile((file) => {
      const row = file.getWorksheet("Hours")?.getRow(2);
      if (row === undefined) throw new Error("no Hours sheet");
      row.hidden = true;
    });
    for (const port of ports) {
      const before = copyState(await port.state());
      const plan = await importTimesheet(port.port, TOGGL);
      expect({ port: port.name, plan }).toMatchObject({ port: port.name, plan: { ok: false, problems: [{ code: "LOG_FILTERED", sheet: "Hours", cell: "A1" }] } });
      expect(copyState(await port.state())).toBe(before);
    }
  });
});

describe("a sheet in the way", () => {
  /** A row into a table created for it, as an import's appends are. */
  const append = (table: TableAppend["table"], row: TableAppend["rows"][number]): TableAppend => ({
    table, rows: [row], currency: "EUR", create: true, placement: { discard: [], fillFirstRow: true, columns: row.map((_, c) => c), width: row.length },
  });

  test("a sheet named Timesheet holding no Timesheet table is a problem of the plan, and each host refuses to create the table over it, writing nothing", async () => {
    for (const port of allPorts()) {
      await insertSample(port.port);
      await port.port.createMilestoneTable("Attendance", NAMES.timesheetSheet, [["Date", "Present"], [MAR_2, "yes"]]);
      const plan = planTimesheetImport(await port.port.read(NAMES.milestones), TOGGL);
      expect({ port: port.name, problems: plan.ok ? [] : plan.problems.map((p) => p.code) }).toEqual({ port: port.name, problems: ["SHEET_EXISTS"] });
      const before = copyState(await port.state());
      const refusal = port.port.appendRows([append("mapping", ["Portal rebuild", null, "T1"]), append("timesheet", [...(IMPORTED[0] ?? [])])]);
      await expect(refusal).rejects.toThrow(WorkbookError);
      const message = port.name === "Office.js"
        ? /^A sheet named Timesheet mapping or Timesheet already exists; rename it \(Interim remembers .* on a sheet of its own, named Timesheet mapping; Interim keeps the hours it imports .*\), then import the timesheet again\.$/
        : /^A sheet named Timesheet already exists; rename it \(Interim keeps the hours it imports in an Excel table named Timesheet on a sheet of its own, named Timesheet\), then import the timesheet again\. Nothing was written\.$/;
      await expect(refusal).rejects.toThrow(message);
      // Excel stops at the sheet in the way, having added those before it in the request: its words cannot say nothing was written.
      if (port.name !== "Office.js") expect({ port: port.name, state: copyState(await port.state()) }).toEqual({ port: port.name, state: before });
    }
  });
});
