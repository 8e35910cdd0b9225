import fc from "fast-check";
import { computeInvoice } from "../../src/core";
import { cellResult, installCustomFunctionsRuntime } from "../support/custom-functions-runtime";

installCustomFunctionsRuntime();
// Imported after the runtime exists, as Excel loads them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require("../../src/functions/functions") as typeof import("../../src/functions/functions");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setContractCurrency } = require("../../src/functions/contract-currency") as typeof import("../../src/functions/contract-currency");

afterEach(() => setContractCurrency(undefined));

describe("INTERIM scalar functions", () => {
  test("EARNED: round(C × %) + stored materials, read without binary noise", () => {
    expect(fns.earned(100, 1 / 3)).toBe(33.33);
    expect(fns.earned(1000, 0.1 + 0.2, 25.5)).toBe(325.5); // 0.30000000000000004 is 0.3 in a cell
    expect(fns.earned(1234567, 0.333, null as unknown as number, "JPY")).toBe(411111);
    expect(fns.earned(10, 0.0005, 0, "KWD")).toBe(0.005);
  });

  test("DUE: (G − retention on G) − (D − retention on D)", () => {
    // G = 45000.00, retention 4500.00; D = 20000.00, retention 2000.00: 40500.00 − 18000.00
    expect(fns.due(100000, 0.45, 20000, 0.1)).toBe(22500);
    expect(fns.due(100, 2 / 3, 33.33)).toBe(33.34);
    expect(fns.due(1000.1, 0.5, 0, 0.1)).toBe(450.04); // G 500.05, retention round(50.005) = 50.01
  });

  test("RETENTION, BALANCE and TAX", () => {
    expect(fns.retention(45000, 0.1, 3000, 0.05)).toBe(4650);
    expect(fns.retention(45000, 0.1, 3000)).toBe(4800);
    expect(fns.balance(100000, 0.45, 3000)).toBe(52000);
    expect(fns.tax(0.15, 0.19)).toBe(0.03); // 0.0285
    expect(fns.tax(1000, 0.21, "EUR")).toBe(210);
  });

  test("ROUND rounds as the core: half away from zero by default, half-even on request", () => {
    expect(fns.round(1.005)).toBe(1.01); // a binary ROUND of 1.005 gives 1.00
    expect(fns.round(-2.345)).toBe(-2.35);
    expect(fns.round(2.5, "JPY")).toBe(3);
    expect(fns.round(2.5, "JPY", "half-even")).toBe(2);
    expect(fns.round(1.0005, "KWD", "half-even")).toBe(1);
  });

  test("the currency defaults to the contract's, else USD", () => {
    expect(fns.round(2.5, null as unknown as string)).toBe(2.5);
    setContractCurrency("JPY");
    expect(fns.round(2.5)).toBe(3);
    expect(fns.balance(1000, 1 / 3)).toBe(667);
    expect(fns.round(2.5, "USD")).toBe(2.5);
  });

  test("bad arguments give #VALUE! naming the argument; never a raw exception or a silent 0", () => {
    expect(cellResult(() => fns.earned(1000, 10))).toEqual({
      error: "#VALUE!",
      message: "percentComplete must be a fraction between 0 and 1 (0.10 is 10 %), not 10. Did you mean 10 %? Enter 10% or 0.1.",
    });
    expect(cellResult(() => fns.due(1000, 0.5, 0, 55))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^retentionRate .*Did you mean 55 %\?/) });
    expect(cellResult(() => fns.tax(100, 0.2, "XYZ"))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/XYZ/) });
    expect(cellResult(() => fns.round(1, "USD", "up"))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/mode must be "half-up" or "half-even"/) });
    expect(cellResult(() => fns.earned(1000, 0.5, -5))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^storedMaterials must not be below zero/) });
    expect(cellResult(() => fns.due(1000, 0.5, 100.005))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^previouslyCompleted .*more decimals than USD/) });
  });
});

describe("INTERIM.DUE agrees with the billing core to the cent", () => {
  test("over random lines", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(0, 0.05, 0.1, 0.125, 0.15),
        fc.constantFrom(["USD", 2], ["JPY", 0], ["KWD", 3]),
        (units, percentTenThousandths, previousShare, rate, [currency, minorUnits]) => {
          const scheduled = units / 10 ** (minorUnits as number);
          const percent = percentTenThousandths / 10_000;
          const previous = Math.floor(units * (previousShare / 10_000)) / 10 ** (minorUnits as number);
          const outcome = computeInvoice({
            currency,
            retention: { rate: String(rate) },
            lines: [{ id: "1", scheduledValue: String(scheduled), previouslyCompleted: String(previous), percentComplete: String(percent) }],
            allowOverbilling: true,
          });
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
          const line = outcome.result.lines[0]!;
          const netToDate = Number(line.completedAndStoredToDate) - Number(line.retention);
          const expected = Number(outcome.result.summary.currentPaymentDue);
          expect(fns.due(scheduled, percent, previous, rate, currency as string)).toBe(expected);
          expect(fns.earned(scheduled, percent, 0, currency as string)).toBe(Number(line.completedAndStoredToDate));
          expect(fns.retention(Number(line.completedAndStoredToDate), rate, 0, null as unknown as number, currency as string)).toBe(Number(line.retention));
          setContractCurrency(currency);
          expect(fns.balance(scheduled, percent)).toBe(Number(line.balanceToFinish));
          expect(netToDate - fns.due(scheduled, percent, previous, rate, currency as string)).toBeCloseTo(
            Number(outcome.result.summary.previousCertificates),
            minorUnits,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
