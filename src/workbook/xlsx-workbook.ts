import { link, open, readFile, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { cellAddress, sheetReference } from "./a1";
import { type BillingLogColumns, billingLogColumnsFor, billingLogColumnsOf } from "./formats";
import { Package } from "./ooxml/package";
import { SharedStrings } from "./ooxml/shared-strings";
import { SheetPart } from "./ooxml/sheet";
import { type CellStyle, StylesPart } from "./ooxml/styles";
import { TablePart } from "./ooxml/table";
import { type SheetEntry, WorkbookPart } from "./ooxml/workbook-part";
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
  type OwnTable,
  type RowPlacement,
  type SettingWrite,
  type SheetLayout,
  type TableAppend,
  type TableData,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "./port";
import {
  OWN_TABLES, SETTINGS_COLUMNS, markerName, overlaps, ownTablePaper, referredSheet, settingFormats, settingRows, settingsPaper, settle, sheetTaken, tableRow,
} from "./port-helpers";
import { WorkbookFileError, describeError, isCode, readZip, refuseUnlessXlsx } from "./xlsx-file";

/** A worksheet of the package, parsed when Interim first needs its cells. */
interface Sheet {
  entry: SheetEntry & { part: string };
  cells: SheetPart;
}

/** A table found on its sheet: `bottom` is its last data row, above the total row when it has one. */
interface FoundTable {
  sheet: Sheet;
  part: string;
  table: TablePart;
  /** The last data row, 0-based. */
  bottom: number;
}

/** A sheet's protection, found without parsing its cells: a sheet Interim does not read is never parsed. */
const SHEET_PROTECTION = /<(?:[\w.-]+:)?sheetProtection\b[^>]*?\bsheet="(?:1|true)"/;
/** Strict Open XML's main namespace: the same elements under other names, which Interim does not read. */
const STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/spreadsheetml/main";

/**
 * The workbook port over an .xlsx file: the command line's workbook. It behaves as
 * MemoryWorkbook does (the contract), and changes the package as little as Excel would: every
 * part Interim does not change is written back byte for byte (charts, pivot tables, comments,
 * macros, what no library models), and the parts it changes are edited in place (rows of the
 * billing log, cells of the settings, table ranges, names, new cell formats), keeping every
 * element it does not touch. A file is written only by `save()` (a new workbook) or by the
 * command line's commit, from `toBuffer()`.
 *
 * A file is refused, before anything is written, when it is not an .xlsx, is encrypted, is
 * damaged, or is saved as Strict Open XML.
 */
export class XlsxWorkbook implements WorkbookPort {
  private readonly sheets = new Map<string, Sheet>();
  private readonly tables = new Map<string, TablePart>();

  private constructor(
    private readonly pkg: Package,
    private readonly book: WorkbookPart,
    private readonly styles: StylesPart,
    private readonly strings: SharedStrings,
    /** Where `save()` writes a new workbook. */
    readonly path: string | undefined,
  ) {}

  /** A new, empty workbook, saved to `path` by `save()` (which then refuses to replace an existing file). */
  static create(path?: string): XlsxWorkbook {
    const pkg = Package.create(StylesPart.emptyXml);
    const book = WorkbookPart.read(pkg);
    const styles = StylesPart.read(pkg, pkg.targetsOfKind(book.part, "styles")[0]);
    return new XlsxWorkbook(pkg, book, styles, SharedStrings.read(pkg, undefined), path);
  }

  /** Reads an .xlsx file, refusing one it cannot bill (see the class comment); it is not written back (the command line commits through its own file handling). */
  static async open(path: string): Promise<XlsxWorkbook> {
    const info = await stat(path).catch((error: unknown) => {
      throw new WorkbookFileError(isCode(error, "ENOENT") ? "NOT_FOUND" : "UNREADABLE", `${path}: ${isCode(error, "ENOENT") ? "no such file" : describeError(error)}.`);
    });
    if (!info.isFile()) throw new WorkbookFileError("NOT_XLSX", `${path} is not a file.`);
    return XlsxWorkbook.fromBuffer(await readFile(path), path);
  }

  /** A workbook from .xlsx bytes, with the same refusals as `open`; `label` names it in messages. */
  static fromBuffer(bytes: Buffer, label = "The workbook"): Promise<XlsxWorkbook> {
    try {
      refuseUnlessXlsx(label, bytes);
      const pkg = Package.fromZip(label, readZip(label, bytes));
      const book = WorkbookPart.read(pkg);
      if (pkg.text(book.part).includes(STRICT_NAMESPACE)) {
        throw new WorkbookFileError(
          "NOT_XLSX",
          `${label} is saved as a Strict Open XML Spreadsheet, which Interim's command line does not read. Save it as "Excel Workbook (.xlsx)" (File > Save As), then run the command again.`,
        );
      }
      const styles = StylesPart.read(pkg, pkg.targetsOfKind(book.part, "styles")[0]);
      const strings = SharedStrings.read(pkg, pkg.targetsOfKind(book.part, "sharedStrings")[0]);
      return Promise.resolve(new XlsxWorkbook(pkg, book, styles, strings, undefined));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  read(milestoneTable: string): Promise<WorkbookSnapshot> {
    // A part that cannot be read rejects the read, as every other operation's failure does.
    return settle(() => this.snapshot(milestoneTable));
  }

  private snapshot(milestoneTable: string): WorkbookSnapshot {
    const found = this.findTable(milestoneTable);
    const regionSheet = found === undefined ? this.findSheet(milestoneTable) : undefined;
    const milestones =
      found !== undefined
        ? this.milestoneData(found.sheet, found.table.name, found.table.top, found.table.left, found.bottom, found.table.right)
        : regionSheet && this.milestoneData(regionSheet, regionSheet.entry.name, 0, 0, regionSheet.cells.lastRow, regionSheet.cells.lastColumn);
    const settings = this.findTable(NAMES.settingsTable);
    const costs = this.findTable(NAMES.costsTable);
    const rates = this.findTable(NAMES.ratesTable);
    const names = this.book.definedNames();
    const interimSheets = new Map(
      names
        .filter((n) => n.name.startsWith(NAMES.sheetMarkerPrefix))
        .map((n) => referredSheet(n.text))
        .filter((sheet): sheet is string => sheet !== undefined)
        .map((sheet) => [sheet.toLowerCase(), sheet]),
    );
    return {
      milestones,
      settings: settings && tableData(settings),
      invoices: this.logTable(NAMES.invoicesTable),
      invoiceLines: this.logTable(NAMES.linesTable),
      payments: this.logTable(NAMES.paymentsTable),
      costs: costs && tableData(costs),
      timesheet: this.logTable(NAMES.timesheetTable),
      timesheetMapping: this.logTable(NAMES.mappingTable),
      rates: rates && tableData(rates),
      billedTime: this.logTable(NAMES.billedTimeTable),
      sheets: this.book.sheets().map((entry) => entry.name),
      interimSheets: [...interimSheets.values()],
      // Workbook-level names only: a sheet's own (its print area and titles) do not share their namespace.
      definedNames: names.filter((n) => n.localSheet === undefined).map((n) => n.name),
      tableNames: this.allTables().map(({ table }) => table.name),
      protectedSheets: this.worksheetEntries()
        .filter((entry) => (this.sheets.has(entry.part) || interimSheets.has(entry.name.toLowerCase())) && this.isProtected(entry))
        .map((entry) => entry.name),
    };
  }

  writeInvoiceSheet(layout: SheetLayout, replace: string | undefined): Promise<void> {
    return settle(() => {
      if (replace !== undefined) this.removeSheet(replace);
      const sheet = this.addSheet(layout.name);
      this.book.addDefinedName(markerName(layout.name), sheetReference(layout.name, "$A$1"));
      for (const block of layout.blocks) this.writeBlock(sheet.cells, block);
      layout.columnWidths.forEach((width, column) => sheet.cells.setColumnWidth(column, width));
      sheet.cells.setPageSetup({ paperSize: paperSizeOf(layout.paper), orientation: layout.orientation, fitToWidth: layout.fitToPagesWide, fitToHeight: 0 });
      const index = this.book.sheets().length - 1;
      this.book.addDefinedName("_xlnm.Print_Area", sheetReference(layout.name, absolute(layout.printArea)), index);
      if (layout.printTitleRows !== undefined) this.book.addDefinedName("_xlnm.Print_Titles", sheetReference(layout.name, absolute(layout.printTitleRows)), index);
    });
  }

  commitInvoice(commit: LogCommit): Promise<void> {
    return settle(() => {
      if (commit.createLog) this.addLog(billingLogColumnsOf(commit));
      this.placeRows(NAMES.linesTable, commit.lineRows, commit.placement.lines);
      if (commit.time !== undefined) this.append([commit.time]);
      this.placeRows(NAMES.invoicesTable, [commit.invoiceRow], commit.placement.invoices);
      this.applySettings(commit.settings);
      const locked = this.findSheet(commit.lockSheet);
      if (locked === undefined) throw new Error(`No sheet ${commit.lockSheet} to lock.`);
      locked.cells.protect();
    });
  }

  writeSettings(rows: SettingWrite[], create: boolean): Promise<void> {
    return settle(() => {
      if (!create) {
        this.applySettings(rows);
        return;
      }
      const sheet = this.addSheet(NAMES.settingsSheet);
      this.addTable(sheet, NAMES.settingsTable, 0, ["Setting", "Value"], settingRows(rows), SETTINGS_COLUMNS);
      for (const [row, numberFormat] of settingFormats(rows)) sheet.cells.setCell(row + 1, 1, sheet.cells.cell(row + 1, 1)?.value ?? null, this.styles.xfOf({ numberFormat }));
      // One page wide, as the invoice sheets: a setting's name and its value side by side.
      sheet.cells.setPageSetup({ paperSize: paperSizeOf(settingsPaper(rows)), fitToWidth: 1, fitToHeight: 0 });
    });
  }

  createBillingLog(currency?: string): Promise<void> {
    return settle(() => this.addLog(billingLogColumnsFor(currency)));
  }

  appendRows(appends: TableAppend[]): Promise<void> {
    return settle(() => this.append(appends));
  }

  /** Every table to create is checked before anything is written: a sheet in the way leaves the package as it was. */
  private append(appends: TableAppend[]): void {
    for (const { table, create } of appends) if (create && this.findSheet(OWN_TABLES[table].sheet) !== undefined) throw sheetTaken([table]);
    for (const { table, rows, placement, create, currency } of appends) {
      if (create) this.addOwnTable(table, currency);
      this.placeRows(OWN_TABLES[table].table, rows, placement);
    }
  }

  createMilestoneTable(name: string, sheetName: string, values: CellValue[][], columns?: readonly ColumnFormat[], paper?: "a4" | "letter"): Promise<void> {
    return settle(() => {
      const [headers, ...rows] = values;
      if (headers === undefined || headers.length === 0) throw new Error(`The milestone table ${name} needs a header row.`);
      if (this.findTable(name) !== undefined) throw new Error(`A table named ${name} already exists.`);
      const sheet = this.addSheet(sheetName);
      this.addTable(sheet, name, 0, headers, rows, columns);
      if (paper !== undefined) sheet.cells.setPageSetup({ paperSize: paperSizeOf(paper) });
    });
  }

  /** The workbook as .xlsx bytes: the parts Interim changed written anew, every other one as it was. */
  toBuffer(): Promise<Buffer> {
    return settle(() => {
      if (this.book.sheets().length === 0) throw new Error("A workbook needs at least one sheet.");
      for (const [part, sheet] of this.sheets) if (sheet.cells.changed && this.pkg.has(part)) this.pkg.set(part, sheet.cells.toXml());
      for (const [part, table] of this.tables) if (table.changed && this.pkg.has(part)) this.pkg.set(part, table.toXml());
      this.styles.save();
      this.book.save();
      return this.pkg.toBuffer();
    });
  }

  /**
   * Writes a new workbook to its file, never over an existing one: the bytes go to a temporary
   * file in the same folder, which is then linked to the workbook's name (the link fails if a
   * file is there) and removed. Any failure leaves no temporary file. The command line writes
   * an existing workbook through its own commit (see src/cli/workbook-commit.ts).
   */
  async save(): Promise<string> {
    const path = this.path;
    if (path === undefined) throw new Error("This workbook has no file to save to.");
    const bytes = await this.toBuffer();
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.interim-tmp`);
    try {
      const file = await open(temporary, "wx");
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await link(temporary, path).catch((error: unknown) => {
        throw isCode(error, "EEXIST") ? new WorkbookFileError("CHANGED_ON_DISK", `${path} already exists; it was left as it is.`) : error;
      });
    } finally {
      await unlink(temporary).catch((error: unknown) => {
        if (!isCode(error, "ENOENT")) throw error;
      });
    }
    return path;
  }

  // -------------------------------------------------------------------------------------
  // Sheets and tables

  /** The worksheets (not chart sheets) whose part is in the package. */
  private worksheetEntries(): (SheetEntry & { part: string })[] {
    return this.book.sheets().filter((entry): entry is SheetEntry & { part: string } => entry.kind === "worksheet" && entry.part !== undefined && this.pkg.has(entry.part));
  }

  private findSheet(name: string): Sheet | undefined {
    const wanted = name.toLowerCase();
    const entry = this.worksheetEntries().find((candidate) => candidate.name.toLowerCase() === wanted);
    return entry && this.sheetOf(entry);
  }

  /** A worksheet's cells, parsed the first time they are needed: a sheet Interim does not read is copied as it was, never parsed. */
  private sheetOf(entry: SheetEntry & { part: string }): Sheet {
    let sheet = this.sheets.get(entry.part);
    if (sheet === undefined) {
      const xml = this.pkg.text(entry.part);
      refuseIfTooLarge(this.pkg.label, entry, xml.length);
      sheet = { entry, cells: SheetPart.parse(`${this.pkg.label}, part ${entry.part}`, xml, this.strings) };
      this.sheets.set(entry.part, sheet);
    }
    return sheet;
  }

  /**
   * Whether a sheet's protection is on. A sheet not parsed is looked at without parsing its
   * cells; the port asks only of Interim's own sheets and those holding its tables.
   */
  private isProtected(entry: SheetEntry & { part: string }): boolean {
    const parsed = this.sheets.get(entry.part);
    return parsed !== undefined ? parsed.cells.isProtected() : SHEET_PROTECTION.test(this.pkg.text(entry.part));
  }

  /** Every table of every worksheet, with its part. */
  private allTables(): { entry: SheetEntry & { part: string }; part: string; table: TablePart }[] {
    return this.worksheetEntries().flatMap((entry) =>
      this.pkg
        .targetsOfKind(entry.part, "table")
        .filter((part) => this.pkg.has(part))
        .map((part) => ({ entry, part, table: this.tableOf(part) })),
    );
  }

  private tableOf(part: string): TablePart {
    let table = this.tables.get(part);
    if (table === undefined) {
      table = TablePart.parse(`${this.pkg.label}, part ${part}`, this.pkg.text(part));
      this.tables.set(part, table);
    }
    return table;
  }

  private findTable(name: string): FoundTable | undefined {
    const wanted = name.toLowerCase();
    const found = this.allTables().find(({ table }) => table.name.toLowerCase() === wanted);
    if (found === undefined) return undefined;
    return { sheet: this.sheetOf(found.entry), part: found.part, table: found.table, bottom: found.table.bottom - (found.table.totalsRow ? 1 : 0) };
  }

  /** A new worksheet at the end of the workbook. Excel refuses to add one to a workbook whose structure is protected, and so does Interim. */
  private addSheet(name: string): Sheet {
    if (this.book.sheets().some((entry) => entry.name.toLowerCase() === name.toLowerCase())) throw new Error(`A sheet named ${name} already exists.`);
    if (this.book.structureLocked()) {
      throw new WorkbookFileError(
        "CANNOT_WRITE",
        `${this.pkg.label}: the workbook's structure is protected (Review > Protect Workbook), so the sheet ${name} cannot be added. Unprotect the workbook's structure, then run the command again; nothing was written.`,
      );
    }
    const entry = this.book.addSheet(name);
    if (entry.part === undefined) throw new Error(`The new sheet ${name} has no part.`);
    const sheet: Sheet = { entry: { ...entry, part: entry.part }, cells: SheetPart.blank() };
    this.sheets.set(entry.part, sheet);
    return sheet;
  }

  /** Deletes a sheet Interim wrote (a draft, or one a failed attempt left); one already gone is not an error, as in Excel. */
  private removeSheet(name: string): void {
    if (!this.book.sheets().some((entry) => entry.name.toLowerCase() === name.toLowerCase())) return;
    if (this.book.structureLocked()) {
      throw new WorkbookFileError(
        "CANNOT_WRITE",
        `${this.pkg.label}: the workbook's structure is protected (Review > Protect Workbook), so the sheet ${name} cannot be replaced. Unprotect the workbook's structure, then run the command again; nothing was written.`,
      );
    }
    this.book.removeSheet(name);
    for (const part of [...this.sheets.keys()]) if (!this.pkg.has(part)) this.sheets.delete(part);
    for (const part of [...this.tables.keys()]) if (!this.pkg.has(part)) this.tables.delete(part);
  }

  /** The Billing log sheet with both tables empty: a header row and one blank row each, as Excel holds an empty table. */
  private addLog(columns: BillingLogColumns): void {
    const sheet = this.addSheet(NAMES.logSheet);
    this.addTable(sheet, NAMES.invoicesTable, 0, INVOICE_LOG_HEADERS, [], columns.invoices);
    this.addTable(sheet, NAMES.linesTable, INVOICE_LOG_HEADERS.length + 1, LINE_LOG_HEADERS, [], columns.lines);
    sheet.cells.setPageSetup({ paperSize: paperSizeOf(columns.paper) });
  }

  /** One of Interim's own tables on its new sheet, empty, its columns formatted for the currency, on the contract's paper. */
  private addOwnTable(own: OwnTable, currency: string | undefined): void {
    const { table, sheet: sheetName, headers, columns } = OWN_TABLES[own];
    const sheet = this.addSheet(sheetName);
    this.addTable(sheet, table, 0, headers, [], columns(currency));
    sheet.cells.setPageSetup({ paperSize: paperSizeOf(ownTablePaper(currency)) });
  }

  /**
   * A new table at row 1 from column `left`, with its header row and data rows; without rows, a
   * header and one blank row, as Excel makes an empty table. Formats go on the data rows' cells,
   * as Excel has them on a table's data body (rows added later take those of the row above),
   * widths on the columns.
   */
  private addTable(sheet: Sheet, name: string, left: number, headers: readonly CellValue[], rows: CellValue[][], columns: readonly ColumnFormat[] = []): void {
    const names = headers.map((header) => String(header ?? ""));
    const data = rows.length > 0 ? rows : [[]];
    names.forEach((header, c) => sheet.cells.setCell(0, left + c, header));
    const styles = names.map((_, c) => {
      const numberFormat = columns[c]?.numberFormat;
      return numberFormat === null || numberFormat === undefined ? undefined : this.styles.xfOf({ numberFormat });
    });
    data.forEach((row, r) => names.forEach((_, c) => sheet.cells.setCell(r + 1, left + c, row[c] ?? null, styles[c])));
    columns.forEach(({ width }, c) => sheet.cells.setColumnWidth(left + c, width));
    const id = Math.max(0, ...this.allTables().map(({ table }) => table.id)) + 1;
    const part = this.pkg.freePartName((n) => `xl/tables/table${n}.xml`);
    const table = TablePart.create(id, name, 0, left, data.length, names);
    this.pkg.set(part, table.toXml());
    this.pkg.setContentType(part, TablePart.contentType);
    this.tables.set(part, table);
    sheet.cells.addTablePart(this.pkg.addRelationship(sheet.entry.part, "table", part));
  }

  private writeBlock(sheet: SheetPart, block: CellBlock): void {
    const width = block.values.reduce((most, row) => Math.max(most, row.length), 0);
    const styles = Array.from({ length: width }, (_, c) => this.styles.xfOf(blockStyle(block, Array.isArray(block.numberFormat) ? block.numberFormat[c] : block.numberFormat)));
    block.values.forEach((row, r) => {
      if (block.rowHeight !== undefined) sheet.setRowHeight(block.top + r, block.rowHeight);
      row.forEach((value, c) => sheet.setCell(block.top + r, block.left + c, value, styles[c]));
    });
  }

  /** A billing log table, with whether rows of it are hidden (a filter saved with the file, or rows hidden by hand). */
  private logTable(name: string): LogTableData | undefined {
    const found = this.findTable(name);
    if (found === undefined) return undefined;
    let hiddenRows = false;
    for (let r = found.table.top + 1; r <= found.bottom; r += 1) hiddenRows ||= found.sheet.cells.rowHidden(r);
    return { ...tableData(found), hiddenRows, fixedTotalRow: found.table.totalsRow ? found.bottom + 1 : undefined };
  }

  /**
   * A table to add rows to. One with a total row is refused: Excel adds rows above it and
   * adjusts its formulas, which the command line does not, and writing over it would lose it.
   * The billing log reports such a table as a problem at its total row before anything is
   * written (`fixedTotalRow`); this is the last guard.
   */
  private writableTable(name: string): FoundTable {
    const found = this.findTable(name);
    if (found === undefined) throw new Error(`No table ${name} to write to.`);
    if (found.sheet.cells.isProtected()) throw new WorkbookFileError("CANNOT_WRITE", `${this.pkg.label}: the sheet ${found.sheet.entry.name} is protected; unprotect it (Review > Unprotect Sheet), then run the command again.`);
    if (found.table.totalsRow) throw new WorkbookFileError("CANNOT_WRITE", `${this.pkg.label}: the table ${found.table.name} on the sheet ${found.sheet.entry.name} has a total row; remove it (Table Design > Total Row) so that rows can be added, then run the command again.`);
    return found;
  }

  /** Deletes the rows to discard, writes the first row over the first data row when told to, and appends the rest. */
  private placeRows(tableName: string, rows: CellValue[][], placement: RowPlacement): void {
    const found = this.writableTable(tableName);
    this.deleteTableRows(found, placement.discard);
    const { table, sheet } = found;
    const first = table.top + 1 + (placement.fillFirstRow ? 0 : found.bottom - table.top);
    const last = first + rows.length - 1;
    this.refuseGrowth(found, last);
    rows.forEach((row, r) => {
      const sheetRow = first + r;
      // A row added below the table takes the formats of the data row above, as in Excel.
      const above = sheetRow > found.bottom && sheetRow - 1 > table.top;
      // Every cell of the row, as a table row write in Excel: the row written over keeps nothing.
      const cells = tableRow(row, placement);
      for (let c = 0; c <= table.right - table.left; c += 1) {
        const column = table.left + c;
        sheet.cells.setCell(sheetRow, column, cells[c] ?? null, above ? (sheet.cells.cell(sheetRow - 1, column)?.style ?? 0) : undefined);
      }
    });
    this.resize(found, Math.max(found.bottom, last));
  }

  /**
   * Refuses to grow a table down to row `last` where Excel would do what the command line does
   * not: fill a calculated column's formula into the new rows, or make room for them by moving
   * the cells below the table down (formulas and links to those cells would go wrong). It never
   * writes over cells below a table that hold something.
   */
  private refuseGrowth(found: FoundTable, last: number): void {
    const { table, sheet } = found;
    if (last <= found.bottom) return;
    if (table.hasCalculatedColumn) {
      throw new WorkbookFileError(
        "CANNOT_WRITE",
        `${this.pkg.label}: the table ${table.name} on the sheet ${sheet.entry.name} has a calculated column, whose formula the command line cannot fill into the rows it adds. Turn the column into values or move it out of the table (or bill this contract with the Excel add-in), then run the command again.`,
      );
    }
    for (let r = found.bottom + 1; r <= last; r += 1) {
      for (let c = table.left; c <= table.right; c += 1) {
        if ((sheet.cells.cell(r, c)?.value ?? null) === null) continue;
        throw new WorkbookFileError(
          "CANNOT_WRITE",
          `${this.pkg.label}: the table ${table.name} cannot grow: ${sheetReference(sheet.entry.name, cellAddress(r, c))} below it holds a value. Move what is below the table elsewhere, then run the command again; nothing was written.`,
        );
      }
    }
  }

  /**
   * Deletes data rows (0-based, below the header) of a table: the cells below move up within the
   * table's columns, as Excel's "Delete Table Rows" does, and the table shrinks.
   */
  private deleteTableRows(found: FoundTable, rows: readonly number[]): void {
    const { table, sheet } = found;
    for (const row of [...rows].sort((a, b) => b - a)) {
      if (row < 0 || table.top + 1 + row > found.bottom) throw new Error(`Table ${table.name} has no data row ${row}.`);
      for (let r = table.top + 1 + row; r <= found.bottom; r += 1) {
        for (let c = table.left; c <= table.right; c += 1) sheet.cells.setCell(r, c, r < found.bottom ? (sheet.cells.cell(r + 1, c)?.value ?? null) : null);
      }
      this.resize(found, found.bottom - 1);
    }
  }

  private resize(found: FoundTable, bottom: number): void {
    if (bottom === found.bottom) return;
    found.table.setDataBottom(bottom);
    found.bottom = bottom;
    // Formulas elsewhere that sum a log column must see the new rows when Excel opens the file.
    this.book.recalculateOnOpen();
  }

  private applySettings(rows: SettingWrite[]): void {
    if (rows.length === 0) return;
    const found = this.writableTable(NAMES.settingsTable);
    const { table, sheet } = found;
    let bottom = found.bottom;
    for (const { key, value, row } of rows) {
      if (row === undefined) {
        this.refuseGrowth(found, bottom + 1);
        bottom += 1;
        for (const [c, cellValue] of [key, value].entries()) {
          sheet.cells.setCell(bottom, table.left + c, cellValue, sheet.cells.cell(bottom - 1, table.left + c)?.style ?? 0);
        }
        this.resize(found, bottom);
      } else {
        sheet.cells.setCell(table.top + 1 + row, table.left + 1, value);
      }
    }
    this.book.recalculateOnOpen();
  }

  /** The milestone table (or region) with each cell's number format and the merged areas over it. */
  private milestoneData(sheet: Sheet, name: string, top: number, left: number, bottom: number, right: number): MilestoneData {
    const area: CellArea = { top, left, rows: bottom - top + 1, columns: right - left + 1 };
    return {
      name,
      sheet: sheet.entry.name,
      top,
      left,
      values: valuesOf(sheet.cells, top, left, bottom, right),
      formats: grid(top, left, bottom, right, (r, c) => this.styles.numberFormat(sheet.cells.cell(r, c)?.style ?? 0)),
      merges: sheet.cells.merges().filter((merge) => overlaps(merge, area)),
    };
  }
}

/**
 * How much heap parsing a worksheet takes, per character of its XML (measured: see
 * docs/decisions/0028-copying-xlsx-writer.md); a sheet that would not fit is refused before
 * the process runs out of memory.
 */
const HEAP_PER_SHEET_CHARACTER = 8;

function refuseIfTooLarge(label: string, entry: SheetEntry, characters: number): void {
  const limit = Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_SHEET_CHARACTER);
  if (characters <= limit) return;
  throw new WorkbookFileError(
    "TOO_LARGE",
    `${label} is too large for the command line: its sheet ${entry.name} holds ${megabytes(characters)} of cells, and it can read at most ${megabytes(limit)}. Nothing was written. Clear the rows no one uses (such as rows filled down to the sheet's last row) or move them to another workbook, or bill this contract with the Excel add-in.`,
  );
}

function megabytes(characters: number): string {
  return `${Math.ceil(characters / 1_000_000)} MB`;
}

function tableData(found: FoundTable): TableData {
  const { table, sheet } = found;
  return { name: table.name, sheet: sheet.entry.name, top: table.top, left: table.left, values: valuesOf(sheet.cells, table.top, table.left, found.bottom, table.right) };
}

function grid<T>(top: number, left: number, bottom: number, right: number, read: (row: number, column: number) => T): T[][] {
  const rows: T[][] = [];
  for (let r = top; r <= bottom; r += 1) {
    const cells: T[] = [];
    for (let c = left; c <= right; c += 1) cells.push(read(r, c));
    rows.push(cells);
  }
  return rows;
}

/**
 * The values of a 0-based rectangle (bottom and right included), as the port gives them. A
 * formula nobody calculated (a file written by a program that does not calculate) says so in
 * its cell's place rather than bill as empty.
 */
function valuesOf(sheet: SheetPart, top: number, left: number, bottom: number, right: number): CellValue[][] {
  return grid(top, left, bottom, right, (r, c) => {
    const cell = sheet.cell(r, c);
    if (cell?.uncalculatedFormula !== undefined) return `=${cell.uncalculatedFormula} (never calculated: open and save the workbook in a spreadsheet program)`;
    return cell?.value ?? null;
  });
}

/** A range such as "A1:J40" or rows "12:12" with every row and column made absolute, as Excel writes print areas and titles. */
function absolute(range: string): string {
  return range.replace(/\$?([A-Z]*)\$?(\d*)/gi, (whole, column: string, row: string) => (whole === "" ? "" : `${column === "" ? "" : `$${column}`}${row === "" ? "" : `$${row}`}`));
}

/** ECMA-376 paper sizes: 1 is Letter, 9 is A4. */
function paperSizeOf(paper: "a4" | "letter"): number {
  return paper === "letter" ? 1 : 9;
}

/** The style of a block's cells in a column with this number format. */
function blockStyle(block: CellBlock, numberFormat: string | undefined): CellStyle {
  return {
    ...(numberFormat === undefined ? {} : { numberFormat }),
    ...(block.bold === true ? { bold: true } : {}),
    ...(block.fill === undefined ? {} : { fill: block.fill }),
    ...(block.wrap === true ? { wrap: true } : {}),
    ...(block.borderBottom === true ? { borderBottom: true } : {}),
  };
}

