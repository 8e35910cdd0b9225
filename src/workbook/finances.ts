import {
  type ContractFinances,
  type FinanceDocumentInput,
  type FinanceTable,
  type InvoiceReceivable,
  type Issue,
  PAYMENT_FIELDS,
  type PaymentField,
  type TableField,
  computeFinances,
  computeReceivables,
  isFinanceField,
  placeIssue,
  readFinanceLines,
} from "../core";
import { cellAddress } from "./a1";
import { type CarryForward, type LoggedInvoice, appendProblems, dataRows, placementOf, readBillingLog } from "./billing-log";
import { dateTextProblem, isoToSerial, today } from "./dates";
import { type PlacedRows, readCostsTable, readPaymentsTable } from "./finance-tables";
import { cellTextProblem } from "./invoice-sheet";
import { checkMilestoneCells } from "./milestone-cell-checks";
import { documentsMissingFromLog, missingTableProblem, numberingOf } from "./plan-invoice";
import { NAMES, type CellValue, type LogTableData, type TableAppend, type TableData, type WorkbookPort, type WorkbookSnapshot } from "./port";
import { type WorkbookProblem, problem, problemAt } from "./problems";
import { type ContractSettings, type SettingsPlace, readSettings } from "./settings";

export interface FinanceOptions {
  /** The milestone table (or sheet); default Milestones. */
  table?: string;
  /** ISO date; default today. */
  asOf?: string;
}

export type FinanceReadOutcome =
  | {
      ok: true;
      finances: ContractFinances;
      /** The contract reference (settings), or "" */
      contract: string;
      /** The client's name (settings), or "" */
      client: string;
      /** The core's warnings placed at their cells (EXPECTED_LOSS, COST_OVER_ESTIMATE, COST_WITHOUT_ESTIMATE). */
      warnings: WorkbookProblem[];
    }
  | { ok: false; problems: WorkbookProblem[] };

/**
 * The contract's receivables, WIP, margin and forecast from one read of the workbook: the
 * settings, the billing log, the milestone table's lines and costs, the Payments and Costs
 * tables. Every bad cell is a problem at its address, and with any problem there is no figure.
 * Reading is safe whatever the tables' state: a filter or a total row matters only to writing.
 */
export function readFinances(snapshot: WorkbookSnapshot, options: FinanceOptions = {}): FinanceReadOutcome {
  const contract = readContract(snapshot, options.asOf ?? today());
  if (!contract.ok) return contract;
  const { settings, place, log, asOf } = contract;
  const table = snapshot.milestones;
  if (table === undefined) return { ok: false, problems: [missingTableProblem(options.table ?? NAMES.milestones)] };

  const milestones = readFinanceLines(table.values);
  const payments = readPaymentsTable(snapshot.payments);
  const costs = readCostsTable(snapshot.costs);
  const problems: WorkbookProblem[] = [
    ...milestones.issues.map((issue) => milestoneProblem(issue, milestones, table)),
    ...checkMilestoneCells(table, financeColumns(milestones)),
    ...payments.problems,
    ...costs.problems,
  ];
  // A table without the columns it needs reads no rows: the core would only add noise about them.
  const columnsMissing = milestones.issues.some((issue) => issue.code === "MISSING_COLUMN" || issue.code === "DUPLICATE_COLUMN");
  if (columnsMissing || payments.unreadable || costs.unreadable) return { ok: false, problems };

  const outcome = computeFinances({
    asOf, currency: settings.currency, rounding: settings.rounding, paymentTermsDays: settings.paymentTermsDays,
    advancePaid: settings.advance?.amount ?? "0",
    documents: log.all.map(documentOf), payments: payments.rows, lines: milestones.lines, costs: costs.rows,
  });
  const places: IssuePlaces = { milestones, table, payments, paymentsTable: snapshot.payments, costs, costsTable: snapshot.costs, place, invoices: snapshot.invoices };
  if (!outcome.ok) return { ok: false, problems: onePerCell([...problems, ...outcome.errors.map((issue) => placeFinanceIssue(issue, places))]) };
  if (problems.length > 0) return { ok: false, problems: onePerCell(problems) };
  return {
    ok: true, finances: outcome.finances, contract: settings.contractReference, client: settings.clientName,
    warnings: outcome.finances.warnings.map((issue) => placeFinanceIssue(issue, places)),
  };
}

/** A payment as a person enters it: amounts as decimal text ("1000", "-250.50" for a refund), dates ISO. */
export interface PaymentEntry {
  document: string;
  amount: string;
  date: string;
  reference: string;
  /** Blank: the contract currency. */
  currency?: string;
}

export type PaymentPlan =
  | {
      ok: true;
      /** The payment's row into the Payments table, in the contract's currency. */
      write: TableAppend & { currency: string };
      /** The document's receivable once the payment is recorded: as of the payment's date, or of the options' as-of date when that is later (today, say). */
      receivable: InvoiceReceivable;
    }
  | { ok: false; problems: WorkbookProblem[] };

/** How a problem names each field of a payment entry: as the Record payment form and `interim payment` label them. */
const ENTRY_FIELDS: Record<PaymentField, string> = { date: "Date", document: "Invoice", amount: "Amount", currency: "Currency", reference: "Reference" };

/**
 * Works out the Payments row to write; a payment the finance rules refuse (unknown document,
 * before the invoice, overpaid...) is a problem naming the field. The payment is checked with
 * every payment already recorded, as the finance figures will read them, and a problem anywhere
 * in the Payments table refuses it too: nothing is written while anything there is wrong.
 */
export function planPayment(snapshot: WorkbookSnapshot, entry: PaymentEntry, options: FinanceOptions = {}): PaymentPlan {
  const entryDate = entry.date.trim();
  const wrongDate = dateTextProblem("Date", entryDate);
  // A wrong date is a problem of the entry; the rest is still checked, as of today.
  const paidOn = wrongDate === undefined ? entryDate : today();
  const contract = readContract(snapshot, options.asOf !== undefined && options.asOf > paidOn ? options.asOf : paidOn);
  if (!contract.ok) return contract;
  const { settings, place, log } = contract;
  const entryProblems = checkEntry(entry, wrongDate);
  const target = snapshot.payments;
  const payments = readPaymentsTable(target);
  const problems = [...Object.values(entryProblems), ...payments.problems, ...placeToWrite(snapshot, target)];
  if (payments.unreadable) return { ok: false, problems };

  const currency = entry.currency?.trim() ?? "";
  const recorded = { date: entryDate, document: entry.document.trim(), amount: entry.amount.trim(), currency: currency === "" ? undefined : currency, reference: entry.reference.trim() };
  const outcome = computeReceivables({
    asOf: contract.asOf, currency: settings.currency, rounding: settings.rounding, advancePaid: settings.advance?.amount ?? "0",
    documents: log.all.map(documentOf), payments: [...payments.rows, recorded],
  });
  const places: IssuePlaces = { payments, paymentsTable: target, place, invoices: snapshot.invoices };
  const entryIndex = payments.rows.length;
  if (!outcome.ok) {
    const ofEntry = (issue: Issue): boolean => issue.path[0] === "payments" && issue.path[1] === entryIndex;
    // A field of the entry already found wrong is said once, in the entry's words.
    const placed = outcome.errors
      .filter((issue) => !ofEntry(issue) || entryProblems[issue.path[2] as PaymentField] === undefined)
      .map((issue) => (ofEntry(issue) ? entryProblem(issue) : placeFinanceIssue(issue, places)));
    return { ok: false, problems: onePerCell([...problems, ...placed]) };
  }
  if (problems.length > 0) return { ok: false, problems: onePerCell(problems) };

  const document = log.all.find((d) => d.number.trim().toUpperCase() === recorded.document.toUpperCase());
  const receivable = outcome.figures.invoices.find((invoice) => invoice.number === document?.number);
  // The core has checked the document is an invoice in force dated on or before the payment.
  if (document === undefined || receivable === undefined) throw new Error(`No receivable for ${recorded.document} after the core accepted a payment against it.`);
  const values: Record<PaymentField, CellValue> = {
    date: isoToSerial(entryDate), document: document.number, amount: Number(recorded.amount),
    currency: recorded.currency?.toUpperCase() ?? null, reference: recorded.reference === "" ? null : recorded.reference,
  };
  return {
    ok: true, receivable,
    write: {
      table: "payments",
      rows: [PAYMENT_FIELDS.map((field) => values[field])],
      currency: settings.currency,
      create: target === undefined,
      placement: target === undefined
        ? { discard: [], fillFirstRow: true, columns: PAYMENT_FIELDS.map((_, c) => c), width: PAYMENT_FIELDS.length }
        : {
            ...placementOf(target, dataRows(target).length === 0 ? target.values.slice(1).map((_, r) => r) : []),
            // An optional column the table lacks (Currency, Reference) is -1: its value is not written.
            columns: PAYMENT_FIELDS.map((field) => payments.columnOf[field] ?? -1),
            width: target.values[0]?.length ?? 0,
          },
    },
  };
}

/** Record payment: one read, then (when nothing is wrong) one write into the Payments table. */
export async function recordPayment(port: WorkbookPort, entry: PaymentEntry, options: FinanceOptions = {}): Promise<PaymentPlan> {
  const plan = planPayment(await port.read(options.table ?? NAMES.milestones), entry, options);
  if (plan.ok) await port.appendRows([plan.write]);
  return plan;
}

/** What every finance figure starts from: the settings, the billing log, and a valid as-of date. */
function readContract(
  snapshot: WorkbookSnapshot,
  asOf: string,
): { ok: true; settings: ContractSettings; place: SettingsPlace; log: CarryForward; asOf: string } | { ok: false; problems: WorkbookProblem[] } {
  const wrongDate = dateTextProblem("The as-of date", asOf);
  if (wrongDate !== undefined) return { ok: false, problems: [problem("INVALID_DATE", wrongDate)] };
  const { settings, place, problems } = readSettings(snapshot.settings);
  if (settings === undefined) return { ok: false, problems };
  const read = readBillingLog(snapshot.invoices, snapshot.invoiceLines, numberingOf(settings));
  // A filter or a total row stops a write into the log, not a read of it.
  const logProblems = [...read.problems.filter((p) => p.code !== "LOG_FILTERED" && p.code !== "LOG_TOTAL_ROW"), ...read.dueDateProblems];
  const missing = logProblems.length === 0 ? documentsMissingFromLog(snapshot, settings, read.log) : undefined;
  if (missing !== undefined) logProblems.push(missing);
  if (logProblems.length > 0) return { ok: false, problems: logProblems };
  return { ok: true, settings, place, log: read.log, asOf };
}

/** A logged document as the finance figures read it. */
function documentOf(document: LoggedInvoice): FinanceDocumentInput {
  return {
    // Every kind of invoice is a receivable; an advance invoice bills no work, so no line was billed on it.
    number: document.number, kind: document.kind === "credit note" ? "credit note" : "invoice", credits: document.credits,
    invoiceDate: document.invoiceDate, dueDate: document.dueDate, totalDue: document.totalDue,
    completedAndStoredToDate: document.completedAndStoredToDate, retentionHeld: document.retentionHeld,
    earnedLessRetention: document.earnedLessRetention, advanceRecovered: document.advanceRecovered,
    lines: document.kind === "advance invoice" ? [] : document.lines.map((line) => ({ id: line.id, completedAndStoredToDate: line.completedAndStoredToDate })),
  };
}

/**
 * The checks of an entry that need no table, by field, in the words of the form and the command
 * line. The core then checks it as a row of the Payments table (its document, its currency, its
 * decimals, what it takes the paid total to).
 */
function checkEntry(entry: PaymentEntry, wrongDate: string | undefined): Partial<Record<PaymentField, WorkbookProblem>> {
  const problems: Partial<Record<PaymentField, WorkbookProblem>> = {};
  if (entry.document.trim() === "") problems.document = problem("REQUIRED", "Invoice: choose the invoice the client paid.");
  if (wrongDate !== undefined) problems.date = problem("INVALID_DATE", wrongDate);
  const amount = entry.amount.trim();
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(amount)) {
    problems.amount = problem("NOT_A_NUMBER", `Amount: "${amount}" is not an amount; type it with a point for the decimals and no thousands separators, such as 1250.50 (a refund as -1250.50).`);
  } else if (/^-?0*\.?0*$/.test(amount)) {
    problems.amount = problem("REQUIRED", "Amount: a payment of 0 records nothing; type the amount received.");
  }
  const tooLong = cellTextProblem("Reference", entry.reference.trim().length);
  if (tooLong !== undefined) problems.reference = problem("TEXT_TOO_LONG", tooLong);
  return problems;
}

/** A core problem with the payment being entered, naming the field of the form instead of its row. */
function entryProblem(issue: Issue): WorkbookProblem {
  const field = ENTRY_FIELDS[issue.path[2] as PaymentField] ?? "Payment";
  // The core names the row ("Payment 4 (INV-0002): ..."); the entry is not in a row yet.
  return problem(issue.code, `${field}: ${issue.message.replace(/^Payment \d+(?: \([^)]*\))?: /, "")}`);
}

/**
 * Where the payment goes, or why it cannot go there: the Payments table must take a row (no
 * filter, no total row the command line cannot add rows above); without one, Interim creates it
 * on a sheet of its own, which must be free.
 */
function placeToWrite(snapshot: WorkbookSnapshot, table: LogTableData | undefined): WorkbookProblem[] {
  const retry = { what: `the ${NAMES.paymentsTable} table`, retry: "record the payment again", command: "run the command again" };
  if (table !== undefined) {
    const locked = snapshot.protectedSheets.some((s) => s.toLowerCase() === table.sheet.toLowerCase());
    const problems = appendProblems(table, retry);
    if (locked) {
      problems.push(problemAt("SHEET_PROTECTED", `The sheet ${table.sheet} is protected, and Interim records payments there. Unprotect it (Review > Unprotect Sheet), then record the payment again.`, table.sheet, table.top, table.left));
    }
    return problems;
  }
  if (snapshot.sheets.some((s) => s.toLowerCase() === NAMES.paymentsSheet.toLowerCase())) {
    return [problem("SHEET_EXISTS", `A sheet named ${NAMES.paymentsSheet} exists but holds no table named ${NAMES.paymentsTable}; Interim records payments in that table, on a sheet of its own. Rename the sheet, or make its payments an Excel table named ${NAMES.paymentsTable} (Insert > Table, then Table Design > Table Name).`)];
  }
  const held = [...snapshot.definedNames, ...snapshot.tableNames].some((n) => n.toLowerCase() === NAMES.paymentsTable.toLowerCase());
  return held ? [problem("NAME_TAKEN", `The workbook already has a name "${NAMES.paymentsTable}", which Interim gives the table of payments; delete or rename it (Formulas > Name Manager), then try again.`)] : [];
}

/** Where the cells of a core problem are. */
interface IssuePlaces {
  milestones?: FinanceTable;
  table?: TableData;
  payments: PlacedRows<unknown, string>;
  paymentsTable: TableData | undefined;
  costs?: PlacedRows<unknown, string>;
  costsTable?: TableData | undefined;
  place: SettingsPlace;
  invoices: LogTableData | undefined;
}

/** The settings a contract-level problem of the finance figures is about. */
const SETTING_OF_FIELD: Record<string, string> = { advancePaid: "Advance payment", currency: "Currency", rounding: "Rounding", paymentTermsDays: "Payment terms (days)" };

/**
 * A core problem at its cell: a payment's field in the Payments table, a cost's in the Costs
 * table, a line's in the milestone table, a document's row in the billing log, a setting's
 * value; one of the whole contract (an expected loss) has none.
 */
function placeFinanceIssue(issue: Issue, places: IssuePlaces): WorkbookProblem {
  const [where, index, field] = issue.path;
  if (typeof index === "number") {
    if (where === "payments") return rowProblem(issue, places.paymentsTable, places.payments, index, field);
    if (where === "costs" && places.costs !== undefined) return rowProblem(issue, places.costsTable, places.costs, index, field);
    if (where === "lines" && places.milestones !== undefined && places.table !== undefined) {
      return milestoneProblem({ ...issue, path: ["lines", index, lineField(issue, field, places.milestones)] }, places.milestones, places.table);
    }
    if (where === "documents" && places.invoices !== undefined) return problemAt(issue.code, issue.message, places.invoices.sheet, places.invoices.top, places.invoices.left);
  }
  const cell = typeof where === "string" ? places.place.cellOfKey.get(SETTING_OF_FIELD[where] ?? "") : undefined;
  return cell === undefined ? problem(issue.code, issue.message) : problemAt(issue.code, issue.message, cell.sheet, cell.row, cell.column);
}

/** The milestone table's field of a line's problem: its contract value is the Scheduled value; a cost warning points at the estimate to revise. */
function lineField(issue: Issue, field: string | number | undefined, milestones: FinanceTable): string {
  if (field === "contractValue") return "scheduledValue";
  if (field === undefined && (issue.code === "COST_OVER_ESTIMATE" || issue.code === "COST_WITHOUT_ESTIMATE") && milestones.table.columnOf.estimatedCost !== undefined) return "estimatedCost";
  if (field === undefined && issue.code === "NEGATIVE_AMOUNT") return "costToDate";
  return String(field ?? "");
}

function rowProblem(issue: Issue, table: TableData | undefined, rows: PlacedRows<unknown, string>, index: number, field: string | number | undefined): WorkbookProblem {
  const row = rows.rowOf[index];
  if (table === undefined || row === undefined) return problem(issue.code, issue.message);
  const column = (typeof field === "string" ? rows.columnOf[field] : undefined) ?? 0;
  return problemAt(issue.code, issue.message, table.sheet, table.top + row, table.left + column);
}

function milestoneProblem(issue: Issue, milestones: FinanceTable, table: TableData): WorkbookProblem {
  const placed = placeIssue(issue, milestones.table, table.values[0] ?? []);
  return { code: issue.code, message: placed.message, sheet: table.sheet, cell: cellAddress(table.top + (placed.row ?? 0), table.left + (placed.column ?? 0)) };
}

/** The milestone table's columns the finance figures read as numbers: a date format there shows a day count, not the amount. */
function financeColumns(milestones: FinanceTable): Partial<Record<TableField, number>> {
  const { columnOf } = milestones.table;
  return Object.fromEntries(Object.entries(columnOf).filter(([field]) => field === "scheduledValue" || isFinanceField(field as TableField)));
}

/** One problem a cell: the first found (the workbook's own words about the cell) before what the core then says of the blank it was given. */
function onePerCell(problems: WorkbookProblem[]): WorkbookProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (p.cell === undefined) return true;
    const key = `${p.sheet ?? ""}!${p.cell}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
