import type { ContractFinances, CurrencyTotals } from "../../core";
import type { FinanceReport, ReportContract, ReportNote } from "./report";

/**
 * `interim report --json`: exactly the object of finance-rules.md ("The report"), its fields in
 * that order, plus `failures` (always there, empty when every workbook was read), so that a
 * script reads every run the same way. Amounts are decimal text with the currency's minor
 * units, fractions text with 4 decimals, days a number; a figure with no estimated cost is null.
 */
export function toReportJson(report: FinanceReport): string {
  return `${JSON.stringify(
    {
      asOf: report.asOf,
      contracts: report.contracts.map(contractJson),
      totals: report.totals.map(totalsJson),
      failures: report.failures.map((f) => ({ file: f.file, problems: f.problems.map(noteJson) })),
    },
    null,
    2,
  )}\n`;
}

function contractJson(c: ReportContract): Record<string, unknown> {
  const f: ContractFinances = c.finances;
  return {
    file: c.file,
    contract: c.contract,
    client: c.client,
    currency: f.currency,
    contractSumToDate: f.contractSumToDate,
    billedToDate: f.billedToDate,
    certifiedToDate: f.certifiedToDate,
    invoicedToDate: f.invoicedToDate,
    paidToDate: f.paidToDate,
    outstanding: f.outstanding,
    overdue: f.overdue,
    aging: { current: f.aging.current, "1-30": f.aging["1-30"], "31-60": f.aging["31-60"], "61-90": f.aging["61-90"], "over-90": f.aging["over-90"] },
    retentionHeld: f.retentionHeld,
    advanceOutstanding: f.advanceOutstanding,
    estimatedCost: f.estimatedCost,
    costToDate: f.costToDate,
    percentCompleteByCost: f.percentCompleteByCost,
    earnedRevenue: f.earnedRevenue,
    overUnderBilling: f.overUnderBilling,
    estimatedGrossProfit: f.estimatedGrossProfit,
    estimatedMargin: f.estimatedMargin,
    grossProfitToDate: f.grossProfitToDate,
    invoices: f.invoices.map((i) => ({
      number: i.number, invoiceDate: i.invoiceDate, dueDate: i.dueDate, amountDue: i.amountDue, paid: i.paid, outstanding: i.outstanding, daysOverdue: i.daysOverdue, bucket: i.bucket,
    })),
    forecast: f.forecast.map((m) => ({ month: m.month, billing: m.billing, cash: m.cash })),
    warnings: c.warnings.map(noteJson),
  };
}

function totalsJson(t: CurrencyTotals): Record<string, unknown> {
  return {
    currency: t.currency,
    contracts: t.contracts,
    contractSumToDate: t.contractSumToDate,
    billedToDate: t.billedToDate,
    certifiedToDate: t.certifiedToDate,
    invoicedToDate: t.invoicedToDate,
    paidToDate: t.paidToDate,
    outstanding: t.outstanding,
    overdue: t.overdue,
    aging: { current: t.aging.current, "1-30": t.aging["1-30"], "31-60": t.aging["31-60"], "61-90": t.aging["61-90"], "over-90": t.aging["over-90"] },
    retentionHeld: t.retentionHeld,
    advanceOutstanding: t.advanceOutstanding,
    estimatedCost: t.estimatedCost,
    costToDate: t.costToDate,
    earnedRevenue: t.earnedRevenue,
    overUnderBilling: t.overUnderBilling,
    estimatedGrossProfit: t.estimatedGrossProfit,
    grossProfitToDate: t.grossProfitToDate,
  };
}

function noteJson(n: ReportNote): { code: string; message: string; sheet: string | null; cell: string | null } {
  return { code: n.code, message: n.message, sheet: n.sheet ?? null, cell: n.cell ?? null };
}
