import { Decimal } from "decimal.js";

/**
 * The one Decimal of the billing core. 34 significant digits (IEEE 754 decimal128) are far
 * more than any contract needs, so intermediate products and quotients are exact in practice;
 * amounts are rounded to the currency only at the points that the billing rules list.
 */
export const Dec = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

/** A number written as decimal text (an optional sign, digits, a point, an exponent): what the core parses. */
export const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/**
 * The same Dec with a digit array of exactly its length, for a value that lives for the whole
 * computation. decimal.js builds the digits of a parsed value or a product by push, which
 * reserves room for 16 words; a copy (the constructor slices the digits) is half the size,
 * and so half of what the garbage collector moves for it.
 */
export function compact(value: Dec): Dec {
  return new Dec(value);
}

/** a + b; most lines have no stored materials, so adding a zero is skipped. */
export function plus(a: Dec, b: Dec): Dec {
  return b.isZero() ? a : a.isZero() ? b : a.plus(b);
}

export function sum(values: readonly Dec[]): Dec {
  let total = ZERO;
  for (const value of values) total = plus(total, value);
  return total;
}
