import { type ContractFinances, addAmounts, isBlankCell, readFinanceLines } from "../core";
import type { LoggedInvoice } from "../workbook/billing-log";
import { readFinances } from "../workbook/finances";
import { NAMES, type WorkbookSnapshot } from "../workbook/port";

/** Billed, earned and cost to date at one date; null where the workbook cannot say what they were then. */
export interface TimelinePoint {
  date: string;
  billed: string;
  earned: string | null;
  cost: string | null;
}

export interface Timeline {
  points: TimelinePoint[];
  /** The costs are dated rows of a Costs table, so cost and earned revenue are known at each invoice date too. */
  datedCosts: boolean;
}

/**
 * Billed to date at each invoice in force up to the as-of date, then billed, earned and cost as
 * of that date. A Cost to date column says only what the work has cost by now, so the earlier
 * points carry no cost or earned revenue: drawing today's cost at an old date would show work
 * that was not done yet. With a Costs table of dated rows they do, worked out with today's
 * estimates (an estimate's history is not kept). See docs/decisions/0032-finance-charts.md.
 */
export function financeTimeline(snapshot: WorkbookSnapshot, history: readonly LoggedInvoice[], finances: ContractFinances): Timeline {
  const datedCosts = costsAreDated(snapshot);
  const points = history
    // An advance invoice bills no work; a final invoice bills the last of it.
    .filter((invoice) => (invoice.kind === "invoice" || invoice.kind === "final invoice") && invoice.invoiceDate <= finances.asOf)
    .map((invoice): TimelinePoint => {
      const billed = addAmounts(invoice.lines.map((line) => line.completedAndStoredToDate));
      if (!datedCosts) return { date: invoice.invoiceDate, billed, earned: null, cost: null };
      const then = readFinances(snapshot, { table: NAMES.milestones, asOf: invoice.invoiceDate });
      return then.ok
        ? { date: invoice.invoiceDate, billed, earned: then.finances.earnedRevenue, cost: then.finances.costToDate }
        : { date: invoice.invoiceDate, billed, earned: null, cost: null };
    });
  const now: TimelinePoint = { date: finances.asOf, billed: finances.billedToDate, earned: finances.earnedRevenue, cost: finances.costToDate };
  // An invoice dated on the as-of date is that point already.
  return { points: points.at(-1)?.date === finances.asOf ? [...points.slice(0, -1), now] : [...points, now], datedCosts };
}

function costsAreDated(snapshot: WorkbookSnapshot): boolean {
  const rows = snapshot.costs?.values.slice(1) ?? [];
  if (!rows.some((row) => row.some((cell) => !isBlankCell(cell)))) return false;
  const lines = snapshot.milestones === undefined ? [] : readFinanceLines(snapshot.milestones.values).lines;
  return lines.every((line) => line.costToDate === undefined);
}
