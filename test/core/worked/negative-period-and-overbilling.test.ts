// Worked example 9: work that goes backwards is credited with a warning; billing past a
// line's value is an error unless overbilling is allowed, and then a warning.
import { compute, expectLines, expectSummary, expectTaxBreakdown, rejected } from "./helpers";

describe("worked example 9: negative period and overbilling", () => {
  /*
   * Retention 10 %, VAT 20 %.
   * A C 2000.00, D 1000.00, no progress: E 0.00, G 1000.00, G/C 0.5000, H 1000.00, I 100.00
   * B C 10000.00, D 6000.00, completedToDate 5500.00 → E = 5500.00 − 6000.00 = −500.00 (NEGATIVE_PERIOD)
   *   G 5500.00, G/C 0.5500, H 4500.00, I 0.10 × 5500.00 = 550.00
   *   1 = 3 = 12000.00; 4 = 6500.00; 5a = 5 = 650.00; 6 = 6500.00 − 650.00 = 5850.00
   *   7 derived: E 0 → G 1000.00 + 6000.00 = 7000.00, retention 700.00, line 6 = 6300.00
   *   8 = 5850.00 − 6300.00 = −450.00 (a credit: 500.00 of work less the 50.00 retention it freed)
   *   9 = 12000.00 − 5850.00 = 6150.00
   *   taxable = 0.00 + (−500.00) = −500.00; tax 0.20 × −500.00 = −100.00; total due −450.00 − 100.00 = −550.00
   */
  const backwards = {
    retention: { rate: "0.10" },
    tax: { rate: "0.20" },
    lines: [
      { id: "A", description: "Groundworks", scheduledValue: "2000.00", previouslyCompleted: "1000.00" },
      { id: "B", description: "Cladding", scheduledValue: "10000.00", previouslyCompleted: "6000.00", completedToDate: "5500.00" },
    ],
  };

  it("credits the difference and warns NEGATIVE_PERIOD on the line", () => {
    const result = compute(backwards);
    expectLines(result, [
      ["A", "Groundworks", false, "2000.00", "1000.00", "0.00", "0.00", "1000.00", "0.5000", "1000.00", "100.00", "0.00", "100.00", "0.20"],
      ["B", "Cladding", false, "10000.00", "6000.00", "-500.00", "0.00", "5500.00", "0.5500", "4500.00", "550.00", "0.00", "550.00", "0.20"],
    ]);
    expectSummary(result, {
      originalContractSum: "12000.00",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "12000.00",
      totalCompletedAndStoredToDate: "6500.00",
      retentionOnCompletedWork: "650.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "650.00",
      totalEarnedLessRetention: "5850.00",
      previousCertificates: "6300.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "-450.00",
      balanceToFinishIncludingRetention: "6150.00",
      taxableAmount: "-500.00",
      tax: "-100.00",
      totalDue: "-550.00",
    });
    expectTaxBreakdown(result, [["0.20", "-500.00", "-100.00"]]);
    expect(result.warnings).toHaveLength(1);
    const [warning] = result.warnings;
    expect(warning?.code).toBe("NEGATIVE_PERIOD");
    expect(warning?.path.slice(0, 2)).toEqual(["lines", 1]);
    expect(warning?.message).toMatch(/\w/);
  });

  it("warns the same way when E is given negative directly", () => {
    const result = compute({
      ...backwards,
      lines: [backwards.lines[0], { id: "B", description: "Cladding", scheduledValue: "10000.00", previouslyCompleted: "6000.00", thisPeriod: "-500.00" }],
    });
    expect(result.summary["currentPaymentDue"]).toBe("-450.00");
    expect(result.warnings.map((warning) => [warning.code, ...warning.path.slice(0, 2)])).toEqual([
      ["NEGATIVE_PERIOD", "lines", 1],
    ]);
  });

  /*
   * A C 10000.00, D 9000.00, completedToDate 10500.00: G 10500.00 > C 10000.00 → OVERBILLED.
   * Allowed: E 1500.00, G 10500.00, G/C 1.0500, H = 10000.00 − 10500.00 = −500.00, no retention
   *   4 = 6 = 10500.00; 7 derived 9000.00; 8 = 1500.00; 9 = 10000.00 − 10500.00 = −500.00
   *   taxable 1500.00, tax at rate 0 = 0.00, total due 1500.00
   */
  const overbilled = {
    lines: [
      { id: "A", description: "Survey", scheduledValue: "10000.00", previouslyCompleted: "9000.00", completedToDate: "10500.00" },
    ],
  };

  it("refuses a line billed past its value", () => {
    const errors = rejected(overbilled);
    const issue = errors.find((candidate) => candidate.code === "OVERBILLED");
    expect(issue?.path.slice(0, 2)).toEqual(["lines", 0]);
  });

  it("bills past the value with a warning when allowOverbilling is true", () => {
    const result = compute({ ...overbilled, allowOverbilling: true });
    expectLines(result, [
      ["A", "Survey", false, "10000.00", "9000.00", "1500.00", "0.00", "10500.00", "1.0500", "-500.00", "0.00", "0.00", "0.00", "0"],
    ]);
    expectSummary(result, {
      originalContractSum: "10000.00",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "10000.00",
      totalCompletedAndStoredToDate: "10500.00",
      retentionOnCompletedWork: "0.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "0.00",
      totalEarnedLessRetention: "10500.00",
      previousCertificates: "9000.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "1500.00",
      balanceToFinishIncludingRetention: "-500.00",
      taxableAmount: "1500.00",
      tax: "0.00",
      totalDue: "1500.00",
    });
    expect(result.warnings.map((warning) => [warning.code, ...warning.path.slice(0, 2)])).toEqual([["OVERBILLED", "lines", 0]]);
  });

  it("counts stored materials in G when judging overbilling", () => {
    // D 9000.00 + F 1500.00 = G 10500.00 > 10000.00
    const errors = rejected({
      lines: [{ id: "A", description: "Survey", scheduledValue: "10000.00", previouslyCompleted: "9000.00", storedMaterials: "1500.00" }],
    });
    expect(errors.map((issue) => issue.code)).toContain("OVERBILLED");
  });

  it("does not call a deductive change order overbilled", () => {
    // C −3200.00 with G −3200.00: the OVERBILLED check is for lines with C ≥ 0
    const result = compute({
      lines: [
        { id: "1", description: "Works", scheduledValue: "10000.00", thisPeriod: "5000.00" },
        { id: "CO1", description: "Omitted paving", scheduledValue: "-3200.00", changeOrder: true, percentComplete: "1" },
      ],
    });
    expect(result.summary["totalCompletedAndStoredToDate"]).toBe("1800.00"); // 5000.00 − 3200.00
    expect(result.warnings.map((warning) => warning.code)).not.toContain("OVERBILLED");
  });

  it("holds negative retention on a deductive change order, and releases nothing from it", () => {
    /*
     * The only work is a deductive change order: C −300.00 at 33.33 % → G = round(−99.99) = −99.99,
     * I = round(0.10 × −99.99) = round(−9.999) = −10.00. Retention held is −10.00, not an
     * error about earlier releases; a release of half has nothing above zero to release.
     * 6 = −99.99 − (−10.00) = −89.99; 8 = −89.99 (line 7 derived: nothing before).
     */
    const result = compute({
      retention: { rate: "0.10", release: "half" },
      lines: [{ id: "CO1", description: "Omitted paving", scheduledValue: "-300.00", changeOrder: true, percentComplete: "0.3333" }],
    });
    expect(result.lines[0]?.retention).toBe("-10.00");
    expect(result.summary.retentionOnCompletedWork).toBe("-10.00");
    expect(result.summary.retentionReleased).toBe("0.00");
    expect(result.summary.totalRetention).toBe("-10.00");
    expect(result.summary.totalEarnedLessRetention).toBe("-89.99");
    expect(result.summary.currentPaymentDue).toBe("-89.99");
  });
});
