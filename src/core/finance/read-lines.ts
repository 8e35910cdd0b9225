import { MESSAGES } from "../issues";
import { lineKey } from "./line-key";
import { type FinanceReader, rowName } from "./reader";
import { COST_CATEGORIES, type CostInput, type FinanceLineInput } from "./types";

/** A line of the milestone table with its figures in minor units. */
export interface ReadLine {
  index: number;
  id: string;
  key: string;
  contractValue: bigint;
  /** The Cost to date cell, when filled. */
  costCell: bigint | undefined;
  estimatedCost: bigint | undefined;
  plannedCompletion: string | undefined;
}

export function readLines(reader: FinanceReader, lines: readonly FinanceLineInput[]): ReadLine[] {
  const firstOf = new Map<string, number>();
  return lines.map((line, i) => {
    const name = rowName("Line", i, line.id);
    const key = lineKey(line.id);
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, i);
    else reader.problem("DUPLICATE_ID", ["lines", i, "id"], MESSAGES.DUPLICATE_ID(`${name}: the id`, line.id.trim(), first));
    return {
      index: i, id: line.id, key,
      // A deductive change order is a negative line; 0 lets the checks go on past an unreadable value.
      contractValue: reader.amount(line.contractValue, ["lines", i, "contractValue"], `${name}: the contract value`, "any sign") ?? 0n,
      costCell: reader.optionalAmount(line.costToDate, ["lines", i, "costToDate"], `${name}: the cost to date`, "not below zero"),
      estimatedCost: reader.optionalAmount(line.estimatedCost, ["lines", i, "estimatedCost"], `${name}: the estimated cost`, "not below zero"),
      plannedCompletion: reader.optionalDate(line.plannedCompletion, ["lines", i, "plannedCompletion"], `${name}: the planned completion`),
    };
  });
}

/**
 * Each line's cost to date: its Cost to date cell, or the sum of its rows of the Costs table
 * dated on or before the as-of date (a credit from a supplier is a negative row, but a line's
 * sum may not go below zero). A line's cost is in one place only, and every row belongs to a
 * line. Without an as-of date only the checks are made.
 */
export function readCosts(reader: FinanceReader, costs: readonly CostInput[], lines: readonly ReadLine[], asOf: string | undefined): bigint[] {
  const lineOf = new Map<string, ReadLine>();
  for (const line of lines) if (!lineOf.has(line.key)) lineOf.set(line.key, line);
  const fromRows = new Map<ReadLine, bigint>();
  for (const [i, cost] of costs.entries()) {
    const name = rowName("Cost", i, cost.line);
    const date = reader.date(cost.date, ["costs", i, "date"], `${name}: the date`);
    const amount = reader.amount(cost.amount, ["costs", i, "amount"], `${name}: the amount`, "any sign");
    if (cost.category !== undefined && !COST_CATEGORIES.includes(cost.category)) {
      reader.problem("INVALID_OPTION", ["costs", i, "category"], MESSAGES.INVALID_OPTION(`${name}: the category`, `"${String(cost.category)}"`, `one of ${COST_CATEGORIES.join(", ")}`));
    }
    const id = cost.line.trim();
    const line = lineOf.get(lineKey(id));
    if (id === "") reader.problem("REQUIRED", ["costs", i, "line"], MESSAGES.REQUIRED(`${name}: the line id`));
    else if (line === undefined) reader.problem("UNKNOWN_LINE", ["costs", i, "line"], MESSAGES.UNKNOWN_LINE(name, id));
    if (line === undefined) continue;
    const counted = amount !== undefined && date !== undefined && asOf !== undefined && date <= asOf ? amount : 0n;
    fromRows.set(line, (fromRows.get(line) ?? 0n) + counted);
  }
  return lines.map((line) => {
    const rows = fromRows.get(line);
    if (rows === undefined) return line.costCell ?? 0n;
    const name = rowName("Line", line.index, line.id);
    if (line.costCell !== undefined) reader.problem("COST_TWICE", ["lines", line.index, "costToDate"], MESSAGES.COST_TWICE(name));
    else if (rows < 0n) reader.problem("NEGATIVE_AMOUNT", ["lines", line.index], MESSAGES.NEGATIVE_LINE_COST(name, reader.format(rows)));
    return rows;
  });
}

/** Each line's G on the last invoice in force, as a caller outside the billing log gives it (by line id). */
export function readBilledByLine(reader: FinanceReader, billedByLine: ReadonlyMap<string, string>): Map<string, bigint> {
  const read = new Map<string, bigint>();
  for (const [id, g] of billedByLine) {
    const billed = reader.amount(g, ["billedByLine", id], `Line ${id}: completed and stored to date`, "any sign");
    if (billed !== undefined) read.set(lineKey(id), billed);
  }
  return read;
}
