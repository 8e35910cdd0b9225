import { allocateLargestRemainder } from "./allocate";
import { Dec, ZERO, sum } from "./decimal";
import type { LineWork } from "./progress";
import type { Milestone, RetentionPolicy } from "./request";
import { type RoundingMode, roundMoney, truncateMoney } from "./rounding";

export interface LineRetention {
  onWork: Dec;
  onStoredMaterials: Dec;
}

export interface RetentionFigures {
  lines: LineRetention[];
  /** 5a and 5b as held to date, after any limit and before any release. */
  onCompletedWork: Dec;
  onStoredMaterials: Dec;
  /** The limit, when it capped the retention. */
  limitApplied: Dec | undefined;
}

interface Money {
  minorUnits: number;
  rounding: RoundingMode;
}

/**
 * Retention held to date on every line (column I), from the policy: a flat rate with per-line
 * overrides, or step-downs (whole or marginal), then the limit. Each line's retention on work
 * and on stored materials is rounded separately (rounding point 2).
 */
export function computeRetention(
  milestones: readonly Milestone[],
  work: readonly LineWork[],
  policy: RetentionPolicy,
  contractSumToDate: Dec,
  money: Money,
): RetentionFigures {
  const round = (amount: Dec): Dec => roundMoney(amount, money.minorUnits, money.rounding);
  const totalWork = sum(work.map((w) => w.workToDate));
  const projectComplete = contractSumToDate.greaterThan(ZERO) ? totalWork.dividedBy(contractSumToDate) : ZERO;
  const stepRate = currentStepRate(policy, projectComplete);

  const storedRateOf = (line: Milestone): Dec => policy.storedMaterialsRate ?? line.retentionRate ?? stepRate;
  const onStored = milestones.map((line, i) => {
    const stored = (work[i] as LineWork).storedMaterials;
    return stored.isZero() ? ZERO : round(storedRateOf(line).times(stored));
  });

  let onWork: Dec[];
  if (policy.steps.length > 0 && policy.mode === "marginal") {
    const total = round(contractSumToDate.times(marginalRate(policy, projectComplete)));
    onWork = allocateLargestRemainder(total, work.map((w) => w.workToDate), money.minorUnits);
  } else {
    onWork = milestones.map((line, i) => round((line.retentionRate ?? stepRate).times((work[i] as LineWork).workToDate)));
  }
  const uncapped = onWork.map((w, i) => ({ onWork: w, onStoredMaterials: onStored[i] as Dec }));
  return applyLimit(uncapped, policy, contractSumToDate, money);
}

/** The rate in force: the last step reached (whole mode), else the flat rate. */
function currentStepRate(policy: RetentionPolicy, projectComplete: Dec): Dec {
  let rate = policy.rate;
  for (const step of policy.steps) if (step.from.lessThanOrEqualTo(projectComplete)) rate = step.rate;
  return rate;
}

/** Σ rateₖ × sliceₖ: each step's rate on the slice of the contract between its from and the next step's. */
function marginalRate(policy: RetentionPolicy, projectComplete: Dec): Dec {
  return sum(
    policy.steps.map((step, k) => {
      const next = policy.steps[k + 1];
      const top = next === undefined ? projectComplete : Dec.min(projectComplete, next.from);
      return step.rate.times(Dec.max(ZERO, top.minus(step.from)));
    }),
  );
}

function applyLimit(lines: LineRetention[], policy: RetentionPolicy, contractSumToDate: Dec, money: Money): RetentionFigures {
  const onCompletedWork = sum(lines.map((l) => l.onWork));
  const onStoredMaterials = sum(lines.map((l) => l.onStoredMaterials));
  const uncappedTotal = onCompletedWork.plus(onStoredMaterials);
  const limit = limitOf(policy, contractSumToDate, money);
  if (limit === undefined || uncappedTotal.lessThanOrEqualTo(limit)) {
    return { lines, onCompletedWork, onStoredMaterials, limitApplied: undefined };
  }
  const lineTotals = allocateLargestRemainder(limit, lines.map((l) => l.onWork.plus(l.onStoredMaterials)), money.minorUnits);
  const cappedStored = roundMoney(limit.times(onStoredMaterials).dividedBy(uncappedTotal), money.minorUnits, money.rounding);
  const storedShares = allocateLargestRemainder(cappedStored, lines.map((l) => l.onStoredMaterials), money.minorUnits);
  return {
    lines: lineTotals.map((total, i) => ({ onWork: total.minus(storedShares[i] as Dec), onStoredMaterials: storedShares[i] as Dec })),
    onCompletedWork: limit.minus(cappedStored),
    onStoredMaterials: cappedStored,
    limitApplied: limit,
  };
}

/**
 * The smaller of the amount limit and the rate limit. A rate limit is a fraction of line 3,
 * taken down to the minor unit so that the retention held never exceeds it.
 */
function limitOf(policy: RetentionPolicy, contractSumToDate: Dec, money: Money): Dec | undefined {
  const fromRate =
    policy.limitRate === undefined
      ? undefined
      : Dec.max(ZERO, truncateMoney(policy.limitRate.times(contractSumToDate), money.minorUnits));
  if (policy.limit === undefined) return fromRate;
  return fromRate === undefined ? policy.limit : Dec.min(policy.limit, fromRate);
}
