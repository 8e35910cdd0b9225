import type { Issue } from "../issues";
import type { RoundingMode } from "../rounding";

/**
 * The financial-progress contract (../shared/finance-rules.md) as types: what the core needs
 * to work out receivables, WIP, margin and the forecast of one contract as of a date, and what
 * it returns. Amounts are decimal text in the contract currency; dates are ISO (YYYY-MM-DD).
 */

/** A document of the billing log, as the finance figures read it. */
export interface FinanceDocumentInput {
  number: string;
  kind: "invoice" | "credit note";
  /** For a credit note: the invoice it cancels. */
  credits: string;
  invoiceDate: string;
  /** As recorded when issued; for an older log without it, the invoice date plus the payment terms. */
  dueDate: string;
  /** Total due: line 8 + tax. */
  totalDue: string;
  /** Line 4: completed and stored to date. */
  completedAndStoredToDate: string;
  /** Line 5: retention held. */
  retentionHeld: string;
  /** Line 6: earned less retention. */
  earnedLessRetention: string;
  /** The advance this document recovered. */
  advanceRecovered: string;
  /** Each line's G (completed and stored to date) on this document. */
  lines: readonly { id: string; completedAndStoredToDate: string }[];
}

/** A row of the Payments table. A negative amount is a refund. */
export interface PaymentInput {
  date: string;
  document: string;
  amount: string;
  /** Blank (undefined) is the contract currency. */
  currency: string | undefined;
  reference: string;
}

export const COST_CATEGORIES = ["labour", "subcontract", "hardware", "licences", "travel", "other"] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** A row of the Costs table. */
export interface CostInput {
  date: string;
  line: string;
  amount: string;
  /** Blank (undefined) counts as other. */
  category: CostCategory | undefined;
  description: string;
}

/** A line of the milestone table, as the finance figures read it. */
export interface FinanceLineInput {
  id: string;
  /** C: its scheduled value (change orders are lines too). */
  contractValue: string;
  /** The Cost to date column; undefined when the table has no such column or the cell is blank. */
  costToDate: string | undefined;
  /** The Estimated cost column (EAC); undefined when absent or blank. */
  estimatedCost: string | undefined;
  /** The Planned completion column (ISO date); undefined when absent or blank. */
  plannedCompletion: string | undefined;
}

export interface FinanceInput {
  asOf: string;
  currency: string;
  /** Default: the currency's ISO 4217 minor units. */
  minorUnits?: number;
  /** Default half-up, as the billing rules. */
  rounding?: RoundingMode;
  paymentTermsDays: number;
  /** The advance payment of the contract ("0" when none). */
  advancePaid: string;
  /** Every document of the billing log in the order issued, credit notes included (the core works out which are in force). */
  documents: readonly FinanceDocumentInput[];
  payments: readonly PaymentInput[];
  lines: readonly FinanceLineInput[];
  costs: readonly CostInput[];
}

export const AGING_BUCKETS = ["current", "1-30", "31-60", "61-90", "over-90"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = Record<AgingBucket, string>;

export interface InvoiceReceivable {
  number: string;
  invoiceDate: string;
  dueDate: string;
  amountDue: string;
  paid: string;
  outstanding: string;
  daysOverdue: number;
  bucket: AgingBucket;
}

export interface ForecastMonth {
  /** YYYY-MM */
  month: string;
  billing: string;
  cash: string;
}

export interface UnplannedLine {
  id: string;
  balance: string;
}

/** The WIP figures of one line (welcome in reports; the contract's are never sums of these rounded figures). */
export interface LineWip {
  id: string;
  contractValue: string;
  billedToDate: string;
  estimatedCost: string | null;
  costToDate: string;
  percentCompleteByCost: string | null;
  earnedRevenue: string | null;
  overUnderBilling: string | null;
}

/** The WIP and margin figures of a contract; null where there is no EAC at all. */
export interface WipFigures {
  contractSumToDate: string;
  billedToDate: string;
  certifiedToDate: string;
  estimatedCost: string | null;
  costToDate: string;
  percentCompleteByCost: string | null;
  earnedRevenue: string | null;
  overUnderBilling: string | null;
  estimatedGrossProfit: string | null;
  estimatedMargin: string | null;
  grossProfitToDate: string | null;
}

export interface ReceivableFigures {
  invoicedToDate: string;
  paidToDate: string;
  outstanding: string;
  overdue: string;
  aging: Aging;
  retentionHeld: string;
  advanceOutstanding: string;
  invoices: InvoiceReceivable[];
}

/** One contract's figures as of a date: the `contracts[]` entry of `interim report --json`, less file, contract and client. */
export interface ContractFinances extends WipFigures, ReceivableFigures {
  asOf: string;
  currency: string;
  forecast: ForecastMonth[];
  unplanned: UnplannedLine[];
  lines: LineWip[];
  /** EXPECTED_LOSS, COST_OVER_ESTIMATE (path ["lines", i]), COST_WITHOUT_ESTIMATE (path ["lines", i]). */
  warnings: Issue[];
}

export type FinanceOutcome = { ok: true; finances: ContractFinances } | { ok: false; errors: Issue[] };

/** The amount fields of a contract's figures: what totals per currency add up. */
export type AmountField =
  | "contractSumToDate" | "billedToDate" | "certifiedToDate" | "invoicedToDate" | "paidToDate" | "outstanding" | "overdue"
  | "aging" | "retentionHeld" | "advanceOutstanding" | "estimatedCost" | "costToDate" | "earnedRevenue" | "overUnderBilling"
  | "estimatedGrossProfit" | "grossProfitToDate";

/** Totals of the contracts in one currency: every amount field summed (null fields left out; null when no contract has one). */
export type CurrencyTotals = { currency: string; contracts: number } & Pick<ContractFinances, AmountField>;
