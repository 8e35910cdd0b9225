// Receivables and aging, with a credit note, a refund and a payment entered ahead: by hand.
import { computeReceivables, documentsInForce, lineKey, type ReceivableInput } from "../../../src/core";
import { contract, creditNote, invoice, payment } from "./helpers";

/*
 * INV-0001  2026-01-31, due 2026-03-02,  1000.00, advance recovered 100.00, retention 50.00
 * INV-0002  2026-02-28, due 2026-03-30,  2000.00, advance recovered 100.00  (cancelled by CN-0001)
 * CN-0001   2026-03-10, credits INV-0002, -2000.00
 * INV-0003  2026-03-10, due 2026-04-09,  1900.00, advance recovered 100.00, retention 115.00 (replaces INV-0002)
 * INV-0004  2026-05-31, due 2026-06-30,   500.00, advance recovered  50.00, retention 140.00
 * INV-0005  2026-07-31, due 2026-08-30,   800.00, advance recovered  40.00 (after the as-of date)
 * Advance paid 1000.00. As of 2026-06-30.
 */
const documents = [
  invoice("INV-0001", "2026-01-31", "2026-03-02", "1000.00", { advanceRecovered: "100.00", retentionHeld: "50.00" }),
  invoice("INV-0002", "2026-02-28", "2026-03-30", "2000.00", { advanceRecovered: "100.00", retentionHeld: "120.00" }),
  creditNote("CN-0001", "INV-0002", "2026-03-10", "-2000.00"),
  invoice("INV-0003", "2026-03-10", "2026-04-09", "1900.00", { advanceRecovered: "100.00", retentionHeld: "115.00" }),
  invoice("INV-0004", "2026-05-31", "2026-06-30", "500.00", { advanceRecovered: "50.00", retentionHeld: "140.00" }),
  invoice("INV-0005", "2026-07-31", "2026-08-30", "800.00", { advanceRecovered: "40.00", retentionHeld: "160.00" }),
];
const input: ReceivableInput = {
  ...contract({ asOf: "2026-06-30", advancePaid: "1000.00" }),
  documents,
  payments: [
    payment("2026-02-15", "INV-0001", "1000.00"),
    payment("2026-04-20", "INV-0003", "1000.00"),
    payment("2026-04-25", "inv-0003 ", "-100.00"), // a refund, the number typed loosely
    payment("2026-07-01", "INV-0004", "500.00"), // after the as-of date: checked, not counted
  ],
};

function figures(of: ReceivableInput) {
  const outcome = computeReceivables(of);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.figures;
}

describe("receivables as of a date", () => {
  test("the documents in force: a credit note takes itself and its invoice out", () => {
    expect(documentsInForce(documents).map((d) => d.number)).toEqual(["INV-0001", "INV-0003", "INV-0004", "INV-0005"]);
  });

  test("each invoice in force dated on or before the as-of date", () => {
    /*
     * INV-0001  paid 1000.00, outstanding 0.00: nothing outstanding, so current though past due.
     * INV-0003  paid 1000.00 − 100.00 = 900.00, outstanding 1900.00 − 900.00 = 1000.00;
     *           overdue 2026-04-09 → 2026-06-30 = 21 + 31 + 30 = 82 days: 61-90.
     * INV-0004  the payment of 2026-07-01 is after the as-of date: paid 0.00, outstanding 500.00;
     *           due on the as-of date itself: 0 days, current.
     * INV-0005  dated after the as-of date: not listed.
     */
    expect(figures(input).invoices).toEqual([
      { number: "INV-0001", invoiceDate: "2026-01-31", dueDate: "2026-03-02", amountDue: "1000.00", paid: "1000.00", outstanding: "0.00", daysOverdue: 0, bucket: "current" },
      { number: "INV-0003", invoiceDate: "2026-03-10", dueDate: "2026-04-09", amountDue: "1900.00", paid: "900.00", outstanding: "1000.00", daysOverdue: 82, bucket: "61-90" },
      { number: "INV-0004", invoiceDate: "2026-05-31", dueDate: "2026-06-30", amountDue: "500.00", paid: "0.00", outstanding: "500.00", daysOverdue: 0, bucket: "current" },
    ]);
  });

  test("the contract's sums, retention and advance", () => {
    /*
     * invoiced     1000.00 + 1900.00 + 500.00   = 3400.00
     * paid         1000.00 + 900.00 + 0.00      = 1900.00
     * outstanding  3400.00 − 1900.00            = 1500.00, of which overdue 1000.00 (INV-0003)
     * aging        current 0.00 + 500.00 = 500.00; 61-90 1000.00
     * retention    line 5 of INV-0004, the last in force on or before 2026-06-30: 140.00
     * advance      1000.00 − (100.00 + 100.00 + 50.00) = 750.00 (INV-0002 cancelled, INV-0005 later)
     */
    const { invoices, ...sums } = figures(input);
    expect(invoices).toHaveLength(3);
    expect(sums).toEqual({
      invoicedToDate: "3400.00", paidToDate: "1900.00", outstanding: "1500.00", overdue: "1000.00",
      aging: { current: "500.00", "1-30": "0.00", "31-60": "0.00", "61-90": "1000.00", "over-90": "0.00" },
      retentionHeld: "140.00", advanceOutstanding: "750.00",
    });
  });

  test("before the first invoice: zeros, and the whole advance outstanding", () => {
    expect(figures({ ...input, asOf: "2026-01-30" })).toEqual({
      invoicedToDate: "0.00", paidToDate: "0.00", outstanding: "0.00", overdue: "0.00",
      aging: { current: "0.00", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
      retentionHeld: "0.00", advanceOutstanding: "1000.00", invoices: [],
    });
  });

  test("the aging buckets at their edges", () => {
    // As of 2026-12-31, each invoice unpaid: due 30, 31, 60, 61, 90 and 91 days before.
    const due = ["2026-12-01", "2026-11-30", "2026-11-01", "2026-10-31", "2026-10-02", "2026-10-01"];
    const outcome = figures({
      ...contract({ asOf: "2026-12-31" }),
      documents: due.map((d, i) => invoice(`INV-${i + 1}`, "2026-09-01", d, "10.00")),
      payments: [],
    });
    expect(outcome.invoices.map((i) => [i.daysOverdue, i.bucket])).toEqual([
      [30, "1-30"], [31, "31-60"], [60, "31-60"], [61, "61-90"], [90, "61-90"], [91, "over-90"],
    ]);
    expect(outcome.aging).toEqual({ current: "0.00", "1-30": "10.00", "31-60": "20.00", "61-90": "20.00", "over-90": "10.00" });
    expect(outcome.overdue).toBe("60.00");
  });

  test("a deductive invoice (negative amount due) is never overdue", () => {
    // −300.00 owed to the client, 40 days past due: outstanding −300.00 is not above 0.
    const outcome = figures({
      ...contract({ asOf: "2026-12-31" }),
      documents: [invoice("INV-1", "2026-10-01", "2026-11-21", "-300.00")],
      payments: [],
    });
    expect(outcome.invoices[0]).toMatchObject({ outstanding: "-300.00", daysOverdue: 0, bucket: "current" });
    expect(outcome).toMatchObject({ outstanding: "-300.00", overdue: "0.00", aging: { current: "-300.00" } });
  });

  test("in yen, with no minor units", () => {
    const outcome = figures({
      ...contract({ asOf: "2026-12-31", currency: "JPY", advancePaid: "500000" }),
      documents: [invoice("INV-1", "2026-10-31", "2026-11-30", "1234567", { advanceRecovered: "100000", retentionHeld: "61728" })],
      payments: [payment("2026-11-15", "INV-1", "1000000", "jpy")],
    });
    // 1234567 − 1000000 = 234567 outstanding, 31 days overdue; advance 500000 − 100000 = 400000.
    expect(outcome).toMatchObject({
      invoicedToDate: "1234567", paidToDate: "1000000", outstanding: "234567", overdue: "234567",
      aging: { current: "0", "31-60": "234567" }, retentionHeld: "61728", advanceOutstanding: "400000",
    });
  });
});

describe("lineKey", () => {
  test("matches ids as a person may retype them", () => {
    expect(lineKey("  Site   Works ")).toBe("site works");
    expect(lineKey("CO-1")).toBe(lineKey("co-1"));
  });
});
