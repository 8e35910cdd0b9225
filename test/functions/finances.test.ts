import fc from "fast-check";
import { type ContractFinances, type FinanceInput, computeFinances, isoToSerial, serialToIso } from "../../src/core";
import { INVOICE_LOG_HEADERS, PAYMENT_HEADERS } from "../../src/workbook/port";
import { type FunctionHost, cellResult, installCustomFunctionsRuntime, rangeArgument } from "../support/custom-functions-runtime";

installCustomFunctionsRuntime();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require("../../src/functions/functions") as typeof import("../../src/functions/functions");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setContractCurrency } = require("../../src/functions/contract-currency") as typeof import("../../src/functions/contract-currency");

afterEach(() => setContractCurrency(undefined));

type Cell = string | number | null;
const hosts: FunctionHost[] = ["desktop", "web"];
const serial = (iso: string): number => isoToSerial(iso);

function finances(input: FinanceInput): ContractFinances {
  const outcome = computeFinances(input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.finances;
}

/** The spilled label/value rows as an object, a blank figure as null. */
function byLabel(rows: unknown[][]): Record<string, number | null> {
  return Object.fromEntries(rows.map(([label, value]) => [label, value === "" ? null : value])) as Record<string, number | null>;
}

describe("INTERIM.WIP", () => {
  /*
   * The finance rules page's example contract, in three lines (C, EAC, cost to date):
   *   A 100000.00, 60000.00, 30000.00;  B 100000.00, 70000.00, 40000.00;  C 24500.00, 20000.00, blank
   * contract sum 224500.00, estimated cost 150000.00, cost 70000.00, billed 109087.50:
   * 70000 / 150000 = 0.4667; earned 224500.00 × 70000 / 150000 = 104766.666… → 104766.67;
   * over billed 109087.50 − 104766.67 = 4320.83; estimated gross profit 74500.00, margin
   * 74500 / 224500 = 0.3318; gross profit to date 104766.67 − 70000.00 = 34766.67.
   */
  const milestones: Cell[][] = [
    ["Id", "Description", "Scheduled value", "% complete", "Estimated cost", "Cost to date", "Notes"],
    ["A", "Design", 100000, 1, 60000, 30000, null],
    ["B", "Build", 100000, 0.4, 70000, 40000, "late"],
    [null, null, null, null, null, null, null],
    ["C", "Handover", 24500, null, 20000, null, null],
  ];
  const expected = {
    "Contract sum to date": 224500, "Billed to date": 109087.5, "Certified to date": 103633.12,
    "Estimated cost": 150000, "Cost to date": 70000, "% complete by cost": 0.4667, "Earned revenue": 104766.67,
    "Over/under billing": 4320.83, "Estimated gross profit": 74500, "Estimated margin": 0.3318, "Gross profit to date": 34766.67,
  };

  test.each(hosts)("spills the rules' figures in their order, the same with blanks as %s Excel passes them", (host) => {
    const rows: unknown[][] = fns.wip(rangeArgument(milestones, host), 109087.5, 103633.12, "EUR");
    expect(rows.map(([label]) => label)).toEqual(Object.keys(expected));
    expect(byLabel(rows)).toEqual(expected);
  });

  test("gives the same cents as the contract's finances (what interim report prints)", () => {
    const report = finances({
      asOf: "2026-12-31", currency: "EUR", paymentTermsDays: 30, advancePaid: "0", payments: [], costs: [],
      documents: [{
        number: "INV-0001", kind: "invoice", credits: "", invoiceDate: "2026-11-30", dueDate: "2026-12-30", totalDue: "122359.75",
        completedAndStoredToDate: "109087.50", retentionHeld: "5454.38", earnedLessRetention: "103633.12", advanceRecovered: "0", lines: [],
      }],
      lines: [
        { id: "A", contractValue: "100000", estimatedCost: "60000", costToDate: "30000", plannedCompletion: undefined },
        { id: "B", contractValue: "100000", estimatedCost: "70000", costToDate: "40000", plannedCompletion: undefined },
        { id: "C", contractValue: "24500", estimatedCost: "20000", costToDate: undefined, plannedCompletion: undefined },
      ],
    });
    const spilled = byLabel(fns.wip(rangeArgument(milestones, "desktop"), 109087.5, 103633.12, "EUR"));
    expect(spilled).toEqual({
      "Contract sum to date": Number(report.contractSumToDate), "Billed to date": Number(report.billedToDate),
      "Certified to date": Number(report.certifiedToDate), "Estimated cost": Number(report.estimatedCost),
      "Cost to date": Number(report.costToDate), "% complete by cost": Number(report.percentCompleteByCost),
      "Earned revenue": Number(report.earnedRevenue), "Over/under billing": Number(report.overUnderBilling),
      "Estimated gross profit": Number(report.estimatedGrossProfit), "Estimated margin": Number(report.estimatedMargin),
      "Gross profit to date": Number(report.grossProfitToDate),
    });
  });

  test.each(hosts)("without any estimated cost the cost-to-cost figures are empty cells, not 0, in %s Excel", (host) => {
    const noEstimates = milestones.map((row, r) => row.map((cell, c) => (r > 0 && c === 4 ? null : cell)));
    const rows = byLabel(fns.wip(rangeArgument(noEstimates, host)));
    expect(rows).toEqual({
      "Contract sum to date": 224500, "Billed to date": 0, "Certified to date": 0, "Estimated cost": null, "Cost to date": 70000,
      "% complete by cost": null, "Earned revenue": null, "Over/under billing": null, "Estimated gross profit": null,
      "Estimated margin": null, "Gross profit to date": null,
    });
    expect(fns.wip(rangeArgument(noEstimates, host)).find(([label]) => label === "Estimated cost")).toEqual(["Estimated cost", ""]);
  });

  test("rounds in the currency: JPY to whole yen", () => {
    // 1000 × 1 / 3 = 333.33… → 333 yen.
    const rows = byLabel(fns.wip([["Id", "Scheduled value", "Estimated cost", "Cost to date"], ["1", 1000, 3, 1]], null as unknown as number, null as unknown as number, "JPY"));
    expect(rows["Earned revenue"]).toBe(333);
    expect(rows["% complete by cost"]).toBe(0.3333);
  });

  test("a range without an id or value column is #N/A naming it", () => {
    expect(cellResult(() => fns.wip(milestones.map((row) => row.slice(1))))).toEqual({
      error: "#N/A",
      message: 'The table has no Id column; add a column headed "Id".',
    });
  });

  test("a bad cell is #VALUE! naming its row and column, a bad figure its line, a bad argument the argument", () => {
    const typed = milestones.map((row, r) => (r === 2 ? row.map((cell, c) => (c === 4 ? "70.000" : cell)) : row));
    expect(cellResult(() => fns.wip(rangeArgument(typed, "web")))).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/^Row 3: "Estimated cost" is the text "70\.000", which reads two ways: 70000 .* or 70 /) as string,
    });
    const negative = milestones.map((row, r) => (r === 1 ? row.map((cell, c) => (c === 5 ? -5 : cell)) : row));
    expect(cellResult(() => fns.wip(rangeArgument(negative, "web")))).toEqual({
      error: "#VALUE!", message: "Line 1 (A): the cost to date must not be below zero, not -5.",
    });
    expect(cellResult(() => fns.wip(rangeArgument(milestones, "web"), 10.005))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/10\.005.*more decimals than USD/) as string });
    expect(cellResult(() => fns.wip([milestones[0] as Cell[]]))).toEqual({ error: "#VALUE!", message: "The range has headers but no milestone rows." });
  });
});

/*
 * A billing log as Interim writes it, and a Payments table:
 *   INV-0001  2026-09-30, due 2026-10-30, total due 1000.00; paid 400.00 (2026-10-10) and 600.00 (2026-11-02): settled
 *   INV-0002  2026-10-31, due 2026-11-30, total due 2000.00; cancelled by CN-0001 (2026-11-05)
 *   INV-0003  2026-11-05, due 2026-12-05, total due 2100.50; paid 100.50 (2026-11-20); 2000.00 outstanding
 *   INV-0004  2026-11-30, due 2026-12-30, total due 3000.00; paid 1000.00 on 2027-01-15, after the as-of date
 *   INV-0005  2027-01-31, after the as-of date
 * As of 2026-12-31: invoiced 1000.00 + 2100.50 + 3000.00 = 6100.50, paid 1100.50, outstanding 5000.00;
 * INV-0003 is 26 days overdue (1-30: 2000.00), INV-0004 1 day (1-30: 3000.00); overdue 5000.00.
 */
function logRow(number: string, kind: string, credits: string | null, date: string, totalDue: number, due: string | null): Cell[] {
  const cells: Record<string, Cell> = {
    Number: number, Kind: kind, Credits: credits, "Invoice date": serial(date), "Period start": serial(date), "Period end": serial(date),
    Currency: "EUR", Sheet: number, "Total due": totalDue, "Due date": due === null ? null : serial(due), Lines: 1, Check: "x",
  };
  return INVOICE_LOG_HEADERS.map((header) => cells[header] ?? 0);
}
const invoices: Cell[][] = [
  [...INVOICE_LOG_HEADERS],
  logRow("INV-0001", "invoice", null, "2026-09-30", 1000, "2026-10-30"),
  logRow("INV-0002", "invoice", null, "2026-10-31", 2000, "2026-11-30"),
  logRow("CN-0001", "credit note", "INV-0002", "2026-11-05", -2000, "2026-11-05"),
  logRow("INV-0003", "invoice", null, "2026-11-05", 2100.5, "2026-12-05"),
  logRow("INV-0004", "invoice", null, "2026-11-30", 3000, "2026-12-30"),
  logRow("INV-0005", "invoice", null, "2027-01-31", 500, "2027-03-02"),
];
const paymentRow = (date: string, document: string, amount: number | string, currency: string | null = null, reference: string | null = null): Cell[] =>
  [serial(date), document, amount, currency, reference];
const payments: Cell[][] = [
  [...PAYMENT_HEADERS],
  paymentRow("2026-10-10", "INV-0001", 400, null, "TX-1"),
  paymentRow("2026-11-02", "inv-0001 ", 600, "EUR"),
  [null, null, null, null, null],
  paymentRow("2026-11-20", "INV-0003", 100.5),
  paymentRow("2027-01-15", "INV-0004", 1000),
];
const asOf = serial("2026-12-31");

describe("INTERIM.OUTSTANDING and INTERIM.AGING", () => {
  test.each(hosts)("what is outstanding on the contract and on each document, with blanks as %s Excel passes them", (host) => {
    const log = rangeArgument(invoices, host);
    const paid = rangeArgument(payments, host);
    expect(fns.outstanding(log, paid, asOf)).toBe(5000);
    expect(fns.outstanding(log, paid, asOf, "INV-0003")).toBe(2000);
    expect(fns.outstanding(log, paid, asOf, " inv-0001")).toBe(0);
    // Cancelled, a credit note, or issued after the as-of date: nothing owed on it then.
    expect(fns.outstanding(log, paid, asOf, "INV-0002")).toBe(0);
    expect(fns.outstanding(log, paid, asOf, "CN-0001")).toBe(0);
    expect(fns.outstanding(log, paid, asOf, "INV-0005")).toBe(0);
    // The payment of 2027-01-15 counts from its date on.
    expect(fns.outstanding(log, paid, serial("2027-01-15"), "INV-0004")).toBe(2000);
    expect(fns.aging(log, paid, asOf)).toEqual([
      ["Current", 0], ["1-30 days overdue", 5000], ["31-60 days overdue", 0], ["61-90 days overdue", 0], ["Over 90 days overdue", 0],
    ]);
  });

  test("the same cents as the contract's finances (what interim report prints), at every as-of date", () => {
    const input: FinanceInput = {
      asOf: "2026-12-31", currency: "EUR", paymentTermsDays: 30, advancePaid: "0", lines: [], costs: [],
      documents: invoices.slice(1).map((row) => ({
        number: String(row[0]), kind: row[1] === "invoice" ? "invoice" : "credit note", credits: row[2] === null || row[2] === 0 ? "" : String(row[2]),
        invoiceDate: isoOf(row[INVOICE_LOG_HEADERS.indexOf("Invoice date")]), dueDate: isoOf(row[INVOICE_LOG_HEADERS.indexOf("Due date")]),
        totalDue: String(row[INVOICE_LOG_HEADERS.indexOf("Total due")]),
        completedAndStoredToDate: "0", retentionHeld: "0", earnedLessRetention: "0", advanceRecovered: "0", lines: [],
      })),
      payments: payments.slice(1).filter((row) => row[0] !== null).map((row) => ({
        date: isoOf(row[0]), document: String(row[1]).trim(), amount: String(row[2]), currency: undefined, reference: "",
      })),
    };
    fc.assert(
      fc.property(fc.integer({ min: serial("2026-09-30"), max: serial("2027-06-30") }), (day) => {
        const report = finances({ ...input, asOf: isoOf(day) });
        expect(fns.outstanding(invoices, payments, day)).toBe(Number(report.outstanding));
        expect(amounts(fns.aging(invoices, payments, day))).toEqual(Object.values(report.aging).map(Number));
        for (const receivable of report.invoices) expect(fns.outstanding(invoices, payments, day, receivable.number)).toBe(Number(receivable.outstanding));
      }),
      { numRuns: 60 },
    );
  });

  test("a log without its Due date column: due 30 days after the invoice date, or the terms given", () => {
    const noDue = invoices.map((row) => row.filter((_, c) => INVOICE_LOG_HEADERS[c] !== "Due date"));
    // INV-0003 due 2026-12-05 (26 days late), INV-0004 2026-12-30 (1 day): as with the column.
    expect(fns.aging(noDue, payments, asOf)).toEqual(fns.aging(invoices, payments, asOf));
    // 45 days: INV-0003 due 2026-12-20 (11 days late), INV-0004 2027-01-14 (current).
    expect(amounts(fns.aging(noDue, payments, asOf, 45))).toEqual([3000, 2000, 0, 0, 0]);
    // A due date renegotiated by hand in the log wins over the terms.
    const renegotiated = invoices.map((row) => (row[0] === "INV-0003" ? row.map((cell, c) => (INVOICE_LOG_HEADERS[c] === "Due date" ? serial("2027-01-05") : cell)) : row));
    expect(amounts(fns.aging(renegotiated, payments, asOf, 45))).toEqual([2000, 3000, 0, 0, 0]);
  });

  test("columns are found by their headers, in any order, with the headers people type for payments", () => {
    const reordered = payments.map((row) => [row[2], row[4], row[1], row[0]]);
    reordered[0] = ["Amount received", "Ref", "Invoice", "Payment date"];
    expect(fns.outstanding(invoices.map((row) => [...row].reverse()), reordered, asOf)).toBe(5000);
    // The headers are the Payments table's, as the task pane reads them.
    reordered[0] = ["Paid", "Remittance", "Invoice #", "Value date"];
    expect(fns.outstanding(invoices, reordered, asOf)).toBe(5000);
    reordered[0] = ["Paid", "Amount", "Invoice #", "Value date"];
    expect(cellResult(() => fns.outstanding(invoices, reordered, asOf))).toEqual({
      error: "#VALUE!", message: 'Columns "Paid" and "Amount" of the Payments table both read as its amount; keep one of them, or rename the other.',
    });
  });

  test("the currency and minor units are the log's: JPY to whole yen", () => {
    const yen = invoices.map((row, r) => row.map((cell, c) => (r > 0 && INVOICE_LOG_HEADERS[c] === "Currency" ? "JPY" : cell)));
    const yenPayments = payments.map((row) => row.map((cell, c) => (c === 3 && cell === "EUR" ? "JPY" : cell)));
    // Total due 2100.50 has cents, which yen has not.
    expect(cellResult(() => fns.outstanding(yen, yenPayments, asOf))).toEqual({
      error: "#VALUE!", message: "Document 4 (INV-0003): the total due is 2100.5, which has more decimals than JPY has (0). (and 1 more problem)",
    });
    const whole = yen.map((row) => row.map((cell) => (cell === 2100.5 ? 2100 : cell)));
    expect(fns.outstanding(whole, yenPayments.map((row) => row.map((cell) => (cell === 100.5 ? 100 : cell))), asOf)).toBe(5000);
  });

  test("a payment the finance rules refuse is #VALUE! with the rule's words", () => {
    const more = (row: Cell[]): Cell[][] => [...payments, row];
    expect(cellResult(() => fns.outstanding(invoices, more(paymentRow("2026-12-01", "INV-0009", 10)), asOf))).toEqual({
      error: "#VALUE!", message: "Payment 5 (INV-0009): the billing log has no document INV-0009; enter the number of the invoice the client paid.",
    });
    expect(cellResult(() => fns.outstanding(invoices, more(paymentRow("2026-12-01", "INV-0002", 10)), asOf))).toMatchObject({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 5 \(INV-0002\): INV-0002 was cancelled by CN-0001/) as string,
    });
    expect(cellResult(() => fns.outstanding(invoices, more(paymentRow("2026-11-01", "INV-0003", 10)), asOf))).toMatchObject({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 5 \(INV-0003\): it is dated 2026-11-01, before INV-0003 was issued/) as string,
    });
    // Checked even when dated after the as-of date.
    expect(cellResult(() => fns.outstanding(invoices, more(paymentRow("2027-02-01", "INV-0004", 2000.01)), asOf))).toMatchObject({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 5 \(INV-0004\): it takes what was paid against INV-0004 to 3000\.01, beyond its amount due \(3000\.00\)/) as string,
    });
    expect(cellResult(() => fns.aging(invoices, more(paymentRow("2026-12-01", "INV-0004", 10, "USD")), asOf))).toMatchObject({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 5 \(INV-0004\): it is in USD, but the contract is in EUR/) as string,
    });
    expect(cellResult(() => fns.outstanding(invoices, [...more(paymentRow("2026-12-01", "INV-0009", 10)), paymentRow("2026-12-01", "INV-0008", 10)], asOf))).toMatchObject({
      message: expect.stringMatching(/\(and 1 more problem\)$/) as string,
    });
  });

  test("a bad cell is #VALUE! naming the payment and what is wrong; a blank one is required, on either Excel", () => {
    const edited = (column: number, value: Cell): Cell[][] => payments.map((row, r) => (r === 1 ? row.map((cell, c) => (c === column ? value : cell)) : row));
    expect(cellResult(() => fns.outstanding(invoices, edited(0, "last Tuesday"), asOf))).toEqual({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 1 \(INV-0001\): "Date" holds the text "last Tuesday", not a date/) as string,
    });
    expect(cellResult(() => fns.outstanding(invoices, edited(0, "2026-10-10"), asOf))).toEqual({ value: 5000 });
    expect(cellResult(() => fns.outstanding(invoices, edited(0, 12), asOf))).toMatchObject({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 1 \(INV-0001\): "Date" is 1900-01-11, outside the dates Interim accepts/) as string,
    });
    expect(cellResult(() => fns.outstanding(invoices, edited(2, "1.000"), asOf))).toMatchObject({
      error: "#VALUE!", message: expect.stringMatching(/^Payment 1 \(INV-0001\): "Amount" is the text "1\.000", which reads two ways/) as string,
    });
    expect(cellResult(() => fns.outstanding(invoices, edited(2, "400,00"), asOf))).toEqual({ value: 5000 });
    expect(cellResult(() => fns.outstanding(invoices, edited(2, "four hundred"), asOf))).toEqual({
      error: "#VALUE!", message: 'Payment 1 (INV-0001): "Amount" holds the text "four hundred", not a number; type the amount received as a number (a refund as a negative number).',
    });
    expect(cellResult(() => fns.outstanding(invoices, edited(2, "#REF!"), asOf))).toEqual({
      error: "#VALUE!", message: 'Payment 1 (INV-0001): "Amount" holds the error #REF!; correct the formula behind it, or type the value.',
    });
    for (const host of hosts) {
      expect(cellResult(() => fns.outstanding(invoices, rangeArgument(edited(2, null), host), asOf))).toEqual({
        error: "#VALUE!", message: "Payment 1 (INV-0001): the amount is required.",
      });
    }
  });

  test("a range without a column the figures need is #N/A naming it; a document the log does not hold is #N/A", () => {
    const noTotal = invoices.map((row) => row.filter((_, c) => INVOICE_LOG_HEADERS[c] !== "Total due"));
    expect(cellResult(() => fns.outstanding(noTotal, payments, asOf))).toEqual({
      error: "#N/A", message: 'The invoices range has no "Total due" column; give the whole table with its header row, such as InterimInvoices[#All].',
    });
    expect(cellResult(() => fns.aging(invoices, payments.map((row) => row.slice(1)), asOf))).toEqual({
      error: "#N/A", message: 'The payments range has no "Date" column; give the whole table with its header row, such as Payments[#All].',
    });
    expect(cellResult(() => fns.outstanding(invoices, payments, asOf, "INV-0099"))).toEqual({
      error: "#N/A", message: "The billing log has no document INV-0099; give the number of an invoice in it.",
    });
  });

  test("arguments: a blank as-of date is today; terms must be whole days; an empty log owes nothing", () => {
    // Every invoice is dated before today, and payments after the as-of date are paid by now.
    expect(fns.outstanding(invoices, payments)).toBe(fns.outstanding(invoices, payments, serial(todayIso())));
    expect(fns.outstanding(invoices, payments, 0)).toBe(fns.outstanding(invoices, payments, serial(todayIso())));
    expect(cellResult(() => fns.aging(invoices, payments, asOf, 7.5))).toEqual({
      error: "#VALUE!", message: "paymentTermsDays must be a whole number of days, 0 or more, not 7.5.",
    });
    expect(cellResult(() => fns.outstanding(invoices, payments, serial("1899-12-31")))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^asOf is/) as string });
    const empty = [invoices[0] as Cell[], INVOICE_LOG_HEADERS.map(() => null)];
    for (const host of hosts) {
      expect(fns.outstanding(rangeArgument(empty, host), rangeArgument([payments[0] as Cell[], [null, null, null, null, null]], host), asOf)).toBe(0);
    }
  });
});

/** The amounts of spilled label/amount rows. */
function amounts(rows: unknown[][]): unknown[] {
  return rows.map(([, amount]) => amount);
}

function isoOf(cell: Cell | undefined): string {
  return serialToIso(Number(cell));
}

function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
