import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  REPORT_FORMATS, type ReportContract, type ReportFailure, type ReportFormat, buildFinanceReport, noteText, reportFiles, toReportJson, toReportText,
} from "../export/report";
import { DATE_RANGE, today } from "../workbook/dates";
import { readFinances } from "../workbook/finances";
import { NAMES } from "../workbook/port";
import { WorkbookFileError, isCode } from "../workbook/xlsx-file";
import { cliFonts, exportedNote, placeExports, stageExports } from "./export-files";
import { FileFailure, FileRefusal, fileFailure } from "./file-errors";
import { type CommandOutput, EXIT, lines, worst } from "./io";
import { dateOptionsError, parseArgs } from "./options";
import { errorOutcome, openWorkbook } from "./workbook-file";
import { workbooksIn } from "./workbook-folder";
import { inUseBy } from "./workbook-lock";

export const REPORT_HELP = `interim report BOOK.xlsx|FOLDER [--as-of D] [--json] [--format xlsx,csv,pdf] [--out DIR] [--table NAME]

The money after the invoice, as of a date (--as-of, YYYY-MM-DD from ${DATE_RANGE.first} to
${DATE_RANGE.last}, default today), for one workbook or for every .xlsx directly in a folder
(one contract per workbook; Excel's ~$ owner files, hidden files and the reports this command
writes are left out): what was billed, paid and is outstanding or overdue, the retention
held, cost, margin and over or under billing, the aging of receivables and the overdue
invoices; then the month-end WIP schedule (percentage of completion, cost-to-cost), the aging
report (one row per contract) and the totals per currency (amounts in different currencies are
never added). --table names the milestone table (default ${NAMES.milestones}).
--json prints one JSON object instead: {asOf, contracts: [...], totals: [...], failures: [...]},
each contract's figures as decimal text and fractions with 4 decimals.
--format writes the report as files into --out (default: the folder, or the workbook's
folder): interim-report-DATE.xlsx (sheets WIP schedule, Aging and Invoices, with live totals),
interim-report-DATE-wip.csv and -aging.csv, interim-report-DATE.pdf. A file already there is
never replaced.

The report only reads: it never writes a workbook and never locks one; a workbook open in a
spreadsheet program is read as last saved, and said so. A workbook that cannot be read (a
problem in a cell, not an .xlsx, ...) is left out with its problems, each printed as
Sheet!Cell: message (and listed under "failures" with --json), and the others are reported.

Exit status: 0 every workbook reported; 2 bad input (a workbook left out for its problems, or
refused; a report file already there); 1 any other failure. The worst status of any workbook.`;

const SPEC = { values: ["as-of", "format", "out", "table"], flags: ["json"] } as const;

interface ReportOptions {
  asOf: string;
  table: string | undefined;
}

/** One workbook's part of the report: its figures, or why it is left out; and notes for standard error. */
type WorkbookReport = { contract: ReportContract; err: string[] } | { failure: ReportFailure; status: 1 | 2; err: string[] };

export async function runReport(args: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(args, SPEC);
  const usage = (message: string): CommandOutput => ({ status: EXIT.badInput, stdout: "", stderr: `interim report: ${message}\n\n${REPORT_HELP}\n` });
  if ("error" in parsed) return usage(parsed.error);
  const dateError = dateOptionsError(parsed, ["as-of"]);
  if (dateError !== undefined) return usage(dateError);
  const formats = parseReportFormats(parsed.values.get("format"));
  if ("error" in formats) return usage(formats.error);
  if (parsed.positional.length !== 1) return usage("give one workbook or one folder.");
  const target = parsed.positional[0] as string;
  const options: ReportOptions = { asOf: parsed.values.get("as-of") ?? today(), table: parsed.values.get("table") };

  let files: string[];
  let folder: string;
  try {
    const info = await stat(target);
    folder = info.isDirectory() ? target : dirname(resolve(target));
    files = info.isDirectory() ? (await workbooksIn(target)).map((name) => join(target, name)) : [target];
  } catch (error) {
    const reason = isCode(error, "ENOENT") ? `${target}: no such file or folder.` : messageOf(fileFailure(error, `Reading ${target}`));
    return { status: EXIT.badInput, stdout: "", stderr: `interim report: ${reason}\n` };
  }
  if (files.length === 0) return { status: EXIT.badInput, stdout: "", stderr: `interim report: ${target} holds no .xlsx workbook.\n` };

  const contracts: ReportContract[] = [];
  const failures: ReportFailure[] = [];
  const err: string[] = [];
  let status: 0 | 1 | 2 = EXIT.done;
  // One workbook at a time, in name order: a folder of many contracts is never all in memory.
  for (const file of files) {
    const one = await reportOne(file, options);
    err.push(...one.err);
    if ("contract" in one) {
      contracts.push(one.contract);
    } else {
      failures.push(one.failure);
      status = worst(status, one.status);
    }
  }
  const report = buildFinanceReport(options.asOf, contracts, failures);
  const json = parsed.flags.has("json");
  const stdout = json ? toReportJson(report) : toReportText(report);
  if (formats.length === 0) return { status, stdout, stderr: lines(err) };

  const out = parsed.values.get("out") ?? folder;
  try {
    const staged = await stageExports(await reportFiles(report, formats, { fonts: cliFonts() }), out, undefined);
    const unplaced = await placeExports(staged);
    const note = `Report${exportedNote(staged)}.`;
    return {
      status: unplaced.length === 0 ? status : EXIT.failure,
      stdout: json ? stdout : `${stdout}\n${note}\n`,
      stderr: lines([...err, ...(json ? [note] : []), ...unplaced.map((line) => `  report file not in place: ${line}`)]),
    };
  } catch (error) {
    // The report itself is printed whatever happened to its files.
    const refused = error instanceof FileRefusal;
    const reason = error instanceof FileFailure || refused ? error.message : `The report's files were not written: ${messageOf(error)}`;
    return { status: worst(status, refused ? EXIT.badInput : EXIT.failure), stdout, stderr: lines([...err, `interim report: ${reason}`]) };
  }
}

function parseReportFormats(list: string | undefined): ReportFormat[] | { error: string } {
  const formats = (list ?? "").split(",").map((f) => f.trim().toLowerCase()).filter((f) => f !== "");
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) return { error: `unknown format ${unknown.join(", ")}; the report's formats are ${REPORT_FORMATS.join(", ")}.` };
  return [...new Set(formats)] as ReportFormat[];
}

/** Reads one workbook as saved, without locking it, and works out its figures as of the date. */
async function reportOne(file: string, options: ReportOptions): Promise<WorkbookReport> {
  const name = basename(file);
  try {
    const workbook = await openWorkbook(file);
    const busy = await inUseBy(file);
    const err = busy === undefined ? [] : [`  note: ${file} is ${busy}; the report read the version saved on disk.`];
    const outcome = readFinances(await workbook.read(options.table ?? NAMES.milestones), { ...(options.table === undefined ? {} : { table: options.table }), asOf: options.asOf });
    if (!outcome.ok) {
      return {
        failure: { file: name, problems: outcome.problems },
        status: EXIT.badInput,
        err: [...err, `${file}: ${outcome.problems.length} problem(s); not in the report.`, ...outcome.problems.map((p) => `  ${noteText(p)}`)],
      };
    }
    return { contract: { file: name, contract: outcome.contract, client: outcome.client, finances: outcome.finances, warnings: outcome.warnings }, err };
  } catch (error) {
    const outcome = errorOutcome(file, error);
    const message = outcome.err.join(" ");
    const code = error instanceof WorkbookFileError ? error.code : outcome.status === EXIT.badInput ? "FILE_REFUSED" : "FAILED";
    return {
      failure: { file: name, problems: [{ code, message, sheet: undefined, cell: undefined }] },
      status: outcome.status === EXIT.badInput ? EXIT.badInput : EXIT.failure,
      err: [`${file}: not in the report: ${message}`],
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
