import { type IssuedInvoice, formatAmount, subtractAmount } from "../core";
import { textOf } from "./document";

/**
 * What the advance and the final invoice print beyond a progress invoice's figures, and what a
 * progress invoice adds once an advance invoice charged VAT on the advance, worded once for the
 * PDF, the CSV and the xlsx (see docs/decisions/0036-advance-and-final-invoices.md).
 */

/** A labelled amount of a block: `key` names it for a program (the CSV), `rate` when it is one rate's. */
export interface LabelledAmount {
  key: string;
  label: string;
  amount: string;
  rate?: string;
}

const negatedIn = (invoice: IssuedInvoice) => (amount: string): string => formatAmount(subtractAmount("0", amount), invoice.result.minorUnits);

/**
 * Under a progress invoice's tax, per rate: the advance it recovered (net, already less in line 8)
 * and the VAT the advance invoice charged on it, deducted here (the amount, negative); none
 * without an advance invoice.
 */
export function advanceDeductionsOf(invoice: IssuedInvoice): (LabelledAmount & { rate: string; recovered: string; tax: string })[] {
  const text = textOf(invoice);
  const negated = negatedIn(invoice);
  return (invoice.result.advanceTaxDeducted ?? []).map((d) => ({
    ...d,
    key: "advanceTaxDeducted",
    label: text.t("advance.lessRecovered", { net: text.amount(d.recovered), tax: text.amount(d.tax), rate: text.percent(d.rate) }),
    amount: negated(d.tax),
  }));
}

/** An advance invoice's table: one line per VAT rate, with its rate and the advance at it. */
export function advanceHeadingsOf(invoice: IssuedInvoice): [string, string, string, string] {
  const { t } = textOf(invoice);
  return [t("g703.id"), t("csv.description"), t("g703.taxRate"), t("csv.amount")];
}

/** How the advance is recovered, under the advance invoice's total. */
export function advanceNoteOf(invoice: IssuedInvoice): string {
  return textOf(invoice).t("advance.recoveredLater");
}

/** A final invoice's statement (§14(5) UStG), as every document prints it. */
export interface FinalStatementRows {
  /** The whole contract: its price, the VAT on it per rate, and both. */
  contract: LabelledAmount[];
  heading: string;
  /** The listing's headings: number, date, net, then the VAT at each rate. */
  columns: string[];
  rates: string[];
  /** Each partial invoice in force: number, date, net, and its VAT at each of `rates`. */
  listing: { number: string; date: string; net: string; taxes: string[] }[];
  /** The partial invoices and their VAT deducted (negative), the balance, the retention it holds back (negative). */
  deductions: LabelledAmount[];
  /** The balance due: the invoice's total due. */
  due: LabelledAmount;
}

/** The statement of a final invoice; undefined for the other kinds. */
export function finalStatementRowsOf(invoice: IssuedInvoice): FinalStatementRows | undefined {
  const statement = invoice.finalStatement;
  if (statement === undefined) return undefined;
  const text = textOf(invoice);
  const { t } = text;
  const negated = negatedIn(invoice);
  const rates = statement.byRate.map((r) => r.rate);
  return {
    contract: [
      { key: "contractPrice", label: t("final.contractPrice"), amount: statement.contractPrice },
      ...statement.byRate.map((r) => ({ key: "contractTax", rate: r.rate, label: t("tax.atRateOn", { rate: text.percent(r.rate), base: text.amount(r.contractPrice) }), amount: r.contractTax })),
      { key: "contractTotal", label: t("final.totalWithVat"), amount: statement.contractTotal },
    ],
    heading: t("final.precedingHeading"),
    columns: [t("final.precedingNumber"), t("final.precedingDate"), t("final.precedingNet"), ...rates.map((rate) => t("final.precedingVatAt", { rate: text.percent(rate) }))],
    rates,
    listing: statement.preceding.map((p) => ({
      number: p.number, date: p.invoiceDate, net: p.net, taxes: rates.map((rate) => p.byRate.find((b) => b.rate === rate)?.tax ?? "0"),
    })),
    deductions: [
      { key: "precedingNet", label: t("final.lessPartialInvoices"), amount: negated(statement.precedingNet) },
      ...statement.byRate.map((r) => ({ key: "precedingTax", rate: r.rate, label: t("final.lessVatInvoiced", { rate: text.percent(r.rate) }), amount: negated(r.precedingTax) })),
      { key: "balance", label: t("final.balance"), amount: statement.balance },
      ...(/^-?0+(\.0+)?$/.test(statement.retentionWithheld) ? [] : [{ key: "retentionWithheld", label: t("final.retentionWithheld"), amount: negated(statement.retentionWithheld) }]),
    ],
    due: { key: "balanceDue", label: `${t("final.balanceDue")} (${invoice.result.currency})`, amount: statement.balanceDue },
  };
}
