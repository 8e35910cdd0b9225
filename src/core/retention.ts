import { allocateLargestRemainder } from "./allocate";
import { Dec, ZERO, plus } from "./decimal";
import type { Milestone, RetentionPolicy } from "./request";
import { type RoundingMode, roundMoney, truncateMoney } from "./rounding";

export interface LineRetention {
  onWork: Dec;
  onStoredMaterials: Dec;
}

/** 5a and 5b as held to date, after any limit and before any release. */
export interface RetentionHeld {
  onCompletedWork: Dec;
  onStoredMaterials: Dec;
}

export interface RetentionFigures extends RetentionHeld {
  lines: LineRetention[];
  /** The limit, when it capped the retention. */
  limitApplied: Dec | undefined;
}

/** What retention is held on for one line: work to date (D + E) and stored materials (F). */
export interface RetentionBasis {
  workToDate: Dec;
  storedMaterials: Dec;
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
  basis: readonly RetentionBasis[],
  policy: RetentionPolicy,
  contractSumToDate: Dec,
  money: Money,
): RetentionFigures {
  const rates = ratesInForce(basis, policy, contractSumToDate, money);
  const lines: LineRetention[] = new Array<LineRetention>(milestones.length);
  let onCompletedWork = ZERO;
  let onStoredMaterials = ZERO;
  if (rates.marginalTotal === undefined) {
    milestones.forEach((line, i) => {
      const b = basis[i] as RetentionBasis;
      const r = { onWork: onWorkOf(line, b, rates, money), onStoredMaterials: onStoredOf(line, b, policy, rates, money) };
      onCompletedWork = plus(onCompletedWork, r.onWork);
      onStoredMaterials = plus(onStoredMaterials, r.onStoredMaterials);
      lines[i] = r;
    });
  } else {
    // The marginal total is rounded once and shared out, so the lines add up to it.
    const onWork = allocateLargestRemainder(rates.marginalTotal, basis.map((b) => b.workToDate), money.minorUnits);
    onCompletedWork = rates.marginalTotal;
    milestones.forEach((line, i) => {
      const r = { onWork: onWork[i] as Dec, onStoredMaterials: onStoredOf(line, basis[i] as RetentionBasis, policy, rates, money) };
      onStoredMaterials = plus(onStoredMaterials, r.onStoredMaterials);
      lines[i] = r;
    });
  }
  const limit = limitOf(policy, contractSumToDate, money);
  const uncapped = { onCompletedWork, onStoredMaterials };
  if (limit === undefined || !exceeds(uncapped, limit)) return { lines, ...uncapped, limitApplied: undefined };
  const capped = cap(uncapped, limit, money);
  // Each line's total is its share of the limit; its stored part is its share of the capped 5b.
  const lineTotals = allocateLargestRemainder(limit, lines.map((l) => l.onWork.plus(l.onStoredMaterials)), money.minorUnits);
  const storedShares = allocateLargestRemainder(capped.onStoredMaterials, lines.map((l) => l.onStoredMaterials), money.minorUnits);
  return {
    lines: lineTotals.map((total, i) => ({ onWork: total.minus(storedShares[i] as Dec), onStoredMaterials: storedShares[i] as Dec })),
    ...capped,
    limitApplied: limit,
  };
}

/**
 * Only 5a and 5b, the same figures computeRetention gives, without the lines: for line 6 of
 * the previous application, whose lines are never shown. Lines allocated from a total (a
 * marginal step-down, a limit) add up to that total, so they need not be allocated here.
 */
export function computeRetentionHeld(
  milestones: readonly Milestone[],
  basis: readonly RetentionBasis[],
  policy: RetentionPolicy,
  contractSumToDate: Dec,
  money: Money,
): RetentionHeld {
  const rates = ratesInForce(basis, policy, contractSumToDate, money);
  let onCompletedWork = rates.marginalTotal ?? ZERO;
  let onStoredMaterials = ZERO;
  milestones.forEach((line, i) => {
    const b = basis[i] as RetentionBasis;
    if (rates.marginalTotal === undefined) onCompletedWork = plus(onCompletedWork, onWorkOf(line, b, rates, money));
    onStoredMaterials = plus(onStoredMaterials, onStoredOf(line, b, policy, rates, money));
  });
  const limit = limitOf(policy, contractSumToDate, money);
  const uncapped = { onCompletedWork, onStoredMaterials };
  return limit === undefined || !exceeds(uncapped, limit) ? uncapped : cap(uncapped, limit, money);
}

interface RatesInForce {
  /** The whole-mode or flat rate on work (a line's own rate overrides it). */
  stepRate: Dec;
  /** In marginal mode, the rounded retention on all work: Σ C × Σ rateₖ × sliceₖ. */
  marginalTotal: Dec | undefined;
}

function ratesInForce(basis: readonly RetentionBasis[], policy: RetentionPolicy, contractSumToDate: Dec, money: Money): RatesInForce {
  // Without steps the project's percentage complete decides nothing, so it is not worked out.
  if (policy.steps.length === 0) return { stepRate: policy.rate, marginalTotal: undefined };
  let totalWork = ZERO;
  for (const b of basis) totalWork = plus(totalWork, b.workToDate);
  const projectComplete = contractSumToDate.greaterThan(ZERO) ? totalWork.dividedBy(contractSumToDate) : ZERO;
  const stepRate = currentStepRate(policy, projectComplete);
  if (policy.mode !== "marginal") return { stepRate, marginalTotal: undefined };
  const total = contractSumToDate.times(marginalRate(policy, projectComplete));
  return { stepRate, marginalTotal: roundMoney(total, money.minorUnits, money.rounding) };
}

function onWorkOf(line: Milestone, basis: RetentionBasis, rates: RatesInForce, money: Money): Dec {
  const rate = line.retentionRate ?? rates.stepRate;
  if (rate.isZero() || basis.workToDate.isZero()) return ZERO;
  return roundMoney(rate.times(basis.workToDate), money.minorUnits, money.rounding);
}

function onStoredOf(line: Milestone, basis: RetentionBasis, policy: RetentionPolicy, rates: RatesInForce, money: Money): Dec {
  if (basis.storedMaterials.isZero()) return ZERO;
  const rate = policy.storedMaterialsRate ?? line.retentionRate ?? rates.stepRate;
  return roundMoney(rate.times(basis.storedMaterials), money.minorUnits, money.rounding);
}

/** The rate in force: the last step reached (whole mode), else the flat rate. */
function currentStepRate(policy: RetentionPolicy, projectComplete: Dec): Dec {
  let rate = policy.rate;
  for (const step of policy.steps) if (step.from.lessThanOrEqualTo(projectComplete)) rate = step.rate;
  return rate;
}

/** Σ rateₖ × sliceₖ: each step's rate on the slice of the contract between its from and the next step's. */
function marginalRate(policy: RetentionPolicy, projectComplete: Dec): Dec {
  let rate = ZERO;
  policy.steps.forEach((step, k) => {
    const next = policy.steps[k + 1];
    const top = next === undefined ? projectComplete : Dec.min(projectComplete, next.from);
    rate = plus(rate, step.rate.times(Dec.max(ZERO, top.minus(step.from))));
  });
  return rate;
}

function exceeds(held: RetentionHeld, limit: Dec): boolean {
  return held.onCompletedWork.plus(held.onStoredMaterials).greaterThan(limit);
}

/** The limit as 5a and 5b: 5b = round(limit × uncapped 5b / uncapped total), 5a the rest. */
function cap(uncapped: RetentionHeld, limit: Dec, money: Money): RetentionHeld {
  const uncappedTotal = uncapped.onCompletedWork.plus(uncapped.onStoredMaterials);
  const onStoredMaterials = roundMoney(limit.times(uncapped.onStoredMaterials).dividedBy(uncappedTotal), money.minorUnits, money.rounding);
  return { onCompletedWork: limit.minus(onStoredMaterials), onStoredMaterials };
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
