/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder method: each
 * part is its exact share floored to the minor unit, and the minor units left over go one
 * each to the parts with the largest remainders (earlier parts first on a tie). The parts
 * always add up to the total; with a non-negative total and non-negative weights no part is
 * negative. When the weights add up to zero, the whole total goes to the first part.
 *
 * Total, weights and parts are whole numbers of minor units, so every floor and remainder is
 * an exact integer.
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
  const parts = new Array<bigint>(units.length);
  const remainders = new Array<bigint>(units.length);
  let allotted = 0n;
  units.forEach((u, i) => {
    const share = total * u;
    // The floor of share / unitSum, and what it leaves, from 0 up to unitSum: one division.
    let part = share / unitSum;
    let remainder = share - part * unitSum;
    if (remainder < 0n) {
      part -= 1n;
      remainder += unitSum;
    }
    parts[i] = part;
    remainders[i] = remainder;
    allotted += part;
  });
  // Floors never exceed their shares, so fewer than weights.length units are left over.
  let leftover = Number(total - allotted);
  if (leftover === 0) return parts;
  // The parts whose remainder is above the leftover-th largest get a unit each; then those at
  // it, earlier parts first, until none is left: the same as sorting, in linear time.
  const threshold = largest([...remainders], leftover - 1);
  remainders.forEach((r, i) => {
    if (r > threshold) {
      parts[i] = (parts[i] as bigint) + 1n;
      leftover -= 1;
    }
  });
  for (let i = 0; leftover > 0; i += 1) {
    if (remainders[i] === threshold) {
      parts[i] = (parts[i] as bigint) + 1n;
      leftover -= 1;
    }
  }
  return parts;
}

/**
 * The value of rank `k` (0 for the largest) among `values`, which it reorders: quickselect
 * with a three-way partition (many remainders are equal, zero above all) and pivots from a
 * fixed pseudo-random sequence, so that no order of lines makes it quadratic in practice.
 */
function largest(values: bigint[], k: number): bigint {
  let low = 0;
  let high = values.length - 1;
  let seed = 1;
  for (;;) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; // a 32-bit linear congruential step
    const pivot = values[low + (seed % (high - low + 1))] as bigint;
    // [low, above) > pivot, [above, i) = pivot, (below, high] < pivot
    let above = low;
    let below = high;
    for (let i = low; i <= below; ) {
      const v = values[i] as bigint;
      if (v > pivot) swap(values, above++, i++);
      else if (v < pivot) swap(values, i, below--);
      else i += 1;
    }
    if (k < above) high = above - 1;
    else if (k > below) low = below + 1;
    else return pivot;
  }
}

function swap(values: bigint[], a: number, b: number): void {
  const v = values[a] as bigint;
  values[a] = values[b] as bigint;
  values[b] = v;
}

