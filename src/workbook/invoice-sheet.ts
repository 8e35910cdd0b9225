import { type BillingResult, cappedLinesShown, type IssuedInvoice, type TimeAppendixRow, addAmounts, paperOf, subtractAmount } from "../core";
import {
  type DocumentText, G703_FIELDS, type SummaryLine, documentText, documentTitle, formatDocumentDate, g703Heading, latePaymentMentions, perLabel, periodLabel, summaryLabel, taxLabel,
  timeRowLabel,
} from "../i18n";
import { columnLetters } from "./a1";
import { advanceDeductionRows, finalStatementBlocks } from "./kind-rows";
import { moneyFormat } from "./formats";
import type { CellBlock, CellValue, SheetLayout } from "./port";
import type { ContractSettings } from "./settings";

/** What an invoice sheet says besides the figures. */
export interface InvoiceHeader {
  number: string;
  kind: IssuedInvoice["kind"];
  /** For a credit note: the invoice it cancels. */
  credits: string | undefined;
  invoiceDate: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

export const WIDTHS = [9, 38, 15, 15, 15, 15, 16, 9, 15, 14];
/** The description column's width, in characters. */
const DESCRIPTION_WIDTH = WIDTHS[1] ?? 38;
/** Points per line of text in the default font (Calibri 11): Excel's default row height. */
const LINE_POINTS = 15;
/** The tallest row Excel allows, in points. */
const MAX_ROW_POINTS = 409;
export const COLUMNS = G703_FIELDS.length;
export const HEADER_ROWS = 11;

/** Excel's limit on the characters in one cell: a workbook with a longer text does not open. */
const CELL_TEXT_LIMIT = 32_767;
/** Hours: two decimals, more only when an entry has them (7.50, 0.125). */
const HOURS_FORMAT = "#,##0.00##";

/**
 * Why a text of `length` characters, written into a cell after `label`, would be more than a
 * cell holds (undefined when it fits); `what` names where it comes from.
 */
export function cellTextProblem(what: string, length: number, label = ""): string | undefined {
  const room = CELL_TEXT_LIMIT - label.length;
  if (length <= room) return undefined;
  const written = label === "" ? "" : ` with "${label}" before it on the invoice`;
  return `${what} is ${length.toLocaleString("en-US")} characters long${written}, over the ${CELL_TEXT_LIMIT.toLocaleString("en-US")} characters an Excel cell holds; shorten it to at most ${room.toLocaleString("en-US")}.`;
}

export const row = (...cells: CellValue[]): CellValue[] => Array.from({ length: COLUMNS }, (_, c) => cells[c] ?? null);

/**
 * The header block: title, supplier and client, number, dates, period, contract and purchase
 * order, in the document's language: its dates are text written as the language writes them,
 * as on the PDF.
 */
export function headerBlockOf(header: InvoiceHeader, settings: ContractSettings, currency: string, text: DocumentText): CellBlock {
  const { t, language } = text;
  const taxId = (id: string): string | null => (id === "" ? null : t("party.taxId", { taxId: id }));
  return {
    top: 0,
    left: 0,
    values: [
      row(`${documentTitle(header.kind, text)} ${header.number}`),
      row(),
      row(t("party.from"), settings.supplierName, null, null, null, null, t("fact.number"), null, header.number),
      row(null, settings.supplierAddress, null, null, null, null, t("fact.date"), null, formatDocumentDate(header.invoiceDate, language)),
      // An advance invoice bills no period of work.
      row(null, taxId(settings.supplierTaxId), null, null, null, null, ...(header.kind === "advance invoice" ? [] : [t("fact.period"), null, periodLabel(header.periodStart, header.periodEnd, text)])),
      // A credit note asks for no payment: it has no due date.
      header.kind === "credit note"
        ? row(t("party.to"), settings.clientName)
        : row(t("party.to"), settings.clientName, null, null, null, null, t("fact.dueDate"), null, formatDocumentDate(header.dueDate, language)),
      row(null, settings.clientAddress, null, null, null, null, t("fact.contract"), null, settings.contractReference),
      row(null, taxId(settings.clientTaxId), null, null, null, null, t("fact.purchaseOrder"), null, settings.purchaseOrder),
      row(null, null, null, null, null, null, t("fact.currency"), null, currency),
      row(null, null, null, null, null, null, header.credits === undefined ? null : t("fact.cancels"), null, header.credits ?? null),
      row(),
    ],
    // Text throughout, so that Excel never reads a reference such as 12345 or a date as a number.
    numberFormat: "@",
  };
}

/** The payment terms the documents print: the setting's text, else the days of the Payment terms (days) setting in the document's language. */
export function paymentTermsOf(settings: ContractSettings): string {
  return settings.paymentTerms || documentText(settings.language).t("payment.withinDays", { count: settings.paymentTermsDays });
}

/**
 * What a document of `kind` says under its payment terms about paying late, one mention a row:
 * what the supplier's law asks (France's penalties, indemnity and discount), none for a credit
 * note or a supplier whose law asks for none.
 */
export function latePaymentRowsOf(kind: InvoiceHeader["kind"], settings: ContractSettings): CellValue[][] {
  const supplier = { country: settings.supplier.country, taxId: settings.supplierTaxId };
  return latePaymentMentions({ kind, supplier, latePaymentInterest: settings.latePaymentInterest }).map((mention) => [mention]);
}

/**
 * Lays out a credit note: the header block, then what it cancels: each line's description, tax
 * rate and period amount, the payment, the tax per rate and the total, all with the opposite
 * sign. `cancelled` is the cancelled invoice's figures as the core restated them.
 */
export function layoutCreditNote(sheetName: string, header: InvoiceHeader, settings: ContractSettings, cancelled: BillingResult): SheetLayout {
  const text = documentText(settings.language);
  const { t } = text;
  const money = moneyFormat(cancelled.minorUnits);
  const negated = (amount: string): number => Number(subtractAmount("0", amount));
  const tableHeader: CellBlock = {
    top: HEADER_ROWS, left: 0, values: [row(t("g703.id"), t("credit.workCancelled", { invoice: header.credits ?? "" }), t("g703.taxRate"), t("g703.thisPeriod"))], bold: true, fill: "#DCE6F0",
  };
  const lines = wrappedRows(HEADER_ROWS + 1, cancelled.lines.map((l) => [l.id, l.description, Number(l.taxRate), negated(l.thisPeriod)]), ["@", "@", "0.00%", money]);
  const s = cancelled.summary;
  const summaryRows: [string, string][] = [
    [t("credit.currentPaymentDue"), s.currentPaymentDue],
    ...cancelled.taxBreakdown.map((tax): [string, string] => [t("credit.taxLine", { label: taxLabel(tax.rate, tax.taxableAmount, cancelled.minorUnits, text) }), tax.tax]),
    ...advanceDeductionRows(cancelled, text).map(([label, amount]): [string, string] => [t("credit.taxLine", { label }), amount]),
    [t("credit.tax"), s.tax],
    [t("total.credited", { currency: cancelled.currency }), s.totalDue],
  ];
  const summaryTop = HEADER_ROWS + cancelled.lines.length + 2;
  const summary: CellBlock = {
    top: summaryTop,
    left: 1,
    values: summaryRows.map(([label, amount]) => [label, negated(amount)]),
    numberFormat: ["@", money],
    bold: true,
  };
  const lastRow = summaryTop + summaryRows.length - 1;
  return {
    name: sheetName,
    blocks: [headerBlockOf(header, settings, cancelled.currency, text), tableHeader, ...lines, summary],
    columnWidths: WIDTHS,
    printArea: `A1:${columnLetters(COLUMNS - 1)}${lastRow + 1}`,
    orientation: "landscape",
    paper: paperOf(cancelled.currency),
    fitToPagesWide: 1,
    printTitleRows: undefined,
  };
}

/**
 * Lays out an invoice sheet: a header block (supplier, client, number, dates, period, contract),
 * the G703 lines with their totals, the G702 summary with tax and the total due, and the payment
 * terms (with what paying late costs, where the supplier's law asks it said), labelled in the
 * contract's document language. The figures are numbers with number
 * formats, which Excel shows in its user's own locale; only the text is in the document's
 * language. Each block is one range write; the page prints landscape, one page wide, with the
 * table header repeated on every page.
 */
export function layoutInvoiceSheet(
  sheetName: string, header: InvoiceHeader, settings: ContractSettings, result: BillingResult, time: Pick<IssuedInvoice, "timeAppendix" | "hoursNotBilled" | "finalStatement"> = {},
): SheetLayout {
  const text = documentText(settings.language);
  const { t } = text;
  const money = moneyFormat(result.minorUnits);
  const headerBlock = headerBlockOf(header, settings, result.currency, text);
  const lineTop = HEADER_ROWS + 1;
  const headings = G703_FIELDS.map((field) => g703Heading(field, text));
  const tableHeader: CellBlock = {
    top: HEADER_ROWS, left: 0, values: [headings], bold: true, wrap: true, fill: "#DCE6F0", borderBottom: true, rowHeight: wrappedHeight(headings, WIDTHS),
  };
  const lineValues = result.lines.map((l) => [
    l.id, l.description, Number(l.scheduledValue), Number(l.previouslyCompleted), Number(l.thisPeriod), Number(l.storedMaterials),
    Number(l.completedAndStoredToDate), Number(l.percentComplete), Number(l.balanceToFinish), Number(l.retention),
  ]);
  const lineFormats = ["@", "@", money, money, money, money, money, "0.00%", money, money];
  const lines = wrappedRows(lineTop, lineValues, lineFormats);
  const totalsTop = lineTop + lineValues.length;
  const s = result.summary;
  const totals: CellBlock = {
    top: totalsTop,
    left: 0,
    values: [[
      null, t("g703.totals"), Number(s.contractSumToDate), sumOf(result, "previouslyCompleted"), sumOf(result, "thisPeriod"),
      sumOf(result, "storedMaterials"), Number(s.totalCompletedAndStoredToDate), null, sumOf(result, "balanceToFinish"),
      Number(addAmounts([s.retentionOnCompletedWork, s.retentionOnStoredMaterials])),
    ]],
    numberFormat: lineFormats,
    bold: true,
  };
  // Each capped line with the amount it worked past its cap, which is not billed, under the table; with its hours when the timesheet bills it.
  const capped = cappedLinesShown(result.lines);
  const hours = new Map((time.hoursNotBilled ?? []).map((h) => [h.line, h.hours]));
  const hoursCell = (id: string): CellValue[] => (hours.size === 0 ? [] : [hours.has(id) ? Number(hours.get(id)) : null]);
  const cappedBlocks: CellBlock[] = capped.length === 0 ? [] : [
    { top: totalsTop + 2, left: 1, values: [[t("capped.heading"), ...(hours.size === 0 ? [] : [null, t("capped.hoursColumn")])]], bold: true },
    ...wrappedRows(totalsTop + 3, capped.map((l) => [l.id, l.description, Number(l.workedNotBilled), ...hoursCell(l.id)]), ["@", "@", money, HOURS_FORMAT]),
  ];
  const summaryTop = totalsTop + 2 + (capped.length === 0 ? 0 : capped.length + 2);
  // The G702 lines by their numbers; released retention and advance recovery, unnumbered, only when there are any.
  const numbered = (line: string, key: SummaryLine): [string, string] => [`${line}. ${summaryLabel(key, text)}`, s[key]];
  const summaryRows: [string, string][] = [
    numbered("1", "originalContractSum"),
    numbered("2", "netChangeByChangeOrders"),
    numbered("3", "contractSumToDate"),
    numbered("4", "totalCompletedAndStoredToDate"),
    numbered("5a", "retentionOnCompletedWork"),
    numbered("5b", "retentionOnStoredMaterials"),
    ...(Number(s.retentionReleased) === 0 ? [] : [[`   ${summaryLabel("retentionReleased", text)}`, s.retentionReleased] as [string, string]]),
    numbered("5", "totalRetention"),
    numbered("6", "totalEarnedLessRetention"),
    numbered("7", "previousCertificates"),
    ...(Number(s.advanceRecovery) === 0 ? [] : [[`   ${summaryLabel("advanceRecovery", text)}`, s.advanceRecovery] as [string, string]]),
    numbered("8", "currentPaymentDue"),
    numbered("9", "balanceToFinishIncludingRetention"),
    ...result.taxBreakdown.map((tax): [string, string] => [taxLabel(tax.rate, tax.taxableAmount, result.minorUnits, text), tax.tax]),
    ...advanceDeductionRows(result, text),
  ];
  const summary: CellBlock = {
    top: summaryTop,
    left: 1,
    values: summaryRows.map(([label, value]) => [label, Number(value)]),
    numberFormat: ["@", money],
  };
  const dueTop = summaryTop + summaryRows.length;
  const totalDue: CellBlock = { top: dueTop, left: 1, values: [[t("total.due", { currency: result.currency }), Number(s.totalDue)]], numberFormat: ["@", money], bold: true, fill: "#DCE6F0" };
  // A final invoice's statement under the total due: the whole contract, less each partial invoice.
  const statement = time.finalStatement === undefined ? { blocks: [], rows: 0 } : finalStatementBlocks(dueTop + 2, time.finalStatement, result.currency, result.minorUnits, text);
  const footerTop = dueTop + 2 + (statement.rows === 0 ? 0 : statement.rows + 1);
  const footer: CellBlock = { top: footerTop, left: 0, values: [[t("payment.terms", { terms: paymentTermsOf(settings) })], ...latePaymentRowsOf(header.kind, settings)] };
  const rows = time.timeAppendix ?? [];
  const appendixTop = footerTop + footer.values.length + 1;
  const appendix = timeAppendixBlocks(appendixTop, rows, money, text);
  const lastRow = appendix.length === 0 ? appendixTop - 2 : appendixTop + rows.length;
  return {
    name: sheetName,
    blocks: [headerBlock, tableHeader, ...lines, totals, ...cappedBlocks, summary, totalDue, ...statement.blocks, footer, ...appendix],
    columnWidths: WIDTHS,
    printArea: `A1:${columnLetters(COLUMNS - 1)}${lastRow + 1}`,
    orientation: "landscape",
    paper: paperOf(result.currency),
    fitToPagesWide: 1,
    printTitleRows: `${HEADER_ROWS + 1}:${HEADER_ROWS + 1}`,
  };
}

/**
 * The time appendix below the payment terms: per line, each person's new hours at their rate
 * and their part of the line's period amount (see computeTimeAppendix), a late entry's row
 * saying so; none without a timesheet.
 */
function timeAppendixBlocks(top: number, rows: readonly TimeAppendixRow[], money: string, text: DocumentText): CellBlock[] {
  if (rows.length === 0) return [];
  const { t } = text;
  const headings = [t("g703.id"), t("time.personRoleThisPeriod"), t("time.hours"), t("time.rate"), t("time.per"), t("time.amount")];
  const heading: CellBlock = { top, left: 0, values: [headings], bold: true, fill: "#DCE6F0", borderBottom: true };
  const values = rows.map((r) => [r.line, timeRowLabel(r, text), Number(r.hours), r.rate === undefined ? null : Number(r.rate), r.per === undefined ? null : perLabel(r.per, text), Number(r.amount)]);
  return [heading, ...wrappedRows(top + 1, values, ["@", "@", HOURS_FORMAT, money, "@", money])];
}

function sumOf(result: BillingResult, field: "previouslyCompleted" | "thisPeriod" | "storedMaterials" | "balanceToFinish"): number {
  return Number(addAmounts(result.lines.map((line) => line[field])));
}

/**
 * A table's rows with their descriptions (the second column) wrapped: each run of rows whose
 * description takes the same number of lines is one block, one range write, with the height
 * those lines need, as LibreOffice does not grow a row to fit wrapped text it reads from a file.
 */
export function wrappedRows(top: number, values: CellValue[][], numberFormat: string[]): CellBlock[] {
  const blocks: CellBlock[] = [];
  values.forEach((cells, r) => {
    const lines = String(cells[1] ?? "").split("\n").reduce((sum, paragraph) => sum + lineCount(paragraph, DESCRIPTION_WIDTH), 0);
    const height = Math.min(lines * LINE_POINTS, MAX_ROW_POINTS);
    const last = blocks.at(-1);
    if (last?.rowHeight === height) last.values.push(cells);
    else blocks.push({ top: top + r, left: 0, values: [cells], numberFormat, wrap: true, rowHeight: height });
  });
  return blocks;
}

/**
 * The height of a row of wrapped headers: as many lines as the longest takes in its column.
 */
function wrappedHeight(headers: readonly string[], widths: readonly number[]): number {
  return Math.max(...headers.map((header, c) => lineCount(header, widths[c] ?? 8.43))) * LINE_POINTS;
}

/**
 * The lines a text takes wrapped at word breaks in a column `width` characters wide. More than
 * needed rather than too few: text is mostly narrower than the digits widths are counted in;
 * a word longer than the column is broken by the spreadsheet, over as many lines as it fills.
 */
function lineCount(text: string, width: number): number {
  let count = 1;
  let line = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line > 0 && line + 1 + word.length > width) {
      count += 1;
      line = word.length;
    } else line += (line > 0 ? 1 : 0) + word.length;
    while (line > width) {
      count += 1;
      line -= width;
    }
  }
  return count;
}
