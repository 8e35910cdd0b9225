import { Dec } from "./decimal";

/**
 * Values as a spreadsheet hands them over: IEEE doubles, text, booleans, blanks. Excel keeps
 * 15 significant digits, so a double is read at that precision and never with its binary
 * noise: 0.1 is "0.1", and 0.1 + 0.2 is "0.3", not "0.30000000000000004".
 */
export function numberToDecimalText(value: number): string {
  if (value === 0) return "0";
  const shortest = String(value);
  // Up to 15 characters hold at most 15 significant digits: already what Excel shows.
  if (shortest.length <= 15 || !Number.isFinite(value)) return shortest;
  return String(Number(value.toPrecision(15)));
}

/** A cell that holds nothing: Excel gives null, "" or (in ranges) sometimes 0 for an empty cell. */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * A number typed as text whose one separator could group thousands or mark the decimals:
 * "1.000" is 1000 or 1, "1,250" is 1250 or 1.25. No reader accepts it as a number; the table
 * reader reports both readings at its cell.
 */
export interface AmbiguousNumberText {
  readonly text: string;
  readonly separator: "." | ",";
  /** The reading with the separator grouping thousands ("1000"). */
  readonly asThousands: string;
  /** The reading with the separator as the decimal mark ("1"). */
  readonly asDecimal: string;
}

export function isAmbiguousNumberText(value: unknown): value is AmbiguousNumberText {
  return typeof value === "object" && value !== null && "asThousands" in value;
}

/** A sign, one to three digits (the first not 0), one separator, exactly three digits. */
const TWO_WAYS = /^([+-]?)([1-9]\d{0,2})([.,])(\d{3})$/;
/** Thousands grouped by commas, perhaps a decimal point: "1,234,567", "1,234.50". */
const COMMA_GROUPS = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
/** Thousands grouped by points, perhaps a decimal comma: "1.234.567", "1.234,50". */
const POINT_GROUPS = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/;
/** A decimal comma that cannot group thousands: "12,5", "0,500", "1234,500". */
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

/**
 * Number text as a person types it into a cell, as decimal text: thousands separators dropped
 * and a decimal comma made a point when only one reading is possible ("1,234.50", "1.234,50",
 * "12,5"); text that reads two ways ("1.000") as an AmbiguousNumberText; any other text as it
 * is, for the core to judge.
 */
function readNumberText(text: string): string | AmbiguousNumberText {
  const twoWays = TWO_WAYS.exec(text);
  if (twoWays !== null) {
    const [, sign = "", whole = "", separator, decimals = ""] = twoWays;
    return {
      text, separator: separator === "," ? "," : ".",
      asThousands: `${sign === "-" ? "-" : ""}${whole}${decimals}`,
      asDecimal: new Dec(`${sign}${whole}.${decimals}`).toString(),
    };
  }
  if (COMMA_GROUPS.test(text)) return text.replaceAll(",", "");
  if (POINT_GROUPS.test(text)) return text.replaceAll(".", "").replace(",", ".");
  if (DECIMAL_COMMA.test(text)) return text.replace(",", ".");
  return text;
}

/**
 * A cell value as the core reads a number field: numbers as decimal text, number text with
 * separators as decimal text when it reads one way only (an AmbiguousNumberText when it reads
 * two), other text as it is.
 */
export function cellToField(value: unknown): unknown {
  if (isBlankCell(value)) return undefined;
  if (typeof value === "number") return numberToDecimalText(value);
  if (typeof value === "string") return readNumberText(value.trim());
  return value;
}
