import { isIsoDate } from "../dates";
import { lineKey } from "../finance/line-key";
import type { Fixed } from "../fixed";
import { FIXED_ZERO, isReadProblem, pow10, readFixed, readUnits, scaledText } from "../fixed";
import { roundQuotient } from "../rounding";
import { entryIdentity, entryKey, identityOfKey } from "./entry-key";
import { type Issue, MESSAGES as M } from "../issues";
import { rateInForce } from "./rate-card";
import type {
  BilledTime,
  ExactAmount,
  PricedEntry,
  RateCard,
  TimesheetEntry,
  TimesheetLineFigures,
  TimesheetOptions,
  TimesheetOutcome,
} from "./types";

type Exact = ExactAmount;

interface LineSum {
  id: string;
  hours: Fixed;
  amount: Exact;
}

const DEFAULT_OPTIONS: TimesheetOptions = { minorUnits: 2, rounding: "half-up" };

/**
 * The hours and amounts to date per line, up to the period end, from every billable entry of
 * the timesheet; what this period bills is to date minus what the log says was billed before
 * (the cumulative principle of the billing rules), so an hour is billed once whatever period
 * it is dated in, and a late entry is billed on the next invoice.
 *
 * A line's amount to date is rounded once: round(Σ hours × rate in force), the rules' rounding
 * point 1 for a quantity × price, which a line with a single rate reduces to exactly.
 */
export function aggregateTimesheet(
  entries: readonly TimesheetEntry[],
  rateCard: RateCard,
  periodEnd: string,
  billedToDate: BilledTime,
  options: TimesheetOptions = DEFAULT_OPTIONS,
): TimesheetOutcome {
  const errors: Issue[] = [];
  const counted: { entry: TimesheetEntry; hours: Fixed; identity: string; rate: Fixed; rateHours: Fixed; per: "hour" | "day"; rateText: string }[] = [];

  for (const entry of entries) {
    const row = `Row ${entry.sourceRow}`;
    const path = (field: string): (string | number)[] => ["entries", entry.sourceRow, field];
    if (!isIsoDate(entry.date)) errors.push({ code: "INVALID_DATE", path: path("date"), message: M.ENTRY_NOT_A_DATE(row, entry.date) });
    if (entry.person.trim() === "") errors.push({ code: "REQUIRED", path: path("person"), message: M.ENTRY_REQUIRED(row, "the person") });
    if (entry.line.trim() === "") errors.push({ code: "REQUIRED", path: path("line"), message: M.ENTRY_REQUIRED(row, "the line id") });
    const hours = readFixed(entry.hours);
    if (isReadProblem(hours)) {
      errors.push({ code: "NOT_A_NUMBER", path: path("hours"), message: M.ENTRY_NOT_A_NUMBER(row, "hours", entry.hours) });
      continue;
    }
    if (hours.units < 0n) errors.push({ code: "NEGATIVE_HOURS", path: path("hours"), message: M.NEGATIVE_HOURS(row, entry.hours) });
    if (!entry.billable || !isIsoDate(entry.date) || entry.date > periodEnd) continue;
    let priced: { rate: Fixed; rateHours: Fixed; per: "hour" | "day"; rateText: string } | undefined;
    if (entry.rate !== undefined) {
      const rate = readFixed(entry.rate);
      if (isReadProblem(rate)) {
        errors.push({ code: "NOT_A_NUMBER", path: path("rate"), message: M.ENTRY_NOT_A_NUMBER(row, "the rate", entry.rate) });
        continue;
      }
      priced = { rate, rateHours: { units: 1n, scale: 0 }, per: "hour", rateText: entry.rate };
    } else {
      const inForce = rateInForce(rateCard, entry.person, entry.role, entry.date);
      if (inForce === undefined) {
        const who = entry.role === undefined ? entry.person : `${entry.person} (${entry.role})`;
        errors.push({ code: "NO_RATE", path: path("rate"), message: M.NO_RATE(row, who, entry.date) });
        continue;
      }
      priced = { rate: inForce.rate, rateHours: inForce.hours, per: inForce.source.per, rateText: inForce.source.rate };
    }
    counted.push({ entry, hours, identity: entryIdentity(entry.date, entry.person, entry.line, hours, entry.note), ...priced });
  }

  errors.push(...findDuplicates(counted, billedToDate.entryKeys));
  if (errors.length > 0) return { errors };

  const billed = new Set(billedToDate.entryKeys);
  const occurrences = new Map<string, number>();
  const sums = new Map<string, LineSum>();
  const toDate: PricedEntry[] = [];
  const keys: string[] = [];
  for (const item of counted) {
    const occurrence = (occurrences.get(item.identity) ?? 0) + 1;
    occurrences.set(item.identity, occurrence);
    const key = entryKey(item.identity, occurrence);
    keys.push(key);
    const id = lineKey(item.entry.line);
    const sum = sums.get(id) ?? { id: item.entry.line.trim(), hours: FIXED_ZERO, amount: { numerator: 0n, denominator: 1n } };
    sum.hours = addFixed(sum.hours, item.hours);
    const amount = exactAmount(item.hours, item.rate, item.rateHours, options.minorUnits);
    sum.amount = addExact(sum.amount, amount);
    sums.set(id, sum);
    toDate.push({ ...item.entry, key, rateApplied: item.rateText, per: item.per, exactAmount: amount });
  }
  const newEntries = toDate.filter((entry) => !billed.has(entry.key));

  const lines = lineFigures(sums, billedToDate, options);
  if (lines.errors.length > 0) return { errors: lines.errors };
  const current = new Set(keys);
  const removedKeys = billedToDate.entryKeys.filter((key) => !current.has(key));
  const missing = removedKeys.length;
  const warnings: Issue[] = missing === 0 ? [] : [{ code: "BILLED_ENTRY_MISSING", path: ["entries"], message: M.BILLED_ENTRY_MISSING(missing) }];
  const lastBilled = billedToDate.periodEnd;
  return {
    result: {
      lines: lines.figures,
      entriesToDate: toDate,
      newEntries,
      lateEntries: lastBilled === undefined ? [] : newEntries.filter((entry) => entry.date <= lastBilled),
      entryKeys: keys,
      removedKeys,
      warnings,
    },
  };
}

/**
 * The same entry more often than the earlier imports had it: a timesheet pasted twice. The
 * count before is read from the billed keys (an identity billed as #1 and #2 was there twice).
 */
function findDuplicates(counted: readonly { entry: TimesheetEntry; identity: string }[], billedKeys: readonly string[]): Issue[] {
  const before = new Map<string, number>();
  for (const key of billedKeys) before.set(identityOfKey(key), (before.get(identityOfKey(key)) ?? 0) + 1);
  const rows = new Map<string, number[]>();
  for (const { entry, identity } of counted) rows.set(identity, [...(rows.get(identity) ?? []), entry.sourceRow]);
  const issues: Issue[] = [];
  for (const [identity, found] of rows) {
    const had = before.get(identity) ?? 0;
    if (found.length >= 2 && found.length > had) {
      issues.push({ code: "DUPLICATE_ENTRY", path: ["entries", found[0] as number], message: M.DUPLICATE_ENTRY(found.join(", "), found.length, had) });
    }
  }
  return issues;
}

function lineFigures(sums: Map<string, LineSum>, billed: BilledTime, options: TimesheetOptions): { figures: TimesheetLineFigures[]; errors: Issue[] } {
  const errors: Issue[] = [];
  const previous = new Map<string, { id: string; hours: Fixed; amount: bigint }>();
  billed.lines.forEach((line, index) => {
    const hours = readFixed(line.hoursToDate);
    const amount = readUnits(line.amountToDate, options.minorUnits);
    if (isReadProblem(hours) || typeof amount !== "bigint") {
      errors.push({ code: "NOT_A_NUMBER", path: ["billed", index], message: M.ENTRY_NOT_A_NUMBER(`Billed line ${line.line}`, "hours and amount to date", `${line.hoursToDate} / ${line.amountToDate}`) });
      return;
    }
    previous.set(lineKey(line.line), { id: line.line.trim(), hours, amount });
  });
  const ids = new Set([...sums.keys(), ...previous.keys()]);
  const figures = [...ids].map((id): TimesheetLineFigures => {
    const sum = sums.get(id);
    const before = previous.get(id);
    const hours = sum?.hours ?? FIXED_ZERO;
    const amount = sum === undefined ? 0n : roundQuotient(sum.amount.numerator, sum.amount.denominator, options.rounding);
    const hoursBefore = before?.hours ?? FIXED_ZERO;
    const amountBefore = before?.amount ?? 0n;
    return {
      line: sum?.id ?? before?.id ?? id,
      hoursToDate: hoursText(hours),
      amountToDate: scaledText(amount, options.minorUnits),
      previousHours: hoursText(hoursBefore),
      previousAmount: scaledText(amountBefore, options.minorUnits),
      hoursThisPeriod: hoursText(addFixed(hours, { units: -hoursBefore.units, scale: hoursBefore.scale })),
      amountThisPeriod: scaledText(amount - amountBefore, options.minorUnits),
    };
  });
  return { figures, errors };
}

/** hours × rate / hours the rate pays for, in minor units, exactly. */
function exactAmount(hours: Fixed, rate: Fixed, rateHours: Fixed, minorUnits: number): Exact {
  return {
    numerator: hours.units * rate.units * pow10(minorUnits + rateHours.scale),
    denominator: pow10(hours.scale + rate.scale) * rateHours.units,
  };
}

export function addExact(a: Exact, b: Exact): Exact {
  if (a.denominator === b.denominator) return { numerator: a.numerator + b.numerator, denominator: a.denominator };
  const numerator = a.numerator * b.denominator + b.numerator * a.denominator;
  const denominator = a.denominator * b.denominator;
  const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function addFixed(a: Fixed, b: Fixed): Fixed {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * pow10(scale - a.scale) + b.units * pow10(scale - b.scale), scale };
}

/** Hours as text with at least two decimals and no trailing zeros past them ("7.50", "0.125"). */
export function hoursText(hours: Fixed): string {
  return scaledText(hours.units * pow10(Math.max(0, 2 - hours.scale)), Math.max(2, hours.scale));
}
