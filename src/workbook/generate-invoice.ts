import type { BillingResult, IssuedInvoice, TimesheetAggregate } from "../core";
import { readBillingLog, type Numbering } from "./billing-log";
import { type GenerateOptions, numberingOf, planInvoice } from "./plan-invoice";
import { type LogCommit, NAMES, WorkbookError, type WorkbookPort } from "./port";
import { type WorkbookProblem, problem } from "./problems";

export type GenerateOutcome =
  | {
      ok: true; number: string; sheet: string; draft: boolean; result: BillingResult; issued: IssuedInvoice; warnings: WorkbookProblem[];
      /** What the invoice billed from the Timesheet table (new and late entries among it); undefined without one. */
      time: TimesheetAggregate | undefined;
      /** A progress invoice that brought every line to its scheduled value: the final invoice may follow. */
      suggestFinal: boolean;
    }
  | { ok: false; problems: WorkbookProblem[] };

/**
 * Generate invoice: one read, then (when nothing is wrong) the invoice sheet, then the billing
 * log as the very last step, so that a failure part-way leaves no log entry and the next
 * attempt starts clean (replacing the half-written sheet). Three round trips in all.
 */
export async function generateInvoice(port: WorkbookPort, options: GenerateOptions = {}): Promise<GenerateOutcome> {
  const snapshot = await port.read(options.table ?? NAMES.milestones);
  const plan = planInvoice(snapshot, options);
  if (!plan.ok) return plan;
  await port.writeInvoiceSheet(plan.layout, plan.replace);
  const incomplete = plan.draft ? [] : await commitDocument(port, plan.commit, plan.number, numberingOf(plan.settings));
  return { ok: true, number: plan.number, sheet: plan.layout.name, draft: plan.draft, result: plan.result, issued: plan.issued, warnings: [...plan.warnings, ...incomplete], time: plan.time, suggestFinal: plan.suggestFinal };
}

/**
 * The last step of issuing a document, and the truth when it fails part-way: the log row is the
 * record that the document is issued, so when the commit fails after writing it (the settings
 * update or the sheet's protection), the document is issued all the same. The log is read
 * again: if it holds the document, the outcome is a warning saying what did not complete; if
 * not, nothing was issued and the failure stands.
 */
export async function commitDocument(port: WorkbookPort, commit: LogCommit, number: string, numbering: Numbering): Promise<WorkbookProblem[]> {
  try {
    await port.commitInvoice(commit);
    return [];
  } catch (error) {
    const after = await port.read(NAMES.milestones);
    const { log } = readBillingLog(after.invoices, after.invoiceLines, numbering);
    if (!log.all.some((entry) => entry.number === number)) throw error;
    const reason = error instanceof WorkbookError ? error.message : "the workbook refused a change.";
    return [problem(
      "ISSUED_INCOMPLETE",
      `${number} was issued (the billing log records it), but the steps after it did not all complete: ${reason} Check that the sheet ${commit.lockSheet} is protected (Review > Protect Sheet); the next number follows from the billing log.`,
    )];
  }
}
