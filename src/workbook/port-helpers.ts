/**
 * What every adapter of the workbook port needs alike, whatever its host: each adapter imports
 * from the port side (port.ts and this file) and from its own host library, never from
 * another adapter.
 */
import {
  BILLED_TIME_HEADERS, type CellArea, type CellValue, type ColumnFormat, MAPPING_HEADERS, NAMES, type OwnTable, PAYMENT_HEADERS, type RowPlacement,
  type SettingWrite, TIMESHEET_HEADERS, WorkbookError,
} from "./port";
import { paperOf } from "../core";
import { billedTimeColumnsFor, mappingColumns, paymentColumnsFor, timesheetColumnsFor } from "./formats";
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
 * One of Interim's own tables (see OwnTable): its name, its sheet, its header row, how its
 * columns show for the contract's currency, and, for the refusal to create it over a person's
 * own sheet of its name, what Interim keeps in it and the step to take again.
 */
export interface OwnTableSpec {
  table: string;
  sheet: string;
  headers: readonly string[];
  columns: (currency: string | undefined) => ColumnFormat[];
  keeps: string;
  retry: string;
}

export const OWN_TABLES: Record<OwnTable, OwnTableSpec> = {
  payments: {
    table: NAMES.paymentsTable, sheet: NAMES.paymentsSheet, headers: PAYMENT_HEADERS, columns: paymentColumnsFor,
    keeps: "records payments", retry: "record the payment again",
  },
  billedTime: {
    table: NAMES.billedTimeTable, sheet: NAMES.billedTimeSheet, headers: BILLED_TIME_HEADERS, columns: billedTimeColumnsFor,
    keeps: "records the hours each invoice bills", retry: "issue the invoice again",
  },
  timesheet: {
    table: NAMES.timesheetTable, sheet: NAMES.timesheetSheet, headers: TIMESHEET_HEADERS, columns: timesheetColumnsFor,
    keeps: "keeps the hours it imports", retry: "import the timesheet again",
  },
  mapping: {
    table: NAMES.mappingTable, sheet: NAMES.mappingSheet, headers: MAPPING_HEADERS, columns: mappingColumns,
    keeps: "remembers the line each project of a timesheet goes to", retry: "import the timesheet again",
  },
};

/**
 * Why Interim's own tables cannot be created: a sheet of a table's name that holds no such table
 * (the user's own), which Interim neither renames nor writes into. The memory and .xlsx hosts
 * check each table before writing anything; Excel refuses the first sheet it cannot add, after
 * those before it in the request, so with several tables the words cannot say nothing was written.
 */
export function sheetTaken(tables: readonly [OwnTable, ...OwnTable[]], cause?: unknown): WorkbookError {
  const specs = tables.map((table) => OWN_TABLES[table]);
  const { retry } = OWN_TABLES[tables[0]];
  const where = specs.map((spec) => `Interim ${spec.keeps} in an Excel table named ${spec.table} on a sheet of its own, named ${spec.sheet}`).join("; ");
  const written = specs.length === 1 ? " Nothing was written." : "";
  return new WorkbookError(
    "ItemAlreadyExists",
    `A sheet named ${specs.map((spec) => spec.sheet).join(" or ")} already exists; rename it (${where}), then ${retry}.${written}`,
    cause === undefined ? undefined : { cause },
  );
}

/** A new own table's sheet prints on the contract's paper (see paperOf), USD's without a currency. */
export function ownTablePaper(currency: string | undefined): "a4" | "letter" {
  return paperOf(currency ?? "USD");
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
