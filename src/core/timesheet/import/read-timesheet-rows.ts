import { isIsoDate } from "../../dates";
import { isReadProblem, readFixed, scaledText } from "../../fixed";
import { type Issue, MESSAGES as M } from "../../issues";
import type { TimesheetEntry } from "../types";
import { detectFormat, type FormatLayout, type TimesheetFormat, title } from "./formats";

/** A record of a CSV file: its cells and the file line it starts on (1 for the header). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A project (and optionally a task) of the tool, and the contract line its hours go to. */
export interface ProjectMapping {
  project: string;
  task?: string;
  line: string;
}

export interface ReadOptions {
  /** How 03/04/2027 reads: month first (the US default of Harvest and Clockify) or day first. */
  dateOrder?: "month-first" | "day-first";
}

export type TimesheetReading = { format: TimesheetFormat; entries: TimesheetEntry[] } | { errors: Issue[] };

/**
 * The entries of a tool's export, its format told by the header row, each project (and task)
 * mapped to a line. Every bad row is reported by its file line, and any problem means no entries
 * at all: an import is taken whole or not at all.
 */
export function readTimesheetRows(rows: readonly CsvRow[], mapping: readonly ProjectMapping[], options: ReadOptions = {}): TimesheetReading {
  const [header, ...records] = rows;
  if (header === undefined) return { errors: [{ code: "UNKNOWN_FORMAT", path: ["file", 1], message: M.UNKNOWN_FORMAT("empty") }] };
  const layout = detectFormat(header.cells);
  if (layout === undefined) {
    return { errors: [{ code: "UNKNOWN_FORMAT", path: ["file", header.line], message: M.UNKNOWN_FORMAT(header.cells.join(", ")) }] };
  }
  const columns = locate(layout, header.cells);
  if ("errors" in columns) return columns;
  const lines = lineFinder(mapping);
  const errors: Issue[] = [];
  const entries: TimesheetEntry[] = [];
  for (const record of records) {
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    const cell = (index: number | undefined): string => (index === undefined ? "" : (record.cells[index] ?? "").trim());
    const row = `Line ${record.line}`;
    const at = (column: string): (string | number)[] => ["file", record.line, column];
    const date = readDate(cell(columns.date), options.dateOrder ?? "month-first");
    if (date === undefined) errors.push({ code: "INVALID_DATE", path: at("date"), message: M.ENTRY_NOT_A_DATE(row, cell(columns.date)) });
    const hours = readHours(cell(columns.hours));
    if (hours === undefined) errors.push({ code: "NOT_A_NUMBER", path: at("hours"), message: M.ENTRY_NOT_A_NUMBER(row, "the duration", cell(columns.hours)) });
    const billable = readBillable(cell(columns.billable));
    if (billable === undefined) errors.push({ code: "INVALID_OPTION", path: at("billable"), message: M.INVALID_BILLABLE(row, cell(columns.billable)) });
    const person = "first" in columns.person ? `${cell(columns.person.first)} ${cell(columns.person.last)}`.trim() : cell(columns.person.single);
    if (person === "") errors.push({ code: "REQUIRED", path: at("person"), message: M.ENTRY_REQUIRED(row, "the person") });
    const project = cell(columns.project);
    const task = cell(columns.task);
    const line = lines(project, task);
    if (line === undefined) errors.push({ code: "UNMAPPED_PROJECT", path: at("project"), message: M.UNMAPPED_PROJECT(row, project, task) });
    if (date === undefined || hours === undefined || billable === undefined || person === "" || line === undefined) continue;
    const role = cell(columns.role);
    entries.push({ date, person, ...(role === "" ? {} : { role }), line, hours, billable, note: cell(columns.note), sourceRow: record.line });
  }
  return errors.length > 0 ? { errors } : { format: layout.format, entries };
}

interface Columns {
  date: number;
  person: { single: number } | { first: number; last: number };
  role?: number;
  project: number;
  task?: number;
  note?: number;
  hours: number;
  billable?: number;
}

function locate(layout: FormatLayout, header: readonly string[]): Columns | { errors: Issue[] } {
  const titles = header.map(title);
  const errors: Issue[] = [];
  const find = (names: string[] | undefined): number | undefined => {
    const index = names === undefined ? -1 : titles.findIndex((candidate) => names.includes(candidate));
    return index < 0 ? undefined : index;
  };
  const need = (names: string[]): number => {
    const index = find(names);
    if (index === undefined) errors.push({ code: "MISSING_COLUMN", path: ["file", 1, names[0] as string], message: M.MISSING_EXPORT_COLUMN(layout.name, names[0] as string) });
    return index ?? -1;
  };
  const person = Array.isArray(layout.person) ? { single: need(layout.person) } : { first: need(layout.person.first), last: need(layout.person.last) };
  const columns: Columns = { date: need(layout.date), person, project: need(layout.project), hours: need(layout.hours) };
  const optional = { role: find(layout.role), task: find(layout.task), note: find(layout.note), billable: find(layout.billable) };
  for (const [field, index] of Object.entries(optional)) if (index !== undefined) Object.assign(columns, { [field]: index });
  return errors.length > 0 ? { errors } : columns;
}

/** The line of a project and task: a mapping of that task first, then one of the whole project. */
function lineFinder(mapping: readonly ProjectMapping[]): (project: string, task: string) => string | undefined {
  const byTask = new Map<string, string>();
  const byProject = new Map<string, string>();
  for (const row of mapping) {
    if (row.task === undefined || row.task.trim() === "") byProject.set(title(row.project), row.line);
    else byTask.set(`${title(row.project)}\u0000${title(row.task)}`, row.line);
  }
  return (project, task) => byTask.get(`${title(project)}\u0000${title(task)}`) ?? byProject.get(title(project));
}

/** ISO (a timestamp's date part too), M/D/YYYY or D/M/YYYY, and D.M.YYYY as Kimai writes German dates. */
function readDate(text: string, order: "month-first" | "day-first"): string | undefined {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(text);
  if (iso !== null) return isIsoDate(iso[1] as string) ? iso[1] : undefined;
  const slashed = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/.exec(text);
  if (slashed === null) return undefined;
  const [first, second] = [Number(slashed[1]), Number(slashed[3])];
  const [month, day] = slashed[2] === "." || order === "day-first" ? [second, first] : [first, second];
  const date = `${slashed[4]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(date) ? date : undefined;
}

/**
 * Hours as decimal text. Decimal hours ("7.5", "7,5") are kept exactly; a clock duration
 * ("1:20", "01:20:00") is hours to six decimals, half-up, since a third of an hour has no exact
 * decimal form (an error of at most 0.0000005 h an entry).
 */
function readHours(text: string): string | undefined {
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
  if (clock !== null) {
    const seconds = BigInt(clock[1] as string) * 3600n + BigInt(clock[2] as string) * 60n + BigInt(clock[3] ?? "0");
    const micro = (seconds * 1_000_000n * 2n + 3600n) / (2n * 3600n);
    return scaledText(micro, 6).replace(/0+$/, "").replace(/\.$/, "");
  }
  const decimal = /^\d+[.,]?\d*$/.test(text) ? text.replace(",", ".") : undefined;
  if (decimal === undefined) return undefined;
  return isReadProblem(readFixed(decimal)) ? undefined : decimal;
}

function readBillable(text: string): boolean | undefined {
  const value = text.toLowerCase();
  if (["", "yes", "y", "true", "1", "ja"].includes(value)) return true;
  if (["no", "n", "false", "0", "nein"].includes(value)) return false;
  return undefined;
}
