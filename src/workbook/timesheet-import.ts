import {
  type ColumnSpec,
  type CsvRow,
  type Issue,
  type ProjectMapping,
  type TableIssue,
  type TimesheetEntry,
  type TimesheetFormat,
  LAYOUTS,
  addAmounts,
  detectFormat,
  entryIdentity,
  lineKey,
  numberToDecimalText,
  readMilestoneTable,
  readTableRows,
  readTimesheetRows,
  readTimesheetTable,
} from "../core";
import { fixedEquals, isReadProblem, readFixed } from "../core/fixed";
import { type AppendTarget, appendProblems, dataRows, placementOf } from "./billing-log";
import { isoToSerial } from "./dates";
import { missingTableProblem } from "./plan-invoice";
import {
  type CellValue,
  type LogTableData,
  MAPPING_HEADERS,
  NAMES,
  type OwnTable,
  type RowPlacement,
  TIMESHEET_HEADERS,
  type TableAppend,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "./port";
import { OWN_TABLES } from "./port-helpers";
import { type WorkbookProblem, problem, problemAt } from "./problems";
import { readSettings } from "./settings";

export interface TimesheetImportRequest {
  /** The export as read by readCsvRows (src/import/timesheet-csv.ts): its records, or its CSV syntax problems. */
  csv: { rows: CsvRow[] } | { errors: Issue[] };
  /** The file's name (no folder), written in the Source column: "harvest-2027-03.csv line 14". */
  fileName: string;
  /**
   * Mappings to add before reading (the pane's choices, the CLI's --map), remembered in the
   * TimesheetMapping table. One for a project and task the table maps already is a problem at
   * that row's Line cell (the table is where a mapping is changed), unless it maps to the same line.
   */
  mappings: ProjectMapping[];
  dateOrder?: "month-first" | "day-first";
}

/** A project (and task) of the file that no mapping covers: how many rows and hours it holds. */
export interface UnmappedProject {
  project: string;
  /** "" when the file has no task for these rows, or no task column. */
  task: string;
  rows: number;
  /** The exact sum of the rows' hours, as decimal text; a row whose hours do not read (a problem of its own) adds none. */
  hours: string;
}

export type TimesheetImportPlan =
  | {
      ok: true;
      format: TimesheetFormat;
      formatName: string;
      /** Entries added to the Timesheet table, in file order. */
      imported: TimesheetEntry[];
      /** Entries of the file the Timesheet table already holds (same date, person, line, hours, note; counted by occurrence): not added again. */
      skipped: number;
      /** Hours added per line, in line order of the milestone table. */
      byLine: { line: string; hours: string }[];
      /** The mappings the request added, remembered in the TimesheetMapping table. */
      mapped: ProjectMapping[];
      appends: TableAppend[];
    }
  | {
      ok: false;
      problems: WorkbookProblem[];
      /** Projects (and tasks) of the file no mapping covers, for the pane to offer a line for each; empty when every row is mapped. */
      unmapped: UnmappedProject[];
      /** The milestone table's line ids and descriptions, for the same choice. */
      lines: { id: string; description: string }[];
    };

/** The TimesheetMapping table's columns, read by header as the Payments table is. */
const MAPPING_COLUMNS = {
  project: { title: "Project", names: ["project name"], required: true, kind: "text" },
  task: { title: "Task", names: ["activity", "task name"], required: false, kind: "text" },
  line: { title: "Line", names: ["line id", "milestone", "milestone id", "id"], required: true, kind: "text" },
} as const satisfies Record<string, ColumnSpec>;

/** An own table's rows as its problems name it: what it is, and the step to take again. */
const TARGETS: Record<"timesheet" | "mapping", AppendTarget> = {
  timesheet: { what: `the ${NAMES.timesheetTable} table`, retry: "import the timesheet again", command: "run the command again" },
  mapping: { what: `the ${NAMES.mappingTable} table`, retry: "import the timesheet again", command: "run the command again" },
};

/** A project and task as a mapping matches them: trimmed and regardless of case, as the file's reader does. */
const mappingKey = (project: string, task: string | undefined): string => `${project.trim().toLowerCase()}\u0000${(task ?? "").trim().toLowerCase()}`;

/** "project "Portal rebuild"" or "project "Portal rebuild", task "Design"", as a problem names a mapping. */
const named = (project: string, task: string | undefined): string => `project "${project.trim()}"${task === undefined || task.trim() === "" ? "" : `, task "${task.trim()}"`}`;

/**
 * What importing a time tracker's export adds to the workbook: its entries into the Timesheet
 * table (created on its own sheet by the first import), each project read to the line its
 * mapping names, and the request's new mappings into the TimesheetMapping table. An entry the
 * table already holds is not added again, counted by occurrence: a file imported twice, or an
 * export overlapping the last, adds only what is new. Any problem (a row of the file, a
 * project no mapping covers, a mapping to a line the milestone table lacks, a table that cannot
 * take rows) refuses the whole import, each problem by its file line or at its cell.
 */
export function planTimesheetImport(snapshot: WorkbookSnapshot, request: TimesheetImportRequest): TimesheetImportPlan {
  const problems: WorkbookProblem[] = [];
  const lines = milestoneLines(snapshot, problems);
  const idOf = new Map(lines.map((line) => [lineKey(line.id), line.id]));
  const known = lines.map((line) => line.id).join(", ");
  const unknownLine = (line: string): string =>
    lines.length === 0 ? `the milestone table has no lines` : `the milestone table has no line "${line.trim()}"; its lines are ${known}`;

  const table = readMappingTable(snapshot.timesheetMapping, idOf, unknownLine, problems);
  const added = requestMappings(request.mappings, table, idOf, unknownLine, problems);
  const mappings = [...table.values(), ...added].map(({ mapping }) => mapping);

  if ("errors" in request.csv) return refused([...request.csv.errors.map(fileProblem), ...problems], [], lines);
  const reading = readTimesheetRows(request.csv.rows, mappings, { ...(request.dateOrder === undefined ? {} : { dateOrder: request.dateOrder }) });
  const existing = snapshot.timesheet;
  const held = existing === undefined ? undefined : readExisting(existing, problems);
  if ("errors" in reading) {
    const unmapped = unmappedProjects(request.csv.rows, reading.errors, request.dateOrder);
    // The workbook's problems too, so that one round of fixes is enough; a table's rows are
    // checked only once there are entries to add to it.
    return refused([...reading.errors.map(fileProblem), ...problems], unmapped, lines);
  }

  const counts = new Map(held?.counts ?? []);
  const imported: TimesheetEntry[] = [];
  for (const entry of reading.entries) {
    const hours = readFixed(entry.hours);
    // The file's reader gives hours as decimal text; this is a defect, not an input problem.
    if (isReadProblem(hours)) throw new Error(`Hours "${entry.hours}" of line ${entry.sourceRow} read as decimal text, then did not.`);
    const asCell = readFixed(numberToDecimalText(Number(entry.hours)));
    if (isReadProblem(asCell) || !fixedEquals(hours, asCell)) {
      problems.push(problem("NOT_A_NUMBER", `Line ${entry.sourceRow}: the duration ${entry.hours} has more digits than a cell keeps, so the entry could not be told apart from another when imported again; round it in the time tracker (six decimals at most), then export again.`));
    }
    const identity = entryIdentity(entry.date, entry.person, entry.line, hours, entry.note);
    const had = counts.get(identity) ?? 0;
    if (had > 0) counts.set(identity, had - 1);
    else imported.push({ ...entry, line: idOf.get(lineKey(entry.line)) ?? entry.line.trim() });
  }

  // Formats of a table created for the contract's currency; without settings, two decimals as USD's.
  const currency = readSettings(snapshot.settings).settings?.currency;
  const appends: TableAppend[] = [];
  if (added.length > 0) {
    // The mappings first: a write that fails part-way then leaves them remembered, and the entries are imported again whole.
    const target = ownTarget("mapping", snapshot, snapshot.timesheetMapping, problems);
    const rows = added.map(({ mapping }): CellValue[] => [mapping.project, mapping.task ?? null, mapping.line]);
    if (target !== undefined) appends.push({ ...target, rows, currency });
  }
  if (imported.length > 0) {
    const target = ownTarget("timesheet", snapshot, existing, problems);
    if (existing !== undefined && held !== undefined) problems.push(...missingColumns(existing, held.columnOf, imported));
    if (target !== undefined) appends.push({ ...target, rows: imported.map((entry) => timesheetRow(entry, request.fileName)), currency });
  }
  if (problems.length > 0) return refused(problems, [], lines);

  const hoursByLine = new Map<string, string[]>();
  for (const entry of imported) {
    const hours = hoursByLine.get(lineKey(entry.line));
    if (hours === undefined) hoursByLine.set(lineKey(entry.line), [entry.hours]);
    else hours.push(entry.hours);
  }
  const layout = LAYOUTS.find((candidate) => candidate.format === reading.format);
  return {
    ok: true,
    format: reading.format,
    formatName: layout?.name ?? reading.format,
    imported,
    skipped: reading.entries.length - imported.length,
    byLine: lines.flatMap((line) => {
      const hours = hoursByLine.get(lineKey(line.id));
      return hours === undefined ? [] : [{ line: line.id, hours: addAmounts(hours) }];
    }),
    mapped: added.map(({ mapping }) => mapping),
    appends,
  };
}

/** One read, then (when nothing is wrong) one appendRows: the new mappings, and the new entries. */
export async function importTimesheet(port: WorkbookPort, request: TimesheetImportRequest, options: { table?: string } = {}): Promise<TimesheetImportPlan> {
  const plan = planTimesheetImport(await port.read(options.table ?? NAMES.milestones), request);
  if (plan.ok && plan.appends.length > 0) await port.appendRows(plan.appends);
  return plan;
}

function refused(problems: WorkbookProblem[], unmapped: UnmappedProject[], lines: { id: string; description: string }[]): TimesheetImportPlan {
  return { ok: false, problems, unmapped, lines };
}

/** A problem of the file: by its line, in the message ("Line 14: ..."), with no cell to select. */
function fileProblem(issue: Issue): WorkbookProblem {
  return problem(issue.code, issue.message);
}

/** The milestone table's lines (id and description), the lines a mapping may name; a workbook without one is a problem. */
function milestoneLines(snapshot: WorkbookSnapshot, problems: WorkbookProblem[]): { id: string; description: string }[] {
  const table = snapshot.milestones;
  if (table === undefined) {
    problems.push(missingTableProblem(NAMES.milestones));
    return [];
  }
  // Only the ids and descriptions: a cell to fix elsewhere in the table does not stop hours being imported.
  return readMilestoneTable(table.values).lines.flatMap((line) => {
    const id = String(line.id ?? "").trim();
    return id === "" ? [] : [{ id, description: String(line.description ?? "").trim() }];
  });
}

interface KnownMapping {
  mapping: ProjectMapping;
  /** Where it is in the TimesheetMapping table: the Line cell a problem about it points at. */
  cell: { sheet: string; row: number; column: number } | undefined;
}

/** The TimesheetMapping table's rows by project and task; a row that cannot be read, or names a line the milestone table lacks, is a problem at its cell. */
function readMappingTable(
  table: LogTableData | undefined, idOf: Map<string, string>, unknownLine: (line: string) => string, problems: WorkbookProblem[],
): Map<string, KnownMapping> {
  const known = new Map<string, KnownMapping>();
  if (table === undefined) return known;
  const read = readTableRows(table.values, NAMES.mappingTable, MAPPING_COLUMNS);
  const at = (issue: Pick<TableIssue, "row" | "column">): [string, number, number] => [table.sheet, table.top + (issue.row ?? 0), table.left + (issue.column ?? 0)];
  for (const issue of read.issues) problems.push(problemAt(issue.code, issue.message, ...at(issue)));
  read.rows.forEach((cells, index) => {
    const row = read.rowOf[index] ?? 0;
    const cellOf = (field: keyof typeof MAPPING_COLUMNS): [string, number, number] => at({ row, column: read.columnOf[field] });
    const shown = `Row ${table.top + row + 1} of the ${NAMES.mappingTable} table`;
    if (cells.project === "") {
      problems.push(problemAt("REQUIRED", `${shown} has no project: type the project's name as the time tracker writes it, or delete the row.`, ...cellOf("project")));
      return;
    }
    if (cells.line === "") {
      problems.push(problemAt("REQUIRED", `${shown} maps ${named(cells.project, cells.task)} to no line: type the line id its hours go to, or delete the row.`, ...cellOf("line")));
      return;
    }
    const id = idOf.get(lineKey(cells.line));
    if (id === undefined) problems.push(problemAt("UNKNOWN_LINE", `${shown} maps ${named(cells.project, cells.task)} to line "${cells.line}", but ${unknownLine(cells.line)}. Correct the line id.`, ...cellOf("line")));
    const key = mappingKey(cells.project, cells.task);
    const before = known.get(key);
    if (before !== undefined && lineKey(before.mapping.line) !== lineKey(cells.line)) {
      problems.push(problemAt(
        "DUPLICATE_MAPPING",
        `${shown} maps ${named(cells.project, cells.task)} to line "${cells.line}", and an earlier row maps it to "${before.mapping.line}": delete the row that is wrong.`,
        ...cellOf("line"),
      ));
      return;
    }
    const [sheet, r, column] = cellOf("line");
    known.set(key, { mapping: { project: cells.project, ...(cells.task === "" ? {} : { task: cells.task }), line: id ?? cells.line }, cell: { sheet, row: r, column } });
  });
  return known;
}

/** The request's mappings the table does not hold yet; one that names an unknown line, or changes a row of the table, is a problem. */
function requestMappings(
  requested: readonly ProjectMapping[], table: Map<string, KnownMapping>, idOf: Map<string, string>, unknownLine: (line: string) => string, problems: WorkbookProblem[],
): KnownMapping[] {
  const added = new Map<string, KnownMapping>();
  for (const { project, task, line } of requested) {
    const which = `The mapping of ${named(project, task)} to line "${line.trim()}"`;
    if (project.trim() === "" || line.trim() === "") {
      problems.push(problem("REQUIRED", `${which} needs both a project and a line.`));
      continue;
    }
    const id = idOf.get(lineKey(line));
    if (id === undefined) problems.push(problem("UNKNOWN_LINE", `${which}: ${unknownLine(line)}.`));
    const mapping: ProjectMapping = { project: project.trim(), ...(task === undefined || task.trim() === "" ? {} : { task: task.trim() }), line: id ?? line.trim() };
    const key = mappingKey(project, task);
    const held = table.get(key);
    if (held !== undefined) {
      if (lineKey(held.mapping.line) !== lineKey(line) && held.cell !== undefined) {
        problems.push(problemAt(
          "MAPPED_ALREADY",
          `${which}: the ${NAMES.mappingTable} table maps it to line "${held.mapping.line}" already. To change it, type the new line in this cell (then import without the mapping); to keep it, leave the mapping out.`,
          held.cell.sheet, held.cell.row, held.cell.column,
        ));
      }
      continue;
    }
    const twice = added.get(key);
    if (twice !== undefined) {
      if (lineKey(twice.mapping.line) !== lineKey(line)) problems.push(problem("DUPLICATE_MAPPING", `${which}: it is also mapped to line "${twice.mapping.line}"; give one line for it.`));
      continue;
    }
    added.set(key, { mapping, cell: undefined });
  }
  return [...added.values()];
}

interface ExistingTimesheet {
  /** How many rows of the table have each entry identity. */
  counts: Map<string, number>;
  columnOf: ReturnType<typeof readTimesheetTable>["columnOf"];
}

/**
 * The Timesheet table's entries, counted by identity: what an import does not add again. A cell
 * that cannot be read refuses the import (at its cell), since the entry it belongs to could not
 * be told apart from the file's.
 */
function readExisting(table: LogTableData, problems: WorkbookProblem[]): ExistingTimesheet {
  const read = readTimesheetTable(table.values, table.top + 1);
  for (const issue of read.issues) problems.push(problemAt(issue.code, issue.message, table.sheet, table.top + (issue.row ?? 0), table.left + (issue.column ?? 0)));
  const counts = new Map<string, number>();
  for (const entry of read.rows) {
    const hours = readFixed(entry.hours);
    // A row without hours (a blank cell) is no entry of any file: an invoice says it is incomplete.
    if (isReadProblem(hours)) continue;
    const identity = entryIdentity(entry.date, entry.person, entry.line, hours, entry.note);
    counts.set(identity, (counts.get(identity) ?? 0) + 1);
  }
  return { counts, columnOf: read.columnOf };
}

/**
 * Where the rows of one own table go (its placement, and whether it must be created), or the
 * problems that stop rows going there: a filter or a fixed total row, a protected sheet, a sheet
 * of its name without the table, its name taken by another name of the workbook.
 */
function ownTarget(
  own: OwnTable & keyof typeof TARGETS, snapshot: WorkbookSnapshot, table: LogTableData | undefined, problems: WorkbookProblem[],
): Omit<TableAppend, "rows" | "currency"> | undefined {
  const spec = OWN_TABLES[own];
  const before = problems.length;
  if (table === undefined) {
    if (snapshot.sheets.some((sheet) => sheet.toLowerCase() === spec.sheet.toLowerCase())) {
      problems.push(problem("SHEET_EXISTS", `A sheet named "${spec.sheet}" exists but holds no table named ${spec.table}; Interim ${spec.keeps} in that table, on a sheet of its own. Rename the sheet, or make its rows an Excel table named ${spec.table} (Insert > Table, then Table Design > Table Name).`));
    }
    if (snapshot.definedNames.some((name) => name.toLowerCase() === spec.table.toLowerCase())) {
      problems.push(problem("NAME_TAKEN", `The workbook already has a name "${spec.table}", which Interim gives the table it creates; delete or rename it (Formulas > Name Manager), then ${spec.retry}.`));
    }
    if (problems.length > before) return undefined;
    return { table: own, create: true, placement: { discard: [], fillFirstRow: true, columns: spec.headers.map((_, c) => c), width: spec.headers.length } };
  }
  problems.push(...appendProblems(table, TARGETS[own]));
  if (snapshot.protectedSheets.some((sheet) => sheet.toLowerCase() === table.sheet.toLowerCase())) {
    problems.push(problemAt("SHEET_PROTECTED", `The sheet ${table.sheet} is protected, so rows cannot be added to ${TARGETS[own].what}. Unprotect it (Review > Unprotect Sheet), then ${spec.retry}.`, table.sheet, table.top, table.left));
  }
  if (problems.length > before) return undefined;
  const header = (table.values[0] ?? []).map((cell) => String(cell ?? "").trim().toLowerCase());
  const placement: RowPlacement = {
    ...placementOf(table, dataRows(table).length === 0 ? table.values.slice(1).map((_, r) => r) : []),
    columns: own === "timesheet" ? timesheetColumns(table) : mappingColumns(table),
    width: header.length,
  };
  return { table: own, create: false, placement };
}

/** The table's column of each of TIMESHEET_HEADERS, read by header as an invoice reads them (-1 for one it lacks: not written). */
function timesheetColumns(table: LogTableData): number[] {
  const { columnOf } = readTimesheetTable(table.values.slice(0, 1), table.top + 1);
  const header = (table.values[0] ?? []).map((cell) => String(cell ?? "").trim().toLowerCase());
  const fields = { Date: "date", Person: "person", Role: "role", Line: "line", Hours: "hours", Rate: "rate", Billable: "billable", Note: "note" } as const;
  return TIMESHEET_HEADERS.map((title) => (title === "Source" ? header.indexOf("source") : (columnOf[fields[title]] ?? -1)));
}

/** The table's column of each of MAPPING_HEADERS, by header. */
function mappingColumns(table: LogTableData): number[] {
  const { columnOf } = readTableRows(table.values.slice(0, 1), NAMES.mappingTable, MAPPING_COLUMNS);
  const fields = { Project: "project", Task: "task", Line: "line" } as const;
  return MAPPING_HEADERS.map((title) => columnOf[fields[title]] ?? -1);
}

/**
 * A person's own Timesheet table may lack columns; one whose values the imported entries need is
 * a problem at its header: without Note the next import could not tell its entries from the
 * file's (and would add them again), without Billable a non-billable entry would be billed, and
 * without Role a rate by role would find none.
 */
function missingColumns(table: LogTableData, columnOf: ExistingTimesheet["columnOf"], entries: readonly TimesheetEntry[]): WorkbookProblem[] {
  const needs = [
    { field: "note", title: "Note", count: entries.filter((entry) => entry.note.trim() !== "").length, what: "with a note, which tells an entry from another (without the column, the next import would add them again)" },
    { field: "billable", title: "Billable", count: entries.filter((entry) => !entry.billable).length, what: "not billable, which without the column would be billed" },
    { field: "role", title: "Role", count: entries.filter((entry) => entry.role !== undefined).length, what: "with a role, which the Rates table prices by" },
  ] as const;
  return needs
    .filter(({ field, count }) => count > 0 && columnOf[field] === undefined)
    .map(({ title, count, what }) => problemAt(
      "MISSING_COLUMN",
      `The ${NAMES.timesheetTable} table has no ${title} column, and the file has ${count} entr${count === 1 ? "y" : "ies"} ${what}. Add a column headed ${title} to the table, then import the timesheet again.`,
      table.sheet, table.top, table.left,
    ));
}

/** An entry as a row of the Timesheet table, in the order of TIMESHEET_HEADERS: the date as a serial, the hours as a number, Source its file line. */
function timesheetRow(entry: TimesheetEntry, fileName: string): CellValue[] {
  return [
    isoToSerial(entry.date), entry.person, entry.role ?? null, entry.line, Number(entry.hours), null,
    entry.billable ? "Yes" : "No", entry.note === "" ? null : entry.note, `${fileName} line ${entry.sourceRow}`,
  ];
}

/**
 * The projects (and tasks) of the file's unmapped rows, in file order, with their rows and hours:
 * each row read again with a mapping of its own, so its hours are the reader's, exactly.
 */
function unmappedProjects(rows: readonly CsvRow[], errors: readonly Issue[], dateOrder: TimesheetImportRequest["dateOrder"]): UnmappedProject[] {
  const [header] = rows;
  const layout = header === undefined ? undefined : detectFormat(header.cells);
  if (header === undefined || layout === undefined) return [];
  // The columns as the reader finds them: titles trimmed, regardless of case, the first that matches.
  const titles = header.cells.map((cell) => cell.replace(/^\uFEFF/, "").trim().toLowerCase());
  const project = titles.findIndex((candidate) => layout.project.includes(candidate));
  const task = layout.task === undefined ? -1 : titles.findIndex((candidate) => layout.task?.includes(candidate) === true);
  const byLine = new Map(rows.map((row) => [row.line, row]));
  const groups = new Map<string, UnmappedProject & { all: string[] }>();
  for (const error of errors) {
    const row = error.code === "UNMAPPED_PROJECT" ? byLine.get(Number(error.path[1])) : undefined;
    if (row === undefined) continue;
    const names = { project: (row.cells[project] ?? "").trim(), task: task < 0 ? "" : (row.cells[task] ?? "").trim() };
    const key = mappingKey(names.project, names.task);
    const group = groups.get(key) ?? { ...names, rows: 0, hours: "0", all: [] };
    group.rows += 1;
    const alone = readTimesheetRows([header, row], [{ project: names.project, ...(names.task === "" ? {} : { task: names.task }), line: "?" }], { ...(dateOrder === undefined ? {} : { dateOrder }) });
    if (!("errors" in alone)) group.all.push(...alone.entries.map((entry) => entry.hours));
    groups.set(key, group);
  }
  return [...groups.values()].map(({ all, ...group }) => ({ ...group, hours: addAmounts(all) }));
}
