import { allocateLargestRemainder } from "./allocate";
import { type Fixed, pow10 } from "./fixed";
import type { AdvanceInvoiced, AdvancePolicy } from "./request";
import { type RoundingMode, roundProduct } from "./rounding";

/** Advance figures in minor units. */
export interface AdvanceFigures {
  recovery: bigint;
  outstanding: bigint;
  /**
   * Where an advance invoice charged VAT on the advance: per rate, the part of this recovery at
   * that rate and the VAT already invoiced on it, which this application deducts; undefined otherwise.
   */
  taxDeducted: AdvanceTaxDeducted[] | undefined;
}

/** The advance recovered at one VAT rate on an application, and the VAT the advance invoice already charged on it. */
export interface AdvanceTaxDeducted {
  rate: Fixed;
  recovered: bigint;
  tax: bigint;
}

/**
 * FIDIC 14.2 advance recovery for this application (rounding point 4): once the work certified
 * (line 4) passes startsAt × line 3, rate × this application's gross is recovered, never more
 * than the advance still outstanding and never below zero; before that it is zero. A final
 * invoice (`settle`) recovers all that is outstanding, as no later application would.
 */
export function computeAdvanceRecovery(
  advance: AdvancePolicy,
  completedAndStoredToDate: bigint,
  previousCompletedAndStored: bigint,
  contractSumToDate: bigint,
  minorUnits: number,
  rounding: RoundingMode,
): AdvanceFigures {
  const left = advance.amount - advance.previouslyRecovered;
  const outstandingBefore = left > 0n ? left : 0n;
  // line 4 > startsAt × line 3, compared exactly at the scale of startsAt.
  const started = completedAndStoredToDate * pow10(advance.startsAt.scale) > advance.startsAt.units * contractSumToDate;
  const gross = completedAndStoredToDate - previousCompletedAndStored;
  const due = advance.settle ? outstandingBefore : started ? roundProduct(advance.rate, gross, minorUnits, rounding) : 0n;
  const recovery = due <= 0n ? 0n : due < outstandingBefore ? due : outstandingBefore;
  const taxDeducted = advance.invoiced === undefined ? undefined : computeAdvanceTaxDeducted(advance.invoiced, recovery, minorUnits, rounding);
  return { recovery, outstanding: outstandingBefore - recovery, taxDeducted };
}

/**
 * The recovery split across the advance invoice's rates, and the VAT already invoiced on each
 * part. The recovery is shared out in proportion to what is still to recover at each rate
 * (largest remainder), so no rate is recovered past what was invoiced at it and the last recovery
 * takes exactly the rest. The VAT on the advance recovered to date at a rate is round(rate ×
 * recovered to date): this application deducts its increase, so once the whole advance is
 * recovered, the deductions add up to exactly the VAT the advance invoice charged, round(rate × amount).
 */
export function computeAdvanceTaxDeducted(invoiced: readonly AdvanceInvoiced[], recovery: bigint, minorUnits: number, rounding: RoundingMode): AdvanceTaxDeducted[] {
  const parts = allocateLargestRemainder(recovery, invoiced.map((entry) => entry.amount - entry.recovered));
  return invoiced.map((entry, i) => {
    const recovered = parts[i] as bigint;
    const before = roundProduct(entry.rate, entry.recovered, minorUnits, rounding);
    const after = roundProduct(entry.rate, entry.recovered + recovered, minorUnits, rounding);
    return { rate: entry.rate, recovered, tax: after - before };
  });
}

/**
 * What was recovered at each of the advance invoice's rates after a series of applications, each
 * recovering the amount given (the billing log's "Advance recovered", oldest first), split as
 * computeAdvanceTaxDeducted splits it: the `recovered` of each rate for the next application.
 */
export function replayAdvanceRecoveries(invoiced: readonly AdvanceInvoiced[], recoveries: readonly bigint[], minorUnits: number, rounding: RoundingMode): AdvanceInvoiced[] {
  let state = invoiced.map((entry) => ({ ...entry }));
  for (const recovery of recoveries) {
    const deducted = computeAdvanceTaxDeducted(state, recovery, minorUnits, rounding);
    state = state.map((entry, i) => ({ ...entry, recovered: entry.recovered + (deducted[i] as AdvanceTaxDeducted).recovered }));
  }
  return state;
}
