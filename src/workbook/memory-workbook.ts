import {
  type CellArea,
  type CellValue,
  type ColumnFormat,
  INVOICE_LOG_HEADERS,
  LINE_LOG_HEADERS,
  type LogCommit,
  type LogTableData,
  type MilestoneData,
  NAMES,
  type OwnTable,
  type RowPlacement,
  type SettingWrite,
  type SheetLayout,
  type TableAppend,
  type TableData,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "./port";
import { OWN_TABLES, markerName, overlaps, settingFormats, settingRows, settle, sheetTaken, tableRow } from "./port-helpers";
import { type BillingLogColumns, billingLogColumnsFor, billingLogColumnsOf } from "./formats";

/** A worksheet of the in-memory workbook: its cells from A1, and what Interim set on it. */
export interface MemorySheet {
  name: string;
  cells: CellValue[][];
  protected: boolean;
  layout: Omit<SheetLayout, "name" | "blocks"> | undefined;
  /** Number formats by "row,column", as written. */
  numberFormats: Map<string, string>;
  /** Merged areas: each holds its value in its top-left cell, the others are empty. */
  merges: CellArea[];
  /** Rows hidden (0-based), by a filter or by hand. */
  hiddenRows: number[];
}

/** An Excel table: where it is; its size includes the header row. */
export interface MemoryTable {
  name: string;
  sheet: string;
  top: number;
  left: number;
  rows: number;
  columns: number;
  /** A total row (Table Design > Total Row) just below the data rows; `rows` does not count it. */
  totalRow?: boolean;
}

/** The state of an in-memory workbook: plain data, so tests can build and inspect it. */
export interface MemoryState {
  sheets: MemorySheet[];
  tables: MemoryTable[];
  /** Workbook-level names and the sheet each refers to. */
  names: { name: string; sheet: string }[];
}

export function emptyState(): MemoryState {
  return { sheets: [], tables: [], names: [] };
}

export function newSheet(name: string, cells: CellValue[][] = []): MemorySheet {
  return { name, cells, protected: false, layout: undefined, numberFormats: new Map(), merges: [], hiddenRows: [] };
}

/** The value of a cell; empty cells read as null. */
export function cellOf(sheet: MemorySheet, row: number, column: number): CellValue {
  return sheet.cells[row]?.[column] ?? null;
}

export function setCell(sheet: MemorySheet, row: number, column: number, value: CellValue): void {
  while (sheet.cells.length <= row) sheet.cells.push([]);
  const cells = sheet.cells[row] as CellValue[];
  while (cells.length < column) cells.push(null);
  cells[column] = value;
}

export function findSheet(state: MemoryState, name: string): MemorySheet | undefined {
  const wanted = name.toLowerCase();
  return state.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
}

export function findTable(state: MemoryState, name: string): MemoryTable | undefined {
  const wanted = name.toLowerCase();
  return state.tables.find((table) => table.name.toLowerCase() === wanted);
}

export function tableValues(state: MemoryState, table: MemoryTable): CellValue[][] {
  const sheet = findSheet(state, table.sheet);
  if (sheet === undefined) throw new Error(`Table ${table.name} is on a sheet that does not exist: ${table.sheet}`);
  return Array.from({ length: table.rows }, (_, r) =>
    Array.from({ length: table.columns }, (_, c) => cellOf(sheet, table.top + r, table.left + c)),
  );
}

/** The number format of each cell of a block of values from (top, left); "General" where none was set. */
function formatsOf(sheet: MemorySheet, top: number, left: number, values: CellValue[][]): string[][] {
  return values.map((row, r) => row.map((_, c) => sheet.numberFormats.get(`${top + r},${left + c}`) ?? "General"));
}

/** The milestone data of a block of values on a sheet: their formats and the merges over them. */
function milestoneData(table: TableData, sheet: MemorySheet): MilestoneData {
  const area = { top: table.top, left: table.left, rows: table.values.length, columns: table.values[0]?.length ?? 0 };
  return { ...table, formats: formatsOf(sheet, table.top, table.left, table.values), merges: sheet.merges.filter((merge) => overlaps(merge, area)) };
}

/** The used region of a sheet from A1, for a sheet whose first row holds headers. */
function sheetRegion(sheet: MemorySheet): CellValue[][] {
  const width = Math.max(0, ...sheet.cells.map((row) => row.length));
  return sheet.cells.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
}

/**
 * The in-memory workbook: the port over plain data, used by the task pane's browser preview
 * and by the tests. It behaves as Excel does for what Interim uses, including the refusal to
 * write into a protected sheet.
 */
export class MemoryWorkbook implements WorkbookPort {
  /** How many round trips each call would cost against Excel: one per call. */
  roundTrips = 0;

  constructor(readonly state: MemoryState = emptyState()) {}

  read(milestoneTable: string): Promise<WorkbookSnapshot> {
    this.roundTrips += 1;
    return settle(() => this.snapshot(milestoneTable));
  }

  private snapshot(milestoneTable: string): WorkbookSnapshot {
    const table = (name: string): TableData | undefined => {
      const found = findTable(this.state, name);
      return found && { name: found.name, sheet: found.sheet, top: found.top, left: found.left, values: tableValues(this.state, found) };
    };
    const found = table(milestoneTable);
    const tableSheet = found && findSheet(this.state, found.sheet);
    const regionSheet = findSheet(this.state, milestoneTable);
    const milestones =
      found !== undefined && tableSheet !== undefined
        ? milestoneData(found, tableSheet)
        : regionSheet && milestoneData({ name: regionSheet.name, sheet: regionSheet.name, top: 0, left: 0, values: sheetRegion(regionSheet) }, regionSheet);
    const logTable = (name: string): LogTableData | undefined => {
      const found = findTable(this.state, name);
      const sheet = found && findSheet(this.state, found.sheet);
      const data = table(name);
      if (found === undefined || sheet === undefined || data === undefined) return undefined;
      return { ...data, hiddenRows: sheet.hiddenRows.some((row) => row > found.top && row < found.top + found.rows), fixedTotalRow: undefined };
    };
    return {
      milestones,
      settings: table(NAMES.settingsTable),
      invoices: logTable(NAMES.invoicesTable),
      invoiceLines: logTable(NAMES.linesTable),
      payments: logTable(NAMES.paymentsTable),
      costs: table(NAMES.costsTable),
      timesheet: logTable(NAMES.timesheetTable),
      timesheetMapping: logTable(NAMES.mappingTable),
      rates: table(NAMES.ratesTable),
      billedTime: logTable(NAMES.billedTimeTable),
      sheets: this.state.sheets.map((sheet) => sheet.name),
      interimSheets: this.state.names.filter((n) => n.name.startsWith(NAMES.sheetMarkerPrefix)).map((n) => n.sheet),
      definedNames: this.state.names.map((n) => n.name),
      tableNames: this.state.tables.map((t) => t.name),
      protectedSheets: this.state.sheets.filter((sheet) => sheet.protected).map((sheet) => sheet.name),
    };
  }

  writeInvoiceSheet(layout: SheetLayout, replace: string | undefined): Promise<void> {
    this.roundTrips += 1;
    return settle(() => this.addInvoiceSheet(layout, replace));
  }

  private addInvoiceSheet(layout: SheetLayout, replace: string | undefined): void {
    if (replace !== undefined) this.deleteSheet(replace);
    if (findSheet(this.state, layout.name) !== undefined) throw new Error(`A sheet named ${layout.name} already exists.`);
    const sheet = newSheet(layout.name);
    for (const block of layout.blocks) {
      block.values.forEach((row, r) =>
        row.forEach((value, c) => {
          setCell(sheet, block.top + r, block.left + c, value);
          const format = Array.isArray(block.numberFormat) ? block.numberFormat[c] : block.numberFormat;
          if (format !== undefined) sheet.numberFormats.set(`${block.top + r},${block.left + c}`, format);
        }),
      );
    }
    sheet.layout = {
      columnWidths: layout.columnWidths,
      printArea: layout.printArea,
      orientation: layout.orientation,
      paper: layout.paper,
      fitToPagesWide: layout.fitToPagesWide,
      printTitleRows: layout.printTitleRows,
    };
    this.state.sheets.push(sheet);
    this.state.names.push({ name: markerName(layout.name), sheet: layout.name });
  }

  commitInvoice(commit: LogCommit): Promise<void> {
    this.roundTrips += 1;
    return settle(() => {
      if (commit.createLog) this.createLog(billingLogColumnsOf(commit));
      this.placeRows(NAMES.linesTable, commit.lineRows, commit.placement.lines);
      if (commit.time !== undefined) this.append([commit.time]);
      this.placeRows(NAMES.invoicesTable, [commit.invoiceRow], commit.placement.invoices);
      this.applySettings(commit.settings);
      const locked = findSheet(this.state, commit.lockSheet);
      if (locked === undefined) throw new Error(`No sheet ${commit.lockSheet} to lock.`);
      locked.protected = true;
    });
  }

  writeSettings(rows: SettingWrite[], create: boolean): Promise<void> {
    this.roundTrips += 1;
    return settle(() => {
      if (!create) {
        this.applySettings(rows);
        return;
      }
      if (findSheet(this.state, NAMES.settingsSheet) !== undefined) throw new Error(`A sheet named ${NAMES.settingsSheet} already exists.`);
      const data = settingRows(rows);
      const sheet = newSheet(NAMES.settingsSheet, [["Setting", "Value"], ...data]);
      for (const [row, numberFormat] of settingFormats(rows)) sheet.numberFormats.set(`${row + 1},1`, numberFormat);
      this.state.sheets.push(sheet);
      this.state.tables.push({ name: NAMES.settingsTable, sheet: NAMES.settingsSheet, top: 0, left: 0, rows: 1 + data.length, columns: 2 });
    });
  }

  createMilestoneTable(name: string, sheetName: string, values: CellValue[][], columns: readonly ColumnFormat[] = []): Promise<void> {
    this.roundTrips += 1;
    return settle(() => {
      if (findSheet(this.state, sheetName) !== undefined) throw new Error(`A sheet named ${sheetName} already exists.`);
      if (findTable(this.state, name) !== undefined) throw new Error(`A table named ${name} already exists.`);
      const sheet = newSheet(sheetName, values.map((row) => [...row]));
      formatColumns(sheet, 0, Math.max(1, values.length - 1), columns);
      this.state.sheets.push(sheet);
      this.state.tables.push({ name, sheet: sheetName, top: 0, left: 0, rows: values.length, columns: values[0]?.length ?? 0 });
    });
  }

  appendRows(appends: TableAppend[]): Promise<void> {
    this.roundTrips += 1;
    return settle(() => this.append(appends));
  }

  /** Every table to create is checked before anything is written, so a sheet in the way leaves the workbook as it was. */
  private append(appends: TableAppend[]): void {
    for (const { table, create } of appends) if (create && findSheet(this.state, OWN_TABLES[table].sheet) !== undefined) throw sheetTaken([table]);
    for (const { table, rows, placement, create, currency } of appends) {
      if (create) this.createOwnTable(table, currency);
      this.placeRows(OWN_TABLES[table].table, rows, placement);
    }
  }

  /** One of Interim's own tables on its new sheet, empty: a header and one blank row, its columns formatted for the currency. */
  private createOwnTable(own: OwnTable, currency: string | undefined): void {
    const { table, sheet: sheetName, headers, columns } = OWN_TABLES[own];
    const sheet = newSheet(sheetName, [[...headers]]);
    formatColumns(sheet, 0, 1, columns(currency));
    this.state.sheets.push(sheet);
    this.state.tables.push({ name: table, sheet: sheetName, top: 0, left: 0, rows: 2, columns: headers.length });
  }

  private deleteSheet(name: string): void {
    this.state.sheets = this.state.sheets.filter((sheet) => sheet.name !== name);
    this.state.names = this.state.names.filter((n) => n.sheet !== name);
    this.state.tables = this.state.tables.filter((t) => t.sheet !== name);
  }

  createBillingLog(currency?: string): Promise<void> {
    this.roundTrips += 1;
    return settle(() => this.createLog(billingLogColumnsFor(currency)));
  }

  private createLog(columns: BillingLogColumns): void {
    if (findSheet(this.state, NAMES.logSheet) !== undefined) throw new Error(`A sheet named ${NAMES.logSheet} already exists.`);
    const lineLeft = INVOICE_LOG_HEADERS.length + 1;
    const sheet = newSheet(NAMES.logSheet);
    INVOICE_LOG_HEADERS.forEach((header, c) => setCell(sheet, 0, c, header));
    LINE_LOG_HEADERS.forEach((header, c) => setCell(sheet, 0, lineLeft + c, header));
    formatColumns(sheet, lineLeft, 1, columns.lines);
    formatColumns(sheet, 0, 1, columns.invoices);
    this.state.sheets.push(sheet);
    this.state.tables.push(
      // Each a header and one blank row: an empty table as Excel holds it.
      { name: NAMES.linesTable, sheet: NAMES.logSheet, top: 0, left: lineLeft, rows: 2, columns: LINE_LOG_HEADERS.length },
      { name: NAMES.invoicesTable, sheet: NAMES.logSheet, top: 0, left: 0, rows: 2, columns: INVOICE_LOG_HEADERS.length },
    );
  }

  /** Deletes the rows to discard, writes the first row over the first data row when told to, and appends the rest. */
  private placeRows(tableName: string, rows: CellValue[][], placement: RowPlacement): void {
    const table = findTable(this.state, tableName);
    const sheet = table && findSheet(this.state, table.sheet);
    if (table === undefined || sheet === undefined) throw new Error(`No table ${tableName} to write to.`);
    if (sheet.protected) throw new Error(`The sheet ${sheet.name} is protected.`);
    deleteTableRows(this.state, table, placement.discard);
    rows.forEach((row, r) => {
      const filling = r === 0 && placement.fillFirstRow;
      if (!filling) addTableRow(sheet, table);
      const target = filling ? table.top + 1 : table.top + table.rows - 1;
      // Every cell of the row, as a table row write in Excel: the row written over keeps nothing.
      const cells = tableRow(row, placement);
      for (let c = 0; c < table.columns; c += 1) setCell(sheet, target, table.left + c, cells[c] ?? null);
    });
  }

  private applySettings(rows: SettingWrite[]): void {
    if (rows.length === 0) return;
    const table = findTable(this.state, NAMES.settingsTable);
    const sheet = table && findSheet(this.state, table.sheet);
    if (table === undefined || sheet === undefined) throw new Error("No settings table to write to.");
    for (const { key, value, row } of rows) {
      if (row === undefined) {
        addTableRow(sheet, table);
        setCell(sheet, table.top + table.rows - 1, table.left, key);
        setCell(sheet, table.top + table.rows - 1, table.left + 1, value);
      } else {
        setCell(sheet, table.top + 1 + row, table.left + 1, value);
      }
    }
  }
}

/** Deletes data rows (0-based, below the header) of a table: the rows below move up, as in Excel. */
export function deleteTableRows(state: MemoryState, table: MemoryTable, rows: readonly number[]): void {
  const sheet = findSheet(state, table.sheet);
  if (sheet === undefined) throw new Error(`Table ${table.name} is on a sheet that does not exist: ${table.sheet}`);
  for (const row of [...rows].sort((a, b) => b - a)) {
    if (row < 0 || row >= table.rows - 1) throw new Error(`Table ${table.name} has no data row ${row}.`);
    // The total row, if any, moves up with the rows below the one deleted.
    const last = table.top + table.rows - 1 + (table.totalRow === true ? 1 : 0);
    for (let r = table.top + 1 + row; r < last; r += 1) {
      for (let c = table.left; c < table.left + table.columns; c += 1) setCell(sheet, r, c, cellOf(sheet, r + 1, c));
    }
    for (let c = table.left; c < table.left + table.columns; c += 1) setCell(sheet, last, c, null);
    table.rows -= 1;
  }
}

/**
 * Number formats for the data rows (below the header in row 1) of the columns from `left`.
 * The memory workbook keeps no column widths: the preview grid sizes its columns to fit.
 */
function formatColumns(sheet: MemorySheet, left: number, dataRows: number, columns: readonly ColumnFormat[]): void {
  for (let r = 1; r <= dataRows; r += 1) {
    columns.forEach(({ numberFormat }, c) => {
      if (numberFormat !== null) sheet.numberFormats.set(`${r},${left + c}`, numberFormat);
    });
  }
}

/** Adds a data row at the end of a table, above its total row, as Excel's `rows.add` does: it takes the number formats of the data row above. */
export function addTableRow(sheet: MemorySheet, table: MemoryTable): void {
  const end = table.top + table.rows;
  if (table.totalRow === true) {
    for (let c = table.left; c < table.left + table.columns; c += 1) {
      setCell(sheet, end + 1, c, cellOf(sheet, end, c));
      setCell(sheet, end, c, null);
      moveFormat(sheet, `${end},${c}`, `${end + 1},${c}`);
    }
  }
  if (end - 1 > table.top) for (let c = table.left; c < table.left + table.columns; c += 1) copyFormat(sheet, `${end - 1},${c}`, `${end},${c}`);
  table.rows += 1;
}

function copyFormat(sheet: MemorySheet, from: string, to: string): void {
  const format = sheet.numberFormats.get(from);
  if (format === undefined) sheet.numberFormats.delete(to);
  else sheet.numberFormats.set(to, format);
}

function moveFormat(sheet: MemorySheet, from: string, to: string): void {
  copyFormat(sheet, from, to);
  sheet.numberFormats.delete(from);
}
