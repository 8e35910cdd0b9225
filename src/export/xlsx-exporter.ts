import ExcelJS from "exceljs";
import { type IssuedInvoice, addAmounts } from "../core";
import {
  type DocumentText, G703_FIELDS, type SummaryLine, formatDocumentDate, formatDocumentPercent, g703Heading, latePaymentMentions, perLabel, periodLabel, timeRowLabel,
} from "../i18n";
import { SUMMED_COLUMNS, cappedLinesOf, columnTotal, hoursNotBilledOf, summaryRowsOf, taxRowsOf, textOf, titleOf } from "./document";
import type { Exporter } from "./exporter";
import { advanceDeductionsOf, advanceHeadingsOf, advanceNoteOf, finalStatementRowsOf } from "./kinds";

/**
 * The invoice sheet as an .xlsx file: the figures of the lines as the core computed them, and
 * every total as a live formula (column sums, G702 lines 1 to 9, tax per rate, the total due),
 * so that the client's spreadsheet shows how each total is made and recomputes it to the same
 * cent. Each formula also carries the core's figure as its cached result, for viewers that do
 * not calculate. The labels are in the invoice's language, and so are the header's dates (text,
 * as on the invoice sheet); the figures are numbers with number formats, which Excel shows in
 * its user's own locale.
 */
export const xlsxExporter: Exporter = {
  format: "xlsx",
  mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  extension: "xlsx",
  async generate(invoice) {
    const buffer = await toXlsx(invoice).xlsx.writeBuffer();
    return new Uint8Array(buffer);
  },
};

const TABLE_TOP = 12;
const FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F0" } };
/** Hours: two decimals, more only when an entry has them (7.50, 0.125). */
const HOURS = "#,##0.00##";
/** The sheet of the time appendix. */
export const TIME_SHEET = "Time";
/** A cell's number as Excel stores it: the core's decimal text made a number only here, where a cell is written. */
const cellNumber = (amount: string): number => Number(amount);

export function toXlsx(invoice: IssuedInvoice): ExcelJS.Workbook {
  const { result, language } = invoice;
  const text = textOf(invoice);
  const { t } = text;
  const money = result.minorUnits === 0 ? "#,##0" : `#,##0.${"0".repeat(result.minorUnits)}`;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Interim";
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheet = workbook.addWorksheet(invoice.number.slice(0, 31).replace(/[[\]:*?/\\]/g, "_"), {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TABLE_TOP}:${TABLE_TOP}` },
  });
  sheet.columns = [9, 38, 15, 15, 15, 15, 16, 9, 15, 14, 12, 9, 16, 16].map((width) => ({ width }));

  // The header block, as text, so that a reference such as 12345 or a date stays as written.
  const textCell = (row: number, column: number, value: string, bold = false): void => {
    const cell = sheet.getCell(row, column);
    cell.value = value;
    cell.numFmt = "@";
    if (bold) cell.font = { bold: true };
  };
  textCell(1, 1, `${titleOf(invoice)} ${invoice.number}`, true);
  sheet.getCell(1, 1).font = { bold: true, size: 16 };
  const taxId = (id: string): string => (id === "" ? "" : t("party.taxId", { taxId: id }));
  const parties: [string, string][] = [
    [t("party.from"), invoice.supplier.name], ["", invoice.supplier.address], ["", taxId(invoice.supplier.taxId)],
    [t("party.to"), invoice.client.name], ["", invoice.client.address], ["", taxId(invoice.client.taxId)],
  ];
  // A credit note asks for no payment: no due date, no payment terms.
  const credit = invoice.kind === "credit note";
  const facts: [string, string][] = [
    // An advance invoice bills no period of work.
    [t("fact.number"), invoice.number], [t("fact.date"), formatDocumentDate(invoice.invoiceDate, language)], ...(invoice.kind === "advance invoice" ? [] : [[t("fact.period"), periodLabel(invoice.periodStart, invoice.periodEnd, text)] as [string, string]]),
    ...(credit ? [] : [[t("fact.dueDate"), formatDocumentDate(invoice.dueDate, language)] as [string, string]]), [t("fact.contract"), invoice.contractReference],
    [t("fact.purchaseOrder"), invoice.purchaseOrder], [t("fact.currency"), result.currency], ...(invoice.credits === undefined ? [] : [[t("fact.cancels"), invoice.credits] as [string, string]]),
  ];
  parties.forEach(([label, value], i) => {
    if (label !== "") textCell(3 + i, 1, label, true);
    if (value !== "") textCell(3 + i, 2, value);
  });
  facts.forEach(([label, value], i) => {
    textCell(3 + i, 7, label, true);
    textCell(3 + i, 9, value);
  });
  if (invoice.kind === "advance invoice") {
    advanceBody(sheet, invoice, money, textCell);
    return workbook;
  }

  // The G703 table: the line figures as values, two helper columns for the formulas below.
  const header = sheet.getRow(TABLE_TOP);
  // A capped line's work past its cap is shown beside the helper columns: the formulas below do not read it.
  const capped = cappedLinesOf(invoice).length > 0;
  const hours = capped && (invoice.hoursNotBilled ?? []).length > 0;
  header.values = [
    ...G703_FIELDS.map((c) => g703Heading(c, text)), t("g703.changeOrder"), t("g703.taxRate"), ...(capped ? [t("capped.heading")] : []), ...(hours ? [t("capped.hoursNotBilled")] : []),
  ];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.eachCell((cell) => (cell.fill = FILL));
  const first = TABLE_TOP + 1;
  const last = TABLE_TOP + Math.max(result.lines.length, 1);
  // The Change order column says yes or no in the document's language, and the SUMIFs of lines 1 and 2 below match the same words.
  const [yes, no] = [t("common.yes"), t("common.no")];
  result.lines.forEach((line, i) => {
    const row = sheet.getRow(first + i);
    row.values = [
      line.id, line.description, ...G703_FIELDS.slice(2).map((c) => cellNumber(line[c])), line.changeOrder ? yes : no, cellNumber(line.taxRate),
    ];
    row.getCell(1).numFmt = "@";
    for (let c = 3; c <= 10; c++) row.getCell(c).numFmt = c === 8 ? "0.00%" : money;
    row.getCell(12).numFmt = "0.00%";
    if (capped && line.workedNotBilled !== undefined) {
      row.getCell(13).value = cellNumber(line.workedNotBilled);
      row.getCell(13).numFmt = money;
    }
    const notBilled = hoursNotBilledOf(invoice, line);
    if (hours && notBilled !== undefined) {
      row.getCell(14).value = cellNumber(notBilled);
      row.getCell(14).numFmt = HOURS;
    }
  });
  const col = (key: string): string => String.fromCharCode(65 + G703_FIELDS.findIndex((c) => c === key));
  const range = (letter: string): string => `${letter}${first}:${letter}${last}`;

  const totalsRow = last + 1;
  sheet.getCell(totalsRow, 2).value = t("g703.totals");
  for (const key of SUMMED_COLUMNS) {
    const cell = sheet.getCell(`${col(key)}${totalsRow}`);
    cell.value = { formula: `SUM(${range(col(key))})`, result: cellNumber(columnTotal(invoice, key)) };
    cell.numFmt = money;
  }
  sheet.getRow(totalsRow).font = { bold: true };

  // The G702 summary: each line's formula, by the arithmetic of the billing rules.
  const summary = summaryRowsOf(invoice);
  const summaryTop = totalsRow + 2;
  const at = new Map<SummaryLine, string>(summary.map((row, i) => [row.key, `C${summaryTop + i}`]));
  const ref = (key: SummaryLine): string => at.get(key) ?? "0";
  const criterion = (word: string): string => `"${word.replaceAll('"', '""')}"`;
  const formulas: Partial<Record<SummaryLine, string>> = {
    originalContractSum: `SUMIF(${range("K")},${criterion(no)},${range("C")})`,
    netChangeByChangeOrders: `SUMIF(${range("K")},${criterion(yes)},${range("C")})`,
    contractSumToDate: `${ref("originalContractSum")}+${ref("netChangeByChangeOrders")}`,
    totalCompletedAndStoredToDate: `${col("completedAndStoredToDate")}${totalsRow}`,
    totalRetention: `${ref("retentionOnCompletedWork")}+${ref("retentionOnStoredMaterials")}-${ref("retentionReleased")}`,
    totalEarnedLessRetention: `${ref("totalCompletedAndStoredToDate")}-${ref("totalRetention")}`,
    currentPaymentDue: `${ref("totalEarnedLessRetention")}-${ref("previousCertificates")}-${ref("advanceRecovery")}`,
    balanceToFinishIncludingRetention: `${ref("contractSumToDate")}-${ref("totalEarnedLessRetention")}`,
  };
  summary.forEach((row, i) => {
    const r = summaryTop + i;
    sheet.getCell(r, 2).value = row.line === "" ? `   ${row.label}` : `${row.line}. ${row.label}`;
    const formula = formulas[row.key];
    const cell = sheet.getCell(r, 3);
    cell.value = formula === undefined ? cellNumber(row.amount) : { formula, result: cellNumber(row.amount) };
    cell.numFmt = money;
  });

  // Tax per rate: ROUND(rate × base) is Excel's half away from zero, the core's half-up.
  const taxTop = summaryTop + summary.length;
  const taxes = taxRowsOf(invoice);
  taxes.forEach((tax, i) => {
    const r = taxTop + i;
    sheet.getCell(r, 2).value = t("tax.atRateOnTaxableAmount", { rate: formatDocumentPercent(tax.rate, language) });
    const base = sheet.getCell(r, 5);
    base.value = cellNumber(tax.taxableAmount);
    base.numFmt = money;
    const rate = sheet.getCell(r, 6);
    rate.value = cellNumber(tax.rate);
    rate.numFmt = "0.00%";
    const cell = sheet.getCell(r, 3);
    // A final invoice's VAT is the VAT on the whole contract less the VAT already invoiced (its statement below), not its base's.
    const computed = result.rounding === "half-up" && invoice.finalStatement === undefined;
    cell.value = computed ? { formula: `ROUND(F${r}*E${r},${result.minorUnits})`, result: cellNumber(tax.tax) } : cellNumber(tax.tax);
    cell.numFmt = money;
  });
  // The VAT an advance invoice already charged on the advance recovered: inside the sum of the tax rows.
  const deductions = advanceDeductionsOf(invoice);
  deductions.forEach((deduction, i) => {
    const r = taxTop + taxes.length + i;
    sheet.getCell(r, 2).value = deduction.label;
    const cell = sheet.getCell(r, 3);
    cell.value = cellNumber(deduction.amount);
    cell.numFmt = money;
  });
  const dueRow = taxTop + taxes.length + deductions.length;
  sheet.getCell(dueRow, 2).value = t(credit ? "total.credited" : "total.due", { currency: result.currency });
  const due = sheet.getCell(dueRow, 3);
  const taxSum = dueRow === taxTop ? "0" : `SUM(C${taxTop}:C${dueRow - 1})`;
  due.value = { formula: `${ref("currentPaymentDue")}+${taxSum}`, result: cellNumber(result.summary.totalDue) };
  due.numFmt = money;
  sheet.getRow(dueRow).font = { bold: true };
  for (const c of [2, 3]) sheet.getCell(dueRow, c).fill = FILL;
  const statementRows = finalStatement(sheet, invoice, dueRow + 2, money);
  // What paying late costs under the payment terms, where the supplier's law asks it said.
  if (!credit) [t("payment.terms", { terms: invoice.paymentTerms }), ...latePaymentMentions(invoice)].forEach((note, i) => textCell(dueRow + 2 + statementRows + i, 1, note));
  addTimeSheet(workbook, invoice, money, text);
  return workbook;
}

type TextWriter = (row: number, column: number, value: string, bold?: boolean) => void;

/**
 * An advance invoice below its header: a line per VAT rate (the advance at it), the tax per rate
 * as ROUND(rate × base), the total due as their sum, the payment terms (with what paying late
 * costs, where the supplier's law asks it said) and how the advance is recovered.
 */
function advanceBody(sheet: ExcelJS.Worksheet, invoice: IssuedInvoice, money: string, text: TextWriter): void {
  const { result } = invoice;
  const words = textOf(invoice);
  const header = sheet.getRow(TABLE_TOP);
  header.values = advanceHeadingsOf(invoice);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = FILL));
  const first = TABLE_TOP + 1;
  result.lines.forEach((line, i) => {
    const row = sheet.getRow(first + i);
    row.values = [line.id, line.description, cellNumber(line.taxRate), cellNumber(line.thisPeriod)];
    row.getCell(1).numFmt = "@";
    row.getCell(3).numFmt = "0.00%";
    row.getCell(4).numFmt = money;
  });
  const last = first + result.lines.length - 1;
  const taxTop = last + 2;
  result.taxBreakdown.forEach((tax, i) => {
    const r = taxTop + i;
    const lineRow = first + result.lines.findIndex((line) => line.taxRate === tax.rate);
    sheet.getCell(r, 2).value = words.t("tax.atRateOnTaxableAmount", { rate: words.percent(tax.rate) });
    const cell = sheet.getCell(r, 4);
    cell.value = result.rounding === "half-up" ? { formula: `ROUND(C${lineRow}*D${lineRow},${result.minorUnits})`, result: cellNumber(tax.tax) } : cellNumber(tax.tax);
    cell.numFmt = money;
  });
  const dueRow = taxTop + result.taxBreakdown.length;
  sheet.getCell(dueRow, 2).value = words.t("total.due", { currency: result.currency });
  const due = sheet.getCell(dueRow, 4);
  due.value = { formula: `SUM(D${first}:D${last})+SUM(D${taxTop}:D${dueRow - 1})`, result: cellNumber(result.summary.totalDue) };
  due.numFmt = money;
  sheet.getRow(dueRow).font = { bold: true };
  for (const c of [2, 3, 4]) sheet.getCell(dueRow, c).fill = FILL;
  const notes = [words.t("payment.terms", { terms: invoice.paymentTerms }), ...latePaymentMentions(invoice), advanceNoteOf(invoice)];
  notes.forEach((note, i) => text(dueRow + 2 + i, 1, note));
}

/**
 * A final invoice's statement from row `top`, below the total due: the whole contract (its
 * total a formula), each partial invoice in force, what is deducted, and the balance and the
 * balance due as formulas (the core's figures cached). Returns the rows it takes, with a blank
 * one after; none for the other kinds.
 */
function finalStatement(sheet: ExcelJS.Worksheet, invoice: IssuedInvoice, top: number, money: string): number {
  const rows = finalStatementRowsOf(invoice);
  if (rows === undefined) return 0;
  const amountCell = (r: number, label: string, value: ExcelJS.CellValue): void => {
    sheet.getCell(r, 2).value = label;
    const cell = sheet.getCell(r, 3);
    cell.value = value;
    cell.numFmt = money;
  };
  const contractTop = top;
  rows.contract.forEach((row, i) => {
    const last = i === rows.contract.length - 1;
    amountCell(top + i, row.label, last ? { formula: `SUM(C${contractTop}:C${top + i - 1})`, result: cellNumber(row.amount) } : cellNumber(row.amount));
  });
  const contractTotal = `C${top + rows.contract.length - 1}`;
  const headingRow = top + rows.contract.length + 1;
  sheet.getCell(headingRow, 1).value = rows.heading;
  sheet.getCell(headingRow, 1).font = { bold: true };
  const columnsRow = sheet.getRow(headingRow + 1);
  columnsRow.values = rows.columns;
  columnsRow.font = { bold: true };
  columnsRow.eachCell((cell) => (cell.fill = FILL));
  rows.listing.forEach((p, i) => {
    const row = sheet.getRow(headingRow + 2 + i);
    row.values = [p.number, formatDocumentDate(p.date, invoice.language), cellNumber(p.net), ...p.taxes.map(cellNumber)];
    row.getCell(1).numFmt = "@";
    row.getCell(2).numFmt = "@";
    for (let c = 3; c <= 3 + p.taxes.length; c += 1) row.getCell(c).numFmt = money;
  });
  const deductTop = headingRow + 2 + rows.listing.length + 1;
  rows.deductions.forEach((row, i) => {
    const r = deductTop + i;
    // The balance: the contract total and the deductions above it.
    const value: ExcelJS.CellValue = row.key === "balance" ? { formula: `${contractTotal}+SUM(C${deductTop}:C${r - 1})`, result: cellNumber(row.amount) } : cellNumber(row.amount);
    amountCell(r, row.label, value);
  });
  const balanceRow = deductTop + rows.deductions.findIndex((row) => row.key === "balance");
  const dueRow = deductTop + rows.deductions.length;
  amountCell(dueRow, rows.due.label, { formula: `SUM(C${balanceRow}:C${dueRow - 1})`, result: cellNumber(rows.due.amount) });
  sheet.getRow(dueRow).font = { bold: true };
  for (const c of [2, 3]) sheet.getCell(dueRow, c).fill = FILL;
  return dueRow - top + 2;
}

/**
 * The time appendix on a sheet of its own, "Time": per line, each person's new hours, rate and
 * part of the line's period amount, as the invoice sheet lists them, and the totals as formulas
 * (with the core's figures cached). None without a time appendix.
 */
function addTimeSheet(workbook: ExcelJS.Workbook, invoice: IssuedInvoice, money: string, text: DocumentText): void {
  const { t } = text;
  const rows = invoice.timeAppendix ?? [];
  if (rows.length === 0) return;
  const sheet = workbook.addWorksheet(TIME_SHEET, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  sheet.columns = [9, 48, 10, 12, 7, 15].map((width) => ({ width }));
  const header = sheet.getRow(1);
  header.values = [t("g703.id"), t("time.personRole"), t("time.hours"), t("time.rate"), t("time.per"), t("time.amount")];
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = FILL));
  rows.forEach((r, i) => {
    const row = sheet.getRow(2 + i);
    row.values = [r.line, timeRowLabel(r, text), cellNumber(r.hours), r.rate === undefined ? null : cellNumber(r.rate), r.per === undefined ? null : perLabel(r.per, text), cellNumber(r.amount)];
    row.getCell(1).numFmt = "@";
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    row.getCell(3).numFmt = HOURS;
    row.getCell(4).numFmt = money;
    row.getCell(6).numFmt = money;
  });
  const last = 1 + rows.length;
  const total = sheet.getRow(last + 1);
  total.getCell(2).value = t("time.total");
  total.getCell(3).value = { formula: `SUM(C2:C${last})`, result: cellNumber(addAmounts(rows.map((r) => r.hours))) };
  total.getCell(3).numFmt = HOURS;
  total.getCell(6).value = { formula: `SUM(F2:F${last})`, result: cellNumber(addAmounts(rows.map((r) => r.amount))) };
  total.getCell(6).numFmt = money;
  total.font = { bold: true };
}
