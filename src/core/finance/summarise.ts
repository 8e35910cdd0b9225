import { Dec } from "../decimal";
import { AGING_BUCKETS, type Aging, type ContractFinances, type CurrencyTotals } from "./types";

/**
 * Totals per currency, in order of the currency code: amounts in different currencies are
 * never added. Each amount keeps the minor units its contracts give it; a figure absent from
 * some contracts (null without an estimated cost) is the sum of those that have it, and
 * absent when none has.
 */
export function summariseByCurrency(contracts: readonly ContractFinances[]): CurrencyTotals[] {
  const byCurrency = new Map<string, ContractFinances[]>();
  for (const contract of contracts) {
    const code = contract.currency.toUpperCase();
    const group = byCurrency.get(code);
    if (group === undefined) byCurrency.set(code, [contract]);
    else group.push(contract);
  }
  return [...byCurrency.keys()].sort().map((currency) => totalsOf(currency, byCurrency.get(currency) ?? []));
}

function totalsOf(currency: string, group: readonly ContractFinances[]): CurrencyTotals {
  const maybe = (pick: (c: ContractFinances) => string | null): string | null => sum(group.map(pick));
  // A group has at least one contract, so a field every contract has always has a sum.
  const amount = (pick: (c: ContractFinances) => string): string => maybe(pick) ?? "0";
  return {
    currency,
    contracts: group.length,
    contractSumToDate: amount((c) => c.contractSumToDate),
    billedToDate: amount((c) => c.billedToDate),
    certifiedToDate: amount((c) => c.certifiedToDate),
    invoicedToDate: amount((c) => c.invoicedToDate),
    paidToDate: amount((c) => c.paidToDate),
    outstanding: amount((c) => c.outstanding),
    overdue: amount((c) => c.overdue),
    aging: Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, amount((c) => c.aging[bucket])])) as Aging,
    retentionHeld: amount((c) => c.retentionHeld),
    advanceOutstanding: amount((c) => c.advanceOutstanding),
    estimatedCost: maybe((c) => c.estimatedCost),
    costToDate: amount((c) => c.costToDate),
    earnedRevenue: maybe((c) => c.earnedRevenue),
    overUnderBilling: maybe((c) => c.overUnderBilling),
    estimatedGrossProfit: maybe((c) => c.estimatedGrossProfit),
    grossProfitToDate: maybe((c) => c.grossProfitToDate),
  };
}

/** The exact sum of the amounts given, with as many decimals as they are written with ("0.00" has two); null when none is given. */
function sum(values: readonly (string | null)[]): string | null {
  let total: Dec | undefined;
  let places = 0;
  for (const value of values) {
    if (value === null) continue;
    const point = value.indexOf(".");
    places = Math.max(places, point < 0 ? 0 : value.length - point - 1);
    total = total === undefined ? new Dec(value) : total.plus(value);
  }
  return total === undefined ? null : total.toFixed(places);
}
