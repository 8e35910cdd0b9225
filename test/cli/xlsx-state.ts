import ExcelJS from "exceljs";
import { type MemoryState, newSheet, setCell } from "../../src/workbook/memory-workbook";
import { parseCellAddress } from "../../src/workbook/a1";
import { referredSheet } from "../../src/workbook/port-helpers";
import { dateToSerial } from "../../src/workbook/dates";
import type { CellValue } from "../../src/workbook/port";

/**
 * An .xlsx file read back as the in-memory workbook's state, so that a test can compare what
 * the xlsx port left with what the memory workbook (the contract) leaves.
 */
export async function stateOfXlsx(bytes: Buffer): Promise<MemoryState> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const state: MemoryState = { sheets: [], tables: [], names: [] };
  for (const worksheet of workbook.worksheets) {
    const sheet = newSheet(worksheet.name);
    worksheet.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const value = portValue(cell.value);
        if (value !== null) setCell(sheet, r - 1, c - 1, value);
        if (cell.numFmt !== undefined && cell.numFmt !== "General") sheet.numberFormats.set(`${r - 1},${c - 1}`, cell.numFmt);
      }),
    );
    sheet.protected = (worksheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet === true;
    const setup = worksheet.pageSetup;
    if (setup.printArea !== undefined) {
      const widths: number[] = [];
      worksheet.columns.forEach((column, i) => (column.width === undefined ? undefined : (widths[i] = Math.round(column.width * 10) / 10)));
      sheet.layout = {
        columnWidths: widths,
        printArea: setup.printArea,
        orientation: setup.orientation ?? "portrait",
        paper: paperOfSize(setup.paperSize),
        fitToPagesWide: setup.fitToWidth ?? 1,
        printTitleRows: setup.printTitlesRow,
      };
    }
    state.sheets.push(sheet);
    for (const table of Object.values((worksheet as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> }).tables)) {
      const [from, to] = table.table.tableRef.split(":") as [string, string];
      const a = parseCellAddress(from);
      const b = parseCellAddress(to);
      state.tables.push({ name: table.table.name, sheet: worksheet.name, top: a.row, left: a.column, rows: b.row - a.row + 1, columns: b.column - a.column + 1 });
    }
  }
  for (const name of workbook.definedNames.model) {
    const sheet = name.ranges[0] === undefined ? undefined : referredSheet(name.ranges[0]);
    if (sheet !== undefined) state.names.push({ name: name.name, sheet });
  }
  return state;
}

/** The paper of a sheet's page setup (ECMA-376 paper size codes); any other is not Interim's. */
function paperOfSize(size: number | undefined): "a4" | "letter" {
  if (size === 9) return "a4";
  if (size === 1) return "letter";
  throw new Error(`The sheet prints on paper size ${String(size)}, neither A4 (9) nor Letter (1).`);
}

/** Cells with trailing blanks dropped, so that two states compare by content. */
export function normalised(state: MemoryState): unknown {
  const trim = <T>(list: T[], blank: (item: T) => boolean): T[] => {
    const copy = [...list];
    while (copy.length > 0 && blank(copy[copy.length - 1] as T)) copy.pop();
    return copy;
  };
  return {
    sheets: state.sheets.map((s) => ({
      name: s.name,
      protected: s.protected,
      cells: trim(s.cells.map((row) => trim(row, (v) => v === null)), (row) => row.length === 0),
      numberFormats: [...s.numberFormats.entries()].sort(),
      layout: s.layout,
    })),
    tables: [...state.tables].sort((a, b) => a.name.localeCompare(b.name)),
    names: [...state.names].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * A cell's value as exceljs reads it, as the port gives it (as Excel's `values` would): a
 * formula's last calculated result, text of rich text and links, an error as its code ("#N/A"),
 * and a date as its Excel serial number.
 */
export function portValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value === "" ? null : value;
  if (value instanceof Date) return dateToSerial(value);
  if ("error" in value) return value.error;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return portValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("text" in value) return portValue((value as { text: ExcelJS.CellValue }).text);
  return null;
}
