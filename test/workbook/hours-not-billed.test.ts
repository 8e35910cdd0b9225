/**
 * A capped line billed from the timesheet: the invoice carries its hours past the cap to date
 * (computeHoursBeyondCap over the line's entries to date), and the invoice sheet shows them beside
 * the amount worked but not billed. The contract of test/support/timesheet-contract.ts, January:
 * D1 worked 1653.75 in 15.75 h (Ana 8 h × 110 on the 12th, Carl 6.25 h × 95 on the 13th, Carl
 * 1.5 h × 120 on the 20th).
 */
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findSheet } from "../../src/workbook/memory-workbook";
import { JANUARY, contract } from "../support/timesheet-contract";
import { addMilestoneColumn, setMilestone } from "./helpers";

async function january(capped: Record<string, string>, scheduledD1?: number): Promise<{ workbook: MemoryWorkbook; issued: Awaited<ReturnType<typeof issue>> }> {
  const workbook = new MemoryWorkbook(emptyState());
  await contract(workbook, JANUARY);
  addMilestoneColumn(workbook.state, "Capped", capped);
  if (scheduledD1 !== undefined) setMilestone(workbook.state, "D1", "Scheduled value", scheduledD1);
  return { workbook, issued: await issue(workbook) };
}

async function issue(workbook: MemoryWorkbook): Promise<{ hoursNotBilled: { line: string; hours: string }[] | undefined; lines: [string, string, string | undefined][] }> {
  const outcome = await generateInvoice(workbook, { invoiceDate: "2027-01-31", periodEnd: "2027-01-31" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return { hoursNotBilled: outcome.issued.hoursNotBilled, lines: outcome.result.lines.map((l) => [l.id, l.thisPeriod, l.workedNotBilled]) };
}

/** The capped lines under the table of INV-0001: each row's id, amount and hours, and the hours' number format. */
function cappedBlock(workbook: MemoryWorkbook): { heading: unknown[]; rows: unknown[][]; format: string | undefined } | undefined {
  const sheet = findSheet(workbook.state, "INV-0001")!;
  const top = sheet.cells.findIndex((row) => row[1] === "Worked, not billed (capped)");
  if (top < 0) return undefined;
  const rows: unknown[][] = [];
  for (let r = top + 1; typeof sheet.cells[r]?.[0] === "string"; r++) rows.push([sheet.cells[r]![0], sheet.cells[r]![2], sheet.cells[r]![3]]);
  return { heading: (sheet.cells[top] ?? []).slice(1, 4), rows, format: sheet.numberFormats.get(`${top + 1},3`) };
}

describe("hours not billed on a capped line billed from the timesheet", () => {
  test("cut inside an entry: 153.75 not billed is 1.28 h of Carl's 20th, beside the amount on the sheet", async () => {
    const { workbook, issued } = await january({ D1: "yes" }, 1500);
    expect(issued.lines).toEqual([["A1", "1312.50", undefined], ["D1", "1500.00", "153.75"], ["F1", "5000.00", undefined]]);
    // By date 880.00 + 593.75 = 1473.75 leave 26.25 of the 20th's 180.00: 1.5 × 153.75 / 180 = 1.28125 h.
    expect(issued.hoursNotBilled).toEqual([{ line: "D1", hours: "1.28" }]);
    expect(cappedBlock(workbook)).toEqual({ heading: ["Worked, not billed (capped)", null, "Hours not billed"], rows: [["D1", 153.75, 1.28]], format: "#,##0.00##" });
  });

  test("within the cap: 0.00 h on the invoice, and no capped block on the sheet (nothing is left unbilled)", async () => {
    const { workbook, issued } = await january({ D1: "yes", F1: "yes" });
    expect(issued.hoursNotBilled).toEqual([{ line: "D1", hours: "0.00" }]);
    expect(cappedBlock(workbook)).toBeUndefined();
  });

  test("once a line passes its cap, every capped line is listed; one without timesheet hours (F1, a fixed fee) has no hours cell", async () => {
    const { workbook } = await january({ D1: "yes", F1: "yes" }, 1500);
    expect(cappedBlock(workbook)?.rows).toEqual([["D1", 153.75, 1.28], ["F1", 0, null]]);
  });

  test("no capped line billed from the timesheet: no hours, and no block while the capped line is within its cap", async () => {
    const { workbook, issued } = await january({ F1: "yes" });
    expect(issued.hoursNotBilled).toBeUndefined();
    expect(cappedBlock(workbook)).toBeUndefined();
  });
});
