import { type BillingResult, paperOf } from "../core";
import { documentText } from "../i18n";
import { columnLetters } from "./a1";
import { moneyFormat } from "./formats";
import { COLUMNS, HEADER_ROWS, type InvoiceHeader, WIDTHS, headerBlockOf, latePaymentRowsOf, row, wrappedRows } from "./invoice-sheet";
import { amountText, percentText } from "./kind-rows";
import type { CellBlock, SheetLayout } from "./port";
import type { ContractSettings } from "./settings";

/**
 * Lays out an advance invoice: the header block, one line per VAT rate (the advance at that
 * rate), the tax per rate, the total due, the payment terms (and what paying late costs, where
 * the supplier's law asks it said), and how the advance is recovered.
 */
export function layoutAdvanceInvoice(sheetName: string, header: InvoiceHeader, settings: ContractSettings, result: BillingResult): SheetLayout {
  const text = documentText(settings.language);
  const { t } = text;
  const money = moneyFormat(result.minorUnits);
  const tableHeader: CellBlock = {
    top: HEADER_ROWS, left: 0, values: [row(t("g703.id"), t("csv.description"), t("g703.taxRate"), t("csv.amount"))], bold: true, fill: "#DCE6F0", borderBottom: true,
  };
  const lines = wrappedRows(HEADER_ROWS + 1, result.lines.map((l) => [l.id, l.description, Number(l.taxRate), Number(l.thisPeriod)]), ["@", "@", "0.00%", money]);
  const summaryTop = HEADER_ROWS + result.lines.length + 2;
  const taxes = result.taxBreakdown.map((tax) => [t("tax.atRateOn", { rate: percentText(tax.rate, text), base: amountText(tax.taxableAmount, result.minorUnits, text) }), Number(tax.tax)]);
  const summary: CellBlock = { top: summaryTop, left: 1, values: taxes, numberFormat: ["@", money] };
  const dueTop = summaryTop + taxes.length;
  const totalDue: CellBlock = {
    top: dueTop, left: 1, values: [[t("total.due", { currency: result.currency }), Number(result.summary.totalDue)]], numberFormat: ["@", money], bold: true, fill: "#DCE6F0",
  };
  const terms = settings.paymentTerms || t("payment.withinDays", { count: settings.paymentTermsDays });
  const footer: CellBlock = { top: dueTop + 2, left: 0, values: [[t("payment.terms", { terms })], ...latePaymentRowsOf(header.kind, settings), [t("advance.recoveredLater")]] };
  return {
    name: sheetName,
    blocks: [headerBlockOf(header, settings, result.currency, text), tableHeader, ...lines, summary, totalDue, footer],
    columnWidths: WIDTHS,
    printArea: `A1:${columnLetters(COLUMNS - 1)}${dueTop + 2 + footer.values.length}`,
    orientation: "landscape",
    paper: paperOf(result.currency),
    fitToPagesWide: 1,
    printTitleRows: undefined,
  };
}

