import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, type MemoryState } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import type { CellValue } from "../../src/workbook/port";
import { fakeExcelRun } from "../support/fake-excel";
import { largeWorkbookState as workbookOf } from "../support/large-workbook";
import { copyState } from "./helpers";

describe("Generate invoice through Office.js: at most three round trips, whatever the size", () => {
  test.each([10, 10_000])("%i lines: 3 syncs, and the same workbook as the in-memory flow", async (count) => {
    const excel = await workbookOf(count);
    const fake = fakeExcelRun(excel);
    const outcome = await generateInvoice(new OfficeWorkbook(fake.run), { invoiceDate: "2026-09-30" });
    expect(outcome.ok).toBe(true);
    expect(fake.syncCount()).toBe(3);
    expect(Math.max(...fake.requestBytes)).toBeLessThan(5 * 1024 * 1024);

    const memory = new MemoryWorkbook(await workbookOf(count));
    await generateInvoice(memory, { invoiceDate: "2026-09-30" });
    // Page setup lives apart in the fake (Excel keeps it in the page layout); the rest must be identical.
    const withoutPageSetup = (state: MemoryState): string => copyState({ ...state, sheets: state.sheets.map((s) => ({ ...s, layout: undefined })) });
    expect(withoutPageSetup(excel) === withoutPageSetup(memory.state)).toBe(true);
    expect(fake.setup("INV-0001")).toMatchObject({ orientation: "Landscape", printArea: memory.state.sheets[2]?.layout?.printArea });
  }, 60_000);

  test("a problem costs one sync and writes nothing", async () => {
    const excel = await workbookOf(10);
    (excel.sheets[0]!.cells[3] as CellValue[])[3] = 55;
    const before = copyState(excel);
    const fake = fakeExcelRun(excel);
    const outcome = await generateInvoice(new OfficeWorkbook(fake.run), { invoiceDate: "2026-09-30" });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: "PERCENT_OUT_OF_RANGE", sheet: "Milestones", cell: "D4" }] });
    expect(fake.syncCount()).toBe(1);
    expect(copyState(excel)).toBe(before);
  });
});
