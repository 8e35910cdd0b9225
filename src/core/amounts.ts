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
