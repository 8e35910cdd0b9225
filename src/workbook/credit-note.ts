import { formatAmount, minorUnitsOf, subtractAmount } from "../core";
import { checkOf, readBillingLog } from "./billing-log";
import { addDays, isIsoDate, isoToSerial, today } from "./dates";
import { type InvoiceHeader, layoutCreditNote } from "./invoice-sheet";
import { numberingOf, sheetToReplace } from "./plan-invoice";
import { NAMES, type CellValue, type WorkbookPort } from "./port";
import { type WorkbookProblem, problem } from "./problems";
import { creditNoteNumber, readSettings } from "./settings";

export type CreditNoteOutcome =
  | { ok: true; number: string; sheet: string; cancels: string; totalCredited: string }
  | { ok: false; problems: WorkbookProblem[] };

/**
 * Issues a credit note that cancels the latest invoice in force: an issued invoice is never
 * edited, it is cancelled, and the next invoice then starts where the one before it ended.
 * The same three round trips as Generate: read, write the sheet, commit to the log.
 */
export async function issueCreditNote(port: WorkbookPort, options: { date?: string } = {}): Promise<CreditNoteOutcome> {
  const snapshot = await port.read(NAMES.milestones);
  const { settings, problems } = readSettings(snapshot.settings);
  if (settings === undefined) return { ok: false, problems };
  const { log, problems: logProblems } = readBillingLog(snapshot.invoices, snapshot.invoiceLines, numberingOf(settings));
  if (logProblems.length > 0) return { ok: false, problems: logProblems };
  const cancelled = log.active[log.active.length - 1];
  if (cancelled === undefined) return { ok: false, problems: [problem("NOTHING_TO_CREDIT", "There is no issued invoice in force to cancel.")] };
  const date = options.date ?? today();
  if (!isIsoDate(date)) return { ok: false, problems: [problem("INVALID_DATE", `The date "${date}" is not a date written as YYYY-MM-DD.`)] };

  const number = creditNoteNumber(settings, log.lastCreditSequence + 1);
  const replace = sheetToReplace(snapshot, log, number, number);
  if (typeof replace === "object") return { ok: false, problems: [replace] };
  const header: InvoiceHeader = {
    number, kind: "credit note", credits: cancelled.number, invoiceDate: date,
    periodStart: cancelled.periodStart, periodEnd: cancelled.periodEnd, dueDate: addDays(date, settings.paymentTermsDays),
  };
  const minorUnits = minorUnitsOf(cancelled.currency) ?? 2;
  await port.writeInvoiceSheet(layoutCreditNote(number, header, settings, cancelled, minorUnits), replace);

  const negated = (amount: string): number => Number(subtractAmount("0", amount));
  const lineRows: CellValue[][] = cancelled.lines.map((l) => [number, l.id, null, null, negated(l.thisPeriod), null, null, null]);
  const invoiceRow: CellValue[] = [
    number, "credit note", cancelled.number, isoToSerial(date), isoToSerial(cancelled.periodStart), isoToSerial(cancelled.periodEnd),
    cancelled.currency, number, null, null, null, negated(cancelled.retentionReleased), null, null, negated(cancelled.advanceRecovered),
    negated(cancelled.currentPaymentDue), negated(cancelled.tax), negated(cancelled.totalDue), lineRows.length,
  ];
  await port.commitInvoice({ invoiceRow: [...invoiceRow, checkOf(invoiceRow, lineRows)], lineRows, createLog: false, placement: log.placement, settings: [], lockSheet: number });
  return { ok: true, number, sheet: number, cancels: cancelled.number, totalCredited: formatAmount(subtractAmount("0", cancelled.totalDue), minorUnits) };
}
