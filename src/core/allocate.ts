import { Dec, ZERO, sum } from "./decimal";

/**
 * Splits `total` (already a whole number of minor units) into parts proportional to
 * `weights` by the largest-remainder method: each part is its exact share floored to the
 * minor unit, and the minor units left over go one each to the parts with the largest
 * remainders (earlier parts first on a tie). The parts always add up to the total; with a
 * non-negative total and non-negative weights no part is negative.
 * When the weights add up to zero, the whole total goes to the first part (if any).
 */
export function allocateLargestRemainder(total: Dec, weights: readonly Dec[], minorUnits: number): Dec[] {
  if (weights.length === 0) return [];
  const weightSum = sum(weights);
  const unit = new Dec(1).dividedBy(new Dec(10).pow(minorUnits));
  if (weightSum.isZero()) return weights.map((_, index) => (index === 0 ? total : ZERO));

  const exact = weights.map((weight) => total.times(weight).dividedBy(weightSum));
  const floored = exact.map((share) => share.dividedBy(unit).floor().times(unit));
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(floored[index] as Dec) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  // Floors never exceed their shares, so fewer than weights.length units are left over.
  let leftover = total.minus(sum(floored));
  for (let k = 0; leftover.greaterThanOrEqualTo(unit); k += 1) {
    const target = byRemainder[k] as { index: number };
    floored[target.index] = (floored[target.index] as Dec).plus(unit);
    leftover = leftover.minus(unit);
  }
  return floored;
}
