import ExcelJS from "exceljs";
import { isoToSerial } from "../src/workbook/dates";
import { HOURS_PER_DAY, TIMESHEET_PERIOD_END, type TimesheetContract, timesheetRows } from "./timesheet-contract";

/** The Lines sheet of the baseline: a line's id, hours to date and amount to date, in columns A to C from row 2. */
export const LINES_SHEET = "Lines";

/** "In force from the start" as a date the formulas compare: 1 January 1900 (serial 1). */
const ALWAYS = 1;

/**
 * The same timesheet as a workbook of native formulas, as someone would bill it without Interim:
 * the rate card on two sheets (a role's rate per hour worked out from its day rate), a helper
 * column per entry finding the rate in force on its date (the entry's own, else the person's
 * latest on or before the date, else their role's: MAXIFS for the latest date, SUMIFS for the
 * rate of that date) and the entry's amount (hours × rate), and per line SUMIFS of the hours and
 * of the amounts of the billable entries dated on or before the period end (Totals!B1), the
 * amount rounded once to the cent. With `formulas` false every formula cell holds nothing: the
 * same workbook to load and save, to tell LibreOffice's recalculation from its start-up,
 * loading and saving.
 */
export async function writeTimesheetSheets(file: string, contract: TimesheetContract, formulas = true): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const f = (formula: string): ExcelJS.CellFormulaValue | null => (formulas ? { formula, date1904: false } : null);
  const totals = workbook.addWorksheet("Totals");
  const linesSheet = workbook.addWorksheet(LINES_SHEET);
  const timesheet = workbook.addWorksheet("Timesheet");
  const personRates = workbook.addWorksheet("PersonRates");
  const roleRates = workbook.addWorksheet("RoleRates");

  const ofRole = contract.rates.filter((r) => r.person === undefined);
  const ofPerson = contract.rates.filter((r) => r.person !== undefined);
  const from = (validFrom: string | undefined): number => (validFrom === undefined ? ALWAYS : isoToSerial(validFrom));
  roleRates.addRow(["Role", "Rate", "Hours it pays for", "Valid from", "Per hour"]);
  ofRole.forEach((r, i) => roleRates.addRow([r.role, r.rate, r.per === "day" ? HOURS_PER_DAY : 1, from(r.validFrom), f(`B${i + 2}/C${i + 2}`)]));
  personRates.addRow(["Person", "Rate per hour", "Valid from"]);
  // A personal day rate, were there one, is typed as its hourly equivalent (a multiple of 8 divides exactly).
  for (const r of ofPerson) personRates.addRow([r.person, r.per === "day" ? r.rate / HOURS_PER_DAY : r.rate, from(r.validFrom)]);

  const role = (column: string): string => `RoleRates!$${column}$2:$${column}$${ofRole.length + 1}`;
  const person = (column: string): string => `PersonRates!$${column}$2:$${column}$${ofPerson.length + 1}`;
  timesheet.addRow(["Date", "Person", "Role", "Line", "Hours", "Rate", "Billable", "Note", "Person's rate from", "Rate in force", "Amount"]);
  timesheetRows(contract).forEach((cells, k) => {
    const r = k + 2;
    timesheet.addRow([
      ...cells,
      f(`_xlfn.MAXIFS(${person("C")},${person("A")},B${r},${person("C")},"<="&A${r})`),
      f(`IF(F${r}<>"",F${r},IF(I${r}>0,SUMIFS(${person("B")},${person("A")},B${r},${person("C")},I${r}),` +
        `SUMIFS(${role("E")},${role("A")},C${r},${role("D")},_xlfn.MAXIFS(${role("D")},${role("A")},C${r},${role("D")},"<="&A${r}))))`),
      f(`E${r}*J${r}`),
    ]);
  });

  const last = contract.entries.length + 1;
  const column = (c: string): string => `Timesheet!$${c}$2:$${c}$${last}`;
  const counted = `${column("G")},"Yes",${column("A")},"<="&Totals!$B$1`;
  linesSheet.addRow(["Id", "Hours to date", "Amount to date"]);
  contract.lines.forEach((line, i) => {
    const r = i + 2;
    linesSheet.addRow([line.id, f(`SUMIFS(${column("E")},${column("D")},A${r},${counted})`), f(`ROUND(SUMIFS(${column("K")},${column("D")},A${r},${counted}),2)`)]);
  });
  totals.addRow(["Period end", isoToSerial(TIMESHEET_PERIOD_END)]);
  totals.addRow(["Amount to date", f(`SUM(${LINES_SHEET}!C2:C${contract.lines.length + 1})`)]);
  await workbook.xlsx.writeFile(file);
}
