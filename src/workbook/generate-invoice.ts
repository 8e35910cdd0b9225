import type { BillingResult, IssuedInvoice } from "../core";
import { type GenerateOptions, planInvoice } from "./plan-invoice";
import { NAMES, type WorkbookPort } from "./port";
import type { WorkbookProblem } from "./problems";

export type GenerateOutcome =
  | { ok: true; number: string; sheet: string; draft: boolean; result: BillingResult; issued: IssuedInvoice; warnings: WorkbookProblem[] }
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
  if (!plan.draft) await port.commitInvoice(plan.commit);
  return { ok: true, number: plan.number, sheet: plan.layout.name, draft: plan.draft, result: plan.result, issued: plan.issued, warnings: plan.warnings };
}
