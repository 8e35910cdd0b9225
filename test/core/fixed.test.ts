import fc from "fast-check";
import { Decimal } from "decimal.js";
import { fixedText, isReadProblem, readFixed, readUnits, scaledText, MAX_DECIMALS } from "../../src/core/fixed";
import { roundToMinorUnits } from "../../src/core/rounding";

/**
 * The core computes with exact scaled integers; decimal.js, an independent decimal
 * arithmetic, is the oracle that every reading, rounding and text is held to here.
 */
const D = Decimal.clone({ precision: 200, toExpNeg: -1000, toExpPos: 1000 });

/** Decimal text in every form the core reads: signs, leading and trailing zeros, points, exponents. */
const decimalText = fc
  .record({
    sign: fc.constantFrom("", "-", "+"),
    whole: fc.stringMatching(/^\d{0,18}$/),
    point: fc.boolean(),
    fraction: fc.stringMatching(/^\d{0,12}$/),
    exponent: fc.option(fc.integer({ min: -40, max: 20 }), { nil: undefined }),
  })
  .map(({ sign, whole, point, fraction, exponent }) => {
    const digits = whole === "" && fraction === "" ? "0" : whole;
    return `${sign}${digits}${point || fraction !== "" ? `.${fraction}` : ""}${exponent === undefined ? "" : `e${exponent}`}`;
  });

const magnitudeOf = (value: Decimal): number => (value.isZero() ? -Infinity : value.e);

describe("exact decimal numbers (fixed.ts)", () => {
  test("readFixed reads every decimal text to exactly the value decimal.js reads, or says why not", () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const oracle = new D(text);
        const reading = readFixed(text);
        if (magnitudeOf(oracle) >= 15) return expect(reading).toEqual({ problem: "too-large" });
        if (oracle.decimalPlaces() > MAX_DECIMALS) return expect(reading).toEqual({ problem: "too-many-decimals" });
        if (isReadProblem(reading)) throw new Error(`${text} was refused: ${reading.problem}`);
        expect(new D(reading.units.toString()).dividedBy(new D(10).pow(reading.scale)).equals(oracle)).toBe(true);
        // normalised: no trailing zero after the point, so equal numbers have equal fields
        if (reading.scale > 0) expect(reading.units % 10n).not.toBe(0n);
        expect(fixedText(reading)).toBe(oracle.toString());
      }),
      { numRuns: 3000 },
    );
  });

  test("readUnits gives an amount in whole minor units, refusing more decimals than the currency has", () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(0, 2, 3, 4), (text, minorUnits) => {
        const oracle = new D(text);
        const reading = readUnits(text, minorUnits);
        if (magnitudeOf(oracle) >= 15) return expect(reading).toEqual({ problem: "too-large" });
        if (oracle.decimalPlaces() > minorUnits) return expect(reading).toEqual({ problem: "too-many-decimals" });
        expect(reading).toBe(BigInt(oracle.times(new D(10).pow(minorUnits)).toFixed(0)));
      }),
      { numRuns: 3000 },
    );
  });

  test("text that is not a number is refused", () => {
    for (const text of ["", ".", "-", "-.", "+", "1.2.3", "1e", "e5", "1,000", "0x10", "NaN", "Infinity", "12 ", "١٢"]) {
      expect(readFixed(text)).toEqual({ problem: "not-a-number" });
      expect(readUnits(text, 2)).toEqual({ problem: "not-a-number" });
    }
  });

  test("a huge exponent is judged without building the number", () => {
    expect(readFixed("1e-99999999")).toEqual({ problem: "too-many-decimals" });
    expect(readFixed("1e99999999")).toEqual({ problem: "too-large" });
    expect(readFixed("0e99999999")).toEqual({ units: 0n, scale: 0 });
  });

  test("rounding to minor units is decimal.js's half-up, half-even and down at every scale", () => {
    const modes = [
      ["half-up", Decimal.ROUND_HALF_UP],
      ["half-even", Decimal.ROUND_HALF_EVEN],
      ["down", Decimal.ROUND_DOWN],
    ] as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(0, 2, 3, 4),
        fc.constantFrom(...modes),
        (units, scale, minorUnits, [mode, decimalMode]) => {
          const value = new D(units.toString()).dividedBy(new D(10).pow(scale));
          const expected = value.toDecimalPlaces(minorUnits, decimalMode).times(new D(10).pow(minorUnits));
          expect(roundToMinorUnits(units, scale, minorUnits, mode)).toBe(BigInt(expected.toFixed(0)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  test("halves are where the modes differ", () => {
    // 2.5, 3.5, -2.5 in minor units of a one-decimal scale
    expect([25n, 35n, -25n].map((u) => roundToMinorUnits(u, 1, 0, "half-up"))).toEqual([3n, 4n, -3n]);
    expect([25n, 35n, -25n].map((u) => roundToMinorUnits(u, 1, 0, "half-even"))).toEqual([2n, 4n, -2n]);
    expect([29n, -29n].map((u) => roundToMinorUnits(u, 1, 0, "down"))).toEqual([2n, -2n]);
  });

  test("an amount's text has exactly the minor units", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), fc.integer({ min: 0, max: 6 }), (units, places) => {
        const oracle = new D(units.toString()).dividedBy(new D(10).pow(places)).toFixed(places);
        expect(scaledText(units, places)).toBe(oracle);
      }),
      { numRuns: 3000 },
    );
  });
});
