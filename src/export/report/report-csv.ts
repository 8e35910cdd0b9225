import { type Cell, field, num } from "../csv-exporter";
import { type FinanceReport, type ReportTable, agingReport, wipSchedule } from "./report";

/**
 * The WIP schedule and the aging report as two CSV files (RFC 4180, UTF-8 with a byte order
 * mark for Excel, as the invoice's CSV), each a plain rectangular table that any program loads
 * as it is: a first column `Record` says whether a row is a contract's or a currency's total.
 * Amounts are plain decimals ("-1234.50"), fractions plain ("0.4667"), and a figure there is
 * none of (no estimated cost) an empty field.
 */
export function toReportCsv(report: FinanceReport): { wip: string; aging: string } {
  return { wip: tableCsv(wipSchedule(report)), aging: tableCsv(agingReport(report)) };
}

function tableCsv(table: ReportTable): string {
  const rows: Cell[][] = [
    ["Record", ...table.columns.map((c) => c.label)],
    ...table.rows.map((row) => [
      row.kind,
      ...row.cells.map((cell, i): Cell => {
        const kind = table.columns[i]?.kind ?? "text";
        if (cell === null || cell === undefined) return "";
        return kind === "amount" || kind === "fraction" || kind === "count" ? num(cell) : cell;
      }),
    ]),
  ];
  return `\uFEFF${rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}
