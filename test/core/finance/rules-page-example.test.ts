// The contract of the finance rules page's report example, computed by hand.
import { computeFinances, type ContractFinances, type FinanceInput } from "../../../src/core";
import { contract, invoice, line, payment } from "./helpers";

/*
 * Two lines, so that the contract's figures are seen to be the formulas over its sums and not
 * sums of the lines' rounded figures:
 *   A  C 100000.00, EAC  60000.00, cost 30000.00, billed (G on INV-0001) 60000.00, planned 2027-02-15
 *   B  C 124500.00, EAC  90000.00, cost 40000.00, billed 49087.50, no planned date
 * INV-0001, 2026-11-30, due 2026-12-30 (30 days), total due 122359.75, line 4 109087.50,
 * line 5 5454.38, line 6 103633.12; 100000.00 paid on 2026-12-20.
 */
const input: FinanceInput = contract({
  asOf: "2026-12-31",
  documents: [
    invoice("INV-0001", "2026-11-30", "2026-12-30", "122359.75", {
      completedAndStoredToDate: "109087.50", retentionHeld: "5454.38", earnedLessRetention: "103633.12",
      lines: [{ id: "A", completedAndStoredToDate: "60000.00" }, { id: "B", completedAndStoredToDate: "49087.50" }],
    }),
  ],
  payments: [payment("2026-12-20", "INV-0001", "100000.00")],
  lines: [
    line("A", "100000.00", { estimatedCost: "60000.00", costToDate: "30000.00", plannedCompletion: "2027-02-15" }),
    line("B", "124500.00", { estimatedCost: "90000.00", costToDate: "40000.00" }),
  ],
});

function finances(of: FinanceInput): ContractFinances {
  const outcome = computeFinances(of);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.finances;
}

describe("the finance rules page's example contract", () => {
  test("WIP and margin", () => {
    /*
     * contractSumToDate  100000.00 + 124500.00                      = 224500.00
     * estimatedCost      60000.00 + 90000.00                        = 150000.00
     * costToDate         30000.00 + 40000.00                        = 70000.00
     * percent            70000 / 150000 = 0.466666…                 → 0.4667
     * earnedRevenue      224500.00 × 70000 / 150000 = 104766.666…   → 104766.67
     * overUnderBilling   109087.50 − 104766.67                      = 4320.83 (overbilled)
     * estGrossProfit     224500.00 − 150000.00                      = 74500.00
     * estimatedMargin    74500 / 224500 = 0.331848…                 → 0.3318
     * grossProfitToDate  104766.67 − 70000.00                       = 34766.67
     */
    expect(finances(input)).toMatchObject({
      contractSumToDate: "224500.00", billedToDate: "109087.50", certifiedToDate: "103633.12",
      estimatedCost: "150000.00", costToDate: "70000.00", percentCompleteByCost: "0.4667",
      earnedRevenue: "104766.67", overUnderBilling: "4320.83",
      estimatedGrossProfit: "74500.00", estimatedMargin: "0.3318", grossProfitToDate: "34766.67",
      warnings: [],
    });
  });

  test("the lines' figures, whose rounded sums are not the contract's", () => {
    /*
     * A  30000 / 60000 = 0.5000; earned 100000.00 × 0.5 = 50000.00; billed 60000.00 − 50000.00 = 10000.00
     * B  40000 / 90000 = 0.4444…; earned 124500.00 × 4 / 9 = 55333.333… → 55333.33;
     *    49087.50 − 55333.33 = −6245.83
     * 50000.00 + 55333.33 = 105333.33, not the contract's 104766.67: each line earns at its own rate.
     */
    expect(finances(input).lines).toEqual([
      {
        id: "A", contractValue: "100000.00", billedToDate: "60000.00", estimatedCost: "60000.00", costToDate: "30000.00",
        percentCompleteByCost: "0.5000", earnedRevenue: "50000.00", overUnderBilling: "10000.00",
      },
      {
        id: "B", contractValue: "124500.00", billedToDate: "49087.50", estimatedCost: "90000.00", costToDate: "40000.00",
        percentCompleteByCost: "0.4444", earnedRevenue: "55333.33", overUnderBilling: "-6245.83",
      },
    ]);
  });

  test("receivables on the due date itself: nothing overdue, as the page's JSON shows", () => {
    // As of 2026-12-30: 2026-12-30 − 2026-12-30 = 0 days, so current.
    expect(finances({ ...input, asOf: "2026-12-30" })).toMatchObject({
      invoicedToDate: "122359.75", paidToDate: "100000.00", outstanding: "22359.75", overdue: "0.00",
      aging: { current: "22359.75", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
      retentionHeld: "5454.38", advanceOutstanding: "0.00",
      invoices: [
        {
          number: "INV-0001", invoiceDate: "2026-11-30", dueDate: "2026-12-30",
          amountDue: "122359.75", paid: "100000.00", outstanding: "22359.75", daysOverdue: 0, bucket: "current",
        },
      ],
    });
  });

  test("receivables a day later: one day overdue, as the page's text says", () => {
    // As of 2026-12-31: 2026-12-31 − 2026-12-30 = 1 day with 22359.75 outstanding, so 1-30.
    const f = finances(input);
    expect(f).toMatchObject({
      outstanding: "22359.75", overdue: "22359.75",
      aging: { current: "0.00", "1-30": "22359.75", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
    });
    expect(f.invoices[0]).toMatchObject({ daysOverdue: 1, bucket: "1-30" });
  });

  test("forecast", () => {
    /*
     * First month: the day after 2026-12-31 is 2027-01-01, so 2027-01.
     * INV-0001's 22359.75 was due 2026-12-30, before the first month: cash in 2027-01.
     * A: balance 100000.00 − 60000.00 = 40000.00, billed 2027-02 (planned 2027-02-15),
     *    paid 2027-02-15 + 30 days = 2027-03-17, so cash in 2027-03.
     * B: balance 124500.00 − 49087.50 = 75412.50, no planned date: unplanned.
     */
    const f = finances(input);
    expect(f.forecast).toEqual([
      { month: "2027-01", billing: "0.00", cash: "22359.75" },
      { month: "2027-02", billing: "40000.00", cash: "0.00" },
      { month: "2027-03", billing: "0.00", cash: "40000.00" },
    ]);
    expect(f.unplanned).toEqual([{ id: "B", balance: "75412.50" }]);
    expect(f).toMatchObject({ asOf: "2026-12-31", currency: "EUR" });
  });

  test("the figures are in the order of the report's JSON", () => {
    expect(Object.keys(finances(input))).toEqual([
      "asOf", "currency", "contractSumToDate", "billedToDate", "certifiedToDate", "invoicedToDate", "paidToDate",
      "outstanding", "overdue", "aging", "retentionHeld", "advanceOutstanding", "estimatedCost", "costToDate",
      "percentCompleteByCost", "earnedRevenue", "overUnderBilling", "estimatedGrossProfit", "estimatedMargin",
      "grossProfitToDate", "invoices", "forecast", "unplanned", "lines", "warnings",
    ]);
  });
});
