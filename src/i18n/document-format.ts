import { isIsoDate } from "../core";
import { DOCUMENT_LOCALES, type DocumentLanguage } from "./document-language";
import { DocumentFormatError } from "./document-format-error";

/**
 * Dates, amounts and rates as a document in `language` prints them, by the platform's `Intl`
 * (the same in Node and in the browsers Office runs in). Amounts and rates stay the core's
 * decimal text up to `Intl.NumberFormat`, which formats a numeric string exactly
 * (ECMA-402 since 2023): they never pass through a binary double, and nothing here rounds.
 */

/** The core's plain decimal text: what the exporters hold ("-1234.50"), no exponent, no grouping. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

const isPlainDecimal = (text: string): text is Intl.StringNumericLiteral => PLAIN_DECIMAL.test(text);

/** The text as the numeric string `Intl.NumberFormat` formats exactly, or the problem with it. */
function plainDecimal(text: string, what: string): Intl.StringNumericLiteral {
  if (!isPlainDecimal(text)) throw new DocumentFormatError("NOT_A_DECIMAL", `${what} "${text}" is not a plain decimal such as -1234.50.`);
  return text;
}

const decimalsOf = (text: string): number => text.split(".")[1]?.length ?? 0;

const formatters = new Map<string, Intl.NumberFormat>();
/** One formatter per language and options: building one costs far more than using it, and a document formats hundreds of amounts. */
function numberFormat(language: DocumentLanguage, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(DOCUMENT_LOCALES[language], options);
    formatters.set(key, format);
  }
  return format;
}

/**
 * An ISO date ("2027-03-31") as the document's language writes it: 31.03.2027 in German,
 * 31/03/2027 in French, Spanish and Italian, 31-03-2027 in Dutch. English documents keep the
 * ISO date: an English contract may be read in the United States (03/31/2027) or anywhere
 * else (31/03/2027), and only ISO 8601 reads one way everywhere.
 */
export function formatDocumentDate(iso: string, language: DocumentLanguage): string {
  if (!isIsoDate(iso)) throw new DocumentFormatError("NOT_A_DATE", `"${iso}" is not a date written as YYYY-MM-DD.`);
  if (language === "en") return iso;
  const [year = 0, month = 1, day = 1] = iso.split("-").map(Number);
  // The calendar date itself, in UTC: in the reader's time zone midnight may fall on the day before.
  return new Intl.DateTimeFormat(DOCUMENT_LOCALES[language], { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(Date.UTC(year, month - 1, day));
}

/**
 * An amount (the core's decimal text, whole in the currency's `minorUnits`) with the
 * language's separators: 1.234.567,89 in German, 1 234 567,89 in French (a narrow no-break
 * space between the groups). Every amount is grouped, four-digit ones too (Spanish and Italian
 * would leave 1234,56 ungrouped), so that a column of amounts reads alike, as the contract's
 * own sheet shows it. A negative zero prints as zero. An amount with more decimals than the
 * currency has is a defect upstream, and throws rather than being rounded here.
 */
export function formatDocumentAmount(amount: string, language: DocumentLanguage, minorUnits: number): string {
  const value = plainDecimal(amount, "The amount");
  if (decimalsOf(value) > minorUnits) {
    throw new DocumentFormatError("NOT_WHOLE_IN_MINOR_UNITS", `The amount ${amount} has more decimals than the currency's ${minorUnits}.`);
  }
  return numberFormat(language, { minimumFractionDigits: minorUnits, maximumFractionDigits: minorUnits, useGrouping: "always", signDisplay: "negative" }).format(value);
}

/**
 * A rate held as a fraction, as Excel holds a percentage ("0.055"), as a percentage in the
 * language's way: 5,5 % in German, French and Spanish (a no-break space before the sign),
 * 5,5% in Dutch and Italian, 5.5% in English.
 * At least `fractionDigits` decimals (a percent complete shows 60,00 %), and as many more as
 * the fraction has, so no digit of a rate is ever dropped.
 */
export function formatDocumentPercent(fraction: string, language: DocumentLanguage, fractionDigits = 0): string {
  const value = plainDecimal(fraction, "The rate");
  // A percentage moves the point two places: a fraction's decimals past the second are the percentage's.
  const needed = Math.max(decimalsOf(value) - 2, 0);
  return numberFormat(language, { style: "percent", minimumFractionDigits: fractionDigits, maximumFractionDigits: Math.max(fractionDigits, needed), signDisplay: "negative" }).format(value);
}
