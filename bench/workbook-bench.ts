import { generateInvoice } from "../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, type MemoryState } from "../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../src/workbook/office-workbook";
import type { CellValue } from "../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../src/workbook/sample";
import { fakeExcelRun } from "../test/support/fake-excel";
import { type Row, medianMsAsync } from "./measure";

/** A workbook with the sample settings and a milestone table of `count` lines. */
async function workbookOf(count: number): Promise<MemoryState> {
  const setup = new MemoryWorkbook(emptyState());
  const rows: CellValue[][] = [["Id", "Description", "Scheduled value", "% complete", "Stored materials", "Tax %"]];
  for (let i = 0; i < count; i += 1) {
    rows.push([`M${i + 1}`, `Milestone ${i + 1}`, 1000 + (i % 97) * 12.5, (i % 10) / 10, i % 5 === 0 ? 40 : null, i % 7 === 0 ? 0.09 : null]);
  }
  await setup.createMilestoneTable("Milestones", "Milestones", rows);
  await setup.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
  return setup.state;
}

/** Generate invoice over the in-memory workbook, and the round trips of the Office.js path. */
export async function benchWorkbook(quick: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const size = 10_000;
  const states: MemoryState[] = [];
  const runs = quick ? 3 : 7;
  for (let i = 0; i < runs + 1; i += 1) states.push(await workbookOf(size));
  const ms = await medianMsAsync(async () => {
    const outcome = await generateInvoice(new MemoryWorkbook(states.pop()), { invoiceDate: "2026-09-30" });
    if (!outcome.ok) throw new Error("the bench workbook is invalid");
  }, runs);
  rows.push({ what: `workbook: Generate invoice over the in-memory workbook, ${size.toLocaleString("en-US")} lines (median of ${runs})`, figure: `${ms.toFixed(0)} ms`, budget: "< 1000 ms", within: ms < 1000 });
  for (const lines of [10, 10_000]) {
    const fake = fakeExcelRun(await workbookOf(lines));
    const outcome = await generateInvoice(new OfficeWorkbook(fake.run), { invoiceDate: "2026-09-30" });
    if (!outcome.ok) throw new Error("the bench workbook is invalid");
    rows.push({ what: `workbook: Office.js round trips (sync calls) of Generate invoice, ${lines.toLocaleString("en-US")} lines`, figure: String(fake.syncCount()), budget: "≤ 3", within: fake.syncCount() <= 3 });
  }
  return rows;
}
