// Totals per currency over several contracts, by hand.
import { computeFinances, summariseByCurrency, type ContractFinances, type FinanceInput } from "../../../src/core";
import { contract, invoice, line, payment } from "./helpers";

function finances(of: FinanceInput): ContractFinances {
  const outcome = computeFinances(of);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.finances;
}

/*
 * EUR 1: C 1000.00, EAC 600.00, cost 300.00 → earned 500.00; INV-1 800.00 (line 4 800.00), 500.00 paid.
 * EUR 2: C 250.50, no estimate; INV-1 100.25 unpaid, 40 days overdue as of 2026-12-31.
 * JPY:   C 50000, EAC 40000, cost 10000 → earned 12500; nothing invoiced.
 */
const eur1 = finances(contract({
  documents: [invoice("INV-1", "2026-12-01", "2026-12-31", "800.00", { completedAndStoredToDate: "800.00", earnedLessRetention: "760.00", retentionHeld: "40.00" })],
  payments: [payment("2026-12-15", "INV-1", "500.00")],
  lines: [line("A", "1000.00", { estimatedCost: "600.00", costToDate: "300.00" })],
}));
const eur2 = finances(contract({
  documents: [invoice("INV-1", "2026-10-22", "2026-11-21", "100.25", { completedAndStoredToDate: "100.25", earnedLessRetention: "100.25" })],
  lines: [line("A", "250.50")],
}));
const jpy = finances(contract({ currency: "jpy", lines: [line("A", "50000", { estimatedCost: "40000", costToDate: "10000" })] }));

describe("totals per currency", () => {
  test("one entry per currency, by code; every amount summed, absent figures left out", () => {
    expect(summariseByCurrency([jpy, eur1, eur2])).toEqual([
      {
        currency: "EUR", contracts: 2,
        contractSumToDate: "1250.50", billedToDate: "900.25", certifiedToDate: "860.25",
        invoicedToDate: "900.25", paidToDate: "500.00", outstanding: "400.25", overdue: "100.25",
        aging: { current: "300.00", "1-30": "0.00", "31-60": "100.25", "61-90": "0.00", "over-90": "0.00" },
        retentionHeld: "40.00", advanceOutstanding: "0.00",
        // Only EUR 1 has an estimate: its figures alone.
        estimatedCost: "600.00", costToDate: "300.00", earnedRevenue: "500.00", overUnderBilling: "300.00",
        estimatedGrossProfit: "400.00", grossProfitToDate: "200.00",
      },
      {
        currency: "JPY", contracts: 1,
        contractSumToDate: "50000", billedToDate: "0", certifiedToDate: "0",
        invoicedToDate: "0", paidToDate: "0", outstanding: "0", overdue: "0",
        aging: { current: "0", "1-30": "0", "31-60": "0", "61-90": "0", "over-90": "0" },
        retentionHeld: "0", advanceOutstanding: "0",
        estimatedCost: "40000", costToDate: "10000", earnedRevenue: "12500", overUnderBilling: "-12500",
        estimatedGrossProfit: "10000", grossProfitToDate: "2500",
      },
    ]);
  });

  test("a figure no contract of the currency has stays absent", () => {
    expect(summariseByCurrency([eur2])[0]).toMatchObject({ estimatedCost: null, earnedRevenue: null, overUnderBilling: null, estimatedGrossProfit: null, grossProfitToDate: null });
    expect(summariseByCurrency([])).toEqual([]);
  });
});
