import { Dec } from "../core";
import type { CellValue } from "../workbook/port";
import type { PaneText } from "./i18n/pane-text";

// The figures the pane shows are in the locale of Office's display language (PaneText.locale),
// through Intl: a German Excel reads 1.234,50 €, an American one €1,234.50.

/** An amount (decimal text) for reading on screen, in the currency's own style in `locale`: €1,234.50, 1.234,50 €. */
export function displayMoney(amount: string, currency: string, locale: string): string {
  try {
    // Display only: a figure of up to 15 digits survives the trip through a double.
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
  } catch {
    // A code Intl does not know (a settings typo being fixed): show it plainly.
    return `${amount} ${currency}`;
  }
}

/** A fraction as a person types a percentage: 0.05 → "5%"; the text of an input, read back as typed, so not localised. */
export function percentText(value: CellValue): string {
  if (typeof value !== "number") return value === null ? "" : String(value);
  return `${new Dec(value).times(100).toString()}%`;
}

/** A fraction the finance figures give with 4 decimals ("0.4667"), as a percentage with 2 in `locale`: "46.67%", "46,67 %". */
export function fractionText(fraction: string, locale: string): string {
  // Display only: four decimals survive the trip through a double, and ×100 leaves two.
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(fraction));
}

/** An amount in a chart's axis, short: €110K, 110.000 € (German has no short form below a million). */
export function compactMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(amount);
  } catch {
    // As displayMoney: a code Intl does not know is shown plainly.
    return `${amount} ${currency}`;
  }
}

/**
 * A calendar date (ISO text) as the pane shows it: ISO in English, as the English documents
 * and the date fields write it (decision 0035), and the locale's short date otherwise (31.03.2027).
 */
export function displayDate(iso: string, { language, locale }: Pick<PaneText, "language" | "locale">): string {
  if (language === "en" || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  // A calendar date, not an instant: formatted in UTC so no time zone moves it a day.
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}
