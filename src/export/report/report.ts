import { AGING_BUCKETS, type AgingBucket, type ContractFinances, type CurrencyTotals, Dec, addAmounts, formatAmount, groupDigits, summariseByCurrency } from "../../core";
import { percentCompleteOf } from "../document";

/**
 * The month-end financial report over any number of contracts (finance-rules.md, "The
 * report"): each contract's figures as the core worked them out, the workbooks that could not
 * be read, and the totals per currency. Every format (text, JSON, CSV, xlsx, PDF) is made from
 * this one model and from the tables below, so that they all say the same thing.
 */

/** A warning or a problem at its cell (the workbook's own words), without the workbook layer's type. */
export interface ReportNote {
  code: string;
  message: string;
  sheet: string | undefined;
  cell: string | undefined;
}

export interface ReportContract {
  /** The workbook's file name. */
  file: string;
  /** The contract reference and the client's name from the settings ("" when blank). */
  contract: string;
  client: string;
  finances: ContractFinances;
  warnings: ReportNote[];
}

/** A workbook left out of the report, and why. */
export interface ReportFailure {
  file: string;
  problems: ReportNote[];
}

export interface FinanceReport {
  asOf: string;
  contracts: ReportContract[];
  /** One entry per currency: amounts in different currencies are never added. */
  totals: CurrencyTotals[];
  failures: ReportFailure[];
}

export function buildFinanceReport(asOf: string, contracts: ReportContract[], failures: ReportFailure[]): FinanceReport {
  return { asOf, contracts, totals: summariseByCurrency(contracts.map((c) => c.finances)), failures };
}

/**
 * How a column's cells are read: text as it is; an amount as decimal text in its currency's
 * minor units; a fraction with 4 decimals (shown as a percentage); an ISO date; a count.
 * The currency column holds the row's currency (spreadsheet totals are summed by it).
 */
export type ColumnKind = "text" | "currency" | "amount" | "fraction" | "date" | "count";

export interface ReportColumn {
  label: string;
  kind: ColumnKind;
}

/**
 * A row of a report table: a contract's (or an invoice's), or the total of one currency. A null
 * cell has no figure (no estimated cost at all: "n/a"); an undefined one has nothing to show
 * in that row (a total's percentage complete: blank).
 */
export interface ReportRow {
  kind: "contract" | "total";
  cells: (string | null | undefined)[];
}

export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

const text = (label: string): ReportColumn => ({ label, kind: "text" });
const amount = (label: string): ReportColumn => ({ label, kind: "amount" });
const CONTRACT_COLUMNS: ReportColumn[] = [text("Workbook"), text("Contract"), text("Client"), { label: "Currency", kind: "currency" }];

const contractCells = (c: ReportContract): string[] => [c.file, c.contract, c.client, c.finances.currency];
const totalCells = (t: CurrencyTotals): string[] => [`Total ${t.currency} (${t.contracts} contract${t.contracts === 1 ? "" : "s"})`, "", "", t.currency];

/**
 * The month-end WIP schedule (percentage of completion, cost-to-cost): one row per contract,
 * then one total per currency. Over and under billing are shown apart, as a balance sheet shows
 * them (a liability and an asset): their totals are each column's sum, never netted.
 */
export function wipSchedule(report: FinanceReport): ReportTable {
  const columns = [
    ...CONTRACT_COLUMNS, amount("Contract sum"), amount("Estimated cost"), amount("Cost to date"), { label: "% complete", kind: "fraction" as const },
    amount("Earned revenue"), amount("Billed to date"), amount("Over billing"), amount("Under billing"), amount("Gross profit to date"),
  ];
  const rows: ReportRow[] = report.contracts.map((c) => {
    const f = c.finances;
    const split = overUnder(f.overUnderBilling);
    return {
      kind: "contract",
      cells: [...contractCells(c), f.contractSumToDate, f.estimatedCost, f.costToDate, f.percentCompleteByCost, f.earnedRevenue, f.billedToDate, split.over, split.under, f.grossProfitToDate],
    };
  });
  for (const t of report.totals) {
    const splits = contractsIn(report, t.currency).map((c) => overUnder(c.finances.overUnderBilling));
    rows.push({
      kind: "total",
      cells: [
        ...totalCells(t), t.contractSumToDate, t.estimatedCost, t.costToDate, undefined, t.earnedRevenue, t.billedToDate,
        sumOf(splits.map((s) => s.over)), sumOf(splits.map((s) => s.under)), t.grossProfitToDate,
      ],
    });
  }
  return { title: `WIP schedule as of ${report.asOf}`, columns, rows };
}

const BUCKET_LABELS: Record<AgingBucket, string> = { current: "Current", "1-30": "1-30 days", "31-60": "31-60 days", "61-90": "61-90 days", "over-90": "Over 90 days" };

/** The aging of receivables: what each contract has outstanding, by days overdue, then one total per currency. */
export function agingReport(report: FinanceReport): ReportTable {
  const columns = [...CONTRACT_COLUMNS, ...AGING_BUCKETS.map((b) => amount(BUCKET_LABELS[b])), amount("Outstanding"), amount("Overdue")];
  const rows: ReportRow[] = [
    ...report.contracts.map((c): ReportRow => ({
      kind: "contract",
      cells: [...contractCells(c), ...AGING_BUCKETS.map((b) => c.finances.aging[b]), c.finances.outstanding, c.finances.overdue],
    })),
    ...report.totals.map((t): ReportRow => ({ kind: "total", cells: [...totalCells(t), ...AGING_BUCKETS.map((b) => t.aging[b]), t.outstanding, t.overdue] })),
  ];
  return { title: `Aging of receivables as of ${report.asOf}`, columns, rows };
}

/** Every invoice in force of every contract, with what is paid and outstanding on it. */
export function invoiceList(report: FinanceReport): ReportTable {
  const columns: ReportColumn[] = [
    ...CONTRACT_COLUMNS, text("Invoice"), { label: "Invoice date", kind: "date" }, { label: "Due date", kind: "date" }, amount("Amount due"), amount("Paid"),
    amount("Outstanding"), { label: "Days overdue", kind: "count" }, text("Aging"),
  ];
  const rows = report.contracts.flatMap((c) =>
    c.finances.invoices.map((i): ReportRow => ({
      kind: "contract",
      cells: [...contractCells(c), i.number, i.invoiceDate, i.dueDate, i.amountDue, i.paid, i.outstanding, String(i.daysOverdue), BUCKET_LABELS[i.bucket]],
    })),
  );
  return { title: `Invoices as of ${report.asOf}`, columns, rows };
}

/** The totals of each currency: what was billed, invoiced, paid and is still owed. */
export function currencyTotals(report: FinanceReport): ReportTable {
  const columns: ReportColumn[] = [
    { label: "Currency", kind: "currency" }, { label: "Contracts", kind: "count" }, amount("Contract sum"), amount("Billed to date"), amount("Invoiced to date"),
    amount("Paid to date"), amount("Outstanding"), amount("Overdue"), amount("Retention held"), amount("Advance outstanding"),
  ];
  const rows = report.totals.map((t): ReportRow => ({
    kind: "total",
    cells: [t.currency, String(t.contracts), t.contractSumToDate, t.billedToDate, t.invoicedToDate, t.paidToDate, t.outstanding, t.overdue, t.retentionHeld, t.advanceOutstanding],
  }));
  return { title: `Totals per currency as of ${report.asOf}`, columns, rows };
}

function contractsIn(report: FinanceReport, currency: string): ReportContract[] {
  return report.contracts.filter((c) => c.finances.currency === currency);
}

/** Over billing (above 0) and under billing (below 0) as two amounts, each 0 when it is the other. */
export function overUnder(overUnderBilling: string | null): { over: string | null; under: string | null } {
  if (overUnderBilling === null) return { over: null, under: null };
  const value = new Dec(overUnderBilling);
  const zero = new Dec(0).toFixed(decimalsOf(overUnderBilling));
  if (value.isZero()) return { over: zero, under: zero };
  return value.isNegative() ? { over: zero, under: value.negated().toFixed(decimalsOf(overUnderBilling)) } : { over: overUnderBilling, under: zero };
}

/** The sum of the amounts that are there (null when none is), with their minor units. */
function sumOf(amounts: (string | null)[]): string | null {
  const present = amounts.filter((a): a is string => a !== null);
  if (present.length === 0) return null;
  return formatAmount(addAmounts(present), Math.max(...present.map(decimalsOf)));
}

function decimalsOf(amount: string): number {
  return amount.split(".")[1]?.length ?? 0;
}

/** A cell as people read it: amounts with thousands separators, fractions as percentages, "n/a" where there is no figure. */
export function displayCell(value: string | null | undefined, kind: ColumnKind): string {
  if (value === undefined) return "";
  if (value === null) return "n/a";
  if (kind === "amount") return groupDigits(value);
  if (kind === "fraction") return percentCompleteOf(value);
  return value;
}
