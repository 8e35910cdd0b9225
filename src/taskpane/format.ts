import { Dec } from "../core";
import type { CellValue } from "../workbook/port";

/** An amount (decimal text) for reading on screen, in the currency's own style: €1,234.50. */
export function displayMoney(amount: string, currency: string): string {
  try {
    // Display only: a figure of up to 15 digits survives the trip through a double.
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(Number(amount));
  } catch {
    // A code Intl does not know (a settings typo being fixed): show it plainly.
    return `${amount} ${currency}`;
  }
}

/** A fraction as a person types a percentage: 0.05 → "5%". */
export function percentText(value: CellValue): string {
  if (typeof value !== "number") return value === null ? "" : String(value);
  return `${new Dec(value).times(100).toString()}%`;
}

/** A fraction the finance figures give with 4 decimals ("0.4667"), as a percentage with 2: "46.67%". */
export function fractionText(fraction: string): string {
  return `${new Dec(fraction).times(100).toFixed(2)}%`;
}

/** An amount in a chart's axis, short: €110K. */
export function compactMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(amount);
  } catch {
    // As displayMoney: a code Intl does not know is shown plainly.
    return `${amount} ${currency}`;
  }
}
