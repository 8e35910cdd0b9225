import { fieldOfHeader, numberToDecimalText, readMilestoneTable } from "../../src/core";

describe("cell values", () => {
  test("doubles are read at Excel's 15 significant digits, without binary noise", () => {
    expect(numberToDecimalText(0.1)).toBe("0.1");
    expect(numberToDecimalText(0.1 + 0.2)).toBe("0.3");
    expect(numberToDecimalText(1234.5)).toBe("1234.5");
    expect(numberToDecimalText(-0)).toBe("0");
    expect(numberToDecimalText(1 / 3)).toBe("0.333333333333333");
    expect(numberToDecimalText(1e-7)).toBe("1e-7");
  });
});

describe("milestone table headers", () => {
  test.each([
    ["Contract value", "scheduledValue"],
    ["Scheduled Value (C)", "scheduledValue"],
    ["scheduledValue", "scheduledValue"],
    ["% complete", "percentComplete"],
    ["Percent Complete", "percentComplete"],
    ["Percentage  complete", "percentComplete"],
    ["Complete%", "percentComplete"],
    ["Work completed this period (E)", undefined],
    ["This period", "thisPeriod"],
    ["Previously completed (D)", "previouslyCompleted"],
    ["Materials presently stored", "storedMaterials"],
    ["Hours", "quantityToDate"],
    ["Hourly rate", "unitPrice"],
    ["Retention %", "retentionRate"],
    ["VAT rate", "taxRate"],
    ["Item #", "id"],
    ["Milestone", "description"],
    ["Change order?", "changeOrder"],
    ["Amount", undefined],
    ["Rate", undefined],
    [42, undefined],
  ])("%p is %p", (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });
});

describe("readMilestoneTable", () => {
  test("maps columns by header, keeps extra columns out, skips blank rows", () => {
    const table = readMilestoneTable([
      ["Notes", "ID", "Description", "Contract value", "% complete", "Change order"],
      ["first", 1, "Design", 1000, 0.5, "no"],
      ["", "", "", "", "", ""],
      [null, "CO1", "Extra", -200, 1, "Yes"],
    ]);
    expect(table.issues).toEqual([]);
    expect(table.rowOfLine).toEqual([1, 3]);
    expect(table.columnOf).toEqual({ id: 1, description: 2, scheduledValue: 3, percentComplete: 4, changeOrder: 5 });
    expect(table.lines).toEqual([
      { id: "1", description: "Design", scheduledValue: "1000", percentComplete: "0.5", changeOrder: false },
      { id: "CO1", description: "Extra", scheduledValue: "-200", percentComplete: "1", changeOrder: true },
    ]);
  });

  test("with several progress columns, an empty (0 or blank) one does not count", () => {
    const table = readMilestoneTable([
      ["Id", "Scheduled value", "% complete", "Completed to date", "Hours", "Unit price"],
      ["A", 1000, 0.25, 0, 0, 0],
      ["B", 1000, 0, 400, "", ""],
      ["C", 1000, "", "", 12.5, 80],
      ["D", 1000, 0, 0, 0, 0],
    ]);
    expect(table.lines.map(({ id, ...progress }) => [id, progress])).toEqual([
      ["A", { scheduledValue: "1000", percentComplete: "0.25" }],
      ["B", { scheduledValue: "1000", completedToDate: "400" }],
      ["C", { scheduledValue: "1000", quantityToDate: "12.5", unitPrice: "80" }],
      ["D", { scheduledValue: "1000" }],
    ]);
  });

  test("with one progress column, 0 is a value", () => {
    const table = readMilestoneTable([["Id", "Scheduled value", "% complete"], ["A", 1000, 0]]);
    expect(table.lines).toEqual([{ id: "A", scheduledValue: "1000", percentComplete: "0" }]);
  });

  test("reports missing and repeated columns, and change-order cells that are not yes or no", () => {
    const table = readMilestoneTable([
      ["Description", "Contract value", "Scheduled value", "CO"],
      ["Design", 1000, 1000, "perhaps"],
    ]);
    expect(table.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["DUPLICATE_COLUMN", 0, 2],
      ["MISSING_COLUMN", 0, undefined],
      ["INVALID_OPTION", 1, 3],
    ]);
    expect(table.issues[1]?.message).toBe('The table has no Id column; add a column headed "Id".');
  });
});
