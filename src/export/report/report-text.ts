import { AGING_BUCKETS, Dec, groupDigits } from "../../core";
import { percentCompleteOf } from "../document";
import {
  type FinanceReport, type ReportContract, type ReportNote, type ReportTable, agingReport, currencyTotals, displayCell, overUnder, wipSchedule,
} from "./report";

/**
 * The report for a terminal: each contract's figures, then the month-end WIP schedule, the
 * aging of receivables and the totals per currency, as aligned columns of plain text.
 */
export function toReportText(report: FinanceReport): string {
  const read = report.contracts.length;
  const all = read + report.failures.length;
  const lines = [`Financial report as of ${report.asOf}: ${read} of ${all} workbook${all === 1 ? "" : "s"} read.`, ""];
  for (const contract of report.contracts) lines.push(...contractText(contract), "");
  if (read > 0) {
    for (const table of [wipSchedule(report), agingReport(report), currencyTotals(report)]) lines.push(...textTable(table), "");
  }
  if (report.failures.length > 0) {
    lines.push(`Not in this report (each problem is listed on standard error): ${report.failures.map((f) => f.file).join(", ")}.`);
  }
  while (lines[lines.length - 1] === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

const LABEL = 26;
const AMOUNT = 16;

function contractText(c: ReportContract): string[] {
  const f = c.finances;
  const who = [c.contract === "" ? "no contract reference" : `contract ${c.contract}`, c.client === "" ? "no client named" : c.client].join(", ");
  const figure = (label: string, value: string | null, kind: "amount" | "fraction" = "amount", note = ""): string =>
    `  ${label.padEnd(LABEL)}${displayCell(value, kind).padStart(AMOUNT)}${note === "" ? "" : `   ${note}`}`;
  const billing = overUnderFigure(f.overUnderBilling);
  const lines = [
    `${c.file}: ${who}, in ${f.currency}`,
    figure("Contract sum to date", f.contractSumToDate),
    figure("Billed to date", f.billedToDate, "amount", "completed and stored, before retention"),
    figure("Certified to date", f.certifiedToDate, "amount", "earned less retention"),
    figure("Invoiced to date", f.invoicedToDate),
    figure("Paid to date", f.paidToDate),
    figure("Outstanding", f.outstanding),
    figure("Overdue", f.overdue),
    figure("Retention held", f.retentionHeld),
    figure("Advance outstanding", f.advanceOutstanding),
    figure("Estimated cost", f.estimatedCost, "amount", f.estimatedCost === null ? "no line has an estimated cost: no WIP figures" : ""),
    figure("Cost to date", f.costToDate),
    figure("% complete (by cost)", f.percentCompleteByCost, "fraction"),
    figure("Earned revenue", f.earnedRevenue),
    figure(billing.label, billing.value, "amount", billing.note),
    figure("Estimated gross profit", f.estimatedGrossProfit, "amount", f.estimatedMargin === null ? "" : `margin ${percentCompleteOf(f.estimatedMargin)}`),
    figure("Gross profit to date", f.grossProfitToDate),
    `  Aging: ${AGING_BUCKETS.map((b) => `${b === "current" ? "current" : `${b.replace("over-", "over ")} days`} ${groupDigits(f.aging[b])}`).join(", ")}`,
  ];
  const overdue = f.invoices.filter((i) => i.daysOverdue > 0);
  lines.push(`  Overdue invoices: ${overdue.length === 0 ? "none" : overdue.length}`);
  for (const i of overdue) lines.push(`    ${i.number}  due ${i.dueDate}  ${i.daysOverdue} day${i.daysOverdue === 1 ? "" : "s"} overdue  ${groupDigits(i.outstanding)} outstanding`);
  if (f.forecast.length > 0) lines.push(`  Forecast: ${f.forecast.map((m) => `${m.month} billing ${groupDigits(m.billing)}, cash ${groupDigits(m.cash)}`).join("; ")}`);
  if (f.unplanned.length > 0) lines.push(`  Lines with no planned completion: ${f.unplanned.map((u) => `${u.id} (balance ${groupDigits(u.balance)})`).join(", ")}`);
  lines.push(...c.warnings.map((w) => `  warning: ${noteText(w)}`));
  return lines;
}

/** Over or under billing, said as an accountant would: which it is, and what it means. */
function overUnderFigure(value: string | null): { label: string; value: string | null; note: string } {
  const { over, under } = overUnder(value);
  if (value === null || new Dec(value).isZero()) return { label: "Over/under billing", value, note: "" };
  return new Dec(value).isNegative()
    ? { label: "Under billing", value: under, note: "earned but not yet billed (an asset): invoice it" }
    : { label: "Over billing", value: over, note: "billed ahead of the work (a liability)" };
}

/** "Milestones!F5: message", as the other commands print a problem. */
export function noteText(note: ReportNote): string {
  return note.sheet === undefined ? note.message : `${note.sheet}!${note.cell ?? ""}: ${note.message}`;
}

/** A table as aligned columns: text to the left, figures to the right, a rule under the header and above the totals. */
export function textTable(table: ReportTable): string[] {
  const shown = table.rows.map((row) => row.cells.map((cell, i) => displayCell(cell, table.columns[i]?.kind ?? "text")));
  const widths = table.columns.map((column, i) => Math.max(column.label.length, ...shown.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => {
        const kind = table.columns[i]?.kind ?? "text";
        const width = widths[i] ?? 0;
        return kind === "text" || kind === "currency" ? cell.padEnd(width) : cell.padStart(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [table.title, line(table.columns.map((c) => c.label)), rule];
  table.rows.forEach((row, i) => {
    if (row.kind === "total" && table.rows[i - 1]?.kind === "contract") out.push(rule);
    out.push(line(shown[i] ?? []));
  });
  return out;
}
