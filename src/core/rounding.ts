import { Dec, ZERO } from "./decimal";

const ZERO_TEXT = ["0", "0.0", "0.00", "0.000", "0.0000"];
/** Trailing zeros by count, so that padding an amount allocates only the result. */
const ZEROS = ["", "0", "00", "000", "0000"];

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
  return places === 0 ? `${text}.${pad(minorUnits)}` : text + pad(minorUnits - places);
}

function pad(zeros: number): string {
  return ZEROS[zeros] ?? "0".repeat(zeros);
}

const TWO = new Dec(2);
const TWICE_FRACTION_SCALE = new Dec(20000);
const FRACTION_UNIT = new Dec("0.0001");

/**
 * part / whole as a fraction for display (percent complete): 4 decimals, half-up.
 * A 34-digit quotient would cost a long division per line; the 4 decimals are instead the
 * exact integer quotient floor((20000 × |part| + |whole|) / (2 × |whole|)), which is
 * |part| / |whole| rounded half-up in units of 0.0001. It is the same figure as rounding the
 * 34-digit quotient: amounts have at most 15 + 4 digits, so that quotient is never close
 * enough to a half to be rounded across it.
 */
export function formatFraction(part: Dec, whole: Dec): string {
  if (part.isZero() || whole.isZero()) return "0.0000";
  const sameSign = part.isNegative() === whole.isNegative();
  // With equal signs the quotient of the signed values is already that of the magnitudes.
  const p = sameSign ? part : part.negated();
  const units = p.times(TWICE_FRACTION_SCALE).plus(whole).dividedToIntegerBy(whole.times(TWO));
  if (units.isZero()) return "0.0000";
  const rounded = units.times(FRACTION_UNIT);
  const text = (sameSign ? rounded : rounded.negated()).toString();
  const places = rounded.decimalPlaces();
  return places === 0 ? `${text}.0000` : text + pad(4 - places);
}
