import type { ContractFinances } from "../../../src/core";
import { type FinanceReport, type ReportContract, buildFinanceReport } from "../../../src/export/report";

/**
 * Three contracts as the core reports them as of 2026-12-31, figures written out by hand:
 * the finance rules' example (EUR, over billed; its invoice a day late, as the rules' text says), a late EUR contract (under billed, one invoice
 * 31 days overdue) with text a spreadsheet could run, and a USD contract with no estimated cost.
 */
const base = (): Pick<ContractFinances, "asOf" | "unplanned" | "lines" | "warnings"> => ({ asOf: "2026-12-31", unplanned: [], lines: [], warnings: [] });

export const example: ContractFinances = {
  ...base(), currency: "EUR",
  contractSumToDate: "224500.00", billedToDate: "109087.50", certifiedToDate: "103633.12",
  invoicedToDate: "122359.75", paidToDate: "100000.00", outstanding: "22359.75", overdue: "22359.75",
  aging: { current: "0.00", "1-30": "22359.75", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
  retentionHeld: "5454.38", advanceOutstanding: "0.00",
  estimatedCost: "150000.00", costToDate: "70000.00", percentCompleteByCost: "0.4667",
  earnedRevenue: "104766.67", overUnderBilling: "4320.83",
  estimatedGrossProfit: "74500.00", estimatedMargin: "0.3318", grossProfitToDate: "34766.67",
  invoices: [{ number: "INV-0001", invoiceDate: "2026-11-30", dueDate: "2026-12-30", amountDue: "122359.75", paid: "100000.00", outstanding: "22359.75", daysOverdue: 1, bucket: "1-30" }],
  forecast: [{ month: "2027-01", billing: "0.00", cash: "0.00" }],
};

export const late: ContractFinances = {
  ...base(), currency: "EUR",
  contractSumToDate: "50000.00", billedToDate: "10000.00", certifiedToDate: "9500.00",
  invoicedToDate: "11900.00", paidToDate: "0.00", outstanding: "11900.00", overdue: "11900.00",
  aging: { current: "0.00", "1-30": "0.00", "31-60": "11900.00", "61-90": "0.00", "over-90": "0.00" },
  retentionHeld: "500.00", advanceOutstanding: "0.00",
  estimatedCost: "40000.00", costToDate: "20000.00", percentCompleteByCost: "0.5000",
  earnedRevenue: "25000.00", overUnderBilling: "-15000.00",
  estimatedGrossProfit: "10000.00", estimatedMargin: "0.2000", grossProfitToDate: "5000.00",
  invoices: [{ number: "INV-0001", invoiceDate: "2026-10-31", dueDate: "2026-11-30", amountDue: "11900.00", paid: "0.00", outstanding: "11900.00", daysOverdue: 31, bucket: "31-60" }],
  forecast: [{ month: "2027-01", billing: "40000.00", cash: "11900.00" }, { month: "2027-02", billing: "0.00", cash: "47600.00" }],
  unplanned: [{ id: "M9", balance: "2500.00" }],
};

export const noEstimate: ContractFinances = {
  ...base(), currency: "USD",
  contractSumToDate: "80000.00", billedToDate: "20000.00", certifiedToDate: "19000.00",
  invoicedToDate: "19000.00", paidToDate: "19000.00", outstanding: "0.00", overdue: "0.00",
  aging: { current: "0.00", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
  retentionHeld: "1000.00", advanceOutstanding: "0.00",
  estimatedCost: null, costToDate: "0.00", percentCompleteByCost: null,
  earnedRevenue: null, overUnderBilling: null, estimatedGrossProfit: null, estimatedMargin: null, grossProfitToDate: null,
  invoices: [{ number: "INV-0001", invoiceDate: "2026-11-15", dueDate: "2026-12-15", amountDue: "19000.00", paid: "19000.00", outstanding: "0.00", daysOverdue: 0, bucket: "current" }],
  forecast: [{ month: "2027-01", billing: "0.00", cash: "0.00" }],
};

export const HOSTILE_CONTRACT = "=1+1";
export const HOSTILE_CLIENT = 'Müller, "Bau" GmbH';

export const contracts: ReportContract[] = [
  { file: "a.xlsx", contract: "CT-2026-014", client: "Contoso", finances: example, warnings: [] },
  {
    file: "b.xlsx", contract: HOSTILE_CONTRACT, client: HOSTILE_CLIENT, finances: late,
    warnings: [{ code: "COST_OVER_ESTIMATE", message: "Line M2: the cost to date is above its estimated cost.", sheet: "Milestones", cell: "F3" }],
  },
  { file: "c.xlsx", contract: "US-7", client: "Fabrikam", finances: noEstimate, warnings: [] },
];

export const failure = { file: "broken.xlsx", problems: [{ code: "NOT_XLSX", message: "broken.xlsx is not an .xlsx workbook.", sheet: undefined, cell: undefined }] };

export function threeContracts(): FinanceReport {
  return buildFinanceReport("2026-12-31", contracts, [failure]);
}
