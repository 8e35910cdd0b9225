/**
 * Dates travel as ISO text in the product and as Excel serial numbers in cells; the pure
 * conversion lives in the core (the custom functions read date cells too), and what only the
 * workbook needs (problems in words, today, Excel's date format) is here.
 */
import { DATE_RANGE, isIsoDate, isSerialInRange, isoToSerial } from "../core/dates";

export { DATE_RANGE, addDays, dateToSerial, isIsoDate, isSerialInRange, isoToSerial, serialText, serialToIso } from "../core/dates";

/**
 * Why a date given as text (an option, a date field) cannot be used, or undefined when it can:
 * `what` names it as the person knows it ("--date", "The invoice date").
 */
export function dateTextProblem(what: string, text: string): string | undefined {
  if (!isIsoDate(text)) return `${what} "${text}" is not a date written as YYYY-MM-DD.`;
  if (isSerialInRange(isoToSerial(text))) return undefined;
  return `${what} ${text} is outside the dates Interim accepts, ${DATE_RANGE.first} to ${DATE_RANGE.last}; check the year.`;
}

/** Today in the local calendar, as ISO text. */
export function today(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export const DATE_FORMAT = "yyyy-mm-dd";
