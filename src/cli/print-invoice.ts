import { type BillingResult, Dec, type IssuedInvoice, type TimesheetAggregate, addAmounts } from "../core";
import { titleOf } from "../export/document";

/** An issued (or planned) invoice as text for a terminal: the lines billed, then the G702 summary; an advance invoice's advance; a final invoice's statement. */
export function printInvoice(invoice: IssuedInvoice): string[] {
  const r: BillingResult = invoice.result;
  const s = r.summary;
  const title = titleOf(invoice);
  const amount = (text: string): string => text.padStart(16);
  if (invoice.kind === "advance invoice") {
    return [
      `${title} ${invoice.number}  ${invoice.invoiceDate}  due ${invoice.dueDate}`,
      `From ${invoice.supplier.name} to ${invoice.client.name}${invoice.contractReference === "" ? "" : `, contract ${invoice.contractReference}`}`,
      "",
      ...r.lines.map((l) => `${l.id.padEnd(10)} ${l.description.padEnd(60).slice(0, 60)} ${`${new Dec(l.taxRate).times(100).toString()}%`.padStart(6)} ${amount(l.thisPeriod)}`),
      "",
      ...r.taxBreakdown.map((t) => `${`Tax at ${new Dec(t.rate).times(100).toString()}%`.padEnd(30)} ${amount(t.tax)}`),
      `${`Total due (${r.currency})`.padEnd(30)} ${amount(s.totalDue)}`,
    ];
  }
  const statement = invoice.finalStatement;
  const lines = [
    `${title} ${invoice.number}  ${invoice.invoiceDate}  period ${invoice.periodStart} to ${invoice.periodEnd}  due ${invoice.dueDate}`,
    `From ${invoice.supplier.name} to ${invoice.client.name}${invoice.contractReference === "" ? "" : `, contract ${invoice.contractReference}`}`,
    "",
    `${"Item".padEnd(10)} ${"Scheduled".padStart(16)} ${"Previous".padStart(16)} ${"This period".padStart(16)} ${"To date".padStart(16)} ${"Retention".padStart(16)}`,
    ...r.lines.map(
      (l) => `${l.id.slice(0, 10).padEnd(10)} ${amount(l.scheduledValue)} ${amount(l.previouslyCompleted)} ${amount(l.thisPeriod)} ${amount(l.completedAndStoredToDate)} ${amount(l.retention)}`,
    ),
    "",
    ...(
      [
        ["Contract sum to date", s.contractSumToDate],
        ["Completed and stored to date", s.totalCompletedAndStoredToDate],
        ["Retention", s.totalRetention],
        ["Earned less retention", s.totalEarnedLessRetention],
        ["Previous certificates", s.previousCertificates],
        ...(s.advanceRecovery === "0" || /^0(\.0+)?$/.test(s.advanceRecovery) ? [] : [["Advance recovered", s.advanceRecovery]]),
        ["Current payment due", s.currentPaymentDue],
        ["Tax", s.tax],
        [`Total due (${r.currency})`, s.totalDue],
      ] as const
    ).map(([label, value]) => `${label.padEnd(30)} ${amount(value)}`),
    ...(statement === undefined ? [] : [
      "",
      `${"Contract price".padEnd(30)} ${amount(statement.contractPrice)}  VAT ${statement.contractTax}`,
      ...statement.preceding.map((p) => `${`  less ${p.number} ${p.invoiceDate}`.padEnd(30)} ${amount(p.net)}  VAT ${p.tax}`),
      `${"This invoice".padEnd(30)} ${amount(statement.net)}  VAT ${statement.tax}`,
    ]),
  ];
  return lines;
}

/**
 * What an invoice billed from the Timesheet table, for a terminal: the hours this period and the
 * entries billed for the first time, then each late entry (dated in a period already billed), by
 * name, since it is billed now rather than in the period it is dated in.
 */
export function printTimesheet(time: TimesheetAggregate | undefined): string[] {
  if (time === undefined) return [];
  const sum = new Dec(addAmounts(time.lines.map((line) => line.hoursThisPeriod)));
  const hours = sum.toFixed(Math.max(2, sum.decimalPlaces()));
  const count = time.newEntries.length;
  return [
    `  timesheet: ${hours} h this period, ${count} entr${count === 1 ? "y" : "ies"} billed for the first time${time.lateEntries.length === 0 ? "" : `, ${time.lateEntries.length} of them late`}.`,
    ...time.lateEntries.map((e) => `  late entry, billed now: ${e.date} ${e.person.trim()}, line ${e.line.trim()}, ${e.hours} h${e.note.trim() === "" ? "" : ` (${e.note.trim()})`}, row ${e.sourceRow} of the timesheet.`),
  ];
}
