import { replayAdvanceRecoveries } from "./advance";
import { allocateLargestRemainder } from "./allocate";
import { Dec } from "./decimal";
import { type Fixed, compareFixed, fixedText, readFixed, readUnits, isReadProblem } from "./fixed";
import { CoreInputError, type Issue, MESSAGES } from "./issues";
import type { AdvanceInvoiced, Contract } from "./request";
import type { BillingResult, InvoiceLine } from "./result";
import { type RoundingMode, formatFraction, formatMoney, roundProduct } from "./rounding";
import { validateRequest } from "./validate";

/** The advance at one VAT rate, as the advance invoice states it. */
export interface AdvanceAtRate {
  rate: string;
  amount: string;
  tax: string;
}

/** What an advance (down-payment) invoice states besides its figures. */
export interface AdvancePayment {
  /** The advance, net. */
  amount: string;
  /** Line 3 when the advance invoice was issued. */
  contractSumToDate: string;
  /** The advance as a fraction of line 3, 4 decimals, for display only. */
  shareOfContract: string;
  byRate: AdvanceAtRate[];
}

export type AdvanceInvoiceOutcome = { ok: true; result: BillingResult; advance: AdvancePayment } | { ok: false; errors: Issue[] };

/**
 * The advance (down-payment) invoice, UNTDID 1001 type 386: the contract's advance, net, with VAT
 * charged on it when it is invoiced (see docs/decisions/0036-advance-and-final-invoices.md). The
 * advance pays for the whole contract, so it is split across the contract's VAT rates in
 * proportion to their part of the contract sum (Σ C of the lines at each rate; a rate whose
 * lines add up to zero or less has none), by largest remainder, and taxed once per rate. A
 * request whose `advance.invoiced` gives the split (an advance invoice restated from the billing
 * log) keeps it. The result is the document's figures: one line per rate (its period amount the
 * advance at that rate), the tax breakdown, line 8 the advance and the total due.
 */
export function computeAdvanceInvoice(request: unknown): AdvanceInvoiceOutcome {
  const validated = validateRequest(request);
  if (validated.contract === undefined) return { ok: false, errors: validated.issues };
  const contract = validated.contract;
  const advance = contract.advance;
  if (advance === undefined || advance.amount === 0n) {
    return { ok: false, errors: [{ code: "REQUIRED", path: ["advance", "amount"], message: MESSAGES.REQUIRED("advance.amount (an advance above zero)") }] };
  }
  const split = advance.invoiced ?? splitByContract(contract, advance.amount);
  return { ok: true, ...advanceResult(contract, split) };
}

/** The advance split across the contract's rates by their share of line 3. */
function splitByContract(contract: Contract, amount: bigint): AdvanceInvoiced[] {
  const byRate = new Map<string, { rate: Fixed; weight: bigint }>();
  for (const line of contract.lines) {
    const rate = line.taxRate ?? contract.tax.rate;
    const key = fixedText(rate);
    const group = byRate.get(key) ?? { rate, weight: 0n };
    group.weight += line.scheduledValue;
    byRate.set(key, group);
  }
  const groups = [...byRate.values()].sort((a, b) => compareFixed(a.rate, b.rate));
  const weights = groups.map((g) => (g.weight > 0n ? g.weight : 0n));
  // With no rate above zero (no lines, or only deductive ones), the advance is taxed at the contract's rate.
  if (weights.every((w) => w === 0n)) return [{ rate: contract.tax.rate, amount, recovered: 0n }];
  const parts = allocateLargestRemainder(amount, weights);
  return groups.map((g, i) => ({ rate: g.rate, amount: parts[i] as bigint, recovered: 0n })).filter((entry) => entry.amount !== 0n);
}

function advanceResult(contract: Contract, split: readonly AdvanceInvoiced[]): { result: BillingResult; advance: AdvancePayment } {
  const { minorUnits, rounding } = contract;
  const money = (units: bigint): string => formatMoney(units, minorUnits);
  const amount = split.reduce((total, entry) => total + entry.amount, 0n);
  const taxes = split.map((entry) => roundProduct(entry.rate, entry.amount, minorUnits, rounding));
  const tax = taxes.reduce((total, t) => total + t, 0n);
  let originalContractSum = 0n;
  let netChangeByChangeOrders = 0n;
  for (const line of contract.lines) {
    if (line.changeOrder) netChangeByChangeOrders += line.scheduledValue;
    else originalContractSum += line.scheduledValue;
  }
  const contractSumToDate = originalContractSum + netChangeByChangeOrders;
  const zero = money(0n);
  const lines: InvoiceLine[] = split.map((entry) => ({
    id: split.length === 1 ? "ADV" : `ADV-${new Dec(fixedText(entry.rate)).times(100).toString()}`,
    description: "",
    changeOrder: false,
    scheduledValue: money(entry.amount),
    previouslyCompleted: zero,
    thisPeriod: money(entry.amount),
    storedMaterials: zero,
    completedAndStoredToDate: money(entry.amount),
    percentComplete: formatFraction(entry.amount, entry.amount),
    balanceToFinish: zero,
    retention: zero,
    retentionOnWork: zero,
    retentionOnStoredMaterials: zero,
    taxRate: fixedText(entry.rate),
    quantityToDate: undefined,
    unitPrice: undefined,
    unit: undefined,
    workedNotBilled: undefined,
  }));
  const result: BillingResult = {
    currency: contract.currency,
    minorUnits,
    rounding,
    lines,
    summary: {
      originalContractSum: money(originalContractSum),
      netChangeByChangeOrders: money(netChangeByChangeOrders),
      contractSumToDate: money(contractSumToDate),
      totalCompletedAndStoredToDate: zero,
      retentionOnCompletedWork: zero,
      retentionOnStoredMaterials: zero,
      retentionReleased: zero,
      totalRetention: zero,
      totalEarnedLessRetention: zero,
      previousCertificates: zero,
      advanceRecovery: zero,
      currentPaymentDue: money(amount),
      balanceToFinishIncludingRetention: money(contractSumToDate),
      taxableAmount: money(amount),
      tax: money(tax),
      totalDue: money(amount + tax),
    },
    taxBreakdown: split.map((entry, i) => ({ rate: fixedText(entry.rate), taxableAmount: money(entry.amount), tax: money(taxes[i] as bigint) })),
    warnings: [],
  };
  const advance: AdvancePayment = {
    amount: money(amount),
    contractSumToDate: money(contractSumToDate),
    shareOfContract: formatFraction(amount, contractSumToDate),
    byRate: split.map((entry, i) => ({ rate: fixedText(entry.rate), amount: money(entry.amount), tax: money(taxes[i] as bigint) })),
  };
  return { result, advance };
}

/**
 * The advance invoice's amounts per rate with what the applications since recovered at each, for
 * the next application's `advance.invoiced`: `recoveries` are the "Advance recovered" of each
 * invoice in force after the advance invoice, oldest first, split across the rates as each
 * application split it. Amounts are decimal text of the currency's minor units.
 */
export function advanceRecoveredByRate(
  byRate: readonly { rate: string; amount: string }[],
  recoveries: readonly string[],
  minorUnits: number,
  rounding: RoundingMode,
): { rate: string; amount: string; recovered: string }[] {
  const units = (text: string): bigint => {
    const value = readUnits(text, minorUnits);
    if (typeof value !== "bigint") throw new CoreInputError(`advanceRecoveredByRate: ${text} is not an amount of ${minorUnits} minor units`);
    return value;
  };
  const invoiced = byRate.map((entry) => {
    const rate = readFixed(entry.rate);
    if (isReadProblem(rate)) throw new CoreInputError(`advanceRecoveredByRate: ${entry.rate} is not a rate`);
    return { rate, amount: units(entry.amount), recovered: 0n };
  });
  return replayAdvanceRecoveries(invoiced, recoveries.map(units), minorUnits, rounding).map((entry) => ({
    rate: fixedText(entry.rate), amount: formatMoney(entry.amount, minorUnits), recovered: formatMoney(entry.recovered, minorUnits),
  }));
}
