import { Dec } from "./decimal";

export type RoundingMode = "half-up" | "half-even";
export const ROUNDING_MODES: readonly RoundingMode[] = ["half-up", "half-even"];

/**
 * Rounds an amount to the currency's minor units. This is the only place where the core
 * rounds money; callers use it at the rounding points of the billing rules.
 * "half-up" rounds a half away from zero, as Excel's ROUND does.
 */
export function roundMoney(amount: Dec, minorUnits: number, mode: RoundingMode): Dec {
  return amount.toDecimalPlaces(minorUnits, mode === "half-even" ? Dec.ROUND_HALF_EVEN : Dec.ROUND_HALF_UP);
}

/** Takes an amount down (toward zero) to the minor units: for caps that must never be exceeded. */
export function truncateMoney(amount: Dec, minorUnits: number): Dec {
  return amount.toDecimalPlaces(minorUnits, Dec.ROUND_DOWN);
}

/** A money amount as it travels at the edges: a decimal string with exactly the minor units. */
export function formatMoney(amount: Dec, minorUnits: number): string {
  const text = amount.toFixed(minorUnits);
  // -0.00 is still zero; never show a signed zero on an invoice.
  return amount.isZero() || /^-0(\.0+)?$/.test(text) ? new Dec(0).toFixed(minorUnits) : text;
}

/** A fraction for display (percent complete): 4 decimals, half-up. */
export function formatFraction(value: Dec): string {
  const text = value.toFixed(4, Dec.ROUND_HALF_UP);
  return /^-0\.0+$/.test(text) ? "0.0000" : text;
}
