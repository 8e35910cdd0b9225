import { Dec, ZERO } from "./decimal";
import { formatMoney } from "./rounding";

/**
 * Exact sums of decimal-text amounts for the layers above the core, which must not do
 * arithmetic themselves (the billing log adds up what earlier invoices recovered and released).
 */
export function addAmounts(values: readonly string[]): string {
  let total = ZERO;
  for (const value of values) total = total.plus(new Dec(value));
  return total.toString();
}

export function subtractAmount(from: string, amount: string): string {
  return new Dec(from).minus(new Dec(amount)).toString();
}

/** An amount as the edges carry it: exactly the currency's minor units ("-27360.00"). */
export function formatAmount(amount: string, minorUnits: number): string {
  return formatMoney(new Dec(amount), minorUnits);
}
