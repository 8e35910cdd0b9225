import fc from "fast-check";
import { computeInvoice, type BillingResult } from "../../src/core";
import { money } from "./arbitraries";

/** One line of a request; `capped` set or left out. */
const line = fc
  .record({
    scheduled: fc.bigInt({ min: 0n, max: 10_000_000n }),
    previousShare: fc.double({ min: 0, max: 1, noNaN: true }),
    stored: fc.bigInt({ min: 0n, max: 2_000_000n }),
    progress: fc.constantFrom("percentComplete", "completedToDate", "thisPeriod", "quantityToDate"),
    worked: fc.bigInt({ min: 0n, max: 20_000_000n }),
    percent: fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 10_000).toString()),
    quantity: fc.integer({ min: 0, max: 4000 }).map((q) => (q / 4).toString()),
    unitPrice: fc.integer({ min: 1, max: 30000 }).map((p) => (p / 100).toString()),
  })
  .map((l) => {
    const previous = BigInt(Math.floor(Number(l.scheduled) * l.previousShare));
    const fields: Record<string, unknown> = {
      id: "1",
      scheduledValue: money(l.scheduled, 2),
      previouslyCompleted: money(previous, 2),
      storedMaterials: money(l.stored, 2),
    };
    if (l.progress === "percentComplete") fields["percentComplete"] = l.percent;
    if (l.progress === "completedToDate") fields["completedToDate"] = money(previous + l.worked, 2);
    if (l.progress === "thisPeriod") fields["thisPeriod"] = money(l.worked, 2);
    if (l.progress === "quantityToDate") Object.assign(fields, { quantityToDate: l.quantity, unitPrice: l.unitPrice });
    return fields;
  });

function computed(fields: Record<string, unknown>): BillingResult {
  const outcome = computeInvoice({ currency: "USD", allowOverbilling: true, lines: [fields] });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result;
}

const cents = (text: string | undefined): bigint => BigInt((text ?? "").replace(".", ""));

describe("capped lines", () => {
  test("never bill past C − F, and billed + worked but not billed = the work the progress gives", () => {
    fc.assert(
      fc.property(line, (fields) => {
        // The same line uncapped bills exactly w: G − F.
        const uncapped = computed(fields).lines[0];
        const capped = computed({ ...fields, capped: true }).lines[0];
        const C = cents(capped?.scheduledValue);
        const F = cents(capped?.storedMaterials);
        const w = cents(uncapped?.completedAndStoredToDate) - F;
        const billed = cents(capped?.completedAndStoredToDate) - F;
        expect(billed <= C - F).toBe(true);
        expect(billed + cents(capped?.workedNotBilled)).toBe(w);
        expect(billed).toBe(w < C - F ? w : C - F);
      }),
    );
  });
});
