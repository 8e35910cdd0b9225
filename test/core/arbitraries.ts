import fc from "fast-check";

/** Money of `minorUnits` decimals from a whole number of minor units. */
export function money(minorUnitsCount: bigint, minorUnits: number): string {
  const negative = minorUnitsCount < 0n;
  const digits = (negative ? -minorUnitsCount : minorUnitsCount).toString().padStart(minorUnits + 1, "0");
  const whole = minorUnits === 0 ? digits : digits.slice(0, -minorUnits);
  const fraction = minorUnits === 0 ? "" : `.${digits.slice(-minorUnits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export const CURRENCIES = [
  { code: "USD", minorUnits: 2 },
  { code: "EUR", minorUnits: 2 },
  { code: "JPY", minorUnits: 0 },
  { code: "KWD", minorUnits: 3 },
] as const;

const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 1_000_000).toString());
const rate = fc.constantFrom("0", "0.05", "0.1", "0.125", "0.19", "0.2", "0.21", "0.333");

/** A random but valid-shaped request: lines with every way of stating progress, any policy. */
export const request = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    rounding: fc.constantFrom("half-up", "half-even"),
    lines: fc.array(
      fc.record({
        scheduled: fc.bigInt({ min: -500_000n, max: 100_000_000n }),
        changeOrder: fc.boolean(),
        previousShare: fc.double({ min: 0, max: 1, noNaN: true }),
        progress: fc.constantFrom("none", "percentComplete", "completedToDate", "thisPeriod", "quantityToDate"),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        percent: fraction,
        quantity: fc.integer({ min: 0, max: 4000 }).map((q) => (q / 4).toString()),
        unitPrice: fc.integer({ min: 1, max: 30000 }).map((p) => (p / 100).toString()),
        stored: fc.bigInt({ min: 0n, max: 1_000_000n }),
        previousStored: fc.bigInt({ min: 0n, max: 1_000_000n }),
        retentionRate: fc.option(rate, { nil: undefined }),
        taxRate: fc.option(rate, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    retention: fc.oneof(
      fc.constant(undefined),
      fc.record({ rate, storedMaterialsRate: fc.option(rate, { nil: undefined }) }),
      fc.record({
        steps: fc.constant([
          { from: "0", rate: "0.1" },
          { from: "0.5", rate: "0.05" },
        ]),
        mode: fc.constantFrom("whole", "marginal"),
      }),
    ),
    limitRate: fc.option(fc.constantFrom("0.02", "0.05"), { nil: undefined }),
    release: fc.option(fc.constantFrom("half", "all"), { nil: undefined }),
    tax: fc.option(fc.record({ rate, base: fc.constantFrom("period", "payment") }), { nil: undefined }),
    advance: fc.option(fc.bigInt({ min: 0n, max: 10_000_000n }), { nil: undefined }),
  })
  .map((r) => {
    const m = r.currency.minorUnits;
    const usesSteps = r.retention !== undefined && "steps" in r.retention;
    const lines = r.lines.map((l, i) => {
      const deductive = l.scheduled < 0n;
      const previous = BigInt(Math.floor(Number(l.scheduled) * l.previousShare));
      const toDate = BigInt(Math.floor(Number(l.scheduled) * l.share));
      const line: Record<string, unknown> = {
        id: `L${i}`,
        description: `Line ${i}`,
        scheduledValue: money(l.scheduled, m),
        changeOrder: l.changeOrder || deductive,
        previouslyCompleted: money(previous, m),
        storedMaterials: money(l.stored, m),
        previousStoredMaterials: money(l.previousStored, m),
      };
      if (l.progress === "percentComplete") line["percentComplete"] = l.percent;
      if (l.progress === "completedToDate") line["completedToDate"] = money(toDate, m);
      if (l.progress === "thisPeriod") line["thisPeriod"] = money(toDate - previous, m);
      if (l.progress === "quantityToDate" && !deductive) {
        line["quantityToDate"] = l.quantity;
        line["unitPrice"] = l.unitPrice;
      }
      if (l.retentionRate !== undefined && !usesSteps) line["retentionRate"] = l.retentionRate;
      if (l.taxRate !== undefined) line["taxRate"] = l.taxRate;
      return line;
    });
    return {
      currency: r.currency.code,
      rounding: r.rounding,
      allowOverbilling: true,
      retention: { ...(r.retention ?? {}), ...(r.limitRate ? { limitRate: r.limitRate } : {}), ...(r.release ? { release: r.release } : {}) },
      ...(r.tax ? { tax: r.tax } : {}),
      ...(r.advance !== undefined ? { advance: { amount: money(r.advance, m) } } : {}),
      lines,
    };
  });
