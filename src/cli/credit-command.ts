import { issueCreditNote } from "../workbook/credit-note";
import { type CommandOutput, EXIT } from "./io";
import { parseArgs } from "./options";
import { errorOutcome, openWorkbook, problemsOutcome } from "./workbook-file";

export const CREDIT_HELP = `interim credit BOOK.xlsx [--date D]

Issues a credit note that cancels the latest invoice in force, as the add-in does: an issued
invoice is never edited, it is cancelled, and the next invoice starts where the one before it
ended. --date is the credit note's date (YYYY-MM-DD, default today). The workbook is written
as interim invoice writes it (temporary file, BOOK.xlsx.bak, rename).

Exit status: 0 done; 2 bad input (nothing to cancel, problems, a file refused); 1 any other failure.`;

export async function runCredit(args: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(args, { values: ["date"], flags: [] });
  if ("error" in parsed || parsed.positional.length !== 1) {
    return { status: EXIT.badInput, stdout: "", stderr: `interim credit: ${"error" in parsed ? parsed.error : "give one workbook."}\n\n${CREDIT_HELP}\n` };
  }
  const file = parsed.positional[0] as string;
  const date = parsed.values.get("date");
  try {
    const workbook = await openWorkbook(file);
    const outcome = await issueCreditNote(workbook, date === undefined ? {} : { date });
    if (!outcome.ok) {
      const problems = problemsOutcome(file, outcome.problems);
      return { status: problems.status, stdout: "", stderr: `${problems.err.join("\n")}\n` };
    }
    const saved = await workbook.save();
    return {
      status: EXIT.done,
      stdout: `${file}: ${outcome.number} cancels ${outcome.cancels}, total credited ${outcome.totalCredited}; written, previous version kept as ${saved.backup ?? "(none)"}.\n`,
      stderr: "",
    };
  } catch (error) {
    const outcome = errorOutcome(file, error);
    return { status: outcome.status, stdout: "", stderr: `${outcome.err.join("\n")}\n` };
  }
}
