import { Dec, ZERO } from "./decimal";
import type { AdvancePolicy } from "./request";
import { type RoundingMode, roundMoney } from "./rounding";

export interface AdvanceFigures {
  recovery: Dec;
  outstanding: Dec;
}

/**
 * FIDIC 14.2 advance recovery for this application (rounding point 4): once the work
 * certified (line 4) passes startsAt × line 3, rate × this application's gross is recovered,
 * never more than the advance still outstanding and never below zero.
 */
export function computeAdvanceRecovery(
  advance: AdvancePolicy,
  completedAndStoredToDate: Dec,
  previousCompletedAndStored: Dec,
  contractSumToDate: Dec,
  minorUnits: number,
  rounding: RoundingMode,
): AdvanceFigures {
  const outstandingBefore = Dec.max(ZERO, advance.amount.minus(advance.previouslyRecovered));
  const started = completedAndStoredToDate.greaterThan(advance.startsAt.times(contractSumToDate));
  const gross = completedAndStoredToDate.minus(previousCompletedAndStored);
  const due = started ? roundMoney(advance.rate.times(gross), minorUnits, rounding) : ZERO;
  const recovery = Dec.min(outstandingBefore, Dec.max(ZERO, due));
  return { recovery, outstanding: outstandingBefore.minus(recovery) };
}
