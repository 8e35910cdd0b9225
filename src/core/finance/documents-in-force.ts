import type { FinanceDocumentInput } from "./types";

/** A document number as a person may type it against a payment: trimmed, upper case. */
export function documentKey(number: string): string {
  return number.trim().toUpperCase();
}

/** The billing log replayed: what is in force, and why the rest is not. */
export interface DocumentReplay {
  /** Invoices not cancelled by a credit note, in the order issued. */
  inForce: FinanceDocumentInput[];
  /** By document key: each document of the log. */
  byKey: Map<string, FinanceDocumentInput>;
  /** By the key of a cancelled invoice: the credit note that cancelled it. */
  cancelledBy: Map<string, string>;
}

/**
 * Replays the log in the order issued: a credit note cancels the invoice it credits, and
 * neither is in force any more (the invoice that replaces it is a new document).
 */
export function replayDocuments(documents: readonly FinanceDocumentInput[]): DocumentReplay {
  const byKey = new Map<string, FinanceDocumentInput>();
  const cancelledBy = new Map<string, string>();
  for (const document of documents) {
    byKey.set(documentKey(document.number), document);
    if (document.kind === "credit note") cancelledBy.set(documentKey(document.credits), document.number);
  }
  const inForce = documents.filter((d) => d.kind === "invoice" && !cancelledBy.has(documentKey(d.number)));
  return { inForce, byKey, cancelledBy };
}

/** The invoices in force: every invoice of the log not cancelled by a credit note, in the order issued. */
export function documentsInForce(documents: readonly FinanceDocumentInput[]): FinanceDocumentInput[] {
  return replayDocuments(documents).inForce;
}
