import { type ColumnSpec, readTableRows } from "../finance/finance-rows";
import { isReadProblem, pow10, readFixed } from "../fixed";
import type { TableIssue } from "../milestone-table";
import type { RateCard, RateCardRate, TimesheetEntry } from "./types";

/**
 * The Timesheet and Rates tables of a workbook, read by their headers like the Payments and
 * Costs tables: people name columns their own way, add columns and move them. Each cell becomes
 * what the timesheet core reads; a cell that cannot be read is a problem at its row and column.
 */
export const TIMESHEET_COLUMNS = {
  date: { title: "Date", names: ["entry date", "work date", "day"], required: true, kind: "date" },
  person: { title: "Person", names: ["name", "user", "employee", "consultant", "team member"], required: true, kind: "text" },
  role: { title: "Role", names: ["job title", "position"], required: false, kind: "text" },
  line: { title: "Line", names: ["line id", "milestone", "milestone id", "id", "item"], required: true, kind: "text" },
  hours: { title: "Hours", names: ["hours worked", "duration", "time"], required: true, kind: "amount", advice: "type the hours as a number, such as 7.5" },
  rate: { title: "Rate", names: ["hourly rate", "rate per hour"], required: false, kind: "amount", advice: "type an hourly rate, or leave it blank for the Rates table's" },
  billable: { title: "Billable", names: ["billable?"], required: false, kind: "text" },
  note: { title: "Note", names: ["notes", "description", "comment", "task"], required: false, kind: "text" },
} as const satisfies Record<string, ColumnSpec>;

export const RATE_COLUMNS = {
  role: { title: "Role", names: ["job title", "position"], required: false, kind: "text" },
  person: { title: "Person", names: ["name", "consultant", "employee"], required: false, kind: "text" },
  rate: { title: "Rate", names: ["hourly rate", "daily rate", "day rate", "price"], required: true, kind: "amount", advice: "type the rate as a number" },
  per: { title: "Per", names: ["unit", "basis", "per hour or day"], required: false, kind: "text" },
  validFrom: { title: "Valid from", names: ["from", "effective from", "start date", "since"], required: false, kind: "date" },
  hoursPerDay: { title: "Hours per day", names: ["hours a day", "day length", "hours/day"], required: false, kind: "amount", advice: "type the hours a day rate pays for, such as 7.5" },
} as const satisfies Record<string, ColumnSpec>;

export type TimesheetField = keyof typeof TIMESHEET_COLUMNS;
export type RateField = keyof typeof RATE_COLUMNS;

/** What a table reading gives: its rows, where they are, and the problems of its cells (row 0 is the header). */
export interface TimesheetTableReading<Row, Field extends string> {
  rows: Row[];
  columnOf: Partial<Record<Field, number>>;
  issues: TableIssue[];
}

const YES = new Set(["", "yes", "y", "true", "1", "x", "billable"]);
const NO = new Set(["no", "n", "false", "0", "non-billable", "not billable"]);

/**
 * The Timesheet table's entries (headers first). An entry's `sourceRow` is its row on the sheet
 * as a person reads it (1-based), `headerRow` being the header's: the timesheet core names rows
 * that way in its problems. A blank Billable cell is billable.
 */
export function readTimesheetTable(values: readonly (readonly unknown[])[], headerRow: number): TimesheetTableReading<TimesheetEntry, TimesheetField> {
  const read = readTableRows(values, "Timesheet", TIMESHEET_COLUMNS);
  const issues = [...read.issues];
  const rows = read.rows.map((cells, index): TimesheetEntry => {
    const r = read.rowOf[index] ?? 0;
    const billable = cells.billable.trim().toLowerCase();
    if (!YES.has(billable) && !NO.has(billable)) {
      issues.push({
        code: "INVALID_OPTION", path: ["rows", r, "billable"], row: r, column: read.columnOf.billable,
        message: `Billable must be Yes or No, not "${cells.billable}".`,
      });
    }
    return {
      date: cells.date, person: cells.person, ...(cells.role === "" ? {} : { role: cells.role }), line: cells.line, hours: cells.hours,
      ...(cells.rate === "" ? {} : { rate: cells.rate }), billable: !NO.has(billable), note: cells.note, sourceRow: headerRow + r,
    };
  });
  return { rows, columnOf: read.columnOf, issues };
}

const PER: Record<string, "hour" | "day"> = { "": "hour", hour: "hour", h: "hour", hr: "hour", hourly: "hour", day: "day", d: "day", daily: "day" };

/**
 * The Rates table (headers first) as the rate card: a rate for a role or a named person, per hour
 * (the default) or per day, a day being 8 hours unless its row says how many (Hours per day).
 */
export function readRatesTable(values: readonly (readonly unknown[])[]): { card: RateCard; columnOf: Partial<Record<RateField, number>>; issues: TableIssue[] } {
  const read = readTableRows(values, "Rates", RATE_COLUMNS);
  const issues = [...read.issues];
  const rates: RateCardRate[] = [];
  read.rows.forEach((cells, index) => {
    const r = read.rowOf[index] ?? 0;
    const per = PER[cells.per.trim().toLowerCase().replace(/^per /, "")];
    if (per === undefined) {
      issues.push({ code: "INVALID_OPTION", path: ["rows", r, "per"], row: r, column: read.columnOf.per, message: `Per must be hour or day, not "${cells.per}".` });
    }
    if (cells.role === "" && cells.person === "") {
      issues.push({
        code: "REQUIRED", path: ["rows", r, "role"], row: r, column: read.columnOf.role ?? read.columnOf.person,
        message: "A rate is for a role or a person: fill in one of them.",
      });
    }
    if (cells.hoursPerDay !== "" && !isDayLength(cells.hoursPerDay)) {
      issues.push({
        code: "INVALID_OPTION", path: ["rows", r, "hoursPerDay"], row: r, column: read.columnOf.hoursPerDay,
        message: `Hours per day must be more than 0 and at most 24, not ${cells.hoursPerDay}.`,
      });
      return;
    }
    if (per === undefined || cells.rate === "") return;
    rates.push({
      ...(cells.role === "" ? {} : { role: cells.role }), ...(cells.person === "" ? {} : { person: cells.person }),
      rate: cells.rate, per, ...(cells.validFrom === "" ? {} : { validFrom: cells.validFrom }),
      ...(cells.hoursPerDay === "" ? {} : { hoursPerDay: cells.hoursPerDay }),
    });
  });
  return { card: { rates }, columnOf: read.columnOf, issues };
}

/** More than 0 and at most 24 hours. */
function isDayLength(text: string): boolean {
  const hours = readFixed(text);
  return !isReadProblem(hours) && hours.units > 0n && hours.units <= 24n * pow10(hours.scale);
}
