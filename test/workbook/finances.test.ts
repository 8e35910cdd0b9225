import { generateInvoice } from "../../src/workbook/generate-invoice";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { type PaymentEntry, planPayment, readFinances, recordPayment } from "../../src/workbook/finances";
import { type MemoryState, MemoryWorkbook, findSheet, findTable, newSheet, setCell, tableValues } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { type CellValue, INVOICE_LOG_HEADERS, NAMES, PAYMENT_HEADERS, type WorkbookPort, type WorkbookSnapshot } from "../../src/workbook/port";
import { isoToSerial } from "../../src/workbook/dates";
import { describeProblem } from "../../src/workbook/problems";
import { fakeExcelRun, filterTable } from "../support/fake-excel";
import { copyState, sampleWorkbook, setMilestone, setSetting } from "./helpers";

/*
 * The worked example: the sample contract (EUR, retention 5 %, VAT 19 %, payment terms 30
 * days), two invoices and two payments, its costs brought up to date for the second period.
 *
 * INV-0001, 2026-09-30: total due 94,999.75, due 2026-10-30; paid in full on 2026-10-28.
 * INV-0002, 2026-10-31: total due 67,502.26, due 2026-11-30; 30,000.00 paid on 2026-12-10.
 *   Line 4 (billed to date) 144,300.00, line 5 (retention) 7,215.00, line 6 (certified) 137,085.00.
 * Costs: estimated 150,000.00 in all; to date 11,800 + 15,800 + 41,000 + 4,200 + 0 + 6,500
 *   + 14,000 + 5,300 = 98,600.00, so 98,600 / 150,000 = 0.657333 (0.6573) complete by cost,
 *   earned revenue 224,500 × 0.657333... = 147,571.33, over/under billing 144,300.00 −
 *   147,571.33 = −3,271.33 (underbilled), estimated gross profit 224,500 − 150,000 = 74,500.00,
 *   margin 74,500 / 224,500 = 0.33185 (0.3318), gross profit to date 147,571.33 − 98,600 = 48,971.33.
 * As of 2026-11-15: INV-0002 is not due yet, 67,502.26 current. As of 2026-12-31: 37,502.26
 *   outstanding, 31 days past 2026-11-30: 31-60. As of 2027-03-05: 95 days, over 90.
 * Forecast as of 2026-12-31 (first month 2027-01), balances to finish after INV-0002: M3
 *   96,000 − 57,600 = 38,400 (planned 2027-01-29), M4 30,000 − 6,000 = 24,000 (2027-02-26), M5
 *   12,000 (2027-03-31), T1 15,000 − 80 h × 115 = 5,800 (2026-12-18, before the first month:
 *   billed in it). Cash: INV-0002's 37,502.26 overdue (January), and each balance 30 days
 *   after its billing: T1 from 2027-01-01 → January, M3 → 2027-02-28, M4 → 2027-03-28, M5 → April.
 */
async function workedExample(port: WorkbookPort, state: MemoryState): Promise<void> {
  expect(await generateInvoice(port, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true, number: "INV-0001" });
  for (const [id, value] of [["M2", 1], ["M3", 0.6], ["M4", 0.2], ["CO1", 1]] as const) setMilestone(state, id, "% complete", value);
  setMilestone(state, "T1", "Hours to date", 80);
  for (const [id, cost] of [["M2", 15800], ["M3", 41000], ["M4", 4200], ["T1", 6500], ["CO1", 5300]] as const) setMilestone(state, id, "Cost to date", cost);
  expect(await generateInvoice(port, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: true, number: "INV-0002" });
  expect(await recordPayment(port, payment("INV-0001", "94999.75", "2026-10-28"))).toMatchObject({
    ok: true, receivable: { number: "INV-0001", paid: "94999.75", outstanding: "0.00", bucket: "current" },
  });
  expect(await recordPayment(port, payment("inv-0002", "30000", "2026-12-10", "Transfer 7781"))).toMatchObject({
    ok: true, receivable: { number: "INV-0002", paid: "30000.00", outstanding: "37502.26", daysOverdue: 10, bucket: "1-30" },
  });
}

function payment(document: string, amount: string, date: string, reference = ""): PaymentEntry {
  return { document, amount, date, reference };
}

async function finances(port: WorkbookPort, asOf: string) {
  const read = readFinances(await port.read(NAMES.milestones), { asOf });
  if (!read.ok) throw new Error(read.problems.map(describeProblem).join("\n"));
  return read;
}

/** The problems of a read, as a person finds them: the cell and the words. */
async function problemsOf(port: WorkbookPort, asOf = "2026-12-31"): Promise<{ code: string; at: string; message: string }[]> {
  const read = readFinances(await port.read(NAMES.milestones), { asOf });
  if (read.ok) throw new Error("the read found no problem");
  return read.problems.map((p) => ({ code: p.code, at: p.sheet === undefined ? "" : `${p.sheet}!${p.cell ?? ""}`, message: p.message }));
}

/** A table typed by a person on a sheet of its own, from A1. */
function addTable(state: MemoryState, name: string, sheetName: string, values: CellValue[][]): void {
  state.sheets.push(newSheet(sheetName, values.map((row) => [...row])));
  state.tables.push({ name, sheet: sheetName, top: 0, left: 0, rows: values.length, columns: values[0]?.length ?? 0 });
}

/** Sets a cell of a table by its data row (0-based, below the header) and header. */
function setTableCell(state: MemoryState, tableName: string, row: number, header: string, value: CellValue): void {
  const table = findTable(state, tableName);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error(`no table ${tableName}`);
  const column = (tableValues(state, table)[0] ?? []).indexOf(header);
  if (column < 0) throw new Error(`no column ${header} in ${tableName}`);
  setCell(sheet, table.top + 1 + row, table.left + column, value);
}

async function issuedAndPaid(): Promise<MemoryWorkbook> {
  const workbook = await sampleWorkbook();
  await workedExample(workbook, workbook.state);
  return workbook;
}

describe("the worked example, end to end in memory", () => {
  test("receivables, aging, WIP, margin and forecast as of three dates", async () => {
    const workbook = await issuedAndPaid();
    const november = await finances(workbook, "2026-11-15");
    expect(november.finances).toMatchObject({
      invoicedToDate: "162502.01", paidToDate: "94999.75", outstanding: "67502.26", overdue: "0.00",
      aging: { current: "67502.26", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
    });
    expect(november.finances.invoices.map((i) => [i.number, i.dueDate, i.outstanding, i.bucket])).toEqual([
      ["INV-0001", "2026-10-30", "0.00", "current"], ["INV-0002", "2026-11-30", "67502.26", "current"],
    ]);

    const yearEnd = await finances(workbook, "2026-12-31");
    expect(yearEnd).toMatchObject({ contract: "CT-2026-014", client: "Contoso Logistics GmbH", warnings: [] });
    expect(yearEnd.finances).toMatchObject({
      asOf: "2026-12-31", currency: "EUR",
      contractSumToDate: "224500.00", billedToDate: "144300.00", certifiedToDate: "137085.00",
      invoicedToDate: "162502.01", paidToDate: "124999.75", outstanding: "37502.26", overdue: "37502.26",
      aging: { current: "0.00", "1-30": "0.00", "31-60": "37502.26", "61-90": "0.00", "over-90": "0.00" },
      retentionHeld: "7215.00", advanceOutstanding: "0.00",
      estimatedCost: "150000.00", costToDate: "98600.00", percentCompleteByCost: "0.6573", earnedRevenue: "147571.33",
      overUnderBilling: "-3271.33", estimatedGrossProfit: "74500.00", estimatedMargin: "0.3318", grossProfitToDate: "48971.33",
      forecast: [
        { month: "2027-01", billing: "44200.00", cash: "43302.26" },
        { month: "2027-02", billing: "24000.00", cash: "38400.00" },
        { month: "2027-03", billing: "12000.00", cash: "24000.00" },
        { month: "2027-04", billing: "0.00", cash: "12000.00" },
      ],
      unplanned: [],
    });
    expect(yearEnd.finances.invoices[1]).toEqual({
      number: "INV-0002", invoiceDate: "2026-10-31", dueDate: "2026-11-30", amountDue: "67502.26", paid: "30000.00", outstanding: "37502.26", daysOverdue: 31, bucket: "31-60",
    });

    const march = await finances(workbook, "2027-03-05");
    expect(march.finances.invoices[1]).toMatchObject({ daysOverdue: 95, bucket: "over-90" });
    expect(march.finances.aging["over-90"]).toBe("37502.26");
  });

  test("the Payments table Interim creates, and the rows it appends, read back as written", async () => {
    const workbook = await issuedAndPaid();
    const table = findTable(workbook.state, NAMES.paymentsTable);
    expect(table).toMatchObject({ sheet: NAMES.paymentsSheet, top: 0, left: 0, rows: 3, columns: PAYMENT_HEADERS.length });
    expect(tableValues(workbook.state, table!)).toEqual([
      [...PAYMENT_HEADERS],
      [isoToSerial("2026-10-28"), "INV-0001", 94999.75, null, null],
      // The document as the billing log spells it, whatever was typed.
      [isoToSerial("2026-12-10"), "INV-0002", 30000, null, "Transfer 7781"],
    ]);
  });

  test("before the first invoice the sample shows its cost, margin and WIP, without a warning", async () => {
    const workbook = await sampleWorkbook();
    const read = await finances(workbook, "2026-09-30");
    expect(read.warnings).toEqual([]);
    // 58,700 of 150,000 spent: 0.3913; earned 224,500 × 58,700 / 150,000 = 87,854.33, nothing billed yet.
    expect(read.finances).toMatchObject({
      billedToDate: "0.00", invoicedToDate: "0.00", estimatedCost: "150000.00", costToDate: "58700.00", percentCompleteByCost: "0.3913",
      earnedRevenue: "87854.33", overUnderBilling: "-87854.33", estimatedMargin: "0.3318", invoices: [],
    });
  });

  test("through the fake Excel host: the same figures, the same Payments sheet, one write per payment", async () => {
    const memory = await issuedAndPaid();
    const excel = (await sampleWorkbook()).state;
    const fake = fakeExcelRun(excel);
    const office = new OfficeWorkbook(fake.run);
    await workedExample(office, excel);
    expect((await finances(office, "2026-12-31")).finances).toEqual((await finances(memory, "2026-12-31")).finances);
    expect(tableValues(excel, findTable(excel, NAMES.paymentsTable)!)).toEqual(tableValues(memory.state, findTable(memory.state, NAMES.paymentsTable)!));
    const before = fake.syncCount();
    await recordPayment(office, payment("INV-0002", "37502.26", "2027-01-05"));
    // One read, one write: a sync each (as Generate's steps are counted).
    expect(fake.syncCount() - before).toBe(2);
    expect((await finances(office, "2027-01-31")).finances.outstanding).toBe("0.00");
  });
});

describe("the .xlsx file the command line works on", () => {
  test("a payment recorded in the file reads back from it: the same figures as in memory", async () => {
    const created = XlsxWorkbook.create();
    await insertSample(created);
    expect(await generateInvoice(created, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    expect(await recordPayment(created, payment("INV-0001", "50000", "2026-10-15", "first half"))).toMatchObject({ ok: true, write: { create: true } });
    const reopened = await XlsxWorkbook.fromBuffer(await created.toBuffer());
    expect(await recordPayment(reopened, payment("INV-0001", "44999.75", "2026-11-02"))).toMatchObject({ ok: true, write: { create: false }, receivable: { outstanding: "0.00" } });
    const file = await XlsxWorkbook.fromBuffer(await reopened.toBuffer());
    const memory = await sampleWorkbook();
    expect(await generateInvoice(memory, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    await recordPayment(memory, payment("INV-0001", "50000", "2026-10-15", "first half"));
    await recordPayment(memory, payment("INV-0001", "44999.75", "2026-11-02"));
    expect((await finances(file, "2026-12-31")).finances).toEqual((await finances(memory, "2026-12-31")).finances);
    expect((await finances(file, "2026-10-31")).finances).toMatchObject({ paidToDate: "50000.00", outstanding: "44999.75", overdue: "44999.75" });
  });
});

describe("an older billing log, and due dates edited by hand", () => {
  /** The log as an earlier version of Interim wrote it: the invoices table without its Due date column. */
  function dropDueDateColumn(state: MemoryState): void {
    const invoices = findTable(state, NAMES.invoicesTable)!;
    const sheet = findSheet(state, invoices.sheet)!;
    const column = invoices.left + INVOICE_LOG_HEADERS.indexOf("Due date");
    for (let r = invoices.top; r < invoices.top + invoices.rows; r += 1) setCell(sheet, r, column, null);
    invoices.columns -= 1;
  }

  test("without the Due date column an invoice is due its date plus the payment terms; the next invoice is logged without one", async () => {
    const workbook = await sampleWorkbook();
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    dropDueDateColumn(workbook.state);
    setSetting(workbook.state, "Payment terms (days)", 45);
    setMilestone(workbook.state, "M4", "% complete", 0.5);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: true, number: "INV-0002", issued: { dueDate: "2026-12-15" } });
    const invoices = findTable(workbook.state, NAMES.invoicesTable)!;
    expect(invoices.columns).toBe(INVOICE_LOG_HEADERS.length - 1);
    expect(tableValues(workbook.state, invoices)[0]).not.toContain("Due date");
    const read = await finances(workbook, "2026-11-20");
    // 2026-09-30 + 45 days and 2026-10-31 + 45 days.
    expect(read.finances.invoices.map((i) => [i.number, i.dueDate, i.daysOverdue])).toEqual([["INV-0001", "2026-11-14", 6], ["INV-0002", "2026-12-15", 0]]);
  });

  test("a due date renegotiated in the log is read as typed, and the next invoice is issued all the same (the column is outside the check)", async () => {
    const workbook = await sampleWorkbook();
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    setTableCell(workbook.state, NAMES.invoicesTable, 0, "Due date", isoToSerial("2026-12-15"));
    expect((await finances(workbook, "2026-12-01")).finances.invoices[0]).toMatchObject({ dueDate: "2026-12-15", daysOverdue: 0, bucket: "current" });
    setTableCell(workbook.state, NAMES.invoicesTable, 0, "Due date", "2026-11-15");
    expect((await finances(workbook, "2026-12-01")).finances.invoices[0]).toMatchObject({ dueDate: "2026-11-15", daysOverdue: 16, bucket: "1-30" });
    setMilestone(workbook.state, "M4", "% complete", 0.5);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: true, number: "INV-0002" });
  });

  test("a due date that is no date is a problem at its cell for the figures, not for the next invoice", async () => {
    const workbook = await sampleWorkbook();
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    setTableCell(workbook.state, NAMES.invoicesTable, 0, "Due date", "end of month");
    expect(await problemsOf(workbook)).toEqual([{
      code: "INVALID_DATE", at: "Billing log!U2",
      message: 'Billing log row 2 (INV-0001): the due date "end of month" is not a date from 1990-01-01 to 2100-12-31. Enter the due date agreed with the client as a date, or clear the cell: INV-0001 is then due 30 days (the payment terms) after its invoice date.',
    }]);
    setMilestone(workbook.state, "M4", "% complete", 0.5);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-10-31" })).toMatchObject({ ok: true });
  });
});

describe("every problem at its cell, in words that say how to fix it", () => {
  /** The worked example with a Payments row changed, as a person types into it. */
  async function withPaymentCell(row: number, header: string, value: CellValue): Promise<MemoryWorkbook> {
    const workbook = await issuedAndPaid();
    setTableCell(workbook.state, NAMES.paymentsTable, row, header, value);
    return workbook;
  }

  test.each([
    ["text in an amount", 1, "Amount", "thirty thousand", "NOT_A_NUMBER", "Payments!C3", '"Amount" holds the text "thirty thousand", not a number; type the amount received as a number (a refund as a negative number).'],
    ["an error value", 1, "Amount", "#N/A", "ERROR_VALUE", "Payments!C3", '"Amount" holds the error #N/A; correct the formula behind it, or type the value.'],
    ["an amount that reads two ways", 1, "Amount", "30.000", "AMBIGUOUS_NUMBER", "Payments!C3", '"Amount" is the text "30.000", which reads two ways: 30000 with "." separating thousands, or 30 with "." as the decimal mark. Enter the number itself (30000 or 30), not text.'],
    ["a date that is text", 1, "Date", "10/12/2026", "INVALID_DATE", "Payments!A3", '"Date" holds the text "10/12/2026", not a date: Excel keeps it as text (a cell formatted as Text, or a date in another order than the workbook\'s). Type it again as a date, such as 2026-12-15.'],
    ["a date out of range", 1, "Date", isoToSerial("0026-12-10"), "INVALID_DATE", "Payments!A3", expect.stringContaining("outside the dates Interim accepts (1990-01-01 to 2100-12-31)")],
    ["an unknown document", 1, "Document", "INV-0009", "UNKNOWN_DOCUMENT", "Payments!B3", "Payment 2 (INV-0009): the billing log has no document INV-0009; enter the number of the invoice the client paid."],
    ["a payment before its invoice", 1, "Date", isoToSerial("2026-10-20"), "PAYMENT_BEFORE_INVOICE", "Payments!A3", expect.stringContaining("it is dated 2026-10-20, before INV-0002 was issued (2026-10-31)")],
    ["a payment above the amount due", 1, "Amount", 70000, "OVERPAID", "Payments!C3", expect.stringContaining("takes what was paid against INV-0002 to 70000.00, beyond its amount due (67502.26)")],
    ["a refund of more than was paid", 1, "Amount", -100, "OVERPAID", "Payments!C3", expect.stringContaining("a refund cannot exceed what was paid")],
    ["another currency", 1, "Currency", "USD", "WRONG_CURRENCY", "Payments!D3", expect.stringContaining("it is in USD, but the contract is in EUR")],
  ])("%s", async (_, row, header, value, code, at, message) => {
    const workbook = await withPaymentCell(row, header, value);
    expect(await problemsOf(workbook)).toEqual([{ code, at, message }]);
  });

  test("a refund within what was paid lowers what was paid", async () => {
    const workbook = await issuedAndPaid();
    expect(await recordPayment(workbook, payment("INV-0001", "-999.75", "2026-11-02", "refund of an overpayment"))).toMatchObject({
      ok: true, receivable: { paid: "94000.00", outstanding: "999.75" },
    });
    expect((await finances(workbook, "2026-12-31")).finances).toMatchObject({ paidToDate: "124000.00", outstanding: "38502.01" });
  });

  test("a payment against an invoice a credit note cancelled", async () => {
    const workbook = await issuedAndPaid();
    expect(await issueCreditNote(workbook, { date: "2027-01-10" })).toMatchObject({ ok: true, cancels: "INV-0002" });
    expect(await problemsOf(workbook)).toEqual([{
      code: "UNKNOWN_DOCUMENT", at: "Payments!B3",
      message: "Payment 2 (INV-0002): INV-0002 was cancelled by CN-0001; record the payment against the invoice that replaced it.",
    }]);
  });

  test("a missing or repeated header of the Payments table is a problem at the table, and no row is read", async () => {
    // Row -1 is the header row.
    const renamed = await withPaymentCell(-1, "Amount", "Sum");
    expect(await problemsOf(renamed)).toEqual([{
      code: "MISSING_COLUMN", at: "Payments!A1", message: 'The Payments table (Payments) has no "Amount" column; add a column headed "Amount", or rename the one that holds it.',
    }]);
    const repeated = await withPaymentCell(-1, "Reference", "Amount paid");
    expect(await problemsOf(repeated)).toEqual([{
      code: "DUPLICATE_COLUMN", at: "Payments!E1", message: 'Columns "Amount" and "Amount paid" of the Payments table both read as its amount; keep one of them, or rename the other.',
    }]);
  });

  test("a Costs table: a cost for a line that is not in the milestone table, and a line costed in both places", async () => {
    const workbook = await issuedAndPaid();
    addTable(workbook.state, NAMES.costsTable, "Costs", [
      ["Date", "Milestone", "Cost", "Type", "Description"],
      [isoToSerial("2026-12-01"), "M5", 1200, "Labor", "Hypercare planning"],
      [isoToSerial("2026-12-02"), "M9", 300, "travel", "Site visit"],
      [isoToSerial("2026-12-03"), "M3", 500, "hardware", "Test server"],
    ]);
    expect(await problemsOf(workbook)).toEqual([
      { code: "UNKNOWN_LINE", at: "Costs!B3", message: 'Cost 2 (line M9): no line of the milestone table has the id "M9"; enter the id of the line the cost belongs to.' },
      expect.objectContaining({ code: "COST_TWICE", at: "Milestones!K4", message: expect.stringContaining("Line 3 (M3): its cost is both in the Cost to date column and in rows of the Costs table") }),
    ]);
  });

  test("costs as rows of a Costs table, summed per line as of the date", async () => {
    const workbook = await issuedAndPaid();
    setMilestone(workbook.state, "M3", "Cost to date", null);
    addTable(workbook.state, NAMES.costsTable, "Costs", [
      ["Date", "Line", "Amount", "Category", "Description"],
      [isoToSerial("2026-10-15"), "m3", 40000, "labour", null],
      [isoToSerial("2026-11-20"), "M3", 1000, "subcontract", null],
      [null, null, null, null, null],
      [isoToSerial("2027-01-15"), "M3", 9000, "labour", "after the as-of date"],
    ]);
    // The same 41,000 on M3 as the worked example's cell: the same figures.
    expect((await finances(workbook, "2026-12-31")).finances).toMatchObject({ costToDate: "98600.00", earnedRevenue: "147571.33" });
    expect((await finances(workbook, "2027-01-31")).finances).toMatchObject({ costToDate: "107600.00" });
  });

  test("the milestone table's finance cells: a planned date that is text, a cost in a date format, an estimate that reads two ways", async () => {
    const workbook = await issuedAndPaid();
    setMilestone(workbook.state, "M4", "Planned completion", "end of Q1");
    setMilestone(workbook.state, "M5", "Estimated cost", "8.000");
    findSheet(workbook.state, NAMES.milestones)!.numberFormats.set("3,10", "yyyy-mm-dd");
    expect(await problemsOf(workbook)).toEqual([
      expect.objectContaining({ code: "AMBIGUOUS_NUMBER", at: "Milestones!J6", message: expect.stringContaining('"Estimated cost" is the text "8.000", which reads two ways') }),
      { code: "INVALID_DATE", at: "Milestones!L5", message: '"Planned completion" holds "end of Q1", which is not a date; enter a date, such as 2027-03-31.' },
      // M3's 41,000 in a date format shows as 2012-04-01.
      expect.objectContaining({ code: "DATE_WHERE_NUMBER", at: "Milestones!K4", message: expect.stringMatching(/^K4 holds a date \(2012-04-01\), where an amount is expected/) }),
    ]);
  });

  test("a problem in a finance column is the figures', never the invoice's", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M4", "Planned completion", "soon");
    setMilestone(workbook.state, "M3", "Cost to date", "lots");
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    expect((await problemsOf(workbook)).map((p) => [p.code, p.at])).toEqual([["INVALID_DATE", "Milestones!L5"], ["NOT_A_NUMBER", "Milestones!K4"]]);
  });

  test("warnings come back at their cells: a line over its estimate, a cost without one, an expected loss", async () => {
    const workbook = await issuedAndPaid();
    setMilestone(workbook.state, "M3", "Cost to date", 70000);
    setMilestone(workbook.state, "M1", "Estimated cost", null);
    // 150,000 − 12,000 (M1) − 8,000 + 100,000 (M5) = 230,000 estimated against 224,500: a loss of 5,500.00.
    setMilestone(workbook.state, "M5", "Estimated cost", 100000);
    const read = await finances(workbook, "2026-12-31");
    expect(read.warnings.map((w) => [w.code, `${w.sheet ?? ""}!${w.cell ?? ""}`])).toEqual(expect.arrayContaining([
      ["COST_OVER_ESTIMATE", "Milestones!J4"], ["COST_WITHOUT_ESTIMATE", "Milestones!J2"], ["EXPECTED_LOSS", "!"],
    ]));
    expect(read.warnings).toHaveLength(3);
    expect(read.warnings.find((w) => w.code === "EXPECTED_LOSS")?.message).toContain("an expected loss of 5500.00");
  });

  test("no settings, no milestone table, an as-of date that is no date", async () => {
    const workbook = await sampleWorkbook();
    const snapshot = await workbook.read(NAMES.milestones);
    expect(readFinances({ ...snapshot, settings: undefined })).toMatchObject({ ok: false, problems: [{ code: "NO_SETTINGS" }] });
    expect(readFinances({ ...snapshot, milestones: undefined }, { table: "Progress" })).toMatchObject({ ok: false, problems: [{ code: "NO_TABLE", message: expect.stringContaining('named "Progress"') }] });
    expect(readFinances(snapshot, { asOf: "31/12/2026" })).toEqual({
      ok: false, problems: [{ code: "INVALID_DATE", sheet: undefined, cell: undefined, message: 'The as-of date "31/12/2026" is not a date written as YYYY-MM-DD.' }],
    });
  });

  test("a filtered Payments table reads as it is: reading is safe, only writing refuses", async () => {
    const workbook = await issuedAndPaid();
    filterTable(workbook.state, NAMES.paymentsTable, "Document", (value) => value === "INV-0002");
    expect((await finances(workbook, "2026-12-31")).finances.paidToDate).toBe("124999.75");
    const before = copyState(workbook.state);
    expect(await recordPayment(workbook, payment("INV-0002", "100", "2027-01-05"))).toEqual({
      ok: false,
      problems: [{ code: "LOG_FILTERED", sheet: NAMES.paymentsSheet, cell: "A1", message: expect.stringMatching(/^Rows of the Payments table are hidden .* then record the payment again: Excel does not add/) }],
    });
    expect(copyState(workbook.state)).toBe(before);
  });
});

describe("Record payment: the entry checked, then one row placed", () => {
  async function snapshotOf(workbook: MemoryWorkbook): Promise<WorkbookSnapshot> {
    return workbook.read(NAMES.milestones);
  }

  test("each field of the entry is checked and named as the form names it", async () => {
    const snapshot = await snapshotOf(await issuedAndPaid());
    const problems = (entry: PaymentEntry) => {
      const plan = planPayment(snapshot, entry);
      return plan.ok ? [] : plan.problems.map((p) => [p.code, p.message]);
    };
    expect(problems({ document: " ", amount: "100", date: "2027-01-05", reference: "" })).toEqual([
      ["REQUIRED", "Invoice: choose the invoice the client paid."],
    ]);
    expect(problems(payment("INV-0002", "1,000.00", "05/01/2027"))).toEqual([
      ["INVALID_DATE", 'Date "05/01/2027" is not a date written as YYYY-MM-DD.'],
      ["NOT_A_NUMBER", 'Amount: "1,000.00" is not an amount; type it with a point for the decimals and no thousands separators, such as 1250.50 (a refund as -1250.50).'],
    ]);
    expect(problems(payment("INV-0002", "0.00", "2027-01-05"))).toEqual([["REQUIRED", "Amount: a payment of 0 records nothing; type the amount received."]]);
    expect(problems(payment("INV-0002", "10.005", "2027-01-05"))).toEqual([["TOO_MANY_DECIMALS", "Amount: the amount is 10.005, which has more decimals than EUR has (2)."]]);
    expect(problems({ ...payment("INV-0002", "100", "2027-01-05"), currency: "usd" })).toEqual([
      ["WRONG_CURRENCY", "Currency: it is in USD, but the contract is in EUR; enter the amount received in EUR, or leave the currency blank."],
    ]);
    expect(problems(payment("INV-0007", "100", "2027-01-05"))).toEqual([
      ["UNKNOWN_DOCUMENT", "Invoice: the billing log has no document INV-0007; enter the number of the invoice the client paid."],
    ]);
    expect(problems(payment("INV-0002", "100", "2026-10-15"))).toEqual([
      ["PAYMENT_BEFORE_INVOICE", "Date: it is dated 2026-10-15, before INV-0002 was issued (2026-10-31); check the date and the document number."],
    ]);
    expect(problems(payment("INV-0002", "37502.27", "2027-01-05"))).toEqual([
      ["OVERPAID", expect.stringMatching(/^Amount: it takes what was paid against INV-0002 to 67502\.27, beyond its amount due \(67502\.26\)/)],
    ]);
    expect(problems({ ...payment("INV-0002", "37502.26", "2027-01-05"), currency: "eur" })).toEqual([]);
  });

  test("a payment is refused while a row of the Payments table has a problem: nothing is written while anything there is wrong", async () => {
    const workbook = await issuedAndPaid();
    setTableCell(workbook.state, NAMES.paymentsTable, 0, "Amount", "ninety");
    const before = copyState(workbook.state);
    const plan = await recordPayment(workbook, payment("INV-0002", "100", "2027-01-05"));
    expect(plan).toMatchObject({ ok: false, problems: [{ code: "NOT_A_NUMBER", sheet: NAMES.paymentsSheet, cell: "C2" }] });
    expect(copyState(workbook.state)).toBe(before);
  });

  test("a Payments table a person made: read by its headers, the row written in its columns, a column it lacks left out", async () => {
    const workbook = await issuedAndPaid();
    const state = workbook.state;
    state.sheets.splice(state.sheets.findIndex((s) => s.name === NAMES.paymentsSheet), 1);
    state.tables.splice(state.tables.findIndex((t) => t.name === NAMES.paymentsTable), 1);
    addTable(state, NAMES.paymentsTable, "Receipts", [
      ["Invoice", "Notes", "Amount received", "Date received"],
      ["INV-0001", "first", 94999.75, isoToSerial("2026-10-28")],
    ]);
    const plan = planPayment(await workbook.read(NAMES.milestones), { ...payment("INV-0002", "67502.26", "2027-01-05", "paid in full"), currency: "EUR" });
    expect(plan).toMatchObject({
      ok: true, receivable: { outstanding: "0.00" },
      write: { create: false, rows: [[isoToSerial("2027-01-05"), "INV-0002", 67502.26, "EUR", "paid in full"]], placement: { discard: [], fillFirstRow: false, columns: [3, 0, 2, -1, -1], width: 4 } },
    });
    await recordPayment(workbook, payment("INV-0002", "67502.26", "2027-01-05", "paid in full"));
    expect(tableValues(state, findTable(state, NAMES.paymentsTable)!)[2]).toEqual(["INV-0002", null, 67502.26, isoToSerial("2027-01-05")]);
    expect((await finances(workbook, "2027-01-31")).finances).toMatchObject({ paidToDate: "162502.01", outstanding: "0.00" });
  });

  test("an empty Payments table (a header and a blank row) takes the payment into its blank row", async () => {
    const workbook = await sampleWorkbook();
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    addTable(workbook.state, NAMES.paymentsTable, NAMES.paymentsSheet, [[...PAYMENT_HEADERS], [null, null, null, null, null], [null, null, null, null, null]]);
    const plan = planPayment(await workbook.read(NAMES.milestones), payment("INV-0001", "1000", "2026-10-05"));
    expect(plan).toMatchObject({ ok: true, write: { create: false, placement: { discard: [1], fillFirstRow: true, columns: [0, 1, 2, 3, 4], width: 5 } } });
  });

  test("where a payment cannot go: a sheet named Payments without the table, the name taken, a protected sheet, a total row the command line cannot add rows above", async () => {
    const workbook = await issuedAndPaid();
    const snapshot = await workbook.read(NAMES.milestones);
    const entry = payment("INV-0002", "100", "2027-01-05");
    const codes = (changed: Partial<WorkbookSnapshot>) => {
      const plan = planPayment({ ...snapshot, ...changed }, entry);
      return plan.ok ? [] : plan.problems.map((p) => p.code);
    };
    expect(codes({ payments: undefined })).toEqual(["SHEET_EXISTS"]);
    expect(codes({ payments: undefined, sheets: snapshot.sheets.filter((s) => s !== NAMES.paymentsSheet), definedNames: ["payments"] })).toEqual(["NAME_TAKEN"]);
    expect(codes({ protectedSheets: [...snapshot.protectedSheets, NAMES.paymentsSheet] })).toEqual(["SHEET_PROTECTED"]);
    const withTotal = { ...snapshot.payments!, fixedTotalRow: 3 };
    const plan = planPayment({ ...snapshot, payments: withTotal }, entry);
    expect(plan).toMatchObject({ ok: false, problems: [{ code: "LOG_TOTAL_ROW", sheet: NAMES.paymentsSheet, cell: "A4", message: expect.stringMatching(/^The Payments table has a total row, and the command line cannot add rows above it/) }] });
  });
});
