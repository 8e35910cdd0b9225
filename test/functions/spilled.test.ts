import { computeInvoice } from "../../src/core";
import { type FunctionHost, cellResult, installCustomFunctionsRuntime, rangeArgument } from "../support/custom-functions-runtime";

installCustomFunctionsRuntime();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

// A range as Excel hands it over: header texts as people write them, empty cells as "" or 0.
const range = [
  ["Item #", "Description of work", "Contract value", "Previously completed", "% Complete", "Stored materials (F)", "Change order?", "Notes"],
  ["1", "Discovery workshop", 12000, 12000, 1, "", "no", "signed off"],
  ["2", "Build", 48000, 12000, 0.55, 1500, "", ""],
  ["", "", "", "", "", "", "", ""],
  ["CO-1", "Extra interface", 6000, 0, 1 / 3, 0, "yes", 0],
];

describe("INTERIM.INVOICE and INTERIM.SUMMARY", () => {
  test("INVOICE spills a header row and one row per line, equal to the core's figures", () => {
    const table = fns.invoice(range, 0.1);
    expect(table).toHaveLength(4); // header + 3 lines; the blank row is skipped
    expect(table.every((row) => row.length === 10)).toBe(true);
    expect(table[0]).toEqual([
      "Id", "Description", "Scheduled value", "Previously completed", "This period", "Stored materials",
      "Completed and stored to date", "% complete", "Balance to finish", "Retention",
    ]);
    // Build: G = 26400.00 + 1500.00; retention 2640.00 + 150.00. CO-1: round(6000 / 3) = 2000.00.
    expect(table[2]).toEqual(["2", "Build", 48000, 12000, 14400, 1500, 27900, 0.5813, 20100, 2790]);
    expect(table[3]).toEqual(["CO-1", "Extra interface", 6000, 0, 2000, 0, 2000, 0.3333, 4000, 200]);
  });

  test("SUMMARY spills the G702 lines as label and amount", () => {
    const summary = fns.summary(range, 0.1, 10800);
    expect(summary).toHaveLength(14);
    expect(summary.every((row) => row.length === 2)).toBe(true);
    const byLabel = Object.fromEntries(summary.map(([label, amount]) => [label, amount])) as Record<string, number>;
    expect(byLabel["1. Original contract sum"]).toBe(60000);
    expect(byLabel["2. Net change by change orders"]).toBe(6000);
    expect(byLabel["4. Total completed and stored to date"]).toBe(41900);
    expect(byLabel["5. Total retention"]).toBe(4190);
    expect(byLabel["7. Less previous certificates for payment"]).toBe(10800);
    expect(byLabel["8. Current payment due"]).toBe(41900 - 4190 - 10800);
    const core = computeInvoice({
      retention: { rate: "0.1" },
      previousCertificates: "10800",
      lines: [
        { id: "1", description: "Discovery workshop", scheduledValue: "12000", previouslyCompleted: "12000", percentComplete: "1", changeOrder: false },
        { id: "2", description: "Build", scheduledValue: "48000", previouslyCompleted: "12000", percentComplete: "0.55", storedMaterials: "1500" },
        { id: "CO-1", description: "Extra interface", scheduledValue: "6000", previouslyCompleted: "0", percentComplete: String(1 / 3), storedMaterials: "0", changeOrder: true },
      ],
    });
    if (!core.ok) throw new Error("core rejected the request");
    expect(byLabel["Total due"]).toBe(Number(core.result.summary.totalDue));
  });

  test("with a Capped column, INVOICE bills capped lines at most their value and adds the amount worked but not billed", () => {
    // Desktop Excel hands a blank Capped cell as 0: no. Discovery: 95 h × 120.00 = 11400.00 worked,
    // 10000.00 billed, 1400.00 not; Build: 50 h × 150.00 = 7500.00, within its cap.
    const capped = [
      ["Id", "Description", "Budget", "Previously completed", "Hours to date", "Hourly rate", "Not to exceed"],
      ["1", "Discovery", 10000, 8000, 95, 120, "yes"],
      ["2", "Build", 20000, 0, 50, 150, "Yes"],
      ["3", "Support", 5000, 0, 10, 100, 0],
    ];
    const table = fns.invoice(capped);
    expect(table[0]?.[10]).toBe("Worked, not billed");
    expect(table.every((row) => row.length === 11)).toBe(true);
    expect(table[1]).toEqual(["1", "Discovery", 10000, 8000, 2000, 0, 10000, 1, 0, 0, 1400]);
    expect(table[2]?.[10]).toBe(0);
    expect(table[3]?.[10]).toBe("");
    const byLabel = Object.fromEntries(fns.summary(capped).map(([label, amount]) => [label, amount])) as Record<string, number>;
    expect(byLabel["4. Total completed and stored to date"]).toBe(10000 + 7500 + 1000);
    expect(fns.invoice(range, 0.1)[0]).toHaveLength(10);
  });

  test("a missing required column is #N/A naming it", () => {
    const noValue = range.map((row) => row.filter((_, column) => column !== 2));
    expect(cellResult(() => fns.invoice(noValue))).toEqual({
      error: "#N/A",
      message: 'The table has no Scheduled value column; add a column headed "Scheduled value".',
    });
  });

  test("a bad cell is #VALUE! naming its row, line and column header", () => {
    const typedAs55 = range.map((row, r) => (r === 2 ? row.map((cell, c) => (c === 4 ? 55 : cell)) : row));
    expect(cellResult(() => fns.invoice(typedAs55))).toEqual({
      error: "#VALUE!",
      message: 'Row 3 (line "2"): "% Complete" must be a fraction between 0 and 1 (0.10 is 10 %), not 55. Did you mean 55 %? Enter 55% or 0.55.',
    });
    const text = range.map((row, r) => (r === 1 ? row.map((cell, c) => (c === 2 ? "twelve" : cell)) : row));
    expect(cellResult(() => fns.summary(text))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^Row 2 \(line "1"\): "Contract value" must be a number, not "twelve"/) });
    const duplicate = [...range, ["2", "Build again", 100, 0, 0, 0, "no", ""]];
    expect(cellResult(() => fns.invoice(duplicate))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^Row 6 \(line "2"\): "Item #" "2" is already used/) });
    const badFlag = range.map((row, r) => (r === 1 ? row.map((cell, c) => (c === 6 ? "maybe" : cell)) : row));
    expect(cellResult(() => fns.invoice(badFlag))).toMatchObject({ error: "#VALUE!", message: 'Row 2: Change order must be yes or no, not "maybe".' });
    expect(cellResult(() => fns.invoice([range[0]!]))).toMatchObject({ error: "#VALUE!", message: "The range has headers but no milestone rows." });
  });

  test("several problems are counted", () => {
    const bad = range.map((row, r) => (r > 0 && r !== 3 ? row.map((cell, c) => (c === 4 ? 40 : cell)) : row));
    expect(cellResult(() => fns.invoice(bad))).toMatchObject({ message: expect.stringMatching(/\(and 2 more problems\)$/) });
  });
});

describe("INTERIM.INVOICE and INTERIM.SUMMARY on the cells people select", () => {
  // null is a blank cell: desktop Excel passes it as 0, Excel on the web as "".
  const sheet = [
    ["Id", "Description", "Contract value", "Previously completed", "% Complete", "Stored materials", "Change order?", "Notes"],
    ["1", "Design", 12000, 12000, 1, null, "no", null],
    ["2", null, 48000, null, 0.25, 1500, null, "late"],
    [null, null, null, null, null, null, null, null],
    ["CO-1", "Extra interface", 6000, null, 0.5, null, "yes", null],
    [null, null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null, null],
  ];
  const hosts: FunctionHost[] = ["desktop", "web"];

  test.each(hosts)("blank rows, trailing blank rows and blank cells bill the same in %s Excel", (host) => {
    const table = fns.invoice(rangeArgument(sheet, host), 0.1, "EUR") as unknown[][];
    expect(table.map((row) => row.slice(0, 5))).toEqual([
      ["Id", "Description", "Scheduled value", "Previously completed", "This period"],
      ["1", "Design", 12000, 12000, 0],
      ["2", "", 48000, 0, 12000],
      ["CO-1", "Extra interface", 6000, 0, 3000],
    ]);
    const summary = Object.fromEntries(fns.summary(rangeArgument(sheet, host), 0.1, null as unknown as number, "EUR") as [string, number][]);
    expect(summary["4. Total completed and stored to date"]).toBe(12000 + 13500 + 3000);
    expect(summary["8. Current payment due"]).toBe(28500 - 2850 - 10800);
  });

  test.each(hosts)("a row of blanks and zeros is blank, one trailing row or two, in %s Excel", (host) => {
    for (const trailing of [1, 2]) {
      const rows = [...sheet.slice(0, 3), ...Array.from({ length: trailing }, () => [0, null, 0, 0, 0, 0, null, null])];
      expect((fns.invoice(rangeArgument(rows, host)) as unknown[][]).map((row) => row[0])).toEqual(["Id", "1", "2"]);
    }
  });

  test.each(hosts)("a blank progress cell is no progress this period in %s Excel, not 0 % to date", (host) => {
    const untouched = [sheet[0] as (string | number | null)[], ["1", "Design", 12000, 6000, null, null, "no", null]];
    expect((fns.invoice(rangeArgument(untouched, host), 0.1) as unknown[][])[1]?.slice(2, 5)).toEqual([12000, 6000, 0]);
  });

  test.each(hosts)("a row with a value but a blank id needs its id in %s Excel", (host) => {
    const noId = [...sheet.slice(0, 3), [null, "Testing", 3000, null, 0.5, null, null, null]];
    expect(cellResult(() => fns.invoice(rangeArgument(noId, host)))).toEqual({ error: "#VALUE!", message: 'Row 4: "Id" is required.' });
  });

  const withHeaders = (rename: Record<string, string>): typeof sheet =>
    sheet.map((row, r) => (r === 0 ? row.map((cell) => (typeof cell === "string" ? (rename[cell] ?? cell) : cell)) : row));

  test("headers with a unit in brackets match", () => {
    const units = withHeaders({ "Contract value": "Contract value (EUR)", "% Complete": "% Complete (%)", "Stored materials": "Stored materials (F)" });
    expect(fns.invoice(rangeArgument(units, "web"), 0.1, "EUR")).toEqual(fns.invoice(rangeArgument(sheet, "web"), 0.1, "EUR"));
  });

  test("a range without a progress column is #N/A naming the headers accepted", () => {
    const removed = withHeaders({ "% Complete": "Owner" });
    expect(cellResult(() => fns.invoice(rangeArgument(removed, "web")))).toEqual({
      error: "#N/A",
      message: 'The table has no column for the progress of its lines; add one headed "% complete", "Completed to date", "This period", or "Hours to date" with "Hourly rate".',
    });
    const renamed = withHeaders({ "% Complete": "Progress this month" });
    expect(cellResult(() => fns.invoice(rangeArgument(renamed, "web")))).toEqual({
      error: "#N/A",
      message: expect.stringMatching(/^Column "Progress this month" reads like the lines' progress, .*rename it "% complete"/),
    });
  });

  test("a number typed as text that reads two ways is #VALUE! naming its cell and both readings", () => {
    const typed = sheet.map((row, r) => (r === 2 ? row.map((cell, c) => (c === 2 ? "48.000" : cell)) : row));
    expect(cellResult(() => fns.invoice(rangeArgument(typed, "web"), 0.1, "EUR"))).toEqual({
      error: "#VALUE!",
      message: 'Row 3: "Contract value" is the text "48.000", which reads two ways: 48000 with "." separating thousands, or 48 with "." as the decimal mark. Enter the number itself (48000 or 48), not text.',
    });
    const grouped = sheet.map((row, r) => (r === 2 ? row.map((cell, c) => (c === 2 ? "48,000.00" : cell)) : row));
    expect(fns.invoice(rangeArgument(grouped, "web"), 0.1, "EUR")[2]?.[2]).toBe(48000);
  });
});
