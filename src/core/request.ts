import type { Fixed } from "./fixed";
import type { RoundingMode } from "./rounding";

/**
 * A billing request as it is given at the edges (JSON, cells): amounts as decimal strings
 * (numbers are accepted too), rates as fractions. Field names follow the billing rules.
 */
export interface MilestoneInput {
  id: string | number;
  description?: string;
  scheduledValue: string | number;
  changeOrder?: boolean;
  /** Bills at most the scheduled value; work past it is reported, not billed (billing rules: capped lines). */
  capped?: boolean;
  previouslyCompleted?: string | number;
  percentComplete?: string | number;
  completedToDate?: string | number;
  thisPeriod?: string | number;
  quantityToDate?: string | number;
  unitPrice?: string | number;
  unit?: string;
  storedMaterials?: string | number;
  previousStoredMaterials?: string | number;
  retentionRate?: string | number;
  taxRate?: string | number;
}

export interface RetentionStepInput {
  from: string | number;
  rate: string | number;
}

export interface RetentionInput {
  rate?: string | number;
  storedMaterialsRate?: string | number;
  steps?: RetentionStepInput[];
  mode?: "whole" | "marginal";
  limit?: string | number;
  limitRate?: string | number;
  /** "half", "all" or an amount. */
  release?: string | number;
  previouslyReleased?: string | number;
}

/** The net amount an advance invoice charged at one VAT rate, and how much of it earlier applications recovered. */
export interface AdvanceInvoicedInput {
  rate: string | number;
  amount: string | number;
  recovered?: string | number;
}

export interface AdvanceInput {
  amount: string | number;
  previouslyRecovered?: string | number;
  startsAt?: string | number;
  rate?: string | number;
  /**
   * The advance's net amount per VAT rate as an advance invoice (type 386) charged VAT on it, and
   * what earlier applications recovered at each rate: each recovery then deducts the VAT already
   * invoiced on it. Absent when no advance invoice was issued (the advance is then outside VAT).
   */
  invoiced?: AdvanceInvoicedInput[];
  /** Recover all that is still outstanding on this application, whatever the rate and start: the final invoice. */
  settle?: boolean;
}

export interface TaxInput {
  rate?: string | number;
  base?: "period" | "payment";
}

export interface BillingRequest {
  currency?: string;
  minorUnits?: number;
  rounding?: RoundingMode;
  allowOverbilling?: boolean;
  retention?: RetentionInput;
  previousCertificates?: string | number;
  advance?: AdvanceInput;
  tax?: TaxInput;
  lines: MilestoneInput[];
}

/** How a line states its progress; exactly one way, or none (nothing done this period). */
export type Progress =
  | { kind: "none" }
  | { kind: "percentComplete"; fraction: Fixed }
  | { kind: "completedToDate"; amount: bigint }
  | { kind: "thisPeriod"; amount: bigint }
  | { kind: "quantityToDate"; quantity: Fixed; unitPrice: Fixed };

export const PROGRESS_FIELDS = ["percentComplete", "completedToDate", "thisPeriod", "quantityToDate"] as const;

/**
 * A validated milestone, every default applied: amounts are whole numbers of the currency's
 * minor units (bigint), rates, quantities and prices exact Fixed numbers.
 */
export interface Milestone {
  index: number;
  id: string;
  description: string;
  changeOrder: boolean;
  capped: boolean;
  scheduledValue: bigint;
  previouslyCompleted: bigint;
  progress: Progress;
  unit: string | undefined;
  storedMaterials: bigint;
  previousStoredMaterials: bigint;
  retentionRate: Fixed | undefined;
  taxRate: Fixed | undefined;
}

export interface RetentionStep {
  from: Fixed;
  rate: Fixed;
}

export interface RetentionPolicy {
  rate: Fixed;
  storedMaterialsRate: Fixed | undefined;
  steps: RetentionStep[];
  mode: "whole" | "marginal";
  limit: bigint | undefined;
  limitRate: Fixed | undefined;
  release: "half" | "all" | bigint | undefined;
  previouslyReleased: bigint;
}

/** What an advance invoice charged at one VAT rate, in minor units, and what earlier applications recovered of it. */
export interface AdvanceInvoiced {
  rate: Fixed;
  amount: bigint;
  recovered: bigint;
}

export interface AdvancePolicy {
  amount: bigint;
  previouslyRecovered: bigint;
  startsAt: Fixed;
  rate: Fixed;
  invoiced: AdvanceInvoiced[] | undefined;
  settle: boolean;
}

export interface TaxPolicy {
  rate: Fixed;
  base: "period" | "payment";
}

/** A validated request. */
export interface Contract {
  currency: string;
  minorUnits: number;
  rounding: RoundingMode;
  allowOverbilling: boolean;
  retention: RetentionPolicy;
  previousCertificates: bigint | undefined;
  advance: AdvancePolicy | undefined;
  tax: TaxPolicy;
  lines: Milestone[];
}
