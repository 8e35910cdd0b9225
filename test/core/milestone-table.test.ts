import { cellToField, computeInvoice, fieldOfHeader, numberToDecimalText, placeIssue, readMilestoneTable } from "../../src/core";

describe("cell values", () => {
  test("doubles are read at Excel's 15 significant digits, without binary noise", () => {
    expect(numberToDecimalText(0.1)).toBe("0.1");
    expect(numberToDecimalText(0.1 + 0.2)).toBe("0.3");
    expect(numberToDecimalText(1234.5)).toBe("1234.5");
    expect(numberToDecimalText(-0)).toBe("0");
    expect(numberToDecimalText(1 / 3)).toBe("0.333333333333333");
    expect(numberToDecimalText(1e-7)).toBe("1e-7");
  });

  test.each([
    ["1234.50", "1234.50"],
    ["1,234.50", "1234.50"],
    ["1.234,50", "1234.50"],
    ["1,234,567", "1234567"],
    ["1.234.567", "1234567"],
    ["-1,234.5", "-1234.5"],
    ["0.5", "0.5"],
    ["0,500", "0.500"],
    ["12,5", "12.5"],
    ["1234,500", "1234.500"],
    [" 1,234.50 ", "1234.50"],
    ["24,000 EUR", "24,000 EUR"],
    ["1,23,456", "1,23,456"],
  ])("number text %p that reads one way only is %p", (text, field) => {
    expect(cellToField(text)).toBe(field);
  });

  test.each([
    ["1.000", ".", "1000", "1"],
    ["1,000", ",", "1000", "1"],
    ["12.500", ".", "12500", "12.5"],
    ["1,250", ",", "1250", "1.25"],
    ["-3.125", ".", "-3125", "-3.125"],
  ])("number text %p reads two ways: never a guess", (text, separator, asThousands, asDecimal) => {
    expect(cellToField(text)).toEqual({ text, separator, asThousands, asDecimal });
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
    ["Contract value (EUR)", "scheduledValue"],
    ["Contract value [USD]", "scheduledValue"],
    ["Hourly rate (€)", "unitPrice"],
    ["% complete (%)", "percentComplete"],
    ["Hours (h)", "quantityToDate"],
    ["Completed to date (G)", "completedToDate"],
    ["Retention (%)", "retentionRate"],
    ["VAT (€)", undefined],
    ["% complete (EUR)", undefined],
    ["Hours (this period)", undefined],
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
    ["Capped", "capped"],
    ["Capped?", "capped"],
    ["Not to exceed", "capped"],
    ["NTE", "capped"],
    ["Cap", "capped"],
    ["Amount", undefined],
    ["Rate", undefined],
    [42, undefined],
    ["Cost to date", "costToDate"],
    ["Actual cost (EUR)", "costToDate"],
    ["Costs incurred", "costToDate"],
    ["Estimated cost", "estimatedCost"],
    ["EAC", "estimatedCost"],
    ["Estimate at completion", "estimatedCost"],
    ["Cost budget", "estimatedCost"],
    ["Budget", "scheduledValue"],
    ["Planned completion", "plannedCompletion"],
    ["Planned completion date", "plannedCompletion"],
    ["Target date", "plannedCompletion"],
    ["Forecast completion", "plannedCompletion"],
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

  test("with one progress column, 0 is a value in cells, and blank in a function's range argument (desktop Excel's blank)", () => {
    const values = [["Id", "Scheduled value", "% complete"], ["A", 1000, 0]];
    expect(readMilestoneTable(values).lines).toEqual([{ id: "A", scheduledValue: "1000", percentComplete: "0" }]);
    expect(readMilestoneTable(values, "function argument").lines).toEqual([{ id: "A", scheduledValue: "1000" }]);
  });

  test("a row of blanks and zeros is blank, and a 0 in a text column is a blank cell", () => {
    const table = readMilestoneTable([
      ["Id", "Description", "Contract value", "% complete", "Unit"],
      ["A", 0, 1000, 0.5, 0],
      [0, 0, 0, 0, 0],
      [0, "Testing", 500, 0.1, ""],
      [0, null, 0, "", 0],
    ]);
    expect(table.rowOfLine).toEqual([1, 3]);
    expect(table.lines).toEqual([
      { id: "A", scheduledValue: "1000", percentComplete: "0.5" },
      { description: "Testing", scheduledValue: "500", percentComplete: "0.1" },
    ]);
  });

  test("text that reads two ways is a problem at its cell naming both readings; ids keep their text", () => {
    const table = readMilestoneTable([
      ["Id", "Contract value", "Completed to date"],
      ["1.100", "1.000", "1,234.50"],
      ["1.200", "2,000.00", "1,250"],
    ]);
    expect(table.issues).toEqual([
      {
        code: "AMBIGUOUS_NUMBER", path: ["rows", 1, "scheduledValue"], row: 1, column: 1,
        message: '"Contract value" is the text "1.000", which reads two ways: 1000 with "." separating thousands, or 1 with "." as the decimal mark. Enter the number itself (1000 or 1), not text.',
      },
      expect.objectContaining({ code: "AMBIGUOUS_NUMBER", row: 2, column: 2, message: expect.stringContaining("1250 with \",\" separating thousands, or 1.25 with \",\" as the decimal mark") }),
    ]);
    expect(table.lines).toEqual([
      { id: "1.100", completedToDate: "1234.50" },
      { id: "1.200", scheduledValue: "2000.00" },
    ]);
  });

  test("a table without a progress column is a problem at the header row naming the headers accepted", () => {
    const renamed = readMilestoneTable([
      ["Id", "Contract value (EUR)", "Progress this month"],
      ["A", 1000, 0.5],
    ]);
    expect(renamed.issues).toEqual([
      expect.objectContaining({ code: "MISSING_COLUMN", path: ["columns", "progress"], row: 0, column: 2 }),
      {
        code: "MISSING_COLUMN", path: ["columns", "progress"], row: 0, column: undefined,
        message: 'The table has no column for the progress of its lines; add one headed "% complete", "Completed to date", "This period", or "Hours to date" with "Hourly rate".',
      },
    ]);
    for (const header of ["% complete (%)", "Completed to date", "This period (E)", "Hours to date"]) {
      expect(readMilestoneTable([["Id", "Contract value (EUR)", header], ["A", 1000, 0.5]]).issues).toEqual([]);
    }
  });

  test("a renamed progress column beside another progress column is a problem at its header, naming the headers accepted", () => {
    // "% complete" renamed while "Hours to date" stays: its lines would bill nothing without a word.
    const table = readMilestoneTable([
      ["Id", "Scheduled value", "Done %", "Hours to date", "Hourly rate", "Completion date", "Notes"],
      ["M1", 18000, 1, null, null, 46022, "signed off"],
      ["T1", 15000, null, 42.5, 115, null, null],
    ]);
    expect(table.issues).toEqual([
      {
        code: "MISSING_COLUMN", path: ["columns", "progress"], row: 0, column: 2,
        message: 'Column "Done %" reads like the lines\' progress, but Interim does not know that header, so nothing in it would be billed; rename it "% complete", "Completed to date", "This period", or "Hours to date" with "Hourly rate", or give it a header that does not say progress if it is something else.',
      },
    ]);
    for (const header of ["Completion", "% Finished", "Work done", "Progress (%) this month"]) {
      expect(readMilestoneTable([["Id", "Scheduled value", "This period", header], ["A", 1000, 10, 0.5]]).issues).toHaveLength(1);
    }
    for (const header of ["Date completed", "Completion date", "Owner", "Margin %"]) {
      expect(readMilestoneTable([["Id", "Scheduled value", "This period", header], ["A", 1000, 10, 0.5]]).issues).toEqual([]);
    }
  });

  test("a progress column present but blank is no progress this period, not a problem", () => {
    const table = readMilestoneTable([
      ["Id", "Contract value", "% complete", "Stored materials"],
      ["A", 1000, "", 250],
      ["B", 2000, null, ""],
    ]);
    expect(table.issues).toEqual([]);
    expect(table.lines).toEqual([
      { id: "A", scheduledValue: "1000", storedMaterials: "250" },
      { id: "B", scheduledValue: "2000" },
    ]);
  });

  test("reports missing and repeated columns, and change-order cells that are not yes or no", () => {
    const table = readMilestoneTable([
      ["Description", "Contract value", "Scheduled value", "CO"],
      ["Design", 1000, 1000, "perhaps"],
    ]);
    expect(table.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["DUPLICATE_COLUMN", 0, 2],
      ["MISSING_COLUMN", 0, undefined],
      ["MISSING_COLUMN", 0, undefined],
      ["INVALID_OPTION", 1, 3],
    ]);
    expect(table.issues[1]?.message).toBe('The table has no Id column; add a column headed "Id".');
  });

  test("finance columns are read beside the lines, never into the billing request, and a problem in them is the finance figures'", () => {
    const table = readMilestoneTable([
      ["Id", "Scheduled value", "% complete", "Estimated cost", "Cost to date", "Planned completion"],
      ["M1", 18000, 1, 12000, 11500.5, null],
      ["M2", 24000, 0.6, "", "1.000", 46112],
      ["M3", 96000, 0, 70000, null, "2027-03-31"],
    ]);
    expect(table.issues).toEqual([]);
    expect(table.lines).toEqual([
      { id: "M1", scheduledValue: "18000", percentComplete: "1" },
      { id: "M2", scheduledValue: "24000", percentComplete: "0.6" },
      { id: "M3", scheduledValue: "96000", percentComplete: "0" },
    ]);
    expect(table.finance).toEqual([
      { estimatedCost: "12000", costToDate: "11500.5" },
      { plannedCompletion: 46112 },
      { estimatedCost: "70000", plannedCompletion: "2027-03-31" },
    ]);
    expect(table.financeIssues).toEqual([
      expect.objectContaining({ code: "AMBIGUOUS_NUMBER", path: ["rows", 2, "costToDate"], row: 2, column: 4, message: expect.stringContaining('"Cost to date" is the text "1.000"') }),
    ]);
  });

  test('"Planned completion" is a column of its own, not an unknown progress column; a repeated finance column is a finance problem', () => {
    const table = readMilestoneTable([
      ["Id", "Scheduled value", "This period", "Planned completion", "EAC", "Estimated cost"],
      ["A", 1000, 10, 46112, 800, 800],
    ]);
    expect(table.issues).toEqual([]);
    expect(table.financeIssues).toEqual([expect.objectContaining({ code: "DUPLICATE_COLUMN", row: 0, column: 5 })]);
  });

  test("in a function's range argument, a 0 in a finance column is a blank (desktop Excel's blank); in cells it is a value", () => {
    const values = [["Id", "Scheduled value", "% complete", "Estimated cost", "Cost to date", "Planned completion"], ["A", 1000, 0.5, 0, 0, 0]];
    expect(readMilestoneTable(values).finance).toEqual([{ estimatedCost: "0", costToDate: "0", plannedCompletion: 0 }]);
    expect(readMilestoneTable(values, "function argument").finance).toEqual([{}]);
  });

  test('a "Capped" or "Not to exceed" column is read as yes or no; blank (0 in a function\'s range) is no', () => {
    const values = [
      ["Id", "Scheduled value", "Hours to date", "Hourly rate", "Not to exceed"],
      ["A", 1000, 10, 120, "Yes"],
      ["B", 1000, 2, 100, 0],
      ["C", 1000, 2, 100, ""],
      ["D", 1000, 2, 100, "x"],
    ];
    expect(readMilestoneTable(values, "function argument").lines.map((line) => line.capped)).toEqual([true, false, undefined, true]);
    const wrong = readMilestoneTable([["Id", "Scheduled value", "% complete", "NTE"], ["A", 1000, 0.5, 900]]);
    expect(wrong.issues).toEqual([
      expect.objectContaining({ code: "INVALID_OPTION", path: ["rows", 1, "capped"], row: 1, column: 3, message: '"NTE" must be yes or no (the cap is the line\'s scheduled value), not "900".' }),
    ]);
  });

  test("the CAPPED warning is placed on the line's row, in words a person reads", () => {
    const values = [["Id", "Scheduled value", "Hours to date", "Hourly rate", "Capped"], ["M1", 1000, 10, 120, "yes"]];
    const table = readMilestoneTable(values);
    const outcome = computeInvoice({ lines: table.lines });
    if (!outcome.ok) throw new Error("expected a result");
    const [warning] = outcome.result.warnings;
    if (warning === undefined) throw new Error("expected a warning");
    expect(placeIssue(warning, table, values[0] ?? [])).toEqual({
      code: "CAPPED", row: 1, column: 0, lineId: "M1",
      message: 'Line "M1": the line is capped; of the 1200.00 worked to date, 1000.00 is billed and 200.00 is worked but not billed.',
    });
  });
});
