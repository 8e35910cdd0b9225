import { addDays, isoToSerial } from "../dates";

/** Days from one ISO date to another (negative when `to` is earlier), by UTC calendar arithmetic. */
export function daysBetween(from: string, to: string): number {
  return isoToSerial(to) - isoToSerial(from);
}

/** YYYY-MM of an ISO date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** The month after a YYYY-MM month. */
export function nextMonth(month: string): string {
  return monthOf(addDays(`${month}-28`, 4));
}
