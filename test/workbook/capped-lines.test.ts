import { generateInvoice } from "../../src/workbook/generate-invoice";
import { type MemoryWorkbook, findSheet } from "../../src/workbook/memory-workbook";
import { renameMilestoneHeader, sampleWorkbook, setMilestone } from "./helpers";

async function issue(workbook: MemoryWorkbook, invoiceDate: string) {
  const outcome = await generateInvoice(workbook, { invoiceDate });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome;
}

describe("a capped line in the workbook", () => {
  /*
   * The sample, its Capped column headed "Not to exceed" instead, T1 (15000.00 at 115.00 an hour) capped.
   * Period 1: 140 h × 115.00 = 16100.00 worked; 15000.00 billed; 1100.00 worked but not billed.
   * Period 2 (M2 to 100 %): T1 160 h = 18400.00 worked; D 15000.00, so E 0.00; 3400.00 worked but not billed.
   */
  test("bills at most its value, warns CAPPED at the line's row, shows the unbilled amount, and never bills it later", async () => {
    const workbook = await sampleWorkbook();
    renameMilestoneHeader(workbook.state, "Capped", "Not to exceed");
    setMilestone(workbook.state, "T1", "Hours to date", 140);
    const first = await issue(workbook, "2026-09-30");
    const t1 = first.result.lines.find((line) => line.id === "T1");
    expect(t1).toMatchObject({ thisPeriod: "15000.00", completedAndStoredToDate: "15000.00", workedNotBilled: "1100.00" });
    expect(first.result.lines.find((line) => line.id === "M1")?.workedNotBilled).toBeUndefined();
    expect(first.warnings).toEqual([
      {
        code: "CAPPED", sheet: "Milestones", cell: expect.stringMatching(/^A\d+$/) as unknown,
        message: 'Line "T1": the line is capped; of the 16100.00 worked to date, 15000.00 is billed and 1100.00 is worked but not billed.',
      },
    ]);

    const sheet = findSheet(workbook.state, "INV-0001")!;
    const heading = sheet.cells.findIndex((cells) => cells[1] === "Worked, not billed (capped)");
    expect(sheet.cells[heading - 2]?.[1]).toBe("Totals");
    expect(sheet.cells[heading + 1]?.slice(0, 3)).toEqual(["T1", "Data migration support (time and materials, capped)", 1100]);
    expect(sheet.cells[heading + 3]?.[1]).toBe("1. Original contract sum");

    setMilestone(workbook.state, "T1", "Hours to date", 160);
    setMilestone(workbook.state, "M2", "% complete", 1);
    const second = await issue(workbook, "2026-10-31");
    expect(second.result.lines.find((line) => line.id === "T1")).toMatchObject({
      previouslyCompleted: "15000.00", thisPeriod: "0.00", workedNotBilled: "3400.00",
    });
    expect(second.warnings.map((w) => w.code)).toEqual(["CAPPED"]);
  });
});
