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
