import { Dec, addAmounts, lineKey, numberToDecimalText, subtractAmount } from "../core";
import { DATE_RANGE, addDays, isIsoDate, isSerialInRange, isoToSerial, serialText, serialToIso } from "./dates";
import { INVOICE_LOG_HEADERS, LINE_LOG_HEADERS, type CellValue, type LogCommit, type LogTableData, type RowPlacement } from "./port";
import { type WorkbookProblem, problem, problemAt } from "./problems";

/** What the billing log says about one line of an issued invoice (amounts as decimal text). */
export interface LoggedLine {
  id: string;
  scheduledValue: string;
  previouslyCompleted: string;
  thisPeriod: string;
  storedMaterials: string;
  completedAndStoredToDate: string;
  retention: string;
}

/**
 * What the log's Kind column says a document is: a progress invoice ("invoice"), an advance or a
 * final invoice (numbered in the invoices' series), or a credit note (numbered in its own).
 */
export const LOGGED_KINDS = ["invoice", "advance invoice", "final invoice", "credit note"] as const;
export type LoggedKind = (typeof LOGGED_KINDS)[number];

/** One issued document of the billing log: an invoice of any kind, or a credit note. */
export interface LoggedInvoice {
  number: string;
  sequence: number;
  kind: LoggedKind;
  /** For a credit note: the invoice it cancels. */
  credits: string;
  invoiceDate: string;
  /** As the log records it (perhaps renegotiated since); for a log without the column or a blank cell, the invoice date plus the payment terms. */
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  sheet: string;
  /** Line 3 when the document was issued. */
  contractSumToDate: string;
  /** Line 4. */
  completedAndStoredToDate: string;
  /** Line 5. */
  retentionHeld: string;
  earnedLessRetention: string;
  advanceRecovered: string;
  retentionReleased: string;
  currentPaymentDue: string;
  tax: string;
  totalDue: string;
  lines: LoggedLine[];
}

/** The net amount an advance invoice charged at one VAT rate, as its line rows record it. */
export interface LoggedAdvanceRate {
  rate: string;
  amount: string;
}

/** Where the next invoice starts: what the log carries forward. */
export interface CarryForward {
  /** The invoices in force (issued and not cancelled by a credit note), oldest first. */
  active: LoggedInvoice[];
  /** The advance invoice in force, with its net amount per VAT rate; undefined when there is none. */
  advanceInvoice: { invoice: LoggedInvoice; byRate: LoggedAdvanceRate[] } | undefined;
  /** Every document, in the order issued (whatever order a sort left the rows in). */
  all: LoggedInvoice[];
  previousCertificates: string;
  /** By line id (trimmed, lower case): the id as billed, work completed to date (D + E) and stored materials on the last invoice. */
  previousByLine: Map<string, { id: string; workToDate: string; storedMaterials: string }>;
  advanceRecovered: string;
  retentionReleased: string;
  lastPeriodEnd: string | undefined;
  lastInvoiceSequence: number;
  lastCreditSequence: number;
  /** Where the next commit's rows go: below the log, or into an empty table's blank row, after the lines a failed commit left behind are deleted. */
  placement: LogCommit["placement"];
}

/**
 * What reading the log takes from the contract: how documents are numbered, so that the
 * remnants of a failed commit can be recognised, and the payment terms, the due date of an
 * invoice logged without one.
 */
export interface Numbering {
  invoice: (sequence: number) => string;
  creditNote: (sequence: number) => string;
  paymentTermsDays: number;
}

/** The table's column of each log column, as Interim creates the table: in the order of its headers. */
function ownColumns(headers: readonly string[]): { columns: number[]; width: number } {
  return { columns: headers.map((_, c) => c), width: headers.length };
}

/** A log created empty (a header and one blank row in each table) takes its first rows into those blank rows. */
export const EMPTY_LOG: CarryForward = {
  active: [], advanceInvoice: undefined, all: [], previousCertificates: "0", previousByLine: new Map(), advanceRecovered: "0",
  retentionReleased: "0", lastPeriodEnd: undefined, lastInvoiceSequence: 0, lastCreditSequence: 0,
  placement: {
    invoices: { discard: [], fillFirstRow: true, ...ownColumns(INVOICE_LOG_HEADERS) },
    lines: { discard: [], fillFirstRow: true, ...ownColumns(LINE_LOG_HEADERS) },
  },
};

/**
 * A fingerprint of an invoice's log rows: the "Check" column. A figure changed by hand no
 * longer matches, and Interim refuses to carry it forward. The lines are taken in a set order,
 * so that sorting the lines table changes nothing.
 */
export function checkOf(invoiceRow: readonly CellValue[], lineRows: readonly (readonly CellValue[])[]): string {
  const ordered = lineRows.map((row) => ({ row, text: JSON.stringify(row) })).sort((a, b) => compareText(a.text, b.text));
  return fingerprint(invoiceRow, ordered.map(({ row }) => row));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a, 32 bits, over the rows' JSON; a log written before the lines were put in order was fingerprinted in the order they were written. */
function fingerprint(invoiceRow: readonly CellValue[], lineRows: readonly (readonly CellValue[])[]): string {
  const text = JSON.stringify([invoiceRow, lineRows]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** Columns a log may lack: it was written before Interim recorded them. */
const OPTIONAL_LOG_HEADERS: ReadonlySet<string> = new Set(["Due date"]);

const I = Object.fromEntries(INVOICE_LOG_HEADERS.map((h, i) => [h, i])) as Record<(typeof INVOICE_LOG_HEADERS)[number], number>;
const L = Object.fromEntries(LINE_LOG_HEADERS.map((h, i) => [h, i])) as Record<(typeof LINE_LOG_HEADERS)[number], number>;

/** Where each log column is in a table a person may have edited: found by its header, not its place. */
interface Columns {
  /** The table's column (0-based from its left) of each log column, in the order of the log's headers; -1 for an optional one it lacks. */
  columns: number[];
  width: number;
}

/**
 * Reads the billing log and replays it: every invoice in force, and what the next invoice
 * starts from. A log edited by hand (a changed figure, a deleted row, a gap in the numbers)
 * is a problem at the cell to look at: the next invoice would otherwise bill wrong amounts.
 * What Excel makes easy is no edit: a column added to a table (typing next to it), columns
 * moved, rows sorted. Rows a filter hides are a problem before anything is written, as
 * Excel does not add or delete table rows reliably under a filter. A due date is the one cell a
 * person may edit (renegotiated with the client); a wrong one is a problem of its own
 * (`dueDateProblems`), for what reads due dates: the next invoice does not.
 */
export function readBillingLog(
  invoices: LogTableData | undefined,
  lines: LogTableData | undefined,
  numbering: Numbering,
): { log: CarryForward; problems: WorkbookProblem[]; dueDateProblems: WorkbookProblem[] } {
  if (invoices === undefined && lines === undefined) return { log: EMPTY_LOG, problems: [], dueDateProblems: [] };
  if (invoices === undefined || lines === undefined) {
    return { log: EMPTY_LOG, problems: [problem("LOG_EDITED", "The billing log is missing one of its two tables; restore it from a saved copy of the workbook.")], dueDateProblems: [] };
  }
  const invoiceColumns = columnsOf(invoices, INVOICE_LOG_HEADERS);
  const lineColumns = columnsOf(lines, LINE_LOG_HEADERS);
  if (typeof invoiceColumns === "object" && "code" in invoiceColumns) return { log: EMPTY_LOG, problems: [invoiceColumns], dueDateProblems: [] };
  if (typeof lineColumns === "object" && "code" in lineColumns) return { log: EMPTY_LOG, problems: [lineColumns], dueDateProblems: [] };
  const problems = [invoices, lines].flatMap((table) => appendProblems(table, { what: `the billing log's table ${table.name}`, retry: "generate again", command: "run the command again" }));
  const edited = (row: number, column: number, message: string): void => {
    problems.push(problemAt("LOG_EDITED", message, invoices.sheet, invoices.top + 1 + row, invoices.left + (invoiceColumns.columns[column] ?? 0)));
  };

  const invoiceRows = dataRows(invoices);
  const lineRows = dataRows(lines);
  const linesOf = new Map<string, CellValue[][]>();
  const rowsOf = new Map<string, number[]>();
  lineRows.forEach((row, index) => {
    const logRow = inLogOrder(row, lineColumns);
    const number = text(logRow[L.Invoice] ?? null);
    if (number === "") {
      problems.push(strayRow(lines, row, index, "lines table"));
      return;
    }
    // Pushed in place: a copy per row would make a 100,000-line invoice's log quadratic to read.
    pushTo(linesOf, number, logRow);
    pushTo(rowsOf, number, index);
  });
  const all: LoggedInvoice[] = [];
  const dueDateProblems: WorkbookProblem[] = [];
  invoiceRows.forEach((row, index) => {
    const logRow = inLogOrder(row, invoiceColumns);
    const number = text(logRow[I.Number] ?? null);
    if (number === "") {
      problems.push(strayRow(invoices, row, index, "invoices table"));
      return;
    }
    const ownLines = linesOf.get(number) ?? [];
    linesOf.delete(number);
    const recorded = logRow[I.Check];
    if (recorded !== checkOf(logRow.slice(0, I.Check), ownLines) && recorded !== fingerprint(logRow.slice(0, I.Check), ownLines)) {
      edited(index, I.Check, `Billing log row ${index + 2} (${number}) does not match what Interim recorded: a figure or line of it was changed or deleted by hand. Undo the change (or restore a saved copy); the next invoice is carried forward from these figures.`);
      return;
    }
    const wrongDates = DATE_COLUMNS.filter((column) => !isLoggedDate(logRow[column] ?? null));
    for (const column of wrongDates) {
      const header = INVOICE_LOG_HEADERS[column] ?? "";
      problems.push(problemAt(
        "INVALID_DATE",
        `Billing log row ${index + 2} (${number}): the ${header.toLowerCase()} ${shownDate(logRow[column] ?? null)} is outside the dates Interim accepts, ${DATE_RANGE.first} to ${DATE_RANGE.last}; ${number} was issued with a mistyped date, and the next period would start from it. Restore the workbook from before ${number} (the command line keeps it as BOOK.xlsx.bak; in Excel, File > Info > Version history) and issue it again with the right date.`,
        invoices.sheet, invoices.top + 1 + index, invoices.left + (invoiceColumns.columns[column] ?? 0),
      ));
    }
    const dueDate = logRow[I["Due date"]] ?? null;
    if (dueDate !== null && !isLoggedDate(dueDate)) {
      dueDateProblems.push(problemAt(
        "INVALID_DATE",
        `Billing log row ${index + 2} (${number}): the due date ${typeof dueDate === "number" ? serialText(dueDate) : `"${text(dueDate)}"`} is not a date from ${DATE_RANGE.first} to ${DATE_RANGE.last}. Enter the due date agreed with the client as a date, or clear the cell: ${number} is then due ${numbering.paymentTermsDays} days (the payment terms) after its invoice date.`,
        invoices.sheet, invoices.top + 1 + index, invoices.left + (invoiceColumns.columns[I["Due date"]] ?? 0),
      ));
    }
    if (wrongDates.length > 0) return;
    all.push(toLogged(logRow, ownLines, numbering.paymentTermsDays));
  });
  const { log, gaps } = replay(all);
  for (const gap of gaps) problems.push(problemAt("LOG_EDITED", gap, invoices.sheet, invoices.top, invoices.left));
  // Lines without their invoice: the next document's lines are what a failed commit left behind
  // (its invoice row is written after them); any others mean a row was deleted by hand.
  const next = new Set([numbering.invoice(log.lastInvoiceSequence + 1), numbering.creditNote(log.lastCreditSequence + 1)]);
  const tornLineRows: number[] = [];
  for (const [number] of linesOf) {
    if (next.has(number)) {
      tornLineRows.push(...(rowsOf.get(number) ?? []));
      continue;
    }
    problems.push(problemAt("LOG_EDITED", `The billing log has lines of ${number} but no such invoice: its row was deleted by hand. Restore it from a saved copy.`, lines.sheet, lines.top, lines.left));
  }
  log.placement = {
    invoices: { ...placementOf(invoices, invoiceRows.length === 0 ? allRows(invoices) : []), ...invoiceColumns },
    lines: { ...placementOf(lines, lineRows.length === 0 ? allRows(lines) : tornLineRows), ...lineColumns },
  };
  return { log, problems, dueDateProblems };
}

/** Where each of the log's headers is in the table, or the problem that one is missing. */
function columnsOf(table: LogTableData, headers: readonly string[]): Columns | WorkbookProblem {
  const actual = (table.values[0] ?? []).map((h) => String(h ?? "").trim());
  const columns = headers.map((h) => actual.indexOf(h));
  const missing = headers.filter((h, i) => columns[i] === -1 && !OPTIONAL_LOG_HEADERS.has(h));
  if (missing.length === 0) return { columns, width: actual.length };
  return problemAt(
    "LOG_EDITED",
    `The billing log table ${table.name} no longer has its column${missing.length > 1 ? "s" : ""} ${missing.map((h) => `"${h}"`).join(", ")}: a header was renamed or a column deleted. Undo it (or restore a saved copy); Interim reads the log by these headers.`,
    table.sheet, table.top, table.left,
  );
}

/** A table row's cells in the order of the log's headers: columns a person added are left out. */
function inLogOrder(row: readonly CellValue[], { columns }: Columns): CellValue[] {
  return columns.map((column) => row[column] ?? null);
}

/** A table Interim adds rows to, as its problems name it: what it is, and the step to take again in the task pane and on the command line. */
export interface AppendTarget {
  what: string;
  retry: string;
  command: string;
}

/**
 * Why rows cannot be added to a table now: rows of it are hidden (Excel does not add or delete
 * table rows reliably under a filter), or it has a total row the command line cannot add rows
 * above (a problem at that row's first cell).
 */
export function appendProblems(table: LogTableData, target: AppendTarget): WorkbookProblem[] {
  const problems: WorkbookProblem[] = [];
  if (table.hiddenRows) {
    problems.push(problemAt(
      "LOG_FILTERED",
      `Rows of ${target.what} are hidden (a filter, or rows hidden by hand). Show them all (Data > Clear, or Home > Format > Unhide Rows), then ${target.retry}: Excel does not add or delete table rows reliably while some are hidden.`,
      table.sheet, table.top, table.left,
    ));
  }
  if (table.fixedTotalRow !== undefined) {
    problems.push(problemAt(
      "LOG_TOTAL_ROW",
      `${target.what.charAt(0).toUpperCase()}${target.what.slice(1)} has a total row, and the command line cannot add rows above it. Remove it (click in the table, Table Design > Total Row), then ${target.command}; in Excel, Interim adds rows above a total row.`,
      table.sheet, table.fixedTotalRow, table.left,
    ));
  }
  return problems;
}

const isBlank = (row: readonly CellValue[]): boolean => row.every((value) => value === null);

/**
 * A log table's data rows, as the table holds them; none when every one is blank. Excel keeps
 * one blank row in a table whose rows were all deleted, and that is how an empty log is
 * created: an empty table, not one edited by hand.
 */
export function dataRows(table: LogTableData): CellValue[][] {
  const rows = table.values.slice(1);
  return rows.every(isBlank) ? [] : rows;
}

function allRows(table: LogTableData): number[] {
  return table.values.slice(1).map((_, index) => index);
}

/**
 * The next commit's placement in a table, from the rows that hold nothing to keep (`free`). When
 * they are every data row, the first is kept and written over, since an Excel table cannot lose
 * its last data row; otherwise they are deleted and the rows go below the rest.
 */
export function placementOf(table: LogTableData, free: number[]): Pick<RowPlacement, "discard" | "fillFirstRow"> {
  const sorted = [...free].sort((a, b) => a - b);
  const count = table.values.length - 1;
  return count > 0 && sorted.length === count ? { discard: sorted.slice(1), fillFirstRow: true } : { discard: sorted, fillFirstRow: false };
}

/**
 * A row of a log that is not empty and has no invoice number: Interim never writes one, so it
 * was typed into (an empty table's blank row, say) or added by hand. The problem is at its first
 * filled cell, or its first cell when the row is blank among rows that are not.
 */
function strayRow(table: LogTableData, row: CellValue[], index: number, which: string): WorkbookProblem {
  const column = Math.max(0, row.findIndex((value) => value !== null));
  const value = row[column] ?? null;
  const what = value === null ? "is blank" : `holds "${text(value)}"`;
  return problemAt(
    "LOG_EDITED",
    `Row ${index + 2} of the billing log's ${which} (${table.name}) ${what} but is no invoice Interim recorded: it was typed into or added by hand. Clear or delete it (or restore a saved copy); the next invoice is carried forward from this log.`,
    table.sheet, table.top + 1 + index, table.left + column,
  );
}

const text = (value: CellValue): string => (value === null ? "" : String(value));

const DATE_COLUMNS = [I["Invoice date"], I["Period start"], I["Period end"]];
/** A date as the log holds it: a serial (as Interim writes it), or ISO text, within the dates Interim accepts. */
const isLoggedDate = (value: CellValue): boolean =>
  typeof value === "number" ? isSerialInRange(value) : typeof value === "string" && isIsoDate(value) && isSerialInRange(isoToSerial(value));
const shownDate = (value: CellValue): string => (typeof value === "number" ? serialText(value) : text(value));
const amount = (value: CellValue): string => (typeof value === "number" ? numberToDecimalText(value) : text(value) || "0");
const date = (value: CellValue): string => (typeof value === "number" ? serialToIso(value) : text(value));

function toLogged(row: CellValue[], lineRows: CellValue[][], paymentTermsDays: number): LoggedInvoice {
  const number = text(row[I.Number] ?? null);
  const invoiceDate = date(row[I["Invoice date"]] ?? null);
  // A wrong due date is a problem of its own (readBillingLog): the rest of the log reads on.
  const dueDate = row[I["Due date"]] ?? null;
  return {
    number,
    sequence: Number(/(\d+)$/.exec(number)?.[1] ?? 0),
    kind: LOGGED_KINDS.find((kind) => kind === row[I.Kind]) ?? "invoice",
    credits: text(row[I.Credits] ?? null),
    invoiceDate,
    dueDate: dueDate !== null && isLoggedDate(dueDate) ? date(dueDate) : addDays(invoiceDate, paymentTermsDays),
    periodStart: date(row[I["Period start"]] ?? null),
    periodEnd: date(row[I["Period end"]] ?? null),
    currency: text(row[I.Currency] ?? null),
    sheet: text(row[I.Sheet] ?? null),
    contractSumToDate: amount(row[I["Contract sum to date"]] ?? null),
    completedAndStoredToDate: amount(row[I["Completed and stored to date"]] ?? null),
    retentionHeld: amount(row[I["Retention held"]] ?? null),
    earnedLessRetention: amount(row[I["Earned less retention"]] ?? null),
    advanceRecovered: amount(row[I["Advance recovered"]] ?? null),
    retentionReleased: amount(row[I["Retention released"]] ?? null),
    currentPaymentDue: amount(row[I["Current payment due"]] ?? null),
    tax: amount(row[I.Tax] ?? null),
    totalDue: amount(row[I["Total due"]] ?? null),
    lines: lineRows.map((l) => ({
      id: text(l[L.Line] ?? null),
      scheduledValue: amount(l[L["Scheduled value"]] ?? null),
      previouslyCompleted: amount(l[L["Previously completed"]] ?? null),
      thisPeriod: amount(l[L["This period"]] ?? null),
      storedMaterials: amount(l[L["Stored materials"]] ?? null),
      completedAndStoredToDate: amount(l[L["Completed and stored to date"]] ?? null),
      retention: amount(l[L.Retention] ?? null),
    })),
  };
}

/**
 * Replays the log in the order the documents were issued, whatever order its rows are in (a
 * person may have sorted the table): invoices take effect by number, and a credit note cancels
 * the latest invoice in force, so it was issued when the invoice it cancels was the latest:
 * it is replayed at the first point where that invoice is.
 */
function replay(documents: LoggedInvoice[]): { log: CarryForward; gaps: string[] } {
  const gaps: string[] = [];
  const bySequence = (a: LoggedInvoice, b: LoggedInvoice): number => a.sequence - b.sequence;
  const invoices = documents.filter((entry) => entry.kind !== "credit note").sort(bySequence);
  const credits = documents.filter((entry) => entry.kind === "credit note").sort(bySequence);
  const all: LoggedInvoice[] = [];
  const active: LoggedInvoice[] = [];
  let lastInvoiceSequence = 0;
  let replayed = 0;
  for (const invoice of invoices) {
    if (invoice.sequence !== lastInvoiceSequence + 1 && lastInvoiceSequence !== 0) {
      gaps.push(`The billing log jumps from invoice ${lastInvoiceSequence} to ${invoice.number}: a row was deleted by hand. Restore it from a saved copy.`);
    }
    lastInvoiceSequence = invoice.sequence;
    all.push(invoice);
    active.push(invoice);
    for (let credit = credits[replayed]; credit !== undefined && credit.credits === active[active.length - 1]?.number; credit = credits[replayed]) {
      all.push(credit);
      active.pop();
      replayed += 1;
    }
  }
  for (const credit of credits.slice(replayed)) {
    all.push(credit);
    gaps.push(`Credit note ${credit.number} cancels ${credit.credits}, which is not the latest invoice in force in the billing log.`);
  }
  const lastCreditSequence = credits[credits.length - 1]?.sequence ?? 0;
  // An advance invoice bills no work: the next application starts from the last invoice that did.
  const billingWork = active.filter((entry) => entry.kind !== "advance invoice");
  const last = billingWork[billingWork.length - 1];
  const advance = active.find((entry) => entry.kind === "advance invoice");
  const log: CarryForward = {
    active,
    advanceInvoice: advance === undefined ? undefined : { invoice: advance, byRate: advanceRatesOf(advance) },
    all,
    previousCertificates: last?.earnedLessRetention ?? "0",
    previousByLine: new Map(
      (last?.lines ?? []).map((l) => [lineKey(l.id), { id: l.id, workToDate: subtractAmount(l.completedAndStoredToDate, l.storedMaterials), storedMaterials: l.storedMaterials }]),
    ),
    advanceRecovered: addAmounts(active.map((i) => i.advanceRecovered)),
    retentionReleased: addAmounts(active.map((i) => i.retentionReleased)),
    lastPeriodEnd: last?.periodEnd,
    lastInvoiceSequence,
    lastCreditSequence,
    placement: EMPTY_LOG.placement,
  };
  return { log, gaps };
}

/**
 * The line rows of an advance invoice are one per VAT rate: "Advance at 19%" and, as This period,
 * the advance's net amount at that rate (see advanceLineRows in plan-advance-invoice.ts).
 */
export const ADVANCE_LINE = { label: (percent: string): string => `Advance at ${percent}%`, pattern: /^Advance at (\d+(?:\.\d+)?)%$/ };

function advanceRatesOf(invoice: LoggedInvoice): LoggedAdvanceRate[] {
  return invoice.lines.flatMap((line) => {
    const percent = ADVANCE_LINE.pattern.exec(line.id)?.[1];
    return percent === undefined ? [] : [{ rate: new Dec(percent).dividedBy(100).toString(), amount: line.thisPeriod }];
  });
}

function pushTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [item]);
  else group.push(item);
}
