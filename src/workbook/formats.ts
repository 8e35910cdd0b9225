import { minorUnitsOf, paperOf } from "../core";
import { DATE_FORMAT } from "./dates";
import { BILLED_TIME_HEADERS, type CellValue, type ColumnFormat, INVOICE_LOG_HEADERS, LINE_LOG_HEADERS, type LogCommit, MAPPING_HEADERS, PAYMENT_HEADERS, TIMESHEET_HEADERS } from "./port";

/**
 * The number formats Interim gives the cells it writes, in Excel's codes (which LibreOffice reads
 * as they are): amounts with thousands separators and the currency's minor units,
 * rates as percentages, dates as dates (they are serial numbers in cells, see dates.ts), and
 * text that must stay text (an id, an invoice number, a check) as text.
 */
export const TEXT_FORMAT = "@";
export const PERCENT_FORMAT = "0.0%";
/** Hours with at least two decimals: a clock duration read from a time tracker has up to six. */
export const HOURS_FORMAT = "#,##0.00####";

/** The Excel number format for amounts of a currency: thousands separators, its minor units. */
export function moneyFormat(minorUnits: number): string {
  return minorUnits === 0 ? "#,##0" : `#,##0.${"0".repeat(minorUnits)}`;
}

/** A column wide enough for its header on one line, and at least for its values. */
function column(header: string, numberFormat: string | null, valueWidth: number): ColumnFormat {
  return { numberFormat, width: Math.max(header.length + 2, valueWidth) };
}

const MONEY_WIDTH = 14;
const DATE_WIDTH = 11;

const INVOICE_TEXT = new Set<string>(["Number", "Kind", "Credits", "Currency", "Sheet", "Check"]);
const INVOICE_DATES = new Set<string>(["Invoice date", "Period start", "Period end", "Due date"]);

/** How the two tables of the billing log show, and the paper its sheet prints on (the contract's, see paperOf). */
export interface BillingLogColumns {
  invoices: ColumnFormat[];
  lines: ColumnFormat[];
  paper: "a4" | "letter";
}

/**
 * The billing log's columns: numbers, kinds, sheets and the check as text, dates as dates, the
 * line count as a whole number, every other column an amount of the contract's currency.
 */
function billingLogColumns(minorUnits: number, paper: "a4" | "letter"): BillingLogColumns {
  const money = moneyFormat(minorUnits);
  return {
    paper,
    invoices: INVOICE_LOG_HEADERS.map((header) =>
      INVOICE_TEXT.has(header)
        ? column(header, TEXT_FORMAT, header === "Check" ? 10 : 9)
        : INVOICE_DATES.has(header)
          ? column(header, DATE_FORMAT, DATE_WIDTH)
          : header === "Lines"
            ? column(header, "0", 6)
            : column(header, money, MONEY_WIDTH),
    ),
    lines: LINE_LOG_HEADERS.map((header) => (header === "Invoice" || header === "Line" ? column(header, TEXT_FORMAT, 9) : column(header, money, MONEY_WIDTH))),
  };
}

/** A currency's minor units; 2 for a code ISO 4217 does not know (its minor units are the contract's own). */
function minorUnitsFor(currency: string | undefined): number {
  return (currency === undefined ? undefined : minorUnitsOf(currency)) ?? 2;
}

/** The log's columns for a currency code. */
export function billingLogColumnsFor(currency: string | undefined): BillingLogColumns {
  return billingLogColumns(minorUnitsFor(currency), paperOf(currency ?? "USD"));
}

/**
 * A new Payments table's columns, in the order of PAYMENT_HEADERS: the date as a date, the
 * amount in the contract currency's format, the document number, currency and reference as
 * text (a reference such as 00123 stays as typed), the reference wide enough for a bank's.
 */
export function paymentColumnsFor(currency: string | undefined): ColumnFormat[] {
  const money = moneyFormat(minorUnitsFor(currency));
  return PAYMENT_HEADERS.map((header) =>
    header === "Date"
      ? column(header, DATE_FORMAT, DATE_WIDTH)
      : header === "Amount"
        ? column(header, money, MONEY_WIDTH)
        : column(header, TEXT_FORMAT, header === "Reference" ? 24 : 10),
  );
}

/** The log's columns for a commit that creates the log: its invoice row names the currency. */
export function billingLogColumnsOf(commit: LogCommit): BillingLogColumns {
  return billingLogColumnsFor(commitCurrency(commit));
}

/** The currency a commit's invoice row names. */
function commitCurrency(commit: LogCommit): string | undefined {
  const currency: CellValue | undefined = commit.invoiceRow[INVOICE_LOG_HEADERS.indexOf("Currency")];
  return typeof currency === "string" ? currency : undefined;
}

/**
 * A new billed time table's columns, in the order of BILLED_TIME_HEADERS: the hours, the amount
 * in the contract currency's format, the invoice, line, entry key and status as text; the key
 * wide enough to read.
 */
export function billedTimeColumnsFor(currency: string | undefined): ColumnFormat[] {
  const money = moneyFormat(minorUnitsFor(currency));
  return BILLED_TIME_HEADERS.map((header) =>
    header === "Hours to date"
      ? column(header, HOURS_FORMAT, 10)
      : header === "Amount to date"
        ? column(header, money, MONEY_WIDTH)
        : column(header, TEXT_FORMAT, header === "Entry" ? 48 : 9),
  );
}

/**
 * A new Timesheet table's columns, in the order of TIMESHEET_HEADERS: the date as a date, the
 * hours, an entry's own rate in the contract currency's format, and every other column as text
 * (a person, a line id such as 1.10, a note stay as written); the note and source wide enough to read.
 */
export function timesheetColumnsFor(currency: string | undefined): ColumnFormat[] {
  const money = moneyFormat(minorUnitsFor(currency));
  const textWidth: Record<string, number> = { Person: 18, Role: 14, Line: 8, Billable: 8, Note: 36, Source: 28 };
  return TIMESHEET_HEADERS.map((header) =>
    header === "Date"
      ? column(header, DATE_FORMAT, DATE_WIDTH)
      : header === "Hours"
        ? column(header, HOURS_FORMAT, 10)
        : header === "Rate"
          ? column(header, money, 10)
          : column(header, TEXT_FORMAT, textWidth[header] ?? 10),
  );
}

/** A new TimesheetMapping table's columns: project, task and line, as text (a line id such as 1.10 stays as typed). */
export function mappingColumns(): ColumnFormat[] {
  const widths: Record<(typeof MAPPING_HEADERS)[number], number> = { Project: 32, Task: 24, Line: 8 };
  return MAPPING_HEADERS.map((header) => column(header, TEXT_FORMAT, widths[header]));
}
