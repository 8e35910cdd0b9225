import { minorUnitsOf } from "./currency";
import { Dec } from "./decimal";
import { CoreInputError, MESSAGES } from "./issues";
import { ROUNDING_MODES, type RoundingMode, formatMoney, roundMoney } from "./rounding";

/**
 * Rounds one amount to a currency the way the core rounds: the checked entry for surfaces
 * that round a single value (the ROUND custom function). Bad input throws a CoreInputError.
 */
export function roundAmount(amount: string, currency: string, mode: string): string {
  const code = currency.trim().toUpperCase();
  const minorUnits = minorUnitsOf(code);
  if (minorUnits === undefined) throw new CoreInputError(MESSAGES.UNKNOWN_CURRENCY(code));
  if (!(ROUNDING_MODES as readonly string[]).includes(mode)) {
    throw new CoreInputError(MESSAGES.INVALID_OPTION("mode", `"${mode}"`, `"half-up" or "half-even"`));
  }
  let value: Dec;
  try {
    value = new Dec(amount.trim());
  } catch {
    throw new CoreInputError(MESSAGES.NOT_A_NUMBER("amount", `"${amount}"`));
  }
  if (!value.isFinite()) throw new CoreInputError(MESSAGES.NOT_A_NUMBER("amount", `"${amount}"`));
  return formatMoney(roundMoney(value, minorUnits, mode as RoundingMode), minorUnits);
}
