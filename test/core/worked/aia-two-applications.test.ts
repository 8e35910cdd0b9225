// Worked example 2: two applications of an AIA G702/G703 contract with an additive and a
// deductive change order and stored materials, the second continuing the first.
import { compute, expectLines, expectSummary, expectTaxBreakdown } from "./helpers";

const retention = { rate: "0.10" }; // F is retained at the same 10 % (storedMaterialsRate omitted)

const application1 = {
  currency: "USD",
  retention,
  lines: [
    { id: "01", description: "General conditions", scheduledValue: "48000.00", percentComplete: "0.25" },
    {
      id: "02",
      description: "Concrete",
      scheduledValue: "126500.00",
      thisPeriod: "41237.50",
      storedMaterials: "8600.00",
    },
    {
      id: "03",
      description: "Mechanical",
      scheduledValue: "87350.00",
      completedToDate: "9875.25",
      storedMaterials: "12400.00",
    },
    { id: "CO1", description: "Added canopy", scheduledValue: "15400.00", changeOrder: true },
    { id: "CO2", description: "Omitted paving", scheduledValue: "-3200.00", changeOrder: true },
  ],
};

// Application 2: D = application 1's D + E, previousStoredMaterials = application 1's F.
// Of the 8600.00 of rebar stored on 02, 6100.00 was installed and is inside E; 2500.00 is still stored.
// All 12400.00 stored on 03 was installed.
const application2Lines = [
  {
    id: "01",
    description: "General conditions",
    scheduledValue: "48000.00",
    previouslyCompleted: "12000.00",
    percentComplete: "0.5",
  },
  {
    id: "02",
    description: "Concrete",
    scheduledValue: "126500.00",
    previouslyCompleted: "41237.50",
    previousStoredMaterials: "8600.00",
    thisPeriod: "38950.00",
    storedMaterials: "2500.00",
  },
  {
    id: "03",
    description: "Mechanical",
    scheduledValue: "87350.00",
    previouslyCompleted: "9875.25",
    previousStoredMaterials: "12400.00",
    completedToDate: "31420.85",
    storedMaterials: "0.00",
  },
  { id: "CO1", description: "Added canopy", scheduledValue: "15400.00", changeOrder: true, thisPeriod: "7700.00" },
  {
    id: "CO2",
    description: "Omitted paving",
    scheduledValue: "-3200.00",
    changeOrder: true,
    percentComplete: "1",
  },
];

describe("worked example 2: AIA contract over two applications", () => {
  /*
   * Application 1 (no previous application: previousCertificates absent and derived as 0.00)
   * 01   C 48000.00, p 0.25: D + E = round(48000.00 × 0.25) = 12000.00, E = 12000.00
   *      G 12000.00, G/C 0.2500, H 36000.00, retention 0.10 × 12000.00 = 1200.00
   * 02   C 126500.00, E 41237.50, F 8600.00
   *      G = 41237.50 + 8600.00 = 49837.50, G/C = 0.393972… → 0.3940, H = 126500.00 − 49837.50 = 76662.50
   *      on work 0.10 × 41237.50 = 4123.75; on F 0.10 × 8600.00 = 860.00; I = 4983.75
   * 03   C 87350.00, completedToDate 9875.25 so E = 9875.25, F 12400.00
   *      G = 9875.25 + 12400.00 = 22275.25, G/C = 0.255011… → 0.2550, H = 87350.00 − 22275.25 = 65074.75
   *      on work 0.10 × 9875.25 = 987.525 → 987.53 (half-up); on F 0.10 × 12400.00 = 1240.00; I = 2227.53
   * CO1  C 15400.00, no progress: G 0.00, G/C 0.0000, H 15400.00, I 0.00
   * CO2  C −3200.00, no progress: G 0.00, G/C 0.0000, H −3200.00 − 0.00 = −3200.00, I 0.00
   *
   *   1  48000.00 + 126500.00 + 87350.00                  = 261850.00
   *   2  15400.00 − 3200.00                                = 12200.00
   *   3  261850.00 + 12200.00                              = 274050.00
   *   4  12000.00 + 49837.50 + 22275.25                    = 84112.75
   *   5a 1200.00 + 4123.75 + 987.53                        = 6311.28
   *   5b 860.00 + 1240.00                                  = 2100.00
   *   5  6311.28 + 2100.00                                 = 8411.28
   *   6  84112.75 − 8411.28                                = 75701.47
   *   7  derived: every E 0, F = previous F = 0, so line 6 = 0.00
   *   8  75701.47 − 0.00 − 0.00                            = 75701.47
   *   9  274050.00 − 75701.47                              = 198348.53
   *   taxable (E + F − previous F): 12000.00 + 49837.50 + 22275.25 = 84112.75, tax at rate 0 = 0.00
   *   total due 75701.47
   */
  describe("application 1", () => {
    it("gives every column and every summary line", () => {
      const result = compute(application1);
      expectLines(result, [
        ["01", "General conditions", false, "48000.00", "0.00", "12000.00", "0.00", "12000.00", "0.2500", "36000.00", "1200.00", "0.00", "1200.00", "0"],
        ["02", "Concrete", false, "126500.00", "0.00", "41237.50", "8600.00", "49837.50", "0.3940", "76662.50", "4123.75", "860.00", "4983.75", "0"],
        ["03", "Mechanical", false, "87350.00", "0.00", "9875.25", "12400.00", "22275.25", "0.2550", "65074.75", "987.53", "1240.00", "2227.53", "0"],
        ["CO1", "Added canopy", true, "15400.00", "0.00", "0.00", "0.00", "0.00", "0.0000", "15400.00", "0.00", "0.00", "0.00", "0"],
        ["CO2", "Omitted paving", true, "-3200.00", "0.00", "0.00", "0.00", "0.00", "0.0000", "-3200.00", "0.00", "0.00", "0.00", "0"],
      ]);
      expectSummary(result, {
        originalContractSum: "261850.00",
        netChangeByChangeOrders: "12200.00",
        contractSumToDate: "274050.00",
        totalCompletedAndStoredToDate: "84112.75",
        retentionOnCompletedWork: "6311.28",
        retentionOnStoredMaterials: "2100.00",
        retentionReleased: "0.00",
        totalRetention: "8411.28",
        totalEarnedLessRetention: "75701.47",
        previousCertificates: "0.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "75701.47",
        balanceToFinishIncludingRetention: "198348.53",
        taxableAmount: "84112.75",
        tax: "0.00",
        totalDue: "75701.47",
      });
      expectTaxBreakdown(result, [["0", "84112.75", "0.00"]]);
      expect(result.warnings).toEqual([]);
    });
  });

  /*
   * Application 2
   * 01   D 12000.00, p 0.5: D + E = round(48000.00 × 0.5) = 24000.00, E = 24000.00 − 12000.00 = 12000.00
   *      G 24000.00, G/C 0.5000, H 24000.00, retention 0.10 × 24000.00 = 2400.00
   * 02   D 41237.50, E 38950.00 (6100.00 of it installed rebar), F 2500.00, previous F 8600.00
   *      G = 41237.50 + 38950.00 + 2500.00 = 82687.50, G/C = 0.653656… → 0.6537, H = 126500.00 − 82687.50 = 43812.50
   *      on work 0.10 × (41237.50 + 38950.00 = 80187.50) = 8018.75; on F 0.10 × 2500.00 = 250.00; I = 8268.75
   * 03   D 9875.25, completedToDate 31420.85 so E = 31420.85 − 9875.25 = 21545.60, F 0.00, previous F 12400.00
   *      G = 31420.85, G/C = 0.359712… → 0.3597, H = 87350.00 − 31420.85 = 55929.15
   *      on work 0.10 × 31420.85 = 3142.085 → 3142.09 (half-up); I = 3142.09
   * CO1  E 7700.00: G 7700.00, G/C 0.5000, H 7700.00, I 0.10 × 7700.00 = 770.00
   * CO2  deductive, p 1: D + E = round(−3200.00 × 1) = −3200.00, E = −3200.00
   *      G −3200.00, G/C = −3200 / −3200 = 1.0000, H = −3200.00 − (−3200.00) = 0.00
   *      I = 0.10 × −3200.00 = −320.00 (retention credited back with the deduction)
   *
   *   4  24000.00 + 82687.50 + 31420.85 + 7700.00 − 3200.00 = 142608.35
   *   5a 2400.00 + 8018.75 + 3142.09 + 770.00 − 320.00      = 14010.84
   *   5b 250.00 + 0.00                                      = 250.00
   *   5  14010.84 + 250.00                                  = 14260.84
   *   6  142608.35 − 14260.84                               = 128347.51
   *   7  application 1's line 6                             = 75701.47
   *      derived instead: every E 0, F = previous F:
   *        G: 12000.00 + (41237.50 + 8600.00) + (9875.25 + 12400.00) + 0 + 0 = 84112.75
   *        retention: 1200.00 + (4123.75 + 860.00) + (987.53 + 1240.00)   = 8411.28
   *        line 6: 84112.75 − 8411.28 = 75701.47, the same
   *   8  128347.51 − 75701.47                               = 52646.04
   *   9  274050.00 − 128347.51                              = 145702.49
   *   taxable (E + F − previous F):
   *      12000.00 + (38950.00 + 2500.00 − 8600.00) + (21545.60 + 0.00 − 12400.00) + 7700.00 − 3200.00
   *    = 12000.00 + 32850.00 + 9145.60 + 7700.00 − 3200.00 = 58495.60 (= 142608.35 − 84112.75)
   *   total due 52646.04 + 0.00 = 52646.04
   *   check: 75701.47 + 52646.04 = 128347.51, application 2's line 6.
   */
  describe("application 2", () => {
    const expectedSummary = {
      originalContractSum: "261850.00",
      netChangeByChangeOrders: "12200.00",
      contractSumToDate: "274050.00",
      totalCompletedAndStoredToDate: "142608.35",
      retentionOnCompletedWork: "14010.84",
      retentionOnStoredMaterials: "250.00",
      retentionReleased: "0.00",
      totalRetention: "14260.84",
      totalEarnedLessRetention: "128347.51",
      previousCertificates: "75701.47",
      advanceRecovery: "0.00",
      currentPaymentDue: "52646.04",
      balanceToFinishIncludingRetention: "145702.49",
      taxableAmount: "58495.60",
      tax: "0.00",
      totalDue: "52646.04",
    };

    it("gives every column and every summary line with previous certificates given", () => {
      const result = compute({ currency: "USD", retention, previousCertificates: "75701.47", lines: application2Lines });
      expectLines(result, [
        ["01", "General conditions", false, "48000.00", "12000.00", "12000.00", "0.00", "24000.00", "0.5000", "24000.00", "2400.00", "0.00", "2400.00", "0"],
        ["02", "Concrete", false, "126500.00", "41237.50", "38950.00", "2500.00", "82687.50", "0.6537", "43812.50", "8018.75", "250.00", "8268.75", "0"],
        ["03", "Mechanical", false, "87350.00", "9875.25", "21545.60", "0.00", "31420.85", "0.3597", "55929.15", "3142.09", "0.00", "3142.09", "0"],
        ["CO1", "Added canopy", true, "15400.00", "0.00", "7700.00", "0.00", "7700.00", "0.5000", "7700.00", "770.00", "0.00", "770.00", "0"],
        ["CO2", "Omitted paving", true, "-3200.00", "0.00", "-3200.00", "0.00", "-3200.00", "1.0000", "0.00", "-320.00", "0.00", "-320.00", "0"],
      ]);
      expectSummary(result, expectedSummary);
      expectTaxBreakdown(result, [["0", "58495.60", "0.00"]]);
      // Only the deductive change order's negative E could give a warning (see NEGATIVE_PERIOD).
      expect(result.warnings.filter((warning) => warning.path[1] !== 4)).toEqual([]);
    });

    it("derives the same previous certificates when they are absent", () => {
      const result = compute({ currency: "USD", retention, lines: application2Lines });
      expectSummary(result, expectedSummary);
    });

    it("continues application 1: D = previous D + E and the payments add up to line 6", () => {
      const first = compute(application1);
      const second = compute({ currency: "USD", retention, lines: application2Lines });
      // application 1 starts from D = 0, so its D + E is its E: 12000.00, 41237.50, 9875.25, 0.00, 0.00
      const firstToDate = first.lines.map((line) => line["thisPeriod"]);
      expect(firstToDate).toEqual(["12000.00", "41237.50", "9875.25", "0.00", "0.00"]);
      expect(second.lines.map((line) => line["previouslyCompleted"])).toEqual(firstToDate);
      expect(first.summary["currentPaymentDue"]).toBe("75701.47");
      expect(second.summary["currentPaymentDue"]).toBe("52646.04");
      // 75701.47 + 52646.04 = 128347.51
      expect(second.summary["totalEarnedLessRetention"]).toBe("128347.51");
    });
  });
});
