import { isoToSerial } from "../../src/core";
import { type FinanceReadOutcome, readFinances, recordPayment } from "../../src/workbook/finances";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState } from "../../src/workbook/memory-workbook";
import type { CellValue, WorkbookSnapshot } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";
import { type FunctionHost, installCustomFunctionsRuntime, rangeArgument } from "../support/custom-functions-runtime";

installCustomFunctionsRuntime();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require("../../src/functions/functions") as typeof import("../../src/functions/functions");

// A contract issued and paid through the workbook flow, as the task pane and the command line
// do it; the functions then read its tables as Excel hands them over (Milestones[#All],
// InterimInvoices[#All], Payments[#All]) and must give the figures readFinances gives, which
// are what the Finances tab and `interim report` show.
const milestones: CellValue[][] = [
  ["Id", "Description", "Scheduled value", "% complete", "Estimated cost", "Cost to date", "Planned completion"],
  ["M1", "Discovery", 18000, 1, 12000, 11800, null],
  ["M2", "Design", 24000, 0.6, 16000, 9800, isoToSerial("2027-01-29")],
  ["M3", "Build", 96000, 0.25, 64000, 17500.55, isoToSerial("2027-02-26")],
  ["M4", "Handover", 12000, null, null, null, null],
];

async function issuedAndPaid(): Promise<WorkbookSnapshot> {
  const port = new MemoryWorkbook(emptyState());
  await port.createMilestoneTable("Milestones", "Milestones", milestones);
  await port.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
  const issued = await generateInvoice(port, { invoiceDate: "2026-10-31" });
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  for (const [date, amount] of [["2026-11-20", "20000"], ["2026-12-05", "1234.56"]] as const) {
    const paid = await recordPayment(port, { document: "INV-0001", amount, date, reference: "bank" });
    if (!paid.ok) throw new Error(JSON.stringify(paid.problems));
  }
  return port.read("Milestones");
}

function finances(outcome: FinanceReadOutcome): Extract<FinanceReadOutcome, { ok: true }>["finances"] {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.finances;
}

const hosts: FunctionHost[] = ["desktop", "web"];

describe("the finance functions over a workbook issued and paid through Interim", () => {
  test.each(hosts)("give the cents readFinances gives, at dates before, at and after the due date, in %s Excel", async (host) => {
    const snapshot = await issuedAndPaid();
    const range = (values: CellValue[][] | undefined): (string | number | boolean)[][] => {
      if (values === undefined) throw new Error("the workbook has no such table");
      return rangeArgument(values, host);
    };
    const invoices = range(snapshot.invoices?.values);
    const payments = range(snapshot.payments?.values);
    for (const asOf of ["2026-11-15", "2026-11-30", "2026-12-31", "2027-03-15"]) {
      const expected = finances(readFinances(snapshot, { asOf }));
      const day = isoToSerial(asOf);
      expect(fns.outstanding(invoices, payments, day)).toBe(Number(expected.outstanding));
      expect(fns.outstanding(invoices, payments, day, "INV-0001")).toBe(Number(expected.invoices[0]?.outstanding));
      expect(fns.aging(invoices, payments, day)).toEqual([
        ["Current", Number(expected.aging.current)], ["1-30 days overdue", Number(expected.aging["1-30"])],
        ["31-60 days overdue", Number(expected.aging["31-60"])], ["61-90 days overdue", Number(expected.aging["61-90"])],
        ["Over 90 days overdue", Number(expected.aging["over-90"])],
      ]);
    }
    const asOfNow = finances(readFinances(snapshot, { asOf: "2026-12-31" }));
    // Due 2026-11-30 and not paid in full: overdue by then, so the buckets are tested too.
    expect(Number(asOfNow.overdue)).toBeGreaterThan(0);
    const wip: unknown[][] = fns.wip(range(snapshot.milestones?.values), Number(asOfNow.billedToDate), Number(asOfNow.certifiedToDate), asOfNow.currency);
    const figure = (value: string | null): number | string => (value === null ? "" : Number(value));
    expect(wip).toEqual([
      ["Contract sum to date", figure(asOfNow.contractSumToDate)], ["Billed to date", figure(asOfNow.billedToDate)],
      ["Certified to date", figure(asOfNow.certifiedToDate)], ["Estimated cost", figure(asOfNow.estimatedCost)],
      ["Cost to date", figure(asOfNow.costToDate)], ["% complete by cost", figure(asOfNow.percentCompleteByCost)],
      ["Earned revenue", figure(asOfNow.earnedRevenue)], ["Over/under billing", figure(asOfNow.overUnderBilling)],
      ["Estimated gross profit", figure(asOfNow.estimatedGrossProfit)], ["Estimated margin", figure(asOfNow.estimatedMargin)],
      ["Gross profit to date", figure(asOfNow.grossProfitToDate)],
    ]);
  });
});
