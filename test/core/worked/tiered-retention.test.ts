// Worked example 7: retention that steps down (whole and marginal), a retention limit, and
// the release of retention at taking-over and at the end of the defects period.
import { compute, expectLines, expectSummary, rejected, type Row } from "./helpers";

const tenThenFive = [
  { from: "0", rate: "0.10" },
  { from: "0.5", rate: "0.05" },
];

type Columns = [c: string, d: string, e: string, f: string, g: string, percent: string, h: string];
type Held = [onWork: string, onStored: string, i: string];

function row(id: string, description: string, [c, d, e, f, g, percent, h]: Columns, [onWork, onStored, i]: Held): Row {
  return [id, description, false, c, d, e, f, g, percent, h, onWork, onStored, i, "0"];
}

describe("worked example 7: tiered retention", () => {
  describe("whole mode: 10 %, then 5 % on all work from 50 %", () => {
    /*
     * Below 50 %. A C 60000.00 E 24000.00; B C 40000.00 E 16000.00, F 15000.00 stored.
     *   project percentage (work only) = (24000.00 + 16000.00) / 100000.00 = 0.40 → step from 0: 10 %
     *   (with F it would be 55000 / 100000 = 0.55 — stored materials do not count)
     *   A: G 24000.00, G/C 0.4000, H 36000.00, on work 0.10 × 24000.00 = 2400.00, I 2400.00
     *   B: G 16000.00 + 15000.00 = 31000.00, G/C 0.7750, H 9000.00,
     *      on work 0.10 × 16000.00 = 1600.00, on F (default: the step rate) 0.10 × 15000.00 = 1500.00, I 3100.00
     *   4 = 55000.00; 5a 4000.00; 5b 1500.00; 5 = 5500.00; 6 = 49500.00; 7 derived 0.00 (no work before)
     *   8 = 49500.00; 9 = 100000.00 − 49500.00 = 50500.00; taxable 55000.00; total due 49500.00
     */
    it("holds 10 % below 50 %", () => {
      const result = compute({
        retention: { steps: tenThenFive },
        lines: [
          { id: "A", description: "Earthworks", scheduledValue: "60000.00", thisPeriod: "24000.00" },
          { id: "B", description: "Structure", scheduledValue: "40000.00", thisPeriod: "16000.00", storedMaterials: "15000.00" },
        ],
      });
      expectLines(result, [
        row("A", "Earthworks", ["60000.00", "0.00", "24000.00", "0.00", "24000.00", "0.4000", "36000.00"], ["2400.00", "0.00", "2400.00"]),
        row("B", "Structure", ["40000.00", "0.00", "16000.00", "15000.00", "31000.00", "0.7750", "9000.00"], ["1600.00", "1500.00", "3100.00"]),
      ]);
      expectSummary(result, {
        originalContractSum: "100000.00",
        netChangeByChangeOrders: "0.00",
        contractSumToDate: "100000.00",
        totalCompletedAndStoredToDate: "55000.00",
        retentionOnCompletedWork: "4000.00",
        retentionOnStoredMaterials: "1500.00",
        retentionReleased: "0.00",
        totalRetention: "5500.00",
        totalEarnedLessRetention: "49500.00",
        previousCertificates: "0.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "49500.00",
        balanceToFinishIncludingRetention: "50500.00",
        taxableAmount: "55000.00",
        tax: "0.00",
        totalDue: "49500.00",
      });
    });

    /*
     * Above 50 %, the next application. A: D 24000.00, completedToDate 36000.00 → E 12000.00.
     * B: D 16000.00, E 8000.00 (installing 10000.00 of the stored material), F 5000.00, previous F 15000.00.
     *   project percentage = (36000.00 + 24000.00) / 100000.00 = 0.60 ≥ 0.5 → 5 % on all work to date
     *   A: G 36000.00, G/C 0.6000, H 24000.00, on work 0.05 × 36000.00 = 1800.00, I 1800.00
     *   B: G 24000.00 + 5000.00 = 29000.00, G/C 0.7250, H 11000.00,
     *      on work 0.05 × 24000.00 = 1200.00, on F 0.05 × 5000.00 = 250.00, I 1450.00
     *   4 = 65000.00; 5a 3000.00; 5b 250.00; 5 = 3250.00; 6 = 61750.00
     *   7 derived: E 0, F = previous F 15000.00: work 40000.00 → 0.40 → 10 %;
     *      retention 4000.00 + 1500.00 = 5500.00; line 4 55000.00; line 6 49500.00 (= application 1)
     *   8 = 61750.00 − 49500.00 = 12250.00 (the step-down releases 2250.00 of work retention)
     *   9 = 100000.00 − 61750.00 = 38250.00
     *   taxable = 12000.00 + (8000.00 + 5000.00 − 15000.00) = 10000.00 (= 65000.00 − 55000.00)
     */
    it("holds 5 % of all work from 50 %", () => {
      const result = compute({
        retention: { steps: tenThenFive, mode: "whole" },
        lines: [
          { id: "A", description: "Earthworks", scheduledValue: "60000.00", previouslyCompleted: "24000.00", completedToDate: "36000.00" },
          {
            id: "B",
            description: "Structure",
            scheduledValue: "40000.00",
            previouslyCompleted: "16000.00",
            thisPeriod: "8000.00",
            storedMaterials: "5000.00",
            previousStoredMaterials: "15000.00",
          },
        ],
      });
      expectLines(result, [
        row("A", "Earthworks", ["60000.00", "24000.00", "12000.00", "0.00", "36000.00", "0.6000", "24000.00"], ["1800.00", "0.00", "1800.00"]),
        row("B", "Structure", ["40000.00", "16000.00", "8000.00", "5000.00", "29000.00", "0.7250", "11000.00"], ["1200.00", "250.00", "1450.00"]),
      ]);
      expectSummary(result, {
        originalContractSum: "100000.00",
        netChangeByChangeOrders: "0.00",
        contractSumToDate: "100000.00",
        totalCompletedAndStoredToDate: "65000.00",
        retentionOnCompletedWork: "3000.00",
        retentionOnStoredMaterials: "250.00",
        retentionReleased: "0.00",
        totalRetention: "3250.00",
        totalEarnedLessRetention: "61750.00",
        previousCertificates: "49500.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "12250.00",
        balanceToFinishIncludingRetention: "38250.00",
        taxableAmount: "10000.00",
        tax: "0.00",
        totalDue: "12250.00",
      });
    });

    it("applies the 5 % step at exactly 50 % (from ≤ percentage)", () => {
      // (30000.00 + 20000.00) / 100000.00 = 0.50 ≥ 0.5 → 0.05 × 30000.00 + 0.05 × 20000.00 = 1500.00 + 1000.00
      const result = compute({
        retention: { steps: tenThenFive },
        lines: [
          { id: "A", description: "Earthworks", scheduledValue: "60000.00", thisPeriod: "30000.00" },
          { id: "B", description: "Structure", scheduledValue: "40000.00", thisPeriod: "20000.00" },
        ],
      });
      expect(result.lines.map((line) => line["retention"])).toEqual(["1500.00", "1000.00"]);
      expect(result.summary["retentionOnCompletedWork"]).toBe("2500.00");
    });

    it.each([
      // project at 0.10, first step from 0.2: no step applies → retention.rate, default 0
      [undefined, "0.00"],
      // … or 0.03 × 10000.00 = 300.00 when retention.rate is 0.03
      ["0.03", "300.00"],
    ])("falls back to retention.rate %s before the first step", (fallback, held) => {
      const result = compute({
        retention: { steps: [{ from: "0.2", rate: "0.10" }], ...(fallback === undefined ? {} : { rate: fallback }) },
        lines: [{ id: "A", description: "Earthworks", scheduledValue: "100000.00", thisPeriod: "10000.00" }],
      });
      expect(result.summary["retentionOnCompletedWork"]).toBe(held);
    });
  });

  describe("marginal mode: 10 % on the first half of the contract, 5 % on the rest", () => {
    /*
     * A C 50000.00 E 40000.00; B C 30000.00 E 17000.00; C C 20000.00 E 13333.33, F 1000.00 at 5 %.
     *   Σ C = 100000.00; Σ work = 40000.00 + 17000.00 + 13333.33 = 70333.33; p = 0.7033333
     *   slices: step 0 → min(p, 0.5) − 0 = 0.5; step 0.5 (last) → p − 0.5 = 0.2033333
     *   retention on work = round(100000.00 × (0.10 × 0.5 + 0.05 × 0.2033333))
     *                     = round(5000.00 + 1016.6665) = round(6016.6665) = 6016.67
     *   (whole mode would hold 0.05 × 70333.33 = 3516.67; a flat 10 % would hold 7033.33)
     *   allocated by work to date, largest remainder:
     *     A 6016.67 × 40000.00 / 70333.33 = 3421.8030… → 3421.80, remainder .0030
     *     B 6016.67 × 17000.00 / 70333.33 = 1454.2662… → 1454.26, remainder .0062
     *     C 6016.67 × 13333.33 / 70333.33 = 1140.6007… → 1140.60, remainder .0007
     *     floors 6016.66, one cent left → B (largest remainder) → 3421.80, 1454.27, 1140.60 (= 6016.67)
     *   stored: C 0.05 × 1000.00 = 50.00 (per line, not allocated)
     *   lines: A G 40000.00, G/C 0.8000, H 10000.00; B G 17000.00, G/C 0.5667 (0.56666…), H 13000.00
     *          C G 14333.33, G/C 0.7167 (0.7166665), H 5666.67, I 1140.60 + 50.00 = 1190.60
     *   4 = 71333.33; 5a 6016.67; 5b 50.00; 5 = 6066.67; 6 = 65266.66; 7 derived (no D, F) 0.00
     *   8 = 65266.66; 9 = 100000.00 − 65266.66 = 34733.34; taxable 71333.33
     */
    it("rounds the tiered total once and allocates it to lines by largest remainder", () => {
      const result = compute({
        retention: { steps: tenThenFive, mode: "marginal", storedMaterialsRate: "0.05" },
        lines: [
          { id: "A", description: "Earthworks", scheduledValue: "50000.00", thisPeriod: "40000.00" },
          { id: "B", description: "Structure", scheduledValue: "30000.00", thisPeriod: "17000.00" },
          { id: "C", description: "Finishes", scheduledValue: "20000.00", thisPeriod: "13333.33", storedMaterials: "1000.00" },
        ],
      });
      expectLines(result, [
        row("A", "Earthworks", ["50000.00", "0.00", "40000.00", "0.00", "40000.00", "0.8000", "10000.00"], ["3421.80", "0.00", "3421.80"]),
        row("B", "Structure", ["30000.00", "0.00", "17000.00", "0.00", "17000.00", "0.5667", "13000.00"], ["1454.27", "0.00", "1454.27"]),
        row("C", "Finishes", ["20000.00", "0.00", "13333.33", "1000.00", "14333.33", "0.7167", "5666.67"], ["1140.60", "50.00", "1190.60"]),
      ]);
      expectSummary(result, {
        originalContractSum: "100000.00",
        netChangeByChangeOrders: "0.00",
        contractSumToDate: "100000.00",
        totalCompletedAndStoredToDate: "71333.33",
        retentionOnCompletedWork: "6016.67",
        retentionOnStoredMaterials: "50.00",
        retentionReleased: "0.00",
        totalRetention: "6066.67",
        totalEarnedLessRetention: "65266.66",
        previousCertificates: "0.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "65266.66",
        balanceToFinishIncludingRetention: "34733.34",
        taxableAmount: "71333.33",
        tax: "0.00",
        totalDue: "65266.66",
      });
    });

    it("gives a tied leftover cent to the earlier line", () => {
      // Three lines C 1.00 with 0.33 of work each: Σ C 3.00, p 0.33, one step 10 %:
      // round(3.00 × 0.10 × 0.33 = 0.099) = 0.10; each share 0.10 × 0.33 / 0.99 = 0.0333… → 0.03,
      // floors 0.09, one cent left, all remainders equal → the first line: 0.04, 0.03, 0.03
      // (per line it would be round(0.033) = 0.03 three times, 0.09).
      const result = compute({
        retention: { steps: [{ from: "0", rate: "0.10" }], mode: "marginal" },
        lines: ["1", "2", "3"].map((id) => ({ id, description: `Item ${id}`, scheduledValue: "1.00", thisPeriod: "0.33" })),
      });
      expect(result.lines.map((line) => line["retentionOnWork"])).toEqual(["0.04", "0.03", "0.03"]);
      expect(result.summary["retentionOnCompletedWork"]).toBe("0.10");
    });
  });

  describe("retention limit: 5 % of the contract sum", () => {
    /*
     * Rate 10 % (F at 10 % too), limitRate 0.05 → limit round(0.05 × 100000.00) = 5000.00.
     * A C 60000.00 E 45000.00; B C 40000.00 E 12345.67, F 4000.00.
     *   uncapped: A on work 0.10 × 45000.00 = 4500.00
     *             B on work 0.10 × 12345.67 = 1234.567 → 1234.57, on F 0.10 × 4000.00 = 400.00, I 1634.57
     *             total 4500.00 + 1634.57 = 6134.57 > 5000.00 → capped at 5000.00
     *   I per line, largest remainder of 5000.00 by 4500.00 : 1634.57 (Σ 6134.57):
     *     A 5000.00 × 4500.00 / 6134.57 = 3667.7387… → 3667.73, remainder .0087
     *     B 5000.00 × 1634.57 / 6134.57 = 1332.2612… → 1332.26, remainder .0012
     *     floors 4999.99, one cent → A → 3667.74 and 1332.26
     *   5b = round(5000.00 × 400.00 / 6134.57 = 326.0212…) = 326.02; 5a = 5000.00 − 326.02 = 4673.98
     *   stored per line: only B has F → B 326.02; B on work 1332.26 − 326.02 = 1006.24; A on work 3667.74
     *   lines: A G 45000.00, G/C 0.7500, H 15000.00
     *          B G 12345.67 + 4000.00 = 16345.67, G/C 0.408641… → 0.4086, H 23654.33
     *   4 = 61345.67; 5 = 5000.00; 6 = 56345.67; 7 derived 0.00; 8 = 56345.67
     *   9 = 100000.00 − 56345.67 = 43654.33; taxable 61345.67
     */
    const limitedLines = [
      { id: "A", description: "Earthworks", scheduledValue: "60000.00", thisPeriod: "45000.00" },
      { id: "B", description: "Structure", scheduledValue: "40000.00", thisPeriod: "12345.67", storedMaterials: "4000.00" },
    ];

    it("caps the retention held and allocates the limit", () => {
      const result = compute({ retention: { rate: "0.10", limitRate: "0.05" }, lines: limitedLines });
      expectLines(result, [
        row("A", "Earthworks", ["60000.00", "0.00", "45000.00", "0.00", "45000.00", "0.7500", "15000.00"], ["3667.74", "0.00", "3667.74"]),
        row("B", "Structure", ["40000.00", "0.00", "12345.67", "4000.00", "16345.67", "0.4086", "23654.33"], ["1006.24", "326.02", "1332.26"]),
      ]);
      expectSummary(result, {
        originalContractSum: "100000.00",
        netChangeByChangeOrders: "0.00",
        contractSumToDate: "100000.00",
        totalCompletedAndStoredToDate: "61345.67",
        retentionOnCompletedWork: "4673.98",
        retentionOnStoredMaterials: "326.02",
        retentionReleased: "0.00",
        totalRetention: "5000.00",
        totalEarnedLessRetention: "56345.67",
        previousCertificates: "0.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "56345.67",
        balanceToFinishIncludingRetention: "43654.33",
        taxableAmount: "61345.67",
        tax: "0.00",
        totalDue: "56345.67",
      });
    });

    it.each([
      // limit 5200.00 and 5 % (5000.00): the smaller, 5000.00
      [{ limit: "5200.00", limitRate: "0.05" }, "5000.00"],
      // limit 4800.00 and 5 % (5000.00): 4800.00
      [{ limit: "4800.00", limitRate: "0.05" }, "4800.00"],
      // limit 7000.00 alone is above the uncapped 6134.57: no cap
      [{ limit: "7000.00" }, "6134.57"],
    ])("applies the smaller of limit and limitRate (%o → %s)", (limits, held) => {
      const result = compute({ retention: { rate: "0.10", ...limits }, lines: limitedLines });
      expect(result.summary["totalRetention"]).toBe(held);
    });
  });

  describe("release: half at taking-over, the rest at the end of the defects period", () => {
    /*
     * A C 60000.00 complete on earlier applications (D 60000.00); B C 40000.00, D 35000.00, E 5000.00.
     * Rate 10 %, limitRate 0.05 → limit 5000.00.
     *   uncapped: A 6000.00, B 0.10 × 40000.00 = 4000.00, total 10000.00 > 5000.00
     *   allocation: A 5000.00 × 6000 / 10000 = 3000.00, B 2000.00 (exact); 5a 5000.00, 5b 0.00
     *   release "half": round(5000.00 / 2) = 2500.00; 5 = 5000.00 − 2500.00 = 2500.00
     *   4 = 100000.00; 6 = 100000.00 − 2500.00 = 97500.00
     *   7 derived (E 0, no release): work 95000.00, uncapped 6000.00 + 3500.00 = 9500.00 → 5000.00;
     *     line 6 = 95000.00 − 5000.00 = 90000.00
     *   8 = 97500.00 − 90000.00 = 7500.00 (5000.00 of work + 2500.00 released)
     *   9 = 100000.00 − 97500.00 = 2500.00; taxable 5000.00
     * Lines keep the retention figured on their work (5a = Σ on work); the release is a summary line.
     */
    const takingOver = [
      { id: "A", description: "Earthworks", scheduledValue: "60000.00", previouslyCompleted: "60000.00" },
      { id: "B", description: "Structure", scheduledValue: "40000.00", previouslyCompleted: "35000.00", thisPeriod: "5000.00" },
    ];
    const limited = { rate: "0.10", limitRate: "0.05" };

    it("releases half at taking-over", () => {
      const result = compute({ retention: { ...limited, release: "half" }, lines: takingOver });
      expectLines(result, [
        row("A", "Earthworks", ["60000.00", "60000.00", "0.00", "0.00", "60000.00", "1.0000", "0.00"], ["3000.00", "0.00", "3000.00"]),
        row("B", "Structure", ["40000.00", "35000.00", "5000.00", "0.00", "40000.00", "1.0000", "0.00"], ["2000.00", "0.00", "2000.00"]),
      ]);
      expectSummary(result, {
        originalContractSum: "100000.00",
        netChangeByChangeOrders: "0.00",
        contractSumToDate: "100000.00",
        totalCompletedAndStoredToDate: "100000.00",
        retentionOnCompletedWork: "5000.00",
        retentionOnStoredMaterials: "0.00",
        retentionReleased: "2500.00",
        totalRetention: "2500.00",
        totalEarnedLessRetention: "97500.00",
        previousCertificates: "90000.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "7500.00",
        balanceToFinishIncludingRetention: "2500.00",
        taxableAmount: "5000.00",
        tax: "0.00",
        totalDue: "7500.00",
      });
    });

    /*
     * End of the defects period: no more work (D 60000.00 and 40000.00), release "all".
     *   held 5000.00 → released 5000.00; 5 = 0.00; 6 = 100000.00
     *   7 = the taking-over certificate's line 6, 97500.00 (given: derived would ignore its release)
     *   8 = 100000.00 − 97500.00 = 2500.00; 9 = 0.00; taxable 0.00
     */
    it("releases the rest at the end of the defects period", () => {
      const result = compute({
        retention: { ...limited, release: "all" },
        previousCertificates: "97500.00",
        lines: [
          { id: "A", description: "Earthworks", scheduledValue: "60000.00", previouslyCompleted: "60000.00" },
          { id: "B", description: "Structure", scheduledValue: "40000.00", previouslyCompleted: "40000.00" },
        ],
      });
      expectLines(result, [
        row("A", "Earthworks", ["60000.00", "60000.00", "0.00", "0.00", "60000.00", "1.0000", "0.00"], ["3000.00", "0.00", "3000.00"]),
        row("B", "Structure", ["40000.00", "40000.00", "0.00", "0.00", "40000.00", "1.0000", "0.00"], ["2000.00", "0.00", "2000.00"]),
      ]);
      expectSummary(result, {
        originalContractSum: "100000.00",
        netChangeByChangeOrders: "0.00",
        contractSumToDate: "100000.00",
        totalCompletedAndStoredToDate: "100000.00",
        retentionOnCompletedWork: "5000.00",
        retentionOnStoredMaterials: "0.00",
        retentionReleased: "5000.00",
        totalRetention: "0.00",
        totalEarnedLessRetention: "100000.00",
        previousCertificates: "97500.00",
        advanceRecovery: "0.00",
        currentPaymentDue: "2500.00",
        balanceToFinishIncludingRetention: "0.00",
        taxableAmount: "0.00",
        tax: "0.00",
        totalDue: "2500.00",
      });
    });

    it("releases an amount, and refuses more than is held", () => {
      // 1234.56 of 5000.00: 5 = 3765.44, 6 = 100000.00 − 3765.44 = 96234.56, 8 = 96234.56 − 90000.00 = 6234.56
      const result = compute({ retention: { ...limited, release: "1234.56" }, lines: takingOver });
      expect(result.summary).toEqual(
        expect.objectContaining({
          retentionReleased: "1234.56",
          totalRetention: "3765.44",
          totalEarnedLessRetention: "96234.56",
          currentPaymentDue: "6234.56",
        }),
      );
      const errors = rejected({ retention: { ...limited, release: "5000.01" }, lines: takingOver });
      expect(errors.map((issue) => issue.path.slice(0, 2))).toContainEqual(["retention", "release"]);
    });

    it.each([
      // 0.10 × 41234.50 = 4123.45 held; half = 2061.725 → 2061.73 half-up, 2061.72 half-even
      ["half-up", "2061.73", "2061.72"],
      ["half-even", "2061.72", "2061.73"],
    ])("rounds half of an odd cent %s", (rounding, released, stillHeld) => {
      const result = compute({
        rounding,
        retention: { rate: "0.10", release: "half" },
        lines: [{ id: "A", description: "Works", scheduledValue: "50000.00", previouslyCompleted: "41234.50" }],
      });
      expect(result.summary).toEqual(
        expect.objectContaining({ retentionOnCompletedWork: "4123.45", retentionReleased: released, totalRetention: stillHeld }),
      );
    });
  });
});
