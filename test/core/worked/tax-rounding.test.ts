// Worked example 5: tax is rounded once per rate on the summed base, and the rounding mode
// decides exact halves (half-up: away from zero, as Excel's ROUND; half-even: to the even cent).
import { compute, expectLines, expectSummary, expectTaxBreakdown } from "./helpers";

function line(id: string, fields: Record<string, string>) {
  return { id, description: `Item ${id}`, scheduledValue: "10.00", ...fields };
}

describe("worked example 5: VAT rounding", () => {
  /*
   * Three lines, each C 10.00, E 0.05; VAT 19 %.
   *   each line: G 0.05, G/C = 0.05 / 10 = 0.0050, H 9.95
   *   per rate:  base 0.05 + 0.05 + 0.05 = 0.15; 0.19 × 0.15 = 0.0285 → 0.03
   *   Per line would give 0.19 × 0.05 = 0.0095 → 0.01, three times 0.03: the same here. The two
   *   ways part with 0.04 a line (next test): per line 0.0076 → 0.01, three times 0.03, against
   *   per rate 0.19 × 0.12 = 0.0228 → 0.02.
   *   1 = 3 = 30.00, 4 = 0.15, no retention, 6 = 0.15, 7 derived 0.00, 8 = 0.15, 9 = 30.00 − 0.15 = 29.85
   *   total due 0.15 + 0.03 = 0.18
   */
  it("rounds tax once on the summed base of the rate (three lines of 0.05 at 19 %)", () => {
    const result = compute({
      tax: { rate: "0.19" },
      lines: ["1", "2", "3"].map((id) => line(id, { thisPeriod: "0.05" })),
    });
    expectLines(
      result,
      ["1", "2", "3"].map((id) => [id, `Item ${id}`, false, "10.00", "0.00", "0.05", "0.00", "0.05", "0.0050", "9.95", "0.00", "0.00", "0.00", "0.19"]),
    );
    expectSummary(result, {
      originalContractSum: "30.00",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "30.00",
      totalCompletedAndStoredToDate: "0.15",
      retentionOnCompletedWork: "0.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "0.00",
      totalEarnedLessRetention: "0.15",
      previousCertificates: "0.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "0.15",
      balanceToFinishIncludingRetention: "29.85",
      taxableAmount: "0.15",
      tax: "0.03",
      totalDue: "0.18",
    });
    expectTaxBreakdown(result, [["0.19", "0.15", "0.03"]]);
  });

  it("differs from per-line rounding: three lines of 0.04 at 19 % give 0.02, not 0.03", () => {
    // per rate: 0.19 × (0.04 × 3 = 0.12) = 0.0228 → 0.02; per line 0.19 × 0.04 = 0.0076 → 0.01, × 3 = 0.03
    const result = compute({
      tax: { rate: "0.19" },
      lines: ["1", "2", "3"].map((id) => line(id, { thisPeriod: "0.04" })),
    });
    expectTaxBreakdown(result, [["0.19", "0.12", "0.02"]]);
    expect(result.summary).toEqual(expect.objectContaining({ taxableAmount: "0.12", tax: "0.02", totalDue: "0.14" }));
  });

  /*
   * One line C 10.00, E 1.25, VAT 10 %: 0.10 × 1.25 = 0.125, an exact half cent.
   *   half-up   → 0.13, total due 1.25 + 0.13 = 1.38
   *   half-even → 0.12 (2 is even), total due 1.25 + 0.12 = 1.37
   *   G 1.25, G/C 0.1250, H 8.75; 4 = 6 = 8 = 1.25, 7 derived 0.00, 9 = 10.00 − 1.25 = 8.75
   */
  it.each([
    ["half-up", "0.13", "1.38"],
    ["half-even", "0.12", "1.37"],
  ])("rounds a tax of exactly 0.125 %s to %s", (rounding, tax, totalDue) => {
    const result = compute({ rounding, tax: { rate: "0.10" }, lines: [line("1", { thisPeriod: "1.25" })] });
    expect(result.rounding).toBe(rounding);
    expectLines(result, [["1", "Item 1", false, "10.00", "0.00", "1.25", "0.00", "1.25", "0.1250", "8.75", "0.00", "0.00", "0.00", "0.10"]]);
    expectSummary(result, {
      originalContractSum: "10.00",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "10.00",
      totalCompletedAndStoredToDate: "1.25",
      retentionOnCompletedWork: "0.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "0.00",
      totalEarnedLessRetention: "1.25",
      previousCertificates: "0.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "1.25",
      balanceToFinishIncludingRetention: "8.75",
      taxableAmount: "1.25",
      tax,
      totalDue,
    });
    expectTaxBreakdown(result, [["0.10", "1.25", tax]]);
  });

  it.each([
    // 0.10 × 1.35 = 0.135: half-up 0.14; half-even 0.14 too (4 is even) — half-even is not truncation
    ["half-up", "1.35", "0.14"],
    ["half-even", "1.35", "0.14"],
    // 0.10 × 1.15 = 0.115: half-up 0.12; half-even 0.12 (2 is even)
    ["half-up", "1.15", "0.12"],
    ["half-even", "1.15", "0.12"],
    // 0.10 × 1.05 = 0.105: half-up 0.11; half-even 0.10
    ["half-up", "1.05", "0.11"],
    ["half-even", "1.05", "0.10"],
  ])("%s rounds 0.10 × %s to %s", (rounding, base, tax) => {
    const result = compute({ rounding, tax: { rate: "0.10" }, lines: [line("1", { thisPeriod: base })] });
    expect(result.summary["tax"]).toBe(tax);
  });

  /*
   * Work goes back: D 2.50, E −1.25 (a credit), VAT 10 %: 0.10 × −1.25 = −0.125.
   *   half-up rounds half away from zero → −0.13; half-even → −0.12.
   *   G 1.25; 6 = 1.25; 7 derived = line 6 with E 0 = 2.50; 8 = 1.25 − 2.50 = −1.25
   *   total due −1.25 − 0.13 = −1.38 (half-up), −1.25 − 0.12 = −1.37 (half-even)
   */
  it.each([
    ["half-up", "-0.13", "-1.38"],
    ["half-even", "-0.12", "-1.37"],
  ])("rounds a credited tax of −0.125 %s to %s", (rounding, tax, totalDue) => {
    const result = compute({
      rounding,
      tax: { rate: "0.10" },
      lines: [line("1", { previouslyCompleted: "2.50", thisPeriod: "-1.25" })],
    });
    expectTaxBreakdown(result, [["0.10", "-1.25", tax]]);
    expect(result.summary).toEqual(
      expect.objectContaining({ previousCertificates: "2.50", currentPaymentDue: "-1.25", taxableAmount: "-1.25", tax, totalDue }),
    );
  });

  /*
   * The rounding mode applies at every rounding point, not only to tax:
   *   progress: C 0.25 × p 0.5 = 0.125 → 0.13 half-up, 0.12 half-even
   *   retention: 0.10 × 1.25 = 0.125   → 0.13 half-up, 0.12 half-even
   */
  it.each([
    ["half-up", "0.13"],
    ["half-even", "0.12"],
  ])("%s also rounds progress and retention halves to %s", (rounding, rounded) => {
    const result = compute({
      rounding,
      retention: { rate: "0.10" },
      lines: [
        { id: "P", description: "By percentage", scheduledValue: "0.25", percentComplete: "0.5" },
        { id: "R", description: "Retained", scheduledValue: "10.00", thisPeriod: "1.25" },
      ],
    });
    expect(result.lines[0]).toEqual(expect.objectContaining({ thisPeriod: rounded, completedAndStoredToDate: rounded }));
    expect(result.lines[1]).toEqual(expect.objectContaining({ retentionOnWork: rounded }));
  });
});
