// Worked example 6: a FIDIC advance payment (Sub-Clause 14.2) of 100,000.00 on a
// 1,000,000.00 contract, recovered at 25 % of each application's gross once the work
// certified passes 10 % of the contract, the last recovery capped at what is still outstanding.
import { compute, expectLines, expectSummary, type Row } from "./helpers";

interface Application {
  previouslyRecovered: string;
  previousCertificates?: string;
  earthworks: { previouslyCompleted: string; thisPeriod: string };
  structure: { previouslyCompleted: string; thisPeriod: string };
}

function apply({ previouslyRecovered, previousCertificates, earthworks, structure }: Application) {
  return compute({
    currency: "USD",
    retention: { rate: "0.05" },
    // startsAt and rate left to their defaults, 0.10 and 0.25
    advance: { amount: "100000.00", previouslyRecovered },
    ...(previousCertificates === undefined ? {} : { previousCertificates }),
    lines: [
      { id: "A", description: "Earthworks", scheduledValue: "400000.00", ...earthworks },
      { id: "B", description: "Structure", scheduledValue: "600000.00", ...structure },
    ],
  });
}

function row(id: "A" | "B", c: string, d: string, e: string, g: string, percent: string, h: string, i: string): Row {
  return [id, id === "A" ? "Earthworks" : "Structure", false, c, d, e, "0.00", g, percent, h, i, "0.00", i, "0"];
}

const contract = { originalContractSum: "1000000.00", netChangeByChangeOrders: "0.00", contractSumToDate: "1000000.00" };
const noStoredNoRelease = { retentionOnStoredMaterials: "0.00", retentionReleased: "0.00", tax: "0.00" };

describe("worked example 6: FIDIC advance payment recovery", () => {
  /*
   * Threshold: startsAt 0.10 × line 3 1000000.00 = 100000.00; recovery only when line 4 > 100000.00.
   *
   * Application 1  A: E 60000.00 → G 60000.00, G/C 0.1500, H 340000.00, I 0.05 × 60000.00 = 3000.00
   *                B: E 40000.00 → G 40000.00, G/C 0.0667 (0.06666…), H 560000.00, I 2000.00
   *   4 = 100000.00, not above 100000.00 → recovery 0.00
   *   5a = 5 = 5000.00; 6 = 95000.00; 7 derived 0.00; 8 = 95000.00; 9 = 1000000.00 − 95000.00 = 905000.00
   *   taxable 100000.00; total due 95000.00; outstanding 100000.00 − 0.00 − 0.00 = 100000.00
   */
  it("application 1 reaches the threshold exactly and recovers nothing", () => {
    const result = apply({
      previouslyRecovered: "0.00",
      earthworks: { previouslyCompleted: "0.00", thisPeriod: "60000.00" },
      structure: { previouslyCompleted: "0.00", thisPeriod: "40000.00" },
    });
    expectLines(result, [
      row("A", "400000.00", "0.00", "60000.00", "60000.00", "0.1500", "340000.00", "3000.00"),
      row("B", "600000.00", "0.00", "40000.00", "40000.00", "0.0667", "560000.00", "2000.00"),
    ]);
    expectSummary(result, {
      ...contract,
      ...noStoredNoRelease,
      totalCompletedAndStoredToDate: "100000.00",
      retentionOnCompletedWork: "5000.00",
      totalRetention: "5000.00",
      totalEarnedLessRetention: "95000.00",
      previousCertificates: "0.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "95000.00",
      balanceToFinishIncludingRetention: "905000.00",
      taxableAmount: "100000.00",
      totalDue: "95000.00",
    });
    expect(result.advance).toEqual({
      amount: "100000.00",
      previouslyRecovered: "0.00",
      recovery: "0.00",
      outstanding: "100000.00",
    });
  });

  /*
   * Application 2  A: D 60000.00, E 140000.00 → G 200000.00, G/C 0.5000, H 200000.00, I 10000.00
   *                B: D 40000.00, E 110000.00 → G 150000.00, G/C 0.2500, H 450000.00, I 7500.00
   *   4 = 350000.00 > 100000.00 → recovery starts
   *   gross = 350000.00 − (60000.00 + 40000.00) = 250000.00; 0.25 × 250000.00 = 62500.00
   *   outstanding before: 100000.00 − 0.00 = 100000.00 → recovery 62500.00
   *   5 = 17500.00; 6 = 332500.00; 7 = 95000.00; 8 = 332500.00 − 95000.00 − 62500.00 = 175000.00
   *   9 = 1000000.00 − 332500.00 = 667500.00; taxable 250000.00; outstanding 100000.00 − 62500.00 = 37500.00
   */
  it("application 2 passes the threshold and recovers 25 % of its gross", () => {
    const result = apply({
      previouslyRecovered: "0.00",
      previousCertificates: "95000.00",
      earthworks: { previouslyCompleted: "60000.00", thisPeriod: "140000.00" },
      structure: { previouslyCompleted: "40000.00", thisPeriod: "110000.00" },
    });
    expectLines(result, [
      row("A", "400000.00", "60000.00", "140000.00", "200000.00", "0.5000", "200000.00", "10000.00"),
      row("B", "600000.00", "40000.00", "110000.00", "150000.00", "0.2500", "450000.00", "7500.00"),
    ]);
    expectSummary(result, {
      ...contract,
      ...noStoredNoRelease,
      totalCompletedAndStoredToDate: "350000.00",
      retentionOnCompletedWork: "17500.00",
      totalRetention: "17500.00",
      totalEarnedLessRetention: "332500.00",
      previousCertificates: "95000.00",
      advanceRecovery: "62500.00",
      currentPaymentDue: "175000.00",
      balanceToFinishIncludingRetention: "667500.00",
      taxableAmount: "250000.00",
      totalDue: "175000.00",
    });
    expect(result.advance).toEqual({
      amount: "100000.00",
      previouslyRecovered: "0.00",
      recovery: "62500.00",
      outstanding: "37500.00",
    });
  });

  /*
   * Application 3  A: D 200000.00, E 73456.78 → G 273456.78, G/C 0.683641… → 0.6836, H 126543.22
   *                   I 0.05 × 273456.78 = 13672.839 → 13672.84
   *                B: D 150000.00, E 50000.00 → G 200000.00, G/C 0.3333, H 400000.00, I 10000.00
   *   4 = 473456.78; gross = 473456.78 − 350000.00 = 123456.78
   *   0.25 × 123456.78 = 30864.195 → 30864.20 (half-up); outstanding before 37500.00 → 30864.20
   *   5 = 13672.84 + 10000.00 = 23672.84; 6 = 473456.78 − 23672.84 = 449783.94; 7 = 332500.00
   *   8 = 449783.94 − 332500.00 − 30864.20 = 86419.74; 9 = 1000000.00 − 449783.94 = 550216.06
   *   outstanding 100000.00 − 62500.00 − 30864.20 = 6635.80
   */
  it("application 3 rounds the recovery once", () => {
    const result = apply({
      previouslyRecovered: "62500.00",
      previousCertificates: "332500.00",
      earthworks: { previouslyCompleted: "200000.00", thisPeriod: "73456.78" },
      structure: { previouslyCompleted: "150000.00", thisPeriod: "50000.00" },
    });
    expectLines(result, [
      row("A", "400000.00", "200000.00", "73456.78", "273456.78", "0.6836", "126543.22", "13672.84"),
      row("B", "600000.00", "150000.00", "50000.00", "200000.00", "0.3333", "400000.00", "10000.00"),
    ]);
    expectSummary(result, {
      ...contract,
      ...noStoredNoRelease,
      totalCompletedAndStoredToDate: "473456.78",
      retentionOnCompletedWork: "23672.84",
      totalRetention: "23672.84",
      totalEarnedLessRetention: "449783.94",
      previousCertificates: "332500.00",
      advanceRecovery: "30864.20",
      currentPaymentDue: "86419.74",
      balanceToFinishIncludingRetention: "550216.06",
      taxableAmount: "123456.78",
      totalDue: "86419.74",
    });
    expect(result.advance).toEqual({
      amount: "100000.00",
      previouslyRecovered: "62500.00",
      recovery: "30864.20",
      outstanding: "6635.80",
    });
  });

  /*
   * Application 4  A: D 273456.78, E 46543.22 → G 320000.00, G/C 0.8000, H 80000.00, I 16000.00
   *                B: D 200000.00, E 100000.00 → G 300000.00, G/C 0.5000, H 300000.00, I 15000.00
   *   4 = 620000.00; gross = 620000.00 − 473456.78 = 146543.22
   *   0.25 × 146543.22 = 36635.805 → 36635.81, more than outstanding 100000.00 − 93364.20 = 6635.80
   *   → recovery 6635.80 (capped)
   *   5 = 31000.00; 6 = 589000.00; 7 = 449783.94; 8 = 589000.00 − 449783.94 − 6635.80 = 132580.26
   *   9 = 1000000.00 − 589000.00 = 411000.00; outstanding 0.00
   *   check: payments 95000.00 + 175000.00 + 86419.74 + 132580.26 = 489000.00,
   *          plus recoveries 62500.00 + 30864.20 + 6635.80 = 100000.00, make line 6 589000.00.
   */
  it("application 4 recovers only the outstanding balance", () => {
    const result = apply({
      previouslyRecovered: "93364.20",
      previousCertificates: "449783.94",
      earthworks: { previouslyCompleted: "273456.78", thisPeriod: "46543.22" },
      structure: { previouslyCompleted: "200000.00", thisPeriod: "100000.00" },
    });
    expectLines(result, [
      row("A", "400000.00", "273456.78", "46543.22", "320000.00", "0.8000", "80000.00", "16000.00"),
      row("B", "600000.00", "200000.00", "100000.00", "300000.00", "0.5000", "300000.00", "15000.00"),
    ]);
    expectSummary(result, {
      ...contract,
      ...noStoredNoRelease,
      totalCompletedAndStoredToDate: "620000.00",
      retentionOnCompletedWork: "31000.00",
      totalRetention: "31000.00",
      totalEarnedLessRetention: "589000.00",
      previousCertificates: "449783.94",
      advanceRecovery: "6635.80",
      currentPaymentDue: "132580.26",
      balanceToFinishIncludingRetention: "411000.00",
      taxableAmount: "146543.22",
      totalDue: "132580.26",
    });
    expect(result.advance).toEqual({
      amount: "100000.00",
      previouslyRecovered: "93364.20",
      recovery: "6635.80",
      outstanding: "0.00",
    });
  });

  it("recovers nothing once the advance is repaid", () => {
    // outstanding 100000.00 − 100000.00 = 0.00 caps the recovery of 0.25 × 80000.00 = 20000.00 at 0.00;
    // 6 = 700000.00 − 35000.00 = 665000.00, 8 = 665000.00 − 589000.00 − 0.00 = 76000.00
    const result = apply({
      previouslyRecovered: "100000.00",
      previousCertificates: "589000.00",
      earthworks: { previouslyCompleted: "320000.00", thisPeriod: "80000.00" },
      structure: { previouslyCompleted: "300000.00", thisPeriod: "0.00" },
    });
    expect(result.summary).toEqual(expect.objectContaining({ advanceRecovery: "0.00", currentPaymentDue: "76000.00" }));
    expect(result.advance).toEqual(expect.objectContaining({ recovery: "0.00", outstanding: "0.00" }));
  });

  it("takes startsAt and rate when given", () => {
    // startsAt 0.40: threshold 400000.00; application 2's line 4 350000.00 is below → 0.00.
    // startsAt 0.30, rate 0.40: 350000.00 > 300000.00, 0.40 × 250000.00 = 100000.00 ≤ 100000.00 outstanding.
    const request = (advance: Record<string, string>) =>
      compute({
        advance: { amount: "100000.00", previouslyRecovered: "0.00", ...advance },
        previousCertificates: "100000.00",
        lines: [
          { id: "A", description: "Earthworks", scheduledValue: "400000.00", previouslyCompleted: "60000.00", thisPeriod: "140000.00" },
          { id: "B", description: "Structure", scheduledValue: "600000.00", previouslyCompleted: "40000.00", thisPeriod: "110000.00" },
        ],
      });
    expect(request({ startsAt: "0.40" }).summary["advanceRecovery"]).toBe("0.00");
    const recovered = request({ startsAt: "0.30", rate: "0.40" });
    expect(recovered.summary["advanceRecovery"]).toBe("100000.00");
    // 8 = 350000.00 − 100000.00 − 100000.00 = 150000.00 (no retention in this request)
    expect(recovered.summary["currentPaymentDue"]).toBe("150000.00");
    expect(recovered.advance).toEqual(expect.objectContaining({ outstanding: "0.00" }));
  });
});
