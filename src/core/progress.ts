import type { Milestone } from "./request";
import { type RoundingMode, roundProduct, roundToMinorUnits } from "./rounding";

/**
 * The work figures of one line for one application (G703 columns D, F and G), in minor
 * units. E is workToDate − D; it is worked out where it is shown, so that it does not live for
 * the whole computation.
 */
export interface LineWork {
  previouslyCompleted: bigint;
  /** D + E: work completed to date, without stored materials. */
  workToDate: bigint;
  storedMaterials: bigint;
  /** G = D + E + F. */
  completedAndStoredToDate: bigint;
  /** G of the previous application: D + previous stored materials. */
  previousCompletedAndStored: bigint;
  /** On a capped line, the work its progress gives past C − F, which is not billed; otherwise 0. */
  workedNotBilled: bigint;
}

/** E: work this period, always to-date minus previous. */
export function thisPeriodOf(work: LineWork): bigint {
  return work.workToDate - work.previouslyCompleted;
}

/**
 * Works out D, E, F and G of a line from the way it states its progress. Work to date is
 * rounded only when it is derived from a percentage or a quantity (rounding point 1); the
 * period is always to-date minus previous, never a rounded period percentage.
 */
export function computeLineWork(line: Milestone, minorUnits: number, rounding: RoundingMode): LineWork {
  const previouslyCompleted = line.previouslyCompleted;
  const worked = workToDateOf(line, minorUnits, rounding);
  // A capped line bills at most C: D + E = min(w, C − F). The cap applies only when C ≥ 0.
  const cap = line.capped && line.scheduledValue >= 0n ? line.scheduledValue - line.storedMaterials : undefined;
  const workToDate = cap !== undefined && worked > cap ? cap : worked;
  return {
    previouslyCompleted,
    workToDate,
    storedMaterials: line.storedMaterials,
    // Most lines have no stored materials: adding a zero would only allocate.
    completedAndStoredToDate: line.storedMaterials === 0n ? workToDate : workToDate + line.storedMaterials,
    previousCompletedAndStored: line.previousStoredMaterials === 0n ? previouslyCompleted : previouslyCompleted + line.previousStoredMaterials,
    workedNotBilled: worked - workToDate,
  };
}

function workToDateOf(line: Milestone, minorUnits: number, rounding: RoundingMode): bigint {
  const progress = line.progress;
  switch (progress.kind) {
    case "none":
      return line.previouslyCompleted;
    case "percentComplete":
      return roundProduct(progress.fraction, line.scheduledValue, minorUnits, rounding);
    case "completedToDate":
      return progress.amount;
    case "thisPeriod":
      return line.previouslyCompleted + progress.amount;
    case "quantityToDate": {
      const { quantity, unitPrice } = progress;
      return roundToMinorUnits(quantity.units * unitPrice.units, quantity.scale + unitPrice.scale, minorUnits, rounding);
    }
  }
}
