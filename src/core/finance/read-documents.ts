import { documentKey, replayDocuments } from "./documents-in-force";
import { lineKey } from "./line-key";
import { type FinanceReader, rowName } from "./reader";
import type { FinanceDocumentInput } from "./types";

/** An invoice in force with its figures in minor units. */
export interface ReadDocument {
  number: string;
  key: string;
  invoiceDate: string;
  dueDate: string;
  totalDue: bigint;
  completedAndStoredToDate: bigint;
  retentionHeld: bigint;
  earnedLessRetention: bigint;
  advanceRecovered: bigint;
  /** By lineKey: the line's G on this invoice. */
  lines: Map<string, bigint>;
}

type AmountField = "totalDue" | "completedAndStoredToDate" | "retentionHeld" | "earnedLessRetention" | "advanceRecovered";

export interface ReadLog {
  /** The invoices in force, in the order issued. */
  inForce: ReadDocument[];
  /** Why a number is no invoice in force, for the problems of a payment against it. */
  status: (key: string) => { kind: "in force"; document: ReadDocument } | { kind: "unknown" } | { kind: "cancelled"; by: string } | { kind: "credit note"; credits: string };
}

/**
 * Reads the invoices in force of the billing log. The log is Interim's own and checked when it
 * is read, so a problem here is rare; it is still a problem, never a guess.
 */
export function readDocuments(reader: FinanceReader, documents: readonly FinanceDocumentInput[]): ReadLog {
  const replay = replayDocuments(documents);
  const inForce = new Set(replay.inForce);
  const read: ReadDocument[] = [];
  const byKey = new Map<string, ReadDocument>();
  documents.forEach((document, i) => {
    if (!inForce.has(document)) return;
    const name = rowName("Document", i, document.number);
    const path = (field: string): (string | number)[] => ["documents", i, field];
    // An unreadable figure is a problem already; 0 lets the rest of the checks go on.
    const amount = (field: AmountField, label: string): bigint => reader.amount(document[field], path(field), `${name}: ${label}`, "any sign") ?? 0n;
    const lines = new Map<string, bigint>();
    document.lines.forEach((line, l) => {
      const g = reader.amount(line.completedAndStoredToDate, ["documents", i, "lines", l, "completedAndStoredToDate"], `${name}, line ${line.id}: completed and stored to date`, "any sign");
      lines.set(lineKey(line.id), g ?? 0n);
    });
    const entry: ReadDocument = {
      number: document.number, key: documentKey(document.number),
      invoiceDate: reader.date(document.invoiceDate, path("invoiceDate"), `${name}: the invoice date`) ?? "",
      dueDate: reader.date(document.dueDate, path("dueDate"), `${name}: the due date`) ?? "",
      totalDue: amount("totalDue", "the total due"),
      completedAndStoredToDate: amount("completedAndStoredToDate", "completed and stored to date"),
      retentionHeld: amount("retentionHeld", "the retention held"),
      earnedLessRetention: amount("earnedLessRetention", "earned less retention"),
      advanceRecovered: amount("advanceRecovered", "the advance recovered"),
      lines,
    };
    read.push(entry);
    byKey.set(entry.key, entry);
  });
  return {
    inForce: read,
    status: (key) => {
      const document = byKey.get(key);
      if (document !== undefined) return { kind: "in force", document };
      const by = replay.cancelledBy.get(key);
      if (by !== undefined) return { kind: "cancelled", by };
      const logged = replay.byKey.get(key);
      return logged?.kind === "credit note" ? { kind: "credit note", credits: logged.credits } : { kind: "unknown" };
    },
  };
}

/** The last invoice in force dated on or before the as-of date: the one whose lines 4, 5 and 6 are the contract's to date. */
export function lastDocumentBy(inForce: readonly ReadDocument[], asOf: string): ReadDocument | undefined {
  for (let i = inForce.length - 1; i >= 0; i -= 1) {
    const document = inForce[i] as ReadDocument;
    if (document.invoiceDate <= asOf) return document;
  }
  return undefined;
}
