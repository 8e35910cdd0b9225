import { forecastOf, readPaymentTerms } from "./forecast";
import { lastDocumentBy, readDocuments } from "./read-documents";
import { readCosts, readLines } from "./read-lines";
import { readPayments } from "./read-payments";
import { FinanceReader, readAsOf, readMoney } from "./reader";
import { receivablesOf } from "./receivables";
import type { FinanceInput, FinanceOutcome } from "./types";
import { wipOf } from "./wip";

/**
 * One contract's receivables, aging, WIP, margin and forecast as of a date (the finance
 * rules), from the workbook's single read. Every problem of the input is reported at once,
 * each with its path; with any problem, no figure.
 */
export function computeFinances(input: FinanceInput): FinanceOutcome {
  const read = readMoney(input);
  if ("errors" in read) return { ok: false, errors: read.errors };
  const reader = new FinanceReader(read.money);
  const asOf = readAsOf(reader, input.asOf);
  const paymentTermsDays = readPaymentTerms(reader, input.paymentTermsDays);
  const advancePaid = reader.amount(input.advancePaid, ["advancePaid"], "The advance paid", "not below zero");
  const log = readDocuments(reader, input.documents);
  const payments = readPayments(reader, input.payments, log);
  const lines = readLines(reader, input.lines);
  const costs = readCosts(reader, input.costs, lines, asOf);
  if (reader.issues.length > 0 || asOf === undefined || paymentTermsDays === undefined || advancePaid === undefined) {
    return { ok: false, errors: reader.issues };
  }

  const receivables = receivablesOf(reader, asOf, advancePaid, log.inForce, payments);
  const last = lastDocumentBy(log.inForce, asOf);
  const billedByLine = last?.lines ?? new Map<string, bigint>();
  const wip = wipOf(reader, {
    lines, costs, billedByLine,
    billedToDate: last?.completedAndStoredToDate ?? 0n,
    certifiedToDate: last?.earnedLessRetention ?? 0n,
  });
  const { forecast, unplanned } = forecastOf(reader, { asOf, paymentTermsDays, lines, billedByLine, receivables: receivables.owed });
  const { invoices, ...receivableSums } = receivables.figures;
  return {
    ok: true,
    // In the order of the report's JSON: the contract's figures, then its invoices and months.
    finances: {
      asOf, currency: read.money.currency,
      contractSumToDate: wip.figures.contractSumToDate, billedToDate: wip.figures.billedToDate, certifiedToDate: wip.figures.certifiedToDate,
      ...receivableSums,
      estimatedCost: wip.figures.estimatedCost, costToDate: wip.figures.costToDate, percentCompleteByCost: wip.figures.percentCompleteByCost,
      earnedRevenue: wip.figures.earnedRevenue, overUnderBilling: wip.figures.overUnderBilling,
      estimatedGrossProfit: wip.figures.estimatedGrossProfit, estimatedMargin: wip.figures.estimatedMargin,
      grossProfitToDate: wip.figures.grossProfitToDate,
      invoices, forecast, unplanned, lines: wip.lines, warnings: wip.warnings,
    },
  };
}
