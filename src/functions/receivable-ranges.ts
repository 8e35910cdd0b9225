import {
  AGING_BUCKETS, type AgingBucket, type FinanceDocumentInput, MESSAGES, PAYMENT_COLUMNS, type PaymentField, type PaymentInput, type ReceivableFigures,
  addDays, cellToField, computeReceivables, isAmbiguousNumberText, isBlankCell, numberToDecimalText, readPaymentRows, rowName,
} from "../core";
import { asOfDate, dateOfCell } from "./cell-dates";
import { cellError, problemsError, toCell } from "./cell-call";
import { currencyFor } from "./contract-currency";

/**
 * The receivables of a contract from two ranges with their header rows: the billing log's
 * InterimInvoices table and the Payments table. Columns are found by header, so a table with
 * columns added or moved reads the same.
 */
export interface ReceivableOptions {
  /** A date serial; blank is today. */
  asOf: number | null | undefined;
  /** For a log without its Due date column: due = invoice date + these days. Blank is 30. */
  paymentTermsDays: number | null | undefined;
}

const DEFAULT_TERMS_DAYS = 30;

const INVOICE_COLUMNS = {
  number: ["number"], kind: ["kind"], credits: ["credits"], invoiceDate: ["invoice date"], dueDate: ["due date"],
  currency: ["currency"], totalDue: ["total due"],
} as const;
const INVOICE_REQUIRED = ["number", "kind", "credits", "invoiceDate", "totalDue"] as const;

const BUCKET_LABELS: Record<AgingBucket, string> = {
  current: "Current", "1-30": "1-30 days overdue", "31-60": "31-60 days overdue", "61-90": "61-90 days overdue", "over-90": "Over 90 days overdue",
};

/** What is outstanding on the contract, or on one document of it, as of the date. */
export function outstandingOf(invoices: unknown[][], payments: unknown[][], options: ReceivableOptions, document: string | null | undefined): number {
  const figures = receivablesOf(invoices, payments, options);
  const wanted = typeof document === "string" ? document.trim() : "";
  if (wanted === "") return toCell(figures.receivables.outstanding);
  const receivable = figures.receivables.invoices.find((invoice) => sameDocument(invoice.number, wanted));
  if (receivable !== undefined) return toCell(receivable.outstanding);
  // A credit note, an invoice it cancelled or one dated after the as-of date is owed nothing on.
  if (figures.numbers.some((number) => sameDocument(number, wanted))) return 0;
  throw cellError("notAvailable", `The billing log has no document ${wanted}; give the number of an invoice in it.`);
}

/** The outstanding of the contract by how late it is, as label and amount: the buckets add up to the outstanding. */
export function agingTable(invoices: unknown[][], payments: unknown[][], options: ReceivableOptions): (string | number)[][] {
  const { aging } = receivablesOf(invoices, payments, options).receivables;
  return AGING_BUCKETS.map((bucket) => [BUCKET_LABELS[bucket], toCell(aging[bucket])]);
}

/** As the core matches a payment to its document: trimmed, in any case. */
function sameDocument(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

function receivablesOf(invoices: unknown[][], payments: unknown[][], options: ReceivableOptions): { receivables: ReceivableFigures; numbers: string[] } {
  const terms = options.paymentTermsDays ?? DEFAULT_TERMS_DAYS;
  if (!Number.isInteger(terms) || terms < 0) {
    throw cellError("value", MESSAGES.INVALID_OPTION("paymentTermsDays", String(terms), "a whole number of days, 0 or more"));
  }
  const log = readInvoices(invoices, terms);
  const outcome = computeReceivables({
    asOf: asOfDate(options.asOf),
    currency: log.currency ?? currencyFor(null),
    // Retention and the advance are not returned here, so the log's other figures are not read.
    advancePaid: "0",
    documents: log.documents,
    payments: readPayments(payments),
  });
  if (!outcome.ok) throw problemsError(outcome.errors.map((issue) => issue.message));
  return { receivables: outcome.figures, numbers: log.documents.map((d) => d.number) };
}

/**
 * The log's invoices, by the headers Interim writes. Not the core's table reader: it takes a 0
 * in a function's range as a blank, and in the log a 0 is a figure (a total due of 0).
 */
function readInvoices(values: unknown[][], termsDays: number): { documents: FinanceDocumentInput[]; currency: string | undefined } {
  const column = columnsOf(values, INVOICE_COLUMNS, INVOICE_REQUIRED, "invoices", "InterimInvoices[#All]");
  const documents: FinanceDocumentInput[] = [];
  let currency: string | undefined;
  for (const row of values.slice(1)) {
    const cell = (field: keyof typeof INVOICE_COLUMNS): unknown => (column[field] === undefined ? undefined : row[column[field]]);
    const number = textOf(cell("number"));
    // An empty log is a header and one blank row.
    if (number === "") continue;
    const name = rowName("Document", documents.length, number);
    const typed = textOf(cell("kind")).toLowerCase();
    if (typed !== "invoice" && typed !== "advance invoice" && typed !== "final invoice" && typed !== "credit note") {
      throw cellError("value", MESSAGES.INVALID_OPTION(`${name}: the kind`, `"${typed}"`, `"invoice", "advance invoice", "final invoice" or "credit note"`));
    }
    // Every kind of invoice is a receivable.
    const kind = typed === "credit note" ? "credit note" : "invoice";
    const invoiceDate = dateOfCell(cell("invoiceDate"), `${name}: the invoice date`);
    const due = cell("dueDate");
    currency ??= textOf(cell("currency")) || undefined;
    documents.push({
      number, kind, credits: textOf(cell("credits")), invoiceDate,
      dueDate: isBlankArgument(due) ? addDays(invoiceDate, termsDays) : dateOfCell(due, `${name}: the due date`),
      totalDue: amountOf(cell("totalDue"), `${name}: the total due`),
      completedAndStoredToDate: "0", retentionHeld: "0", earnedLessRetention: "0", advanceRecovered: "0", lines: [],
    });
  }
  return { documents, currency };
}

/**
 * The Payments range as the Payments table is read (the core's reader, with desktop Excel's 0
 * for a blank cell): a missing column is #N/A naming it; any other problem of a column or a
 * cell is #VALUE!, naming the payment. A blank date or amount reaches the core as blank, which
 * it reports as required.
 */
function readPayments(values: unknown[][]): PaymentInput[] {
  const read = readPaymentRows(values, "function argument");
  const missing = read.issues.find((issue) => issue.code === "MISSING_COLUMN");
  if (missing !== undefined) throw missingColumn("payments", PAYMENT_COLUMNS[missing.path[1] as PaymentField].title, "Payments[#All]");
  if (read.issues.length === 0) return read.rows;
  throw problemsError(read.issues.map((issue) => {
    const index = read.rowOf.indexOf(issue.row ?? 0);
    const payment = read.rows[index];
    return payment === undefined ? issue.message : `${rowName("Payment", index, payment.document)}: ${issue.message}`;
  }));
}

/** Where each column is, by its header; a required one missing is #N/A naming it. */
function columnsOf<F extends string>(
  values: unknown[][], names: Record<F, readonly string[]>, required: readonly NoInfer<F>[], what: string, example: string,
): Record<F, number | undefined> {
  const header = (values[0] ?? []).map((cell) => (typeof cell === "string" ? cell.trim().toLowerCase().replace(/\s+/g, " ") : ""));
  const column = {} as Record<F, number | undefined>;
  for (const field of Object.keys(names) as F[]) {
    const index = header.findIndex((text) => names[field].includes(text));
    column[field] = index === -1 ? undefined : index;
  }
  const missing = required.find((field) => column[field] === undefined);
  if (missing !== undefined) {
    const title = names[missing][0] ?? missing;
    throw missingColumn(what, `${title[0]?.toUpperCase() ?? ""}${title.slice(1)}`, example);
  }
  return column;
}

function missingColumn(what: string, title: string, example: string): CustomFunctions.Error {
  return cellError("notAvailable", `The ${what} range has no "${title}" column; give the whole table with its header row, such as ${example}.`);
}

/** Desktop Excel passes a blank cell of a range as 0, Excel on the web as "". */
function isBlankArgument(cell: unknown): boolean {
  return cell === 0 || isBlankCell(cell);
}

/** A text cell (a document number, a currency, a reference): a blank is "". */
function textOf(cell: unknown): string {
  if (isBlankArgument(cell)) return "";
  return typeof cell === "number" ? numberToDecimalText(cell) : String(cell).trim();
}

/** An amount cell as the core reads it; number text that reads two ways is #VALUE!, never a guess. */
function amountOf(cell: unknown, field: string): string {
  const value = cellToField(cell);
  if (isAmbiguousNumberText(value)) {
    throw cellError("value", MESSAGES.AMBIGUOUS_NUMBER(field, value.text, value.separator, value.asThousands, value.asDecimal));
  }
  if (value === undefined) return "";
  // Numbers and text are decimal text by now; anything else (TRUE) reaches the core as text it refuses.
  return typeof value === "string" ? value : JSON.stringify(value);
}
