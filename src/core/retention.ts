import { allocateLargestRemainder } from "./allocate";
import { type Fixed, decOfUnits, fixedOfDec, pow10 } from "./fixed";
import type { Milestone, RetentionPolicy } from "./request";
import { type RoundingMode, roundProduct, roundToMinorUnits } from "./rounding";

/** A line's retention, in minor units. */
export interface LineRetention {
  onWork: bigint;
  onStoredMaterials: bigint;
}

/** 5a and 5b as held to date, after any limit and before any release. */
export interface RetentionHeld {
  onCompletedWork: bigint;
  onStoredMaterials: bigint;
}

export interface RetentionFigures extends RetentionHeld {
  lines: LineRetention[];
}

/** What retention is held on for one line: work to date (D + E) and stored materials (F). */
export interface RetentionBasis {
  workToDate: bigint;
  storedMaterials: bigint;
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
  contractSumToDate: bigint,
  money: Money,
): RetentionFigures {
  const rates = ratesInForce(basis, policy, contractSumToDate, money);
  const lines: LineRetention[] = new Array<LineRetention>(milestones.length);
  let onCompletedWork = 0n;
  let onStoredMaterials = 0n;
  if (rates.marginalTotal === undefined) {
    milestones.forEach((line, i) => {
      const b = basis[i] as RetentionBasis;
      const r = { onWork: onWorkOf(line, b, rates, money), onStoredMaterials: onStoredOf(line, b, policy, rates, money) };
      onCompletedWork += r.onWork;
      onStoredMaterials += r.onStoredMaterials;
      lines[i] = r;
    });
  } else {
    // The marginal total is rounded once and shared out, so the lines add up to it.
    const onWork = allocateLargestRemainder(rates.marginalTotal, basis.map((b) => b.workToDate));
    onCompletedWork = rates.marginalTotal;
    milestones.forEach((line, i) => {
      const r = { onWork: onWork[i] as bigint, onStoredMaterials: onStoredOf(line, basis[i] as RetentionBasis, policy, rates, money) };
      onStoredMaterials += r.onStoredMaterials;
      lines[i] = r;
    });
  }
  const limit = limitOf(policy, contractSumToDate, money);
  const uncapped = { onCompletedWork, onStoredMaterials };
  if (limit === undefined || !exceeds(uncapped, limit)) return { lines, onCompletedWork, onStoredMaterials };
  const capped = cap(uncapped, limit, money);
  // Each line's total is its share of the limit; its stored part is its share of the capped 5b.
  const lineTotals = allocateLargestRemainder(limit, lines.map((l) => l.onWork + l.onStoredMaterials));
  const storedShares = allocateLargestRemainder(capped.onStoredMaterials, lines.map((l) => l.onStoredMaterials));
  return {
    lines: lineTotals.map((total, i) => ({ onWork: total - (storedShares[i] as bigint), onStoredMaterials: storedShares[i] as bigint })),
    onCompletedWork: capped.onCompletedWork,
    onStoredMaterials: capped.onStoredMaterials,
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
  contractSumToDate: bigint,
  money: Money,
): RetentionHeld {
  const rates = ratesInForce(basis, policy, contractSumToDate, money);
  let onCompletedWork = rates.marginalTotal ?? 0n;
  let onStoredMaterials = 0n;
  milestones.forEach((line, i) => {
    const b = basis[i] as RetentionBasis;
    if (rates.marginalTotal === undefined) onCompletedWork += onWorkOf(line, b, rates, money);
    onStoredMaterials += onStoredOf(line, b, policy, rates, money);
  });
  const limit = limitOf(policy, contractSumToDate, money);
  const uncapped = { onCompletedWork, onStoredMaterials };
  return limit === undefined || !exceeds(uncapped, limit) ? uncapped : cap(uncapped, limit, money);
}

interface RatesInForce {
  /** The whole-mode or flat rate on work (a line's own rate overrides it). */
  stepRate: Fixed;
  /** In marginal mode, the rounded retention on all work: Σ rateₖ × sliceₖ of the contract. */
  marginalTotal: bigint | undefined;
}

function ratesInForce(basis: readonly RetentionBasis[], policy: RetentionPolicy, contractSumToDate: bigint, money: Money): RatesInForce {
  // Without steps the project's percentage complete decides nothing, so it is not worked out.
  if (policy.steps.length === 0) return { stepRate: policy.rate, marginalTotal: undefined };
  let totalWork = 0n;
  for (const b of basis) totalWork += b.workToDate;
  const stepRate = currentStepRate(policy, totalWork, contractSumToDate);
  if (policy.mode !== "marginal") return { stepRate, marginalTotal: undefined };
  return { stepRate, marginalTotal: marginalRetention(policy, totalWork, contractSumToDate, money) };
}

function onWorkOf(line: Milestone, basis: RetentionBasis, rates: RatesInForce, money: Money): bigint {
  return roundProduct(line.retentionRate ?? rates.stepRate, basis.workToDate, money.minorUnits, money.rounding);
}

function onStoredOf(line: Milestone, basis: RetentionBasis, policy: RetentionPolicy, rates: RatesInForce, money: Money): bigint {
  if (basis.storedMaterials === 0n) return 0n;
  const rate = policy.storedMaterialsRate ?? line.retentionRate ?? rates.stepRate;
  return roundProduct(rate, basis.storedMaterials, money.minorUnits, money.rounding);
}

/**
 * The rate in force: the last step reached (whole mode), else the flat rate. A step is reached
 * when its from ≤ Σ(D + E) / Σ C, compared exactly as from × Σ C ≤ Σ(D + E); a contract sum of
 * zero or less has a percentage complete of 0.
 */
function currentStepRate(policy: RetentionPolicy, totalWork: bigint, contractSum: bigint): Fixed {
  let rate = policy.rate;
  for (const step of policy.steps) {
    const reached = contractSum > 0n ? step.from.units * contractSum <= totalWork * pow10(step.from.scale) : step.from.units === 0n;
    if (reached) rate = step.rate;
  }
  return rate;
}

/**
 * Retention on all work in marginal mode, in minor units, rounded once: Σ rateₖ × sliceₖ,
 * where sliceₖ = max(0, min(W, C × nextₖ) − C × fromₖ) is the work done between the step's from
 * and the next step's (W work to date, C the contract sum). This is the rules' Σ C × Σ rateₖ ×
 * (min(W / C, nextₖ) − fromₖ) with C taken inside, so every term is an exact product of
 * amounts and rates and the one rounding sees the exact value, ties included.
 */
function marginalRetention(policy: RetentionPolicy, totalWork: bigint, contractSum: bigint, money: Money): bigint {
  // A contract sum of zero or less has a percentage complete of 0: no slice has any work.
  if (contractSum <= 0n) return 0n;
  let fromScale = 0;
  let rateScale = 0;
  for (const step of policy.steps) {
    if (step.from.scale > fromScale) fromScale = step.from.scale;
    if (step.rate.scale > rateScale) rateScale = step.rate.scale;
  }
  // Amounts at fromScale further decimals, so that C × from is a whole number.
  const work = totalWork * pow10(fromScale);
  const at = (from: Fixed): bigint => contractSum * from.units * pow10(fromScale - from.scale);
  let units = 0n;
  policy.steps.forEach((step, k) => {
    const next = policy.steps[k + 1];
    const nextAmount = next === undefined ? work : at(next.from);
    const slice = (nextAmount < work ? nextAmount : work) - at(step.from);
    if (slice > 0n) units += step.rate.units * pow10(rateScale - step.rate.scale) * slice;
  });
  return roundToMinorUnits(units, fromScale + rateScale + money.minorUnits, money.minorUnits, money.rounding);
}

function exceeds(held: RetentionHeld, limit: bigint): boolean {
  return held.onCompletedWork + held.onStoredMaterials > limit;
}

/** The limit as 5a and 5b: 5b = round(limit × uncapped 5b / uncapped total), 5a the rest. */
function cap(uncapped: RetentionHeld, limit: bigint, money: Money): RetentionHeld {
  const uncappedTotal = uncapped.onCompletedWork + uncapped.onStoredMaterials;
  // The quotient of amounts in minor units is itself a count of minor units, rounded to a whole one.
  const share = fixedOfDec(decOfUnits(limit * uncapped.onStoredMaterials, 0).dividedBy(decOfUnits(uncappedTotal, 0)));
  const onStoredMaterials = roundToMinorUnits(share.units, share.scale, 0, money.rounding);
  return { onCompletedWork: limit - onStoredMaterials, onStoredMaterials };
}

/**
 * The smaller of the amount limit and the rate limit. A rate limit is a fraction of line 3,
 * taken down to the minor unit so that the retention held never exceeds it.
 */
function limitOf(policy: RetentionPolicy, contractSumToDate: bigint, money: Money): bigint | undefined {
  const fromRate = policy.limitRate === undefined ? undefined : roundProduct(policy.limitRate, contractSumToDate, money.minorUnits, "down");
  const nonNegative = fromRate === undefined || fromRate > 0n ? fromRate : 0n;
  if (policy.limit === undefined) return nonNegative;
  return nonNegative === undefined || policy.limit < nonNegative ? policy.limit : nonNegative;
}
