/**
 * Dates travel as ISO text (2026-11-30) in the product and as Excel serial numbers in cells,
 * so that Excel shows and sorts them as dates and never re-reads text in a local format. The
 * conversion is pure calendar arithmetic in UTC, so the core (a cell read by a custom function,
 * the days an invoice is overdue) and the workbook layer share this one piece of it.
 */
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

export function isoToSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY_MS);
}

export function serialToIso(serial: number): string {
  return new Date(EPOCH + Math.round(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A Date (as a JavaScript reader of a date cell gives it) as an Excel serial, to well below a second. */
export function dateToSerial(date: Date): number {
  return Math.round(((date.getTime() - EPOCH) / DAY_MS) * 1e9) / 1e9;
}

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && serialToIso(isoToSerial(text)) === text;
}

/**
 * The dates Interim issues documents on, bills periods to and reads from the billing log: far
 * enough back for an old contract, far enough ahead for any due date, and nowhere near Excel's
 * own limits (1900-01-01 to 9999-12-31, with its 1900 leap-year quirk). A date outside is a
 * typo (0026 for 2026) that Excel would show as #### and the next period would start from.
 * See docs/decisions/0027-settings-and-dates-limits.md.
 */
export const DATE_RANGE = { first: "1990-01-01", last: "2100-12-31" } as const;

/** Whether an Excel date serial is a day within DATE_RANGE. */
export function isSerialInRange(serial: number): boolean {
  return Number.isFinite(serial) && serial >= isoToSerial(DATE_RANGE.first) && serial < isoToSerial(DATE_RANGE.last) + 1;
}

/** A serial as a person reads it in a problem: its date when that has a four-digit year (0001-01-01 to 9999-12-31), else the number. */
export function serialText(serial: number): string {
  return serial >= isoToSerial("0001-01-01") && serial < isoToSerial("9999-12-31") + 1 ? serialToIso(Math.floor(serial)) : String(serial);
}

export function addDays(iso: string, days: number): string {
  return serialToIso(isoToSerial(iso) + days);
}
