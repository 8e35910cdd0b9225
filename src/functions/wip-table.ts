import { type WipFigures, computeWip, placeIssue, readFinanceLines } from "../core";
import { asOfDate } from "./cell-dates";
import { cellError, numberText, problemsError, toCell } from "./cell-call";
import { rangeError } from "./spilled-tables";

/** The contract's WIP and margin figures, in the order and with the names of the finance rules. */
const WIP_ROWS: [string, keyof WipFigures][] = [
  ["Contract sum to date", "contractSumToDate"],
  ["Billed to date", "billedToDate"],
  ["Certified to date", "certifiedToDate"],
  ["Estimated cost", "estimatedCost"],
  ["Cost to date", "costToDate"],
  ["% complete by cost", "percentCompleteByCost"],
  ["Earned revenue", "earnedRevenue"],
  ["Over/under billing", "overUnderBilling"],
  ["Estimated gross profit", "estimatedGrossProfit"],
  ["Estimated margin", "estimatedMargin"],
  ["Gross profit to date", "grossProfitToDate"],
];

export interface WipOptions {
  billedToDate: number | null | undefined;
  certifiedToDate: number | null | undefined;
  currency: string;
}

/**
 * The WIP schedule of a milestone range (Cost to date and Estimated cost columns), as label and
 * value; a figure the rules leave out (no estimated cost at all) is an empty cell, not 0.
 * Desktop Excel passes a blank cell of the range as 0 (office-js issues #4702, #5262, #1951):
 * the range is read as a function argument, so a 0 in Estimated cost is no estimate, as a
 * blank is, and a 0 cost to date is a blank too; the figures are the same on every Excel.
 * The core's warnings (an expected loss, a cost over its estimate) have no place in a cell:
 * the figures show them, and the task pane and `interim report` name them.
 */
export function wipTable(values: unknown[][], options: WipOptions): (string | number)[][] {
  const read = readFinanceLines(values, "function argument");
  const header = values[0] ?? [];
  const missing = read.issues.find((issue) => issue.code === "MISSING_COLUMN");
  if (missing !== undefined) throw cellError("notAvailable", missing.message);
  if (read.issues.length > 0) throw rangeError(read.issues.map((issue) => placeIssue(issue, read.table, header)));
  if (read.lines.length === 0) throw cellError("value", "The range has headers but no milestone rows.");
  const outcome = computeWip({
    // Without cost rows, the as-of date only has to be a date: the range's costs are to date.
    asOf: asOfDate(null),
    currency: options.currency,
    lines: read.lines,
    costs: [],
    billedToDate: numberText(options.billedToDate),
    certifiedToDate: numberText(options.certifiedToDate),
    // The figures spilled are the contract's, which need no line's billing.
    billedByLine: new Map(),
  });
  // The core's messages name the line ("Line 3 (M3): the estimated cost ...") or the argument.
  if (!outcome.ok) throw problemsError(outcome.errors.map((issue) => issue.message));
  return WIP_ROWS.map(([label, field]) => {
    const figure = outcome.figures[field];
    return [label, figure === null ? "" : toCell(figure)];
  });
}
