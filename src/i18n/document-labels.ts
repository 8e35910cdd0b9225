import type { ContractSummary, InvoiceLine, IssuedInvoice, TimeAppendixRow } from "../core";
import type { MessageKey } from "./catalog";
import { formatDocumentAmount, formatDocumentDate, formatDocumentPercent } from "./document-format";
import type { DocumentText } from "./document-text";

/**
 * The labels that the invoice sheet in the workbook and the exported documents both make from
 * the core's figures, worded once here so that the sheet, the PDF, the CSV and the xlsx say the
 * same thing in each language.
 */

/** The G703 continuation sheet's columns in order, each a field of the core's line, headed by its `g703.<field>` label. */
export const G703_FIELDS = [
  "id", "description", "scheduledValue", "previouslyCompleted", "thisPeriod", "storedMaterials", "completedAndStoredToDate", "percentComplete", "balanceToFinish", "retention",
] as const satisfies readonly (keyof InvoiceLine)[];
export type G703Field = (typeof G703_FIELDS)[number];

/** A G703 column's heading, with the AIA's column letter the summary refers to ("Scheduled value (C)"). */
export function g703Heading(field: G703Field, { t }: DocumentText): string {
  return t(`g703.${field}`);
}

/** The summary's figures that are G702 lines, each labelled `summary.<field>` in the catalogs. */
export type SummaryLine = Extract<keyof ContractSummary, MessageKey extends infer Key ? (Key extends `summary.${infer Field}` ? Field : never) : never>;

/** A G702 line's label ("Total retention"), without its number. */
export function summaryLabel(line: SummaryLine, { t }: DocumentText): string {
  return t(`summary.${line}`);
}

type Kind = IssuedInvoice["kind"];

/** Each kind of document's heading ("RECHNUNG") and its name inside a sentence ("Rechnung"). */
const KIND_LABELS: Readonly<Record<Kind, { title: Extract<MessageKey, `title.${string}`>; name: Extract<MessageKey, `name.${string}`> }>> = {
  // A progress invoice, by the name each country gives it (Abschlagsrechnung, facture de situation...); English keeps INVOICE.
  invoice: { title: "title.progressInvoice", name: "name.progressInvoice" },
  "advance invoice": { title: "title.advanceInvoice", name: "name.advanceInvoice" },
  "final invoice": { title: "title.finalInvoice", name: "name.finalInvoice" },
  "credit note": { title: "title.creditNote", name: "name.creditNote" },
  draft: { title: "title.draftInvoice", name: "name.draftInvoice" },
};

/** The document's heading: a draft and a credit note are never mistaken for an invoice. */
export function documentTitle(kind: Kind, { t }: DocumentText): string {
  return t(KIND_LABELS[kind].title);
}

/** The document's name inside a sentence: the footer's "invoice INV-0001". */
export function documentName(kind: Kind, { t }: DocumentText): string {
  return t(KIND_LABELS[kind].name);
}

/** "2027-03-01 to 2027-03-31", "01.03.2027 bis 31.03.2027": the period billed. */
export function periodLabel(start: string, end: string, { t, language }: DocumentText): string {
  return t("fact.periodRange", { start: formatDocumentDate(start, language), end: formatDocumentDate(end, language) });
}

/** "Tax at 19% on 65,087.50", "Umsatzsteuer 19 % auf 65.087,50": a rate's tax and the amount it is charged on. */
export function taxLabel(rate: string, taxableAmount: string, minorUnits: number, { t, language }: DocumentText): string {
  return t("tax.atRateOn", { rate: formatDocumentPercent(rate, language), base: formatDocumentAmount(taxableAmount, language, minorUnits) });
}

/**
 * A time appendix row's person as every document words it: "Carl Wu (Developer)", a late
 * entry's row saying so, and the row of entries billed before and no longer in the timesheet
 * named as such. The person and role are the timesheet's, as typed.
 */
export function timeRowLabel(row: TimeAppendixRow, { t }: DocumentText): string {
  if (row.person === undefined) return t("time.billedBefore");
  const person = `${row.person}${row.role === undefined ? "" : ` (${row.role})`}`;
  return row.late ? t("time.late", { person }) : person;
}

/** What a rate is charged per ("hour", "Stunde"); "" for a row without a rate. */
export function perLabel(per: TimeAppendixRow["per"], { t }: DocumentText): string {
  return per === undefined ? "" : t(per === "hour" ? "time.perHour" : "time.perDay");
}
