import { type CappedLine, Dec, addAmounts, cappedLinesShown, formatAmount, groupDigits, type IssuedInvoice, type InvoiceLine } from "../core";
import { type DocumentText, documentText, formatDocumentAmount, formatDocumentPercent } from "../i18n";

/**
 * What every exporter shows besides the raw figures: the title, the G703 column headings and
 * the G702 summary rows, worded once so that the PDF, the CSV and the xlsx say the same thing
 * as the invoice sheet in the workbook.
 */

export const G703_COLUMNS = [
  { key: "id", label: "Item" },
  { key: "description", label: "Description of work" },
  { key: "scheduledValue", label: "Scheduled value (C)" },
  { key: "previouslyCompleted", label: "From previous application (D)" },
  { key: "thisPeriod", label: "This period (E)" },
  { key: "storedMaterials", label: "Materials presently stored (F)" },
  { key: "completedAndStoredToDate", label: "Completed and stored to date (G)" },
  { key: "percentComplete", label: "% (G ÷ C)" },
  { key: "balanceToFinish", label: "Balance to finish (H)" },
  { key: "retention", label: "Retention (I)" },
] as const satisfies readonly { key: keyof InvoiceLine; label: string }[];

/** The amount columns of G703 whose column total is a plain sum. */
export const SUMMED_COLUMNS = ["scheduledValue", "previouslyCompleted", "thisPeriod", "storedMaterials", "completedAndStoredToDate", "balanceToFinish", "retention"] as const;
export type SummedColumn = (typeof SUMMED_COLUMNS)[number];

export type SummaryKey =
  | "originalContractSum" | "netChangeByChangeOrders" | "contractSumToDate" | "totalCompletedAndStoredToDate"
  | "retentionOnCompletedWork" | "retentionOnStoredMaterials" | "retentionReleased" | "totalRetention"
  | "totalEarnedLessRetention" | "previousCertificates" | "advanceRecovery" | "currentPaymentDue"
  | "balanceToFinishIncludingRetention";

export interface SummaryRow {
  key: SummaryKey;
  /** The G702 line number ("5a"), or "" for the rows between numbered lines. */
  line: string;
  label: string;
  amount: string;
}

export interface TaxRow {
  rate: string;
  label: string;
  taxableAmount: string;
  tax: string;
}

const isZero = (amount: string): boolean => /^-?0+(\.0+)?$/.test(amount);

/** The G702 summary as the invoice prints it; released retention and advance recovery only when there are any. */
export function summaryRowsOf(invoice: IssuedInvoice): SummaryRow[] {
  const s = invoice.result.summary;
  const rows: (SummaryRow | undefined)[] = [
    { key: "originalContractSum", line: "1", label: "Original contract sum", amount: s.originalContractSum },
    { key: "netChangeByChangeOrders", line: "2", label: "Net change by change orders", amount: s.netChangeByChangeOrders },
    { key: "contractSumToDate", line: "3", label: "Contract sum to date (1 + 2)", amount: s.contractSumToDate },
    { key: "totalCompletedAndStoredToDate", line: "4", label: "Total completed and stored to date (G)", amount: s.totalCompletedAndStoredToDate },
    { key: "retentionOnCompletedWork", line: "5a", label: "Retention on completed work", amount: s.retentionOnCompletedWork },
    { key: "retentionOnStoredMaterials", line: "5b", label: "Retention on stored materials", amount: s.retentionOnStoredMaterials },
    isZero(s.retentionReleased) ? undefined : { key: "retentionReleased", line: "", label: "Retention released", amount: s.retentionReleased },
    { key: "totalRetention", line: "5", label: "Total retention", amount: s.totalRetention },
    { key: "totalEarnedLessRetention", line: "6", label: "Total earned less retention (4 − 5)", amount: s.totalEarnedLessRetention },
    { key: "previousCertificates", line: "7", label: "Less previous certificates for payment", amount: s.previousCertificates },
    isZero(s.advanceRecovery) ? undefined : { key: "advanceRecovery", line: "", label: "Less advance recovery", amount: s.advanceRecovery },
    { key: "currentPaymentDue", line: "8", label: "Current payment due", amount: s.currentPaymentDue },
    { key: "balanceToFinishIncludingRetention", line: "9", label: "Balance to finish, including retention (3 − 6)", amount: s.balanceToFinishIncludingRetention },
  ];
  return rows.filter((row): row is SummaryRow => row !== undefined);
}

export function taxRowsOf(invoice: IssuedInvoice): TaxRow[] {
  return invoice.result.taxBreakdown.map((t) => ({
    rate: t.rate, taxableAmount: t.taxableAmount, tax: t.tax, label: `Tax at ${percentOf(t.rate)} on ${groupDigits(t.taxableAmount)}`,
  }));
}

/** A rate held as a fraction ("0.19") as people read it ("19%"). */
export function percentOf(rate: string): string {
  return `${new Dec(rate).times(100).toString()}%`;
}

/** The column total of a G703 amount column, exact, with the currency's minor units. */
export function columnTotal(invoice: IssuedInvoice, column: SummedColumn): string {
  return formatAmount(addAmounts(invoice.result.lines.map((line) => line[column])), invoice.result.minorUnits);
}

/** "INVOICE", "CREDIT NOTE" or "DRAFT INVOICE": a draft and a credit note are never mistaken for an invoice; an advance and a final invoice say what they are. */
export function titleOf(invoice: IssuedInvoice): string {
  if (invoice.kind === "advance invoice") return textOf(invoice).t("title.advanceInvoice");
  if (invoice.kind === "final invoice") return textOf(invoice).t("title.finalInvoice");
  return invoice.kind === "credit note" ? "CREDIT NOTE" : invoice.kind === "draft" ? "DRAFT INVOICE" : "INVOICE";
}

/** A document's labels, and its amounts, rates and dates as its language writes them. */
export interface InvoiceText extends DocumentText {
  amount: (amount: string) => string;
  percent: (rate: string) => string;
}

/**
 * The labels of an invoice's document language (src/i18n). The advance and final invoices' own
 * labels come from here; every document is in English until the contract's language reaches
 * the issued invoice.
 */
export function textOf(invoice: IssuedInvoice): InvoiceText {
  const language = "en";
  return {
    ...documentText(language),
    amount: (amount) => formatDocumentAmount(amount, language, invoice.result.minorUnits),
    percent: (rate) => formatDocumentPercent(rate, language),
  };
}

/** A fraction with 4 decimals ("0.6000") as a percentage with 2 ("60.00%"), by moving the point. */
export function percentCompleteOf(fraction: string): string {
  return `${new Dec(fraction).times(100).toFixed(2)}%`;
}

/** The heading of the amount a capped line worked past its cap, which it does not bill. */
export const WORKED_NOT_BILLED_LABEL = "Worked, not billed (capped)";

/** The capped lines every document lists with the amount worked but not billed (see cappedLinesShown). */
export function cappedLinesOf(invoice: IssuedInvoice): CappedLine[] {
  return cappedLinesShown(invoice.result.lines);
}

/** The headings of the time appendix's columns, as the PDF and the xlsx head them. */
export const TIME_APPENDIX_HEADINGS = ["Item", "Person (role)", "Hours", "Rate", "Per", "Amount"] as const;

/** The heading of the hours a capped line billed from the timesheet worked past its cap. */
export const HOURS_NOT_BILLED_LABEL = "Hours not billed (capped)";

/** A capped line's hours past its cap, when the timesheet bills the line; undefined otherwise. */
export function hoursNotBilledOf(invoice: IssuedInvoice, line: InvoiceLine): string | undefined {
  return invoice.hoursNotBilled?.find((h) => h.line === line.id)?.hours;
}

/** For a line's note (EN 16931 BT-127): what a capped line worked past its cap (and its hours), as the note's other amounts are written; "" otherwise. */
export function cappedLineNote(invoice: IssuedInvoice, line: InvoiceLine): string {
  if (line.workedNotBilled === undefined || isZero(line.workedNotBilled)) return "";
  const hours = hoursNotBilledOf(invoice, line);
  return ` Worked but not billed (capped): ${line.workedNotBilled}${hours === undefined ? "" : ` for ${hours} hours`}.`;
}
