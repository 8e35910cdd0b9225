/**
 * The cell boundary of the custom functions: Excel hands over IEEE doubles, and the core
 * wants decimal text. Excel itself keeps 15 significant digits, so a double is read at that
 * precision: 0.1 stays 0.1 and 0.1 + 0.2 is 0.3, not 0.30000000000000004.
 */
export function cellToDecimalText(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : String(value);
}

/** A result amount from the core (decimal text) as the number a cell holds. */
export function decimalTextToCell(text: string): number {
  return Number(text);
}
