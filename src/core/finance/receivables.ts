import { FinanceReader, readAsOf, readMoney } from "./reader";
import { type ReadDocument, lastDocumentBy, readDocuments } from "./read-documents";
import { type ReadPayment, readPayments } from "./read-payments";
import { daysBetween } from "./dates";
import { AGING_BUCKETS, type Aging, type AgingBucket, type FinanceInput, type InvoiceReceivable, type ReceivableFigures } from "./types";
import type { Issue } from "../issues";

export type ReceivableInput = Pick<FinanceInput, "asOf" | "currency" | "minorUnits" | "rounding" | "advancePaid" | "documents" | "payments">;

/** What is owed on each invoice and on the contract as of a date, after checking every payment. */
export function computeReceivables(input: ReceivableInput): { ok: true; figures: ReceivableFigures } | { ok: false; errors: Issue[] } {
  const read = readMoney(input);
  if ("errors" in read) return { ok: false, errors: read.errors };
  const reader = new FinanceReader(read.money);
  const asOf = readAsOf(reader, input.asOf);
  const advancePaid = reader.amount(input.advancePaid, ["advancePaid"], "The advance paid", "not below zero");
  const log = readDocuments(reader, input.documents);
  const payments = readPayments(reader, input.payments, log);
  if (reader.issues.length > 0 || asOf === undefined || advancePaid === undefined) return { ok: false, errors: reader.issues };
  return { ok: true, figures: receivablesOf(reader, asOf, advancePaid, log.inForce, payments).figures };
}

/**
 * The receivables of checked input: each invoice in force dated on or before the as-of date,
 * paid by the payments dated on or before it, and the contract's sums of them; with what each
 * still owes and when, for the forecast.
 */
export function receivablesOf(
  reader: FinanceReader,
  asOf: string,
  advancePaid: bigint,
  inForce: readonly ReadDocument[],
  payments: readonly ReadPayment[],
): { figures: ReceivableFigures; owed: { dueDate: string; outstanding: bigint }[] } {
  const paidBy = new Map<ReadDocument, bigint>();
  for (const payment of payments) {
    if (payment.date <= asOf) paidBy.set(payment.document, (paidBy.get(payment.document) ?? 0n) + payment.amount);
  }
  const aging = Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, 0n])) as Record<AgingBucket, bigint>;
  let invoiced = 0n;
  let paidToDate = 0n;
  let overdue = 0n;
  let advanceRecovered = 0n;
  const invoices: InvoiceReceivable[] = [];
  const owed: { dueDate: string; outstanding: bigint }[] = [];
  for (const document of inForce) {
    if (document.invoiceDate > asOf) continue;
    const paid = paidBy.get(document) ?? 0n;
    const outstanding = document.totalDue - paid;
    const late = daysBetween(document.dueDate, asOf);
    const daysOverdue = late > 0 && outstanding > 0n ? late : 0;
    const bucket = bucketOf(daysOverdue);
    invoiced += document.totalDue;
    paidToDate += paid;
    if (daysOverdue > 0) overdue += outstanding;
    aging[bucket] += outstanding;
    advanceRecovered += document.advanceRecovered;
    owed.push({ dueDate: document.dueDate, outstanding });
    invoices.push({
      number: document.number, invoiceDate: document.invoiceDate, dueDate: document.dueDate,
      amountDue: reader.format(document.totalDue), paid: reader.format(paid), outstanding: reader.format(outstanding),
      daysOverdue, bucket,
    });
  }
  const last = lastDocumentBy(inForce, asOf);
  const figures: ReceivableFigures = {
    invoicedToDate: reader.format(invoiced),
    paidToDate: reader.format(paidToDate),
    outstanding: reader.format(invoiced - paidToDate),
    overdue: reader.format(overdue),
    aging: Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, reader.format(aging[bucket])])) as Aging,
    retentionHeld: reader.format(last?.retentionHeld ?? 0n),
    advanceOutstanding: reader.format(advancePaid - advanceRecovered),
    invoices,
  };
  return { figures, owed };
}

function bucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return "current";
  if (daysOverdue <= 30) return "1-30";
  if (daysOverdue <= 60) return "31-60";
  if (daysOverdue <= 90) return "61-90";
  return "over-90";
}
