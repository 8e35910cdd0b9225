import { computeInvoice } from "../../src/core";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findSheet, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { INVOICE_LOG_HEADERS, LINE_LOG_HEADERS, NAMES, type LogCommit } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { fakeExcelRun } from "../support/fake-excel";
import { copyState, sampleWorkbook, setMilestone, setSetting } from "./helpers";

/** The invoices table of an empty billing log: its header and one blank row. */
const EMPTY_INVOICES = [[...INVOICE_LOG_HEADERS], INVOICE_LOG_HEADERS.map(() => null)];

async function issue(workbook: MemoryWorkbook, invoiceDate: string) {
  const outcome = await generateInvoice(workbook, { invoiceDate });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome;
}

describe("Generate invoice over the in-memory workbook: three periods of the sample contract", () => {
  /*
   * Hand-checked (EUR, retention 5 %, VAT 19 %, licences 9 %):
   * Period 1 (to 2026-09-30): G = 18000 + 14400 + 24000 + 0 + 0 + 42.5 h × 115 = 4887.50 + 20000 + CO1 3800 = 85087.50;
   *   retention 900 + 720 + 1200 + 244.38 + 1000 + 190 = 4254.38; line 6 = 80833.12 = line 8 (first invoice);
   *   tax 19 % × 65087.50 = 12366.63 + 9 % × 20000 = 1800.00 → 14166.63; total due 94999.75.
   * Period 2 (M2 100 %, M3 60 %, M4 20 %, T1 80 h, CO1 100 %): G = 144300.00, retention 7215.00, line 6 137085.00,
   *   line 7 = 80833.12 (from the log), line 8 = 56251.88; tax 19 % × 59212.50 = 11250.38; total due 67502.26.
   * Period 3 (everything done, T1 120 h, release all): G = 223300.00, retention 11165.00 released, line 6 223300.00,
   *   line 8 = 86215.00; tax 19 % × 79000.00 = 15010.00; total due 101225.00.
   * The three line 8s add up to 223300.00, the work billed.
   */
  test("the log carries each period forward, numbers follow on, and the totals reconcile", async () => {
    const workbook = await sampleWorkbook();
    const first = await issue(workbook, "2026-09-30");
    expect(first).toMatchObject({ number: "INV-0001", sheet: "INV-0001", draft: false });
    expect(first.result.summary).toMatchObject({
      totalCompletedAndStoredToDate: "85087.50", totalRetention: "4254.38", totalEarnedLessRetention: "80833.12",
      previousCertificates: "0.00", currentPaymentDue: "80833.12", tax: "14166.63", totalDue: "94999.75",
    });
    expect(workbook.roundTrips).toBe(3);

    for (const [id, value] of [["M2", 1], ["M3", 0.6], ["M4", 0.2], ["CO1", 1]] as const) setMilestone(workbook.state, id, "% complete", value);
    setMilestone(workbook.state, "T1", "Hours to date", 80);
    const second = await issue(workbook, "2026-10-31");
    expect(second.number).toBe("INV-0002");
    expect(second.result.lines.find((l) => l.id === "M3")).toMatchObject({ previouslyCompleted: "24000.00", thisPeriod: "33600.00" });
    expect(second.result.summary).toMatchObject({
      totalCompletedAndStoredToDate: "144300.00", totalRetention: "7215.00", totalEarnedLessRetention: "137085.00",
      previousCertificates: "80833.12", currentPaymentDue: "56251.88", tax: "11250.38", totalDue: "67502.26",
    });

    for (const id of ["M3", "M4", "M5"]) setMilestone(workbook.state, id, "% complete", 1);
    setMilestone(workbook.state, "T1", "Hours to date", 120);
    setSetting(workbook.state, "Release retention on next invoice", "all");
    const third = await issue(workbook, "2026-11-30");
    expect(third.result.summary).toMatchObject({
      totalCompletedAndStoredToDate: "223300.00", retentionReleased: "11165.00", totalRetention: "0.00",
      previousCertificates: "137085.00", currentPaymentDue: "86215.00", tax: "15010.00", totalDue: "101225.00",
    });
    expect(workbook.roundTrips).toBe(9);

    // The log: three invoices, their lines, consecutive periods; the release setting is cleared.
    const invoices = tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!);
    expect(invoices.slice(1).map((r) => r[0])).toEqual(["INV-0001", "INV-0002", "INV-0003"]);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.linesTable)!)).toHaveLength(1 + 3 * 8);
    const settings = tableValues(workbook.state, findTable(workbook.state, NAMES.settingsTable)!);
    expect(settings.find((r) => r[0] === "Release retention on next invoice")?.[1]).toBeNull();
    expect(settings.find((r) => r[0] === "Next invoice number")?.[1]).toBe(4);
    for (const name of ["INV-0001", "INV-0002", "INV-0003"]) expect(findSheet(workbook.state, name)?.protected).toBe(true);

    // The same figures from the core directly, as `interim compute` would print them for period 2.
    const direct = computeInvoice({
      currency: "EUR", retention: { rate: "0.05" }, tax: { rate: "0.19" }, previousCertificates: "80833.12",
      lines: [
        { id: "M1", scheduledValue: "18000", previouslyCompleted: "18000", percentComplete: "1" },
        { id: "M2", scheduledValue: "24000", previouslyCompleted: "14400", percentComplete: "1" },
        { id: "M3", scheduledValue: "96000", previouslyCompleted: "24000", percentComplete: "0.6" },
        { id: "M4", scheduledValue: "30000", previouslyCompleted: "0", percentComplete: "0.2" },
        { id: "M5", scheduledValue: "12000", previouslyCompleted: "0", percentComplete: "0" },
        { id: "T1", scheduledValue: "15000", previouslyCompleted: "4887.50", quantityToDate: "80", unitPrice: "115" },
        { id: "L1", scheduledValue: "20000", previouslyCompleted: "20000", percentComplete: "1", taxRate: "0.09" },
        { id: "CO1", scheduledValue: "9500", previouslyCompleted: "3800", percentComplete: "1", changeOrder: true },
      ],
    });
    expect(direct.ok && direct.result.summary).toEqual(second.result.summary);
  });

  test("the invoice sheet is laid out for print with its blocks, formats and totals", async () => {
    const workbook = await sampleWorkbook();
    await issue(workbook, "2026-09-30");
    const sheet = findSheet(workbook.state, "INV-0001")!;
    expect(sheet.cells[0]?.[0]).toBe("INVOICE INV-0001");
    expect(sheet.cells[2]?.slice(0, 2)).toEqual(["From", "Northwind Consulting Ltd"]);
    expect(sheet.cells[5]?.slice(0, 2)).toEqual(["To", "Contoso Logistics GmbH"]);
    expect(sheet.cells[11]?.[0]).toBe("Item");
    expect(sheet.cells[12]?.slice(0, 3)).toEqual(["M1", "Discovery and requirements", 18000]);
    expect(sheet.layout).toMatchObject({ orientation: "landscape", fitToPagesWide: 1, printTitleRows: "12:12" });
    expect(sheet.numberFormats.get("12,2")).toBe("#,##0.00");
    const totalDueRow = sheet.cells.find((row) => String(row[1] ?? "").startsWith("Total due"));
    expect(totalDueRow?.[2]).toBe(94999.75);
    expect(workbook.state.names).toEqual([{ name: "InterimSheet_INV_002D0001", sheet: "INV-0001" }]);
  });
});

describe("Generate invoice on an empty billing log", () => {
  test("the sample comes with the log, empty: each table a header and one blank row, which the first invoice fills", async () => {
    const workbook = await sampleWorkbook();
    expect(workbook.state.sheets.map((s) => s.name)).toEqual(["Milestones", "Contract", "Billing log"]);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!)).toEqual(EMPTY_INVOICES);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.linesTable)!)).toEqual([[...LINE_LOG_HEADERS], LINE_LOG_HEADERS.map(() => null)]);
    await issue(workbook, "2026-09-30");
    const invoices = tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!);
    expect(invoices.map((r) => r[0])).toEqual(["Number", "INV-0001"]);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.linesTable)!).map((r) => r[1])).toEqual(["Line", "M1", "M2", "M3", "M4", "M5", "T1", "L1", "CO1"]);
    setMilestone(workbook.state, "M3", "% complete", 0.5);
    expect((await issue(workbook, "2026-10-31")).number).toBe("INV-0002");
  });

  test("a log whose rows are all blank (contents cleared by hand) is empty too: the invoice takes the first, the others go", async () => {
    const workbook = await sampleWorkbook();
    for (const name of [NAMES.invoicesTable, NAMES.linesTable]) findTable(workbook.state, name)!.rows = 4;
    await issue(workbook, "2026-09-30");
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!).map((r) => r[0])).toEqual(["Number", "INV-0001"]);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.linesTable)!)).toHaveLength(9);
    setMilestone(workbook.state, "M3", "% complete", 0.5);
    expect((await issue(workbook, "2026-10-31")).number).toBe("INV-0002");
  });
});

describe("Generate invoice: once, and only once", () => {
  test("generating the same period again bills nothing and writes nothing", async () => {
    const workbook = await sampleWorkbook();
    await issue(workbook, "2026-09-30");
    const before = copyState(workbook.state);
    const again = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(again).toMatchObject({ ok: false, problems: [{ code: "PERIOD_ALREADY_BILLED" }] });
    expect(copyState(workbook.state)).toBe(before);
  });

  test("a failure after the sheet is written leaves no log entry, and a retry issues exactly one invoice", async () => {
    const workbook = await sampleWorkbook();
    const commit = workbook.commitInvoice.bind(workbook);
    workbook.commitInvoice = () => Promise.reject(new Error("connection lost"));
    await expect(generateInvoice(workbook, { invoiceDate: "2026-09-30" })).rejects.toThrow("connection lost");
    expect(findSheet(workbook.state, "INV-0001")).toBeDefined();
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!)).toEqual(EMPTY_INVOICES);

    workbook.commitInvoice = (c: LogCommit) => commit(c);
    const retry = await issue(workbook, "2026-09-30");
    expect(retry.number).toBe("INV-0001");
    expect(workbook.state.sheets.filter((s) => s.name === "INV-0001")).toHaveLength(1);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!)).toHaveLength(2);
  });

  test("a draft is regenerated in place, then replaced by the issued invoice", async () => {
    const workbook = await sampleWorkbook();
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30", draft: true })).toMatchObject({ ok: true, sheet: "Draft INV-0001", draft: true });
    setMilestone(workbook.state, "M3", "% complete", 0.3);
    await generateInvoice(workbook, { invoiceDate: "2026-09-30", draft: true });
    expect(workbook.state.sheets.filter((s) => s.name === "Draft INV-0001")).toHaveLength(1);
    expect(tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!)).toEqual(EMPTY_INVOICES);
    await issue(workbook, "2026-09-30");
    expect(workbook.state.sheets.map((s) => s.name)).toEqual(["Milestones", "Contract", "Billing log", "INV-0001"]);
  });

  test("a sheet of the user's that has the invoice's name is never replaced", async () => {
    const workbook = await sampleWorkbook();
    await workbook.createMilestoneTable("Notes", "INV-0001", [["my notes"]]);
    const before = copyState(workbook.state);
    const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: "SHEET_EXISTS", message: expect.stringMatching(/"INV-0001" already exists/) }] });
    expect(copyState(workbook.state)).toBe(before);
  });
});

describe("credit notes", () => {
  test("a credit note cancels the latest invoice; the next invoice starts where the one before it ended", async () => {
    const { issueCreditNote } = await import("../../src/workbook/credit-note");
    const workbook = await sampleWorkbook();
    await issue(workbook, "2026-09-30");
    setMilestone(workbook.state, "M3", "% complete", 0.5);
    const wrong = await issue(workbook, "2026-10-31");
    expect(wrong.number).toBe("INV-0002");

    const credit = await issueCreditNote(workbook, { date: "2026-11-02" });
    expect(credit).toMatchObject({ ok: true, number: "CN-0001", sheet: "CN-0001", cancels: "INV-0002", totalCredited: `-${wrong.result.summary.totalDue}`, warnings: [] });
    expect(findSheet(workbook.state, "CN-0001")?.protected).toBe(true);
    expect(findSheet(workbook.state, "CN-0001")?.cells[0]?.[0]).toBe("CREDIT NOTE CN-0001");

    // Re-billing the same period is allowed again, from INV-0001's figures, under a new number,
    // dated on or after the credit note; the default period is the month just ended, October.
    setMilestone(workbook.state, "M3", "% complete", 0.4);
    const corrected = await issue(workbook, "2026-11-02");
    expect(corrected.issued).toMatchObject({ periodStart: "2026-10-01", periodEnd: "2026-10-31" });
    expect(corrected.number).toBe("INV-0003");
    expect(corrected.result.summary.previousCertificates).toBe("80833.12");
    expect(corrected.result.lines.find((l) => l.id === "M3")).toMatchObject({ previouslyCompleted: "24000.00", thisPeriod: "14400.00" });

    const nothing = await sampleWorkbook();
    expect(await issueCreditNote(nothing)).toMatchObject({ ok: false, problems: [{ code: "NOTHING_TO_CREDIT" }] });
  });
});

/** Removes the billing log (its sheet and both tables), as a person deleting the sheet would. */
function deleteLog(workbook: MemoryWorkbook): void {
  workbook.state.tables = workbook.state.tables.filter((t) => t.sheet !== NAMES.logSheet);
  workbook.state.sheets = workbook.state.sheets.filter((s) => s.name !== NAMES.logSheet);
}

/** Clears every data row of both log tables, as selecting them and pressing Delete would. */
function emptyLog(workbook: MemoryWorkbook): void {
  for (const name of [NAMES.invoicesTable, NAMES.linesTable]) {
    const table = findTable(workbook.state, name)!;
    const sheet = findSheet(workbook.state, table.sheet)!;
    for (let r = table.top + 1; r < table.top + table.rows; r += 1) sheet.cells[r] = [];
  }
}

/** The sample with two invoices issued, for September and October. */
async function twoInvoices(): Promise<MemoryWorkbook> {
  const workbook = await sampleWorkbook();
  await issue(workbook, "2026-09-30");
  setMilestone(workbook.state, "M3", "% complete", 0.5);
  await issue(workbook, "2026-10-31");
  return workbook;
}

describe("a billing log deleted or emptied by hand (issue 13, item 7)", () => {
  test.each([["deleted", deleteLog], ["emptied", emptyLog]])("the log %s while INV-0001 and INV-0002 exist: refused, naming them, nothing written", async (_, edit) => {
    const { issueCreditNote } = await import("../../src/workbook/credit-note");
    const workbook = await twoInvoices();
    edit(workbook);
    setMilestone(workbook.state, "M3", "% complete", 0.8);
    const before = copyState(workbook.state);
    const outcome = await generateInvoice(workbook, { invoiceDate: "2026-11-30" });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: "LOG_MISSING_DOCUMENTS", message: expect.stringMatching(/INV-0001, INV-0002, issued by Interim, but the billing log no longer records them.*File > Info > Version history/) }] });
    expect(await issueCreditNote(workbook, { date: "2026-11-30" })).toMatchObject({ ok: false, problems: [{ code: "LOG_MISSING_DOCUMENTS" }] });
    // Lowering "Next invoice number" as a message might advise does not help either: INV-0002 is
    // the next number then, but its sheet is protected, so it is issued, not half-written.
    for (const next of [1, 2]) {
      setSetting(workbook.state, "Next invoice number", next);
      expect(await generateInvoice(workbook, { invoiceDate: "2026-11-30" })).toMatchObject({ ok: false, problems: [{ code: "LOG_MISSING_DOCUMENTS", message: expect.stringMatching(/^The workbook holds INV-0001, INV-0002, issued/) }] });
    }
    setSetting(workbook.state, "Next invoice number", 3);
    expect(copyState(workbook.state)).toBe(before);
  });

  test("one issued invoice, the log deleted and the next number lowered to it: INV-0001 is never replaced", async () => {
    const workbook = await sampleWorkbook();
    await issue(workbook, "2026-09-30");
    deleteLog(workbook);
    setSetting(workbook.state, "Next invoice number", 1);
    const before = copyState(workbook.state);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: false, problems: [{ code: "LOG_MISSING_DOCUMENTS", message: expect.stringMatching(/^The workbook holds INV-0001, issued by Interim, but the billing log no longer records it/) }] });
    expect(copyState(workbook.state)).toBe(before);
  });

  test("through Office.js: the sheet's protection is read, and the issued INV-0001 is never replaced", async () => {
    const excel = emptyState();
    const office = new OfficeWorkbook(fakeExcelRun(excel).run);
    await insertSample(office);
    expect(await generateInvoice(office, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true, number: "INV-0001" });
    expect((await office.read(NAMES.milestones)).protectedSheets).toEqual(["INV-0001"]);
    const memory = new MemoryWorkbook(excel);
    deleteLog(memory);
    setSetting(excel, "Next invoice number", 1);
    const before = copyState(excel);
    expect(await generateInvoice(office, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: false, problems: [{ code: "LOG_MISSING_DOCUMENTS" }] });
    expect(copyState(excel)).toBe(before);
  });
});

describe("a 0.00 invoice (issue 13, item 8)", () => {
  test("nothing billed since the last invoice is refused, and issued only when asked for explicitly", async () => {
    const workbook = await sampleWorkbook();
    await issue(workbook, "2026-09-30");
    const before = copyState(workbook.state);
    const refused = await generateInvoice(workbook, { invoiceDate: "2026-10-31" });
    expect(refused).toMatchObject({ ok: false, problems: [{ code: "NOTHING_BILLED", sheet: "Milestones", cell: "A1", message: expect.stringMatching(/^Nothing was billed since INV-0001: .*--allow-zero/) }] });
    expect(copyState(workbook.state)).toBe(before);
    // A draft uses no number: it may show 0.00.
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-31", draft: true })).toMatchObject({ ok: true, draft: true });
    const zero = await generateInvoice(workbook, { invoiceDate: "2026-10-31", allowZeroInvoice: true });
    expect(zero).toMatchObject({ ok: true, number: "INV-0002" });
    expect(zero.ok && zero.result.summary).toMatchObject({ currentPaymentDue: "0.00", tax: "0.00", totalDue: "0.00" });
  });

  test("a period that releases retention bills something, though no line moved", async () => {
    const workbook = await sampleWorkbook();
    await issue(workbook, "2026-09-30");
    setSetting(workbook.state, "Release retention on next invoice", "all");
    expect((await issue(workbook, "2026-10-31")).result.summary.retentionReleased).toBe("4254.38");
  });
});

describe("dates and the default period (issue 13, item 15)", () => {
  test("on the first of a month the default period is the month just ended; once billed, since the last invoice up to the invoice date", async () => {
    const workbook = await sampleWorkbook();
    const first = await issue(workbook, "2026-10-01");
    expect(first.issued).toMatchObject({ invoiceDate: "2026-10-01", periodStart: "2026-09-01", periodEnd: "2026-09-30" });
    setMilestone(workbook.state, "M3", "% complete", 0.5);
    const second = await issue(workbook, "2026-10-20");
    expect(second.issued).toMatchObject({ periodStart: "2026-10-01", periodEnd: "2026-10-20" });
    setMilestone(workbook.state, "M3", "% complete", 0.6);
    // On a month's last day, that month.
    expect((await issue(workbook, "2026-10-31")).issued).toMatchObject({ periodStart: "2026-10-21", periodEnd: "2026-10-31" });
  });

  test("a period end after the invoice date, and documents dated before the last one, are refused with nothing written", async () => {
    const { issueCreditNote } = await import("../../src/workbook/credit-note");
    const workbook = await sampleWorkbook();
    const before = copyState(workbook.state);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30", periodEnd: "2026-10-15" })).toMatchObject({
      ok: false, problems: [{ code: "PERIOD_END_AFTER_INVOICE_DATE", message: expect.stringMatching(/period end 2026-10-15 is after the invoice date 2026-09-30/) }],
    });
    expect(copyState(workbook.state)).toBe(before);
    await issue(workbook, "2026-10-05");
    setMilestone(workbook.state, "M3", "% complete", 0.5);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-04", periodEnd: "2026-10-04" })).toMatchObject({
      ok: false, problems: [{ code: "DATED_BEFORE_LAST_DOCUMENT", message: expect.stringMatching(/invoice date 2026-10-04 is before INV-0001, issued on 2026-10-05.*2026-10-05 or later/) }],
    });
    expect(await issueCreditNote(workbook, { date: "2026-10-01" })).toMatchObject({
      ok: false, problems: [{ code: "DATED_BEFORE_LAST_DOCUMENT", message: expect.stringMatching(/credit note date 2026-10-01 is before INV-0001/) }],
    });
  });
});

describe("the truth after a partial failure, and names that are taken (issue 13, item 11)", () => {
  test("the log row written, then the sheet's protection failing: the invoice is issued, with a warning, and the retry does not issue it again", async () => {
    const workbook = await sampleWorkbook();
    const commit = workbook.commitInvoice.bind(workbook);
    workbook.commitInvoice = (c: LogCommit) => commit({ ...c, lockSheet: "gone" });
    const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(outcome).toMatchObject({ ok: true, number: "INV-0001", warnings: [{ code: "ISSUED_INCOMPLETE", message: expect.stringMatching(/^INV-0001 was issued \(the billing log records it\), but .*Review > Protect Sheet/) }] });
    expect(outcome.ok && outcome.issued.number).toBe("INV-0001");
    workbook.commitInvoice = (c: LogCommit) => commit(c);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: false, problems: [{ code: "PERIOD_ALREADY_BILLED" }] });
  });

  test("a failure before the log row still fails: nothing was issued", async () => {
    const workbook = await sampleWorkbook();
    workbook.commitInvoice = () => Promise.reject(new Error("connection lost"));
    await expect(generateInvoice(workbook, { invoiceDate: "2026-09-30" })).rejects.toThrow("connection lost");
  });

  test("a name Interim would create that is taken (any case, a workbook name or a table) is a problem before anything is written", async () => {
    const named = await sampleWorkbook();
    named.state.names.push({ name: "interimsheet_inv_002d0001", sheet: "Contract" });
    const before = copyState(named.state);
    expect(await generateInvoice(named, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: false, problems: [{ code: "NAME_TAKEN", message: expect.stringMatching(/"InterimSheet_INV_002D0001".*Name Manager/) }] });
    expect(copyState(named.state)).toBe(before);

    const noLog = await sampleWorkbook();
    deleteLog(noLog);
    noLog.state.names.push({ name: "interiminvoices", sheet: "Contract" });
    await noLog.createMilestoneTable("Other", NAMES.logSheet, [["something else"]]);
    const snapshot = copyState(noLog.state);
    const outcome = await generateInvoice(noLog, { invoiceDate: "2026-09-30" });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: "SHEET_EXISTS", message: expect.stringMatching(/"Billing log" exists but holds no billing log/) }, { code: "NAME_TAKEN", message: expect.stringMatching(/"InterimInvoices"/) }] });
    expect(copyState(noLog.state)).toBe(snapshot);
  });
});

describe("credit notes carry the cancelled invoice's descriptions and tax per rate (issue 13, item 16)", () => {
  test("the credit note's sheet and document restate INV-0002 exactly, with the opposite sign on the sheet", async () => {
    const { issueCreditNote } = await import("../../src/workbook/credit-note");
    const workbook = await twoInvoices();
    const second = tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!)[2]!;
    const credit = await issueCreditNote(workbook, { date: "2026-11-02" });
    if (!credit.ok) throw new Error(JSON.stringify(credit.problems));
    expect(credit.issued).toMatchObject({ number: "CN-0001", kind: "credit note", credits: "INV-0002", periodStart: "2026-10-01", periodEnd: "2026-10-31", invoiceDate: "2026-11-02" });
    const s = credit.issued.result.summary;
    expect([s.currentPaymentDue, s.tax, s.totalDue].map(Number)).toEqual([second[15], second[16], second[17]]);
    expect(credit.issued.result.taxBreakdown.map((t) => [t.rate, t.tax])).toEqual([["0.09", "0.00"], ["0.19", "4560.00"]]);
    expect(credit.issued.result.lines.find((l) => l.id === "M3")).toMatchObject({ description: "Build and integration", thisPeriod: "24000.00", taxRate: "0.19" });

    const sheet = findSheet(workbook.state, "CN-0001")!;
    expect(sheet.cells[11]?.slice(0, 4)).toEqual(["Item", "Work billed on INV-0002, cancelled", "Tax rate", "This period (E)"]);
    expect(sheet.cells.find((r) => r[0] === "M3")?.slice(0, 4)).toEqual(["M3", "Build and integration", 0.19, -24000]);
    expect(sheet.cells.find((r) => String(r[1] ?? "").startsWith("Tax at 19%"))?.slice(1, 3)).toEqual(["Tax at 19% on 24,000.00, credited", -4560]);
    expect(sheet.cells.find((r) => String(r[1] ?? "").startsWith("Total credited"))?.[2]).toBe(-Number(s.totalDue));
  });

  test("a setting changed since the invoice, so that it can no longer be restated, is a problem and nothing is written", async () => {
    const { issueCreditNote } = await import("../../src/workbook/credit-note");
    const workbook = await twoInvoices();
    setSetting(workbook.state, "Tax rate", 0.2);
    const before = copyState(workbook.state);
    expect(await issueCreditNote(workbook, { date: "2026-11-02" })).toMatchObject({
      ok: false, problems: [{ code: "CANNOT_RESTATE", message: expect.stringMatching(/tax 4560.00 on INV-0002, 4800.00 now/) }],
    });
    expect(copyState(workbook.state)).toBe(before);
  });
});
