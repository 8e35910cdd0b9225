import { dirname } from "node:path";
import { insertSample } from "../workbook/sample";
import { XlsxWorkbook } from "../workbook/xlsx-workbook";
import { WorkbookFileError, isCode } from "../workbook/xlsx-file";
import { type CommandOutput, EXIT } from "./io";
import { FileFailure, FileRefusal, fileFailure } from "./file-errors";
import { type FileOutcome, errorOutcome } from "./workbook-file";

export const INIT_HELP = `interim init BOOK.xlsx [--timesheet]

Creates a new workbook, ready to open in Excel and to use with the add-in: a sample milestone
table (an Excel table named Milestones), the contract settings (the Contract sheet) and an
empty billing log (the Billing log sheet: its two tables, each a header row and one blank row,
as Excel shows an empty table; the first invoice fills it). An existing file is never replaced.
--timesheet bills the sample's time-and-materials line T1 from a timesheet instead of typed
hours: its Hours to date and Hourly rate are left blank, and a Rates table (Consultant 115.00
an hour, 120.00 from 2026-12-01; Senior consultant 140.00) prices the hours that
interim timesheet import brings in.

Exit status: 0 done; 2 when the file exists already; 1 any other failure.`;

export async function runInit(args: string[]): Promise<CommandOutput> {
  const timesheet = args.includes("--timesheet");
  const [file, ...rest] = args.filter((arg) => arg !== "--timesheet");
  if (file === undefined || rest.length > 0 || file.startsWith("--")) {
    return { status: EXIT.badInput, stdout: "", stderr: `interim init takes one new workbook file.\n\n${INIT_HELP}\n` };
  }
  if (!/\.xlsx$/i.test(file)) return { status: EXIT.badInput, stdout: "", stderr: `interim init: ${file} must end in .xlsx.\n` };
  try {
    const workbook = XlsxWorkbook.create(file);
    await insertSample(workbook, { timesheet });
    await workbook.save();
    return { status: EXIT.done, stdout: `${file}: created with a sample milestone table${timesheet ? " (T1 billed from a timesheet), a Rates table" : ""}, contract settings and an empty billing log. ${timesheet ? `Import a timesheet (interim timesheet import ${file} FILE.csv), then run: interim invoice ${file}` : `Edit them, then run: interim invoice ${file}`}\n`, stderr: "" };
  } catch (error) {
    const outcome = initFailure(file, error);
    return { status: outcome.status, stdout: "", stderr: `${outcome.err.join("\n")}\n` };
  }
}

/** Why a new workbook was not created, in plain words: there was no workbook to leave as it was. */
function initFailure(file: string, error: unknown): FileOutcome {
  if (isCode(error, "ENOENT")) {
    return { status: EXIT.badInput, out: [], err: [`The folder ${dirname(file)} does not exist: create it, or give a file in a folder that does, then run the command again.`] };
  }
  const plain = fileFailure(error, `Creating ${file}`);
  if (plain instanceof FileFailure) return { status: EXIT.failure, out: [], err: [plain.message] };
  if (plain instanceof FileRefusal || plain instanceof WorkbookFileError) return errorOutcome(file, plain);
  return { status: EXIT.failure, out: [], err: [`${file} was not created: ${plain instanceof Error ? plain.message : String(plain)}`] };
}
