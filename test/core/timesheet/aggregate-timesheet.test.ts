import fc from "fast-check";
import { aggregateTimesheet } from "../../../src/core/timesheet";
import type { BilledTime, RateCard, TimesheetAggregate, TimesheetEntry } from "../../../src/core/timesheet";

const CARD: RateCard = {
  rates: [
    { role: "Designer", rate: "120", per: "hour" },
    { role: "Developer", rate: "1000", per: "day" },
    { role: "Developer", rate: "1100", per: "day", validFrom: "2027-03-15" },
  ],
};
const NOTHING_BILLED: BilledTime = { lines: [], entryKeys: [] };

let row = 1;
function entry(date: string, person: string, role: string, line: string, hours: string, extra: Partial<TimesheetEntry> = {}): TimesheetEntry {
  row += 1;
  return { date, person, role, line, hours, billable: true, note: "", sourceRow: row, ...extra };
}

function result(outcome: ReturnType<typeof aggregateTimesheet>): TimesheetAggregate {
  if ("errors" in outcome) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

function billedAfter(aggregate: TimesheetAggregate, periodEnd: string): BilledTime {
  return { periodEnd, lines: aggregate.lines.map((line) => ({ line: line.line, hoursToDate: line.hoursToDate, amountToDate: line.amountToDate })), entryKeys: aggregate.entryKeys };
}

const MARCH = [
  entry("2027-03-02", "Ana Silva", "Designer", "2", "3.5"), // 3.5 × 120 = 420.00
  entry("2027-03-03", "Ben Okafor", "Developer", "3", "7.25"), // 7.25 × 1000 / 8 = 906.25
  entry("2027-03-16", "Ben Okafor", "Developer", "3", "2.5"), // 2.5 × 1100 / 8 = 343.75
  entry("2027-03-05", "Ana Silva", "Designer", "2", "1", { billable: false }),
  entry("2027-04-01", "Ben Okafor", "Developer", "3", "1"), // after the period end
];

describe("aggregateTimesheet: worked example", () => {
  const march = result(aggregateTimesheet(MARCH, CARD, "2027-03-31", NOTHING_BILLED));

  it("bills the billable hours up to the period end at the rate in force on each date", () => {
    expect(march.lines).toEqual([
      { line: "2", hoursToDate: "3.50", amountToDate: "420.00", previousHours: "0.00", previousAmount: "0.00", hoursThisPeriod: "3.50", amountThisPeriod: "420.00" },
      { line: "3", hoursToDate: "9.75", amountToDate: "1250.00", previousHours: "0.00", previousAmount: "0.00", hoursThisPeriod: "9.75", amountThisPeriod: "1250.00" },
    ]);
    expect(march.newEntries.map((e) => e.sourceRow)).toEqual([MARCH[0]?.sourceRow, MARCH[1]?.sourceRow, MARCH[2]?.sourceRow]);
    expect(march.lateEntries).toEqual([]);
  });

  it("bills next month only the new hours, a late entry from March included and listed", () => {
    const late = entry("2027-03-30", "Ana Silva", "Designer", "2", "2"); // 240.00, dated in the billed period
    const april = result(aggregateTimesheet([...MARCH, late], CARD, "2027-04-30", billedAfter(march, "2027-03-31")));
    expect(april.lines.map((l) => [l.line, l.hoursThisPeriod, l.amountThisPeriod, l.hoursToDate, l.amountToDate])).toEqual([
      ["2", "2.00", "240.00", "5.50", "660.00"],
      ["3", "1.00", "137.50", "10.75", "1387.50"],
    ]);
    expect(april.lateEntries.map((e) => e.sourceRow)).toEqual([late.sourceRow]);
    expect(april.newEntries).toHaveLength(2);
  });

  it("rounds a line once, on hours × rate to date (three tenths at 1000 a 7.5-hour day: 40.00, not 3 × 13.33)", () => {
    const card: RateCard = { rates: [{ person: "Ben Okafor", rate: "1000", per: "day" }], hoursPerDay: "7.5" };
    const tenths = [1, 2, 3].map((n) => entry("2027-03-0" + n, "Ben Okafor", "Developer", "3", "0.1"));
    expect(result(aggregateTimesheet(tenths, card, "2027-03-31", NOTHING_BILLED)).lines[0]?.amountToDate).toBe("40.00");
    expect(result(aggregateTimesheet(tenths.slice(0, 1), card, "2027-03-31", NOTHING_BILLED)).lines[0]?.amountToDate).toBe("13.33");
  });

  it("prefers a person's own rate to their role's, and an entry's own rate to the card", () => {
    const card: RateCard = { rates: [...CARD.rates, { person: "Ana Silva", rate: "130", per: "hour", validFrom: "2027-03-01" }] };
    const own = entry("2027-03-02", "Ana Silva", "Designer", "2", "1", { rate: "99.5", note: "on site" });
    const lines = result(aggregateTimesheet([entry("2027-03-02", "Ana Silva", "Designer", "2", "1"), own], card, "2027-03-31", NOTHING_BILLED)).lines;
    expect(lines[0]?.amountToDate).toBe("229.50");
  });

  it("finds a timesheet pasted twice and names its rows", () => {
    const outcome = aggregateTimesheet([...MARCH, ...MARCH.map((e) => ({ ...e, sourceRow: e.sourceRow + 100 }))], CARD, "2027-03-31", NOTHING_BILLED);
    expect("errors" in outcome && outcome.errors.map((issue) => issue.code)).toEqual(["DUPLICATE_ENTRY", "DUPLICATE_ENTRY", "DUPLICATE_ENTRY"]);
    expect("errors" in outcome && outcome.errors[0]?.message).toContain(`Rows ${MARCH[0]?.sourceRow}, ${(MARCH[0]?.sourceRow ?? 0) + 100}`);
  });

  it("keeps two identical entries that the earlier import already had twice", () => {
    const twice = [entry("2027-03-02", "Ana Silva", "Designer", "2", "1", { note: "call" }), entry("2027-03-02", "Ana Silva", "Designer", "2", "1", { note: "call" })];
    const billed: BilledTime = { periodEnd: "2027-03-31", lines: [{ line: "2", hoursToDate: "2", amountToDate: "240.00" }], entryKeys: ["2027-03-02|ana silva|2|1|call|#1", "2027-03-02|ana silva|2|1|call|#2"] };
    const april = result(aggregateTimesheet(twice, CARD, "2027-04-30", billed));
    expect(april.lines[0]?.amountThisPeriod).toBe("0.00");
    expect(april.newEntries).toEqual([]);
  });

  it("refuses an entry without a rate in force, and says so by row", () => {
    const early = entry("2027-03-02", "Cleo Park", "Tester", "3", "1");
    const outcome = aggregateTimesheet([early], CARD, "2027-03-31", NOTHING_BILLED);
    expect("errors" in outcome && outcome.errors.map((issue) => [issue.code, issue.path])).toEqual([["NO_RATE", ["entries", early.sourceRow, "rate"]]]);
  });
});

describe("aggregateTimesheet: properties", () => {
  const people = [
    { person: "Ana Silva", role: "Designer" },
    { person: "Ben Okafor", role: "Developer" },
  ];
  const arbitraryEntry = fc.record({
    day: fc.integer({ min: 0, max: 119 }),
    who: fc.constantFrom(...people),
    line: fc.constantFrom("1", "2", "3"),
    quarterHours: fc.integer({ min: 0, max: 40 }),
    note: fc.constantFrom("", "api", "review"),
    arrives: fc.integer({ min: 0, max: 3 }), // the period in whose import the entry first appears
  });
  const ends = ["2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30"];

  it("bills every hour exactly once across successive imports, late entries included, and the periods add up to the whole", () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 40 }), (generated) => {
        const entries = generated.map((g, index) => ({
          entry: {
            date: new Date(Date.UTC(2027, 2, 1 + g.day)).toISOString().slice(0, 10),
            ...g.who,
            line: g.line,
            hours: (g.quarterHours / 4).toString(),
            billable: true,
            note: `${g.note} ${index}`,
            sourceRow: index + 2,
          },
          arrives: g.arrives,
        }));
        let billed: BilledTime = NOTHING_BILLED;
        const billedRows: number[] = [];
        const lateRows: number[] = [];
        const periodSums = new Map<string, number>();
        ends.forEach((end, period) => {
          const sheet = entries.filter((e) => e.arrives <= period).map((e) => e.entry);
          const aggregate = result(aggregateTimesheet(sheet, CARD, end, billed));
          billedRows.push(...aggregate.newEntries.map((e) => e.sourceRow));
          lateRows.push(...aggregate.lateEntries.map((e) => e.sourceRow));
          for (const late of aggregate.lateEntries) expect(late.date <= (billed.periodEnd ?? "")).toBe(true);
          for (const line of aggregate.lines) periodSums.set(line.line, (periodSums.get(line.line) ?? 0) + Math.round(Number(line.amountThisPeriod) * 100));
          billed = billedAfter(aggregate, end);
        });
        const inRange = entries.filter((e) => e.entry.date <= ends[3]!).map((e) => e.entry.sourceRow);
        expect([...billedRows].sort((a, b) => a - b)).toEqual([...inRange].sort((a, b) => a - b));
        expect(new Set(lateRows).size).toBe(lateRows.length);
        const whole = result(aggregateTimesheet(entries.map((e) => e.entry), CARD, ends[3]!, NOTHING_BILLED));
        for (const line of whole.lines) expect(periodSums.get(line.line)).toBe(Math.round(Number(line.amountToDate) * 100));
      }),
      { numRuns: 200 },
    );
  });

  it("bills nothing more when the same timesheet is imported again", () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 30 }), (generated) => {
        const sheet = generated.map((g, index) => ({
          date: new Date(Date.UTC(2027, 2, 1 + (g.day % 31))).toISOString().slice(0, 10),
          ...g.who,
          line: g.line,
          hours: (g.quarterHours / 4).toString(),
          billable: true,
          note: g.note,
          sourceRow: index + 2,
        }));
        const first = aggregateTimesheet(sheet, CARD, "2027-03-31", NOTHING_BILLED);
        if ("errors" in first) return; // identical generated entries are a pasted-twice sheet: refused, as they should be
        const again = result(aggregateTimesheet(sheet, CARD, "2027-04-30", billedAfter(first.result, "2027-03-31")));
        expect(again.newEntries).toEqual([]);
        for (const line of again.lines) expect([line.hoursThisPeriod, line.amountThisPeriod]).toEqual(["0.00", "0.00"]);
      }),
      { numRuns: 200 },
    );
  });
});
