import fc from "fast-check";
import { aggregateTimesheet, computeHoursBeyondCap } from "../../../src/core/timesheet";
import type { PricedEntry, RateCard, TimesheetAggregate, TimesheetEntry } from "../../../src/core/timesheet";

const CARD: RateCard = {
  rates: [
    { role: "Architect", rate: "1000", per: "day" },
    { role: "Developer", rate: "95", per: "hour" },
    { person: "Ana Silva", rate: "110", per: "hour" },
  ],
};
const OPTIONS = { minorUnits: 2, rounding: "half-up" } as const;

function entry(sourceRow: number, date: string, person: string, role: string, hours: string, rate?: string): TimesheetEntry {
  return { date, person, role, line: "D1", hours, ...(rate === undefined ? {} : { rate }), billable: true, note: `row ${sourceRow}`, sourceRow };
}

function aggregate(entries: TimesheetEntry[], card = CARD): TimesheetAggregate {
  const outcome = aggregateTimesheet(entries, card, "2027-01-31", { lines: [], entryKeys: [] }, OPTIONS);
  if ("errors" in outcome) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

const priced = (entries: TimesheetEntry[], card = CARD): PricedEntry[] => aggregate(entries, card).entriesToDate;

describe("computeHoursBeyondCap: worked examples", () => {
  // D1 to date: Ana 8 h × 110 = 880.00 (12th), Carl 6.25 h × 95 = 593.75 (13th), Carl 1.5 h × 120 typed on
  // the entry = 180.00 (20th): 1653.75 for 15.75 h. Typed in the timesheet with the 20th first.
  const D1 = [
    entry(2, "2027-01-20", "Carl Wu", "Developer", "1.5", "120"),
    entry(3, "2027-01-12", "Ana Silva", "Developer", "8"),
    entry(4, "2027-01-13", "Carl Wu", "Developer", "6.25"),
  ];

  test("two rates, the cap inside the last entry by date: its hours split in proportion of its amount", () => {
    expect(aggregate(D1).lines.map((l) => [l.hoursToDate, l.amountToDate])).toEqual([["15.75", "1653.75"]]);
    // Capped at 1500.00: 153.75 not billed. By date, 880.00 + 593.75 = 1473.75 leaves 26.25 of the 20th's
    // 180.00 within the cap; 153.75 / 180 of its 1.5 h = 1.28125 h beyond, 14.46875 within.
    expect(computeHoursBeyondCap(priced(D1), 15375n)).toEqual({ within: "14.47", beyond: "1.28" });
  });

  test("the walk is by date, not by timesheet row: taken in row order the cap would fall inside Carl's 13th", () => {
    // In row order 180.00 + 880.00 = 1060.00 leave 440.00 of the 13th's 593.75: 6.25 × 153.75 / 593.75 = 1.62 h.
    const inRowOrder = priced(D1).map((e, i) => ({ ...e, date: `2027-01-0${i + 1}` }));
    expect(computeHoursBeyondCap(inRowOrder, 15375n).beyond).toBe("1.62");
    expect(computeHoursBeyondCap(priced(D1), 15375n).beyond).toBe("1.28");
  });

  test("entries of one day in timesheet order: the later row is past the cap first", () => {
    // Same day, Ana's 2 h × 110 = 220.00 typed before Carl's 2 h × 95 = 190.00; 100.00 not billed falls in Carl's.
    const sameDay = [entry(2, "2027-01-12", "Ana Silva", "Developer", "2"), entry(3, "2027-01-12", "Carl Wu", "Developer", "2")];
    expect(computeHoursBeyondCap(priced(sameDay), 10000n)).toEqual({ within: "2.95", beyond: "1.05" }); // 2 × 100 / 190 = 1.0526…
    const swapped = [entry(2, "2027-01-12", "Carl Wu", "Developer", "2"), entry(3, "2027-01-12", "Ana Silva", "Developer", "2")];
    expect(computeHoursBeyondCap(priced(swapped), 10000n)).toEqual({ within: "3.09", beyond: "0.91" }); // 2 × 100 / 220 = 0.9090…
  });

  test("a daily rate: the cap inside an entry at 1000 a day of 8 hours", () => {
    // 7.5 h = 937.50 and 3 h = 375.00; capped at 1000.00, 312.50 not billed: 3 × 312.50 / 375 = 2.5 h.
    const a1 = [entry(2, "2027-01-05", "Ben Okafor", "Architect", "7.5"), entry(3, "2027-01-06", "Ben Okafor", "Architect", "3")];
    expect(computeHoursBeyondCap(priced(a1), 31250n)).toEqual({ within: "8.00", beyond: "2.50" });
  });

  test("each figure rounded once, half up: 0.125 h beyond is 0.13, and the two may add up to 0.01 more", () => {
    // 10 h at 100 (typed on the entry), 12.50 not billed: exactly 0.125 h beyond, 9.875 within.
    const ten = [entry(2, "2027-01-12", "Carl Wu", "Developer", "10", "100")];
    expect(computeHoursBeyondCap(priced(ten), 1250n)).toEqual({ within: "9.88", beyond: "0.13" });
  });

  test("within the cap nothing is beyond; a cap below nothing (stored materials past C) leaves every hour beyond", () => {
    expect(computeHoursBeyondCap(priced(D1), 0n)).toEqual({ within: "15.75", beyond: "0.00" });
    expect(computeHoursBeyondCap(priced(D1), 200000n)).toEqual({ within: "0.00", beyond: "15.75" });
    expect(computeHoursBeyondCap([], 0n)).toEqual({ within: "0.00", beyond: "0.00" });
  });

  test("hours at a rate of 0 carry no amount past the cap: they stay within", () => {
    const free = [entry(2, "2027-01-12", "Carl Wu", "Developer", "4"), entry(3, "2027-01-14", "Carl Wu", "Developer", "3", "0")];
    // 4 h × 95 = 380.00; 95.00 not billed: 1 h of the 12th; the 14th's 3 free hours are not cut by the cap.
    expect(computeHoursBeyondCap(priced(free), 9500n)).toEqual({ within: "6.00", beyond: "1.00" });
  });
});

describe("computeHoursBeyondCap: properties", () => {
  const PEOPLE: readonly (readonly [string, string])[] = [["Ana Silva", "Developer"], ["Carl Wu", "Developer"], ["Ben Okafor", "Architect"]];
  const anEntry = fc.record({ who: fc.integer({ min: 0, max: 2 }), day: fc.integer({ min: 1, max: 31 }), hundredths: fc.integer({ min: 0, max: 1200 }) });
  const hundredths = (text: string): bigint => BigInt(text.replace(".", ""));

  test("hours beyond + hours within = the hours to date, to the rounding; more not billed never means fewer hours beyond", () => {
    fc.assert(fc.property(fc.array(anEntry, { minLength: 1, maxLength: 25 }), fc.double({ min: 0, max: 1, noNaN: true }), (drawn, share) => {
      const entries = drawn.map((d, i) => entry(i + 2, `2027-01-${String(d.day).padStart(2, "0")}`, PEOPLE[d.who]![0], PEOPLE[d.who]![1], (d.hundredths / 100).toString()));
      const result = aggregate(entries);
      const line = result.lines[0]!;
      const worked = hundredths(line.amountToDate);
      const notBilled = BigInt(Math.floor(Number(worked) * share));
      const hours = computeHoursBeyondCap(result.entriesToDate, notBilled);
      const gap = hundredths(hours.within) + hundredths(hours.beyond) - hundredths(line.hoursToDate);
      expect(gap >= -1n && gap <= 1n).toBe(true);
      expect(hundredths(hours.beyond) >= 0n && hundredths(hours.within) >= 0n).toBe(true);
      const more = computeHoursBeyondCap(result.entriesToDate, notBilled + 1n);
      expect(hundredths(more.beyond) >= hundredths(hours.beyond)).toBe(true);
    }), { numRuns: 300 });
  });

  test("at one hourly rate, the hours beyond are the amount not billed over the rate", () => {
    fc.assert(fc.property(fc.array(anEntry, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 99_999 }), (drawn, notBilled) => {
      const entries = drawn.map((d, i) => entry(i + 2, `2027-01-${String(d.day).padStart(2, "0")}`, "Carl Wu", "Developer", (d.hundredths / 100).toString()));
      const result = aggregate(entries);
      const worked = hundredths(result.lines[0]!.amountToDate);
      const cut = BigInt(notBilled) > worked ? worked : BigInt(notBilled);
      // notBilled cents ÷ 95 an hour, in hundredths of an hour, half up: (cut + 47) / 95 cut down.
      expect(hundredths(computeHoursBeyondCap(result.entriesToDate, cut).beyond)).toBe((cut + 47n) / 95n);
    }), { numRuns: 300 });
  });
});
