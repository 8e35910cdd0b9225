import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { ProjectMapping } from "../core";
import { readCsvRows } from "../import/timesheet-csv";
import { NAMES } from "../workbook/port";
import { describeProblem } from "../workbook/problems";
import { type TimesheetImportPlan, type TimesheetImportRequest, importTimesheet, planTimesheetImport } from "../workbook/timesheet-import";
import { isCode } from "../workbook/xlsx-file";
import { FileRefusal, fileFailure } from "./file-errors";
import { type CommandOutput, EXIT, lines } from "./io";
import { parseArgs } from "./options";
import { commitWorkbook } from "./workbook-commit";
import { type FileOutcome, done, errorOutcome, openWorkbook, withHeldWorkbook } from "./workbook-file";
import { inUseBy } from "./workbook-lock";

export const TIMESHEET_HELP = `interim timesheet import BOOK.xlsx FILE.csv [--map "PROJECT=LINE"]... [--map "PROJECT::TASK=LINE"]...
                [--day-first] [--table NAME] [--dry-run]

Imports a time tracker's CSV export (Harvest's detailed time report, Toggl Track's or
Clockify's detailed report, Kimai's export: the header row tells which) into the workbook's
${NAMES.timesheetTable} table, as the add-in's Import timesheet does. The first import creates the table on a
sheet of its own, named ${NAMES.timesheetSheet}; each entry's Source cell says where it came from
("harvest-2027-03.csv line 14"). The next invoice bills the lines' hours at the Rates table's
rates (the rates in the export are not read).
Each project of the file goes to a line of the milestone table: --map "Website redesign=L1"
maps a whole project, --map "Website redesign::Design=L2" one of its tasks (a task's mapping
wins over its project's). Project and task are split at "::" because their names often hold
"/" or "-"; the line id is what follows the last "=". Mappings are remembered in the
${NAMES.mappingTable} table (on its own sheet, ${NAMES.mappingSheet}), so the next import needs none;
to change one, edit its Line cell there. A project no mapping covers stops the import, with
the --map to add for it, its rows and hours, and the lines to choose from.
An entry the ${NAMES.timesheetTable} table holds already (same date, person, line, hours and note) is not
added again, counted by occurrence: the same export imported twice adds nothing, and an export
overlapping the last adds only what is new.
Dates such as 03/04/2027 are read month first (the tools' US default); --day-first reads them
day first. --table names the milestone table (default ${NAMES.milestones}). The file is read as
UTF-8. --dry-run checks the import and prints what it would add, writing nothing.
Any problem (a row of the file, by its line; a cell of the workbook) stops the import, and
nothing is written. The workbook is written as interim invoice writes it (locked, temporary
file, BOOK.xlsx.bak, rename).

Exit status: 0 done (or nothing new to import); 2 bad input (problems in the file or the
workbook, a project not mapped, a file refused); 1 any other failure.`;

const SPEC = { values: ["table"], lists: ["map"], flags: ["day-first", "dry-run"] } as const;

export async function runTimesheet(args: string[]): Promise<CommandOutput> {
  const usage = (message: string): CommandOutput => ({ status: EXIT.badInput, stdout: "", stderr: `interim timesheet: ${message}\n\n${TIMESHEET_HELP}\n` });
  const [action, ...rest] = args;
  if (action !== "import") return usage(action === undefined ? "say what to do: import." : `unknown action "${action}"; the one there is: import.`);
  const parsed = parseArgs(rest, SPEC);
  if ("error" in parsed) return usage(parsed.error);
  const [book, csv, ...extra] = parsed.positional;
  if (book === undefined || csv === undefined || extra.length > 0) return usage("give one workbook, then one CSV file.");
  const mappings: ProjectMapping[] = [];
  for (const text of parsed.lists.get("map") ?? []) {
    const mapping = parseMapping(text);
    if (mapping === undefined) return usage(`--map "${text}": write PROJECT=LINE for a whole project, or PROJECT::TASK=LINE for one of its tasks.`);
    mappings.push(mapping);
  }
  const table = parsed.values.get("table");
  const outcome = await importOne(book, csv, mappings, {
    dateOrder: parsed.flags.has("day-first") ? "day-first" : "month-first",
    table: table ?? NAMES.milestones,
    dryRun: parsed.flags.has("dry-run"),
  });
  return { status: outcome.status, stdout: lines(outcome.out), stderr: lines(outcome.err) };
}

/** "PROJECT=LINE" or "PROJECT::TASK=LINE": the line after the last "=", the task after the first "::"; undefined when a part is blank. */
export function parseMapping(text: string): ProjectMapping | undefined {
  const equals = text.lastIndexOf("=");
  if (equals < 0) return undefined;
  const [project = "", ...task] = text.slice(0, equals).split("::");
  const line = text.slice(equals + 1).trim();
  const taskName = task.join("::").trim();
  if (project.trim() === "" || line === "" || (task.length > 0 && taskName === "")) return undefined;
  return { project: project.trim(), ...(taskName === "" ? {} : { task: taskName }), line };
}

interface ImportOptions {
  dateOrder: "month-first" | "day-first";
  table: string;
  dryRun: boolean;
}

async function importOne(book: string, csv: string, mappings: ProjectMapping[], options: ImportOptions): Promise<FileOutcome> {
  try {
    const request: TimesheetImportRequest = { csv: readCsvRows(await readCsvText(csv)), fileName: basename(csv), mappings, dateOrder: options.dateOrder };
    if (options.dryRun) {
      const workbook = await openWorkbook(book);
      const plan = planTimesheetImport(await workbook.read(options.table), request);
      if (!plan.ok) return refusedOutcome(book, request.fileName, plan);
      // A dry run writes nothing, so a workbook in use is read as it was last saved, and said so.
      const busy = await inUseBy(book);
      const inUse = busy === undefined ? [] : [`  note: ${book} is ${busy}; the dry run read the version saved on disk.`];
      return done([...importedText(request.fileName, plan, "would import"), `(dry run: ${book} was not changed)`], inUse);
    }
    return await withHeldWorkbook(book, async (held, workbook) => {
      const plan = await importTimesheet(workbook, request, { table: options.table });
      if (!plan.ok) return refusedOutcome(book, request.fileName, plan);
      if (plan.appends.length === 0) return done([...importedText(request.fileName, plan, "imported"), `${book} was not changed.`]);
      const { backup } = await commitWorkbook(held, await workbook.toBuffer());
      return done([...importedText(request.fileName, plan, "imported"), `${book}: written, previous version kept as ${basename(backup)}.`]);
    });
  } catch (error) {
    return errorOutcome(book, error);
  }
}

/** The export's text: UTF-8, as the four tools write it; anything else is refused rather than read as wrong characters. */
async function readCsvText(path: string): Promise<string> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw isCode(error, "ENOENT") ? new FileRefusal(`${path}: no such file.`) : fileFailure(error, `Reading ${path}`);
  });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FileRefusal(
      `${path} is not UTF-8 text (a file saved by a spreadsheet program as plain "CSV" often is not). Export it again from the time tracker, or save it as "CSV UTF-8", then run the command again; nothing was written.`,
      { cause: error },
    );
  }
}

type Imported = Extract<TimesheetImportPlan, { ok: true }>;

/** "harvest.csv (Harvest): 124 entries imported into the Timesheet table, 3 already there; L1 120.5 h, L2 3.5 h.", and the mappings remembered. */
function importedText(fileName: string, plan: Imported, verb: "imported" | "would import"): string[] {
  const count = plan.imported.length;
  const entries = (n: number): string => `${n} entr${n === 1 ? "y" : "ies"}`;
  const already = plan.skipped === 0 ? "" : `, ${plan.skipped} already there`;
  const summary =
    count === 0
      ? `${fileName} (${plan.formatName}): nothing new; ${plan.skipped === 0 ? "the file has no entries" : `its ${entries(plan.skipped)} ${plan.skipped === 1 ? "is" : "are"} already in the ${NAMES.timesheetTable} table`}.`
      : verb === "imported"
        ? `${fileName} (${plan.formatName}): ${entries(count)} imported into the ${NAMES.timesheetTable} table${already}; ${plan.byLine.map((l) => `${l.line} ${l.hours} h`).join(", ")}.`
        : `${fileName} (${plan.formatName}): would import ${entries(count)} into the ${NAMES.timesheetTable} table${already}; ${plan.byLine.map((l) => `${l.line} ${l.hours} h`).join(", ")}.`;
  const mapped = plan.mapped.map((m) => `${m.project}${m.task === undefined ? "" : `::${m.task}`} → ${m.line}`);
  return [summary, ...(mapped.length === 0 ? [] : [`  ${verb === "imported" ? "remembered" : "would remember"} in the ${NAMES.mappingTable} table: ${mapped.join("; ")}`])];
}

/** The problems, each by its file line or cell; then, for projects no mapping covers, the --map to add for each and the lines to choose from. */
function refusedOutcome(book: string, fileName: string, plan: Extract<TimesheetImportPlan, { ok: false }>): FileOutcome {
  const err = [`${book}: ${plan.problems.length} problem(s) importing ${fileName}; nothing was written.`, ...plan.problems.map((p) => `  ${describeProblem(p)}`)];
  if (plan.unmapped.length > 0) {
    err.push(`Map each project to a line of the milestone table (the mapping is remembered for the next import):`);
    for (const project of plan.unmapped) {
      const target = project.task === "" ? project.project : `${project.project}::${project.task}`;
      err.push(`  map it: --map ${shellQuoted(`${target}=LINE`)}  (${project.rows} row${project.rows === 1 ? "" : "s"}, ${project.hours} h)`);
    }
    const withTasks = [...new Set(plan.unmapped.filter((p) => p.task !== "").map((p) => p.project))];
    for (const project of withTasks) err.push(`  or all of ${project}: --map ${shellQuoted(`${project}=LINE`)}`);
    err.push(`  lines: ${plan.lines.length === 0 ? "(the milestone table has none)" : plan.lines.map((l) => (l.description === "" ? l.id : `${l.id} (${l.description})`)).join(", ")}`);
  }
  return { status: EXIT.badInput, out: [], err };
}

/** A value in double quotes as a POSIX shell reads it back: ", \, $ and ` escaped. */
function shellQuoted(text: string): string {
  return `"${text.replace(/(["\\$`])/g, "\\$1")}"`;
}
