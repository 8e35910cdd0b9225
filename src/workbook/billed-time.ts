import { type BilledTime, type TimesheetAggregate, numberToDecimalText } from "../core";
import { type CarryForward, appendProblems, dataRows, placementOf } from "./billing-log";
import { BILLED_TIME_HEADERS, type CellValue, type LogTableData, type RowPlacement } from "./port";
import { type WorkbookProblem, problemAt } from "./problems";

const H = Object.fromEntries(BILLED_TIME_HEADERS.map((h, i) => [h, i])) as Record<(typeof BILLED_TIME_HEADERS)[number], number>;

/** A new billed time table takes its first rows into its blank row, as the log's tables do. */
const EMPTY_PLACEMENT: RowPlacement = { discard: [], fillFirstRow: true, columns: BILLED_TIME_HEADERS.map((_, c) => c), width: BILLED_TIME_HEADERS.length };

export interface BilledTimeReading {
  billed: BilledTime;
  placement: RowPlacement;
  problems: WorkbookProblem[];
}

/**
 * What the invoices in force billed from the timesheet, replayed in the order they were issued:
 * the hours and amount to date per line of the latest one that billed hours, and the keys of the
 * entries billed (added when billed, taken out when an invoice found them gone). The rows of a
 * cancelled invoice count for nothing, as its lines do; those of the next invoice are what a
 * failed commit left behind (they are written before its invoice row) and are discarded.
 */
export function readBilledTime(table: LogTableData | undefined, log: CarryForward, nextNumber: string): BilledTimeReading {
  const periodEnd = log.lastPeriodEnd;
  const empty: BilledTime = { ...(periodEnd === undefined ? {} : { periodEnd }), lines: [], entryKeys: [] };
  if (table === undefined) return { billed: empty, placement: EMPTY_PLACEMENT, problems: [] };
  const header = (table.values[0] ?? []).map((h) => String(h ?? "").trim());
  const columns = BILLED_TIME_HEADERS.map((h) => header.indexOf(h));
  const at = (row: number, column: number): { sheet: string; row: number; column: number } => ({ sheet: table.sheet, row: table.top + row, column: table.left + Math.max(0, column) });
  const missing = BILLED_TIME_HEADERS.filter((_, i) => columns[i] === -1);
  if (missing.length > 0) {
    const { sheet, row, column } = at(0, 0);
    const message = `The billed time table ${table.name} no longer has its column${missing.length > 1 ? "s" : ""} ${missing.map((h) => `"${h}"`).join(", ")}: a header was renamed or a column deleted. Undo it (or restore a saved copy); Interim reads the hours already billed by these headers.`;
    return { billed: empty, placement: EMPTY_PLACEMENT, problems: [problemAt("LOG_EDITED", message, sheet, row, column)] };
  }
  const problems = appendProblems(table, { what: `the billed time table ${table.name}`, retry: "generate again", command: "run the command again" });
  const active = new Map(log.active.map((invoice, order) => [invoice.number, order]));
  const issued = new Set(log.all.map((document) => document.number));
  const byInvoice: CellValue[][][] = log.active.map(() => []);
  const torn: number[] = [];
  const rows = dataRows(table);
  rows.forEach((cells, index) => {
    const row = columns.map((column) => cells[column] ?? null);
    const number = text(row[H.Invoice]);
    const order = active.get(number);
    if (order !== undefined) (byInvoice[order] as CellValue[][]).push(row);
    else if (number === nextNumber) torn.push(index);
    else if (number === "" || !issued.has(number)) {
      const { sheet, row: r, column } = at(1 + index, columns[H.Invoice] ?? 0);
      problems.push(problemAt("LOG_EDITED", `Row ${index + 2} of the billed time table (${table.name}) is no invoice Interim recorded: it was typed into or added by hand. Clear or delete it (or restore a saved copy); the hours already billed are read from this table.`, sheet, r, column));
    }
  });
  const keys = new Set<string>();
  let lines: BilledTime["lines"] = [];
  for (const invoiceRows of byInvoice) {
    const lineRows = invoiceRows.filter((row) => text(row[H.Entry]) === "");
    if (lineRows.length > 0) {
      lines = lineRows.map((row) => ({ line: text(row[H.Line]), hoursToDate: number(row[H["Hours to date"]]), amountToDate: number(row[H["Amount to date"]]) }));
    }
    for (const row of invoiceRows) {
      const key = text(row[H.Entry]);
      if (key === "") continue;
      if (text(row[H.Status]) === "removed") keys.delete(key);
      else keys.add(key);
    }
  }
  const placement: RowPlacement = { ...placementOf(table, rows.length === 0 ? table.values.slice(1).map((_, i) => i) : torn), columns, width: header.length };
  return { billed: { ...empty, lines, entryKeys: [...keys] }, placement, problems };
}

/**
 * The rows an invoice adds to the billed time table: each line's hours and amount to date, each
 * entry billed for the first time, and each entry billed before that the timesheet no longer has.
 */
export function billedTimeRows(number: string, aggregate: TimesheetAggregate): CellValue[][] {
  return [
    ...aggregate.lines.map((line) => [number, line.line, Number(line.hoursToDate), Number(line.amountToDate), null, null]),
    ...aggregate.newEntries.map((entry) => [number, entry.line.trim(), null, null, entry.key, "billed"]),
    ...aggregate.removedKeys.map((key) => [number, null, null, null, key, "removed"]),
  ];
}

const text = (value: CellValue | undefined): string => (value === null || value === undefined ? "" : String(value).trim());
const number = (value: CellValue | undefined): string => (typeof value === "number" ? numberToDecimalText(value) : text(value) || "0");
