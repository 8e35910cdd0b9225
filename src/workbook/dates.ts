/**
 * Dates travel as ISO text (2026-11-30) in the product and as Excel serial numbers in cells,
 * so that Excel shows and sorts them as dates and never re-reads text in a local format.
 */
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

export function isoToSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY_MS);
}

export function serialToIso(serial: number): string {
  return new Date(EPOCH + Math.round(serial) * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && serialToIso(isoToSerial(text)) === text;
}

/** A Date (as exceljs reads a date cell) as an Excel serial, to well below a second. */
export function dateToSerial(date: Date): number {
  return Math.round(((date.getTime() - EPOCH) / DAY_MS) * 1e9) / 1e9;
}

export function addDays(iso: string, days: number): string {
  return serialToIso(isoToSerial(iso) + days);
}

/** Today in the local calendar, as ISO text. */
export function today(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export const DATE_FORMAT = "yyyy-mm-dd";
