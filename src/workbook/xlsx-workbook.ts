import { copyFile, link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { columnLetters, parseCellAddress, rangeAddress, sheetReference } from "./a1";
import { dateToSerial } from "./dates";
import { type BillingLogColumns, billingLogColumnsFor, billingLogColumnsOf } from "./formats";
import {
  FILTER_NAME,
  WorkbookFileError,
  type Zip,
  copyMode,
  decodeXml,
  describeError,
  droppedContent,
  isCode,
  carriedParts,
  copiedPart,
  packZip,
  readZip,
  refuseIfLocked,
  refuseUnlessXlsx,
  relativeTargets,
  storedPart,
  withCarriedParts,
  type CarriedPart,
} from "./xlsx-file";
import {
  type CellArea,
  type CellBlock,
  type CellValue,
  type ColumnFormat,
  INVOICE_LOG_HEADERS,
  LINE_LOG_HEADERS,
  type LogCommit,
  type LogTableData,
  type MilestoneData,
  NAMES,
  type RowPlacement,
  type SettingWrite,
  type SheetLayout,
  type TableData,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "./port";
import { SETTINGS_COLUMNS, markerName, referredSheet, settingFormats, settingRows, settingsPaper, tableRow } from "./port-helpers";


/** The part of exceljs's table model that is read and changed here (its typings leave it out). */
interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow: boolean;
  totalsRow: boolean;
  style?: object | null;
}

/** A table found on its sheet: `bottom` is its last data row, above the total row when it has one (`model.totalsRow`). */
interface FoundTable {
  sheet: ExcelJS.Worksheet;
  model: TableModel;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * The workbook port over an .xlsx file, through exceljs: the command line's workbook. It
 * behaves as MemoryWorkbook does (the contract), applies each operation to the workbook in
 * memory, and touches the file only in `save()`: a temporary file in the same folder, renamed
 * over the original after a copy of the original is kept as BOOK.xlsx.bak.
 *
 * A file is refused, before anything is written, when it is not an .xlsx, is encrypted, is
 * open in a spreadsheet program, or holds content exceljs would drop on rewriting (charts,
 * pivot tables, macros, ...): losing a person's work is worse than not billing.
 */
export class XlsxWorkbook implements WorkbookPort {
  private constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly path: string | undefined,
    private readonly loaded: { size: number; mtimeMs: number } | undefined,
    /** Parts of the file exceljs does not write, put back when it is written (custom properties, a sensitivity label). */
    private readonly carried: readonly CarriedPart[],
  ) {}

  /** A new, empty workbook, saved to `path` by `save()` (which then refuses to replace an existing file). */
  static create(path?: string): XlsxWorkbook {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = "Interim";
    return new XlsxWorkbook(workbook, path, undefined, []);
  }

  /** Opens an .xlsx file, refusing one it could not rewrite without loss (see the class comment). */
  static async open(path: string): Promise<XlsxWorkbook> {
    const info = await stat(path).catch((error: unknown) => {
      throw new WorkbookFileError(isCode(error, "ENOENT") ? "NOT_FOUND" : "UNREADABLE", `${path}: ${isCode(error, "ENOENT") ? "no such file" : describeError(error)}.`);
    });
    if (!info.isFile()) throw new WorkbookFileError("NOT_XLSX", `${path} is not a file.`);
    await refuseIfLocked(path);
    return XlsxWorkbook.load(await readFile(path), path, { size: info.size, mtimeMs: info.mtimeMs });
  }

  /** A workbook from .xlsx bytes, with the same refusals as `open`; it has no file to save to. */
  static fromBuffer(bytes: Buffer): Promise<XlsxWorkbook> {
    return XlsxWorkbook.load(bytes, undefined, undefined);
  }

  private static async load(bytes: Buffer, path: string | undefined, loaded: { size: number; mtimeMs: number } | undefined): Promise<XlsxWorkbook> {
    const label = path ?? "The workbook";
    refuseUnlessXlsx(label, bytes);
    const zip = readZip(label, bytes);
    const lost = droppedContent(zip);
    if (lost.length > 0) {
      throw new WorkbookFileError(
        "WOULD_LOSE_CONTENT",
        `${label} holds ${lost.join(", ")}, which Interim's command line cannot write back: the file was left as it is. Generate this contract's invoices with the Excel add-in, or keep those in another workbook.`,
      );
    }
    // Targets from the package's root (as openpyxl writes them) made relative for exceljs.
    const relative = relativeTargets(zip);
    const workbook = new ExcelJS.Workbook();
    try {
      const parts = zip.entries.map((entry) => {
        const changed = relative?.get(entry);
        return changed === undefined ? copiedPart(zip, entry) : storedPart(entry.name, changed);
      });
      await workbook.xlsx.load((relative === undefined ? bytes : packZip(parts)) as unknown as ExcelJS.Buffer);
    } catch {
      // exceljs's own words name its internals, not the file: say what a person can do.
      throw new WorkbookFileError(
        "UNREADABLE",
        `${label} could not be read as a workbook: one of its parts is not as Excel writes it. Open it in Excel or LibreOffice and save it again as .xlsx, then run the command again.`,
      );
    }
    repairTables(workbook, zip);
    // Excel rebuilds the filter names from each sheet's filter; exceljs would merge them into one global name.
    workbook.definedNames.model = workbook.definedNames.model.filter((n) => n.name.toLowerCase() !== FILTER_NAME);
    return new XlsxWorkbook(workbook, path, loaded, carriedParts(zip));
  }


  read(milestoneTable: string): Promise<WorkbookSnapshot> {
    const table = (name: string): TableData | undefined => {
      const found = this.findTable(name);
      return found && { name: found.model.name, sheet: found.sheet.name, top: found.top, left: found.left, values: valuesOf(found.sheet, found.top, found.left, found.bottom, found.right) };
    };
    const found = this.findTable(milestoneTable);
    const regionSheet = this.findSheet(milestoneTable);
    const milestones =
      found !== undefined
        ? milestoneData(found.sheet, found.model.name, found.top, found.left, found.bottom, found.right)
        : regionSheet && milestoneData(regionSheet, regionSheet.name, 0, 0, ...regionOf(regionSheet));
    return Promise.resolve({
      milestones,
      settings: table(NAMES.settingsTable),
      invoices: this.logTable(NAMES.invoicesTable),
      invoiceLines: this.logTable(NAMES.linesTable),
      sheets: this.workbook.worksheets.map((sheet) => sheet.name),
      interimSheets: this.workbook.definedNames.model
        .filter((n) => n.name.startsWith(NAMES.sheetMarkerPrefix))
        .map((n) => (n.ranges[0] === undefined ? undefined : referredSheet(n.ranges[0])))
        .filter((sheet): sheet is string => sheet !== undefined),
      definedNames: this.workbook.definedNames.model.map((n) => n.name),
      tableNames: this.workbook.worksheets.flatMap((sheet) => Object.values(tablesOf(sheet)).map((t) => t.table.name)),
      protectedSheets: this.workbook.worksheets.filter(isProtected).map((sheet) => sheet.name),
    });
  }

  writeInvoiceSheet(layout: SheetLayout, replace: string | undefined): Promise<void> {
    if (replace !== undefined) this.deleteSheet(replace);
    if (this.findSheet(layout.name) !== undefined) return Promise.reject(new Error(`A sheet named ${layout.name} already exists.`));
    const sheet = this.workbook.addWorksheet(layout.name);
    this.workbook.definedNames.add(sheetReference(layout.name, "$A$1"), markerName(layout.name));
    for (const block of layout.blocks) writeBlock(sheet, block);
    layout.columnWidths.forEach((width, column) => setColumnWidth(sheet, column, width));
    Object.assign(sheet.pageSetup, {
      orientation: layout.orientation,
      paperSize: paperSizeOf(layout.paper),
      fitToPage: true,
      fitToWidth: layout.fitToPagesWide,
      // 0 pages tall is Excel's "automatic": as many pages as the rows need.
      fitToHeight: 0,
      printArea: layout.printArea,
      ...(layout.printTitleRows === undefined ? {} : { printTitlesRow: layout.printTitleRows }),
    });
    return Promise.resolve();
  }

  async commitInvoice(commit: LogCommit): Promise<void> {
    if (commit.createLog) this.addLog(billingLogColumnsOf(commit));
    this.placeRows(NAMES.linesTable, commit.lineRows, commit.placement.lines);
    this.placeRows(NAMES.invoicesTable, [commit.invoiceRow], commit.placement.invoices);
    this.applySettings(commit.settings);
    const locked = this.findSheet(commit.lockSheet);
    if (locked === undefined) throw new Error(`No sheet ${commit.lockSheet} to lock.`);
    await locked.protect("", {});
  }

  writeSettings(rows: SettingWrite[], create: boolean): Promise<void> {
    if (!create) {
      try {
        this.applySettings(rows);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return Promise.resolve();
    }
    if (this.findSheet(NAMES.settingsSheet) !== undefined) return Promise.reject(new Error(`A sheet named ${NAMES.settingsSheet} already exists.`));
    const sheet = this.workbook.addWorksheet(NAMES.settingsSheet);
    addTable(sheet, NAMES.settingsTable, 0, ["Setting", "Value"], settingRows(rows), SETTINGS_COLUMNS);
    for (const [row, numberFormat] of settingFormats(rows)) sheet.getCell(row + 2, 2).numFmt = numberFormat;
    // One page wide, as the invoice sheets: a setting's name and its value side by side.
    Object.assign(sheet.pageSetup, { paperSize: paperSizeOf(settingsPaper(rows)), fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    return Promise.resolve();
  }

  createBillingLog(currency?: string): Promise<void> {
    try {
      this.addLog(billingLogColumnsFor(currency));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve();
  }

  createMilestoneTable(name: string, sheetName: string, values: CellValue[][], columns?: readonly ColumnFormat[], paper?: "a4" | "letter"): Promise<void> {
    const [headers, ...rows] = values;
    if (headers === undefined || headers.length === 0) return Promise.reject(new Error(`The milestone table ${name} needs a header row.`));
    if (this.findSheet(sheetName) !== undefined) return Promise.reject(new Error(`A sheet named ${sheetName} already exists.`));
    if (this.findTable(name) !== undefined) return Promise.reject(new Error(`A table named ${name} already exists.`));
    const sheet = this.workbook.addWorksheet(sheetName);
    addTable(sheet, name, 0, headers, rows, columns);
    if (paper !== undefined) sheet.pageSetup.paperSize = paperSizeOf(paper);
    return Promise.resolve();
  }

  /** The workbook as .xlsx bytes. */
  async toBuffer(): Promise<Buffer> {
    // The fastest deflate: a third faster to write a large workbook, for a file about a third larger.
    const options = { zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } as Partial<ExcelJS.XlsxWriteOptions>;
    const written = Buffer.from(await withSharedEmptyStyles(this.workbook, () => this.workbook.xlsx.writeBuffer(options)));
    return withCarriedParts(written, this.carried);
  }

  /**
   * Writes the workbook to its file without ever leaving it half-written: the bytes go to a
   * temporary file in the same folder (so the rename stays on one file system), the previous
   * version is copied to BOOK.xlsx.bak, and only then is the temporary file renamed over the
   * original, which is atomic. Any failure leaves the original as it was and no temporary file.
   */
  async save(): Promise<{ path: string; backup: string | undefined }> {
    const path = this.path;
    if (path === undefined) throw new Error("This workbook has no file to save to.");
    const bytes = await this.toBuffer();
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.interim-tmp`);
    let backup: string | undefined;
    try {
      const file = await open(temporary, "wx");
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      if (this.loaded === undefined) {
        // A new workbook never replaces a file: the link fails if one is there.
        await link(temporary, path).catch((error: unknown) => {
          throw isCode(error, "EEXIST") ? new WorkbookFileError("CHANGED_ON_DISK", `${path} already exists; it was left as it is.`) : error;
        });
        await unlink(temporary);
        return { path, backup: undefined };
      }
      {
        const now = await stat(path);
        if (now.size !== this.loaded.size || now.mtimeMs !== this.loaded.mtimeMs) {
          throw new WorkbookFileError("CHANGED_ON_DISK", `${path} was changed by someone else while Interim worked on it; nothing was written. Run the command again.`);
        }
        await refuseIfLocked(path);
        backup = `${path}.bak`;
        await copyFile(path, backup);
        await copyMode(path, temporary);
      }
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return { path, backup };
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const wanted = name.toLowerCase();
    return this.workbook.worksheets.find((sheet) => sheet.name.toLowerCase() === wanted);
  }

  private findTable(name: string): FoundTable | undefined {
    const wanted = name.toLowerCase();
    for (const sheet of this.workbook.worksheets) {
      for (const table of Object.values(tablesOf(sheet))) {
        if (table.table.name.toLowerCase() !== wanted) continue;
        const [from, to = from] = table.table.tableRef.split(":") as [string, string?];
        const a = parseCellAddress(from);
        const b = parseCellAddress(to);
        return { sheet, model: table.table, top: a.row, left: a.column, bottom: b.row - (table.table.totalsRow ? 1 : 0), right: b.column };
      }
    }
    return undefined;
  }

  private deleteSheet(name: string): void {
    const sheet = this.findSheet(name);
    // As with Excel and the memory workbook, replacing a sheet that is already gone is not an error.
    this.workbook.definedNames.model = this.workbook.definedNames.model.filter((n) => !n.ranges.some((range) => referredSheet(range)?.toLowerCase() === name.toLowerCase()));
    if (sheet !== undefined) this.workbook.removeWorksheet(sheet.id);
  }

  /** The Billing log sheet with both tables empty: a header row and one blank row each, as Excel holds an empty table. */
  private addLog(columns: BillingLogColumns): void {
    if (this.findSheet(NAMES.logSheet) !== undefined) throw new Error(`A sheet named ${NAMES.logSheet} already exists.`);
    const sheet = this.workbook.addWorksheet(NAMES.logSheet);
    addTable(sheet, NAMES.invoicesTable, 0, INVOICE_LOG_HEADERS, [], columns.invoices);
    addTable(sheet, NAMES.linesTable, INVOICE_LOG_HEADERS.length + 1, LINE_LOG_HEADERS, [], columns.lines);
    sheet.pageSetup.paperSize = paperSizeOf(columns.paper);
  }

  /** Deletes the rows to discard, writes the first row over the first data row when told to, and appends the rest. */
  private placeRows(tableName: string, rows: CellValue[][], placement: RowPlacement): void {
    const table = this.writableTable(tableName);
    deleteTableRows(table, placement.discard);
    const first = table.top + 1 + (placement.fillFirstRow ? 0 : table.bottom - table.top);
    rows.forEach((row, r) => {
      const sheetRow = table.sheet.getRow(first + r + 1);
      // A row added below the table takes the formats of the data row above, as in Excel.
      const above = first + r > table.bottom && first + r - 1 > table.top ? table.sheet.getRow(first + r) : undefined;
      // Every cell of the row, as a table row write in Excel: the row written over keeps nothing.
      const cells = tableRow(row, placement);
      for (let c = 0; c <= table.right - table.left; c += 1) {
        const cell = sheetRow.getCell(table.left + c + 1);
        if (above !== undefined) cell.style = above.getCell(table.left + c + 1).style;
        cell.value = cells[c] ?? null;
      }
    });
    resizeTable(table, Math.max(table.bottom, first + rows.length - 1));
  }

  /** A billing log table, with whether rows of it are hidden (a filter saved with the file, or rows hidden by hand). */
  private logTable(name: string): LogTableData | undefined {
    const found = this.findTable(name);
    if (found === undefined) return undefined;
    let hiddenRows = false;
    for (let r = found.top + 1; r <= found.bottom; r += 1) hiddenRows ||= found.sheet.findRow(r + 1)?.hidden === true;
    return { name: found.model.name, sheet: found.sheet.name, top: found.top, left: found.left, values: valuesOf(found.sheet, found.top, found.left, found.bottom, found.right), hiddenRows, fixedTotalRow: found.model.totalsRow ? found.bottom + 1 : undefined };
  }

  /**
   * A table to add rows to. One with a total row is refused: Excel adds rows above it and
   * adjusts its formulas, which exceljs cannot do, and writing over it would lose it. The
   * billing log reports such a table as a problem at its total row before anything is written
   * (`fixedTotalRow`); this is the last guard.
   */
  private writableTable(name: string): FoundTable {
    const table = this.findTable(name);
    if (table === undefined) throw new Error(`No table ${name} to write to.`);
    if (isProtected(table.sheet)) throw new Error(`The sheet ${table.sheet.name} is protected.`);
    if (table.model.totalsRow) throw new Error(`The table ${name} has a total row; remove it (Table Design > Total Row) so that rows can be added.`);
    return table;
  }

  private applySettings(rows: SettingWrite[]): void {
    if (rows.length === 0) return;
    const table = this.writableTable(NAMES.settingsTable);
    let bottom = table.bottom;
    for (const { key, value, row } of rows) {
      if (row === undefined) {
        bottom += 1;
        table.sheet.getCell(bottom + 1, table.left + 1).value = key;
        table.sheet.getCell(bottom + 1, table.left + 2).value = value;
      } else {
        table.sheet.getCell(table.top + row + 2, table.left + 2).value = value;
      }
    }
    resizeTable(table, bottom);
  }
}

/**
 * The cells of a 0-based rectangle (bottom and right included), as the port gives them. Read
 * without creating the rows and cells that are not there (as getRow and getCell would): each
 * would be one more cell for exceljs to style and write, for nothing.
 */
function cellsOf<T>(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, read: (cell: ExcelJS.Cell | undefined) => T): T[][] {
  const rows: T[][] = [];
  for (let r = top; r <= bottom; r += 1) {
    const row = sheet.findRow(r + 1);
    const cells: T[] = [];
    for (let c = left; c <= right; c += 1) cells.push(read(row?.findCell(c + 1)));
    rows.push(cells);
  }
  return rows;
}

/**
 * A cell's value as the port gives it. exceljs gives every cell of a merged area the value of
 * its top-left cell; Excel holds the value there alone, and so does the port: the others are
 * empty.
 */
function cellValue(cell: ExcelJS.Cell | undefined): CellValue {
  return cell === undefined || cell.type === ExcelJS.ValueType.Merge ? null : portValue(cell.value);
}

function valuesOf(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): CellValue[][] {
  return cellsOf(sheet, top, left, bottom, right, cellValue);
}

/** The bottom and right (0-based) of a sheet's cells from A1 to the last that holds a value, for a sheet whose first row holds headers. */
function regionOf(sheet: ExcelJS.Worksheet): [number, number] {
  const values = valuesOf(sheet, 0, 0, sheet.rowCount - 1, sheet.columnCount - 1);
  let bottom = -1;
  let right = -1;
  values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null) return;
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }),
  );
  return [bottom, right];
}

/** The milestone table (or region) with each cell's number format and the merged areas over it. */
function milestoneData(sheet: ExcelJS.Worksheet, name: string, top: number, left: number, bottom: number, right: number): MilestoneData {
  const masters = new Map<string, CellArea>();
  const formats = cellsOf(sheet, top, left, bottom, right, (cell) => {
    if (cell?.type === ExcelJS.ValueType.Merge) {
      const master = parseCellAddress(cell.master.address);
      const here = parseCellAddress(cell.address);
      const area = masters.get(cell.master.address) ?? { top: master.row, left: master.column, rows: 1, columns: 1 };
      area.rows = Math.max(area.rows, here.row - area.top + 1);
      area.columns = Math.max(area.columns, here.column - area.left + 1);
      masters.set(cell.master.address, area);
    }
    return cell?.numFmt ?? "General";
  });
  return { name, sheet: sheet.name, top, left, values: valuesOf(sheet, top, left, bottom, right), formats, merges: [...masters.values()] };
}

function tablesOf(sheet: ExcelJS.Worksheet): Record<string, { table: TableModel }> {
  return (sheet as unknown as { tables: Record<string, { table: TableModel }> }).tables;
}

/** Sets a table's last data row; its total row, if any, stays just below, out of the filter's range as in Excel. */
function resizeTable(table: FoundTable, bottom: number): void {
  const rows = bottom - table.top + 1;
  const columns = table.right - table.left + 1;
  table.model.tableRef = rangeAddress(table.top, table.left, rows + (table.model.totalsRow ? 1 : 0), columns);
  if (table.model.autoFilterRef !== undefined) table.model.autoFilterRef = rangeAddress(table.top, table.left, rows, columns);
  table.bottom = bottom;
}

/**
 * Deletes data rows (0-based, below the header) of a table: the cells below move up within the
 * table's columns, as Excel's "Delete Table Rows" does, and the table shrinks.
 */
function deleteTableRows(table: FoundTable, rows: readonly number[]): void {
  for (const row of [...rows].sort((a, b) => b - a)) {
    if (row < 0 || table.top + 1 + row > table.bottom) throw new Error(`Table ${table.model.name} has no data row ${row}.`);
    for (let r = table.top + 1 + row; r <= table.bottom; r += 1) {
      const target = table.sheet.getRow(r + 1);
      const below = r < table.bottom ? table.sheet.findRow(r + 2) : undefined;
      for (let c = table.left; c <= table.right; c += 1) target.getCell(c + 1).value = below?.findCell(c + 1)?.value ?? null;
    }
    resizeTable(table, table.bottom - 1);
  }
}

/** A column's width in characters (0-based column). */
/** ECMA-376 paper sizes: 1 is Letter, 9 is A4. */
function paperSizeOf(paper: "a4" | "letter"): number {
  return paper === "letter" ? 1 : 9;
}

function setColumnWidth(sheet: ExcelJS.Worksheet, column: number, width: number): void {
  // exceljs takes a width of exactly 9 for its default and leaves it out of the file.
  sheet.getColumn(column + 1).width = width === 9 ? 9.01 : width;
}

/** A new table at row 1 from column `left`, with its header row and data rows; without rows, a header and one blank row, as Excel makes an empty table. */
function addTable(
  sheet: ExcelJS.Worksheet,
  name: string,
  left: number,
  headers: readonly CellValue[],
  rows: CellValue[][],
  columns: readonly ColumnFormat[] = [],
): void {
  sheet.addTable({
    name,
    ref: `${columnLetters(left)}1`,
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((header) => ({ name: String(header ?? ""), filterButton: true })),
    rows: (rows.length > 0 ? rows : [[]]).map((row) => headers.map((_, c) => row[c] ?? null)),
  });
  // Formats on the data rows' cells, as Excel has them on a table's data body (placeRows gives
  // each row added below the formats of the row above, as Excel does); widths on the columns.
  const dataRows = Math.max(1, rows.length);
  columns.forEach(({ numberFormat, width }, c) => {
    setColumnWidth(sheet, left + c, width);
    if (numberFormat === null) return;
    const style: Partial<ExcelJS.Style> = { numFmt: numberFormat };
    for (let r = 0; r < dataRows; r += 1) sheet.getRow(r + 2).getCell(left + c + 1).style = style;
  });
}

/**
 * Runs a write of the workbook with its unstyled cells sharing their style objects, then gives
 * each its own back. exceljs turns a cell's style into styles.xml text to find its id unless it
 * has met that very object before, and every unstyled cell has an empty object of its own: in a
 * large workbook (the milestone table, the log) that text is most of the write. The empty style
 * comes out differently only for a number (the General format) and a date (a date format), so
 * there is one shared, frozen, empty style for each and one for all other values: what is
 * written stays exactly what each cell's own style would give.
 */
async function withSharedEmptyStyles<T>(workbook: ExcelJS.Workbook, write: () => Promise<T>): Promise<T> {
  const shared = { number: Object.freeze({}), date: Object.freeze({}), other: Object.freeze({}) };
  const own: [ExcelJS.Cell, Partial<ExcelJS.Style>][] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (Object.keys(cell.style).length > 0) return;
        own.push([cell, cell.style]);
        // exceljs styles a formula's cell by the type of its result.
        const value: unknown = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        cell.style = typeof value === "number" ? shared.number : value instanceof Date ? shared.date : shared.other;
      }),
    );
  }
  try {
    return await write();
  } finally {
    for (const [cell, style] of own) cell.style = style;
  }
}

function writeBlock(sheet: ExcelJS.Worksheet, block: CellBlock): void {
  // One style object per column of the block, shared by its cells: exceljs turns a cell's style
  // into styles.xml text to find its id unless it has seen that very object before, which for
  // a 10,000-line invoice is most of the time it takes to write the file.
  const width = block.values.reduce((most, row) => Math.max(most, row.length), 0);
  const styles = Array.from({ length: width }, (_, c) => blockStyle(block, Array.isArray(block.numberFormat) ? block.numberFormat[c] : block.numberFormat));
  block.values.forEach((row, r) => {
    const sheetRow = sheet.getRow(block.top + r + 1);
    if (block.rowHeight !== undefined) sheetRow.height = block.rowHeight;
    row.forEach((value, c) => {
      const cell = sheetRow.getCell(block.left + c + 1);
      const style = styles[c];
      if (style !== undefined) cell.style = style;
      cell.value = value;
    });
  });
}

/** The style of a block's cells in a column with this number format; undefined when they have none. */
function blockStyle(block: CellBlock, numberFormat: string | undefined): Partial<ExcelJS.Style> | undefined {
  const style: Partial<ExcelJS.Style> = {
    ...(numberFormat === undefined ? {} : { numFmt: numberFormat }),
    ...(block.bold === true ? { font: { bold: true } } : {}),
    ...(block.fill === undefined ? {} : { fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${block.fill.replace("#", "")}` } } }),
    ...(block.wrap === true ? { alignment: { wrapText: true, vertical: "top" } } : {}),
    ...(block.borderBottom === true ? { border: { bottom: { style: "thin" } } } : {}),
  };
  return Object.keys(style).length === 0 ? undefined : style;
}

/**
 * A cell's value as the port gives it (as Excel's `values` would): a formula's last
 * calculated result, text of rich text and links, an error as its code ("#N/A"), and a date
 * as its Excel serial number.
 */
export function portValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value === "" ? null : value;
  if (value instanceof Date) return dateToSerial(value);
  if ("error" in value) return value.error;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    const { result } = value as { result?: unknown; formula?: string; sharedFormula?: string };
    if (result === undefined) {
      // A formula nobody calculated: say so in the cell's place rather than bill it as empty.
      const formula = (value as { formula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? "";
      return `=${formula} (never calculated: open and save the workbook in a spreadsheet program)`;
    }
    return portValue(result as ExcelJS.CellValue);
  }
  if ("text" in value) return portValue((value as { text: ExcelJS.CellValue }).text);
  return null;
}



// ---------------------------------------------------------------------------------------
// The file: what it is, whether it is in use, and what a rewrite would keep.

/**
 * exceljs 4.4 reads a table without a headerRowCount attribute (Excel leaves out the default,
 * 1) as having no header row, and would write it back so: the header would become data. A
 * table without style information (as other spreadsheet programs write them) makes its
 * writer fail; an empty style writes back as "no style", which is what the file said.
 */
function repairTables(workbook: ExcelJS.Workbook, zip: Zip): void {
  const headerRows = new Map<string, boolean>();
  for (const entry of zip.entries) {
    if (!/^xl\/tables\/table\d+\.xml$/.test(entry.name)) continue;
    const open = /<table\b[^>]*>/.exec(zip.text(entry))?.[0] ?? "";
    const name = /\bname="([^"]*)"/.exec(open)?.[1];
    if (name !== undefined) headerRows.set(decodeXml(name), /\bheaderRowCount="0"/.test(open) === false);
  }
  for (const sheet of workbook.worksheets) {
    for (const table of Object.values(tablesOf(sheet))) {
      const headerRow = headerRows.get(table.table.name);
      if (headerRow !== undefined) table.table.headerRow = headerRow;
      table.table.style ??= {};
    }
  }
}

/** Whether a sheet's protection is on (exceljs keeps it, untyped, as read from the file or set by protect()). */
function isProtected(sheet: ExcelJS.Worksheet): boolean {
  return (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet === true;
}
