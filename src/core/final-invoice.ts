import { computeInvoice } from "./compute";
import { type Fixed, fixedText, isReadProblem, readFixed, readUnits, compareFixed } from "./fixed";
import { CoreInputError, type Issue } from "./issues";
import type { BillingRequest } from "./request";
import type { BillingResult } from "./result";
import { formatMoney, roundProduct } from "./rounding";

/**
 * What an invoice charged at each VAT rate: its tax base and tax, less the advance it recovered
 * and the VAT already invoiced on that (see computeAdvanceTaxDeducted): the net and VAT a final
 * invoice lists for it.
 */
export function chargedByRate(result: BillingResult): PrecedingInvoice["byRate"] {
  const { minorUnits } = result;
  const units = (text: string): bigint => {
    const value = readUnits(text, minorUnits);
    if (typeof value !== "bigint") throw new CoreInputError(`chargedByRate: ${text} is not an amount of ${result.currency}`);
    return value;
  };
  const key = (rate: string): string => {
    const value = readFixed(rate);
    if (isReadProblem(value)) throw new CoreInputError(`chargedByRate: ${rate} is not a rate`);
    return fixedText(value);
  };
  const deducted = new Map((result.advanceTaxDeducted ?? []).map((d) => [key(d.rate), d]));
  return result.taxBreakdown.map((t) => {
    const d = deducted.get(key(t.rate));
    return {
      rate: t.rate,
      net: formatMoney(units(t.taxableAmount) - (d === undefined ? 0n : units(d.recovered)), minorUnits),
      tax: formatMoney(units(t.tax) - (d === undefined ? 0n : units(d.tax)), minorUnits),
    };
  });
}

/** An earlier partial invoice in force (the advance invoice among them), as the final invoice lists and deducts it. */
export interface PrecedingInvoice {
  number: string;
  /** ISO date. */
  invoiceDate: string;
  /** What it charged at each VAT rate: net and VAT (for a progress invoice, its tax base and tax less any advance deducted). */
  byRate: { rate: string; net: string; tax: string }[];
}

/** A listed invoice with its totals. */
export interface ListedInvoice extends PrecedingInvoice {
  net: string;
  tax: string;
  total: string;
}

/** One VAT rate of the final invoice (§14(5) UStG): the whole contract at that rate, less what the partial invoices charged at it. */
export interface FinalRate {
  rate: string;
  /** Σ G of the lines at this rate: the price of all the work completed to date. */
  contractPrice: string;
  /** VAT on it, once: round(rate × contractPrice). */
  contractTax: string;
  precedingNet: string;
  precedingTax: string;
  /** contractPrice − precedingNet: what this invoice charges, net. */
  net: string;
  /** contractTax − precedingTax: the VAT this invoice charges. */
  tax: string;
  /** The advance this invoice recovers at this rate, inside `net` (what an advance invoice charged, not yet recovered). */
  advanceRecovered: string;
}

/** The final invoice's statement: the whole contract's price and VAT, every partial invoice in force, and what is left to charge. */
export interface FinalStatement {
  byRate: FinalRate[];
  preceding: ListedInvoice[];
  contractPrice: string;
  contractTax: string;
  contractTotal: string;
  precedingNet: string;
  precedingTax: string;
  precedingTotal: string;
  /** This invoice: net, VAT, and both (the contract total less the partial invoices). */
  net: string;
  tax: string;
  balance: string;
  /** balance − total due: what the balance holds back as retention, payable when released. */
  retentionWithheld: string;
  /** The balance less the retention withheld: the invoice's total due. */
  balanceDue: string;
}

export type FinalInvoiceOutcome = { ok: true; result: BillingResult; statement: FinalStatement } | { ok: false; errors: Issue[] };

/**
 * The final invoice (Schlussrechnung, facture de solde): the application that completes the
 * contract, computed as a progress invoice is (the same lines, retention and line 8), except that
 * it recovers all of the advance still outstanding, and that its VAT per rate is the VAT on the
 * whole contract's price at that rate less the VAT the partial invoices in force charged
 * (§14(5) UStG): the rounding each partial invoice made once per rate is settled here, so the
 * VAT of all the contract's invoices is exactly the VAT on its price. Its net per rate is the
 * contract's price less the partial invoices' nets, which for a tax base on the period's work is
 * the period's base less the advance recovered, as a progress invoice's. See
 * docs/decisions/0036-advance-and-final-invoices.md.
 */
export function computeFinalInvoice(request: BillingRequest, preceding: readonly PrecedingInvoice[]): FinalInvoiceOutcome {
  const settled: BillingRequest = request.advance === undefined ? request : { ...request, advance: { ...request.advance, settle: true } };
  const outcome = computeInvoice(settled);
  if (!outcome.ok) return outcome;
  const { result } = outcome;
  const { minorUnits, rounding } = result;
  const units = (text: string): bigint => {
    const value = readUnits(text, minorUnits);
    if (typeof value !== "bigint") throw new CoreInputError(`computeFinalInvoice: ${text} is not an amount of ${result.currency}`);
    return value;
  };
  const money = (amount: bigint): string => formatMoney(amount, minorUnits);

  interface Sums { rate: Fixed; price: bigint; net: bigint; tax: bigint; advance: bigint }
  const rates = new Map<string, Sums>();
  const at = (text: string): Sums => {
    const rate = readFixed(text);
    if (isReadProblem(rate)) throw new CoreInputError(`computeFinalInvoice: ${text} is not a rate`);
    const key = fixedText(rate);
    const sums = rates.get(key) ?? { rate, price: 0n, net: 0n, tax: 0n, advance: 0n };
    rates.set(key, sums);
    return sums;
  };
  for (const line of result.lines) at(line.taxRate).price += units(line.completedAndStoredToDate);
  const listed: ListedInvoice[] = preceding.map((invoice) => {
    let net = 0n;
    let tax = 0n;
    for (const part of invoice.byRate) {
      const sums = at(part.rate);
      sums.net += units(part.net);
      sums.tax += units(part.tax);
      net += units(part.net);
      tax += units(part.tax);
    }
    return { ...invoice, net: money(net), tax: money(tax), total: money(net + tax) };
  });
  for (const deducted of result.advanceTaxDeducted ?? []) at(deducted.rate).advance += units(deducted.recovered);

  const byRate = [...rates.values()]
    .filter((s) => s.price !== 0n || s.net !== 0n || s.tax !== 0n)
    .sort((a, b) => compareFixed(a.rate, b.rate))
    .map((s) => {
      const contractTax = roundProduct(s.rate, s.price, minorUnits, rounding);
      return { s, contractTax, net: s.price - s.net, tax: contractTax - s.tax };
    });
  const sum = (part: (entry: (typeof byRate)[number]) => bigint): bigint => byRate.reduce((total, entry) => total + part(entry), 0n);
  const net = sum((e) => e.net);
  const tax = sum((e) => e.tax);
  const currentPaymentDue = units(result.summary.currentPaymentDue);
  const totalDue = currentPaymentDue + tax;
  const statement: FinalStatement = {
    byRate: byRate.map(({ s, contractTax, net: n, tax: t }) => ({
      rate: fixedText(s.rate), contractPrice: money(s.price), contractTax: money(contractTax), precedingNet: money(s.net), precedingTax: money(s.tax),
      net: money(n), tax: money(t), advanceRecovered: money(s.advance),
    })),
    preceding: listed,
    contractPrice: money(sum((e) => e.s.price)),
    contractTax: money(sum((e) => e.contractTax)),
    contractTotal: money(sum((e) => e.s.price + e.contractTax)),
    precedingNet: money(sum((e) => e.s.net)),
    precedingTax: money(sum((e) => e.s.tax)),
    precedingTotal: money(sum((e) => e.s.net + e.s.tax)),
    net: money(net),
    tax: money(tax),
    balance: money(net + tax),
    retentionWithheld: money(net - currentPaymentDue),
    balanceDue: money(totalDue),
  };
  // The statement replaces the per-invoice deduction of the advance's VAT: the advance invoice is one of the partial invoices deducted.
  return {
    ok: true,
    statement,
    result: {
      currency: result.currency,
      minorUnits,
      rounding,
      lines: result.lines,
      warnings: result.warnings,
      ...(result.advance === undefined ? {} : { advance: result.advance }),
      summary: { ...result.summary, taxableAmount: money(net), tax: money(tax), totalDue: money(totalDue) },
      taxBreakdown: statement.byRate.map((r) => ({ rate: r.rate, taxableAmount: r.net, tax: r.tax })),
    },
  };
}
