import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readTimesheetCsv } from "../../../src/import/timesheet-csv";
import type { ProjectMapping } from "../../../src/core/timesheet";

const MAPPING: ProjectMapping[] = [
  { project: "Portal rebuild", task: "Design", line: "2" },
  { project: "Portal rebuild", line: "3" },
];

function fixture(name: string): string {
  return readFileSync(join(__dirname, "../../fixtures/timesheets", name), "utf8");
}

describe("readTimesheetCsv", () => {
  it.each([
    ["harvest.csv", "harvest"],
    ["toggl.csv", "toggl"],
    ["clockify.csv", "clockify"],
    ["kimai.csv", "kimai"],
  ])("reads %s as the same three entries", (file, format) => {
    const reading = readTimesheetCsv(fixture(file), MAPPING);
    if (!("entries" in reading)) throw new Error(JSON.stringify(reading));
    expect(reading.format).toBe(format);
    const plain = reading.entries.map(({ date, person, line, hours, billable, note, sourceRow }) => ({ date, person, line, hours: Number(hours), billable, note, sourceRow }));
    expect(plain).toEqual([
      { date: "2027-03-02", person: "Ana Silva", line: "2", hours: 3.5, billable: true, note: "Wireframes, round 2", sourceRow: 2 },
      { date: "2027-03-03", person: "Ben Okafor", line: "3", hours: 7.25, billable: true, note: "API", sourceRow: 3 },
      { date: "2027-03-04", person: "Ben Okafor", line: "3", hours: 1, billable: false, note: "Team sync", sourceRow: 4 },
    ]);
  });

  it("keeps Harvest's role", () => {
    const reading = readTimesheetCsv(fixture("harvest.csv"), MAPPING);
    expect("entries" in reading && reading.entries.map((entry) => entry.role)).toEqual(["Designer", "Developer", "Developer"]);
  });

  it("reports every bad row by its file line and returns no entries", () => {
    const text = fixture("toggl.csv")
      .replace("2027-03-03", "03/33/2027")
      .replace("Portal rebuild,Design", "Intranet,Design")
      .replace("07:15:00", "seven");
    const reading = readTimesheetCsv(text, MAPPING);
    expect("entries" in reading).toBe(false);
    expect("errors" in reading && reading.errors.map((issue) => [issue.code, issue.path[1]])).toEqual([
      ["UNMAPPED_PROJECT", 2],
      ["INVALID_DATE", 3],
      ["NOT_A_NUMBER", 3],
    ]);
  });

  it("counts a quoted line break in the file lines of the rows after it", () => {
    const text = fixture("harvest.csv").replace('"Wireframes, round 2"', '"Wireframes,\nround 2"').replace("2027-03-03", "2027-02-30");
    const reading = readTimesheetCsv(text, MAPPING);
    expect("errors" in reading && reading.errors.map((issue) => issue.path[1])).toEqual([4]);
  });

  it("refuses a file that is no known export", () => {
    const reading = readTimesheetCsv("When,Who,What\n2027-03-02,Ana,Design\n", MAPPING);
    expect("errors" in reading && reading.errors[0]?.code).toBe("UNKNOWN_FORMAT");
  });

  it("reads a clock duration as hours to six decimals", () => {
    const text = fixture("toggl.csv").replace("03:30:00", "00:20:00");
    const reading = readTimesheetCsv(text, MAPPING);
    expect("entries" in reading && reading.entries[0]?.hours).toBe("0.333333");
  });
});
