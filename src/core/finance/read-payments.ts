import { MESSAGES } from "../issues";
import { documentKey } from "./documents-in-force";
import type { ReadDocument, ReadLog } from "./read-documents";
import { type FinanceReader, rowName } from "./reader";
import type { PaymentInput } from "./types";

/** A payment against an invoice in force, its amount in minor units (negative: a refund). */
export interface ReadPayment {
  index: number;
  date: string;
  document: ReadDocument;
  amount: bigint;
}

/**
 * Reads and checks every row of the Payments table, those dated after the as-of date too (a
 * payment entered ahead is checked now, not when it comes into the figures): the document it
 * pays, its date, its currency, and that no document is paid beyond its amount due.
 */
export function readPayments(reader: FinanceReader, payments: readonly PaymentInput[], log: ReadLog): ReadPayment[] {
  const read: ReadPayment[] = [];
  payments.forEach((payment, i) => {
    const name = rowName("Payment", i, payment.document);
    const date = reader.date(payment.date, ["payments", i, "date"], `${name}: the date`);
    const amount = reader.amount(payment.amount, ["payments", i, "amount"], `${name}: the amount`, "any sign");
    const currency = payment.currency?.trim().toUpperCase() ?? "";
    if (currency !== "" && currency !== reader.money.currency) {
      reader.problem("WRONG_CURRENCY", ["payments", i, "currency"], MESSAGES.WRONG_CURRENCY(name, currency, reader.money.currency));
    }
    const document = documentOf(reader, payment.document, i, name, log);
    if (document === undefined || date === undefined) return;
    if (date < document.invoiceDate) {
      reader.problem("PAYMENT_BEFORE_INVOICE", ["payments", i, "date"], MESSAGES.PAYMENT_BEFORE_INVOICE(name, date, document.number, document.invoiceDate));
    }
    if (amount !== undefined) read.push({ index: i, date, document, amount });
  });
  checkPaidTotals(reader, payments, read);
  return read;
}

function documentOf(reader: FinanceReader, number: string, i: number, name: string, log: ReadLog): ReadDocument | undefined {
  const path = ["payments", i, "document"];
  const shown = number.trim();
  if (shown === "") return reader.problem("REQUIRED", path, MESSAGES.REQUIRED(`${name}: the document number`));
  const status = log.status(documentKey(number));
  if (status.kind === "in force") return status.document;
  const message =
    status.kind === "cancelled" ? MESSAGES.CANCELLED_DOCUMENT(name, shown, status.by)
    : status.kind === "credit note" ? MESSAGES.CREDIT_NOTE_PAYMENT(name, shown, status.credits)
    : MESSAGES.UNKNOWN_DOCUMENT(name, shown);
  return reader.problem("UNKNOWN_DOCUMENT", path, message);
}

/**
 * Walks each document's payments in date order (rows in table order on the same day): what
 * was paid may never pass the amount due, nor go past zero the other way (a refund of more
 * than was paid). For a negative amount due (a deductive invoice) both bounds turn round.
 */
function checkPaidTotals(reader: FinanceReader, payments: readonly PaymentInput[], read: readonly ReadPayment[]): void {
  const byDocument = new Map<ReadDocument, ReadPayment[]>();
  for (const payment of read) {
    const list = byDocument.get(payment.document);
    if (list === undefined) byDocument.set(payment.document, [payment]);
    else list.push(payment);
  }
  for (const [document, list] of byDocument) {
    // Array.prototype.sort is stable: payments of one day keep their row order.
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const due = document.totalDue;
    let paid = 0n;
    for (const payment of list) {
      paid += payment.amount;
      const beyondDue = due >= 0n ? paid > due : paid < due;
      const pastZero = due >= 0n ? paid < 0n : paid > 0n;
      if (!beyondDue && !pastZero) continue;
      const name = rowName("Payment", payment.index, (payments[payment.index] as PaymentInput).document);
      const shownPaid = reader.format(paid);
      const message = beyondDue
        ? MESSAGES.OVERPAID(name, document.number, shownPaid, reader.format(due))
        : MESSAGES.REFUND_EXCEEDS_PAID(name, document.number, shownPaid, reader.format(due));
      reader.problem("OVERPAID", ["payments", payment.index, "amount"], message);
    }
  }
}
