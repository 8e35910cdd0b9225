import { Dec, type InvoiceReceivable } from "../core";

/** An invoice's payment status as a finance team says it: Paid, Part paid, Unpaid or Overdue n days. */
export function paymentStatus(receivable: InvoiceReceivable): string {
  const due = new Dec(receivable.amountDue);
  const outstanding = new Dec(receivable.outstanding);
  if (due.isZero()) return "Nothing due";
  // A deductive invoice (negative amount due) is money owed to the client, never overdue.
  if (due.isNeg()) return outstanding.isZero() ? "Refunded" : "To refund to the client";
  if (outstanding.isZero()) return "Paid";
  if (receivable.daysOverdue > 0) return `Overdue ${receivable.daysOverdue} ${receivable.daysOverdue === 1 ? "day" : "days"}`;
  return new Dec(receivable.paid).isZero() ? "Unpaid" : "Part paid";
}

/** Whether the client still owes something on the invoice: what Record payment is offered for. */
export function isUnpaid(receivable: InvoiceReceivable): boolean {
  return new Dec(receivable.outstanding).gt(0);
}

/** Whether an amount (decimal text) is above zero: an overdue total shown in the danger colour. */
export function isAboveZero(amount: string): boolean {
  return new Dec(amount).gt(0);
}
