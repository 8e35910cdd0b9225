import { generateInvoice } from "../../src/workbook/generate-invoice";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { MemoryWorkbook, emptyState, findSheet, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { issueAdvanceInvoice, planAdvanceInvoice } from "../../src/workbook/plan-advance-invoice";
import { planInvoice } from "../../src/workbook/plan-invoice";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { NAMES } from "../../src/workbook/port";
import { fakeExcelRun } from "../support/fake-excel";
import { ADVANCE_DATE, FINAL, PROGRESS, advanceContract } from "../support/advance-contract";
import { copyState, sampleWorkbook, setMilestone, setSetting } from "./helpers";

/*
 * The worked example of test/core/worked/advance-and-final-invoices.test.ts, issued through the
 * workbook: the advance invoice, three progress invoices and the final invoice, each carried
 * forward by the billing log. The hand-checked figures are in that test.
 */
async function contract(): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook(emptyState());
  await advanceContract(workbook);
  return workbook;
}

async function advance(workbook: MemoryWorkbook, date = ADVANCE_DATE) {
  const outcome = await issueAdvanceInvoice(workbook, { date });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome;
}

async function progress(workbook: MemoryWorkbook, step: { date: string; percent: Record<string, number> }, final = false) {
  for (const [id, percent] of Object.entries(step.percent)) setMilestone(workbook.state, id, "% complete", percent);
  const outcome = await generateInvoice(workbook, { invoiceDate: step.date, final });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome;
}

const rowsOf = (workbook: MemoryWorkbook, name: string) => tableValues(workbook.state, findTable(workbook.state, name)!).slice(1);
const logRows = (workbook: MemoryWorkbook) => rowsOf(workbook, NAMES.invoicesTable);
const sheetRow = (workbook: MemoryWorkbook, sheet: string, label: string) =>
  findSheet(workbook.state, sheet)?.cells.find((cells) => cells.some((cell) => typeof cell === "string" && cell.startsWith(label)));

describe("the advance invoice, three progress invoices and the final invoice of a workbook", () => {
  test("the advance invoice: 386 in the invoices' series, its VAT charged, logged with its net per rate", async () => {
    const workbook = await contract();
    const outcome = await advance(workbook);
    expect(outcome).toMatchObject({ number: "INV-0001", sheet: "INV-0001" });
    expect(outcome.issued).toMatchObject({ kind: "advance invoice", periodStart: ADVANCE_DATE, periodEnd: ADVANCE_DATE });
    expect(outcome.issued.advancePayment).toEqual({ amount: "30000.00", contractSumToDate: "300000.00", shareOfContract: "0.1000", byRate: [{ rate: "0.19", amount: "30000.00", tax: "5700.00" }] });
    expect(outcome.issued.result.lines.map((l) => [l.id, l.description, l.thisPeriod])).toEqual([["ADV", "Advance payment, 10.00% of the contract sum of 300,000.00", "30000.00"]]);
    const [row] = logRows(workbook);
    // Kind, contract sum, line 4, retention held, released, earned, previous certificates, advance recovered, current payment due, tax, total due, lines.
    expect([row?.[1], ...(row?.slice(8, 19) ?? [])]).toEqual(["advance invoice", 300000, 0, 0, 0, 0, 0, 0, 30000, 5700, 35700, 1]);
    expect(rowsOf(workbook, NAMES.linesTable)).toEqual([["INV-0001", "Advance at 19%", null, null, 30000, null, null, null]]);
    expect(sheetRow(workbook, "INV-0001", "ADVANCE INVOICE")?.[0]).toBe("ADVANCE INVOICE INV-0001");
    expect(sheetRow(workbook, "INV-0001", "Tax at 19% on 30,000.00")?.slice(1, 3)).toEqual(["Tax at 19% on 30,000.00", 5700]);
    expect(sheetRow(workbook, "INV-0001", "Total due")?.slice(1, 3)).toEqual(["Total due (EUR)", 35700]);
    expect(findSheet(workbook.state, "INV-0001")?.protected).toBe(true);
  });

  test("each progress invoice deducts the advance recovered and the VAT already invoiced on it; the final invoice lists and deducts them all", async () => {
    const workbook = await contract();
    await advance(workbook);
    const issued = [];
    for (const step of PROGRESS) issued.push(await progress(workbook, step));
    expect(issued.map((o) => [o.number, o.result.summary.advanceRecovery, o.result.summary.tax, o.result.summary.totalDue])).toEqual([
      ["INV-0002", "12345.68", "21111.11", "126049.37"],
      ["INV-0003", "5925.93", "10133.33", "60503.70"],
      ["INV-0004", "7839.51", "13405.56", "80041.36"],
    ]);
    expect(issued.map((o) => o.result.advanceTaxDeducted)).toEqual([
      [{ rate: "0.19", recovered: "12345.68", tax: "2345.68" }],
      [{ rate: "0.19", recovered: "5925.93", tax: "1125.93" }],
      [{ rate: "0.19", recovered: "7839.51", tax: "1489.50" }],
    ]);
    // The progress invoice says so, under its tax.
    expect(sheetRow(workbook, "INV-0002", "Less advance recovered")?.slice(1, 3)).toEqual(["Less advance recovered, net 12,345.68, VAT 2,345.68 at 19%", -2345.68]);
    expect(sheetRow(workbook, "INV-0002", "Tax at 19% on")?.slice(1, 3)).toEqual(["Tax at 19% on 123,456.78", 23456.79]);
    expect(issued[2]?.suggestFinal).toBe(false);

    const final = await progress(workbook, FINAL, true);
    expect(final.number).toBe("INV-0005");
    expect(final.issued.kind).toBe("final invoice");
    expect(final.result.summary).toMatchObject({ advanceRecovery: "3888.88", currentPaymentDue: "33055.57", tax: "6650.00", totalDue: "39705.57" });
    expect(final.issued.finalStatement).toMatchObject({
      contractPrice: "300000.00", contractTax: "57000.00", precedingNet: "264999.99", precedingTax: "50350.00", net: "35000.01", tax: "6650.00",
      balance: "41650.01", retentionWithheld: "1944.44", balanceDue: "39705.57",
    });
    expect(final.issued.finalStatement?.preceding.map((p) => [p.number, p.invoiceDate, p.net, p.tax])).toEqual([
      ["INV-0001", "2026-07-01", "30000.00", "5700.00"],
      ["INV-0002", "2026-08-31", "111111.10", "21111.11"],
      ["INV-0003", "2026-09-30", "53333.33", "10133.33"],
      ["INV-0004", "2026-10-31", "70555.56", "13405.56"],
    ]);
    expect(logRows(workbook).map((row) => row[1])).toEqual(["advance invoice", "invoice", "invoice", "invoice", "final invoice"]);
    // The statement on the sheet: the contract, each partial invoice, the deductions, the balance due.
    expect(sheetRow(workbook, "INV-0005", "FINAL INVOICE")?.[0]).toBe("FINAL INVOICE INV-0005");
    expect(sheetRow(workbook, "INV-0005", "Total contract price including VAT")?.slice(1, 3)).toEqual(["Total contract price including VAT", 357000]);
    expect(sheetRow(workbook, "INV-0005", "INV-0003")?.slice(0, 4)).toEqual(["INV-0003", "2026-09-30", 53333.33, 10133.33]);
    expect(sheetRow(workbook, "INV-0005", "Less partial invoices")?.slice(1, 3)).toEqual(["Less partial invoices", -264999.99]);
    expect(sheetRow(workbook, "INV-0005", "Less VAT already invoiced at 19%")?.slice(1, 3)).toEqual(["Less VAT already invoiced at 19%", -50350]);
    expect(sheetRow(workbook, "INV-0005", "Balance due")?.slice(1, 3)).toEqual(["Balance due (EUR)", 39705.57]);

    // The final invoice closes the contract: a second one is refused.
    const again = planInvoice(await workbook.read(NAMES.milestones), { invoiceDate: "2026-12-31", final: true });
    expect(again).toMatchObject({ ok: false, problems: [{ code: "FINAL_ALREADY_ISSUED" }] });
  });

  test("a progress invoice that completes every line suggests the final invoice instead", async () => {
    const workbook = await contract();
    for (const step of PROGRESS) await progress(workbook, step);
    for (const id of ["A", "B", "C"]) setMilestone(workbook.state, id, "% complete", 1);
    const plan = planInvoice(await workbook.read(NAMES.milestones), { invoiceDate: FINAL.date });
    expect(plan).toMatchObject({ ok: true, suggestFinal: true });
  });

  test("a credit note cancels a progress invoice as it was issued, the VAT on the advance included, and the next invoice bills it again", async () => {
    const workbook = await contract();
    await advance(workbook);
    for (const step of PROGRESS) await progress(workbook, step);
    const credit = await issueCreditNote(workbook, { date: "2026-11-02" });
    if (!credit.ok) throw new Error(JSON.stringify(credit.problems));
    expect(credit).toMatchObject({ number: "CN-0001", cancels: "INV-0004", totalCredited: "-80041.36" });
    expect(sheetRow(workbook, "CN-0001", "Less advance recovered")?.slice(1, 3)).toEqual(["Less advance recovered, net 7,839.51, VAT 1,489.50 at 19%, credited", 1489.5]);
    const again = await progress(workbook, { date: "2026-11-03", percent: PROGRESS[2]!.percent });
    expect(again.result.summary).toMatchObject({ advanceRecovery: "7839.51", tax: "13405.56", totalDue: "80041.36" });
  });

  test("a credit note cancels the advance invoice; the advance can then be invoiced again", async () => {
    const workbook = await contract();
    await advance(workbook);
    const credit = await issueCreditNote(workbook, { date: "2026-07-02" });
    expect(credit).toMatchObject({ ok: true, number: "CN-0001", cancels: "INV-0001", totalCredited: "-35700.00" });
    expect(rowsOf(workbook, NAMES.linesTable).slice(-1)).toEqual([["CN-0001", "Advance at 19%", null, null, -30000, null, null, null]]);
    setSetting(workbook.state, "Advance payment", 40000);
    const second = await advance(workbook, "2026-07-03");
    expect(second).toMatchObject({ number: "INV-0002" });
    expect(second.issued.result.summary.totalDue).toBe("47600.00");
  });

  test("one advance invoice in force; none once progress is invoiced; an Advance payment changed since is a problem at its cell", async () => {
    const workbook = await contract();
    await advance(workbook);
    const twice = planAdvanceInvoice(await workbook.read(NAMES.milestones), { date: "2026-07-02" });
    expect(twice).toMatchObject({ ok: false, problems: [{ code: "ADVANCE_ALREADY_INVOICED", sheet: "Contract" }] });

    setSetting(workbook.state, "Advance payment", 25000);
    const changed = planInvoice(await workbook.read(NAMES.milestones), { invoiceDate: "2026-08-31" });
    expect(changed).toMatchObject({ ok: false, problems: [{ code: "ADVANCE_CHANGED", sheet: "Contract", message: expect.stringMatching(/INV-0001 invoiced an advance of 30000.00/) }] });

    const sample = await sampleWorkbook();
    setSetting(sample.state, "Advance payment", 30000);
    expect(await generateInvoice(sample, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    const before = copyState(sample.state);
    expect(await issueAdvanceInvoice(sample, { date: "2026-10-01" })).toMatchObject({ ok: false, problems: [{ code: "ADVANCE_AFTER_PROGRESS" }] });
    expect(copyState(sample.state)).toBe(before);
  });

  test("without an Advance payment there is no advance invoice, and nothing is written", async () => {
    const workbook = await contract();
    setSetting(workbook.state, "Advance payment", null);
    const before = copyState(workbook.state);
    expect(await issueAdvanceInvoice(workbook, { date: ADVANCE_DATE })).toMatchObject({ ok: false, problems: [{ code: "REQUIRED", sheet: "Contract" }] });
    expect(copyState(workbook.state)).toBe(before);
    expect(findTable(workbook.state, NAMES.invoicesTable)).toBeDefined();
  });

  test("the sample contract's advance, split across its two rates in proportion to the contract at each", async () => {
    const sample = await sampleWorkbook();
    setSetting(sample.state, "Advance payment", 30000);
    const outcome = await issueAdvanceInvoice(sample, { date: "2026-09-01" });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    /*
     * Lines at 9 %: L1 20000.00; at 19 %: 224500.00 − 20000.00 = 204500.00 (line 3 224500.00).
     * 30000.00 × 20000 / 224500 = 2672.605… → 2672.60, × 204500 / 224500 = 27327.394… → 27327.39;
     * the cent left to the larger remainder (0.605 > 0.394): 2672.61 and 27327.39.
     * VAT 0.09 × 2672.61 = 240.5349 → 240.53; 0.19 × 27327.39 = 5192.2041 → 5192.20.
     */
    expect(outcome.issued.advancePayment?.byRate).toEqual([{ rate: "0.09", amount: "2672.61", tax: "240.53" }, { rate: "0.19", amount: "27327.39", tax: "5192.20" }]);
    expect(outcome.issued.result.summary.totalDue).toBe("35432.73");
    const first = await generateInvoice(sample, { invoiceDate: "2026-09-30" });
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    // Recovery 25 % of 85087.50 = 21271.875 → 21271.88, split 2672.61 : 27327.39 of what is left.
    expect(first.result.summary.advanceRecovery).toBe("21271.88");
    expect(first.result.advanceTaxDeducted?.map((d) => d.rate)).toEqual(["0.09", "0.19"]);
  });

  test("through Office.js: every sheet's block is a rectangle Excel takes, and the figures are the same", async () => {
    const excel = emptyState();
    const office = new OfficeWorkbook(fakeExcelRun(excel).run);
    await advanceContract(office);
    expect(await issueAdvanceInvoice(office, { date: ADVANCE_DATE })).toMatchObject({ ok: true, number: "INV-0001" });
    const memory = new MemoryWorkbook(excel);
    for (const step of PROGRESS) {
      for (const [id, percent] of Object.entries(step.percent)) setMilestone(memory.state, id, "% complete", percent);
      expect(await generateInvoice(office, { invoiceDate: step.date })).toMatchObject({ ok: true });
    }
    for (const [id, percent] of Object.entries(FINAL.percent)) setMilestone(memory.state, id, "% complete", percent);
    const final = await generateInvoice(office, { invoiceDate: FINAL.date, final: true });
    expect(final).toMatchObject({ ok: true, number: "INV-0005", result: { summary: { totalDue: "39705.57" } } });
    expect(sheetRow(memory, "INV-0005", "Balance due")?.slice(1, 3)).toEqual(["Balance due (EUR)", 39705.57]);
    expect((await office.read(NAMES.milestones)).protectedSheets).toEqual(["INV-0001", "INV-0002", "INV-0003", "INV-0004", "INV-0005"]);
  });
});
