import { type CappedLine, Dec, addAmounts, cappedLinesShown, formatAmount, type IssuedInvoice, type InvoiceLine } from "../core";
import { type DocumentText, type SummaryLine, documentText, documentTitle, formatDocumentAmount, formatDocumentPercent, summaryLabel, taxLabel } from "../i18n";

/**
 * What every exporter shows besides the raw figures: the title, the G702 summary rows and the
 * tax rows, worded once, in the invoice's language, so that the PDF, the CSV and the xlsx say
 * the same thing as the invoice sheet in the workbook. The column headings and the other
 * labels are the catalogs' (src/i18n).
 */

/** A document's labels, and its amounts and rates as its language writes them. */
export interface InvoiceText extends DocumentText {
  amount: (amount: string) => string;
  percent: (rate: string) => string;
}

/** The labels of the invoice's language (the contract's Document language), and its amounts and rates as that language writes them. */
export function textOf(invoice: IssuedInvoice): InvoiceText {
  const { language } = invoice;
  return {
    ...documentText(language),
    amount: (amount) => formatDocumentAmount(amount, language, invoice.result.minorUnits),
    percent: (rate) => formatDocumentPercent(rate, language),
  };
}

/** The amount columns of G703 whose column total is a plain sum. */
export const SUMMED_COLUMNS = ["scheduledValue", "previouslyCompleted", "thisPeriod", "storedMaterials", "completedAndStoredToDate", "balanceToFinish", "retention"] as const;
export type SummedColumn = (typeof SUMMED_COLUMNS)[number];

export interface SummaryRow {
  key: SummaryLine;
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
  const text = textOf(invoice);
  const row = (key: SummaryLine, line: string): SummaryRow => ({ key, line, label: summaryLabel(key, text), amount: s[key] });
  const rows: (SummaryRow | undefined)[] = [
    row("originalContractSum", "1"),
    row("netChangeByChangeOrders", "2"),
    row("contractSumToDate", "3"),
    row("totalCompletedAndStoredToDate", "4"),
    row("retentionOnCompletedWork", "5a"),
    row("retentionOnStoredMaterials", "5b"),
    isZero(s.retentionReleased) ? undefined : row("retentionReleased", ""),
    row("totalRetention", "5"),
    row("totalEarnedLessRetention", "6"),
    row("previousCertificates", "7"),
    isZero(s.advanceRecovery) ? undefined : row("advanceRecovery", ""),
    row("currentPaymentDue", "8"),
    row("balanceToFinishIncludingRetention", "9"),
  ];
  return rows.filter((row): row is SummaryRow => row !== undefined);
}

/** The tax per rate, each labelled with its rate and the amount it is charged on, in the invoice's language. */
export function taxRowsOf(invoice: IssuedInvoice): TaxRow[] {
  const text = textOf(invoice);
  return invoice.result.taxBreakdown.map((t) => ({
    rate: t.rate, taxableAmount: t.taxableAmount, tax: t.tax, label: taxLabel(t.rate, t.taxableAmount, invoice.result.minorUnits, text),
  }));
}

/** The column total of a G703 amount column, exact, with the currency's minor units. */
export function columnTotal(invoice: IssuedInvoice, column: SummedColumn): string {
  return formatAmount(addAmounts(invoice.result.lines.map((line) => line[column])), invoice.result.minorUnits);
}

/** "INVOICE", "CREDIT NOTE" or "DRAFT INVOICE" in the invoice's language: a draft and a credit note are never mistaken for an invoice; an advance and a final invoice say what they are. */
export function titleOf(invoice: IssuedInvoice): string {
  return documentTitle(invoice.kind, textOf(invoice));
}

/** A fraction with 4 decimals ("0.6000") as a percentage with 2 ("60.00%"), by moving the point: the financial report's, in English. */
export function percentCompleteOf(fraction: string): string {
  return `${new Dec(fraction).times(100).toFixed(2)}%`;
}

/** The capped lines every document lists with the amount worked but not billed (see cappedLinesShown). */
export function cappedLinesOf(invoice: IssuedInvoice): CappedLine[] {
  return cappedLinesShown(invoice.result.lines);
}

/** A capped line's hours past its cap, when the timesheet bills the line; undefined otherwise. */
export function hoursNotBilledOf(invoice: IssuedInvoice, line: InvoiceLine): string | undefined {
  return invoice.hoursNotBilled?.find((h) => h.line === line.id)?.hours;
}

/**
 * For a line's note (EN 16931 BT-127), which a person reads: what a capped line worked past its
 * cap (and its hours), in the invoice's language, its figures written as the note's other
 * amounts are; "" otherwise.
 */
export function cappedLineNote(invoice: IssuedInvoice, line: InvoiceLine): string {
  if (line.workedNotBilled === undefined || isZero(line.workedNotBilled)) return "";
  const { t } = textOf(invoice);
  const hours = hoursNotBilledOf(invoice, line);
  const amount = line.workedNotBilled;
  return ` ${hours === undefined ? t("capped.lineNote", { amount }) : t("capped.lineNoteWithHours", { amount, hours })}`;
}
