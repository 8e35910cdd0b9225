// Worked example 8: currencies with no minor unit (JPY), with three (KWD), and an unknown
// code that states its own minor units.
import { compute, expectLines, expectSummary, expectTaxBreakdown, rejected } from "./helpers";

describe("worked example 8: zero- and three-decimal currencies", () => {
  /*
   * JPY, 0 decimals, retention 10 %, consumption tax 8 %.
   * L1 C 1234567, p 0.333: D + E = round(1234567 × 0.333 = 411110.811) = 411111
   *    G 411111, G/C = 0.333000… → 0.3330, H = 1234567 − 411111 = 823456
   *    retention 0.10 × 411111 = 41111.1 → 41111
   * L2 C 500000, E 125000: G 125000, G/C 0.2500, H 375000, retention 12500
   *   1 = 3 = 1734567; 4 = 536111; 5a = 41111 + 12500 = 53611; 5 = 53611
   *   6 = 536111 − 53611 = 482500; 7 derived 0; 8 = 482500; 9 = 1734567 − 482500 = 1252067
   *   tax 0.08 × 536111 = 42888.88 → 42889; total due 482500 + 42889 = 525389
   */
  it("JPY: amounts without decimals", () => {
    const result = compute({
      currency: "JPY",
      retention: { rate: "0.10" },
      tax: { rate: "0.08" },
      lines: [
        { id: "L1", description: "Structure", scheduledValue: "1234567", percentComplete: "0.333" },
        { id: "L2", description: "Fit-out", scheduledValue: "500000", thisPeriod: "125000" },
      ],
    });
    expect(result.minorUnits).toBe(0);
    expectLines(result, [
      ["L1", "Structure", false, "1234567", "0", "411111", "0", "411111", "0.3330", "823456", "41111", "0", "41111", "0.08"],
      ["L2", "Fit-out", false, "500000", "0", "125000", "0", "125000", "0.2500", "375000", "12500", "0", "12500", "0.08"],
    ]);
    expectSummary(result, {
      originalContractSum: "1734567",
      netChangeByChangeOrders: "0",
      contractSumToDate: "1734567",
      totalCompletedAndStoredToDate: "536111",
      retentionOnCompletedWork: "53611",
      retentionOnStoredMaterials: "0",
      retentionReleased: "0",
      totalRetention: "53611",
      totalEarnedLessRetention: "482500",
      previousCertificates: "0",
      advanceRecovery: "0",
      currentPaymentDue: "482500",
      balanceToFinishIncludingRetention: "1252067",
      taxableAmount: "536111",
      tax: "42889",
      totalDue: "525389",
    });
    expectTaxBreakdown(result, [["0.08", "536111", "42889"]]);
  });

  it("JPY: refuses an amount with decimals", () => {
    const errors = rejected({
      currency: "JPY",
      lines: [{ id: "L1", description: "Structure", scheduledValue: "1234567.5" }],
    });
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "TOO_MANY_DECIMALS", path: ["lines", 0, "scheduledValue"] }),
    );
  });

  /*
   * KWD, 3 decimals, retention 5 %.
   * L1 C 12345.678, p 0.5: D + E = 6172.839 (exact), G 6172.839, G/C 0.5000, H 6172.839
   *    retention 0.05 × 6172.839 = 308.64195 → 308.642
   * L2 C 2000.000, E 1234.570: G 1234.570, G/C 0.617285 → 0.6173, H 765.430
   *    retention 0.05 × 1234.570 = 61.7285 → 61.729 half-up (61.728 half-even)
   *   1 = 3 = 12345.678 + 2000.000 = 14345.678; 4 = 6172.839 + 1234.570 = 7407.409
   *   5a = 308.642 + 61.729 = 370.371; 6 = 7407.409 − 370.371 = 7037.038; 7 derived 0.000
   *   8 = 7037.038; 9 = 14345.678 − 7037.038 = 7308.640; taxable 7407.409; tax 0.000
   * half-even: 5a = 370.370, 6 = 8 = 7037.039, 9 = 7308.639
   */
  const kwd = {
    currency: "KWD",
    retention: { rate: "0.05" },
    lines: [
      { id: "L1", description: "Pipeline", scheduledValue: "12345.678", percentComplete: "0.5" },
      { id: "L2", description: "Pumps", scheduledValue: "2000.000", thisPeriod: "1234.570" },
    ],
  };

  it("KWD: amounts with three decimals", () => {
    const result = compute(kwd);
    expect(result.minorUnits).toBe(3);
    expectLines(result, [
      ["L1", "Pipeline", false, "12345.678", "0.000", "6172.839", "0.000", "6172.839", "0.5000", "6172.839", "308.642", "0.000", "308.642", "0"],
      ["L2", "Pumps", false, "2000.000", "0.000", "1234.570", "0.000", "1234.570", "0.6173", "765.430", "61.729", "0.000", "61.729", "0"],
    ]);
    expectSummary(result, {
      originalContractSum: "14345.678",
      netChangeByChangeOrders: "0.000",
      contractSumToDate: "14345.678",
      totalCompletedAndStoredToDate: "7407.409",
      retentionOnCompletedWork: "370.371",
      retentionOnStoredMaterials: "0.000",
      retentionReleased: "0.000",
      totalRetention: "370.371",
      totalEarnedLessRetention: "7037.038",
      previousCertificates: "0.000",
      advanceRecovery: "0.000",
      currentPaymentDue: "7037.038",
      balanceToFinishIncludingRetention: "7308.640",
      taxableAmount: "7407.409",
      tax: "0.000",
      totalDue: "7037.038",
    });
  });

  it("KWD: half-even rounds the half fils to even", () => {
    const result = compute({ ...kwd, rounding: "half-even" });
    expect(result.lines[1]).toEqual(expect.objectContaining({ retentionOnWork: "61.728", retention: "61.728" }));
    expect(result.summary).toEqual(
      expect.objectContaining({
        retentionOnCompletedWork: "370.370",
        totalEarnedLessRetention: "7037.039",
        currentPaymentDue: "7037.039",
        balanceToFinishIncludingRetention: "7308.639",
      }),
    );
  });

  it("KWD: refuses a fourth decimal on an amount but not on a rate", () => {
    const errors = rejected({ ...kwd, lines: [{ id: "L1", description: "Pipeline", scheduledValue: "12345.6785" }] });
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "TOO_MANY_DECIMALS", path: ["lines", 0, "scheduledValue"] }),
    );
    expect(compute({ ...kwd, retention: { rate: "0.0525" } }).lines[0]).toEqual(
      // 0.0525 × 6172.839 = 324.0740475 → 324.074
      expect.objectContaining({ retentionOnWork: "324.074" }),
    );
  });

  /*
   * An unknown code with minorUnits 1, retention 10 %.
   * C 1000.0, p 0.33333: round(333.33) = 333.3; G/C 0.3333; H 666.7; retention 0.10 × 333.3 = 33.33 → 33.3
   *   4 = 333.3; 5 = 33.3; 6 = 300.0; 7 derived 0.0; 8 = 300.0; 9 = 1000.0 − 300.0 = 700.0
   */
  it("takes minorUnits for an unknown code", () => {
    const result = compute({
      currency: "ZZZ",
      minorUnits: 1,
      retention: { rate: "0.10" },
      lines: [{ id: "1", description: "Works", scheduledValue: "1000.0", percentComplete: "0.33333" }],
    });
    expect(result.currency).toBe("ZZZ");
    expect(result.minorUnits).toBe(1);
    expectLines(result, [["1", "Works", false, "1000.0", "0.0", "333.3", "0.0", "333.3", "0.3333", "666.7", "33.3", "0.0", "33.3", "0"]]);
    expectSummary(result, {
      originalContractSum: "1000.0",
      netChangeByChangeOrders: "0.0",
      contractSumToDate: "1000.0",
      totalCompletedAndStoredToDate: "333.3",
      retentionOnCompletedWork: "33.3",
      retentionOnStoredMaterials: "0.0",
      retentionReleased: "0.0",
      totalRetention: "33.3",
      totalEarnedLessRetention: "300.0",
      previousCertificates: "0.0",
      advanceRecovery: "0.0",
      currentPaymentDue: "300.0",
      balanceToFinishIncludingRetention: "700.0",
      taxableAmount: "333.3",
      tax: "0.0",
      totalDue: "300.0",
    });
  });

  it("refuses an unknown code without minorUnits", () => {
    const errors = rejected({
      currency: "ZZZ",
      lines: [{ id: "1", description: "Works", scheduledValue: "1000.0" }],
    });
    expect(errors).toContainEqual(expect.objectContaining({ code: "UNKNOWN_CURRENCY", path: ["currency"] }));
  });
});
