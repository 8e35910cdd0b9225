/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder method: each
 * part is its exact share floored to the minor unit, and the minor units left over go one
 * each to the parts with the largest remainders (earlier parts first on a tie). The parts
 * always add up to the total; with a non-negative total and non-negative weights no part is
 * negative. When the weights add up to zero, the whole total goes to the first part.
 *
 * Total, weights and parts are whole numbers of minor units, so every floor and remainder is
 * an exact integer, without a division per part.
 */
export function allocateLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  let units = weights;
  let unitSum = units.reduce((a, b) => a + b, 0n);
  if (unitSum === 0n) return weights.map((_, index) => (index === 0 ? total : 0n));
  if (unitSum < 0n) {
    units = units.map((u) => -u);
    unitSum = -unitSum;
  }
  const parts = units.map((u) => floorDivide(total * u, unitSum));
  const remainders = units.map((u, i) => total * u - (parts[i] as bigint) * unitSum);
  let leftover = total - parts.reduce((a, b) => a + b, 0n);
  if (leftover > 0n) {
    // Floors never exceed their shares, so fewer than weights.length units are left over.
    const order = remainders.map((_, i) => i).sort((a, b) => compareDescending(remainders[a] as bigint, remainders[b] as bigint) || a - b);
    for (let k = 0; leftover > 0n; k += 1, leftover -= 1n) {
      const index = order[k] as number;
      parts[index] = (parts[index] as bigint) + 1n;
    }
  }
  return parts;
}

function floorDivide(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function compareDescending(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
