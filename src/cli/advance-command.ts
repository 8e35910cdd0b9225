import { dirname, resolve } from "node:path";
import { ExportError } from "../export/export-error";
import { DATE_RANGE } from "../workbook/dates";
import { issueAdvanceInvoice, planAdvanceInvoice } from "../workbook/plan-advance-invoice";
import { NAMES } from "../workbook/port";
import { makeExports, parseFormats } from "./export-files";
import { type CommandOutput, EXIT, lines } from "./io";
import { dateOptionsError, parseArgs } from "./options";
import { printInvoice } from "./print-invoice";
import { errorOutcome, openWorkbook, problemsOutcome, warningLines, withHeldWorkbook, writeDocument, writtenNote } from "./workbook-file";

export const ADVANCE_HELP = `interim advance BOOK.xlsx [--date D] [--format pdf,csv,xml,xrechnung,facturx,xlsx] [--out DIR] [--dry-run]

Issues the advance (down-payment) invoice of the contract's "Advance payment" setting, as the
add-in does: an e-invoice of type 386 (Anzahlungsrechnung, facture d'acompte), numbered in the
invoices' series, with VAT charged on the advance at the contract's rates (split across them in
proportion to the contract sum at each). The progress invoices then deduct the advance as they
recover it, together with the VAT invoiced on it, and the final invoice (interim invoice --final)
lists it among the partial invoices. A contract has one advance invoice in force, issued before
its first progress invoice; a credit note (interim credit) cancels it. --date is its date
(YYYY-MM-DD from ${DATE_RANGE.first} to ${DATE_RANGE.last}, default today, never before the last
document in the billing log). --format exports it into --out (default: the workbook's folder).
--dry-run prints it and writes nothing. The workbook is written as interim invoice writes it
(temporary file, BOOK.xlsx.bak, rename).

Exit status: 0 done; 2 bad input (no advance, one already invoiced, problems, a file refused); 1 any other failure.`;

export async function runAdvance(args: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(args, { values: ["date", "format", "out"], flags: ["dry-run"] });
  const usage = (message: string): CommandOutput => ({ status: EXIT.badInput, stdout: "", stderr: `interim advance: ${message}\n\n${ADVANCE_HELP}\n` });
  if ("error" in parsed) return usage(parsed.error);
  const formats = parseFormats(parsed.values.get("format"));
  if ("error" in formats) return usage(formats.error);
  const dateError = dateOptionsError(parsed, ["date"]);
  if (dateError !== undefined) return usage(dateError);
  if (parsed.positional.length !== 1) return usage("give one workbook.");
  const file = parsed.positional[0] as string;
  const date = parsed.values.get("date");
  const options = date === undefined ? {} : { date };
  const output = (outcome: { status: 0 | 1 | 2; out: string[]; err: string[] }): CommandOutput => ({ status: outcome.status, stdout: lines(outcome.out), stderr: lines(outcome.err) });
  try {
    if (parsed.flags.has("dry-run")) {
      const plan = planAdvanceInvoice(await (await openWorkbook(file)).read(NAMES.milestones), options);
      if (!plan.ok) return output(problemsOutcome(file, plan.problems));
      return output({ status: EXIT.done, out: [...printInvoice(plan.issued), "", `(dry run: ${file} was not changed)`], err: [] });
    }
    return await withHeldWorkbook(file, async (held, workbook): Promise<CommandOutput> => {
      const outcome = await issueAdvanceInvoice(workbook, options);
      if (!outcome.ok) return output(problemsOutcome(file, outcome.problems));
      const exports = await makeExports(outcome.issued, formats);
      const written = await writeDocument(held, workbook, exports, parsed.values.get("out") ?? dirname(resolve(file)), undefined);
      const { note, err } = writtenNote(written);
      const s = outcome.issued.result.summary;
      return output({
        status: err.length === 0 ? EXIT.done : EXIT.failure,
        out: [`${file}: ${outcome.number}, advance invoice, total due ${s.totalDue} ${outcome.issued.result.currency} (advance ${s.currentPaymentDue}, tax ${s.tax})${note}.`],
        err: [...err, ...warningLines(outcome.warnings)],
      });
    });
  } catch (error) {
    if (error instanceof ExportError) return { status: EXIT.badInput, stdout: "", stderr: `${file}: ${error.message} Nothing was written.\n` };
    return output(errorOutcome(file, error));
  }
}
