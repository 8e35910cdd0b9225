import { dirname, resolve } from "node:path";
import { ExportError } from "../export/export-error";
import { issueCreditNote } from "../workbook/credit-note";
import { DATE_RANGE } from "../workbook/dates";
import { makeExports, parseFormats } from "./export-files";
import { type CommandOutput, EXIT } from "./io";
import { dateOptionsError, parseArgs } from "./options";
import { errorOutcome, problemsOutcome, warningLines, withHeldWorkbook, writeDocument, writtenNote } from "./workbook-file";

export const CREDIT_HELP = `interim credit BOOK.xlsx [--date D] [--format pdf,csv,xml,xrechnung,facturx,xlsx] [--out DIR]

Issues a credit note that cancels the latest invoice in force, as the add-in does: an issued
invoice is never edited, it is cancelled, and the next invoice starts where the one before it
ended. --date is the credit note's date (YYYY-MM-DD from ${DATE_RANGE.first} to ${DATE_RANGE.last},
default today, never before the last document in the billing log). --format exports the credit note (PDF, CSV, UBL CreditNote XML: Peppol or XRechnung,
Factur-X PDF, Excel) into --out (default: the workbook's folder). The workbook is written as interim invoice
writes it (temporary file, BOOK.xlsx.bak, rename).

Exit status: 0 done; 2 bad input (nothing to cancel, problems, a file refused); 1 any other failure.`;

export async function runCredit(args: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(args, { values: ["date", "format", "out"], flags: [] });
  const formats = "error" in parsed ? parsed : parseFormats(parsed.values.get("format"));
  const dateError = "error" in parsed ? undefined : dateOptionsError(parsed, ["date"]);
  if ("error" in parsed || "error" in formats || dateError !== undefined || parsed.positional.length !== 1) {
    const message = "error" in formats ? formats.error : (dateError ?? "give one workbook.");
    return { status: EXIT.badInput, stdout: "", stderr: `interim credit: ${message}\n\n${CREDIT_HELP}\n` };
  }
  const file = parsed.positional[0] as string;
  const date = parsed.values.get("date");
  try {
    return await withHeldWorkbook(file, async (held, workbook): Promise<CommandOutput> => {
      const outcome = await issueCreditNote(workbook, date === undefined ? {} : { date });
      if (!outcome.ok) {
        const problems = problemsOutcome(file, outcome.problems);
        return { status: problems.status, stdout: "", stderr: `${problems.err.join("\n")}\n` };
      }
      const exports = await makeExports(outcome.issued, formats);
      const written = await writeDocument(held, workbook, exports, parsed.values.get("out") ?? dirname(resolve(file)), undefined);
      const { note, err } = writtenNote(written);
      const stderr = [...err, ...warningLines(outcome.warnings)];
      return {
        status: err.length === 0 ? EXIT.done : EXIT.failure,
        stdout: `${file}: ${outcome.number} cancels ${outcome.cancels}, total credited ${outcome.totalCredited} ${outcome.issued.result.currency}${note}.\n`,
        stderr: stderr.length === 0 ? "" : `${stderr.join("\n")}\n`,
      };
    });
  } catch (error) {
    if (error instanceof ExportError) return { status: EXIT.badInput, stdout: "", stderr: `${file}: ${error.message} Nothing was written.\n` };
    const outcome = errorOutcome(file, error);
    return { status: outcome.status, stdout: "", stderr: `${outcome.err.join("\n")}\n` };
  }
}
