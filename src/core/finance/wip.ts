import { type Issue, MESSAGES } from "../issues";
import { formatFraction, roundQuotient } from "../rounding";
import { type ReadLine, readBilledByLine, readCosts, readLines } from "./read-lines";
import { FinanceReader, readAsOf, readMoney, rowName } from "./reader";
import type { CostInput, FinanceInput, FinanceLineInput, LineWip, WipFigures } from "./types";

export interface WipInput extends Pick<FinanceInput, "asOf" | "currency" | "minorUnits" | "rounding"> {
  lines: readonly FinanceLineInput[];
  costs: readonly CostInput[];
  /** Line 4 of the last invoice in force dated on or before the as-of date ("0" before the first). */
  billedToDate: string;
  /** Line 6 of that invoice. */
  certifiedToDate: string;
  /** By lineKey(id): each line's G on that invoice (a line it does not bill has none). */
  billedByLine: ReadonlyMap<string, string>;
}

export type WipOutcome = { ok: true; figures: WipFigures; lines: LineWip[]; warnings: Issue[] } | { ok: false; errors: Issue[] };

/** Work in progress and margin by the cost-to-cost method, as of a date, after checking every line and cost. */
export function computeWip(input: WipInput): WipOutcome {
  const read = readMoney(input);
  if ("errors" in read) return { ok: false, errors: read.errors };
  const reader = new FinanceReader(read.money);
  const asOf = readAsOf(reader, input.asOf);
  const lines = readLines(reader, input.lines);
  const costs = readCosts(reader, input.costs, lines, asOf);
  const billedToDate = reader.amount(input.billedToDate, ["billedToDate"], "Completed and stored to date", "any sign");
  const certifiedToDate = reader.amount(input.certifiedToDate, ["certifiedToDate"], "Earned less retention", "any sign");
  const billedByLine = readBilledByLine(reader, input.billedByLine);
  if (reader.issues.length > 0 || billedToDate === undefined || certifiedToDate === undefined) return { ok: false, errors: reader.issues };
  return { ok: true, ...wipOf(reader, { lines, costs, billedToDate, certifiedToDate, billedByLine }) };
}

/** Checked figures in minor units, costs per line in the order of the lines. */
export interface WipBasis {
  lines: readonly ReadLine[];
  costs: readonly bigint[];
  billedToDate: bigint;
  certifiedToDate: bigint;
  billedByLine: ReadonlyMap<string, bigint>;
}

/** The cost-to-cost figures of a contract or a line: null without an estimate. */
interface Earned {
  percentCompleteByCost: string | null;
  earnedRevenue: bigint | null;
}

/**
 * Earned revenue = round(value × cost / estimate), the cost counted at most up to the estimate
 * so that earned revenue never passes the value; the percentage is the same exact ratio shown
 * with 4 decimals. An estimate of 0 with a cost is no estimate: the work counts as complete.
 */
function earned(value: bigint, cost: bigint, estimate: bigint | undefined, reader: FinanceReader): Earned {
  if (estimate === undefined) return { percentCompleteByCost: null, earnedRevenue: null };
  if (estimate === 0n) return cost > 0n ? { percentCompleteByCost: "1.0000", earnedRevenue: value } : { percentCompleteByCost: "0.0000", earnedRevenue: 0n };
  const counted = cost < estimate ? cost : estimate;
  return {
    percentCompleteByCost: formatFraction(counted, estimate),
    earnedRevenue: roundQuotient(value * counted, estimate, reader.money.rounding),
  };
}

/** The WIP and margin figures of checked input, with the warnings of the finance rules. */
export function wipOf(reader: FinanceReader, basis: WipBasis): { figures: WipFigures; lines: LineWip[]; warnings: Issue[] } {
  const format = (units: bigint | null): string | null => (units === null ? null : reader.format(units));
  const lineWarnings: Issue[] = [];
  let contractSum = 0n;
  let costToDate = 0n;
  let estimatedCost: bigint | undefined;
  const lines = basis.lines.map((line, i): LineWip => {
    const cost = basis.costs[i] ?? 0n;
    const billed = basis.billedByLine.get(line.key) ?? 0n;
    const name = rowName("Line", line.index, line.id);
    contractSum += line.contractValue;
    costToDate += cost;
    if (line.estimatedCost !== undefined) estimatedCost = (estimatedCost ?? 0n) + line.estimatedCost;
    if (line.estimatedCost === undefined && cost > 0n) {
      lineWarnings.push({ code: "COST_WITHOUT_ESTIMATE", path: ["lines", line.index], message: MESSAGES.COST_WITHOUT_ESTIMATE(name, reader.format(cost)) });
    }
    if (line.estimatedCost !== undefined && cost > line.estimatedCost) {
      lineWarnings.push({
        code: "COST_OVER_ESTIMATE", path: ["lines", line.index],
        message: MESSAGES.COST_OVER_ESTIMATE(name, reader.format(cost), reader.format(line.estimatedCost)),
      });
    }
    const e = earned(line.contractValue, cost, line.estimatedCost, reader);
    return {
      id: line.id, contractValue: reader.format(line.contractValue), billedToDate: reader.format(billed),
      estimatedCost: format(line.estimatedCost ?? null), costToDate: reader.format(cost),
      percentCompleteByCost: e.percentCompleteByCost, earnedRevenue: format(e.earnedRevenue),
      overUnderBilling: format(e.earnedRevenue === null ? null : billed - e.earnedRevenue),
    };
  });
  const e = earned(contractSum, costToDate, estimatedCost, reader);
  const profit = estimatedCost === undefined ? null : contractSum - estimatedCost;
  const warnings: Issue[] = [];
  if (estimatedCost !== undefined && estimatedCost > contractSum) {
    warnings.push({
      code: "EXPECTED_LOSS", path: [],
      message: MESSAGES.EXPECTED_LOSS(reader.format(estimatedCost), reader.format(contractSum), reader.format(estimatedCost - contractSum)),
    });
  }
  return {
    figures: {
      contractSumToDate: reader.format(contractSum),
      billedToDate: reader.format(basis.billedToDate),
      certifiedToDate: reader.format(basis.certifiedToDate),
      estimatedCost: format(estimatedCost ?? null),
      costToDate: reader.format(costToDate),
      percentCompleteByCost: e.percentCompleteByCost,
      earnedRevenue: format(e.earnedRevenue),
      overUnderBilling: format(e.earnedRevenue === null ? null : basis.billedToDate - e.earnedRevenue),
      estimatedGrossProfit: format(profit),
      // A margin is a share of the contract sum: none of a contract worth nothing.
      estimatedMargin: profit === null || contractSum === 0n ? null : formatFraction(profit, contractSum),
      grossProfitToDate: format(e.earnedRevenue === null ? null : e.earnedRevenue - costToDate),
    },
    lines,
    warnings: [...warnings, ...lineWarnings],
  };
}
