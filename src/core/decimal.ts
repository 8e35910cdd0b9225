import { Decimal } from "decimal.js";

/**
 * The one Decimal of the product. 34 significant digits (IEEE 754 decimal128): in the core it
 * computes the quotient of the billing rules whose exact value has no finite decimal form
 * (a limit's share of stored materials); the layers above use it for decimal text at their
 * edges. Amounts and the products of rates and amounts are exact scaled integers (see fixed.ts).
 */
export const Dec = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

/**
 * A number written as decimal text (an optional sign, digits, a point, an exponent): what the
 * core parses. The groups are the sign, the digits before the point, the digits after it
 * (either of the two forms) and the exponent.
 */
const DECIMAL_TEXT = /^([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:e([+-]?\d+))?$/i;

export interface DecimalParts {
  negative: boolean;
  digits: string;
  /** Digits after the point before the exponent is applied. */
  decimals: number;
  exponent: number;
}

/** The parts of decimal text, or undefined when the text is not a number. */
export function decimalParts(text: string): DecimalParts | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const whole = match[2] ?? "";
  const fraction = match[3] ?? match[4] ?? "";
  return { negative: match[1] === "-", digits: whole + fraction, decimals: fraction.length, exponent: match[5] === undefined ? 0 : Number(match[5]) };
}

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}
