import { type AdvancePayment, type BillingResult, type FinalStatement, subtractAmount } from "../core";
import { type DocumentText, documentText, formatDocumentAmount, formatDocumentPercent } from "../i18n";
import { moneyFormat } from "./formats";
import type { CellBlock, CellValue } from "./port";

/**
 * What the invoice sheets of the advance and final invoices say beyond a progress invoice's, and
 * what a progress invoice adds when an advance invoice charged VAT on the advance, in the
 * document language's labels (src/i18n). The sheets are in English until the contract's document
 * language reaches them: LANGUAGE is the one place to change.
 */
const LANGUAGE = "en";

/** The labels of the sheets' document language. */
export function sheetText(): DocumentText {
  return documentText(LANGUAGE);
}

export const amountText = (amount: string, minorUnits: number): string => formatDocumentAmount(amount, LANGUAGE, minorUnits);
export const percentText = (rate: string): string => formatDocumentPercent(rate, LANGUAGE);
const negated = (amount: string): string => subtractAmount("0", amount);

/** The title of an advance or a final invoice. */
export function kindTitle(kind: "advance invoice" | "final invoice"): string {
  return sheetText().t(kind === "advance invoice" ? "title.advanceInvoice" : "title.finalInvoice");
}

/**
 * Below the tax of a progress invoice, per rate: the advance it recovered (net, already in line 8)
 * and the VAT the advance invoice charged on it, deducted here; none without an advance invoice.
 */
export function advanceDeductionRows(result: BillingResult): [string, string][] {
  const { t } = sheetText();
  return (result.advanceTaxDeducted ?? []).map((d) => [
    t("advance.lessRecovered", { net: amountText(d.recovered, result.minorUnits), tax: amountText(d.tax, result.minorUnits), rate: percentText(d.rate) }),
    negated(d.tax),
  ]);
}

/** The advance invoice's lines, named: the core leaves the words to the document. */
export function describeAdvance(result: BillingResult, advance: AdvancePayment): BillingResult {
  const { t } = sheetText();
  const share = t("advance.shareOfContract", {
    percent: formatDocumentPercent(advance.shareOfContract, LANGUAGE, 2), amount: amountText(advance.contractSumToDate, result.minorUnits),
  });
  return { ...result, lines: result.lines.map((line) => ({ ...line, description: `${t("advance.payment")}, ${share}` })) };
}

/**
 * A final invoice's statement (§14(5) UStG), from row `top`: the whole contract's price, its VAT
 * per rate and its total; each partial invoice in force (number, date, net, VAT per rate); the
 * partial invoices and their VAT deducted; the balance, the retention it holds back, and the
 * balance due, which is the invoice's total due.
 */
export function finalStatementBlocks(top: number, statement: FinalStatement, currency: string, minorUnits: number): { blocks: CellBlock[]; rows: number } {
  const { t } = sheetText();
  const money = moneyFormat(minorUnits);
  const n = (amount: string): number => Number(amount);
  const contract: CellValue[][] = [
    [t("final.contractPrice"), n(statement.contractPrice)],
    ...statement.byRate.map((r) => [t("tax.atRateOn", { rate: percentText(r.rate), base: amountText(r.contractPrice, minorUnits) }), n(r.contractTax)]),
    [t("final.totalWithVat"), n(statement.contractTotal)],
  ];
  const rates = statement.byRate.map((r) => r.rate);
  const listTop = top + contract.length + 1;
  const heading: CellBlock = {
    top: listTop, left: 0,
    values: [[t("final.precedingNumber"), t("final.precedingDate"), t("final.precedingNet"), ...rates.map((rate) => t("final.precedingVatAt", { rate: percentText(rate) }))]],
    bold: true, fill: "#DCE6F0", borderBottom: true,
  };
  const listed: CellBlock = {
    top: listTop + 1, left: 0,
    values: statement.preceding.map((p) => [p.number, p.invoiceDate, n(p.net), ...rates.map((rate) => n(p.byRate.find((b) => b.rate === rate)?.tax ?? "0"))]),
    numberFormat: ["@", "@", money, ...rates.map(() => money)],
  };
  const deductTop = listTop + 1 + statement.preceding.length + 1;
  const deducted: CellValue[][] = [
    [t("final.lessPartialInvoices"), n(negated(statement.precedingNet))],
    ...statement.byRate.map((r) => [t("final.lessVatInvoiced", { rate: percentText(r.rate) }), n(negated(r.precedingTax))]),
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
