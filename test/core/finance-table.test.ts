import { isoToSerial, readFinanceLines } from "../../src/core";

describe("readFinanceLines: the milestone table as the finance figures read it", () => {
  test("ids, contract values, costs and planned dates (serials or ISO text) as the core's lines", () => {
    const { lines, issues, table } = readFinanceLines([
      ["Id", "Description", "Contract value", "% complete", "Estimated cost", "Actual cost", "Target date"],
      ["M1", "Design", 18000, 1, 12000, 11500.5, null],
      [2, "Build", 96000.1, 0.25, 70000, "", isoToSerial("2027-03-31") + 0.75],
      ["CO1", "Change", -500, 0, null, null, "2027-04-30"],
    ]);
    expect(issues).toEqual([]);
    expect(lines).toEqual([
      { id: "M1", contractValue: "18000", costToDate: "11500.5", estimatedCost: "12000", plannedCompletion: undefined },
      { id: "2", contractValue: "96000.1", costToDate: undefined, estimatedCost: "70000", plannedCompletion: "2027-03-31" },
      { id: "CO1", contractValue: "-500", costToDate: undefined, estimatedCost: undefined, plannedCompletion: "2027-04-30" },
    ]);
    expect(table.rowOfLine).toEqual([1, 2, 3]);
  });

  test("a table without finance columns has lines without costs or dates", () => {
    const { lines, issues } = readFinanceLines([["Id", "Scheduled value", "% complete"], ["A", 1000, 0.5]]);
    expect(issues).toEqual([]);
    expect(lines).toEqual([{ id: "A", contractValue: "1000", costToDate: undefined, estimatedCost: undefined, plannedCompletion: undefined }]);
  });

  test("a planned completion that is no date, or outside the dates Interim accepts, is a problem at its cell and leaves the line unplanned", () => {
    const { lines, issues } = readFinanceLines([
      ["Id", "Scheduled value", "% complete", "Planned completion"],
      ["A", 1000, 0.5, "next week"],
      ["B", 1000, 0.5, 9000],
      ["C", 1000, 0.5, "0027-03-31"],
      ["D", 1000, 0.5, true],
    ]);
    expect(lines.map((l) => l.plannedCompletion)).toEqual([undefined, undefined, undefined, undefined]);
    expect(issues).toEqual([
      { code: "INVALID_DATE", path: ["rows", 1, "plannedCompletion"], row: 1, column: 3, message: '"Planned completion" holds "next week", which is not a date; enter a date, such as 2027-03-31.' },
      { code: "INVALID_DATE", path: ["rows", 2, "plannedCompletion"], row: 2, column: 3, message: '"Planned completion" is 1924-08-21, outside the dates Interim accepts (1990-01-01 to 2100-12-31); check the year.' },
      expect.objectContaining({ row: 3, column: 3, message: expect.stringContaining('is "0027-03-31", outside the dates') }),
      expect.objectContaining({ row: 4, column: 3, message: expect.stringContaining('holds "true", which is not a date') }),
    ]);
  });

  test("only the problems of what the finances read: a missing progress column or a bad % complete is the invoice's", () => {
    const { issues } = readFinanceLines([
      ["Description", "Scheduled value", "Done %", "Estimated cost", "Cost to date"],
      ["Design", "1.000", "half", "2,500", 100],
    ]);
    expect(issues.map((i) => [i.code, i.path, i.row, i.column])).toEqual([
      ["MISSING_COLUMN", ["columns", "id"], 0, undefined],
      ["AMBIGUOUS_NUMBER", ["rows", 1, "scheduledValue"], 1, 1],
      ["AMBIGUOUS_NUMBER", ["rows", 1, "estimatedCost"], 1, 3],
    ]);
  });

  test("blanks passed as 0 or as \"\" by a function's range read the same", () => {
    const header = ["Id", "Scheduled value", "% complete", "Estimated cost", "Cost to date", "Planned completion"];
    const desktop = readFinanceLines([header, ["A", 1000, 0.5, 0, 0, 0], [0, 0, 0, 0, 0, 0]], "function argument");
    const web = readFinanceLines([header, ["A", 1000, 0.5, "", "", ""], ["", "", "", "", "", ""]], "function argument");
    expect(desktop).toEqual(web);
    expect(desktop.lines).toEqual([{ id: "A", contractValue: "1000", costToDate: undefined, estimatedCost: undefined, plannedCompletion: undefined }]);
  });
});
