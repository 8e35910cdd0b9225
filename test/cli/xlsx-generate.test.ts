import { generateInvoice } from "../../src/workbook/generate-invoice";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { MemoryWorkbook, emptyState, findTable } from "../../src/workbook/memory-workbook";
import { type CellValue, NAMES, type WorkbookPort } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, insertSample, settingsRows } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { editXlsx } from "../support/exceljs-file";
import { normalised, stateOfXlsx } from "./xlsx-state";

/** The sample settings and a milestone table of `count` lines, written through any port. */
async function setUp(port: WorkbookPort, count: number): Promise<void> {
  const rows: CellValue[][] = [["Id", "Description", "Scheduled value", "% complete", "Stored materials", "Tax %"]];
  for (let i = 0; i < count; i += 1) rows.push([`M${i + 1}`, `Milestone ${i + 1}`, 1000 + (i % 97) * 12.5, (i % 10) / 10, i % 5 === 0 ? 40 : null, i % 7 === 0 ? 0.09 : null]);
  await port.createMilestoneTable("Milestones", "Milestones", rows);
  await port.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
}

/** Saves the xlsx workbook to bytes and opens it again, as the next command would. */
async function reopened(workbook: XlsxWorkbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBuffer(await workbook.toBuffer());
}

describe("Generate invoice through the xlsx workbook leaves what the in-memory workbook leaves", () => {
  test.each([10, 2_000])("%i lines, one invoice", async (count) => {
    const xlsx = XlsxWorkbook.create();
    await setUp(xlsx, count);
    const fromXlsx = await generateInvoice(await reopened(xlsx), { invoiceDate: "2026-09-30" });
    const memory = new MemoryWorkbook(emptyState());
    await setUp(memory, count);
    const fromMemory = await generateInvoice(memory, { invoiceDate: "2026-09-30" });
    expect(fromXlsx.ok && fromMemory.ok).toBe(true);
    expect(fromXlsx.ok && fromXlsx.result.summary).toEqual(fromMemory.ok && fromMemory.result.summary);
  }, 60_000);

  test("the sample's empty billing log reads back as in memory, and text typed into its blank row is reported at its cell", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    const memory = new MemoryWorkbook(emptyState());
    await insertSample(memory);
    const bytes = await created.toBuffer();
    expect(normalised(await stateOfXlsx(bytes))).toEqual(normalised(memory.state));
    expect((await (await XlsxWorkbook.fromBuffer(bytes)).read(NAMES.milestones)).invoices).toEqual((await memory.read(NAMES.milestones)).invoices);

    const edited = await editXlsx(bytes, (workbook) => {
      const log = workbook.getWorksheet(NAMES.logSheet);
      if (log === undefined) throw new Error("no billing log sheet");
      log.getCell("B2").value = "typed by hand";
    });
    expect(await generateInvoice(await XlsxWorkbook.fromBuffer(edited), { invoiceDate: "2026-09-30" })).toMatchObject({
      ok: false,
      problems: [{ code: "LOG_EDITED", sheet: NAMES.logSheet, cell: "B2", message: expect.stringContaining('holds "typed by hand"') }],
    });
  });

  test("a log whose rows are all blank is empty: the first invoice takes the first row and the others go, as in memory", async () => {
    const xlsx = XlsxWorkbook.create();
    await insertSample(xlsx);
    const memory = new MemoryWorkbook(emptyState());
    await insertSample(memory);
    // Three more blank rows in each table, as when a person clears the contents of rows.
    const grown = await editXlsx(await xlsx.toBuffer(), (workbook) => {
      // exceljs's typings leave out the table model it reads and writes.
      const log = workbook.getWorksheet(NAMES.logSheet) as unknown as { tables: Record<string, { table: { tableRef: string } }> };
      for (const table of Object.values(log.tables)) table.table.tableRef = table.table.tableRef.replace(/2$/, "5");
    });
    for (const name of [NAMES.invoicesTable, NAMES.linesTable]) findTable(memory.state, name)!.rows = 5;
    const reopenedXlsx = await XlsxWorkbook.fromBuffer(grown);
    expect(await generateInvoice(reopenedXlsx, { invoiceDate: "2026-09-30" })).toEqual(await generateInvoice(memory, { invoiceDate: "2026-09-30" }));
    expect(normalised(await stateOfXlsx(await reopenedXlsx.toBuffer()))).toEqual(normalised(memory.state));
    expect(findTable(memory.state, NAMES.invoicesTable)!.rows).toBe(2);
  });

  test("sample, three invoices and a credit note, each through a saved file: the same workbook as in memory", async () => {
    let xlsx = XlsxWorkbook.create();
    await insertSample(xlsx);
    const memory = new MemoryWorkbook(emptyState());
    await insertSample(memory);
    for (const date of ["2026-09-30", "2026-10-31", "2026-11-30"]) {
      xlsx = await reopened(xlsx);
      const a = await generateInvoice(xlsx, { invoiceDate: date, allowZeroInvoice: true });
      const b = await generateInvoice(memory, { invoiceDate: date, allowZeroInvoice: true });
      expect(a).toEqual(b);
    }
    xlsx = await reopened(xlsx);
    expect(await issueCreditNote(xlsx, { date: "2026-12-05" })).toEqual(await issueCreditNote(memory, { date: "2026-12-05" }));
    xlsx = await reopened(xlsx);
    const draftA = await generateInvoice(xlsx, { invoiceDate: "2026-12-31", draft: true });
    const draftB = await generateInvoice(memory, { invoiceDate: "2026-12-31", draft: true });
    expect(draftA).toEqual(draftB);
    expect(normalised(await stateOfXlsx(await xlsx.toBuffer()))).toEqual(normalised(memory.state));
  }, 60_000);
});
