import { generateInvoice } from "../src/workbook/generate-invoice";
import { MemoryWorkbook, type MemoryState } from "../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../src/workbook/office-workbook";
import { fakeExcelRun } from "../test/support/fake-excel";
import { largeWorkbookState as workbookOf } from "../test/support/large-workbook";
import { type Row, medianMsAsync } from "./measure";

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
