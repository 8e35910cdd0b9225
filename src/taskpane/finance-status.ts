import { Dec, type InvoiceReceivable } from "../core";
import type { PaneText } from "./i18n/pane-text";

/** An invoice's payment status as a finance team says it, in the pane's language: Paid, Part paid, Unpaid or Overdue n days. */
export function paymentStatus(receivable: InvoiceReceivable, t: PaneText["t"]): string {
  const due = new Dec(receivable.amountDue);
  const outstanding = new Dec(receivable.outstanding);
  if (due.isZero()) return t("finances.status.nothingDue");
  // A deductive invoice (negative amount due) is money owed to the client, never overdue.
  if (due.isNeg()) return t(outstanding.isZero() ? "finances.status.refunded" : "finances.status.toRefund");
  if (outstanding.isZero()) return t("finances.status.paid");
  if (receivable.daysOverdue > 0) return t("finances.status.overdue", { count: receivable.daysOverdue });
  return t(new Dec(receivable.paid).isZero() ? "finances.status.unpaid" : "finances.status.partPaid");
}

/** Whether the client still owes something on the invoice: what Record payment is offered for. */
export function isUnpaid(receivable: InvoiceReceivable): boolean {
  return new Dec(receivable.outstanding).gt(0);
}

/** Whether an amount (decimal text) is above zero: an overdue total shown in the danger colour. */
export function isAboveZero(amount: string): boolean {
  return new Dec(amount).gt(0);
}
