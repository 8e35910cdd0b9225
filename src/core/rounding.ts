import { type Fixed, pow10, scaledText } from "./fixed";

export type RoundingMode = "half-up" | "half-even";
export const ROUNDING_MODES: readonly RoundingMode[] = ["half-up", "half-even"];

/**
 * Rounds units × 10^-scale to whole minor units. This is the only place where the core
 * rounds money; callers use it at the rounding points of the billing rules. "half-up" rounds
 * a half away from zero, as Excel's ROUND does; "half-even" to the even neighbour; "down"
 * toward zero, for caps that must never be exceeded.
 */
export function roundToMinorUnits(units: bigint, scale: number, minorUnits: number, mode: RoundingMode | "down"): bigint {
  if (scale <= minorUnits) return units * pow10(minorUnits - scale);
  const divisor = pow10(scale - minorUnits);
  if (mode === "down") return units / divisor; // bigint division cuts toward zero
  if (mode === "half-up") {
    // Half away from zero: add half the divisor to the magnitude and cut.
    const half = divisor / 2n;
    return units < 0n ? -((half - units) / divisor) : (units + half) / divisor;
  }
  const quotient = units / divisor;
  const remainder = units % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < divisor || (twice === divisor && quotient % 2n === 0n)) return quotient;
  return units < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * numerator / denominator rounded to a whole number, for a share whose exact value has no
 * finite decimal form (earned revenue: contract sum × cost to date / estimated cost, in minor
 * units). The same modes as roundToMinorUnits, from the exact integer quotient and remainder.
 */
export function roundQuotient(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d; // toward zero
  const remainder = n % d;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < d || (twice === d && mode === "half-even" && quotient % 2n === 0n)) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}

/** round(rate × amount), the amount in minor units: rounding points 1 to 4. */
export function roundProduct(rate: Fixed, amount: bigint, minorUnits: number, mode: RoundingMode | "down"): bigint {
  if (rate.units === 0n || amount === 0n) return 0n;
  return roundToMinorUnits(rate.units * amount, rate.scale + minorUnits, minorUnits, mode);
}

/** An amount as it travels at the edges: a decimal string with exactly the minor units. */
export function formatMoney(units: bigint, minorUnits: number): string {
  return scaledText(units, minorUnits);
}

/**
 * part / whole as a fraction for display (percent complete): 4 decimals, half-up, worked out
 * as the exact integer quotient floor((20000 × |part| + |whole|) / (2 × |whole|)), which is
 * |part| / |whole| rounded half-up in units of 0.0001.
 */
export function formatFraction(part: bigint, whole: bigint): string {
  if (part === 0n || whole === 0n) return "0.0000";
  const p = part < 0n ? -part : part;
  const w = whole < 0n ? -whole : whole;
  const units = (20000n * p + w) / (2n * w);
  if (units === 0n) return "0.0000";
  const text = scaledText(units, 4);
  return part < 0n !== whole < 0n ? `-${text}` : text;
}
