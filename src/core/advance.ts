import { pow10 } from "./fixed";
import type { AdvancePolicy } from "./request";
import { type RoundingMode, roundProduct } from "./rounding";

/** Advance figures in minor units. */
export interface AdvanceFigures {
  recovery: bigint;
  outstanding: bigint;
}

/**
 * FIDIC 14.2 advance recovery for this application (rounding point 4): once the work
 * certified (line 4) passes startsAt × line 3, rate × this application's gross is recovered,
 * never more than the advance still outstanding and never below zero.
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
  const due = started ? roundProduct(advance.rate, gross, minorUnits, rounding) : 0n;
  const recovery = due <= 0n ? 0n : due < outstandingBefore ? due : outstandingBefore;
  return { recovery, outstanding: outstandingBefore - recovery };
}
