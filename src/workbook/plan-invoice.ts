import {
  type BillingRequest,
  type BillingResult,
  type IssuedInvoice,
  type TimesheetAggregate,
  PROGRESS_FIELDS,
  computeHoursNotBilled,
  computeTimeAppendix,
  type RoundingMode,
  type Issue,
  type MilestoneInput,
  Dec,
  type AdvanceInput,
  type FinalInvoiceOutcome,
  type FinalStatement,
  addAmounts,
  advanceRecoveredByRate,
  computeFinalInvoice,
  computeInvoice,
  formatAmount,
  minorUnitsOf,
  type TableField,
  isDecimalText,
  isFinanceField,
  lineKey,
  placeIssue,
  subtractAmount,
  readMilestoneTable,
} from "../core";
import { cellAddress } from "./a1";
import { type CarryForward, type Numbering, checkOf, readBillingLog } from "./billing-log";
import { DATE_RANGE, addDays, dateTextProblem, isSerialInRange, isoToSerial, today } from "./dates";
import { type InvoiceHeader, cellTextProblem, layoutInvoiceSheet, paymentTermsOf } from "./invoice-sheet";
import { checkMilestoneCells } from "./milestone-cell-checks";
import { markerName } from "./port-helpers";
import { precedingOf, restateInForce } from "./restate";
import { type TimesheetProgress, planTimesheetProgress } from "./timesheet-progress";
import { NAMES, type CellValue, type LogCommit, type MilestoneData, type SheetLayout, type TableData, type WorkbookSnapshot } from "./port";
import { type WorkbookProblem, problem, problemAt } from "./problems";
import { type ContractSettings, type SettingsPlace, creditNoteNumber, invoiceNumber, nonStandardRateMessage, readSettings, settingProblem, settingWrites, sheetNameProblem } from "./settings";

export interface GenerateOptions {
  /** The milestone table (or sheet) to bill; default Milestones. */
  table?: string;
  /** ISO dates; the invoice date defaults to today and the period end to `defaultPeriodEnd`. */
  invoiceDate?: string;
  periodEnd?: string;
  /** Write a draft sheet (regenerated in place each time) and record nothing in the log. */
  draft?: boolean;
  /** Issue the invoice even when it bills nothing (0.00), which uses up a number; refused otherwise. */
  allowZeroInvoice?: boolean;
  /**
   * Issue the final invoice (Schlussrechnung, facture de solde): the whole contract's price and VAT,
   * less every partial invoice in force, listed. It may bill nothing more than they did.
   */
  final?: boolean;
}

/** Everything Generate will write, worked out before anything is written. */
export interface InvoicePlan {
  ok: true;
  number: string;
  draft: boolean;
  header: InvoiceHeader;
  settings: ContractSettings;
  result: BillingResult;
  layout: SheetLayout;
  /** The document as the exporters read it. */
  issued: IssuedInvoice;
  /** An Interim sheet to delete first: a draft, or one left half-written by a failed attempt. */
  replace: string | undefined;
  commit: LogCommit;
  warnings: WorkbookProblem[];
  /** What the invoice bills from the Timesheet table (hours per line, new and late entries); undefined without one. */
  time: TimesheetAggregate | undefined;
  /** A progress invoice that brings every line to its scheduled value: it could be issued as the final invoice instead. */
  suggestFinal: boolean;
}

export type PlanOutcome = InvoicePlan | { ok: false; problems: WorkbookProblem[] };

/** Settings keys of the request fields a core problem can name. */
const SETTING_OF_FIELD: Record<string, string> = {
  "retention.rate": "Retention rate", "retention.storedMaterialsRate": "Retention on stored materials",
  "retention.steps": "Retention steps", "retention.limit": "Retention limit", "retention.limitRate": "Retention limit rate",
  "retention.release": "Release retention on next invoice", "tax.rate": "Tax rate", "advance.amount": "Advance payment",
  "advance.startsAt": "Advance recovery starts at", "advance.rate": "Advance recovery rate", currency: "Currency",
};

/**
 * Works out the next invoice from one read of the workbook: the settings, the billing log
 * (what the invoice starts from), the milestone table, the core's figures, the sheet and the
 * log rows. Pure: the task pane previews with it, and Generate writes what it returns. Any
 * problem, each with its sheet and cell, means nothing is to be written.
 */
export function planInvoice(snapshot: WorkbookSnapshot, options: GenerateOptions = {}): PlanOutcome {
  const table = snapshot.milestones;
  if (table === undefined) return { ok: false, problems: [missingTableProblem(options.table ?? NAMES.milestones)] };
  const { settings, place, problems } = readSettings(snapshot.settings);
  if (settings === undefined) return { ok: false, problems };
  const { log, problems: logProblems } = readBillingLog(snapshot.invoices, snapshot.invoiceLines, numberingOf(settings));
  // A log that reads cleanly but lacks issued documents is the root cause of any other problem.
  const missing = logProblems.length === 0 ? documentsMissingFromLog(snapshot, settings, log) : undefined;
  if (missing !== undefined) return { ok: false, problems: [missing] };
  problems.push(...logProblems);

  const dates = planDates(options, log, problems);
  const sequence = planSequence(settings, place, log, problems);
  // The rows a failed commit left are those of the number this invoice takes.
  const timesheet = dates === undefined || sequence === undefined ? undefined : planTimesheetProgress(snapshot, settings, log, invoiceNumber(settings, sequence), dates.periodEnd);
  if (timesheet !== undefined && "problems" in timesheet) problems.push(...timesheet.problems);
  const progress = timesheet === undefined || "problems" in timesheet ? undefined : timesheet;
  const request = buildRequest(table, settings, log, problems, progress);
  const advanceChanged = advanceSettingProblem(log, settings, place);
  if (advanceChanged !== undefined) problems.push(advanceChanged);
  if (problems.length > 0 || request === undefined || dates === undefined || sequence === undefined) return { ok: false, problems };
  const number = invoiceNumber(settings, sequence);

  const final = options.final === true;
  const outcome: Computed | { ok: false; problems: WorkbookProblem[] } = final ? computeFinal(request.request, snapshot, settings, log) : computeInvoice(request.request);
  if ("problems" in outcome) return outcome;
  if (!outcome.ok) return { ok: false, problems: outcome.errors.map((e) => placeProblem(e, request, table, place)) };
  const warnings = [...outcome.result.warnings.map((w) => placeProblem(w, request, table, place)), ...(progress?.warnings ?? [])];

  const draft = options.draft === true;
  // A final invoice may bill nothing more: it states the whole contract and settles its VAT and advance.
  if (!draft && !final && options.allowZeroInvoice !== true && billsNothing(outcome.result, log)) {
    const since = log.active[log.active.length - 1];
    return {
      ok: false,
      problems: [problemAt(
        "NOTHING_BILLED",
        `${since === undefined ? "Nothing is billed yet" : `Nothing was billed since ${since.number}`}: no line has work this period, stored materials are as they were, and no retention is released or advance recovered, so the invoice would be 0.00 and use up a number. Update the progress in the milestone table, or ask for a 0.00 invoice explicitly (in the task pane, "Issue a 0.00 invoice anyway"; on the command line, --allow-zero).`,
        table.sheet, table.top, table.left,
      )],
    };
  }
  const sheetName = draft ? `Draft ${number}` : number;
  const tooLong = sheetNameProblem(`Draft ${number}`, "Invoice prefix", place);
  if (tooLong !== undefined) return { ok: false, problems: [tooLong] };
  const dueDate = dueDateOf(dates.invoiceDate, settings, place);
  if (typeof dueDate === "object") return { ok: false, problems: [dueDate] };
  const replace = sheetToReplace(snapshot, log, number, sheetName);
  if (typeof replace === "object") return { ok: false, problems: [replace] };
  const taken = namesTaken(snapshot, sheetName, replace);
  if (taken.length > 0) return { ok: false, problems: taken };
  const locked = draft ? [] : protectedByOwner(snapshot);
  if (locked.length > 0) return { ok: false, problems: locked };
  const header: InvoiceHeader = { number, kind: draft ? "draft" : final ? "final invoice" : "invoice", credits: undefined, ...dates, dueDate };
  const timeFields = progress === undefined ? {} : timeFieldsOf(progress.aggregate, outcome.result, settings.rounding);
  const finalStatement = outcome.statement;
  const layout = layoutInvoiceSheet(sheetName, header, settings, outcome.result, { ...timeFields, ...(finalStatement === undefined ? {} : { finalStatement }) });
  const settingChanges: Record<string, CellValue> = { "Next invoice number": sequence + 1 };
  const time = progress?.time;
  if (request.request.retention?.release !== undefined) settingChanges["Release retention on next invoice"] = null;
  return {
    ok: true, number, draft, header, settings, result: outcome.result, layout, replace, warnings, time: progress?.aggregate,
    suggestFinal: !final && !log.active.some((i) => i.kind === "final invoice") && outcome.result.lines.every((l) => sameAmount(l.balanceToFinish, "0")),
    issued: { ...issuedInvoice(header, settings, outcome.result, log.active.map((i) => i.number)), ...timeFields, ...(finalStatement === undefined ? {} : { finalStatement }) },
    commit: {
      ...logRows(number, sheetName, header, outcome.result),
      createLog: snapshot.invoices === undefined,
      placement: log.placement,
      settings: settingWrites(settingChanges, place),
      lockSheet: sheetName,
      // A first timesheet that bills nothing yet leaves the workbook as it was: no empty table is created.
      time: time === undefined || (time.create && time.rows.length === 0) ? undefined : time,
    },
  };
}

/** The core's figures of the invoice, and a final invoice's statement. */
type Computed = { ok: true; result: BillingResult; statement?: FinalStatement } | { ok: false; errors: Issue[] };

/**
 * The final invoice's figures: the partial invoices in force restated from the billing log, as
 * each was issued, then deducted (see computeFinalInvoice). A final invoice in force already
 * closes the contract.
 */
function computeFinal(request: BillingRequest, snapshot: WorkbookSnapshot, settings: ContractSettings, log: CarryForward): FinalInvoiceOutcome | { ok: false; problems: WorkbookProblem[] } {
  const closed = log.active.find((i) => i.kind === "final invoice");
  if (closed !== undefined) {
    return { ok: false, problems: [problem("FINAL_ALREADY_ISSUED", `${closed.number} is the contract's final invoice and is in force: the contract has one. To issue it again, cancel ${closed.number} with a credit note first; a retention release after it is a progress invoice (leave the final option off).`)] };
  }
  const preceding = restateInForce(log, snapshot.milestones, settings, "The final invoice lists each partial invoice as it was issued: put back what it was issued with, issue the final invoice, then make the change again.");
  if (!Array.isArray(preceding)) return { ok: false, problems: [preceding] };
  return computeFinalInvoice(request, preceding.map(precedingOf));
}

export function missingTableProblem(tableName: string): WorkbookProblem {
  return problem("NO_TABLE", `The workbook has no milestone table or sheet named "${tableName}". Create an Excel table of that name (Insert > Table, then Table Design > Table Name), or insert the sample table from the task pane.`);
}

export function numberingOf(settings: ContractSettings): Numbering {
  return { invoice: (n) => invoiceNumber(settings, n), creditNote: (n) => creditNoteNumber(settings, n), paymentTermsDays: settings.paymentTermsDays };
}

/** The issued document as every exporter reads it. */
export function issuedInvoice(header: InvoiceHeader, settings: ContractSettings, result: BillingResult, precedingInvoices: string[]): IssuedInvoice {
  return {
    number: header.number, kind: header.kind, language: settings.language, credits: header.credits,
    invoiceDate: header.invoiceDate, dueDate: header.dueDate, periodStart: header.periodStart, periodEnd: header.periodEnd,
    supplier: { ...settings.supplier, name: settings.supplierName, address: settings.supplierAddress, taxId: settings.supplierTaxId },
    client: { ...settings.client, name: settings.clientName, address: settings.clientAddress, taxId: settings.clientTaxId },
    contractReference: settings.contractReference, purchaseOrder: settings.purchaseOrder,
    buyerReference: settings.buyerReference, vatTreatment: settings.vatTreatment,
    paymentTerms: paymentTermsOf(settings),
    ...(settings.latePaymentInterest === undefined ? {} : { latePaymentInterest: settings.latePaymentInterest }),
    invoiceTypeCode: settings.invoiceTypeCode, precedingInvoices, result,
  };
}

/** What an invoice billed from the timesheet says of its hours: the time appendix, and the hours past each capped line's cap; each only when it has rows. */
function timeFieldsOf(aggregate: TimesheetAggregate, result: BillingResult, rounding: RoundingMode): Pick<IssuedInvoice, "timeAppendix" | "hoursNotBilled"> {
  const appendix = computeTimeAppendix(aggregate, { minorUnits: result.minorUnits, rounding });
  const hours = computeHoursNotBilled(aggregate, result.lines, result.minorUnits);
  return { ...(appendix.length === 0 ? {} : { timeAppendix: appendix }), ...(hours.length === 0 ? {} : { hoursNotBilled: hours }) };
}

function planDates(
  options: GenerateOptions,
  log: CarryForward,
  problems: WorkbookProblem[],
): { invoiceDate: string; periodStart: string; periodEnd: string } | undefined {
  const invoiceDate = options.invoiceDate ?? today();
  for (const [name, value] of [["The invoice date", invoiceDate], ["The period end", options.periodEnd]] as const) {
    const wrong = value === undefined ? undefined : dateTextProblem(name, value);
    if (wrong !== undefined) {
      problems.push(problem("INVALID_DATE", wrong));
      return undefined;
    }
  }
  const dateProblem = issueDateProblem(invoiceDate, "invoice", log);
  if (dateProblem !== undefined) {
    problems.push(dateProblem);
    return undefined;
  }
  const periodEnd = options.periodEnd ?? defaultPeriodEnd(invoiceDate, log.lastPeriodEnd);
  if (isoToSerial(periodEnd) > isoToSerial(invoiceDate)) {
    problems.push(problem("PERIOD_END_AFTER_INVOICE_DATE", `The period end ${periodEnd} is after the invoice date ${invoiceDate}: an invoice bills work already done. Choose a period end on or before ${invoiceDate}, or date the invoice later.`));
    return undefined;
  }
  const last = log.active[log.active.length - 1];
  if (last !== undefined && log.lastPeriodEnd !== undefined && isoToSerial(periodEnd) <= isoToSerial(log.lastPeriodEnd)) {
    problems.push(problem("PERIOD_ALREADY_BILLED", `The period ending ${periodEnd} is already billed: ${last.number} covers ${last.periodStart} to ${last.periodEnd}. Choose a later period end, or cancel ${last.number} with a credit note first.`));
    return undefined;
  }
  const periodStart = log.lastPeriodEnd === undefined ? `${periodEnd.slice(0, 8)}01` : addDays(log.lastPeriodEnd, 1);
  return { invoiceDate, periodStart, periodEnd };
}

/**
 * A document's due date: its date and the payment terms' days, a problem at the days' cell when
 * that falls after the dates Interim accepts (an invoice dated at the end of the range).
 */
export function dueDateOf(date: string, settings: ContractSettings, place: SettingsPlace): string | WorkbookProblem {
  const due = addDays(date, settings.paymentTermsDays);
  if (isSerialInRange(isoToSerial(due))) return due;
  return settingProblem(
    place, "Payment terms (days)", "INVALID_DATE",
    `The due date would be ${due}, ${settings.paymentTermsDays} days after ${date}, after the last date Interim accepts, ${DATE_RANGE.last}; date the document earlier or shorten Payment terms (days).`,
  );
}

/**
 * Texts of the milestone table longer than a cell holds: the sheet and the billing log copy its
 * ids and descriptions, and Excel does not open a workbook with such a cell.
 */
export function overlongTexts(table: TableData): WorkbookProblem[] {
  const problems: WorkbookProblem[] = [];
  table.values.forEach((cells, row) =>
    cells.forEach((value, column) => {
      const tooLong = typeof value === "string" ? cellTextProblem("The text of this cell", value.length) : undefined;
      if (tooLong !== undefined) problems.push(problemAt("TEXT_TOO_LONG", tooLong, table.sheet, table.top + row, table.left + column));
    }),
  );
  return problems;
}

/**
 * The period a finance team bills when none is chosen: the month just ended (on a month's last
 * day, that month); once that month is billed, from the last invoice up to the invoice date.
 * See docs/decisions/0023-billing-flow.md.
 */
export function defaultPeriodEnd(invoiceDate: string, lastPeriodEnd: string | undefined): string {
  const monthEnd = addDays(invoiceDate, 1).endsWith("-01") ? invoiceDate : addDays(`${invoiceDate.slice(0, 8)}01`, -1);
  return lastPeriodEnd !== undefined && isoToSerial(monthEnd) <= isoToSerial(lastPeriodEnd) ? invoiceDate : monthEnd;
}

/**
 * Documents are dated in the order they are issued: an invoice or a credit note dated before the
 * last document in the billing log would put the log out of order (and a credit note before
 * the invoice it cancels).
 */
export function issueDateProblem(date: string, what: "invoice" | "credit note", log: CarryForward): WorkbookProblem | undefined {
  const last = log.all[log.all.length - 1];
  if (last === undefined || isoToSerial(date) >= isoToSerial(last.invoiceDate)) return undefined;
  return problem("DATED_BEFORE_LAST_DOCUMENT", `The ${what} date ${date} is before ${last.number}, issued on ${last.invoiceDate}: documents are dated in the order they are issued. Date the ${what} ${last.invoiceDate} or later.`);
}

/**
 * A 0.00 invoice that changes nothing: no work this period on any line, stored materials as on
 * the last invoice, nothing released or recovered, and no payment or tax due.
 */
function billsNothing(result: BillingResult, log: CarryForward): boolean {
  const s = result.summary;
  const unchanged = result.lines.every((l) => sameAmount(l.thisPeriod, "0") && sameAmount(l.storedMaterials, log.previousByLine.get(lineKey(l.id))?.storedMaterials ?? "0"));
  return unchanged && [s.retentionReleased, s.advanceRecovery, s.currentPaymentDue, s.tax].every((amount) => sameAmount(amount, "0"));
}

/**
 * Issued documents the billing log no longer holds: Interim's sheets named as invoices or credit
 * notes that no log row records. The log was deleted, emptied or cut short by hand, and billing
 * from it would bill the same work again. The one exception is an unprotected sheet of a number
 * about to be issued: a failed attempt leaves its sheet before the log row (and the protection
 * after it), and the retry replaces it. An issued sheet is protected, so lowering "Next invoice
 * number" never makes one replaceable.
 */
export function documentsMissingFromLog(snapshot: WorkbookSnapshot, settings: ContractSettings, log: CarryForward): WorkbookProblem | undefined {
  const lower = (name: string): string => name.toLowerCase();
  const next = [
    invoiceNumber(settings, log.lastInvoiceSequence + 1), invoiceNumber(settings, settings.nextInvoiceNumber), creditNoteNumber(settings, log.lastCreditSequence + 1),
  ].map(lower);
  const locked = new Set(snapshot.protectedSheets.map(lower));
  const logged = new Set(log.all.map((e) => lower(e.sheet)));
  const documentName = (sheet: string): boolean =>
    [settings.invoicePrefix, settings.creditNotePrefix].some((prefix) => lower(sheet).startsWith(lower(prefix)) && /^\d{4,}$/.test(sheet.slice(prefix.length)));
  const halfWritten = (sheet: string): boolean => next.includes(lower(sheet)) && !locked.has(lower(sheet));
  const missing = snapshot.interimSheets.filter((sheet) => documentName(sheet) && !logged.has(lower(sheet)) && !halfWritten(sheet));
  if (missing.length === 0) return undefined;
  const message = `The workbook holds ${missing.join(", ")}, issued by Interim, but the billing log no longer records ${missing.length === 1 ? "it" : "them"}: the log was deleted, emptied or cut short by hand, and the next document would bill the same work again. Restore the billing log from the previous version of the workbook (the command line keeps it as BOOK.xlsx.bak; in Excel, File > Info > Version history), then try again.`;
  const at = snapshot.invoices;
  return at === undefined ? problem("LOG_MISSING_DOCUMENTS", message) : problemAt("LOG_MISSING_DOCUMENTS", message, at.sheet, at.top, at.left);
}

/**
 * The names a write will create that something else already holds: the sheet's marker name
 * (workbook names and table names share one namespace, compared case-insensitively) and, for a
 * first invoice, the Billing log sheet and its two tables.
 */
export function namesTaken(snapshot: WorkbookSnapshot, sheetName: string, replace: string | undefined): WorkbookProblem[] {
  const held = new Set([...snapshot.definedNames, ...snapshot.tableNames].map((n) => n.toLowerCase()));
  const problems: WorkbookProblem[] = [];
  const marker = markerName(sheetName);
  const replaced = replace === undefined ? undefined : markerName(replace).toLowerCase();
  if (held.has(marker.toLowerCase()) && replaced !== marker.toLowerCase()) {
    problems.push(problem("NAME_TAKEN", `The workbook already has a name "${marker}", which Interim gives the sheet ${sheetName}; delete or rename it (Formulas > Name Manager), then try again.`));
  }
  if (snapshot.invoices === undefined && snapshot.invoiceLines === undefined) {
    if (snapshot.sheets.some((s) => s.toLowerCase() === NAMES.logSheet.toLowerCase())) {
      problems.push(problem("SHEET_EXISTS", `A sheet named "${NAMES.logSheet}" exists but holds no billing log (tables ${NAMES.invoicesTable} and ${NAMES.linesTable}); Interim creates the log on that sheet. Rename the sheet, or restore the log from the previous version of the workbook.`));
    }
    for (const name of [NAMES.invoicesTable, NAMES.linesTable].filter((n) => held.has(n.toLowerCase()))) {
      problems.push(problem("NAME_TAKEN", `The workbook already has a name "${name}", which Interim gives a table of the billing log; delete or rename it (Formulas > Name Manager), then try again.`));
    }
  }
  return problems;
}

/**
 * The sheets issuing writes into (the billing log and the contract settings) that a person
 * protected: Interim never lifts someone's protection, so the document is refused before
 * anything is written, as the workbook's state (bad input), naming the sheet and how to unlock it.
 */
export function protectedByOwner(snapshot: WorkbookSnapshot): WorkbookProblem[] {
  const locked = new Set(snapshot.protectedSheets.map((s) => s.toLowerCase()));
  const seen = new Set<string>();
  const problems: WorkbookProblem[] = [];
  for (const [table, what] of [[snapshot.invoices, "billing log"], [snapshot.invoiceLines, "billing log"], [snapshot.settings, "contract settings"]] as const) {
    if (table === undefined || !locked.has(table.sheet.toLowerCase()) || seen.has(table.sheet.toLowerCase())) continue;
    seen.add(table.sheet.toLowerCase());
    problems.push(problemAt(
      "SHEET_PROTECTED",
      `The sheet ${table.sheet} is protected, and Interim writes the ${what} there. Unprotect it (Review > Unprotect Sheet), then try again.`,
      table.sheet, table.top, table.left,
    ));
  }
  return problems;
}

/**
 * The next number: one past the last invoice in the log. The settings' number starts the
 * series; afterwards it may lag behind (a commit that failed before updating it) but never
 * run ahead, which would leave a gap.
 */
export function planSequence(settings: ContractSettings, place: SettingsPlace, log: CarryForward, problems: WorkbookProblem[]): number | undefined {
  if (log.lastInvoiceSequence === 0) return Math.max(1, settings.nextInvoiceNumber);
  const expected = log.lastInvoiceSequence + 1;
  if (settings.nextInvoiceNumber <= expected) return expected;
  const cell = place.cellOfKey.get("Next invoice number");
  const message = `Next invoice number is ${settings.nextInvoiceNumber}, but the last invoice in the billing log is ${invoiceNumber(settings, log.lastInvoiceSequence)}; set it to ${expected} so that numbers have no gap and no duplicate.`;
  problems.push(cell === undefined ? problem("NUMBER_OUT_OF_STEP", message) : problemAt("NUMBER_OUT_OF_STEP", message, cell.sheet, cell.row, cell.column));
  return undefined;
}

export interface BuiltRequest {
  request: BillingRequest;
  /** The table as the core reads it, to place the core's problems in cells. */
  milestones: ReturnType<typeof readMilestoneTable>;
}

/** The core's request: lines from the table, D and previous stored materials from the log, policy from the settings. */
export function buildRequest(table: MilestoneData, settings: ContractSettings, log: CarryForward, problems: WorkbookProblem[], time: TimesheetProgress | undefined): BuiltRequest | undefined {
  const milestones = readMilestoneTable(table.values);
  const header = table.values[0] ?? [];
  const at = (row: number, column: number | undefined): { sheet: string; cell: string } => ({
    sheet: table.sheet, cell: cellAddress(table.top + row, table.left + (column ?? 0)),
  });
  for (const issue of milestones.issues) {
    const placed = placeIssue(issue, milestones, header);
    problems.push({ code: issue.code, message: placed.message, ...(placed.row === undefined ? { sheet: table.sheet, cell: cellAddress(table.top, table.left) } : at(placed.row, placed.column)) });
  }
  // The finance columns (Cost to date, Estimated cost) are the finance figures' to check: an invoice does not read them.
  const billingColumns = Object.fromEntries(Object.entries(milestones.columnOf).filter(([field]) => !isFinanceField(field as TableField)));
  problems.push(...checkMilestoneCells(table, billingColumns), ...overlongTexts(table));
  if (settings.vatTreatment.kind !== "standard") {
    const column = milestones.columnOf.taxRate;
    milestones.lines.forEach((line, index) => {
      const rate = line.taxRate === undefined ? "" : String(line.taxRate);
      if (column !== undefined && isDecimalText(rate) && !new Dec(rate).isZero()) {
        problems.push({ code: "TAX_RATE_NOT_ZERO", message: nonStandardRateMessage(settings.vatTreatment, `"${String(header[column])}" of line "${String(line.id)}"`), ...at(milestones.rowOfLine[index] ?? 0, column) });
      }
    });
  }
  // An advance invoice bills no work: the lines start from the last invoice that did.
  const billed = log.active.some((entry) => entry.kind !== "advance invoice");
  const seen = new Set<string>();
  const lines: MilestoneInput[] = milestones.lines.map((typedLine, index) => {
    const key = lineKey(String(typedLine.id ?? ""));
    seen.add(key);
    const hours = time?.amountToDate.get(key);
    const line = hours === undefined ? typedLine : progressFromTimesheet(typedLine, hours, (field) => {
      const column = milestones.columnOf[field];
      const typed = `"${String(header[column ?? 0])}"`;
      problems.push({
        code: "PROGRESS_AND_TIMESHEET",
        message: field === "unitPrice"
          ? `Line "${String(typedLine.id)}" has hours in the Timesheet table, priced by the Rates table (${hours} to date), and ${typed} typed as well; clear the cell, and put the rate in the Rates table (or on the entries).`
          : `Line "${String(typedLine.id)}" has hours in the Timesheet table, which give its progress (${hours} to date), and ${typed} typed as well; clear the cell, or take the line's entries out of the timesheet.`,
        ...at(milestones.rowOfLine[index] ?? 0, column),
      });
    });
    if (!billed) return line;
    const previous = log.previousByLine.get(key);
    const typed = line.previouslyCompleted;
    const fromLog = previous?.workToDate ?? "0";
    const column = milestones.columnOf.previouslyCompleted;
    if (typed !== undefined && column !== undefined && !sameAmount(String(typed), fromLog)) {
      problems.push({
        code: "PREVIOUS_DIFFERS_FROM_LOG",
        message: `"${String(header[column])}" says ${String(typed)} but the billing log has ${fromLog} completed on line "${String(line.id)}" up to ${log.active[log.active.length - 1]?.number ?? ""}; Interim takes it from the log, so clear the cell or make it agree.`,
        ...at(milestones.rowOfLine[index] ?? 0, column),
      });
    }
    return { ...line, previouslyCompleted: fromLog, previousStoredMaterials: previous?.storedMaterials ?? "0" };
  });
  if (time !== undefined) problems.push(...time.unknownLines(seen));
  for (const [key, previous] of log.previousByLine) {
    if (!seen.has(key)) {
      problems.push({ code: "BILLED_LINE_MISSING", message: `Line "${previous.id}" was billed on ${log.active[log.active.length - 1]?.number ?? "an earlier invoice"} but is no longer in the milestone table; put it back (a finished line stays in the table at 100 %).`, ...at(0, milestones.columnOf.id) });
    }
  }
  const lastCurrency = log.active[log.active.length - 1]?.currency;
  if (billed && lastCurrency !== undefined && lastCurrency !== settings.currency) {
    problems.push(problem("CURRENCY_CHANGED", `The contract currency is ${settings.currency} but earlier invoices were in ${lastCurrency}; a contract keeps one currency.`));
  }
  const retention = { ...settings.retention, ...(billed && log.retentionReleased !== "0" ? { previouslyReleased: log.retentionReleased } : {}) };
  const request: BillingRequest = {
    currency: settings.currency,
    rounding: settings.rounding,
    allowOverbilling: settings.allowOverbilling,
    retention,
    tax: settings.tax,
    ...(settings.advance === undefined ? {} : { advance: { ...settings.advance, previouslyRecovered: log.advanceRecovered, ...advanceInvoicedOf(log, settings) } }),
    ...(billed ? { previousCertificates: log.previousCertificates } : {}),
    lines,
  };
  return { request, milestones };
}

/**
 * Once an advance invoice charged VAT on the advance, each recovery deducts the VAT already
 * invoiced on it: the request carries the advance invoice's net per rate and what the invoices in
 * force since recovered at each (see advanceRecoveredByRate).
 */
function advanceInvoicedOf(log: CarryForward, settings: ContractSettings): Pick<AdvanceInput, "invoiced"> {
  if (log.advanceInvoice === undefined) return {};
  const recoveries = log.active.filter((i) => i.kind !== "advance invoice").map((i) => i.advanceRecovered);
  return { invoiced: advanceRecoveredByRate(log.advanceInvoice.byRate, recoveries, minorUnitsOf(settings.currency) ?? 2, settings.rounding) };
}

/**
 * The advance an advance invoice in force charged VAT on is the one the invoices recover: an
 * Advance payment setting changed or cleared since is a problem at its cell.
 */
function advanceSettingProblem(log: CarryForward, settings: ContractSettings, place: SettingsPlace): WorkbookProblem | undefined {
  if (log.advanceInvoice === undefined) return undefined;
  const minorUnits = minorUnitsOf(settings.currency) ?? 2;
  const invoiced = formatAmount(addAmounts(log.advanceInvoice.byRate.map((r) => r.amount)), minorUnits);
  if (settings.advance !== undefined && sameAmount(settings.advance.amount, invoiced)) return undefined;
  const { number } = log.advanceInvoice.invoice;
  return settingProblem(
    place, "Advance payment", "ADVANCE_CHANGED",
    `${number} invoiced an advance of ${invoiced}, with its VAT, but Advance payment is ${settings.advance === undefined ? "blank" : formatAmount(settings.advance.amount, minorUnits)}: the invoices recover the advance invoiced. Set Advance payment back to ${invoiced}, or cancel ${number} with a credit note and invoice the new advance.`,
  );
}

/** The fields of a line that its timesheet hours, priced by the rate card, give instead. */
type TimesheetPriced = (typeof PROGRESS_FIELDS)[number] | "unitPrice";

/**
 * A line whose progress the timesheet gives: its amount to date, which no typed progress or unit
 * price may contradict (each such cell is reported through `typed`).
 */
function progressFromTimesheet(line: MilestoneInput, amountToDate: string, typed: (field: TimesheetPriced) => void): MilestoneInput {
  const rest: MilestoneInput = { ...line };
  for (const field of [...PROGRESS_FIELDS, "unitPrice"] as const) {
    if (line[field] !== undefined && line[field] !== "") typed(field);
    delete rest[field];
  }
  return { ...rest, completedToDate: amountToDate };
}

export function sameAmount(a: string, b: string): boolean {
  return /^-?0(\.0*)?$/.test(subtractAmount(a, b));
}

/** A core problem placed at its cell: a line's field in the table, or a setting's value. */
export function placeProblem(issue: Issue, built: BuiltRequest, table: TableData, place: SettingsPlace): WorkbookProblem {
  if (issue.path[0] === "lines") {
    const placed = placeIssue(issue, built.milestones, table.values[0] ?? []);
    if (placed.row !== undefined) {
      return { code: issue.code, message: placed.message, sheet: table.sheet, cell: cellAddress(table.top + placed.row, table.left + (placed.column ?? 0)) };
    }
  }
  const key = SETTING_OF_FIELD[issue.path.slice(0, 2).join(".")] ?? SETTING_OF_FIELD[String(issue.path[0])];
  const cell = key === undefined ? undefined : place.cellOfKey.get(key);
  const message = key === undefined ? issue.message : `${key}: ${issue.message}`;
  return cell === undefined ? { code: issue.code, message, sheet: undefined, cell: undefined } : problemAt(issue.code, message, cell.sheet, cell.row, cell.column);
}

/** The Interim sheet to delete before writing: a half-written one of this number, or its draft. A sheet of someone else's is never replaced. */
export function sheetToReplace(snapshot: WorkbookSnapshot, log: CarryForward, number: string, sheetName: string): string | WorkbookProblem | undefined {
  const exists = (name: string): boolean => snapshot.sheets.some((s) => s.toLowerCase() === name.toLowerCase());
  const ours = (name: string): boolean => snapshot.interimSheets.some((s) => s.toLowerCase() === name.toLowerCase());
  const logged = (name: string): boolean => log.all.some((entry) => entry.sheet.toLowerCase() === name.toLowerCase());
  const locked = (name: string): boolean => snapshot.protectedSheets.some((s) => s.toLowerCase() === name.toLowerCase());
  if (exists(sheetName)) {
    if (!ours(sheetName) || logged(sheetName) || locked(sheetName)) {
      return problem("SHEET_EXISTS", `A sheet named "${sheetName}" already exists and Interim did not write it; rename or move it, then generate again.`);
    }
    return sheetName;
  }
  const draftName = `Draft ${number}`;
  return sheetName !== draftName && exists(draftName) && ours(draftName) ? draftName : undefined;
}

/** The billing log rows of an invoice, with the fingerprint that shows a later edit by hand. */
function logRows(number: string, sheet: string, header: InvoiceHeader, result: BillingResult): Pick<LogCommit, "invoiceRow" | "lineRows"> {
  const s = result.summary;
  const lineRows: CellValue[][] = result.lines.map((l) => [
    number, l.id, Number(l.scheduledValue), Number(l.previouslyCompleted), Number(l.thisPeriod), Number(l.storedMaterials),
    Number(l.completedAndStoredToDate), Number(l.retention),
  ]);
  const invoiceRow: CellValue[] = [
    number, header.kind === "credit note" || header.kind === "advance invoice" || header.kind === "final invoice" ? header.kind : "invoice", header.credits ?? null, isoToSerial(header.invoiceDate),
    isoToSerial(header.periodStart), isoToSerial(header.periodEnd), result.currency, sheet,
    Number(s.contractSumToDate), Number(s.totalCompletedAndStoredToDate), Number(s.totalRetention), Number(s.retentionReleased),
    Number(s.totalEarnedLessRetention), Number(s.previousCertificates), Number(s.advanceRecovery), Number(s.currentPaymentDue),
    Number(s.tax), Number(s.totalDue), result.lines.length,
  ];
  return { invoiceRow: [...invoiceRow, checkOf(invoiceRow, lineRows), isoToSerial(header.dueDate)], lineRows };
}

