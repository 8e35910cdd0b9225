// Worked example 4: a 100.00 milestone billed in thirds. The cumulative principle bills
// to-date minus previously billed, so the three invoices add up to the contract to the cent.
import { compute, expectLines, expectSummary } from "./helpers";

function application(previouslyCompleted: string, percentComplete: string) {
  return compute({
    currency: "USD",
    lines: [
      { id: "M", description: "Milestone", scheduledValue: "100.00", previouslyCompleted, percentComplete },
    ],
  });
}

describe("worked example 4: a milestone billed in thirds", () => {
  /*
   * Application 1  p 0.333333333: D + E = round(100.00 × 0.333333333 = 33.3333333)  = 33.33
   *                D 0.00, E 33.33, G 33.33, G/C 0.3333, H 66.67
   *                6 = 33.33, 7 derived (E 0) = 0.00, 8 = 33.33, 9 = 100.00 − 33.33 = 66.67
   * Application 2  p 0.666666667: D + E = round(66.6666667)                           = 66.67
   *                D 33.33, E = 66.67 − 33.33 = 33.34, G 66.67, G/C 0.6667, H 33.33
   *                6 = 66.67, 7 derived = 33.33, 8 = 33.34, 9 = 33.33
   * Application 3  p 1: D + E = 100.00
   *                D 66.67, E = 100.00 − 66.67 = 33.33, G 100.00, G/C 1.0000, H 0.00
   *                6 = 100.00, 7 derived = 66.67, 8 = 33.33, 9 = 0.00
   * 33.33 + 33.34 + 33.33 = 100.00, whereas billing each third on its own (33.33 three times) loses a cent.
   * No retention, no tax: taxable = E, tax 0.00, total due = line 8.
   */
  const steps: [string, string, string, string, string, string, string][] = [
    // D        p              E        G         G/C       H        7
    ["0.00", "0.333333333", "33.33", "33.33", "0.3333", "66.67", "0.00"],
    ["33.33", "0.666666667", "33.34", "66.67", "0.6667", "33.33", "33.33"],
    ["66.67", "1", "33.33", "100.00", "1.0000", "0.00", "66.67"],
  ];

  it.each(steps)("from D %s to p %s bills E %s", (d, p, e, g, percent, h, previous) => {
    const result = application(d, p);
    expectLines(result, [["M", "Milestone", false, "100.00", d, e, "0.00", g, percent, h, "0.00", "0.00", "0.00", "0"]]);
    expectSummary(result, {
      originalContractSum: "100.00",
      netChangeByChangeOrders: "0.00",
      contractSumToDate: "100.00",
      totalCompletedAndStoredToDate: g,
      retentionOnCompletedWork: "0.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "0.00",
      totalEarnedLessRetention: g,
      previousCertificates: previous,
      advanceRecovery: "0.00",
      currentPaymentDue: e,
      balanceToFinishIncludingRetention: h,
      taxableAmount: e,
      tax: "0.00",
      totalDue: e,
    });
    expect(result.warnings).toEqual([]);
  });

  it("adds up to the milestone's value to the cent", () => {
    const payments = steps.map(([d, p]) => application(d, p).summary["currentPaymentDue"]);
    expect(payments).toEqual(["33.33", "33.34", "33.33"]); // 33.33 + 33.34 + 33.33 = 100.00
  });
});
