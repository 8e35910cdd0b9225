import fc from "fast-check";
import {
  type AdvanceInvoicedInput, type BillingRequest, type BillingResult, type PrecedingInvoice,
  advanceRecoveredByRate, chargedByRate, computeAdvanceInvoice, computeFinalInvoice, computeInvoice,
} from "../../src/core";
import { money } from "./arbitraries";

/**
 * A contract from its advance invoice to its final invoice, carried forward as the billing log
 * carries it (each line's D the G before, line 7 the line 6 before, the advance recovered per rate
 * replayed): whatever the contract, the rates, the percentages and the advance, the invoices add
 * up to the contract, the VAT to the VAT on its price, and the advance's VAT comes back in full.
 */

const RATES = ["0.19", "0.07", "0"];

const contract = fc.record({
  lines: fc.array(fc.record({ value: fc.bigInt({ min: 1n, max: 5_000_000_00n }), rate: fc.constantFrom(...RATES) }), { minLength: 1, maxLength: 5 }),
  // Each progress invoice's % complete per line, as ten-thousandths; made rising below.
  steps: fc.array(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 5, maxLength: 5 }), { minLength: 0, maxLength: 4 }),
  advanceShare: fc.integer({ min: 1, max: 5000 }),
  recoveryRate: fc.integer({ min: 1, max: 100 }),
  startsAt: fc.integer({ min: 0, max: 50 }),
  retention: fc.integer({ min: 0, max: 10 }),
});

function computed(outcome: { ok: true; result: BillingResult } | { ok: false; errors: unknown[] }): BillingResult {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

const cents = (text: string): bigint => BigInt(text.replace(".", ""));
const sumOf = (texts: string[]): bigint => texts.reduce((total, text) => total + cents(text), 0n);

describe("advance and final invoices, over any contract", () => {
  test("the invoices add up to the contract's price and VAT, and the advance's VAT is deducted in full", () => {
    fc.assert(
      fc.property(contract, ({ lines, steps, advanceShare, recoveryRate, startsAt, retention }) => {
        const contractSum = lines.reduce((total, line) => total + line.value, 0n);
        const advanceAmount = money((contractSum * BigInt(advanceShare)) / 10_000n, 2);
        if (cents(advanceAmount) === 0n) return;
        const base = {
          currency: "EUR", tax: { rate: "0.19" }, retention: { rate: (retention / 100).toString() },
          lines: lines.map((line, i) => ({ id: `L${i}`, scheduledValue: money(line.value, 2), taxRate: line.rate })),
        };
        const advance = computeAdvanceInvoice({ ...base, advance: { amount: advanceAmount } });
        if (!advance.ok) throw new Error(JSON.stringify(advance.errors));
        const byRate = advance.advance.byRate.map((r) => ({ rate: r.rate, amount: r.amount }));

        // Rising percentages, then 100 % everywhere for the final invoice.
        let reached = lines.map(() => 0);
        const percents = steps.map((step) => (reached = reached.map((p, i) => Math.max(p, step[i] ?? 0))));
        const results: BillingResult[] = [];
        const preceding: PrecedingInvoice[] = [{ number: "A", invoiceDate: "2027-01-01", byRate: chargedByRate(advance.result) }];
        const request = (percent: number[], settle: boolean): BillingRequest => {
          const last = results[results.length - 1];
          const recoveries = results.map((r) => r.summary.advanceRecovery);
          const invoiced: AdvanceInvoicedInput[] = advanceRecoveredByRate(byRate, recoveries, 2, "half-up");
          return {
            ...base,
            allowOverbilling: true,
            advance: {
              amount: advanceAmount, rate: (recoveryRate / 100).toString(), startsAt: (startsAt / 100).toString(),
              previouslyRecovered: money(sumOf(recoveries), 2), invoiced, settle,
            },
            ...(last === undefined ? {} : { previousCertificates: last.summary.totalEarnedLessRetention }),
            lines: base.lines.map((line, i) => ({ ...line, percentComplete: ((percent[i] ?? 0) / 10_000).toString(), previouslyCompleted: last?.lines[i]?.completedAndStoredToDate ?? "0" })),
          };
        };
        for (const [n, percent] of percents.entries()) {
          const result = computed(computeInvoice(request(percent, false)));
          results.push(result);
          preceding.push({ number: `P${n}`, invoiceDate: "2027-01-31", byRate: chargedByRate(result) });
        }
        const final = computeFinalInvoice(request(lines.map(() => 10_000), false), preceding);
        if (!final.ok) throw new Error(JSON.stringify(final.errors));
        const { statement, result } = final;

        // The contract, at each rate: the partial invoices and the final add up to its price, and their VAT to the VAT on it.
        for (const rate of statement.byRate) {
          expect(cents(rate.precedingNet) + cents(rate.net)).toBe(cents(rate.contractPrice));
          expect(cents(rate.precedingTax) + cents(rate.tax)).toBe(cents(rate.contractTax));
          const price = lines.filter((line) => line.rate === rate.rate).reduce((total, line) => total + line.value, 0n);
          expect(cents(rate.contractPrice)).toBe(price);
        }
        expect(sumOf(statement.byRate.map((r) => r.contractPrice))).toBe(contractSum);
        expect(cents(statement.balance) - cents(statement.retentionWithheld)).toBe(cents(result.summary.totalDue));
        expect(statement.balanceDue).toBe(result.summary.totalDue);

        // The advance comes back in full, and so does the VAT it charged, rate by rate: as the
        // final invoice would deduct it as a progress invoice (settling the rest), and inside its statement.
        const all = [...results, result];
        expect(sumOf(all.map((r) => r.summary.advanceRecovery))).toBe(cents(advanceAmount));
        const wouldBe = computed(computeInvoice(request(lines.map(() => 10_000), true)));
        for (const charged of advance.advance.byRate) {
          const deducted = [...results, wouldBe].flatMap((r) => r.advanceTaxDeducted ?? []).filter((d) => d.rate === charged.rate);
          expect(sumOf(deducted.map((d) => d.recovered))).toBe(cents(charged.amount));
          expect(sumOf(deducted.map((d) => d.tax))).toBe(cents(charged.tax));
        }
        expect(wouldBe.summary.currentPaymentDue).toBe(result.summary.currentPaymentDue);

        // What the client pays over the contract: its price with VAT, less the retention still held.
        const paid = sumOf([advance.result.summary.totalDue, ...all.map((r) => r.summary.totalDue)]);
        expect(paid).toBe(cents(statement.contractTotal) - cents(result.summary.totalRetention));
      }),
      { numRuns: 200 },
    );
  });
});
