// The forecast: billing and cash per month after the as-of date, by hand.
import { computeFinances, computeForecast, type ForecastInput } from "../../../src/core";
import { contract, invoice, line } from "./helpers";

function forecast(more: Partial<ForecastInput>) {
  const outcome = computeForecast({ asOf: "2026-12-15", currency: "EUR", paymentTermsDays: 30, lines: [], billedByLine: new Map(), receivables: [], ...more });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome;
}

describe("the forecast", () => {
  test("months from the one holding the day after the as-of date, gaps included", () => {
    /*
     * As of 2026-12-15: the first month is 2026-12.
     * A  C 1000.00, billed 400.00: balance 600.00, planned 2026-12-10 (in the first month):
     *    billing 2026-12; cash 2026-12-10 + 30 = 2027-01-09: 2027-01.
     * B  C 500.00, planned 2026-10-01, before the first month: billing 2026-12; cash from
     *    2026-12-01 + 30 = 2026-12-31: 2026-12.
     * C  C 2000.00, planned 2027-04-20, terms 30: billing 2027-04; cash 2027-05-20: 2027-05.
     * D  C 300.00, billed 300.00: balance 0.00, nothing, though unplanned.
     * E  C −250.00 (a deductive change order), unplanned: listed with its balance.
     * Receivables: 100.00 due 2026-11-30 (overdue): 2026-12; 70.00 due 2027-02-14: 2027-02.
     */
    const outcome = forecast({
      lines: [
        line("A", "1000.00", { plannedCompletion: "2026-12-10" }),
        line("B", "500.00", { plannedCompletion: "2026-10-01" }),
        line("C", "2000.00", { plannedCompletion: "2027-04-20" }),
        line("D", "300.00"),
        line("E", "-250.00"),
      ],
      billedByLine: new Map([["a", "400.00"], ["D", "300.00"]]),
      receivables: [{ dueDate: "2026-11-30", outstanding: "100.00" }, { dueDate: "2027-02-14", outstanding: "70.00" }, { dueDate: "2027-09-01", outstanding: "0.00" }],
    });
    expect(outcome.forecast).toEqual([
      { month: "2026-12", billing: "1100.00", cash: "600.00" },
      { month: "2027-01", billing: "0.00", cash: "600.00" },
      { month: "2027-02", billing: "0.00", cash: "70.00" },
      { month: "2027-03", billing: "0.00", cash: "0.00" },
      { month: "2027-04", billing: "2000.00", cash: "0.00" },
      { month: "2027-05", billing: "0.00", cash: "2000.00" },
    ]);
    expect(outcome.unplanned).toEqual([{ id: "E", balance: "-250.00" }]);
  });

  test("the last day of a month starts the forecast at the next month, across the year", () => {
    // As of 2026-12-31: first month 2027-01. Planned 2026-12-20, before it: billing 2027-01,
    // cash 2027-01-01 + 45 = 2027-02-15.
    const outcome = forecast({ asOf: "2026-12-31", paymentTermsDays: 45, lines: [line("A", "10.00", { plannedCompletion: "2026-12-20" })] });
    expect(outcome.forecast).toEqual([
      { month: "2027-01", billing: "10.00", cash: "0.00" },
      { month: "2027-02", billing: "0.00", cash: "10.00" },
    ]);
  });

  test("nothing to forecast: one month of zeros", () => {
    expect(forecast({ currency: "JPY", lines: [line("A", "0")] })).toEqual({ ok: true, forecast: [{ month: "2026-12", billing: "0", cash: "0" }], unplanned: [] });
  });

  test("in the contract's figures: the balance to finish is C less G of the last invoice in force on or before the as-of date", () => {
    /*
     * INV-1 (2026-11-30) bills A's G 400.00; INV-2 (2027-01-31) is after the as-of date 2026-12-31.
     * Balance 1000.00 − 400.00 = 600.00, planned 2027-03-05: billing 2027-03; terms 0: cash 2027-03.
     * INV-1 unpaid 450.00, due 2027-01-30: cash 2027-01.
     */
    const outcome = computeFinances(contract({
      paymentTermsDays: 0,
      documents: [
        invoice("INV-1", "2026-11-30", "2027-01-30", "450.00", { lines: [{ id: "A", completedAndStoredToDate: "400.00" }] }),
        invoice("INV-2", "2027-01-31", "2027-03-02", "600.00", { lines: [{ id: "A", completedAndStoredToDate: "1000.00" }] }),
      ],
      lines: [line("A", "1000.00", { plannedCompletion: "2027-03-05" })],
    }));
    expect(outcome.ok && outcome.finances.forecast).toEqual([
      { month: "2027-01", billing: "0.00", cash: "450.00" },
      { month: "2027-02", billing: "0.00", cash: "0.00" },
      { month: "2027-03", billing: "600.00", cash: "600.00" },
    ]);
  });

  test("bad input is a problem at its field", () => {
    const outcome = computeForecast({
      asOf: "2026-12-15", currency: "EUR", paymentTermsDays: -1, lines: [line("A", "1", { plannedCompletion: "2026-02-29" })],
      billedByLine: new Map(), receivables: [{ dueDate: "x", outstanding: "1.001" }],
    });
    expect(outcome.ok ? [] : outcome.errors.map((e) => [e.code, e.path])).toEqual([
      ["INVALID_OPTION", ["paymentTermsDays"]],
      ["INVALID_OPTION", ["lines", 0, "plannedCompletion"]],
      ["INVALID_OPTION", ["receivables", 0, "dueDate"]],
      ["TOO_MANY_DECIMALS", ["receivables", 0, "outstanding"]],
    ]);
  });
});
