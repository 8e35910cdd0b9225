import { type IssuedInvoice, formatAmount, subtractAmount } from "../core";
import { checkOf, readBillingLog } from "./billing-log";
import { dateTextProblem, isoToSerial, today } from "./dates";
import { commitDocument } from "./generate-invoice";
import { type InvoiceHeader, layoutCreditNote } from "./invoice-sheet";
import { documentText } from "../i18n";
import { describeAdvance } from "./kind-rows";
import { documentsMissingFromLog, dueDateOf, issueDateProblem, issuedInvoice, namesTaken, numberingOf, overlongTexts, protectedByOwner, sheetToReplace } from "./plan-invoice";
import { NAMES, type CellValue, type LogCommit, type SheetLayout, type WorkbookPort, type WorkbookSnapshot } from "./port";
import { restateDocument } from "./restate";
import { type WorkbookProblem, problem } from "./problems";
import { type ContractSettings, creditNoteNumber, readSettings, sheetNameProblem } from "./settings";

export interface CreditNoteOptions {
  /** ISO date of the credit note; default today. Never before the last document in the billing log. */
  date?: string;
}

/** Everything issuing a credit note will write, worked out before anything is written. */
export interface CreditNotePlan {
  ok: true;
  number: string;
  cancels: string;
  settings: ContractSettings;
  layout: SheetLayout;
  replace: string | undefined;
  commit: LogCommit;
  /** The credit note as the exporters read it: the cancelled invoice's figures, under the credit note's number. */
  issued: IssuedInvoice;
}

export type CreditNoteOutcome =
  | { ok: true; number: string; sheet: string; cancels: string; totalCredited: string; issued: IssuedInvoice; warnings: WorkbookProblem[] }
  | { ok: false; problems: WorkbookProblem[] };

/**
 * Issues a credit note that cancels the latest invoice in force: an issued invoice is never
 * edited, it is cancelled, and the next invoice then starts where the one before it ended.
 * The same three round trips as Generate: read, write the sheet, commit to the log.
 */
export async function issueCreditNote(port: WorkbookPort, options: CreditNoteOptions = {}): Promise<CreditNoteOutcome> {
  const plan = planCreditNote(await port.read(NAMES.milestones), options);
  if (!plan.ok) return plan;
  await port.writeInvoiceSheet(plan.layout, plan.replace);
  const warnings = await commitDocument(port, plan.commit, plan.number, numberingOf(plan.settings));
  const { totalDue } = plan.issued.result.summary;
  return {
    ok: true, number: plan.number, sheet: plan.layout.name, cancels: plan.cancels, issued: plan.issued, warnings,
    totalCredited: formatAmount(subtractAmount("0", totalDue), plan.issued.result.minorUnits),
  };
}

/** Works out the credit note from one read of the workbook; pure, so the task pane can show it first. */
export function planCreditNote(snapshot: WorkbookSnapshot, options: CreditNoteOptions = {}): CreditNotePlan | { ok: false; problems: WorkbookProblem[] } {
  const { settings, place, problems } = readSettings(snapshot.settings);
  if (settings === undefined) return { ok: false, problems };
  const { log, problems: logProblems } = readBillingLog(snapshot.invoices, snapshot.invoiceLines, numberingOf(settings));
  if (logProblems.length > 0) return { ok: false, problems: logProblems };
  const missing = documentsMissingFromLog(snapshot, settings, log);
  if (missing !== undefined) return { ok: false, problems: [missing] };
  const number = creditNoteNumber(settings, log.lastCreditSequence + 1);
  const cancelled = log.active[log.active.length - 1];
  if (cancelled === undefined) return { ok: false, problems: [problem("NOTHING_TO_CREDIT", "There is no issued invoice in force to cancel.")] };
  const date = options.date ?? today();
  const wrongDate = dateTextProblem("The credit note date", date);
  if (wrongDate !== undefined) return { ok: false, problems: [problem("INVALID_DATE", wrongDate)] };
  const dateProblem = issueDateProblem(date, "credit note", log);
  if (dateProblem !== undefined) return { ok: false, problems: [dateProblem] };
  const dueDate = dueDateOf(date, settings, place);
  if (typeof dueDate === "object") return { ok: false, problems: [dueDate] };
  const tooLong = [sheetNameProblem(number, "Credit note prefix", place), ...(snapshot.milestones === undefined ? [] : overlongTexts(snapshot.milestones))]
    .filter((p) => p !== undefined);
  if (tooLong.length > 0) return { ok: false, problems: tooLong };

  const replace = sheetToReplace(snapshot, log, number, number);
  if (typeof replace === "object") return { ok: false, problems: [replace] };
  const taken = [...namesTaken(snapshot, number, replace), ...protectedByOwner(snapshot)];
  if (taken.length > 0) return { ok: false, problems: taken };
  const last = restateDocument(log, log.active.length - 1, snapshot.milestones, settings, "Put back what it was issued with, issue the credit note, then make the change again.");
  if ("code" in last) return { ok: false, problems: [last] };
  const restated = last.advance === undefined ? last.result : describeAdvance(last.result, last.advance, documentText(settings.language));

  const header: InvoiceHeader = {
    number, kind: "credit note", credits: cancelled.number, invoiceDate: date,
    periodStart: cancelled.periodStart, periodEnd: cancelled.periodEnd, dueDate,
  };
  const negated = (amount: string): number => Number(subtractAmount("0", amount));
  const lineRows: CellValue[][] = cancelled.lines.map((l) => [number, l.id, null, null, negated(l.thisPeriod), null, null, null]);
  const invoiceRow: CellValue[] = [
    number, "credit note", cancelled.number, isoToSerial(date), isoToSerial(cancelled.periodStart), isoToSerial(cancelled.periodEnd),
    cancelled.currency, number, null, null, null, negated(cancelled.retentionReleased), null, null, negated(cancelled.advanceRecovered),
    negated(cancelled.currentPaymentDue), negated(cancelled.tax), negated(cancelled.totalDue), lineRows.length,
  ];
  return {
    ok: true, number, cancels: cancelled.number, settings, replace,
    layout: layoutCreditNote(number, header, settings, restated),
    // The due date its sheet prints, as for an invoice: a credit note is never paid (the finance figures leave it out).
    commit: { invoiceRow: [...invoiceRow, checkOf(invoiceRow, lineRows), isoToSerial(dueDate)], lineRows, createLog: false, placement: log.placement, settings: [], lockSheet: number, time: undefined },
    issued: issuedInvoice(header, settings, restated, []),
  };
}
