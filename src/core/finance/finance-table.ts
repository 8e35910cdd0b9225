import { isBlankCell, numberToDecimalText } from "../cells";
import { DATE_RANGE, isIsoDate, isSerialInRange, isoToSerial, serialText, serialToIso } from "../dates";
import { MESSAGES } from "../issues";
import { type MilestoneTable, type TableField, type TableIssue, type TableSource, fieldOfHeader, readMilestoneTable } from "../milestone-table";
import type { FinanceLineInput } from "./types";

/** The milestone table as the finance figures read it. */
export interface FinanceTable {
  lines: FinanceLineInput[];
  /** The table as read: its rows and columns place a core problem on ["lines", i, field] at its cell (placeIssue). */
  table: MilestoneTable;
  /** Problems of the columns and cells the finance figures read, each at its row and column (the header is row 0). */
  issues: TableIssue[];
}

/** What the finance figures read of the milestone table; problems elsewhere in it (progress, tax) are the invoice's. */
const READ: ReadonlySet<TableField> = new Set(["id", "scheduledValue", "costToDate", "estimatedCost", "plannedCompletion"]);

/**
 * Reads the lines of a milestone table (rows of cell values, headers first) for the finance
 * figures: each line's id, contract value (C), cost to date, estimated cost and planned
 * completion, as the core's FinanceLineInput. Amounts stay as the cells give them (the core
 * judges them); a planned completion becomes an ISO date, from a date serial or ISO text.
 */
export function readFinanceLines(values: readonly (readonly unknown[])[], source: TableSource = "cells"): FinanceTable {
  const table = readMilestoneTable(values, source);
  const header = values[0] ?? [];
  const issues = [...table.issues.filter((issue) => READ.has(fieldOf(issue, header) as TableField)), ...table.financeIssues];
  const planned = table.columnOf.plannedCompletion;
  const lines = table.lines.map((line, i): FinanceLineInput => {
    const cells = table.finance[i] ?? {};
    const row = table.rowOfLine[i] ?? 0;
    return {
      id: textOf(line.id),
      contractValue: textOf(line.scheduledValue),
      costToDate: optionalText(cells.costToDate),
      estimatedCost: optionalText(cells.estimatedCost),
      plannedCompletion: planned === undefined ? undefined : plannedDate(cells.plannedCompletion, header[planned], row, planned, issues),
    };
  });
  return { lines, table, issues };
}

/** The field a table problem is about: its column's, or the one its path names. */
function fieldOf(issue: TableIssue, header: readonly unknown[]): unknown {
  if (issue.path[0] !== "columns") return issue.path[2];
  return issue.column === undefined ? issue.path[1] : fieldOfHeader(header[issue.column]);
}

/** A cell as the core reads a field of text: a number at Excel's precision, TRUE as "true" (which the core then refuses as an amount). */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberToDecimalText(value);
  return typeof value === "boolean" ? String(value) : "";
}

function optionalText(value: unknown): string | undefined {
  return value === undefined ? undefined : textOf(value);
}

/**
 * A planned completion as an ISO date: a date cell (a serial within the dates Interim accepts;
 * a time of day in it is dropped) or ISO text. Anything else is a problem at its cell, and the
 * line is left unplanned.
 */
function plannedDate(cell: unknown, header: unknown, row: number, column: number, issues: TableIssue[]): string | undefined {
  if (isBlankCell(cell)) return undefined;
  const field = `"${String(header)}"`;
  if (typeof cell === "number" && isSerialInRange(cell)) return serialToIso(Math.floor(cell));
  if (typeof cell === "string" && isIsoDate(cell) && isSerialInRange(isoToSerial(cell))) return cell;
  const shown = typeof cell === "number" ? serialText(cell) : `"${String(cell)}"`;
  const aDate = typeof cell === "number" || (typeof cell === "string" && isIsoDate(cell));
  issues.push({
    code: "INVALID_DATE", path: ["rows", row, "plannedCompletion"], row, column,
    message: aDate ? MESSAGES.DATE_OUT_OF_RANGE(field, shown, DATE_RANGE.first, DATE_RANGE.last) : MESSAGES.NOT_A_DATE(field, shown),
  });
  return undefined;
}
