import fc from "fast-check";
import { computeInvoice } from "../../src/core";
import { CURRENCIES, money } from "./arbitraries";

/**
 * A reference for marginal step-down retention in exact rational arithmetic: the rules' own
 * formula, Σ C × Σ rateₖ × sliceₖ, with the project's percentage complete Σ(D + E) / Σ C kept
 * as a fraction of bigints, so no quotient is ever cut to a number of digits.
 */
interface Ratio {
  n: bigint;
  d: bigint;
}

const ratio = (n: bigint, d = 1n): Ratio => (d < 0n ? { n: -n, d: -d } : { n, d });
const ofText = (text: string): Ratio => {
  const [whole = "0", fraction = ""] = text.split(".");
  return ratio(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
};
const plus = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
const minus = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d - b.n * a.d, a.d * b.d);
const times = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);
const below = (a: Ratio, b: Ratio): boolean => a.n * b.d < b.n * a.d;
const min = (a: Ratio, b: Ratio): Ratio => (below(b, a) ? b : a);
const max = (a: Ratio, b: Ratio): Ratio => (below(a, b) ? b : a);

/** A non-negative ratio rounded to a whole number, half-up or half-even. */
function roundRatio(value: Ratio, mode: "half-up" | "half-even"): bigint {
  const floor = value.n / value.d;
  const twice = 2n * (value.n - floor * value.d);
  if (twice > value.d || (twice === value.d && (mode === "half-up" || floor % 2n === 1n))) return floor + 1n;
  return floor;
}

interface Step {
  from: string;
  rate: string;
}

/** Retention on work in minor units: C × Σ rateₖ × (min(p, nextₖ) − fromₖ)⁺, rounded once. */
function referenceMarginal(contractSum: bigint, work: bigint, steps: Step[], mode: "half-up" | "half-even"): bigint {
  if (contractSum <= 0n) return 0n;
  const project = ratio(work, contractSum);
  let rate = ratio(0n);
  steps.forEach((step, k) => {
    const next = steps[k + 1];
    const top = next === undefined ? project : min(project, ofText(next.from));
    rate = plus(rate, times(ofText(step.rate), max(ratio(0n), minus(top, ofText(step.from)))));
  });
  return roundRatio(times(ratio(contractSum), rate), mode);
}

const stepLists = fc.constantFrom<Step[]>(
  [{ from: "0", rate: "0.1" }, { from: "0.5", rate: "0.05" }],
  [{ from: "0", rate: "0.1" }, { from: "0.25", rate: "0.075" }, { from: "0.75", rate: "0.025" }],
  [{ from: "0.1", rate: "0.05" }, { from: "0.6", rate: "0.025" }],
  [{ from: "0", rate: "0.05" }],
);

describe("marginal step-down retention", () => {
  test("equals the exact rational formula to the minor unit, ties included, half-up and half-even", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom("half-up" as const, "half-even" as const),
        stepLists,
        fc.array(fc.record({ scheduled: fc.bigInt({ min: 1n, max: 5_000_000n }), share: fc.integer({ min: 0, max: 1000 }) }), { minLength: 1, maxLength: 4 }),
        (currency, rounding, steps, contract) => {
          const m = currency.minorUnits;
          const lines = contract.map((line, i) => ({
            id: `L${i}`,
            scheduledValue: money(line.scheduled, m),
            completedToDate: money((line.scheduled * BigInt(line.share)) / 1000n, m),
          }));
          const outcome = computeInvoice({ currency: currency.code, rounding, retention: { steps, mode: "marginal" }, lines });
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
          const contractSum = contract.reduce((a, l) => a + l.scheduled, 0n);
          const work = contract.reduce((a, l) => a + (l.scheduled * BigInt(l.share)) / 1000n, 0n);
          expect(outcome.result.summary.retentionOnCompletedWork).toBe(money(referenceMarginal(contractSum, work, steps, rounding), m));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("a tie below the first step's end: 10 % of 3.05 is 0.31 half-up and 0.30 half-even, whatever C", () => {
    // Σ(D + E) / Σ C = 3.05 / 30.01 has no finite decimal form; through that quotient it was 0.30 half-up.
    for (const [rounding, expected] of [["half-up", "0.31"], ["half-even", "0.30"]] as const) {
      const outcome = computeInvoice({
        rounding,
        retention: { steps: [{ from: "0", rate: "0.1" }, { from: "0.5", rate: "0.05" }], mode: "marginal" },
        lines: [{ id: "1", scheduledValue: "30.01", completedToDate: "3.05" }],
      });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      expect(outcome.result.summary.retentionOnCompletedWork).toBe(expected);
    }
  });
});
