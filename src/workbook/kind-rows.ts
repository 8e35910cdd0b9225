import { type AdvancePayment, type BillingResult, type FinalStatement, subtractAmount } from "../core";
import { type DocumentText, formatDocumentAmount, formatDocumentDate, formatDocumentPercent } from "../i18n";
import { moneyFormat } from "./formats";
import type { CellBlock, CellValue } from "./port";

/**
 * What the invoice sheets of the advance and final invoices say beyond a progress invoice's, and
 * what a progress invoice adds when an advance invoice charged VAT on the advance, in the
 * contract's document language (src/i18n), as the rest of the sheet.
 */

export const amountText = (amount: string, minorUnits: number, { language }: DocumentText): string => formatDocumentAmount(amount, language, minorUnits);
export const percentText = (rate: string, { language }: DocumentText): string => formatDocumentPercent(rate, language);
const negated = (amount: string): string => subtractAmount("0", amount);

/**
 * Below the tax of a progress invoice, per rate: the advance it recovered (net, already in line 8)
 * and the VAT the advance invoice charged on it, deducted here; none without an advance invoice.
 */
export function advanceDeductionRows(result: BillingResult, text: DocumentText): [string, string][] {
  const { t } = text;
  return (result.advanceTaxDeducted ?? []).map((d) => [
    t("advance.lessRecovered", { net: amountText(d.recovered, result.minorUnits, text), tax: amountText(d.tax, result.minorUnits, text), rate: percentText(d.rate, text) }),
    negated(d.tax),
  ]);
}

/** The advance invoice's lines, named: the core leaves the words to the document. */
export function describeAdvance(result: BillingResult, advance: AdvancePayment, text: DocumentText): BillingResult {
  const { t } = text;
  const share = t("advance.shareOfContract", {
    percent: formatDocumentPercent(advance.shareOfContract, text.language, 2), amount: amountText(advance.contractSumToDate, result.minorUnits, text),
  });
  return { ...result, lines: result.lines.map((line) => ({ ...line, description: `${t("advance.payment")}, ${share}` })) };
}

/**
 * A final invoice's statement (§14(5) UStG), from row `top`: the whole contract's price, its VAT
 * per rate and its total; each partial invoice in force (number, date, net, VAT per rate); the
 * partial invoices and their VAT deducted; the balance, the retention it holds back, and the
 * balance due, which is the invoice's total due.
 */
export function finalStatementBlocks(top: number, statement: FinalStatement, currency: string, minorUnits: number, text: DocumentText): { blocks: CellBlock[]; rows: number } {
  const { t } = text;
  const money = moneyFormat(minorUnits);
  const n = (amount: string): number => Number(amount);
  const contract: CellValue[][] = [
    [t("final.contractPrice"), n(statement.contractPrice)],
    ...statement.byRate.map((r) => [t("tax.atRateOn", { rate: percentText(r.rate, text), base: amountText(r.contractPrice, minorUnits, text) }), n(r.contractTax)]),
    [t("final.totalWithVat"), n(statement.contractTotal)],
  ];
  const rates = statement.byRate.map((r) => r.rate);
  const listTop = top + contract.length + 1;
  const heading: CellBlock = {
    top: listTop, left: 0,
    values: [[t("final.precedingNumber"), t("final.precedingDate"), t("final.precedingNet"), ...rates.map((rate) => t("final.precedingVatAt", { rate: percentText(rate, text) }))]],
    bold: true, fill: "#DCE6F0", borderBottom: true,
  };
  const listed: CellBlock = {
    top: listTop + 1, left: 0,
    values: statement.preceding.map((p) => [p.number, formatDocumentDate(p.invoiceDate, text.language), n(p.net), ...rates.map((rate) => n(p.byRate.find((b) => b.rate === rate)?.tax ?? "0"))]),
    numberFormat: ["@", "@", money, ...rates.map(() => money)],
  };
  const deductTop = listTop + 1 + statement.preceding.length + 1;
  const deducted: CellValue[][] = [
    [t("final.lessPartialInvoices"), n(negated(statement.precedingNet))],
    ...statement.byRate.map((r) => [t("final.lessVatInvoiced", { rate: percentText(r.rate, text) }), n(negated(r.precedingTax))]),
    [t("final.balance"), n(statement.balance)],
    ...(n(statement.retentionWithheld) === 0 ? [] : [[t("final.retentionWithheld"), n(negated(statement.retentionWithheld))]]),
  ];
  const due = deductTop + deducted.length;
  const blocks: CellBlock[] = [
    { top, left: 1, values: contract, numberFormat: ["@", money] },
    { top: listTop - 1, left: 0, values: [[t("final.precedingHeading")]], bold: true },
    heading,
    ...(statement.preceding.length === 0 ? [] : [listed]),
    { top: deductTop, left: 1, values: deducted, numberFormat: ["@", money] },
    { top: due, left: 1, values: [[`${t("final.balanceDue")} (${currency})`, n(statement.balanceDue)]], numberFormat: ["@", money], bold: true, fill: "#DCE6F0" },
  ];
  return { blocks, rows: due - top + 1 };
}
