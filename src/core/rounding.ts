import { Dec, ZERO } from "./decimal";

const ZERO_TEXT = ["0", "0.0", "0.00", "0.000", "0.0000"];

export type RoundingMode = "half-up" | "half-even";
export const ROUNDING_MODES: readonly RoundingMode[] = ["half-up", "half-even"];

/**
 * Rounds an amount to the currency's minor units. This is the only place where the core
 * rounds money; callers use it at the rounding points of the billing rules.
 * "half-up" rounds a half away from zero, as Excel's ROUND does.
 */
export function roundMoney(amount: Dec, minorUnits: number, mode: RoundingMode): Dec {
  // Already whole in minor units (a rate of 0, a round percentage): nothing to round.
  if (amount.decimalPlaces() <= minorUnits) return amount;
  return amount.toDecimalPlaces(minorUnits, mode === "half-even" ? Dec.ROUND_HALF_EVEN : Dec.ROUND_HALF_UP);
}

/** Takes an amount down (toward zero) to the minor units: for caps that must never be exceeded. */
export function truncateMoney(amount: Dec, minorUnits: number): Dec {
  return amount.toDecimalPlaces(minorUnits, Dec.ROUND_DOWN);
}

/**
 * A money amount as it travels at the edges: a decimal string with exactly the minor units.
 * Amounts reach here already whole in minor units (inputs are checked, sums of such amounts
 * stay so, and everything else went through roundMoney), so the digits are padded, never
 * rounded: a value with more decimals is a defect in the core and throws.
 */
export function formatMoney(amount: Dec, minorUnits: number): string {
  if (amount.isZero()) return ZERO_TEXT[minorUnits] ?? ZERO.toFixed(minorUnits);
  const places = amount.decimalPlaces();
  if (places > minorUnits) throw new Error(`formatMoney: ${amount.toString()} is not whole in ${minorUnits} minor units`);
  if (minorUnits === 0) return amount.toString();
  const text = amount.toString();
  return places === 0 ? `${text}.${"0".repeat(minorUnits)}` : text + "0".repeat(minorUnits - places);
}

/** A fraction for display (percent complete): 4 decimals, half-up. */
export function formatFraction(value: Dec): string {
  const rounded = value.toDecimalPlaces(4, Dec.ROUND_HALF_UP);
  if (rounded.isZero()) return "0.0000";
  const text = rounded.toString();
  const places = rounded.decimalPlaces();
  return places === 0 ? `${text}.0000` : text + "0".repeat(4 - places);
}
