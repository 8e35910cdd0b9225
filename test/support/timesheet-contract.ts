import { isoToSerial } from "../../src/workbook/dates";
import { type MemoryWorkbook, addTableRow, findSheet, findTable, setCell } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue, type WorkbookPort } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";

/**
 * A consultancy's contract billed from its timesheet: two lines of time (architecture at a daily
 * rate, development at hourly rates that rise in February) and a fixed-fee line, with January's
 * entries and February's (one of them late). The worked figures are in test/workbook/timesheet-invoice.test.ts.
 */
const day = isoToSerial;

export const MILESTONES: CellValue[][] = [
  ["Id", "Description", "Scheduled value", "% complete"],
  ["A1", "Architecture (time)", 20000, null],
  ["D1", "Development (time)", 50000, null],
  ["F1", "Acceptance workshop (fixed fee)", 10000, 0.5],
];

/** An architect's day is 8 hours; developers rose to 100 an hour in February; Ana Silva has a rate of her own. */
export const RATES: CellValue[][] = [
  ["Role", "Person", "Rate", "Per", "Valid from"],
  ["Architect", null, 1000, "day", null],
  ["Developer", null, 95, "hour", null],
  ["Developer", null, 100, "hour", day("2027-02-01")],
  [null, "Ana Silva", 110, "hour", null],
];

export const HEADER: CellValue[] = ["Date", "Person", "Role", "Line", "Hours", "Rate", "Billable", "Note"];

/** January, and one entry typed ahead for February (after the first period end, so not billed on it). */
export const JANUARY: CellValue[][] = [
  [day("2027-01-05"), "Ben Okafor", "Architect", "A1", 7.5, null, "Yes", "Context diagram"],
  [day("2027-01-06"), "Ben Okafor", "Architect", "A1", 3, null, "Yes", "Review"],
  [day("2027-01-12"), "Ana Silva", "Developer", "D1", 8, null, "Yes", "API"],
  [day("2027-01-13"), "Carl Wu", "Developer", "D1", 6.25, null, "Yes", "API tests"],
  [day("2027-01-14"), "Carl Wu", "Developer", "D1", 2, null, "No", "Internal meeting"],
  [day("2027-01-20"), "Carl Wu", "Developer", "D1", 1.5, 120, "Yes", "On-site support"],
  [day("2027-02-02"), "Ana Silva", "Developer", "D1", 4, null, "Yes", "Auth"],
];

/** February, and a late entry of January, typed after January was billed. */
export const FEBRUARY: CellValue[][] = [
  [day("2027-02-10"), "Carl Wu", "Developer", "D1", 8, null, "Yes", "Reports"],
  [day("2027-02-11"), "Ben Okafor", "Architect", "A1", 4, null, "Yes", "Data model"],
  [day("2027-01-28"), "Carl Wu", "Developer", "D1", 2, null, "Yes", "Bug fix"],
];

/** Retention 10 %, tax 20 %, EUR. */
export async function contract(port: WorkbookPort, timesheet: CellValue[][]): Promise<void> {
  await port.createMilestoneTable(NAMES.milestones, NAMES.milestones, MILESTONES);
  await port.writeSettings(settingsRows({ ...SAMPLE_SETTINGS, "Retention rate": 0.1, "Tax rate": 0.2 }), true);
  await port.createBillingLog("EUR");
  await port.createMilestoneTable(NAMES.ratesTable, "Rates", RATES);
  await port.createMilestoneTable(NAMES.timesheetTable, "Timesheet", [HEADER, ...timesheet]);
}

/** Rows typed below a table of the memory workbook, which Excel takes into the table. */
export function appendRows(workbook: MemoryWorkbook, name: string, rows: CellValue[][]): void {
  const table = findTable(workbook.state, name)!;
  const sheet = findSheet(workbook.state, table.sheet)!;
  for (const row of rows) {
    addTableRow(sheet, table);
    row.forEach((value, c) => setCell(sheet, table.top + table.rows - 1, table.left + c, value));
  }
}
