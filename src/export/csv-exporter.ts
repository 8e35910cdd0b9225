import type { IssuedInvoice } from "../core";
import { type DocumentText, G703_FIELDS, formatDocumentPercent, g703Heading, timeRowLabel } from "../i18n";
import { cappedLinesOf, hoursNotBilledOf, summaryRowsOf, taxRowsOf, textOf, titleOf } from "./document";
import { invoiceTypeCodeOf } from "./en16931/invoice-type-code";
import { type LabelledAmount, advanceDeductionsOf, finalStatementRowsOf } from "./kinds";
import type { Exporter } from "./exporter";

/**
 * The invoice as one rectangular CSV table (RFC 4180: CRLF, fields quoted when they hold a
 * comma, a quote or a line break), so that any parser and any spreadsheet read it the same way:
 *
 *   Record,Item,Description,<the G703 amount columns>,Tax rate,Amount
 *   document,number,INV-0001,...          the document's facts, one per row
 *   line,M1,Discovery and requirements,... one row per G703 line
 *   time,D1,Carl Wu (Developer),...,800.00,...   the time appendix, when the timesheet bills lines
 *   summary,8,Current payment due,...,80833.12   the G702 lines, tax per rate and the total due
 *
 * An advance invoice's summary is the advance ("advancePayment"), not the G702 lines; a progress
 * invoice after one adds an "advanceTaxDeducted" summary record per rate (the VAT already invoiced
 * on the advance it recovered, negative); a final invoice ends with "final" records (the whole
 * contract, what is deducted, the balance due) and a "preceding" record per partial invoice for
 * its net and for its VAT at each rate (see docs/decisions/0036-advance-and-final-invoices.md).
 *
 * When a line is capped, a column after Amount holds the amount each capped line worked but did
 * not bill, and the next one its hours when the timesheet bills it. With a time appendix, the last
 * columns (timeColumnsOf) hold each time record's person, role, hours, rate, per and lateness;
 * its amount is in Amount, as a summary record's.
 *
 * Amounts are the core's plain decimals ("-1234.50": no thousands separator, no currency sign),
 * rates fractions ("0.19"), the way Excel stores a percentage, and dates ISO 8601, whatever the
 * document's language: the CSV is data for a program or a spreadsheet. The headings and the
 * labels a person reads (the title, the Description of the summary and time records) are in the
 * document's language; the record kinds and document keys ("line", "invoiceDate") and the
 * workbook's own values (kind, per, late) stay as they are, the keys a program reads them by.
 */
export const csvExporter: Exporter = {
  format: "csv",
  mimeType: "text/csv;charset=utf-8",
  extension: "csv",
  generate(invoice, options) {
    const text = toCsv(invoice);
    return Promise.resolve(new TextEncoder().encode((options?.bom ?? true) ? `\uFEFF${text}` : text));
  },
};

const AMOUNT_COLUMNS = G703_FIELDS.slice(2);

/** The columns every CSV has, headed in the document's language. */
export function csvHeaderOf(text: DocumentText): string[] {
  const { t } = text;
  return [t("csv.record"), t("g703.id"), t("csv.description"), ...AMOUNT_COLUMNS.map((c) => g703Heading(c, text)), t("g703.taxRate"), t("csv.amount")];
}

/** The last columns when the invoice has a time appendix, filled on its "time" records only. */
export function timeColumnsOf({ t }: DocumentText): string[] {
  return [t("time.person"), t("time.role"), t("time.hours"), t("time.rate"), t("time.per"), t("time.lateHeading")];
}

/** A cell the core produced as a number: written as is, never neutralised (a credit stays -1234.50, a number). */
interface NumberCell {
  number: string;
}
export type Cell = string | NumberCell;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
export const num = (value: string): NumberCell => {
  if (!PLAIN_DECIMAL.test(value)) throw new Error(`not a plain decimal: ${value}`);
  return { number: value };
};

export function toCsv(invoice: IssuedInvoice): string {
  const capped = cappedLinesOf(invoice).length > 0;
  const hours = capped && (invoice.hoursNotBilled ?? []).length > 0;
  const time = invoice.timeAppendix ?? [];
  const text = textOf(invoice);
  const { t } = text;
  // Columns past the G703 ones, each only when the invoice has anything in it.
  const extra = [...(capped ? [t("capped.heading")] : []), ...(hours ? [t("capped.hoursNotBilled")] : [])];
  const rows: Cell[][] = [[...csvHeaderOf(text), ...extra, ...(time.length > 0 ? timeColumnsOf(text) : [])]];
  const document = (key: string, value: string): Cell[] => ["document", key, value];
  const credit = invoice.kind === "credit note";
  rows.push(
    document("title", titleOf(invoice)),
    document("number", invoice.number),
    document("kind", invoice.kind),
    ...(invoice.credits === undefined ? [] : [document("credits", invoice.credits)]),
    document("invoiceDate", invoice.invoiceDate),
    // A credit note asks for no payment: no due date, no payment terms.
    ...(credit ? [] : [document("dueDate", invoice.dueDate)]),
    document("periodStart", invoice.periodStart),
    document("periodEnd", invoice.periodEnd),
    document("currency", invoice.result.currency),
    document("supplierName", invoice.supplier.name),
    document("supplierAddress", invoice.supplier.address),
    document("supplierTaxId", invoice.supplier.taxId),
    document("clientName", invoice.client.name),
    document("clientAddress", invoice.client.address),
    document("clientTaxId", invoice.client.taxId),
    document("contractReference", invoice.contractReference),
    document("purchaseOrder", invoice.purchaseOrder),
    ...(credit ? [] : [document("paymentTerms", invoice.paymentTerms)]),
    // The code the e-invoice is sent with: the setting as the document's kind and parties allow it.
    document("invoiceTypeCode", invoiceTypeCodeOf(invoice)),
    document("precedingInvoices", invoice.precedingInvoices.join(" ")),
  );
  const optional = (amount: string | undefined): Cell => (amount === undefined ? "" : num(amount));
  for (const line of invoice.result.lines) {
    const notBilled = [...(capped ? [optional(line.workedNotBilled)] : []), ...(hours ? [optional(hoursNotBilledOf(invoice, line))] : [])];
    rows.push(["line", line.id, line.description, ...AMOUNT_COLUMNS.map((c) => num(line[c])), num(line.taxRate), "", ...notBilled]);
  }
  const amountAt = (amount: string): Cell[] => [...AMOUNT_COLUMNS.map(() => ""), "", num(amount)];
  // The time appendix, line by line: its amount where the other records have theirs, the person and hours in columns of their own.
  for (const row of time) {
    rows.push([
      "time", row.line, timeRowLabel(row, text), ...amountAt(row.amount), ...extra.map(() => ""),
      row.person ?? "", row.role ?? "", num(row.hours), optional(row.rate), row.per ?? "", row.late ? "yes" : "no",
    ]);
  }
  // An advance invoice bills no work: its summary is the advance, not the G702 lines.
  if (invoice.kind === "advance invoice") rows.push(["summary", "advancePayment", t("advance.payment"), ...amountAt(invoice.result.summary.currentPaymentDue)]);
  else for (const row of summaryRowsOf(invoice)) rows.push(["summary", row.line === "" ? row.key : row.line, row.label, ...amountAt(row.amount)]);
  const atRate = (rate: string, amount: string): Cell[] => [...AMOUNT_COLUMNS.map(() => ""), num(rate), num(amount)];
  for (const tax of taxRowsOf(invoice)) {
    const rate = formatDocumentPercent(tax.rate, invoice.language);
    rows.push(["summary", "taxableAmount", t("tax.taxableAmountAt", { rate }), ...atRate(tax.rate, tax.taxableAmount)]);
    rows.push(["summary", "tax", tax.label, ...atRate(tax.rate, tax.tax)]);
  }
  for (const deduction of advanceDeductionsOf(invoice)) rows.push(["summary", deduction.key, deduction.label, ...atRate(deduction.rate, deduction.amount)]);
  rows.push(["summary", "totalDue", t("total.due", { currency: invoice.result.currency }), ...amountAt(invoice.result.summary.totalDue)]);
  rows.push(...finalRecords(invoice, amountAt, atRate));
  const width = rows[0]?.length ?? 0;
  return rows.map((row) => padded(row, width).map(field).join(",")).join("\r\n") + "\r\n";
}

/**
 * A final invoice's statement: "final" records for the contract, what is deducted and the balance
 * due, and a "preceding" record for each partial invoice's net and its VAT at each rate (its date
 * and what the amount is in Description); none for the other kinds.
 */
function finalRecords(invoice: IssuedInvoice, amountAt: (amount: string) => Cell[], atRate: (rate: string, amount: string) => Cell[]): Cell[][] {
  const statement = finalStatementRowsOf(invoice);
  if (statement === undefined) return [];
  const record = (row: LabelledAmount): Cell[] => ["final", row.key, row.label, ...(row.rate === undefined ? amountAt(row.amount) : atRate(row.rate, row.amount))];
  const [, , netHeading, ...vatHeadings] = statement.columns;
  return [
    ...statement.contract.map(record),
    ...statement.listing.flatMap((p) => [
      ["preceding", p.number, `${p.date}: ${netHeading ?? ""}`, ...amountAt(p.net)],
      ...statement.rates.map((rate, i) => ["preceding", p.number, `${p.date}: ${vatHeadings[i] ?? ""}`, ...atRate(rate, p.taxes[i] ?? "0")]),
    ]),
    ...statement.deductions.map(record),
    record(statement.due),
  ];
}

function padded(row: Cell[], width: number): Cell[] {
  return row.length >= width ? row : [...row, ...Array<Cell>(width - row.length).fill("")];
}

/** One RFC 4180 field: a number as the core wrote it, text neutralised and quoted when it must be. */
export function field(cell: Cell): string {
  if (typeof cell !== "string") return cell.number;
  const text = neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * OWASP CSV injection: a text cell that a spreadsheet could read as a formula (it starts with
 * =, +, -, @, a tab or a carriage return) gets a leading single quote, which spreadsheets show
 * as text. Only text goes through here; the core's amounts are numbers and stay numbers.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
