// Worked example 3: a consultancy contract in EUR with 21 % VAT: two time-and-materials lines
// at different hourly rates, a fixed-price milestone billed by percentage and pass-through
// software licences at a different tax rate.
import { compute, expectLines, expectSummary, expectTaxBreakdown } from "./helpers";

const lines = [
  {
    id: "TM-SR",
    description: "Senior consultant",
    scheduledValue: "6000.00", // budget (not to exceed)
    previouslyCompleted: "1719.00", // the first invoice: 18 h × 95.50
    quantityToDate: "37.75",
    unitPrice: "95.50",
    unit: "h",
  },
  {
    id: "TM-JR",
    description: "Junior consultant",
    scheduledValue: "3000.00",
    quantityToDate: "12.25",
    unitPrice: "117.35",
    unit: "h",
  },
  {
    id: "M1",
    description: "Milestone 1: design signed off",
    scheduledValue: "12000.00",
    previouslyCompleted: "2400.00",
    percentComplete: "0.4",
  },
  {
    id: "LIC",
    description: "Software licences (pass-through)",
    scheduledValue: "2480.35",
    thisPeriod: "2480.35",
    taxRate: "0.09",
  },
];

describe("worked example 3: consultancy contract, EUR, VAT 21 %", () => {
  /*
   * TM-SR  D + E = round(37.75 h × 95.50) = round(3605.125) = 3605.13 (half-up)
   *        D 1719.00 (18 h × 95.50), E = 3605.13 − 1719.00 = 1886.13
   *        G 3605.13, G/C = 3605.13 / 6000 = 0.600855 → 0.6009, H = 6000.00 − 3605.13 = 2394.87
   * TM-JR  D + E = round(12.25 h × 117.35) = round(1437.5375) = 1437.54; D 0.00, E 1437.54
   *        G 1437.54, G/C = 1437.54 / 3000 = 0.47918 → 0.4792, H = 3000.00 − 1437.54 = 1562.46
   * M1     D + E = round(12000.00 × 0.4) = 4800.00; D 2400.00, E 2400.00
   *        G 4800.00, G/C 0.4000, H 7200.00
   * LIC    E 2480.35, G 2480.35, G/C 1.0000, H 0.00, tax rate 0.09 instead of 0.21
   * No retention: every retention column 0.00.
   *
   *   1  6000.00 + 3000.00 + 12000.00 + 2480.35            = 23480.35
   *   2  no change orders                                  = 0.00
   *   3                                                    = 23480.35
   *   4  3605.13 + 1437.54 + 4800.00 + 2480.35             = 12323.02
   *   5a, 5b, released, 5                                  = 0.00
   *   6  12323.02 − 0.00                                   = 12323.02
   *   7  derived: every E 0 → G = 1719.00 + 0 + 2400.00 + 0 = 4119.00, no retention, line 6 = 4119.00
   *   8  12323.02 − 4119.00                                = 8204.02
   *   9  23480.35 − 12323.02                               = 11157.33
   *   tax, once per rate on the period base (E + F − previous F):
   *      0.21: 1886.13 + 1437.54 + 2400.00 = 5723.67; 0.21 × 5723.67 = 1201.9707 → 1201.97
   *      0.09: 2480.35;                     0.09 × 2480.35 = 223.2315   → 223.23
   *   taxable 5723.67 + 2480.35 = 8204.02; tax 1201.97 + 223.23 = 1425.20
   *   total due 8204.02 + 1425.20 = 9629.22
   */
  it("gives every column and every summary line", () => {
    const result = compute({ currency: "EUR", tax: { rate: "0.21" }, lines });
    expectLines(result, [
      ["TM-SR", "Senior consultant", false, "6000.00", "1719.00", "1886.13", "0.00", "3605.13", "0.6009", "2394.87", "0.00", "0.00", "0.00", "0.21"],
      ["TM-JR", "Junior consultant", false, "3000.00", "0.00", "1437.54", "0.00", "1437.54", "0.4792", "1562.46", "0.00", "0.00", "0.00", "0.21"],
      ["M1", "Milestone 1: design signed off", false, "12000.00", "2400.00", "2400.00", "0.00", "4800.00", "0.4000", "7200.00", "0.00", "0.00", "0.00", "0.21"],
      ["LIC", "Software licences (pass-through)", false, "2480.35", "0.00", "2480.35", "0.00", "2480.35", "1.0000", "0.00", "0.00", "0.00", "0.00", "0.09"],
    ]);
    expectSummary(result, {
      originalContractSum: "23480.35",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "23480.35",
      totalCompletedAndStoredToDate: "12323.02",
      retentionOnCompletedWork: "0.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "0.00",
      totalEarnedLessRetention: "12323.02",
      previousCertificates: "4119.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "8204.02",
      balanceToFinishIncludingRetention: "11157.33",
      taxableAmount: "8204.02",
      tax: "1425.20",
      totalDue: "9629.22",
    });
    expectTaxBreakdown(result, [
      ["0.09", "2480.35", "223.23"],
      ["0.21", "5723.67", "1201.97"],
    ]);
    expect(result.currency).toBe("EUR");
    expect(result.minorUnits).toBe(2);
    expect(result.warnings).toEqual([]);
  });

  /*
   * The same application with 5 % retention and VAT on the payment (base "payment").
   * Retention on work, per line:
   *   TM-SR 0.05 × 3605.13 = 180.2565 → 180.26      TM-JR 0.05 × 1437.54 = 71.877 → 71.88
   *   M1    0.05 × 4800.00 = 240.00                 LIC   0.05 × 2480.35 = 124.0175 → 124.02
   *   5a = 180.26 + 71.88 + 240.00 + 124.02 = 616.16; 5 = 616.16
   *   6  12323.02 − 616.16 = 11706.86
   *   7  derived: G 1719.00 + 2400.00 = 4119.00, retention 0.05 × 1719.00 = 85.95 + 0.05 × 2400.00 = 120.00,
   *      line 6 = 4119.00 − 205.95 = 3913.05
   *   8  11706.86 − 3913.05 = 7793.81
   *   9  23480.35 − 11706.86 = 11773.49
   * Tax on line 8 split by the period bases (0.09: 2480.35, 0.21: 5723.67, Σ 8204.02), largest remainder:
   *   0.09: 7793.81 × 2480.35 / 8204.02 = 2356.3297… → floor 2356.32, remainder .0097…
   *   0.21: 7793.81 × 5723.67 / 8204.02 = 5437.4802… → floor 5437.48, remainder .0002…
   *   floors add to 7793.80; the one cent left goes to the larger remainder (0.09) → 2356.33 and 5437.48
   *   tax 0.09 × 2356.33 = 212.0697 → 212.07; 0.21 × 5437.48 = 1141.8708 → 1141.87
   *   taxable 7793.81, tax 212.07 + 1141.87 = 1353.94, total due 7793.81 + 1353.94 = 9147.75
   */
  it("taxes the payment, split across rates by largest remainder, when base is payment", () => {
    const result = compute({
      currency: "EUR",
      retention: { rate: "0.05" },
      tax: { rate: "0.21", base: "payment" },
      lines,
    });
    expectLines(result, [
      ["TM-SR", "Senior consultant", false, "6000.00", "1719.00", "1886.13", "0.00", "3605.13", "0.6009", "2394.87", "180.26", "0.00", "180.26", "0.21"],
      ["TM-JR", "Junior consultant", false, "3000.00", "0.00", "1437.54", "0.00", "1437.54", "0.4792", "1562.46", "71.88", "0.00", "71.88", "0.21"],
      ["M1", "Milestone 1: design signed off", false, "12000.00", "2400.00", "2400.00", "0.00", "4800.00", "0.4000", "7200.00", "240.00", "0.00", "240.00", "0.21"],
      ["LIC", "Software licences (pass-through)", false, "2480.35", "0.00", "2480.35", "0.00", "2480.35", "1.0000", "0.00", "124.02", "0.00", "124.02", "0.09"],
    ]);
    expectSummary(result, {
      originalContractSum: "23480.35",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "23480.35",
      totalCompletedAndStoredToDate: "12323.02",
      retentionOnCompletedWork: "616.16",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "616.16",
      totalEarnedLessRetention: "11706.86",
      previousCertificates: "3913.05",
      advanceRecovery: "0.00",
      currentPaymentDue: "7793.81",
      balanceToFinishIncludingRetention: "11773.49",
      taxableAmount: "7793.81",
      tax: "1353.94",
      totalDue: "9147.75",
    });
    expectTaxBreakdown(result, [
      ["0.09", "2356.33", "212.07"],
      ["0.21", "5437.48", "1141.87"],
    ]);
  });

  it("taxes a pass-through line at rate 0 when its taxRate is 0", () => {
    // 0.21 base 5723.67 → 1201.97 as above; LIC 2480.35 at 0 → 0.00; tax 1201.97, total due 8204.02 + 1201.97 = 9405.99
    const result = compute({
      currency: "EUR",
      tax: { rate: "0.21" },
      lines: lines.map((line) => (line.id === "LIC" ? { ...line, taxRate: "0" } : line)),
    });
    expectTaxBreakdown(result, [
      ["0", "2480.35", "0.00"],
      ["0.21", "5723.67", "1201.97"],
    ]);
    expect(result.summary).toEqual(
      expect.objectContaining({ taxableAmount: "8204.02", tax: "1201.97", totalDue: "9405.99" }),
    );
  });
});
