/**
 * What every adapter of the workbook port needs alike, whatever its host: each adapter imports
 * from the port side (port.ts and this file) and from its own host library, never from
 * another adapter.
 */
import { type CellArea, type CellValue, NAMES, type RowPlacement, type SettingWrite } from "./port";

/** Whether two areas of one sheet share a cell. */
export function overlaps(a: CellArea, b: CellArea): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}

/** A log row (in the order of the log's headers) as its table's columns hold it: the columns a person added stay empty. */
export function tableRow(row: readonly CellValue[], placement: RowPlacement): CellValue[] {
  const cells: CellValue[] = Array.from({ length: placement.width }, () => null);
  row.forEach((value, i) => {
    const column = placement.columns[i];
    if (column !== undefined) cells[column] = value;
  });
  return cells;
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
