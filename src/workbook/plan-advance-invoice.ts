import { Dec, type IssuedInvoice, computeAdvanceInvoice, isoToSerial } from "../core";
import { ADVANCE_LINE, checkOf, readBillingLog } from "./billing-log";
import { dateTextProblem, today } from "./dates";
import { commitDocument } from "./generate-invoice";
import type { InvoiceHeader } from "./invoice-sheet";
import { layoutAdvanceInvoice } from "./advance-sheet";
import { documentText } from "../i18n";
import { describeAdvance } from "./kind-rows";
import {
  buildRequest, documentsMissingFromLog, dueDateOf, issueDateProblem, issuedInvoice, missingTableProblem, namesTaken, numberingOf, placeProblem, planSequence,
  protectedByOwner, sheetToReplace,
} from "./plan-invoice";
import { NAMES, type CellValue, type LogCommit, type SheetLayout, type WorkbookPort, type WorkbookSnapshot } from "./port";
import { type WorkbookProblem, problem } from "./problems";
import { type ContractSettings, invoiceNumber, readSettings, settingProblem, settingWrites, sheetNameProblem } from "./settings";

export interface AdvanceInvoiceOptions {
  /** ISO date of the advance invoice; default today. Never before the last document in the billing log. */
  date?: string;
}

/** Everything issuing an advance invoice will write, worked out before anything is written. */
export interface AdvanceInvoicePlan {
  ok: true;
  number: string;
  settings: ContractSettings;
  layout: SheetLayout;
  replace: string | undefined;
  commit: LogCommit;
  /** The advance invoice as the exporters read it. */
  issued: IssuedInvoice;
}

export type AdvanceInvoiceOutcome =
  | { ok: true; number: string; sheet: string; issued: IssuedInvoice; warnings: WorkbookProblem[] }
  | { ok: false; problems: WorkbookProblem[] };

/**
 * Issues the advance (down-payment) invoice of the contract's Advance payment setting: UNTDID
 * 1001 type 386, numbered in the invoices' series, its VAT charged when it is issued (see
 * docs/decisions/0036-advance-and-final-invoices.md). The same three round trips as Generate.
 */
export async function issueAdvanceInvoice(port: WorkbookPort, options: AdvanceInvoiceOptions = {}): Promise<AdvanceInvoiceOutcome> {
  const plan = planAdvanceInvoice(await port.read(NAMES.milestones), options);
  if (!plan.ok) return plan;
  await port.writeInvoiceSheet(plan.layout, plan.replace);
  const warnings = await commitDocument(port, plan.commit, plan.number, numberingOf(plan.settings));
  return { ok: true, number: plan.number, sheet: plan.layout.name, issued: plan.issued, warnings };
}

/**
 * Works out the advance invoice from one read of the workbook; pure, so the task pane can show it
 * first. An advance is invoiced once, before the contract's first progress invoice: afterwards
 * its recovery has begun without VAT, and a second advance invoice would charge VAT twice.
 */
export function planAdvanceInvoice(snapshot: WorkbookSnapshot, options: AdvanceInvoiceOptions = {}): AdvanceInvoicePlan | { ok: false; problems: WorkbookProblem[] } {
  const table = snapshot.milestones;
  if (table === undefined) return { ok: false, problems: [missingTableProblem(NAMES.milestones)] };
  const { settings, place, problems } = readSettings(snapshot.settings);
  if (settings === undefined) return { ok: false, problems };
  const { log, problems: logProblems } = readBillingLog(snapshot.invoices, snapshot.invoiceLines, numberingOf(settings));
  if (logProblems.length > 0) return { ok: false, problems: logProblems };
  const missing = documentsMissingFromLog(snapshot, settings, log);
  if (missing !== undefined) return { ok: false, problems: [missing] };

  if (settings.advance === undefined) {
    return { ok: false, problems: [settingProblem(place, "Advance payment", "REQUIRED", "Advance payment is blank: enter the advance the contract agrees (an amount), then issue its invoice.")] };
  }
  if (log.advanceInvoice !== undefined) {
    const { number } = log.advanceInvoice.invoice;
    return { ok: false, problems: [settingProblem(place, "Advance payment", "ADVANCE_ALREADY_INVOICED", `${number} already invoices the advance, and a contract has one advance invoice in force. To invoice it again (another amount, say), cancel ${number} with a credit note first.`)] };
  }
  const work = log.active.find((entry) => entry.kind !== "advance invoice");
  if (work !== undefined) {
    return { ok: false, problems: [problem("ADVANCE_AFTER_PROGRESS", `${work.number} is in force: an advance invoice comes before the contract's first progress invoice, whose recovery of the advance has begun without VAT on it. The advance stays outside VAT, recovered as before; or cancel the invoices from ${work.number} on with credit notes, then invoice the advance first.`)] };
  }
  const date = options.date ?? today();
  const wrongDate = dateTextProblem("The advance invoice date", date);
  if (wrongDate !== undefined) return { ok: false, problems: [problem("INVALID_DATE", wrongDate)] };
  const dateProblem = issueDateProblem(date, "invoice", log);
  if (dateProblem !== undefined) return { ok: false, problems: [dateProblem] };
  const sequence = planSequence(settings, place, log, problems);
  // The lines give the contract sum and its VAT rates, across which the advance is split.
  const built = buildRequest(table, settings, log, problems, undefined);
  if (problems.length > 0 || sequence === undefined || built === undefined) return { ok: false, problems };
  const number = invoiceNumber(settings, sequence);
  const tooLong = sheetNameProblem(`Draft ${number}`, "Invoice prefix", place);
  if (tooLong !== undefined) return { ok: false, problems: [tooLong] };

  // Only what the split needs of each line: its value, whether it is a change order, its VAT rate (not its progress).
  const { currency, rounding, tax, lines } = built.request;
  const outcome = computeAdvanceInvoice({
    currency, rounding, tax, advance: { amount: settings.advance.amount },
    lines: lines.map((line) => ({ id: line.id, scheduledValue: line.scheduledValue, ...(line.changeOrder === undefined ? {} : { changeOrder: line.changeOrder }), ...(line.taxRate === undefined ? {} : { taxRate: line.taxRate }) })),
  });
  if (!outcome.ok) return { ok: false, problems: outcome.errors.map((e) => placeProblem(e, built, table, place)) };
  const dueDate = dueDateOf(date, settings, place);
  if (typeof dueDate === "object") return { ok: false, problems: [dueDate] };
  const replace = sheetToReplace(snapshot, log, number, number);
  if (typeof replace === "object") return { ok: false, problems: [replace] };
  const taken = [...namesTaken(snapshot, number, replace), ...protectedByOwner(snapshot)];
  if (taken.length > 0) return { ok: false, problems: taken };

  // An advance covers no period of work: its period is its date.
  const header: InvoiceHeader = { number, kind: "advance invoice", credits: undefined, invoiceDate: date, periodStart: date, periodEnd: date, dueDate };
  const result = describeAdvance(outcome.result, outcome.advance, documentText(settings.language));
  const s = result.summary;
  const lineRows: CellValue[][] = outcome.advance.byRate.map((r) => [number, ADVANCE_LINE.label(new Dec(r.rate).times(100).toString()), null, null, Number(r.amount), null, null, null]);
  const invoiceRow: CellValue[] = [
    number, "advance invoice", null, isoToSerial(date), isoToSerial(date), isoToSerial(date), result.currency, number,
    Number(s.contractSumToDate), 0, 0, 0, 0, 0, 0, Number(s.currentPaymentDue), Number(s.tax), Number(s.totalDue), lineRows.length,
  ];
  return {
    ok: true, number, settings, replace,
    layout: layoutAdvanceInvoice(number, header, settings, result),
    commit: {
      invoiceRow: [...invoiceRow, checkOf(invoiceRow, lineRows), isoToSerial(dueDate)], lineRows,
      createLog: snapshot.invoices === undefined, placement: log.placement,
      settings: settingWrites({ "Next invoice number": sequence + 1 }, place), lockSheet: number, time: undefined,
    },
    issued: { ...issuedInvoice(header, settings, result, []), advancePayment: outcome.advance },
  };
}
