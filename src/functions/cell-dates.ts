import { DATE_RANGE, MESSAGES, isIsoDate, isSerialInRange, isoToSerial, serialText, serialToIso } from "../core";
import { cellError } from "./cell-call";

/**
 * A date cell as ISO text: an Excel date serial (a time of day in it dropped) or ISO text,
 * within the dates Interim accepts; anything else is #VALUE! naming `field` and the cell's value.
 */
export function dateOfCell(cell: unknown, field: string): string {
  if (typeof cell === "number" && isSerialInRange(cell)) return serialToIso(Math.floor(cell));
  const text = typeof cell === "string" ? cell.trim() : undefined;
  if (text !== undefined && isIsoDate(text) && isSerialInRange(isoToSerial(text))) return text;
  const shown = typeof cell === "number" ? serialText(cell) : `"${String(cell)}"`;
  const aDate = typeof cell === "number" || (text !== undefined && isIsoDate(text));
  throw cellError("value", aDate ? MESSAGES.DATE_OUT_OF_RANGE(field, shown, DATE_RANGE.first, DATE_RANGE.last) : MESSAGES.NOT_A_DATE(field, shown));
}

/**
 * The as-of date argument: a date, or today when it is left out. Desktop Excel passes an
 * argument that points at an empty cell as 0, which is no date Interim accepts: that is today too.
 */
export function asOfDate(argument: number | null | undefined): string {
  return typeof argument === "number" && argument !== 0 ? dateOfCell(argument, "asOf") : today();
}

/** Today in the local calendar, as Excel's TODAY() has it. */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
