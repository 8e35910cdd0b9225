import { isoToSerial } from "../src/workbook/dates";
import { NAMES, type CellValue } from "../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../src/workbook/sample";
import { XlsxWorkbook } from "../src/workbook/xlsx-workbook";
import { seededRandom } from "./seeded-random";

/** Sizes of the timesheet bench contract: lines of the milestone table, rows of its Timesheet table. */
export interface TimesheetSize {
  lines: number;
  entries: number;
}

/** The end of the period the invoice bills: entries dated after it are typed ahead and not billed yet. */
export const TIMESHEET_PERIOD_END = "2027-06-30";

export interface BenchRate {
  role: string | undefined;
  person: string | undefined;
  rate: number;
  per: "hour" | "day";
  /** Undefined: in force from the start. */
  validFrom: string | undefined;
}

export interface BenchEntry {
  date: string;
  person: string;
  role: string;
  line: string;
  hours: number;
  /** An hourly rate typed on the entry, which wins over the Rates table. */
  rate: number | undefined;
  billable: boolean;
  note: string;
}

export interface TimesheetContract {
  lines: { id: string; description: string; scheduledValue: number }[];
  rates: BenchRate[];
  entries: BenchEntry[];
}

/** A day rate pays for 8 hours, the rate card's default. */
export const HOURS_PER_DAY = 8;

/**
 * The rate card: a partner's day rate and the architects' and developers' hourly rates rise in
 * the spring; two consultants have rates of their own, one of them only from mid-February (their
 * role's rate applies before that).
 */
const RATES: BenchRate[] = [
  { role: "Partner", person: undefined, rate: 2000, per: "day", validFrom: undefined },
  { role: "Partner", person: undefined, rate: 2080, per: "day", validFrom: "2027-04-01" },
  { role: "Architect", person: undefined, rate: 150, per: "hour", validFrom: undefined },
  { role: "Architect", person: undefined, rate: 160, per: "hour", validFrom: "2027-03-01" },
  { role: "Developer", person: undefined, rate: 110, per: "hour", validFrom: undefined },
  { role: "Developer", person: undefined, rate: 115.5, per: "hour", validFrom: "2027-04-01" },
  { role: "Tester", person: undefined, rate: 85, per: "hour", validFrom: undefined },
  { role: undefined, person: "Consultant 05", rate: 165, per: "hour", validFrom: undefined },
  { role: undefined, person: "Consultant 05", rate: 172.5, per: "hour", validFrom: "2027-05-01" },
  { role: undefined, person: "Consultant 20", rate: 120, per: "hour", validFrom: "2027-02-15" },
];

/** 48 consultants: 4 partners, 12 architects, 24 developers, 8 testers. */
const PEOPLE = Array.from({ length: 48 }, (_, k) => ({
  person: `Consultant ${String(k + 1).padStart(2, "0")}`,
  role: k < 4 ? "Partner" : k < 16 ? "Architect" : k < 40 ? "Developer" : "Tester",
}));

const DAY_MS = 86_400_000;
const isoOf = (start: string, days: number): string => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A deterministic consultancy contract billed from its timesheet: lines of time with a scheduled
 * value no line's hours reach, and entries spread at random over the lines, the people and the
 * first half of 2027 (about one in twenty dated after the period end, one in twenty not billable,
 * one in a hundred with a rate typed on it). Hours are quarters and rates whole or half units
 * (a day rate a multiple of 8), so every hours × rate is a multiple of 1/8: a spreadsheet's
 * binary numbers add them without error, and the baseline's formulas compute exactly what the
 * product's decimal arithmetic does. Each entry's note is its own, so no two entries are the
 * same entry typed twice.
 */
export function timesheetContract(size: TimesheetSize, seed = 17): TimesheetContract {
  const random = seededRandom(seed);
  const pick = (count: number): number => Math.min(count - 1, Math.floor(random() * count));
  const lines = Array.from({ length: size.lines }, (_, i) => ({ id: `T${i + 1}`, description: `Work package ${i + 1}`, scheduledValue: 250_000 + (i % 97) * 1_000 }));
  const entries = Array.from({ length: size.entries }, (_, k): BenchEntry => {
    const { person, role } = PEOPLE[pick(PEOPLE.length)] as (typeof PEOPLE)[number];
    return {
      date: isoOf("2027-01-04", pick(188)),
      person,
      role,
      line: (lines[pick(size.lines)] as (typeof lines)[number]).id,
      hours: (1 + pick(32)) / 4,
      rate: random() < 0.01 ? 200 : undefined,
      billable: random() >= 0.05,
      note: `Ticket ${k + 1}`,
    };
  });
  return { lines, rates: RATES, entries };
}

/** The Timesheet table as a person keeps it (the columns Interim reads; no Source column: these rows were typed, not imported). */
const TIMESHEET_HEADER: CellValue[] = ["Date", "Person", "Role", "Line", "Hours", "Rate", "Billable", "Note"];

/** The entries as rows of the Timesheet table, in its header's order; dates as serials. */
export function timesheetRows(contract: TimesheetContract): CellValue[][] {
  return contract.entries.map((e) => [isoToSerial(e.date), e.person, e.role, e.line, e.hours, e.rate ?? null, e.billable ? "Yes" : "No", e.note]);
}

/**
 * The contract as a new .xlsx that Interim bills: the milestone table (every line billed from the
 * timesheet, so its % complete is blank), the sample settings, the Rates table and the Timesheet
 * table, written by the product's own .xlsx writer.
 */
export async function writeTimesheetWorkbook(file: string, contract: TimesheetContract): Promise<void> {
  const workbook = XlsxWorkbook.create(file);
  await workbook.createMilestoneTable(NAMES.milestones, NAMES.milestones, [
    ["Id", "Description", "Scheduled value", "% complete"],
    ...contract.lines.map((line) => [line.id, line.description, line.scheduledValue, null]),
  ]);
  await workbook.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
  await workbook.createMilestoneTable(NAMES.ratesTable, "Rates", [
    ["Role", "Person", "Rate", "Per", "Valid from"],
    ...contract.rates.map((r) => [r.role ?? null, r.person ?? null, r.rate, r.per, r.validFrom === undefined ? null : isoToSerial(r.validFrom)]),
  ]);
  await workbook.createMilestoneTable(NAMES.timesheetTable, "Timesheet", [TIMESHEET_HEADER, ...timesheetRows(contract)]);
  await workbook.save();
}
