// Worked example: capped lines (a fixed fee drawn down by time, a not-to-exceed budget) bill
// at most their scheduled value; the work past it is reported as worked but not billed.
import { codes, compute, expectLines, expectSummary, expectTaxBreakdown, rejected } from "./helpers";

describe("worked example: capped lines", () => {
  /*
   * Retention 5 % (stored materials too), VAT 20 %.
   * 1 Discovery, capped, C 10000.00, D 8000.00, 95 h × 120.00 = w 11400.00; cap C − F = 10000.00
   *   D + E = min(11400.00, 10000.00) = 10000.00, E 2000.00, G 10000.00, G/C 1.0000, H 0.00
   *   worked but not billed 11400.00 − 10000.00 = 1400.00 (CAPPED); I 0.05 × 10000.00 = 500.00
   * 2 Build, capped, C 20000.00, D 0.00, 50 h × 150.00 = w 7500.00 < 20000.00: not cut
   *   E 7500.00, G 7500.00, G/C 0.3750, H 12500.00, not billed 0.00, I 375.00
   * 3 Hardware, capped, C 3000.00, completedToDate w 2500.00, F 1000.00; cap C − F = 2000.00
   *   D + E = 2000.00, E 2000.00, G 3000.00, G/C 1.0000, H 0.00, not billed 500.00 (CAPPED)
   *   I 0.05 × 2000.00 + 0.05 × 1000.00 = 100.00 + 50.00 = 150.00
   * 1 = 3 = 33000.00; 4 = 10000.00 + 7500.00 + 3000.00 = 20500.00
   * 5a = 500.00 + 375.00 + 100.00 = 975.00; 5b = 50.00; 5 = 1025.00; 6 = 19475.00
   * 7 derived: G 8000.00, retention 400.00 → 7600.00; 8 = 19475.00 − 7600.00 = 11875.00
   * 9 = 33000.00 − 19475.00 = 13525.00
   * taxable = 20500.00 − 8000.00 = 12500.00; tax 2500.00; total due 14375.00
   */
  const request = {
    retention: { rate: "0.05" },
    tax: { rate: "0.20" },
    lines: [
      { id: "1", description: "Discovery", scheduledValue: "10000.00", capped: true, previouslyCompleted: "8000.00",
        quantityToDate: "95", unitPrice: "120.00", unit: "h" },
      { id: "2", description: "Build", scheduledValue: "20000.00", capped: true, quantityToDate: "50", unitPrice: "150.00", unit: "h" },
      { id: "3", description: "Hardware", scheduledValue: "3000.00", capped: true, completedToDate: "2500.00", storedMaterials: "1000.00" },
    ],
  };

  it("bills each line at most C − F and reports the rest as worked but not billed", () => {
    const result = compute(request);
    expectLines(result, [
      ["1", "Discovery", false, "10000.00", "8000.00", "2000.00", "0.00", "10000.00", "1.0000", "0.00", "500.00", "0.00", "500.00", "0.20"],
      ["2", "Build", false, "20000.00", "0.00", "7500.00", "0.00", "7500.00", "0.3750", "12500.00", "375.00", "0.00", "375.00", "0.20"],
      ["3", "Hardware", false, "3000.00", "0.00", "2000.00", "1000.00", "3000.00", "1.0000", "0.00", "100.00", "50.00", "150.00", "0.20"],
    ]);
    expect(result.lines.map((line) => line["workedNotBilled"])).toEqual(["1400.00", "0.00", "500.00"]);
    expectSummary(result, {
      originalContractSum: "33000.00",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "33000.00",
      totalCompletedAndStoredToDate: "20500.00",
      retentionOnCompletedWork: "975.00",
      retentionOnStoredMaterials: "50.00",
      retentionReleased: "0.00",
      totalRetention: "1025.00",
      totalEarnedLessRetention: "19475.00",
      previousCertificates: "7600.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "11875.00",
      balanceToFinishIncludingRetention: "13525.00",
      taxableAmount: "12500.00",
      tax: "2500.00",
      totalDue: "14375.00",
    });
    expectTaxBreakdown(result, [["0.20", "12500.00", "2500.00"]]);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ["CAPPED", ["lines", 0]],
      ["CAPPED", ["lines", 2]],
    ]);
    expect(result.warnings[0]?.message).toContain("11400.00");
    expect(result.warnings[0]?.message).toContain("1400.00 is worked but not billed");
    expect(result.warnings[1]?.message).toContain("500.00 is worked but not billed");
  });

  it("leaves hours past the cap unbilled on the next application (D = C: E 0.00)", () => {
    // 110 h × 120.00 = 13200.00 worked; D 10000.00 already billed: E 0.00, not billed 3200.00.
    const result = compute({
      lines: [{ id: "1", scheduledValue: "10000.00", capped: true, previouslyCompleted: "10000.00", quantityToDate: "110", unitPrice: "120.00" }],
    });
    expect(result.lines[0]).toEqual(expect.objectContaining({ thisPeriod: "0.00", completedAndStoredToDate: "10000.00", workedNotBilled: "3200.00" }));
    expect(codes(result.warnings)).toEqual(["CAPPED"]);
  });

  it("is OVERBILLED, not CAPPED, when the same line is not capped", () => {
    const errors = rejected({ ...request, lines: request.lines.map((line) => ({ ...line, capped: false })) });
    expect(codes(errors)).toEqual(["OVERBILLED", "OVERBILLED"]);
    expect(errors.map((e) => e.path[1])).toEqual([0, 2]);
  });

  it("is still OVERBILLED when D + F alone exceeds C", () => {
    // D 900.00 + F 200.00 = 1100.00 > 1000.00: the cap cannot cut work billed before.
    const errors = rejected({ lines: [{ id: "1", scheduledValue: "1000.00", capped: true, previouslyCompleted: "900.00", storedMaterials: "200.00" }] });
    expect(codes(errors)).toEqual(["OVERBILLED"]);
    expect(errors[0]?.message).toContain("1100.00");
  });

  it("does not cap a deductive line (C < 0), which shows nothing unbilled", () => {
    const result = compute({ lines: [{ id: "CO1", scheduledValue: "-500.00", changeOrder: true, capped: true, percentComplete: "0.5" }] });
    expect(result.lines[0]).toEqual(expect.objectContaining({ completedAndStoredToDate: "-250.00", workedNotBilled: "0.00" }));
    expect(result.warnings).toEqual([]);
  });

  it("leaves workedNotBilled out on lines that are not capped", () => {
    const result = compute({ lines: [{ id: "1", scheduledValue: "100.00", percentComplete: "0.5" }] });
    expect(result.lines[0]).not.toHaveProperty("workedNotBilled", expect.anything());
  });

  it("takes capped as yes or no only", () => {
    const errors = rejected({ lines: [{ id: "1", scheduledValue: "100.00", capped: "maybe" }] });
    expect(errors[0]?.path).toEqual(["lines", 0, "capped"]);
  });
});
