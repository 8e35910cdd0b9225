import { allocateLargestRemainder } from "./allocate";
import { Dec, ZERO, sum } from "./decimal";
import type { TaxPolicy } from "./request";
import { type RoundingMode, roundMoney } from "./rounding";

export interface TaxLine {
  rate: Dec;
  /** The line's gross this application: G minus the previous G. */
  periodBase: Dec;
  completedAndStoredToDate: Dec;
}

export interface TaxGroup {
  rate: Dec;
  taxableAmount: Dec;
  tax: Dec;
}

/**
 * Tax once per rate on the summed base of that rate (rounding point 3), as EN 16931 asks.
 * "period" taxes each line's gross this application, so retention and advance recovery do
 * not lower the base; "payment" taxes line 8, split across the rates in proportion to their
 * period base (or, when nothing was billed this period, to their work to date).
 */
export function computeTax(
  lines: readonly TaxLine[],
  policy: TaxPolicy,
  currentPaymentDue: Dec,
  minorUnits: number,
  rounding: RoundingMode,
): TaxGroup[] {
  const groups = groupByRate(lines);
  let bases = groups.map((g) => g.periodBase);
  if (policy.base === "payment") {
    const byPeriod = sum(bases).isZero() ? groups.map((g) => g.toDate) : bases;
    bases = allocateLargestRemainder(currentPaymentDue, byPeriod, minorUnits);
  }
  return groups.map((group, i) => {
    const taxableAmount = bases[i] as Dec;
    return { rate: group.rate, taxableAmount, tax: roundMoney(group.rate.times(taxableAmount), minorUnits, rounding) };
  });
}

function groupByRate(lines: readonly TaxLine[]): { rate: Dec; periodBase: Dec; toDate: Dec }[] {
  const groups = new Map<string, { rate: Dec; periodBase: Dec; toDate: Dec }>();
  for (const line of lines) {
    const key = line.rate.toString();
    const group = groups.get(key) ?? { rate: line.rate, periodBase: ZERO, toDate: ZERO };
    group.periodBase = group.periodBase.plus(line.periodBase);
    group.toDate = group.toDate.plus(line.completedAndStoredToDate);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.rate.comparedTo(b.rate));
}
