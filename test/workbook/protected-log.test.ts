import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findSheet } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { NAMES, type WorkbookPort } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { fakeExcelRun } from "../support/fake-excel";
import { copyState, setMilestone } from "./helpers";

/**
 * A billing log (or settings sheet) its owner protected is the workbook's state, not Interim's
 * failure: the invoice or credit note is refused before anything is written, with a problem at
 * the sheet's table, in the in-memory port and through Office.js over the fake Excel.
 */
const ports: [string, (state: ReturnType<typeof emptyState>) => WorkbookPort][] = [
  ["in memory", (state) => new MemoryWorkbook(state)],
  ["through Office.js", (state) => new OfficeWorkbook(fakeExcelRun(state).run)],
];

describe.each(ports)("a sheet Interim writes to, protected by its owner (%s)", (_, portOf) => {
  async function issued(): Promise<{ state: ReturnType<typeof emptyState>; port: WorkbookPort }> {
    const state = emptyState();
    const port = portOf(state);
    await insertSample(port);
    expect(await generateInvoice(port, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true, number: "INV-0001" });
    setMilestone(state, "M2", "% complete", 1);
    return { state, port };
  }

  test.each([NAMES.logSheet, NAMES.settingsSheet])("%s protected: the next invoice is a problem at its table, nothing written", async (sheet) => {
    const { state, port } = await issued();
    const locked = findSheet(state, sheet);
    if (locked === undefined) throw new Error(`no sheet ${sheet}`);
    locked.protected = true;
    const before = copyState(state);
    const outcome = await generateInvoice(port, { invoiceDate: "2026-10-31" });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: "SHEET_PROTECTED", sheet, message: expect.stringContaining("Unprotect it (Review > Unprotect Sheet)") }] });
    expect(copyState(state)).toBe(before);
    // A draft writes neither the log nor the settings: it is still made.
    expect(await generateInvoice(port, { invoiceDate: "2026-10-31", draft: true })).toMatchObject({ ok: true, draft: true });
  });

  test("the billing log protected: a credit note is refused the same way", async () => {
    const { state, port } = await issued();
    const log = findSheet(state, NAMES.logSheet);
    if (log === undefined) throw new Error("no log sheet");
    log.protected = true;
    const before = copyState(state);
    expect(await issueCreditNote(port, { date: "2026-10-01" })).toMatchObject({ ok: false, problems: [{ code: "SHEET_PROTECTED", sheet: NAMES.logSheet }] });
    expect(copyState(state)).toBe(before);
  });
});
