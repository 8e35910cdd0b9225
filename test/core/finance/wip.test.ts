// Work in progress and margin by the cost-to-cost method, worked by hand.
import { computeWip, type Issue, type WipInput } from "../../../src/core";
import { roundQuotient } from "../../../src/core/rounding";
import { cost, line } from "./helpers";

function wipInput(more: Partial<WipInput>): WipInput {
  return { asOf: "2026-06-30", currency: "EUR", lines: [], costs: [], billedToDate: "0", certifiedToDate: "0", billedByLine: new Map(), ...more };
}

function wip(more: Partial<WipInput>) {
  const outcome = computeWip(wipInput(more));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome;
}

const codes = (warnings: Issue[]): [string, (string | number)[]][] => warnings.map((w) => [w.code, w.path]);

describe("WIP and margin", () => {
  test("costs from the Costs table: the rows of each line dated on or before the as-of date", () => {
    /*
     * A: 1000.00 (2026-01-10) + 500.00 (2026-06-30, the as-of date) = 1500.00; 300.00 of 2026-07-01 comes later.
     * B: its Cost to date cell, 200.00.   Contract: 1700.00.
     * EAC 3000.00 + 1000.00 = 4000.00; percent 1700 / 4000 = 0.425 → 0.4250
     * earned 10000.00 × 1700 / 4000 = 4250.00; billed 5000.00 → overbilled 750.00
     * profit 10000.00 − 4000.00 = 6000.00, margin 0.6000; gross profit to date 4250.00 − 1700.00 = 2550.00
     */
    const outcome = wip({
      lines: [line("A", "6000.00", { estimatedCost: "3000.00" }), line("B", "4000.00", { estimatedCost: "1000.00", costToDate: "200.00" })],
      costs: [cost("2026-01-10", "A", "1000.00", "labour"), cost("2026-06-30", " a", "500.00"), cost("2026-07-01", "A", "300.00", "travel")],
      billedToDate: "5000.00", certifiedToDate: "4750.00",
      billedByLine: new Map([["a", "3000.00"], ["B", "2000.00"]]),
    });
    expect(outcome.figures).toEqual({
      contractSumToDate: "10000.00", billedToDate: "5000.00", certifiedToDate: "4750.00",
      estimatedCost: "4000.00", costToDate: "1700.00", percentCompleteByCost: "0.4250",
      earnedRevenue: "4250.00", overUnderBilling: "750.00",
      estimatedGrossProfit: "6000.00", estimatedMargin: "0.6000", grossProfitToDate: "2550.00",
    });
    /*
     * A  1500 / 3000 = 0.5000, earned 3000.00, billed 3000.00: 0.00
     * B  200 / 1000 = 0.2000, earned 800.00, billed 2000.00: 1200.00
     */
    expect(outcome.lines.map((l) => [l.id, l.costToDate, l.percentCompleteByCost, l.earnedRevenue, l.billedToDate, l.overUnderBilling])).toEqual([
      ["A", "1500.00", "0.5000", "3000.00", "3000.00", "0.00"],
      ["B", "200.00", "0.2000", "800.00", "2000.00", "1200.00"],
    ]);
    expect(outcome.warnings).toEqual([]);
  });

  test("no estimate at all: the WIP figures are absent, not zero", () => {
    const outcome = wip({ lines: [line("A", "6000.00", { costToDate: "100.00" }), line("B", "4000.00")], billedToDate: "1000.00" });
    expect(outcome.figures).toEqual({
      contractSumToDate: "10000.00", billedToDate: "1000.00", certifiedToDate: "0.00",
      estimatedCost: null, costToDate: "100.00", percentCompleteByCost: null, earnedRevenue: null, overUnderBilling: null,
      estimatedGrossProfit: null, estimatedMargin: null, grossProfitToDate: null,
    });
    expect(outcome.lines[1]).toEqual({
      id: "B", contractValue: "4000.00", billedToDate: "0.00", estimatedCost: null, costToDate: "0.00",
      percentCompleteByCost: null, earnedRevenue: null, overUnderBilling: null,
    });
    expect(outcome.warnings).toEqual([
      {
        code: "COST_WITHOUT_ESTIMATE", path: ["lines", 0],
        message: "Line 1 (A): it has a cost to date (100.00) but no estimated cost, which overstates the contract's percent complete; enter its estimated cost.",
      },
    ]);
  });

  test("a cost beyond the estimate: at most 100 %, earned revenue at most the contract sum, and a warning", () => {
    // 1200 / 1000 → 1.0000; earned min(5000.00, 5000.00 × 1200 / 1000 = 6000.00) = 5000.00; profit to date 5000.00 − 1200.00 = 3800.00.
    const outcome = wip({ lines: [line("A", "5000.00", { estimatedCost: "1000.00", costToDate: "1200.00" })] });
    expect(outcome.figures).toMatchObject({ percentCompleteByCost: "1.0000", earnedRevenue: "5000.00", overUnderBilling: "-5000.00", grossProfitToDate: "3800.00" });
    expect(outcome.warnings).toEqual([
      { code: "COST_OVER_ESTIMATE", path: ["lines", 0], message: "Line 1 (A): the cost to date (1200.00) exceeds its estimated cost (1000.00); revise the estimate." },
    ]);
  });

  test("an estimate of zero with a cost is no estimate: the work counts as complete, with a warning", () => {
    const outcome = wip({ lines: [line("A", "5000.00", { estimatedCost: "0", costToDate: "10.00" }), line("B", "100.00", { estimatedCost: "0.00" })] });
    // Contract: estimate 0.00, cost 10.00 → 100 %, earned 5100.00; profit 5100.00, margin 1.0000.
    expect(outcome.figures).toMatchObject({ estimatedCost: "0.00", percentCompleteByCost: "1.0000", earnedRevenue: "5100.00", estimatedMargin: "1.0000" });
    // B: estimate 0 and no cost: nothing done.
    expect(outcome.lines.map((l) => [l.percentCompleteByCost, l.earnedRevenue])).toEqual([["1.0000", "5000.00"], ["0.0000", "0.00"]]);
    expect(codes(outcome.warnings)).toEqual([["COST_OVER_ESTIMATE", ["lines", 0]]]);
  });

  test("an expected loss: the whole loss is reported now", () => {
    /*
     * C 100000.00, EAC 120000.00, cost 60000.00: percent 0.5000, earned 50000.00
     * profit 100000.00 − 120000.00 = −20000.00, margin −0.2000, gross profit to date 50000.00 − 60000.00 = −10000.00
     */
    const outcome = wip({ lines: [line("A", "100000.00", { estimatedCost: "120000.00", costToDate: "60000.00" })], billedToDate: "45000.00" });
    expect(outcome.figures).toMatchObject({
      percentCompleteByCost: "0.5000", earnedRevenue: "50000.00", overUnderBilling: "-5000.00",
      estimatedGrossProfit: "-20000.00", estimatedMargin: "-0.2000", grossProfitToDate: "-10000.00",
    });
    expect(outcome.warnings).toEqual([
      {
        code: "EXPECTED_LOSS", path: [],
        message: "The estimated cost at completion (120000.00) exceeds the contract sum (100000.00): an expected loss of 20000.00. Provide for the whole loss now, and review the estimate.",
      },
    ]);
  });

  test("earned revenue is rounded once, in the contract's rounding mode; the percentage half-up to 4 decimals", () => {
    // 1.01 × 1.00 / 2.00 = 0.505: half-up 0.51, half-even 0.50.
    const lines = [line("A", "1.01", { estimatedCost: "2.00", costToDate: "1.00" })];
    expect(wip({ lines }).figures.earnedRevenue).toBe("0.51");
    expect(wip({ lines, rounding: "half-even" }).figures.earnedRevenue).toBe("0.50");
    // 93.33 / 200.00 = 0.46665 → 0.4667; earned 1000.00 × 0.46665 = 466.65 exactly.
    const exact = wip({ lines: [line("A", "1000.00", { estimatedCost: "200.00", costToDate: "93.33" })] }).figures;
    expect([exact.percentCompleteByCost, exact.earnedRevenue]).toEqual(["0.4667", "466.65"]);
  });

  test("in yen and in a three-decimal currency", () => {
    // JPY: 1000000 × 300000 / 700000 = 428571.43 → 428571; 3 / 7 = 0.42857 → 0.4286; billed 400000 − 428571 = −28571.
    expect(
      wip({ currency: "JPY", lines: [line("A", "1000000", { estimatedCost: "700000", costToDate: "300000" })], billedToDate: "400000" }).figures,
    ).toMatchObject({ percentCompleteByCost: "0.4286", earnedRevenue: "428571", overUnderBilling: "-28571", estimatedMargin: "0.3000", grossProfitToDate: "128571" });
    // KWD: 1000.000 × 200 / 600 = 333.3333 → 333.333; margin 400 / 1000 = 0.4000.
    expect(
      wip({ currency: "KWD", lines: [line("A", "1000.000", { estimatedCost: "600.000", costToDate: "200.000" })] }).figures,
    ).toMatchObject({ contractSumToDate: "1000.000", earnedRevenue: "333.333", percentCompleteByCost: "0.3333", estimatedMargin: "0.4000", costToDate: "200.000" });
    const outcome = computeWip(wipInput({ currency: "KWD", lines: [line("A", "1000.000", { costToDate: "1.0001" })] }));
    expect(outcome.ok ? [] : outcome.errors.map((e) => [e.code, e.path])).toEqual([["TOO_MANY_DECIMALS", ["lines", 0, "costToDate"]]]);
  });

  test("a contract worth nothing has no margin", () => {
    expect(wip({ lines: [line("A", "0.00", { estimatedCost: "10.00" })] }).figures).toMatchObject({ estimatedGrossProfit: "-10.00", estimatedMargin: null });
  });

  test("bad billed figures are problems at their fields", () => {
    const outcome = computeWip(wipInput({ billedToDate: "x", certifiedToDate: "1.234", billedByLine: new Map([["A", ""]]) }));
    expect(outcome.ok ? [] : outcome.errors.map((e) => [e.code, e.path])).toEqual([
      ["NOT_A_NUMBER", ["billedToDate"]],
      ["TOO_MANY_DECIMALS", ["certifiedToDate"]],
      ["REQUIRED", ["billedByLine", "A"]],
    ]);
  });
});

describe("roundQuotient", () => {
  test("half-up away from zero, half-even to the even neighbour, either sign", () => {
    const cases: [bigint, bigint, bigint, bigint][] = [
      // numerator, denominator, half-up, half-even
      [5n, 2n, 3n, 2n], [7n, 2n, 4n, 4n], [-5n, 2n, -3n, -2n], [5n, -2n, -3n, -2n], [-7n, -2n, 4n, 4n],
      [1n, 3n, 0n, 0n], [2n, 3n, 1n, 1n], [-2n, 3n, -1n, -1n], [6n, 3n, 2n, 2n], [0n, 5n, 0n, 0n],
    ];
    for (const [n, d, up, even] of cases) {
      expect([roundQuotient(n, d, "half-up"), roundQuotient(n, d, "half-even")]).toEqual([up, even]);
    }
  });
});
