import { issueCreditNote } from "../../src/workbook/credit-note";
import { isoToSerial } from "../../src/workbook/dates";
import { checkOf } from "../../src/workbook/billing-log";
import { generateInvoice, type GenerateOutcome } from "../../src/workbook/generate-invoice";
import { type MemoryState, findSheet, findTable, setCell, tableValues, MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { INVOICE_LOG_HEADERS, NAMES, type CellValue, type WorkbookPort } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { editXlsx } from "../support/exceljs-file";
import { fakeExcelRun } from "../support/fake-excel";
import { copyState, sampleWorkbook, setMilestone, setSetting } from "./helpers";

/**
 * Settings and dates that would make a sheet or a number Excel cannot hold, and texts longer
 * than a cell: each a problem at its cell (or naming its field) before anything is written,
 * in memory and through Office.js (decision 0027).
 */

const PORTS: [string, (state: MemoryState) => WorkbookPort][] = [
  ["memory", (state) => new MemoryWorkbook(state)],
  ["Office.js", (state) => new OfficeWorkbook(fakeExcelRun(state).run)],
];

interface Found {
  code: string;
  at: string | undefined;
  message: string;
}

/** Generates on each port from the same broken workbook: the problems, and proof that nothing was written. */
async function refusedOn(port: (state: MemoryState) => WorkbookPort, state: MemoryState, act: (port: WorkbookPort) => Promise<GenerateOutcome | { ok: boolean; problems?: Found[] }>): Promise<Found[]> {
  const before = copyState(state);
  const outcome = await act(port(state));
  if (outcome.ok || !("problems" in outcome) || outcome.problems === undefined) throw new Error("written from bad input");
  expect(copyState(state)).toBe(before);
  return outcome.problems.map((p) => {
    const placed = p as { code: string; message: string; sheet?: string; cell?: string };
    return { code: placed.code, at: placed.sheet === undefined ? undefined : `${placed.sheet}!${placed.cell ?? ""}`, message: placed.message };
  });
}

const invoice = (options: { invoiceDate: string; periodEnd?: string; draft?: boolean }) => (port: WorkbookPort) => generateInvoice(port, options);

describe.each(PORTS)("%s: settings that would make impossible sheets or numbers", (_, port) => {
  test.each([
    [1e21, "1e+21"],
    [2 ** 53, "9007199254740992"],
    ["1e21", "1e21"],
    [0, "0"],
  ])("Next invoice number %p is refused at its cell", async (value, shown) => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Next invoice number", value);
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      { code: "NOT_A_NUMBER", at: "Contract!B48", message: `Next invoice number must be a whole number from 1 to 999,999,999, not "${shown}".` },
    ]);
  });

  test("the largest next invoice number is issued as its digits", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Next invoice number", 999_999_999);
    expect(await generateInvoice(port(state), { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true, number: "INV-999999999" });
    expect(findSheet(state, "INV-999999999")).toBeDefined();
  });

  test("a prefix that starts with an apostrophe or holds a character sheet names cannot", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Invoice prefix", "'INV-");
    setSetting(state, "Credit note prefix", "CN/");
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      expect.objectContaining({ code: "INVALID_OPTION", at: "Contract!B47", message: expect.stringMatching(/^Invoice prefix "'INV-" starts the names of the document sheets, and Excel's sheet names hold none of \[ \] : \* \? \/ \\ and do not start with an apostrophe/) }),
      expect.objectContaining({ code: "INVALID_OPTION", at: "Contract!B49", message: expect.stringMatching(/^Credit note prefix "CN\/" starts/) }),
    ]);
  });

  test("an apostrophe inside a prefix is a sheet name Excel holds", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Invoice prefix", "O'Neill-");
    expect(await generateInvoice(port(state), { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true, number: "O'Neill-0001" });
  });

  test("a prefix and number that make a sheet name over 31 characters, a draft's included", async () => {
    const { state } = await sampleWorkbook();
    // 20 characters and a 6-digit number: "Draft ACME-BUILDERS-INV-26100000" is 32.
    setSetting(state, "Invoice prefix", "ACME-BUILDERS-INV-26");
    setSetting(state, "Next invoice number", 100_000);
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      { code: "SHEET_NAME_TOO_LONG", at: "Contract!B47", message: 'Invoice prefix makes the sheet name "Draft ACME-BUILDERS-INV-26100000", 32 characters; Excel\'s sheet names hold at most 31. Shorten Invoice prefix by 1 character.' },
    ]);
    setSetting(state, "Invoice prefix", "INV-");
    setSetting(state, "Credit note prefix", "A-CREDIT-NOTE-PREFIX-OF-28-");
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      expect.objectContaining({ code: "SHEET_NAME_TOO_LONG", at: "Contract!B49", message: expect.stringMatching(/^Credit note prefix makes the sheet name "A-CREDIT-NOTE-PREFIX-OF-28-100000", 33 characters/) }),
    ]);
  });

  test("a credit note prefix that is the invoice prefix (the two series would share sheet names)", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Credit note prefix", "inv-");
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      expect.objectContaining({ code: "INVALID_OPTION", at: "Contract!B49", message: expect.stringMatching(/^Credit note prefix "inv-" is the invoice prefix/) }),
    ]);
  });

  test("payment terms of more than a year", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Payment terms (days)", 400);
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      { code: "NOT_A_NUMBER", at: "Contract!B45", message: 'Payment terms (days) must be a whole number from 0 to 365, not "400".' },
    ]);
  });
});

describe.each(PORTS)("%s: texts longer than an Excel cell holds", (_, port) => {
  test("payment terms that fit a cell, but not with the label the invoice puts before them", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Payment terms", "x".repeat(32_760));
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      { code: "TEXT_TOO_LONG", at: "Contract!B46", message: 'Payment terms is 32,760 characters long with "Payment terms: " before it on the invoice, over the 32,767 characters an Excel cell holds; shorten it to at most 32,752.' },
    ]);
    setSetting(state, "Payment terms", "x".repeat(32_752));
    expect(await generateInvoice(port(state), { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
  });

  test("a tax id, with the label before it", async () => {
    const { state } = await sampleWorkbook();
    setSetting(state, "Client tax id", "1".repeat(32_761));
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      expect.objectContaining({ code: "TEXT_TOO_LONG", at: "Contract!B22" }),
    ]);
  });
});

describe("memory: a milestone table's text over a cell's limit (a workbook Excel would not open)", () => {
  test("is a problem at its cell, for an invoice and a credit note", async () => {
    const workbook = await sampleWorkbook();
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    setMilestone(workbook.state, "M3", "Description", "d".repeat(32_768));
    const expected = [{ code: "TEXT_TOO_LONG", at: "Milestones!B4", message: "The text of this cell is 32,768 characters long, over the 32,767 characters an Excel cell holds; shorten it to at most 32,767." }];
    expect(await refusedOn(() => workbook, workbook.state, invoice({ invoiceDate: "2026-10-31" }))).toEqual(expected);
    expect(await refusedOn(() => workbook, workbook.state, (p) => issueCreditNote(p, { date: "2026-10-02" }))).toEqual(expected);
  });
});

describe.each(PORTS)("%s: dates out of range", (_, port) => {
  test.each([
    [{ invoiceDate: "0026-01-31" }, "The invoice date 0026-01-31 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year."],
    [{ invoiceDate: "9999-12-31" }, "The invoice date 9999-12-31 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year."],
    [{ invoiceDate: "2026-10-31", periodEnd: "0026-09-30" }, "The period end 0026-09-30 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year."],
    [{ invoiceDate: "2026-02-30" }, 'The invoice date "2026-02-30" is not a date written as YYYY-MM-DD.'],
  ])("%p", async (options, message) => {
    const { state } = await sampleWorkbook();
    expect(await refusedOn(port, state, invoice(options))).toEqual([{ code: "INVALID_DATE", at: undefined, message }]);
  });

  test("a due date past the range is a problem at the payment terms' days", async () => {
    const { state } = await sampleWorkbook();
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2100-12-20" }))).toEqual([
      { code: "INVALID_DATE", at: "Contract!B45", message: "The due date would be 2101-01-19, 30 days after 2100-12-20, after the last date Interim accepts, 2100-12-31; date the document earlier or shorten Payment terms (days)." },
    ]);
    setSetting(state, "Payment terms (days)", 11);
    expect(await generateInvoice(port(state), { invoiceDate: "2100-12-20" })).toMatchObject({ ok: true, issued: { dueDate: "2100-12-31" } });
  });

  test("a credit note's date", async () => {
    const { state } = await sampleWorkbook();
    const workbook = port(state);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    expect(await refusedOn(port, state, (p) => issueCreditNote(p, { date: "9999-12-31" }))).toEqual([
      { code: "INVALID_DATE", at: undefined, message: "The credit note date 9999-12-31 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year." },
    ]);
  });

  test("a billing log that holds a date out of range (issued before the range was checked) is a problem at its cell", async () => {
    const { state } = await sampleWorkbook();
    expect(await generateInvoice(port(state), { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    // INV-0001 as a version without the check issued it with --period-end 0026-09-30: its
    // fingerprint matches, so the log reads as Interim wrote it.
    logInvoiceRow(state, 1, (row) => {
      row[INVOICE_LOG_HEADERS.indexOf("Period end")] = isoToSerial("0026-09-30");
    });
    setMilestone(state, "M4", "% complete", 0.5);
    const problems = await refusedOn(port, state, invoice({ invoiceDate: "2026-10-31" }));
    expect(problems).toEqual([
      expect.objectContaining({ code: "INVALID_DATE", at: "Billing log!F2", message: expect.stringMatching(/^Billing log row 2 \(INV-0001\): the period end 0026-09-30 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; INV-0001 was issued with a mistyped date/) }),
    ]);
    expect(await refusedOn(port, state, (p) => issueCreditNote(p, { date: "2026-10-02" }))).toEqual(problems);
  });

  test("a log date past JavaScript's dates is a problem, not a crash", async () => {
    const { state } = await sampleWorkbook();
    expect(await generateInvoice(port(state), { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    logInvoiceRow(state, 1, (row) => {
      row[INVOICE_LOG_HEADERS.indexOf("Invoice date")] = 1e12;
    });
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-10-31" }))).toEqual([
      expect.objectContaining({ code: "INVALID_DATE", at: "Billing log!D2", message: expect.stringMatching(/the invoice date 1000000000000 is outside/) }),
    ]);
  });
});

describe("xlsx: a billing log date out of range, read back from the file", () => {
  test("is a problem at its cell", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    expect(await generateInvoice(created, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    const { invoices, invoiceLines } = await created.read(NAMES.milestones);
    const row = (invoices?.values[1] ?? []).slice(0, INVOICE_LOG_HEADERS.indexOf("Check"));
    row[INVOICE_LOG_HEADERS.indexOf("Period end")] = isoToSerial("0026-09-30");
    const lines = (invoiceLines?.values ?? []).slice(1).filter((line) => line[0] === row[0]);
    const edited = await editXlsx(await created.toBuffer(), (workbook) => {
      const sheet = workbook.getWorksheet(NAMES.logSheet)!;
      sheet.getCell("F2").value = isoToSerial("0026-09-30");
      sheet.getCell("T2").value = checkOf(row, lines);
    });
    const reread = await XlsxWorkbook.fromBuffer(edited);
    expect(await generateInvoice(reread, { invoiceDate: "2026-10-31" })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: "INVALID_DATE", sheet: NAMES.logSheet, cell: "F2", message: expect.stringMatching(/the period end 0026-09-30 is outside the dates Interim accepts/) })],
    });
  });
});

describe.each(PORTS)("%s: a number past Excel's last day in a date format", (_, port) => {
  test("is shown as the number in its problem, never a crash", async () => {
    const { state } = await sampleWorkbook();
    setMilestone(state, "M4", "Scheduled value", 1e13);
    findSheet(state, NAMES.milestones)?.numberFormats.set("4,2", "yyyy-mm-dd");
    expect(await refusedOn(port, state, invoice({ invoiceDate: "2026-09-30" }))).toEqual([
      expect.objectContaining({ code: "DATE_WHERE_NUMBER", at: "Milestones!C5", message: expect.stringMatching(/^C5 holds a date \(10000000000000\), where an amount is expected/) }),
    ]);
  });
});

/** Changes a row of the invoices table and records its fingerprint again, as Interim would have written it. */
function logInvoiceRow(state: MemoryState, row: number, change: (values: CellValue[]) => void): void {
  const invoices = findTable(state, NAMES.invoicesTable)!;
  const lines = findTable(state, NAMES.linesTable)!;
  const sheet = findSheet(state, invoices.sheet)!;
  const values = (tableValues(state, invoices)[row] ?? []).slice(0, INVOICE_LOG_HEADERS.indexOf("Check"));
  change(values);
  const number = values[0];
  const lineRows = tableValues(state, lines).slice(1).filter((r) => r[0] === number);
  [...values, checkOf(values, lineRows)].forEach((value, column) => setCell(sheet, invoices.top + row, invoices.left + column, value));
}
