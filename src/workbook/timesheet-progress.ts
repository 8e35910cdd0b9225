import {
  type Issue,
  type TimesheetAggregate,
  type TableIssue,
  aggregateTimesheet,
  lineKey,
  minorUnitsOf,
  readRatesTable,
  readTimesheetTable,
} from "../core";
import { cellAddress } from "./a1";
import { type CarryForward } from "./billing-log";
import { billedTimeRows, readBilledTime } from "./billed-time";
import { NAMES, type TableAppend, type TableData, type WorkbookSnapshot } from "./port";
import { type WorkbookProblem, problem, problemAt } from "./problems";
import type { ContractSettings } from "./settings";

/** The lines' progress from the Timesheet table: what the invoice bills from it, and what the log records. */
export interface TimesheetProgress {
  aggregate: TimesheetAggregate;
  /** By line id (trimmed, lower case): the amount to date the line's hours come to, its progress (completedToDate). */
  amountToDate: Map<string, string>;
  /** Entries on a line the milestone table does not have, each a problem at its Line cell. */
  unknownLines: (lineIds: ReadonlySet<string>) => WorkbookProblem[];
  warnings: WorkbookProblem[];
  /** The billed time rows of the invoice. */
  time: TableAppend;
}

/**
 * Hours to date per line, up to the period end, and their amounts at the rates in force, from
 * the Timesheet and Rates tables and what the billing log says was billed before (see decision
 * 0034). `number` is the number the invoice takes: its rows in the billed time table, and those a
 * failed attempt at it left, which it replaces. Undefined when the workbook has no Timesheet
 * table; problems, each at its cell, when anything in the tables is wrong.
 */
export function planTimesheetProgress(
  snapshot: WorkbookSnapshot, settings: ContractSettings, log: CarryForward, number: string, periodEnd: string,
): TimesheetProgress | { problems: WorkbookProblem[] } | undefined {
  const sheet = snapshot.timesheet;
  if (sheet === undefined) return undefined;
  const entries = readTimesheetTable(sheet.values, sheet.top + 1);
  const ratesTable = snapshot.rates;
  const rates = ratesTable === undefined ? undefined : { table: ratesTable, ...readRatesTable(ratesTable.values) };
  const billed = readBilledTime(snapshot.billedTime, log, number);
  const problems = [
    ...entries.issues.map((issue) => placed(issue, sheet)),
    ...(rates === undefined ? [] : rates.issues.map((issue) => placed(issue, rates.table))),
    ...billed.problems,
  ];
  if (snapshot.billedTime === undefined && snapshot.sheets.some((name) => name.toLowerCase() === NAMES.billedTimeSheet.toLowerCase())) {
    problems.push(problem("SHEET_EXISTS", `A sheet named "${NAMES.billedTimeSheet}" exists but holds no table ${NAMES.billedTimeTable}; Interim records there the hours each invoice bills. Rename the sheet, or restore the table from the previous version of the workbook.`));
  }
  if (problems.length > 0) return { problems };
  const rounding = { minorUnits: minorUnitsOf(settings.currency) ?? 2, rounding: settings.rounding };
  const outcome = aggregateTimesheet(entries.rows, rates?.card ?? { rates: [] }, periodEnd, billed.billed, rounding);
  const cellOf = (row: number, field: keyof typeof entries.columnOf | undefined): { sheet: string; cell: string } => ({
    sheet: sheet.sheet,
    cell: cellAddress(row - 1, sheet.left + (field === undefined ? 0 : (entries.columnOf[field] ?? entries.columnOf.person ?? 0))),
  });
  const place = (issue: Issue): WorkbookProblem => {
    const [what, row, field] = issue.path;
    if (what === "entries" && typeof row === "number") return { code: issue.code, message: issue.message, ...cellOf(row, fieldOf(field)) };
    return problemAt(issue.code, issue.message, sheet.sheet, sheet.top, sheet.left);
  };
  if ("errors" in outcome) return { problems: outcome.errors.map(place) };
  const { result } = outcome;
  return {
    aggregate: result,
    amountToDate: new Map(result.lines.map((line) => [lineKey(line.line), line.amountToDate])),
    unknownLines: (lineIds) => entries.rows.filter((entry) => !lineIds.has(lineKey(entry.line))).map((entry) => ({
      code: "UNKNOWN_LINE",
      message: `Row ${entry.sourceRow}: the timesheet entry is on line "${entry.line.trim()}", which the milestone table does not have; correct the line id, or add the line to the milestone table.`,
      ...cellOf(entry.sourceRow, "line"),
    })),
    warnings: result.warnings.map(place),
    time: { table: "billedTime", rows: billedTimeRows(number, result), placement: billed.placement, create: snapshot.billedTime === undefined, currency: settings.currency },
  };
}

/** The Timesheet table's column a timesheet problem's path names. */
function fieldOf(field: string | number | undefined): "date" | "person" | "line" | "hours" | "rate" | undefined {
  return field === "date" || field === "person" || field === "line" || field === "hours" || field === "rate" ? field : undefined;
}

function placed(issue: TableIssue, table: TableData): WorkbookProblem {
  return problemAt(issue.code, issue.message, table.sheet, table.top + (issue.row ?? 0), table.left + (issue.column ?? 0));
}
