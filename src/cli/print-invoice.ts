import { type BillingResult, Dec, type IssuedInvoice, type TimesheetAggregate, addAmounts } from "../core";

/** An issued (or planned) invoice as text for a terminal: the lines billed, then the G702 summary. */
export function printInvoice(invoice: IssuedInvoice): string[] {
  const r: BillingResult = invoice.result;
  const s = r.summary;
  const title = invoice.kind === "draft" ? "DRAFT INVOICE" : invoice.kind === "credit note" ? "CREDIT NOTE" : "INVOICE";
  const amount = (text: string): string => text.padStart(16);
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
