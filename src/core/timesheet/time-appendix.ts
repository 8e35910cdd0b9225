import { allocateLargestRemainder } from "../allocate";
import { lineKey } from "../finance/line-key";
import type { Fixed } from "../fixed";
import { FIXED_ZERO, isReadProblem, readFixed, readUnits, scaledText } from "../fixed";
import { roundQuotient } from "../rounding";
import { addExact, addFixed, hoursText } from "./aggregate-timesheet";
import type { ExactAmount, PricedEntry, TimesheetAggregate, TimesheetOptions } from "./types";

/** One row of an invoice's time appendix: a person's new hours on a line at one rate, and their part of the line's period amount. */
export interface TimeAppendixRow {
  line: string;
  /** The person and role of the entries; both undefined on the row of entries billed before and no longer in the timesheet. */
  person: string | undefined;
  role: string | undefined;
  hours: string;
  rate: string | undefined;
  per: "hour" | "day" | undefined;
  amount: string;
  /** The entries are dated in a period already billed: billed now, listed as late. */
  late: boolean;
}

interface Group {
  person: string;
  role: string | undefined;
  rate: string;
  per: "hour" | "day";
  late: boolean;
  hours: Fixed;
  amount: ExactAmount;
}

/**
 * The time appendix of an invoice: per line, the hours billed for the first time this period
 * grouped by person, rate and whether they are late, with the line's period amount split among
 * the groups by largest remainder, so that the rows of a line add up to what the line bills from
 * the timesheet to the cent. Entries billed before and since edited or deleted are one row of
 * their own per line, the amount they credit.
 */
export function computeTimeAppendix(aggregate: TimesheetAggregate, options: TimesheetOptions): TimeAppendixRow[] {
  const lastBilled = new Set(aggregate.lateEntries.map((entry) => entry.key));
  const removedLines = new Set(aggregate.removedKeys.map(lineOfKey));
  const byLine = new Map<string, PricedEntry[]>();
  for (const entry of aggregate.newEntries) {
    const id = lineKey(entry.line);
    const list = byLine.get(id);
    if (list === undefined) byLine.set(id, [entry]);
    else list.push(entry);
  }
  const rows: TimeAppendixRow[] = [];
  for (const line of aggregate.lines) {
    const groups = groupsOf(byLine.get(lineKey(line.line)) ?? [], lastBilled);
    const total = units(line.amountThisPeriod, options.minorUnits);
    const removed = removedLines.has(lineKey(line.line));
    const sum = groups.reduce((acc, group) => addExact(acc, group.amount), { numerator: 0n, denominator: 1n });
    // Without removed entries the groups are the whole period: they share its amount exactly.
    const shared = removed ? roundQuotient(sum.numerator, sum.denominator, options.rounding) : total;
    const parts = allocateLargestRemainder(shared, weights(groups.map((group) => group.amount)));
    groups.forEach((group, index) => {
      rows.push({
        line: line.line, person: group.person, role: group.role, hours: hoursText(group.hours), rate: group.rate, per: group.per,
        amount: scaledText(parts[index] ?? 0n, options.minorUnits), late: group.late,
      });
    });
    if (removed) {
      const newHours = groups.reduce((acc, group) => addFixed(acc, group.hours), FIXED_ZERO);
      const lineHours = readFixed(line.hoursThisPeriod);
      const hours = isReadProblem(lineHours) ? FIXED_ZERO : addFixed(lineHours, { units: -newHours.units, scale: newHours.scale });
      rows.push({
        line: line.line, person: undefined, role: undefined, hours: hoursText(hours), rate: undefined, per: undefined,
        amount: scaledText(total - shared, options.minorUnits), late: false,
      });
    }
  }
  return rows;
}

/** The entries of a line grouped by person, role, rate and lateness, in the order they first appear. */
function groupsOf(entries: readonly PricedEntry[], late: ReadonlySet<string>): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const isLate = late.has(entry.key);
    const id = [entry.person.trim().toLowerCase(), (entry.role ?? "").trim().toLowerCase(), entry.rateApplied, entry.per, isLate].join("|");
    const hours = readFixed(entry.hours);
    const group = groups.get(id) ?? {
      person: entry.person.trim(), role: entry.role?.trim() || undefined, rate: entry.rateApplied, per: entry.per, late: isLate,
      hours: FIXED_ZERO, amount: { numerator: 0n, denominator: 1n },
    };
    group.hours = addFixed(group.hours, isReadProblem(hours) ? FIXED_ZERO : hours);
    group.amount = addExact(group.amount, entry.exactAmount);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** Exact amounts as whole weights over one common denominator. */
function weights(amounts: readonly ExactAmount[]): bigint[] {
  const common = amounts.reduce((l, a) => (l * a.denominator) / gcd(l, a.denominator), 1n);
  return amounts.map((a) => a.numerator * (common / a.denominator));
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/** The line id of an entry key (date|person|line|hours|note|#n), as entryIdentity writes it. */
function lineOfKey(key: string): string {
  return key.split("|")[2] ?? "";
}

function units(amount: string, minorUnits: number): bigint {
  const read = readUnits(amount, minorUnits);
  return typeof read === "bigint" ? read : 0n;
}
