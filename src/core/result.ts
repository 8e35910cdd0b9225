import type { Issue } from "./issues";
import type { RoundingMode } from "./rounding";

/** One G703 line of the result: amounts as strings with the currency's minor units. */
export interface InvoiceLine {
  id: string;
  description: string;
  changeOrder: boolean;
  scheduledValue: string;
  previouslyCompleted: string;
  thisPeriod: string;
  storedMaterials: string;
  completedAndStoredToDate: string;
  /** G / C as a fraction with 4 decimals, for display only. */
  percentComplete: string;
  balanceToFinish: string;
  retention: string;
  retentionOnWork: string;
  retentionOnStoredMaterials: string;
  taxRate: string;
  quantityToDate?: string;
  unitPrice?: string;
  unit?: string;
  /**
   * On a capped line only: the work to date its progress gives, less what is billed to date
   * (D + E); "0.00" while the line is within its cap.
   */
  workedNotBilled?: string;
}

/** The G702 summary, by the field names of the billing rules. */
export interface ContractSummary {
  originalContractSum: string;
  netChangeByChangeOrders: string;
  contractSumToDate: string;
  totalCompletedAndStoredToDate: string;
  retentionOnCompletedWork: string;
  retentionOnStoredMaterials: string;
  retentionReleased: string;
  totalRetention: string;
  totalEarnedLessRetention: string;
  previousCertificates: string;
  advanceRecovery: string;
  currentPaymentDue: string;
  balanceToFinishIncludingRetention: string;
  taxableAmount: string;
  tax: string;
  totalDue: string;
}

export interface TaxBreakdown {
  rate: string;
  taxableAmount: string;
  tax: string;
}

export interface AdvanceState {
  amount: string;
  previouslyRecovered: string;
  recovery: string;
  outstanding: string;
}

/** The advance recovered at one VAT rate, and the VAT an advance invoice already charged on it: both deducted. */
export interface AdvanceTaxDeducted {
  rate: string;
  recovered: string;
  tax: string;
}

export interface BillingResult {
  currency: string;
  minorUnits: number;
  rounding: RoundingMode;
  lines: InvoiceLine[];
  summary: ContractSummary;
  taxBreakdown: TaxBreakdown[];
  /**
   * Where an advance invoice charged VAT on the advance (and the tax base is the period's work):
   * per rate, the advance this application recovers and the VAT already invoiced on it. The
   * summary's tax is then the breakdown's tax less these, and the total due line 8 plus that.
   */
  advanceTaxDeducted?: AdvanceTaxDeducted[];
  advance?: AdvanceState;
  warnings: Issue[];
}

export type ComputeOutcome = { ok: true; result: BillingResult } | { ok: false; errors: Issue[] };
