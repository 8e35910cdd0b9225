import { Dec } from "./decimal";

/**
 * Exact sums of decimal-text amounts for the layers above the core, which must not do
 * arithmetic themselves (the billing log adds up what earlier invoices recovered and released).
 */
export function addAmounts(values: readonly string[]): string {
  let total = new Dec(0);
  for (const value of values) total = total.plus(new Dec(value));
  return total.toString();
}

export function subtractAmount(from: string, amount: string): string {
  return new Dec(from).minus(new Dec(amount)).toString();
}

/**
 * An amount as the edges carry it: exactly the currency's minor units ("-27360.00"). The
 * amount is whole in minor units already (it comes from the core), so it is padded, never
 * rounded: one with more decimals is a defect and throws.
 */
export function formatAmount(amount: string, minorUnits: number): string {
  const value = new Dec(amount);
  if (value.decimalPlaces() > minorUnits) throw new Error(`formatAmount: ${amount} is not whole in ${minorUnits} minor units`);
  return value.toFixed(minorUnits);
}

/**
 * Thousands separators for display ("-1234567.50" → "-1,234,567.50"). Only the digits are
 * regrouped; the amount itself is the core's text.
 */
export function groupDigits(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (match === null) throw new Error(`not a decimal amount: ${amount}`);
  const [, sign = "", whole = "", fraction = ""] = match;
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + fraction;
}
