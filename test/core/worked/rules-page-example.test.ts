// Worked example 1: the JSON request printed on the billing rules page, computed by hand.
import { compute, expectLines, expectSummary, expectTaxBreakdown } from "./helpers";

const request = {
  currency: "USD",
  rounding: "half-up",
  retention: { rate: "0.10", storedMaterialsRate: "0.05" },
  previousCertificates: "66100.00",
  lines: [
    { id: "1", description: "Site works", scheduledValue: "25000.00", previouslyCompleted: "25000.00" },
    {
      id: "2",
      description: "Frame",
      scheduledValue: "95000.00",
      previouslyCompleted: "40000.00",
      thisPeriod: "22500.00",
    },
    {
      id: "CO1",
      description: "Change order 1",
      scheduledValue: "12500.00",
      changeOrder: true,
      percentComplete: "0.5",
    },
  ],
};

describe("worked example 1: the rules page's JSON request", () => {
  /*
   * Line 1  Site works   C 25000.00, D 25000.00, no progress field so E 0.00, F 0.00
   *         G = 25000.00 + 0.00 + 0.00                 = 25000.00
   *         G/C = 25000 / 25000                        = 1.0000
   *         H = 25000.00 − 25000.00                    = 0.00
   *         retention on work 0.10 × 25000.00          = 2500.00; on F 0.05 × 0 = 0.00; I = 2500.00
   * Line 2  Frame        C 95000.00, D 40000.00, E 22500.00, F 0.00
   *         G = 40000.00 + 22500.00                    = 62500.00
   *         G/C = 62500 / 95000 = 0.65789…             → 0.6579
   *         H = 95000.00 − 62500.00                    = 32500.00
   *         retention 0.10 × 62500.00                  = 6250.00; I = 6250.00
   * CO1     change order C 12500.00, p 0.5, D 0.00
   *         D + E = round(12500.00 × 0.5)              = 6250.00, so E = 6250.00 − 0.00 = 6250.00
   *         G = 6250.00, G/C = 0.5000, H = 12500.00 − 6250.00 = 6250.00
   *         retention 0.10 × 6250.00                   = 625.00; I = 625.00
   *
   * G702
   *   1  original contract sum    25000.00 + 95000.00                 = 120000.00
   *   2  net change by COs        12500.00
   *   3  contract sum to date     120000.00 + 12500.00                = 132500.00
   *   4  completed and stored     25000.00 + 62500.00 + 6250.00       = 93750.00
   *   5a on completed work        2500.00 + 6250.00 + 625.00          = 9375.00
   *   5b on stored materials      no F anywhere                       = 0.00
   *      released                 no release                          = 0.00
   *   5  total retention          9375.00 + 0.00 − 0.00               = 9375.00
   *   6  earned less retention    93750.00 − 9375.00                  = 84375.00
   *   7  previous certificates    given                               = 66100.00
   *      advance recovery         no advance                          = 0.00
   *   8  current payment due      84375.00 − 66100.00 − 0.00          = 18275.00
   *   9  balance incl. retention  132500.00 − 84375.00                = 48125.00
   *   tax: none given, so rate 0; period base per line E + F − previous F:
   *        0.00 + 22500.00 + 6250.00 = 28750.00 taxable; tax round(0 × 28750.00) = 0.00
   *   total due                   18275.00 + 0.00                     = 18275.00
   */
  const result = compute(request);

  it("gives every G703 column", () => {
    expectLines(result, [
      ["1", "Site works", false, "25000.00", "25000.00", "0.00", "0.00", "25000.00", "1.0000", "0.00", "2500.00", "0.00", "2500.00", "0"],
      ["2", "Frame", false, "95000.00", "40000.00", "22500.00", "0.00", "62500.00", "0.6579", "32500.00", "6250.00", "0.00", "6250.00", "0"],
      ["CO1", "Change order 1", true, "12500.00", "0.00", "6250.00", "0.00", "6250.00", "0.5000", "6250.00", "625.00", "0.00", "625.00", "0"],
    ]);
  });

  it("gives every G702 line", () => {
    expectSummary(result, {
      originalContractSum: "120000.00",
      netChangeByChangeOrders: "12500.00",
      contractSumToDate: "132500.00",
      totalCompletedAndStoredToDate: "93750.00",
      retentionOnCompletedWork: "9375.00",
      retentionOnStoredMaterials: "0.00",
      retentionReleased: "0.00",
      totalRetention: "9375.00",
      totalEarnedLessRetention: "84375.00",
      previousCertificates: "66100.00",
      advanceRecovery: "0.00",
      currentPaymentDue: "18275.00",
      balanceToFinishIncludingRetention: "48125.00",
      taxableAmount: "28750.00",
      tax: "0.00",
      totalDue: "18275.00",
    });
    expectTaxBreakdown(result, [["0", "28750.00", "0.00"]]);
  });

  it("echoes the currency settings, has no advance and no warnings", () => {
    expect(result.currency).toBe("USD");
    expect(result.minorUnits).toBe(2);
    expect(result.rounding).toBe("half-up");
    expect(result.advance).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });

  it("stores F at 5 % when the same request adds stored materials", () => {
    // Frame with F 3000.00: retention on F 0.05 × 3000.00 = 150.00, so I = 6250.00 + 150.00 = 6400.00;
    // 4 = 93750.00 + 3000.00 = 96750.00, 5b = 150.00, 5 = 9525.00, 6 = 87225.00, 8 = 87225.00 − 66100.00 = 21125.00.
    const withStored = compute({
      ...request,
      lines: request.lines.map((line) => (line.id === "2" ? { ...line, storedMaterials: "3000.00" } : line)),
    });
    expect(withStored.lines[1]).toEqual(
      expect.objectContaining({ retentionOnStoredMaterials: "150.00", retention: "6400.00" }),
    );
    expect(withStored.summary).toEqual(
      expect.objectContaining({
        totalCompletedAndStoredToDate: "96750.00",
        retentionOnStoredMaterials: "150.00",
        totalRetention: "9525.00",
        totalEarnedLessRetention: "87225.00",
        currentPaymentDue: "21125.00",
      }),
    );
  });
});
