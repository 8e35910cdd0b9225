/**
 * What every adapter of the workbook port needs alike, whatever its host: each adapter imports
 * from the port side (port.ts and this file) and from its own host library, never from
 * another adapter.
 */
import { type CellArea, type CellValue, type ColumnFormat, NAMES, type RowPlacement, type SettingWrite, WorkbookError } from "./port";
import { paperOf } from "../core";
import { SETTINGS } from "./settings";

/**
 * Runs a host's synchronous work (the memory workbook's, the .xlsx file's) as one of the port's
 * operations: its failure is the promise's rejection, never a throw before a promise exists.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Whether two areas of one sheet share a cell. */
export function overlaps(a: CellArea, b: CellArea): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}

/**
 * A row (in the order of its table's headers as Interim creates them) as the table's columns
 * hold it: the columns a person added stay empty, and a value whose column the table lacks
 * (-1: an optional column of an older table, such as the log's Due date) is not written.
 */
export function tableRow(row: readonly CellValue[], placement: RowPlacement): CellValue[] {
  const cells: CellValue[] = Array.from({ length: placement.width }, () => null);
  row.forEach((value, i) => {
    const column = placement.columns[i];
    if (column !== undefined && column >= 0) cells[column] = value;
  });
  return cells;
}

/**
 * Why a Payments table cannot be created: a sheet of its name that holds no such table (the
 * user's own), which Interim neither renames nor writes into.
 */
export function paymentsSheetTaken(cause?: unknown): WorkbookError {
  return new WorkbookError(
    "ItemAlreadyExists",
    `A sheet named ${NAMES.paymentsSheet} already exists; rename it (Interim records payments in an Excel table named ${NAMES.paymentsTable} on a sheet of its own, named ${NAMES.paymentsSheet}), then record the payment again. Nothing was written.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Why the billed time table cannot be created: a sheet of its name that holds no such table (the
 * user's own), which Interim neither renames nor writes into.
 */
export function billedTimeSheetTaken(cause?: unknown): WorkbookError {
  return new WorkbookError(
    "ItemAlreadyExists",
    `A sheet named ${NAMES.billedTimeSheet} already exists; rename it (Interim records the hours each invoice bills in an Excel table named ${NAMES.billedTimeTable} on a sheet of its own, named ${NAMES.billedTimeSheet}), then issue the invoice again. Nothing was written.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The workbook name that marks a sheet as Interim's: InterimSheet_ and the sheet's name, each
 * character but a letter or a digit written as _ and its four hex digits (INV-0001 gives
 * InterimSheet_INV_002D0001). Two sheets never get one name: an underscore is always the start
 * of a code, so the name reads back as the one sheet name, and Excel's names, like its sheet
 * names, ignore case. A name of letters, digits and underscores that starts with a letter is a
 * valid Excel name, and a sheet name's 31 characters give at most 168 of the 255 it may have.
 */
export function markerName(sheet: string): string {
  let encoded = "";
  for (let i = 0; i < sheet.length; i += 1) {
    const ch = sheet.charAt(i);
    encoded += /[A-Za-z0-9]/.test(ch) ? ch : `_${sheet.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `${NAMES.sheetMarkerPrefix}${encoded}`;
}

/** The sheet a name's formula refers to: `='INV-0004'!$A$1` or `=Sheet1!$A$1`; a deleted sheet's `=#REF!$A$1` refers to none. */
export function referredSheet(formula: string): string | undefined {
  const reference = formula.replace(/^=/, "");
  const quoted = /^'((?:[^']|'')+)'!/.exec(reference);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/''/g, "'");
  return /^([^'!#][^!]*)!/.exec(reference)?.[1];
}

/** A new settings table's columns: the longest setting's name, and a line of an address. */
export const SETTINGS_COLUMNS: readonly ColumnFormat[] = [
  { numberFormat: null, width: Math.max(...SETTINGS.map((spec) => spec.key.length)) + 2 },
  { numberFormat: null, width: 40 },
];

/** A new settings sheet's paper: the contract's, by the currency the settings written give (see paperOf), USD's without one. */
export function settingsPaper(rows: readonly SettingWrite[]): "a4" | "letter" {
  const currency = [...rows].reverse().find((row) => row.key === "Currency")?.value;
  return paperOf(typeof currency === "string" && currency !== "" ? currency : "USD");
}

/** The number formats of a new settings table's value cells, by data row: those of the rows added. */
export function settingFormats(rows: SettingWrite[]): Map<number, string> {
  const formats = new Map<number, string>();
  let length = 0;
  for (const { row, numberFormat } of rows) {
    if (row !== undefined) length = Math.max(length, row + 1);
    else {
      if (numberFormat !== undefined) formats.set(length, numberFormat);
      length += 1;
    }
  }
  return formats;
}

/** The data rows a new settings table starts with: the writes applied in order to an empty table. */
export function settingRows(rows: SettingWrite[]): CellValue[][] {
  const data: CellValue[][] = [];
  for (const { key, value, row } of rows) {
    if (row === undefined) data.push([key, value]);
    else {
      while (data.length <= row) data.push([null, null]);
      (data[row] as CellValue[])[1] = value;
    }
  }
  return data;
}
