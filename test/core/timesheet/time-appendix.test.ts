import fc from "fast-check";
import { aggregateTimesheet, computeTimeAppendix } from "../../../src/core/timesheet";
import type { BilledTime, RateCard, TimesheetAggregate, TimesheetEntry } from "../../../src/core/timesheet";

const CARD: RateCard = {
  rates: [
    { role: "Architect", rate: "1000", per: "day" },
    { role: "Developer", rate: "95", per: "hour" },
    { role: "Developer", rate: "100", per: "hour", validFrom: "2027-02-01" },
    { person: "Ana Silva", rate: "110", per: "hour" },
  ],
};
const OPTIONS = { minorUnits: 2, rounding: "half-up" } as const;

let row = 1;
function entry(date: string, person: string, role: string, line: string, hours: string, note: string): TimesheetEntry {
  row += 1;
  return { date, person, role, line, hours, billable: true, note, sourceRow: row };
}

function aggregate(entries: TimesheetEntry[], periodEnd: string, billed: BilledTime, card = CARD): TimesheetAggregate {
  const outcome = aggregateTimesheet(entries, card, periodEnd, billed, OPTIONS);
  if ("errors" in outcome) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

function billedAfter(result: TimesheetAggregate, periodEnd: string): BilledTime {
  return { periodEnd, lines: result.lines.map(({ line, hoursToDate, amountToDate }) => ({ line, hoursToDate, amountToDate })), entryKeys: result.entryKeys };
}

const JANUARY = [
  entry("2027-01-05", "Ben Okafor", "Architect", "A1", "7.5", "Context diagram"),
  entry("2027-01-06", "Ben Okafor", "Architect", "A1", "3", "Review"),
  entry("2027-01-12", "Ana Silva", "Developer", "D1", "8", "API"),
  entry("2027-01-13", "Carl Wu", "Developer", "D1", "6.25", "API tests"),
];
const FEBRUARY = [
  entry("2027-02-02", "Ana Silva", "Developer", "D1", "4", "Auth"),
  entry("2027-02-10", "Carl Wu", "Developer", "D1", "8", "Reports"),
  entry("2027-02-11", "Ben Okafor", "Architect", "A1", "4", "Data model"),
  entry("2027-01-28", "Carl Wu", "Developer", "D1", "2", "Bug fix"),
];

describe("computeTimeAppendix: worked examples", () => {
  const january = aggregate(JANUARY, "2027-01-31", { lines: [], entryKeys: [] });

  test("February: each person's new hours at their rate, the late entry apart, adding up to each line's period", () => {
    const february = aggregate([...JANUARY, ...FEBRUARY], "2027-02-28", billedAfter(january, "2027-01-31"));
    const rows = computeTimeAppendix(february, OPTIONS);
    expect(rows.map((r) => [r.line, r.person, r.role, r.hours, r.rate, r.per, r.amount, r.late])).toEqual([
      ["A1", "Ben Okafor", "Architect", "4.00", "1000", "day", "500.00", false], // 4 h × 1000 / 8
      ["D1", "Ana Silva", "Developer", "4.00", "110", "hour", "440.00", false], // her own rate
      ["D1", "Carl Wu", "Developer", "8.00", "100", "hour", "800.00", false], // February's rate
      ["D1", "Carl Wu", "Developer", "2.00", "95", "hour", "190.00", true], // dated in January: January's rate, billed now
    ]);
    expect(february.lines.map((l) => [l.line, l.amountThisPeriod])).toEqual([["A1", "500.00"], ["D1", "1430.00"]]);
  });

  test("thirds of a cent: three tenths of an hour at 1000 a 7.5-hour day share the line's 40.00 by largest remainder", () => {
    const card: RateCard = { rates: [{ role: "Architect", rate: "1000", per: "day" }], hoursPerDay: "7.5" };
    const tenths = ["Ben Okafor", "Eve Park", "Dan Roe"].map((person) => entry("2027-01-04", person, "Architect", "A1", "0.1", ""));
    const rows = computeTimeAppendix(aggregate(tenths, "2027-01-31", { lines: [], entryKeys: [] }, card), OPTIONS);
    // 0.1 × 1000 / 7.5 = 13.333… each; the line is round(40) = 40.00, not 3 × 13.33 = 39.99.
    expect(rows.map((r) => r.amount)).toEqual(["13.34", "13.33", "13.33"]);
  });

  test("an entry billed in January and deleted since: a row of its own credits it, the new hours keep their amounts", () => {
    const withoutReview = JANUARY.filter((e) => e.note !== "Review");
    const february = aggregate([...withoutReview, ...FEBRUARY], "2027-02-28", billedAfter(january, "2027-01-31"));
    const a1 = computeTimeAppendix(february, OPTIONS).filter((r) => r.line === "A1");
    // 4 h × 125 = 500.00 new; Ben's 3 h review (375.00) is gone: A1 bills 500.00 − 375.00 = 125.00.
    expect(a1.map((r) => [r.person, r.hours, r.amount])).toEqual([["Ben Okafor", "4.00", "500.00"], [undefined, "-3.00", "-375.00"]]);
    expect(february.lines.find((l) => l.line === "A1")?.amountThisPeriod).toBe("125.00");
  });
});

describe("computeTimeAppendix: property", () => {
  const PEOPLE: readonly (readonly [string, string])[] = [["Ana Silva", "Developer"], ["Carl Wu", "Developer"], ["Ben Okafor", "Architect"]];
  const anEntry = fc.record({
    who: fc.integer({ min: 0, max: 2 }), line: fc.constantFrom("A1", "D1"), day: fc.integer({ min: 1, max: 28 }),
    month: fc.constantFrom("01", "02"), hundredths: fc.integer({ min: 1, max: 1200 }), typedLate: fc.boolean(), kept: fc.boolean(),
  });

  test("a line's rows add up to what the line bills this period, with entries late, new or deleted since", () => {
    fc.assert(fc.property(fc.array(anEntry, { maxLength: 30 }), (drawn) => {
      const entries = drawn.map((d, i) => ({
        ...d, entry: entry(`2027-${d.month}-${String(d.day).padStart(2, "0")}`, PEOPLE[d.who]![0], PEOPLE[d.who]![1], d.line, (d.hundredths / 100).toString(), `n${i}`),
      }));
      // January's invoice sees the January entries typed on time; February's all but the January ones deleted since.
      const january = aggregate(entries.filter((e) => e.month === "01" && !e.typedLate).map((e) => e.entry), "2027-01-31", { lines: [], entryKeys: [] });
      const february = aggregate(entries.filter((e) => e.month === "02" || e.typedLate || e.kept).map((e) => e.entry), "2027-02-28", billedAfter(january, "2027-01-31"));
      const rows = computeTimeAppendix(february, OPTIONS);
      for (const line of february.lines) {
        const cents = rows.filter((r) => r.line === line.line).reduce((sum, r) => sum + BigInt(r.amount.replace(".", "")), 0n);
        expect(cents).toBe(BigInt(line.amountThisPeriod.replace(".", "")));
      }
    }), { numRuns: 200 });
  });
});
