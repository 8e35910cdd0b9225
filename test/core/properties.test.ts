import fc from "fast-check";
import { Decimal } from "decimal.js";
import { allocateLargestRemainder, computeInvoice, type BillingResult } from "../../src/core";
import { money, request, CURRENCIES } from "./arbitraries";

const d = (s: string): Decimal => new Decimal(s);
const total = (values: string[]): Decimal => values.reduce((acc, v) => acc.plus(v), new Decimal(0));

function amountsOf(result: BillingResult): string[] {
  const fromLines = result.lines.flatMap((l) => [
    l.scheduledValue, l.previouslyCompleted, l.thisPeriod, l.storedMaterials, l.completedAndStoredToDate,
    l.balanceToFinish, l.retention, l.retentionOnWork, l.retentionOnStoredMaterials,
  ]);
  const fromTaxes = result.taxBreakdown.flatMap((t) => [t.taxableAmount, t.tax]);
  const fromSummary = Object.values(result.summary as unknown as Record<string, string>);
  return [...fromLines, ...fromSummary, ...fromTaxes];
}

/** The largest-remainder method as it is defined: floors, then a unit each by descending remainder, earlier first on a tie. */
function byLargestRemainderSorted(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, w) => a + w, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => total * w - (parts[i] as bigint) * sum);
  const order = remainders.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  let leftover = total - parts.reduce((a, p) => a + p, 0n);
  for (let k = 0; leftover > 0n; k += 1, leftover -= 1n) parts[order[k]!]! += 1n;
  return parts;
}

describe("properties of the billing core", () => {
  test("a contract billed in any sequence of percentages adds up to its value to the cent", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.array(
          fc.record({
            scheduled: fc.bigInt({ min: 1n, max: 50_000_000n }),
            steps: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.constantFrom("0", "0.05", "0.1"),
        fc.constantFrom("half-up", "half-even"),
        (currency, contract, retentionRate, rounding) => {
          const m = currency.minorUnits;
          const applications = Math.max(...contract.map((l) => l.steps.length)) + 1;
          const previous = contract.map(() => "0");
          let previousCertificates = money(0n, m);
          let paid = new Decimal(0);
          const billed = contract.map(() => new Decimal(0));
          for (let app = 0; app < applications; app += 1) {
            const last = app === applications - 1;
            const lines = contract.map((line, i) => {
              const sorted = [...line.steps].sort((a, b) => a - b);
              const p = last ? "1" : (sorted[Math.min(app, sorted.length - 1)]! / 1_000_000).toString();
              return { id: `M${i}`, scheduledValue: money(line.scheduled, m), previouslyCompleted: previous[i], percentComplete: p };
            });
            const outcome = computeInvoice({
              currency: currency.code,
              rounding,
              retention: { rate: retentionRate, ...(last ? { release: "all" } : {}) },
              previousCertificates,
              lines,
            });
            if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
            const result = outcome.result;
            result.lines.forEach((l, i) => {
              billed[i] = billed[i]!.plus(l.thisPeriod);
              previous[i] = l.completedAndStoredToDate;
            });
            paid = paid.plus(result.summary.currentPaymentDue);
            previousCertificates = result.summary.totalEarnedLessRetention;
          }
          contract.forEach((line, i) => expect(billed[i]!.toFixed(m)).toBe(money(line.scheduled, m)));
          expect(paid.toFixed(m)).toBe(money(contract.reduce((a, l) => a + l.scheduled, 0n), m));
        },
      ),
      { numRuns: 150 },
    );
  });

  test("line 9 = Σ H + line 5, every total reconciles, and no amount is NaN, infinite or over-precise", () => {
    fc.assert(
      fc.property(request, (req) => {
        const outcome = computeInvoice(req);
        if (!outcome.ok) {
          expect(outcome.errors.length).toBeGreaterThan(0);
          return;
        }
        const { summary, lines, minorUnits, taxBreakdown } = outcome.result;
        const shape = minorUnits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${minorUnits}}$`);
        for (const amount of amountsOf(outcome.result)) expect(amount).toMatch(shape);
        expect(d(summary.balanceToFinishIncludingRetention).equals(total(lines.map((l) => l.balanceToFinish)).plus(summary.totalRetention))).toBe(true);
        expect(total(lines.map((l) => l.completedAndStoredToDate)).equals(d(summary.totalCompletedAndStoredToDate))).toBe(true);
        expect(total(lines.map((l) => l.retentionOnWork)).equals(d(summary.retentionOnCompletedWork))).toBe(true);
        expect(total(lines.map((l) => l.retentionOnStoredMaterials)).equals(d(summary.retentionOnStoredMaterials))).toBe(true);
        for (const l of lines) {
          expect(d(l.previouslyCompleted).plus(l.thisPeriod).plus(l.storedMaterials).equals(d(l.completedAndStoredToDate))).toBe(true);
          expect(d(l.retentionOnWork).plus(l.retentionOnStoredMaterials).equals(d(l.retention))).toBe(true);
        }
        expect(d(summary.contractSumToDate).equals(d(summary.originalContractSum).plus(summary.netChangeByChangeOrders))).toBe(true);
        expect(d(summary.totalRetention).equals(d(summary.retentionOnCompletedWork).plus(summary.retentionOnStoredMaterials).minus(summary.retentionReleased))).toBe(true);
        expect(d(summary.totalEarnedLessRetention).equals(d(summary.totalCompletedAndStoredToDate).minus(summary.totalRetention))).toBe(true);
        expect(d(summary.currentPaymentDue).equals(d(summary.totalEarnedLessRetention).minus(summary.previousCertificates).minus(summary.advanceRecovery))).toBe(true);
        expect(total(taxBreakdown.map((t) => t.tax)).equals(d(summary.tax))).toBe(true);
        expect(total(taxBreakdown.map((t) => t.taxableAmount)).equals(d(summary.taxableAmount))).toBe(true);
        expect(d(summary.totalDue).equals(d(summary.currentPaymentDue).plus(summary.tax))).toBe(true);
        expect(d(summary.advanceRecovery).greaterThanOrEqualTo(0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test("retention never exceeds its limit", () => {
    fc.assert(
      fc.property(request, fc.constantFrom("0.01", "0.025", "0.05"), (req, limitRate) => {
        const outcome = computeInvoice({ ...req, retention: { ...req.retention, limitRate, release: undefined } });
        if (!outcome.ok) return;
        const { summary } = outcome.result;
        const limit = d(limitRate).times(summary.contractSumToDate);
        const held = d(summary.retentionOnCompletedWork).plus(summary.retentionOnStoredMaterials);
        expect(held.lessThanOrEqualTo(Decimal.max(limit, 0))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("allocations add up to their total, never go negative and stay within a minor unit of their exact share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10_000_000_000n }),
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 1_000_000_000n }), fc.bigInt({ min: 0n, max: 3n })), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const parts = allocateLargestRemainder(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, p) => a + p, 0n)).toBe(total);
          expect(parts).toEqual(byLargestRemainderSorted(total, weights));
          const weightSum = weights.reduce((a, w) => a + w, 0n);
          parts.forEach((part, i) => {
            expect(part >= 0n).toBe(true);
            if (weightSum === 0n) return;
            // part is the exact share total × w / Σw floored, or one more.
            const floor = (total * (weights[i] as bigint)) / weightSum;
            expect(part === floor || part === floor + 1n).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
