// Worked example: an advance (down-payment) invoice of 30,000.00 with 19 % VAT on a 300,000.00
// contract, three progress invoices recovering it with the VAT already invoiced on each part,
// and the final invoice that states the whole contract's price and VAT and deducts every
// partial invoice (§14(5) UStG). Every figure below is worked out by hand.
import {
  type AdvanceInvoicedInput, type BillingRequest, type BillingResult, type PrecedingInvoice, advanceRecoveredByRate, computeAdvanceInvoice, computeFinalInvoice, computeInvoice,
} from "../../../src/core";

const LINES = [
  { id: "A", description: "Foundations", scheduledValue: "123456.78" },
  { id: "B", description: "Structure", scheduledValue: "98765.43" },
  { id: "C", description: "Finishes", scheduledValue: "77777.79" },
];

/** EUR, VAT 19 %, retention 5 %, the advance recovered at 10 % of each gross from 10 % of line 3 on. */
function request(percent: [number, number, number], before: { percent: [number, number, number]; certificates: string; recovered: string[] } | undefined): BillingRequest {
  const invoiced: AdvanceInvoicedInput[] = advanceRecoveredByRate([{ rate: "0.19", amount: "30000.00" }], before?.recovered ?? [], 2, "half-up");
  const previous = before?.percent ?? [0, 0, 0];
  return {
    currency: "EUR",
    retention: { rate: "0.05" },
    tax: { rate: "0.19" },
    advance: { amount: "30000.00", rate: "0.10", previouslyRecovered: invoiced.reduce((sum, i) => sum + Number(i.recovered), 0).toFixed(2), invoiced },
    ...(before === undefined ? {} : { previousCertificates: before.certificates }),
    lines: LINES.map((line, i) => ({
      ...line,
      percentComplete: String(percent[i]),
      // D as the billing log carries it: the line's G on the invoice before.
      previouslyCompleted: previous[i] === 0 ? "0" : previous[i] === 1 ? line.scheduledValue : ({ B: "59259.26", C: "38888.90" } as Record<string, string>)[line.id] ?? "0",
    })),
  };
}

function compute(input: BillingRequest): BillingResult {
  const outcome = computeInvoice(input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.result;
}

const summary = (result: BillingResult): Record<string, string> => {
  const s = result.summary;
  return {
    line4: s.totalCompletedAndStoredToDate, line5: s.totalRetention, line6: s.totalEarnedLessRetention, line7: s.previousCertificates,
    recovered: s.advanceRecovery, line8: s.currentPaymentDue, tax: s.tax, totalDue: s.totalDue,
  };
};

describe("worked example: advance invoice, three progress invoices, final invoice", () => {
  /*
   * Advance invoice (386): net 30000.00 at the only rate, 19 %; VAT 0.19 × 30000.00 = 5700.00; total 35700.00.
   */
  test("the advance invoice: the advance net, VAT at the contract's rate, the total due", () => {
    const outcome = computeAdvanceInvoice({ currency: "EUR", tax: { rate: "0.19" }, advance: { amount: "30000.00" }, lines: LINES });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.advance).toEqual({
      amount: "30000.00", contractSumToDate: "300000.00", shareOfContract: "0.1000", byRate: [{ rate: "0.19", amount: "30000.00", tax: "5700.00" }],
    });
    expect(outcome.result.lines.map((l) => [l.id, l.thisPeriod, l.taxRate])).toEqual([["ADV", "30000.00", "0.19"]]);
    expect(outcome.result.taxBreakdown).toEqual([{ rate: "0.19", taxableAmount: "30000.00", tax: "5700.00" }]);
    expect(outcome.result.summary).toMatchObject({ currentPaymentDue: "30000.00", taxableAmount: "30000.00", tax: "5700.00", totalDue: "35700.00" });
  });

  /*
   * Progress 1: A 100 %: G = 123456.78 (41 % of line 3 > 10 %: recovery starts); gross 123456.78
   *   recovered 0.10 × 123456.78 = 12345.678 → 12345.68; retention 0.05 × 123456.78 = 6172.839 → 6172.84
   *   6 = 123456.78 − 6172.84 = 117283.94; 7 = 0; 8 = 117283.94 − 12345.68 = 104938.26
   *   tax 0.19 × 123456.78 = 23456.7882 → 23456.79
   *   VAT already invoiced on the advance recovered: 0.19 × 12345.68 = 2345.6792 → 2345.68
   *   tax charged 23456.79 − 2345.68 = 21111.11; total due 104938.26 + 21111.11 = 126049.37
   */
  const first = (): BillingResult => compute(request([1, 0, 0], undefined));
  test("progress 1 deducts the advance recovered and the VAT already invoiced on it", () => {
    const result = first();
    expect(summary(result)).toEqual({
      line4: "123456.78", line5: "6172.84", line6: "117283.94", line7: "0.00", recovered: "12345.68", line8: "104938.26", tax: "21111.11", totalDue: "126049.37",
    });
    expect(result.taxBreakdown).toEqual([{ rate: "0.19", taxableAmount: "123456.78", tax: "23456.79" }]);
    expect(result.advanceTaxDeducted).toEqual([{ rate: "0.19", recovered: "12345.68", tax: "2345.68" }]);
  });

  /*
   * Progress 2: B 60 %: G_B = 0.6 × 98765.43 = 59259.258 → 59259.26; G = 182716.04; gross 59259.26
   *   recovered 0.10 × 59259.26 = 5925.926 → 5925.93 (18271.61 to date)
   *   retention 6172.84 + 0.05 × 59259.26 = 2962.963 → 2962.96: 9135.80
   *   6 = 182716.04 − 9135.80 = 173580.24; 8 = 173580.24 − 117283.94 − 5925.93 = 50370.37
   *   tax 0.19 × 59259.26 = 11259.2594 → 11259.26
   *   VAT on the advance recovered to date 0.19 × 18271.61 = 3471.6059 → 3471.61, less 2345.68 already deducted: 1125.93
   *   tax charged 11259.26 − 1125.93 = 10133.33; total due 50370.37 + 10133.33 = 60503.70
   */
  const second = (): BillingResult => compute(request([1, 0.6, 0], { percent: [1, 0, 0], certificates: "117283.94", recovered: ["12345.68"] }));
  test("progress 2", () => {
    const result = second();
    expect(summary(result)).toEqual({
      line4: "182716.04", line5: "9135.80", line6: "173580.24", line7: "117283.94", recovered: "5925.93", line8: "50370.37", tax: "10133.33", totalDue: "60503.70",
    });
    expect(result.advanceTaxDeducted).toEqual([{ rate: "0.19", recovered: "5925.93", tax: "1125.93" }]);
  });

  /*
   * Progress 3: B 100 %, C 50 %: G_C = 0.5 × 77777.79 = 38888.895 → 38888.90; G = 261111.11; gross 78395.07
   *   recovered 0.10 × 78395.07 = 7839.507 → 7839.51 (11728.39 was outstanding; 26111.12 to date)
   *   retention 6172.84 + 4938.2715 → 4938.27 + 1944.445 → 1944.45: 13055.56
   *   6 = 261111.11 − 13055.56 = 248055.55; 8 = 248055.55 − 173580.24 − 7839.51 = 66635.80
   *   tax 0.19 × 78395.07 = 14895.0633 → 14895.06
   *   VAT on the advance recovered 0.19 × 26111.12 = 4961.1128 → 4961.11, less 3471.61: 1489.50
   *   tax charged 14895.06 − 1489.50 = 13405.56; total due 66635.80 + 13405.56 = 80041.36
   */
  const third = (): BillingResult => compute(request([1, 1, 0.5], { percent: [1, 0.6, 0], certificates: "173580.24", recovered: ["12345.68", "5925.93"] }));
  test("progress 3", () => {
    const result = third();
    expect(summary(result)).toEqual({
      line4: "261111.11", line5: "13055.56", line6: "248055.55", line7: "173580.24", recovered: "7839.51", line8: "66635.80", tax: "13405.56", totalDue: "80041.36",
    });
    expect(result.advanceTaxDeducted).toEqual([{ rate: "0.19", recovered: "7839.51", tax: "1489.50" }]);
  });

  /*
   * The final invoice: C 100 %: G = 300000.00; gross 38888.89; the advance still outstanding,
   *   30000.00 − 26111.12 = 3888.88, all recovered (0.10 × 38888.89 = 3888.889 would take it all too)
   *   retention 6172.84 + 4938.27 + 0.05 × 77777.79 = 3888.8895 → 3888.89: 15000.00
   *   6 = 285000.00; 8 = 285000.00 − 248055.55 − 3888.88 = 33055.57
   * The progress invoice it would otherwise be: tax 0.19 × 38888.89 = 7388.8891 → 7388.89, less the
   *   VAT on the last 3888.88 of the advance, 5700.00 − 4961.11 = 738.89: 6650.00; total due 39705.57.
   * The statement (§14(5) UStG):
   *   contract price 300000.00, VAT 0.19 × 300000.00 = 57000.00, total 357000.00
   *   partial invoices  INV-0001 (advance) 30000.00 + 5700.00
   *                     INV-0002 123456.78 − 12345.68 = 111111.10 + 21111.11
   *                     INV-0003  59259.26 −  5925.93 =  53333.33 + 10133.33
   *                     INV-0004  78395.07 −  7839.51 =  70555.56 + 13405.56
   *     net 264999.99, VAT 50350.00, total 315349.99
   *   this invoice: net 300000.00 − 264999.99 = 35000.01 (= 38888.89 − 3888.88), VAT 57000.00 − 50350.00 = 6650.00
   *   balance 41650.01 = 357000.00 − 315349.99; retention withheld 35000.01 − 33055.57 = 1944.44
   *   total due 33055.57 + 6650.00 = 39705.57, the progress invoice's to the cent.
   */
  const preceding: PrecedingInvoice[] = [
    { number: "INV-0001", invoiceDate: "2026-07-01", byRate: [{ rate: "0.19", net: "30000.00", tax: "5700.00" }] },
    { number: "INV-0002", invoiceDate: "2026-08-31", byRate: [{ rate: "0.19", net: "111111.10", tax: "21111.11" }] },
    { number: "INV-0003", invoiceDate: "2026-09-30", byRate: [{ rate: "0.19", net: "53333.33", tax: "10133.33" }] },
    { number: "INV-0004", invoiceDate: "2026-10-31", byRate: [{ rate: "0.19", net: "70555.56", tax: "13405.56" }] },
  ];
  const lastRequest = (): BillingRequest => request([1, 1, 1], { percent: [1, 1, 0.5], certificates: "248055.55", recovered: ["12345.68", "5925.93", "7839.51"] });

  test("each progress invoice's net and VAT are what the final invoice lists", () => {
    const charged = (result: BillingResult): [string, string] => {
      const [tax] = result.taxBreakdown;
      const [deducted] = result.advanceTaxDeducted ?? [];
      return [(Number(tax?.taxableAmount) - Number(deducted?.recovered)).toFixed(2), result.summary.tax];
    };
    expect([first(), second(), third()].map(charged)).toEqual(preceding.slice(1).map((p) => [p.byRate[0]?.net, p.byRate[0]?.tax]));
  });

  test("the final invoice: the progress invoice's figures, the partial invoices listed and deducted, every total reconciled", () => {
    const wouldBe = compute(lastRequest());
    expect(summary(wouldBe)).toEqual({
      line4: "300000.00", line5: "15000.00", line6: "285000.00", line7: "248055.55", recovered: "3888.88", line8: "33055.57", tax: "6650.00", totalDue: "39705.57",
    });
    const outcome = computeFinalInvoice(lastRequest(), preceding);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const { result, statement } = outcome;
    expect(summary(result)).toEqual(summary(wouldBe));
    expect(result.taxBreakdown).toEqual([{ rate: "0.19", taxableAmount: "35000.01", tax: "6650.00" }]);
    expect(result.advanceTaxDeducted).toBeUndefined();
    expect(statement).toEqual({
      byRate: [{
        rate: "0.19", contractPrice: "300000.00", contractTax: "57000.00", precedingNet: "264999.99", precedingTax: "50350.00",
        net: "35000.01", tax: "6650.00", advanceRecovered: "3888.88",
      }],
      preceding: preceding.map((p) => ({ ...p, net: p.byRate[0]?.net, tax: p.byRate[0]?.tax, total: (Number(p.byRate[0]?.net) + Number(p.byRate[0]?.tax)).toFixed(2) })),
      contractPrice: "300000.00", contractTax: "57000.00", contractTotal: "357000.00",
      precedingNet: "264999.99", precedingTax: "50350.00", precedingTotal: "315349.99",
      net: "35000.01", tax: "6650.00", balance: "41650.01", retentionWithheld: "1944.44", balanceDue: "39705.57",
    });
    expect(statement.preceding.map((p) => p.total)).toEqual(["35700.00", "132222.21", "63466.66", "83961.12"]);
  });

  test("the VAT deducted over the three progress invoices and the final adds up to the advance invoice's", () => {
    const final = compute(lastRequest());
    const deducted = [first(), second(), third(), final].map((r) => r.advanceTaxDeducted?.[0]?.tax);
    expect(deducted).toEqual(["2345.68", "1125.93", "1489.50", "738.89"]);
    expect(deducted.reduce((sum, t) => sum + Math.round(Number(t) * 100), 0)).toBe(570000);
  });
});

describe("the final invoice settles the rounding of the partial invoices' VAT", () => {
  /*
   * One line of 1.00 at 19 %, no retention, no advance. Invoice 1: G 0.50, tax 0.19 × 0.50 = 0.095 → 0.10.
   * Final: G 1.00; as a progress invoice it would tax 0.50 again: 0.10, 0.20 in all. The VAT on the
   * whole price is 0.19 × 1.00 = 0.19: the final invoice charges 0.19 − 0.10 = 0.09, a cent less.
   */
  test("VAT on the whole price less the VAT already invoiced", () => {
    const final: BillingRequest = { tax: { rate: "0.19" }, previousCertificates: "0.50", lines: [{ id: "1", scheduledValue: "1.00", previouslyCompleted: "0.50", percentComplete: "1" }] };
    expect(compute(final).summary.tax).toBe("0.10");
    const outcome = computeFinalInvoice(final, [{ number: "INV-0001", invoiceDate: "2027-01-31", byRate: [{ rate: "0.19", net: "0.50", tax: "0.10" }] }]);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.result.summary).toMatchObject({ currentPaymentDue: "0.50", taxableAmount: "0.50", tax: "0.09", totalDue: "0.59" });
    expect(outcome.statement).toMatchObject({ contractPrice: "1.00", contractTax: "0.19", precedingNet: "0.50", precedingTax: "0.10", net: "0.50", tax: "0.09", balance: "0.59" });
  });
});

describe("an advance over two VAT rates", () => {
  /*
   * 150000.00 at 19 % and 50000.00 at 7 %: the advance 20000.01 goes 3 : 1, 15000.0075 and 5000.0025,
   * floored 15000.00 and 5000.00; the cent left goes to the larger remainder: 15000.01 and 5000.00.
   * VAT 0.19 × 15000.01 = 2850.0019 → 2850.00; 0.07 × 5000.00 = 350.00; total 20000.01 + 3200.00 = 23200.01.
   * A first recovery of 4000.00 splits by what is left at each rate, 15000.01 : 5000.00:
   *   3000.0005 → 3000.00 and 999.9995 → 999.99, the cent to the larger remainder (999.9995): 1000.00;
   *   VAT 0.19 × 3000.00 = 570.00 and 0.07 × 1000.00 = 70.00.
   */
  const lines = [
    { id: "1", scheduledValue: "150000.00", percentComplete: "0.1" },
    { id: "2", scheduledValue: "50000.00", taxRate: "0.07", percentComplete: "0.1" },
  ];
  test("split in proportion to the contract at each rate, taxed once per rate", () => {
    const outcome = computeAdvanceInvoice({ currency: "EUR", tax: { rate: "0.19" }, advance: { amount: "20000.01" }, lines });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.advance.byRate).toEqual([{ rate: "0.07", amount: "5000.00", tax: "350.00" }, { rate: "0.19", amount: "15000.01", tax: "2850.00" }]);
    expect(outcome.result.lines.map((l) => l.id)).toEqual(["ADV-7", "ADV-19"]);
    expect(outcome.result.summary.totalDue).toBe("23200.01");
  });

  test("a recovery deducted per rate", () => {
    const invoiced = [{ rate: "0.07", amount: "5000.00" }, { rate: "0.19", amount: "15000.01" }];
    // Recovery starts at 0: 0.20 of the gross 20000.00 is 4000.00.
    const result = compute({
      currency: "EUR", tax: { rate: "0.19" }, advance: { amount: "20000.01", startsAt: "0", rate: "0.2", invoiced }, lines,
    });
    expect(result.summary.advanceRecovery).toBe("4000.00");
    expect(result.advanceTaxDeducted).toEqual([{ rate: "0.07", recovered: "1000.00", tax: "70.00" }, { rate: "0.19", recovered: "3000.00", tax: "570.00" }]);
    // Tax 0.07 × 5000.00 = 350.00 and 0.19 × 15000.00 = 2850.00, less 640.00 already invoiced.
    expect(result.summary.tax).toBe("2560.00");
    expect(advanceRecoveredByRate(invoiced, ["4000.00"], 2, "half-up")).toEqual([
      { rate: "0.07", amount: "5000.00", recovered: "1000.00" }, { rate: "0.19", amount: "15000.01", recovered: "3000.00" },
    ]);
  });

  test("a split that does not add up to the advance is refused, naming the field", () => {
    const outcome = computeInvoice({ advance: { amount: "100.00", invoiced: [{ rate: "0.19", amount: "90.00" }] }, lines });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.code, e.path])).toEqual([["ADVANCE_MISMATCH", ["advance", "invoiced"]]]);
  });
});

describe("without an advance invoice, progress invoices are as before", () => {
  test("the advance recovered lowers line 8, not the tax, and nothing more is deducted", () => {
    const result = compute({ tax: { rate: "0.19" }, advance: { amount: "1000.00", startsAt: "0" }, lines: [{ id: "1", scheduledValue: "10000.00", percentComplete: "0.4" }] });
    expect(result.summary).toMatchObject({ advanceRecovery: "1000.00", currentPaymentDue: "3000.00", tax: "760.00", totalDue: "3760.00" });
    expect(result).not.toHaveProperty("advanceTaxDeducted");
  });
});
