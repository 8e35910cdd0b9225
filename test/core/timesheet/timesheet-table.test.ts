import { aggregateTimesheet, readRatesTable, readTimesheetTable } from "../../../src/core/timesheet";

describe("The Timesheet and Rates tables, read by header", () => {
  test("entries keep their sheet row; Billable blank or Yes is billable, No is not, anything else is a problem at its cell", () => {
    const read = readTimesheetTable([
      ["Date", "Consultant", "Milestone", "Hours worked", "Billable?", "Notes"],
      ["2027-01-05", "Ana Silva", "D1", 7.5, null, "API"],
      ["2027-01-06", "Ana Silva", "D1", 1, "No", ""],
      ["2027-01-07", "Ana Silva", "D1", 2, "maybe", ""],
    ], 4);
    expect(read.rows.map((e) => [e.sourceRow, e.person, e.line, e.hours, e.billable, e.note])).toEqual([
      [5, "Ana Silva", "D1", "7.5", true, "API"], [6, "Ana Silva", "D1", "1", false, ""], [7, "Ana Silva", "D1", "2", true, ""],
    ]);
    expect(read.issues).toEqual([expect.objectContaining({ code: "INVALID_OPTION", row: 3, column: 4, message: 'Billable must be Yes or No, not "maybe".' })]);
  });

  test("a daily rate pays for the hours its row says (7.5 here), 8 when blank", () => {
    const { card, issues } = readRatesTable([
      ["Role", "Rate", "Per", "Hours per day"],
      ["Architect", 1000, "day", 7.5],
      ["Developer", 800, "Daily", null],
      ["Tester", 600, "day", 30],
    ]);
    expect(issues).toEqual([expect.objectContaining({ code: "INVALID_OPTION", row: 3, column: 3 })]);
    const entries = [
      { date: "2027-01-05", person: "Ben", role: "Architect", line: "A1", hours: "0.75", billable: true, note: "", sourceRow: 2 },
      { date: "2027-01-05", person: "Ana", role: "Developer", line: "D1", hours: "1", billable: true, note: "", sourceRow: 3 },
    ];
    const outcome = aggregateTimesheet(entries, card, "2027-01-31", { lines: [], entryKeys: [] });
    // 0.75 × 1000 / 7.5 = 100.00; 1 × 800 / 8 = 100.00.
    expect("result" in outcome && outcome.result.lines.map((l) => [l.line, l.amountToDate])).toEqual([["A1", "100.00"], ["D1", "100.00"]]);
  });
});
