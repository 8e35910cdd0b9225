import { cellToField, isAmbiguousNumberText } from "../core";

const PLAIN = /^[+-]?\d+(\.\d+)?$/;

/**
 * An amount typed on the command line, read as a number typed as text into a cell of the
 * milestone table is: a point is the decimal mark; thousands separators and a decimal comma are
 * accepted where they read one way only ("1,000.50", "1,000,000", "1.000,50", "12,5"), and
 * text that reads two ways ("1,000": 1000 or 1; "1.500") is refused, giving both readings.
 * A leading "-" is a refund. Anything else (a currency sign, spaces, letters) is refused.
 */
export function parseAmountOption(name: string, typed: string): { amount: string } | { error: string } {
  const field = cellToField(typed);
  if (isAmbiguousNumberText(field)) {
    return {
      error: `--${name} ${typed} reads two ways: ${field.asThousands} with "${field.separator}" separating thousands, or ${field.asDecimal} with "${field.separator}" as the decimal mark; type ${field.asThousands} or ${field.asDecimal}.`,
    };
  }
  if (typeof field !== "string" || !PLAIN.test(field)) {
    return { error: `--${name} must be an amount such as 1000, 1000.50 or -200 (a refund), not "${typed}".` };
  }
  return { amount: field.replace(/^\+/, "") };
}
