import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findTable, tableValues, type MemoryState } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { NAMES, type CellValue } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { fakeExcelRun } from "../support/fake-excel";
import { largeWorkbookState as workbookOf } from "../support/large-workbook";
import { copyState } from "./helpers";

/** Page setup lives apart in the fake (Excel keeps it in the page layout); the rest must be identical. */
function withoutPageSetup(state: MemoryState): MemoryState {
  return { ...state, sheets: state.sheets.map((s) => ({ ...s, layout: undefined })) };
}

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
    expect(copyState(withoutPageSetup(excel)) === copyState(withoutPageSetup(memory.state))).toBe(true);
    expect(fake.setup("INV-0001")).toMatchObject({ orientation: "Landscape", printArea: memory.state.sheets[2]?.layout?.printArea });
  }, 60_000);

  test("the sample with its empty billing log, then three invoices that fill it: the same workbook as in memory", async () => {
    const excel = emptyState();
    const fake = fakeExcelRun(excel);
    const office = new OfficeWorkbook(fake.run);
    const memory = new MemoryWorkbook();
    for (const port of [office, memory]) await insertSample(port);
    expect(copyState(excel)).toBe(copyState(memory.state));
    for (const date of ["2026-09-30", "2026-10-31", "2026-11-30"]) {
      // No progress between the periods: the same 0.00 invoices, asked for, in both ports.
      for (const port of [office, memory]) await generateInvoice(port, { invoiceDate: date, allowZeroInvoice: true });
      expect(copyState(withoutPageSetup(excel))).toBe(copyState(withoutPageSetup(memory.state)));
    }
    expect(tableValues(excel, findTable(excel, NAMES.invoicesTable)!).map((r) => r[0])).toEqual(["Number", "INV-0001", "INV-0002", "INV-0003"]);
    expect(tableValues(excel, findTable(excel, NAMES.linesTable)!)).toHaveLength(1 + 3 * 8);
  });

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
