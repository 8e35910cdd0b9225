import { Dec, ZERO, compact } from "./decimal";

/**
 * Splits `total` (a whole number of minor units) into parts proportional to `weights` by the
 * largest-remainder method: each part is its exact share floored to the minor unit, and the
 * minor units left over go one each to the parts with the largest remainders (earlier parts
 * first on a tie). The parts always add up to the total; with a non-negative total and
 * non-negative weights no part is negative. When the weights add up to zero, the whole total
 * goes to the first part.
 *
 * The shares are worked out in exact integers (minor units times the weights' own scale), so
 * that every floor and remainder is exact without a division per part.
 */
export function allocateLargestRemainder(total: Dec, weights: readonly Dec[], minorUnits: number): Dec[] {
  if (weights.length === 0) return [];
  const weightScale = weights.reduce((places, w) => Math.max(places, w.decimalPlaces()), 0);
  let units = weights.map((w) => wholeUnits(w, weightScale));
  let unitSum = units.reduce((a, b) => a + b, 0n);
  if (unitSum === 0n) return weights.map((_, index) => (index === 0 ? total : ZERO));
  if (unitSum < 0n) {
    units = units.map((u) => -u);
    unitSum = -unitSum;
  }
  const totalUnits = wholeUnits(total, minorUnits);
  const parts = units.map((u) => floorDivide(totalUnits * u, unitSum));
  const remainders = units.map((u, i) => totalUnits * u - (parts[i] as bigint) * unitSum);
  let leftover = totalUnits - parts.reduce((a, b) => a + b, 0n);
  if (leftover > 0n) {
    // Floors never exceed their shares, so fewer than weights.length units are left over.
    const order = remainders.map((_, i) => i).sort((a, b) => compareDescending(remainders[a] as bigint, remainders[b] as bigint) || a - b);
    for (let k = 0; leftover > 0n; k += 1, leftover -= 1n) {
      const index = order[k] as number;
      parts[index] = (parts[index] as bigint) + 1n;
    }
  }
  return parts.map((p) => (p === 0n ? ZERO : fromWholeUnits(p, minorUnits)));
}

/** An exact integer count of 10^-places as a Dec. */
function fromWholeUnits(units: bigint, places: number): Dec {
  if (places === 0) return compact(new Dec(units.toString()));
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, "0");
  return compact(new Dec(`${negative ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`));
}

/** The value times 10^places as an exact integer (the value has at most that many decimals). */
function wholeUnits(value: Dec, places: number): bigint {
  if (value.isZero()) return 0n;
  const text = value.toString();
  const point = text.indexOf(".");
  if (point < 0) return BigInt(text) * 10n ** BigInt(places);
  const decimals = text.length - point - 1;
  return BigInt(text.slice(0, point) + text.slice(point + 1)) * 10n ** BigInt(places - decimals);
}

function floorDivide(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function compareDescending(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
