import { type Dec, plus } from "./decimal";
import type { Milestone } from "./request";
import { type RoundingMode, roundMoney } from "./rounding";

/**
 * The work figures of one line for one application (G703 columns D, F and G). E is
 * workToDate − D; it is worked out where it is shown, so that it does not live for the whole
 * computation.
 */
export interface LineWork {
  previouslyCompleted: Dec;
  /** D + E: work completed to date, without stored materials. */
  workToDate: Dec;
  storedMaterials: Dec;
  /** G = D + E + F. */
  completedAndStoredToDate: Dec;
  /** G of the previous application: D + previous stored materials. */
  previousCompletedAndStored: Dec;
}

/** E: work this period, always to-date minus previous. */
export function thisPeriodOf(work: LineWork): Dec {
  return work.workToDate.minus(work.previouslyCompleted);
}

/**
 * Works out D, E, F and G of a line from the way it states its progress. Work to date is
 * rounded only when it is derived from a percentage or a quantity (rounding point 1); the
 * period is always to-date minus previous, never a rounded period percentage.
 */
export function computeLineWork(line: Milestone, minorUnits: number, rounding: RoundingMode): LineWork {
  const previouslyCompleted = line.previouslyCompleted;
  const workToDate = workToDateOf(line, minorUnits, rounding);
  return {
    previouslyCompleted,
    workToDate,
    storedMaterials: line.storedMaterials,
    completedAndStoredToDate: plus(workToDate, line.storedMaterials),
    previousCompletedAndStored: plus(previouslyCompleted, line.previousStoredMaterials),
  };
}

function workToDateOf(line: Milestone, minorUnits: number, rounding: RoundingMode): Dec {
  const progress = line.progress;
  switch (progress.kind) {
    case "none":
      return line.previouslyCompleted;
    case "percentComplete":
      return roundMoney(line.scheduledValue.times(progress.fraction), minorUnits, rounding);
    case "completedToDate":
      return progress.amount;
    case "thisPeriod":
      return line.previouslyCompleted.plus(progress.amount);
    case "quantityToDate":
      return roundMoney(progress.quantity.times(progress.unitPrice), minorUnits, rounding);
  }
}

/** The same line as it stood on the previous application: E = 0, F = previous stored materials. */
export function previousLineWork(line: Milestone): LineWork {
  const previous = plus(line.previouslyCompleted, line.previousStoredMaterials);
  return {
    previouslyCompleted: line.previouslyCompleted,
    workToDate: line.previouslyCompleted,
    storedMaterials: line.previousStoredMaterials,
    completedAndStoredToDate: previous,
    previousCompletedAndStored: previous,
  };
}
