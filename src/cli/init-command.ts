import { insertSample } from "../workbook/sample";
import { XlsxWorkbook } from "../workbook/xlsx-workbook";
import { type CommandOutput, EXIT } from "./io";
import { errorOutcome } from "./workbook-file";

export const INIT_HELP = `interim init BOOK.xlsx

Creates a new workbook, ready to open in Excel and to use with the add-in: a sample milestone
table (an Excel table named Milestones), the contract settings (the Contract sheet) and an
empty billing log (the Billing log sheet: its two tables, each a header row and one blank row,
as Excel shows an empty table; the first invoice fills it). An existing file is never replaced.

Exit status: 0 done; 2 when the file exists already; 1 any other failure.`;

export async function runInit(args: string[]): Promise<CommandOutput> {
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0 || file.startsWith("--")) {
    return { status: EXIT.badInput, stdout: "", stderr: `interim init takes one new workbook file.\n\n${INIT_HELP}\n` };
  }
  if (!/\.xlsx$/i.test(file)) return { status: EXIT.badInput, stdout: "", stderr: `interim init: ${file} must end in .xlsx.\n` };
  try {
    const workbook = XlsxWorkbook.create(file);
    await insertSample(workbook);
    await workbook.save();
    return { status: EXIT.done, stdout: `${file}: created with a sample milestone table, contract settings and an empty billing log. Edit them, then run: interim invoice ${file}\n`, stderr: "" };
  } catch (error) {
    const outcome = errorOutcome(file, error);
    return { status: outcome.status, stdout: "", stderr: `${outcome.err.join("\n")}\n` };
  }
}
