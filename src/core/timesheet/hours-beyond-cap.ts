import { lineKey } from "../finance/line-key";
import { type Fixed, FIXED_ZERO, pow10, readFixed, readUnits, isReadProblem, scaledText } from "../fixed";
import type { InvoiceLine } from "../result";
import { roundQuotient } from "../rounding";
import { addExact, addFixed } from "./aggregate-timesheet";
import type { ExactAmount, PricedEntry, TimesheetAggregate } from "./types";

/** A capped line's hours to date on either side of its cap, each rounded half-up to 2 decimals. */
export interface HoursAtCap {
  /** The hours whose amount is billed to date. */
  within: string;
  /** The hours past the cap: worked, and not billed. */
  beyond: string;
}

/** The hours a capped line billed from the timesheet worked past its cap, beside its amount worked but not billed. */
export interface HoursNotBilled {
  line: string;
  hours: string;
}

type Ratio = ExactAmount;

const ZERO: Ratio = { numerator: 0n, denominator: 1n };

/**
 * Which of a capped line's hours to date are past its cap: the entries walked in date order
 * (timesheet order within a day), the cap being where the amount billed to date ends. An entry
 * the cap falls inside is split in proportion of its amount, so at one rate the hours beyond
 * are exactly the amount not billed over the rate, and at several rates the cap takes the
 * earliest work first, at the rates it was done at.
 *
 * `notBilled` is the line's amount worked but not billed, in minor units: the cap lies that far
 * before the end of the entries' exact amount, so the hours beyond are those of the very amount
 * the documents state as not billed (none when it is 0, whatever the rounding of the amount to
 * date). Each figure is rounded once, half-up to 2 decimals, from its exact value; the two add
 * up to the hours to date within that rounding (0.01).
 */
export function computeHoursBeyondCap(entries: readonly PricedEntry[], notBilled: bigint): HoursAtCap {
  const ordered = [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const total = ordered.reduce((sum, entry) => addExact(sum, entry.exactAmount), ZERO);
  let remaining = minus(total, { numerator: notBilled, denominator: 1n });
  let hoursToDate: Fixed = FIXED_ZERO;
  let beyond = ZERO;
  for (const entry of ordered) {
    const hours = hoursOf(entry);
    hoursToDate = addFixed(hoursToDate, hours);
    const amount = entry.exactAmount;
    const past = minus(amount, positive(remaining));
    // An entry of no amount has none past the cap: its hours are not among those the cap cuts.
    if (past.numerator > 0n) {
      // Past the cap whole, or split: the share of its hours that its amount past the cap is.
      beyond = addExact(beyond, remaining.numerator <= 0n ? asRatio(hours) : times(asRatio(hours), over(past, amount)));
    }
    remaining = minus(remaining, amount);
  }
  const within = minus(asRatio(hoursToDate), beyond);
  return { within: hoursText(within), beyond: hoursText(beyond) };
}

/**
 * For each capped line of an invoice that the timesheet bills, its hours past the cap to date
 * (see computeHoursBeyondCap), in line order; "0.00" for a line within its cap.
 */
export function computeHoursNotBilled(aggregate: TimesheetAggregate, lines: readonly InvoiceLine[], minorUnits: number): HoursNotBilled[] {
  const fromTimesheet = new Set(aggregate.lines.map((line) => lineKey(line.line)));
  const result: HoursNotBilled[] = [];
  for (const line of lines) {
    const key = lineKey(line.id);
    if (line.workedNotBilled === undefined || !fromTimesheet.has(key)) continue;
    const notBilled = readUnits(line.workedNotBilled, minorUnits);
    if (typeof notBilled !== "bigint") throw new Error(`computeHoursNotBilled: line ${line.id} has ${line.workedNotBilled} worked but not billed, not an amount in ${minorUnits} minor units`);
    const entries = aggregate.entriesToDate.filter((entry) => lineKey(entry.line) === key);
    result.push({ line: line.id, hours: computeHoursBeyondCap(entries, notBilled).beyond });
  }
  return result;
}

function hoursOf(entry: PricedEntry): Fixed {
  const hours = readFixed(entry.hours);
  // The aggregate prices only entries whose hours it read: anything else is a caller's mistake.
  if (isReadProblem(hours)) throw new Error(`computeHoursBeyondCap: row ${entry.sourceRow} has hours "${entry.hours}", not a number`);
  return hours;
}

function asRatio(value: Fixed): Ratio {
  return { numerator: value.units, denominator: pow10(value.scale) };
}

function minus(a: Ratio, b: Ratio): Ratio {
  return addExact(a, { numerator: -b.numerator, denominator: b.denominator });
}

function positive(a: Ratio): Ratio {
  return a.numerator > 0n ? a : ZERO;
}

function times(a: Ratio, b: Ratio): Ratio {
  return { numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator };
}

/** a / b, b > 0 (an entry whose amount the cap falls inside has an amount). */
function over(a: Ratio, b: Ratio): Ratio {
  return { numerator: a.numerator * b.denominator, denominator: a.denominator * b.numerator };
}

/** Hours rounded half-up to 2 decimals ("1.28"). */
function hoursText(hours: Ratio): string {
  return scaledText(roundQuotient(hours.numerator * 100n, hours.denominator, "half-up"), 2);
}
