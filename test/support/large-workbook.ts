import { MemoryWorkbook, emptyState, type MemoryState } from "../../src/workbook/memory-workbook";
import type { CellValue, WorkbookPort } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";

/** A milestone table of `count` lines with percentages, stored materials and two tax rates. */
export function largeMilestoneRows(count: number): CellValue[][] {
  const rows: CellValue[][] = [["Id", "Description", "Scheduled value", "% complete", "Stored materials", "Tax %"]];
  for (let i = 0; i < count; i += 1) {
    rows.push([`M${i + 1}`, `Milestone ${i + 1}`, 1000 + (i % 97) * 12.5, (i % 10) / 10, i % 5 === 0 ? 40 : null, i % 7 === 0 ? 0.09 : null]);
  }
  return rows;
}

/** Fills a workbook with the sample contract's settings and a milestone table of `count` lines. */
export async function fillLargeWorkbook(port: WorkbookPort, count: number): Promise<void> {
  await port.createMilestoneTable("Milestones", "Milestones", largeMilestoneRows(count));
  await port.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
}

/** The same, as the state of an in-memory workbook. */
export async function largeWorkbookState(count: number): Promise<MemoryState> {
  const workbook = new MemoryWorkbook(emptyState());
  await fillLargeWorkbook(workbook, count);
  return workbook.state;
}
