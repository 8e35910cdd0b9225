import { allocateLargestRemainder } from "./allocate";
import { type Fixed, compareFixed, fixedEquals, fixedText } from "./fixed";
import type { TaxPolicy } from "./request";
import { type RoundingMode, roundProduct } from "./rounding";

/** Tax at one rate, amounts in minor units. */
export interface TaxGroup {
  rate: Fixed;
  taxableAmount: bigint;
  tax: bigint;
}

interface RateGroup {
  rate: Fixed;
  /** Σ G of the lines at this rate, and Σ G of the previous application. */
  toDate: bigint;
  previous: bigint;
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

  add(rate: Fixed, completedAndStoredToDate: bigint, previousCompletedAndStored: bigint): void {
    let group = this.last;
    if (group === undefined || !fixedEquals(group.rate, rate)) {
      const key = fixedText(rate);
      group = this.groups.get(key);
      if (group === undefined) {
        group = { rate, toDate: 0n, previous: 0n };
        this.groups.set(key, group);
      }
      this.last = group;
    }
    group.toDate += completedAndStoredToDate;
    if (previousCompletedAndStored !== 0n) group.previous += previousCompletedAndStored;
  }

  /** Σ G and Σ previous G over every rate. */
  total(): { toDate: bigint; previous: bigint } {
    let toDate = 0n;
    let previous = 0n;
    for (const group of this.groups.values()) {
      toDate += group.toDate;
      previous += group.previous;
    }
    return { toDate, previous };
  }

  /** The groups by ascending rate. */
  byRate(): RateGroup[] {
    return [...this.groups.values()].sort((a, b) => compareFixed(a.rate, b.rate));
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
  currentPaymentDue: bigint,
  minorUnits: number,
  rounding: RoundingMode,
): TaxGroup[] {
  const groups = lines.byRate();
  let bases = groups.map((g) => g.toDate - g.previous);
  if (policy.base === "payment") {
    const byPeriod = bases.reduce((a, b) => a + b, 0n) === 0n ? groups.map((g) => g.toDate) : bases;
    bases = allocateLargestRemainder(currentPaymentDue, byPeriod);
  }
  return groups.map((group, i) => {
    const taxableAmount = bases[i] as bigint;
    return { rate: group.rate, taxableAmount, tax: roundProduct(group.rate, taxableAmount, minorUnits, rounding) };
  });
}
