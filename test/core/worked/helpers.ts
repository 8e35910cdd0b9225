// Helpers for the worked examples: the expected figures are written out by hand in each
// test, these only turn a G703 row or a G702 summary into a Jest expectation.
//
// The result is read through the shapes below (taken from the billing rules page) rather
// than through core's own types, so that a field the core names differently fails as a
// wrong value with a readable diff instead of a compile error that hides every other test.
import { computeInvoice } from "../../../src/core";

export interface Issue {
  code: string;
  path: (string | number)[];
  message: string;
}

export interface BillingResult {
  currency: string;
  minorUnits: number;
  rounding: string;
  lines: Record<string, unknown>[];
  summary: Record<string, unknown>;
  taxBreakdown: { rate: string; taxableAmount: string; tax: string }[];
  advance?: { amount: string; previouslyRecovered: string; recovery: string; outstanding: string };
  warnings: Issue[];
}

type Outcome = { ok: true; result: BillingResult } | { ok: false; errors: Issue[] };

export function run(request: unknown): Outcome {
  return computeInvoice(request) as unknown as Outcome;
}

/** Computes a request that must be valid; the errors are shown if it is not. */
export function compute(request: unknown): BillingResult {
  const outcome = run(request);
  if (!outcome.ok) {
    throw new Error(`expected a result, got errors: ${JSON.stringify(outcome.errors, null, 2)}`);
  }
  return outcome.result;
}

/** Computes a request that must be rejected, and checks that no result comes with the errors. */
export function rejected(request: unknown): Issue[] {
  const outcome = run(request);
  if (outcome.ok) {
    throw new Error(`expected errors, got a result: ${JSON.stringify(outcome.result, null, 2)}`);
  }
  expect(outcome).not.toHaveProperty("result");
  return outcome.errors;
}

/**
 * A rate as a fraction string, whatever its trailing zeros: the rules page fixes the
 * format of amounts and of percentComplete, not of rates ("0.21" and "0.210" are the same rate).
 */
export function rate(fraction: string): unknown {
  const [whole, decimals = ""] = fraction.split(".");
  const significant = decimals.replace(/0+$/, "");
  const pattern = significant === "" ? `^${whole}(\\.0*)?$` : `^${whole}\\.${significant}0*$`;
  return expect.stringMatching(new RegExp(pattern));
}

/** One G703 row, in the order of the continuation sheet. */
export type Row = [
  id: string,
  description: string,
  changeOrder: boolean,
  scheduledValue: string, // C
  previouslyCompleted: string, // D
  thisPeriod: string, // E
  storedMaterials: string, // F
  completedAndStoredToDate: string, // G
  percentComplete: string, // G / C
  balanceToFinish: string, // H
  retentionOnWork: string,
  retentionOnStoredMaterials: string,
  retention: string, // I
  taxRate: string,
];

export function expectLines(result: BillingResult, rows: Row[]): void {
  expect(result.lines).toEqual(
    rows.map(([id, description, changeOrder, c, d, e, f, g, percent, h, onWork, onStored, i, taxRate]): unknown =>
      expect.objectContaining({
        id,
        description,
        changeOrder,
        scheduledValue: c,
        previouslyCompleted: d,
        thisPeriod: e,
        storedMaterials: f,
        completedAndStoredToDate: g,
        percentComplete: percent,
        balanceToFinish: h,
        retentionOnWork: onWork,
        retentionOnStoredMaterials: onStored,
        retention: i,
        taxRate: rate(taxRate),
      }),
    ),
  );
}

/** Every G702 line; the type makes a forgotten field a compile error in the test. */
export interface Summary {
  originalContractSum: string; // 1
  netChangeByChangeOrders: string; // 2
  contractSumToDate: string; // 3
  totalCompletedAndStoredToDate: string; // 4
  retentionOnCompletedWork: string; // 5a
  retentionOnStoredMaterials: string; // 5b
  retentionReleased: string;
  totalRetention: string; // 5
  totalEarnedLessRetention: string; // 6
  previousCertificates: string; // 7
  advanceRecovery: string;
  currentPaymentDue: string; // 8
  balanceToFinishIncludingRetention: string; // 9
  taxableAmount: string;
  tax: string;
  totalDue: string;
}

export function expectSummary(result: BillingResult, summary: Summary): void {
  expect(result.summary).toEqual(expect.objectContaining(summary));
}

/** Tax breakdown rows as [rate, taxableAmount, tax], ascending by rate. */
export function expectTaxBreakdown(result: BillingResult, rows: [string, string, string][]): void {
  expect(result.taxBreakdown).toEqual(
    rows.map(([fraction, taxableAmount, tax]): unknown =>
      expect.objectContaining({ rate: rate(fraction), taxableAmount, tax }),
    ),
  );
}

export function codes(issues: Issue[]): string[] {
  return issues.map((issue) => issue.code);
}
