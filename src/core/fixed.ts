import { Dec, type DecimalParts, decimalParts } from "./decimal";
import { MAX_AMOUNT_DIGITS } from "./issues";

/**
 * An exact decimal number as a scaled integer: units × 10^-scale. Kept normalised (no trailing
 * zero after the point, scale never below zero), so that equal numbers have equal fields.
 *
 * The billing core computes with these and with plain bigints for amounts (whole numbers of
 * the currency's minor units): every input is finite decimal text, so sums, differences and
 * the products of rates and amounts are exact integers, and the only rounding is the one
 * function of rounding.ts at the rules' rounding points. See docs/decisions/0001.
 */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

export const FIXED_ZERO: Fixed = { units: 0n, scale: 0 };

/**
 * Decimals a rate, quantity or price may have. Far beyond any contract (Excel keeps 15
 * significant digits), and it bounds the powers of ten that exact products need.
 */
export const MAX_DECIMALS = 30;

const POWERS_OF_TEN: bigint[] = [1n];

export function pow10(n: number): bigint {
  while (POWERS_OF_TEN.length <= n) POWERS_OF_TEN.push((POWERS_OF_TEN[POWERS_OF_TEN.length - 1] as bigint) * 10n);
  return POWERS_OF_TEN[n] as bigint;
}

/** Why decimal text gives no number: one shared object per reason. */
export interface ReadProblem {
  readonly problem: "not-a-number" | "too-large" | "too-many-decimals";
}

const NOT_A_NUMBER: ReadProblem = { problem: "not-a-number" };
const TOO_LARGE: ReadProblem = { problem: "too-large" };
const TOO_MANY_DECIMALS: ReadProblem = { problem: "too-many-decimals" };

export function isReadProblem<T extends object>(reading: T | ReadProblem): reading is ReadProblem {
  return "problem" in reading;
}

/**
 * Reads decimal text exactly. Too large means 10^15 or more in magnitude (the amounts the
 * core accepts); more than `maxDecimals` decimals are reported without building the number,
 * so that a text such as "1e-99999999" costs nothing.
 */
export function readFixed(text: string, maxDecimals = MAX_DECIMALS): Fixed | ReadProblem {
  const plain = scanPlain(text, maxDecimals);
  if (plain === undefined) return readGeneral(text, maxDecimals);
  if (isReadProblem(plain)) return plain;
  const units = BigInt(plain.digits);
  return { units: plain.negative ? -units : units, scale: plain.decimals };
}

/** Reads an amount as a whole number of minor units, with the same judgement as readFixed. */
export function readUnits(text: string, minorUnits: number): bigint | ReadProblem {
  const plain = scanPlain(text, minorUnits);
  if (plain === undefined) {
    const value = readGeneral(text, minorUnits);
    return isReadProblem(value) ? value : unitsOf(value, minorUnits);
  }
  if (isReadProblem(plain)) return plain;
  const units = BigInt(plain.digits + ZEROS.slice(0, minorUnits - plain.decimals));
  return plain.negative ? -units : units;
}

const ZEROS = "0000000000";

/** Plain decimal text: its sign, its significant digits as an integer, and how many of them are decimals. */
interface PlainScan {
  negative: boolean;
  digits: string;
  decimals: number;
}

const PLAIN_ZERO: PlainScan = { negative: false, digits: "0", decimals: 0 };

/**
 * The common form, an optional minus, digits and decimals ("-1234.50"), read in one scan
 * without the pattern; undefined for any other text, which readGeneral judges.
 */
function scanPlain(text: string, maxDecimals: number): PlainScan | ReadProblem | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const start = i;
  let point = -1;
  let first = -1; // the first digit other than 0
  let end = -1; // one past the last digit other than 0
  for (; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 46 && point < 0) point = i; // "."
    else if (c >= 48 && c <= 57) {
      if (c !== 48) {
        if (first < 0) first = i;
        end = i + 1;
      }
    } else return undefined;
  }
  if (i === start || (point === start && length === start + 1)) return undefined;
  if (first < 0) return PLAIN_ZERO;
  if (point < 0) point = length;
  if (first < point && point - first > MAX_AMOUNT_DIGITS) return TOO_LARGE;
  const decimals = end > point ? end - point - 1 : 0;
  if (decimals > maxDecimals) return TOO_MANY_DECIMALS;
  const whole = text.slice(start, point);
  return { negative: start === 1, digits: decimals === 0 ? whole : whole + text.slice(point + 1, end), decimals };
}

function readGeneral(text: string, maxDecimals: number): Fixed | ReadProblem {
  const parts = decimalParts(text);
  if (parts === undefined) return NOT_A_NUMBER;
  const span = significantSpan(parts);
  if (span === undefined) return FIXED_ZERO;
  // The exponent of the leading digit, as decimal.js has it: 15 means 16 digits before the point.
  if (!(span.point - span.first - 1 < MAX_AMOUNT_DIGITS)) return TOO_LARGE;
  if (!(span.end - span.point <= maxDecimals)) return TOO_MANY_DECIMALS;
  return fixedOf(parts, span);
}

interface Span {
  /** Index of the first and one past the last significant digit, and where the point falls. */
  first: number;
  end: number;
  point: number;
}

function significantSpan(parts: DecimalParts): Span | undefined {
  const { digits } = parts;
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === 48) first += 1;
  if (first === digits.length) return undefined;
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end -= 1;
  return { first, end, point: digits.length - parts.decimals + parts.exponent };
}

function fixedOf(parts: DecimalParts, span: Span): Fixed {
  const decimals = span.end - span.point;
  const significant = BigInt(parts.digits.slice(span.first, span.end));
  const units = decimals >= 0 ? significant : significant * pow10(-decimals);
  return { units: parts.negative ? -units : units, scale: Math.max(0, decimals) };
}

/** A Dec as an exact Fixed (a Dec is a finite decimal of at most 34 digits). */
export function fixedOfDec(value: Dec): Fixed {
  const parts = decimalParts(value.toString()) as DecimalParts;
  const span = significantSpan(parts);
  return span === undefined ? FIXED_ZERO : fixedOf(parts, span);
}

export function decOf(value: Fixed): Dec {
  return new Dec(value.scale === 0 ? value.units.toString() : `${value.units.toString()}e-${value.scale}`);
}

/** A whole number of minor units as a Dec. */
export function decOfUnits(units: bigint, minorUnits: number): Dec {
  return decOf({ units, scale: minorUnits });
}

/** The value in whole minor units; the value has at most that many decimals (an amount). */
export function unitsOf(value: Fixed, minorUnits: number): bigint {
  return value.units * pow10(minorUnits - value.scale);
}

export function compareFixed(a: Fixed, b: Fixed): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * pow10(scale - a.scale);
  const y = b.units * pow10(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether the value is a fraction from 0 to 1, as Excel stores a percentage. */
export function isFraction(value: Fixed): boolean {
  return value.units >= 0n && value.units <= pow10(value.scale);
}

export function fixedEquals(a: Fixed, b: Fixed): boolean {
  return a.units === b.units && a.scale === b.scale;
}

/** A scaled integer as decimal text with exactly `places` decimals ("-27360.00"). */
export function scaledText(units: bigint, places: number): string {
  if (places === 0) return units.toString();
  if (units === 0n) return ZERO_TEXT[places] ?? `0.${"0".repeat(places)}`;
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (digits.length <= places) digits = digits.padStart(places + 1, "0");
  const split = digits.length - places;
  const text = digits.slice(0, split) + "." + digits.slice(split);
  return negative ? "-" + text : text;
}

const ZERO_TEXT = ["0", "0.0", "0.00", "0.000", "0.0000"];

/** A Fixed as decimal.js writes it: no trailing zeros ("0.1", "1000"). */
export function fixedText(value: Fixed): string {
  return scaledText(value.units, value.scale);
}
