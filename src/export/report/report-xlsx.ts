import ExcelJS from "exceljs";
import { type FinanceReport, type ReportTable, agingReport, invoiceList, wipSchedule } from "./report";

/**
 * The report as an .xlsx workbook: the sheets "WIP schedule", "Aging" and "Invoices", each a
 * title, the header row and one row per contract (or invoice), with real numbers, dates and
 * percentages under number formats, never text. Each currency's total is a live SUMIF over the
 * contract rows in that currency, carrying the core's figure as its cached result: the
 * spreadsheet shows how the total is made and recomputes it to the cent.
 */
export async function toReportXlsx(report: FinanceReport): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Interim";
  workbook.calcProperties.fullCalcOnLoad = true;
  const missing = report.failures.length === 0 ? "" : `Not in this report (the workbooks could not be read): ${report.failures.map((f) => f.file).join(", ")}`;
  addSheet(workbook, "WIP schedule", wipSchedule(report), missing);
  addSheet(workbook, "Aging", agingReport(report), missing);
  addSheet(workbook, "Invoices", invoiceList(report), missing);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const HEADER_ROW = 3;
const FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F0" } };
/** A cell's number as Excel stores it: the core's decimal text made a number only here, where a cell is written. */
const cellNumber = (value: string): number => Number(value);
const moneyFormat = (amount: string): string => {
  const decimals = amount.split(".")[1]?.length ?? 0;
  return decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
};

function addSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable, missing: string): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  sheet.columns = table.columns.map((column, c) => ({
    width: Math.min(40, Math.max(column.kind === "text" ? 10 : 14, ...table.rows.map((row) => (row.cells[c] ?? "").length + 4))),
  }));
  sheet.getCell(1, 1).value = table.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  if (missing !== "") sheet.getCell(2, 1).value = missing;
  const header = sheet.getRow(HEADER_ROW);
  header.values = table.columns.map((c) => c.label);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.eachCell((cell) => (cell.fill = FILL));

  const first = HEADER_ROW + 1;
  const contracts = table.rows.filter((row) => row.kind === "contract").length;
  const last = first + contracts - 1;
  const currencyColumn = letter(table.columns.findIndex((c) => c.kind === "currency"));
  table.rows.forEach((row, r) => {
    const excelRow = sheet.getRow(first + r);
    row.cells.forEach((value, c) => {
      const kind = table.columns[c]?.kind ?? "text";
      const cell = excelRow.getCell(c + 1);
      if (value === null || value === undefined) return;
      if (kind === "text" || kind === "currency") {
        cell.value = value;
      } else if (kind === "date") {
        cell.value = new Date(`${value}T00:00:00Z`);
        cell.numFmt = "yyyy-mm-dd";
      } else if (kind === "fraction") {
        cell.value = cellNumber(value);
        cell.numFmt = "0.00%";
      } else if (kind === "count") {
        cell.value = cellNumber(value);
        cell.numFmt = "0";
      } else if (row.kind === "total") {
        const column = letter(c);
        const currency = (row.cells[table.columns.findIndex((col) => col.kind === "currency")] ?? "").replaceAll('"', '""');
        cell.value = { formula: `SUMIF($${currencyColumn}$${first}:$${currencyColumn}$${last},"${currency}",${column}$${first}:${column}$${last})`, result: cellNumber(value) };
        cell.numFmt = moneyFormat(value);
      } else {
        cell.value = cellNumber(value);
        cell.numFmt = moneyFormat(value);
      }
    });
    if (row.kind === "total") {
      excelRow.font = { bold: true };
      if (table.rows[r - 1]?.kind === "contract") excelRow.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: { style: "thin" } }));
    }
  });
  if (contracts > 0) sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: table.columns.length } };
}

/** The column letter of a 0-based index (the tables have far fewer than 26 columns). */
function letter(index: number): string {
  return String.fromCharCode(65 + index);
}
