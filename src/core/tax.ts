import { allocateLargestRemainder } from "./allocate";
import { type Dec, ZERO, plus, sum } from "./decimal";
import type { TaxPolicy } from "./request";
import { type RoundingMode, roundMoney } from "./rounding";

export interface TaxGroup {
  rate: Dec;
  taxableAmount: Dec;
  tax: Dec;
}

interface RateGroup {
  rate: Dec;
  /** Σ G of the lines at this rate, and Σ G of the previous application. */
  toDate: Dec;
  previous: Dec;
}

/**
 * The lines' bases summed per tax rate, line by line. A rate's period base (Σ of G minus the
 * previous G) is kept as two sums: sums of amounts are exact, so their difference is the same
 * figure, without a difference per line.
 */
export class TaxBases {
  private readonly groups = new Map<string, RateGroup>();
  /** Most lines share a rate: the group of the last line is tried before a lookup by text. */
  private last: RateGroup | undefined;

  add(rate: Dec, completedAndStoredToDate: Dec, previousCompletedAndStored: Dec): void {
    let group = this.last;
    if (group === undefined || (group.rate !== rate && !group.rate.equals(rate))) {
      const key = rate.toString();
      group = this.groups.get(key);
      if (group === undefined) {
        group = { rate, toDate: ZERO, previous: ZERO };
        this.groups.set(key, group);
      }
      this.last = group;
    }
    group.toDate = plus(group.toDate, completedAndStoredToDate);
    group.previous = plus(group.previous, previousCompletedAndStored);
  }

  /** The groups by ascending rate. */
  byRate(): RateGroup[] {
    return [...this.groups.values()].sort((a, b) => a.rate.comparedTo(b.rate));
  }
}

/**
 * Tax once per rate on the summed base of that rate (rounding point 3), as EN 16931 asks.
 * "period" taxes each line's gross this application, so retention and advance recovery do
 * not lower the base; "payment" taxes line 8, split across the rates in proportion to their
 * period base (or, when nothing was billed this period, to their work to date).
 */
export function computeTax(
  lines: TaxBases,
  policy: TaxPolicy,
  currentPaymentDue: Dec,
  minorUnits: number,
  rounding: RoundingMode,
): TaxGroup[] {
  const groups = lines.byRate();
  let bases = groups.map((g) => g.toDate.minus(g.previous));
  if (policy.base === "payment") {
    const byPeriod = sum(bases).isZero() ? groups.map((g) => g.toDate) : bases;
    bases = allocateLargestRemainder(currentPaymentDue, byPeriod, minorUnits);
  }
  return groups.map((group, i) => {
    const taxableAmount = bases[i] as Dec;
    return { rate: group.rate, taxableAmount, tax: roundMoney(group.rate.times(taxableAmount), minorUnits, rounding) };
  });
}
