import type { Issue } from "../issues";

/** One row of a timesheet: hours a person worked on a line of the contract on a day. */
export interface TimesheetEntry {
  /** ISO date (2027-03-31). */
  date: string;
  person: string;
  role?: string;
  /** The id of the milestone-table line the hours are billed on. */
  line: string;
  /** Hours as decimal text ("7.5"). */
  hours: string;
  /** An hourly rate for this entry alone, decimal text; the rate card's otherwise. */
  rate?: string;
  billable: boolean;
  note: string;
  /** Where the entry was read: the file line of an import, the row of the Timesheet table. */
  sourceRow: number;
}

/** A rate of the rate card: for a role or a named person, per hour or per day, from a date on. */
export interface RateCardRate {
  role?: string;
  person?: string;
  /** Decimal text in the contract's currency. */
  rate: string;
  per: "hour" | "day";
  /** ISO date from which the rate is in force; absent: from the start. */
  validFrom?: string;
  /** Hours a daily rate of this row pays for; the card's otherwise. */
  hoursPerDay?: string;
}

export interface RateCard {
  rates: RateCardRate[];
  /** Hours a daily rate pays for; 8 unless the card says otherwise. */
  hoursPerDay?: string;
}

/** What the billing log holds of the hours billed so far, read back before the next period. */
export interface BilledTime {
  /** The period end of the last invoice issued; absent before the first. */
  periodEnd?: string;
  lines: BilledTimeLine[];
  /** The identity of every entry billed so far (see entryKey). */
  entryKeys: string[];
}

export interface BilledTimeLine {
  line: string;
  hoursToDate: string;
  amountToDate: string;
}

export interface TimesheetOptions {
  minorUnits: number;
  rounding: "half-up" | "half-even";
}

/** An amount in minor units as an exact fraction: numerator / denominator, denominator > 0. */
export interface ExactAmount {
  numerator: bigint;
  denominator: bigint;
}

export interface PricedEntry extends TimesheetEntry {
  key: string;
  /** The rate in force on the entry's date, as the card (or the entry) states it. */
  rateApplied: string;
  per: "hour" | "day";
  /** hours × rate (÷ hours a day for a daily rate), in minor units, unrounded: a line rounds its sum once. */
  exactAmount: ExactAmount;
}

export interface TimesheetLineFigures {
  line: string;
  hoursToDate: string;
  amountToDate: string;
  previousHours: string;
  previousAmount: string;
  hoursThisPeriod: string;
  amountThisPeriod: string;
}

export interface TimesheetAggregate {
  lines: TimesheetLineFigures[];
  /** Every billable entry up to the period end, priced, in timesheet order: what the lines' figures to date add up. */
  entriesToDate: PricedEntry[];
  /** Entries billed for the first time on this period, late ones included. */
  newEntries: PricedEntry[];
  /** New entries dated on or before the last billed period end: billed now, listed as late. */
  lateEntries: PricedEntry[];
  /** The keys the log holds once this period is issued: the billed ones and the new ones. */
  entryKeys: string[];
  /** The keys billed before that the timesheet no longer has (edited or deleted entries): this period credits them. */
  removedKeys: string[];
  warnings: Issue[];
}

export type TimesheetOutcome = { result: TimesheetAggregate } | { errors: Issue[] };
