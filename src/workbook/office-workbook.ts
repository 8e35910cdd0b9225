import { columnLetters, rangeAddress } from "./a1";
import { excelFailure } from "./excel-errors";
import { type BillingLogColumns, billingLogColumnsFor, billingLogColumnsOf } from "./formats";
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
  WorkbookError,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "./port";
import { OWN_TABLES, SETTINGS_COLUMNS, markerName, ownTablePaper, referredSheet, settingFormats, settingRows, settingsPaper, sheetTaken, tableRow } from "./port-helpers";

/** `Excel.run` with its options, or a fake of it in tests. */
export type ExcelRun = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const excelRun: ExcelRun = (options, batch) => Excel.run(options, batch);

/**
 * A batch as the product runs every one: held by Excel while the user is editing a cell
 * (`delayForCellEdit`, ExcelApi 1.5; without it Excel fails the batch outright, which would
 * flash an error at every keystroke the pane's refresh met), and failing only with a
 * WorkbookError in plain words. `previousObjects` continues a batch of an earlier run.
 */
export async function runBatch<T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  run: ExcelRun = excelRun,
  previousObjects?: Excel.RunOptions["previousObjects"],
): Promise<T> {
  try {
    return await run({ delayForCellEdit: true, ...(previousObjects === undefined ? {} : { previousObjects }) }, batch);
  } catch (caught) {
    throw excelFailure(caught);
  }
}

/**
 * Excel on the web refuses a request over 5 MB. A write whose cells would exceed that is sent
 * in chunks of at most this many bytes of JSON-encoded values, one sync each; the margin
 * covers the request's own envelope (object paths, action ids).
 */
export const REQUEST_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Layout widths are in characters of the default font; Excel's `columnWidth` is in points.
 * Excel's own rule for Calibri 11 is 7 pixels per character plus 5 pixels of padding, at
 * 0.75 points per pixel: the default 8.43 characters come out at Excel's default 48 points.
 */
export function columnWidthPoints(characters: number): number {
  return (characters * 7 + 5) * 0.75;
}

/** Something to queue on the request, and what it adds to the request's size. */
interface Piece {
  bytes: number;
  queue: () => void;
}

/**
 * The workbook port over Office.js. Each method is one `Excel.run` with one `context.sync()`;
 * only a write too large for one request (see REQUEST_CHUNK_BYTES) costs one more sync per
 * extra chunk. This is the only file of the product that calls `Excel.run`.
 */
export class OfficeWorkbook implements WorkbookPort {
  constructor(private readonly excel: ExcelRun = excelRun) {}

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return runBatch(batch, this.excel);
  }

  read(milestoneTable: string): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const { workbook } = context;
      const milestones = queueTableRead(workbook, milestoneTable, MILESTONE_PROPERTIES);
      const settings = queueTableRead(workbook, NAMES.settingsTable);
      const invoices = queueTableRead(workbook, NAMES.invoicesTable, LOG_PROPERTIES);
      const invoiceLines = queueTableRead(workbook, NAMES.linesTable, LOG_PROPERTIES);
      const payments = queueTableRead(workbook, NAMES.paymentsTable, LOG_PROPERTIES);
      const costs = queueTableRead(workbook, NAMES.costsTable);
      const timesheet = queueTableRead(workbook, NAMES.timesheetTable, LOG_PROPERTIES);
      const timesheetMapping = queueTableRead(workbook, NAMES.mappingTable, LOG_PROPERTIES);
      const rates = queueTableRead(workbook, NAMES.ratesTable);
      const billedTime = queueTableRead(workbook, NAMES.billedTimeTable, LOG_PROPERTIES);
      // A plain sheet of that name, for a workbook whose milestones are not (yet) an Excel table.
      const regionSheet = workbook.worksheets.getItemOrNullObject(milestoneTable);
      regionSheet.load("name");
      const region = regionSheet.getUsedRangeOrNullObject(true);
      region.load("values,numberFormat,rowIndex,columnIndex");
      const merges = readsMergedAreas() ? { table: queueMergedAreas(milestones.table.getRange()), region: queueMergedAreas(region) } : undefined;
      const sheets = workbook.worksheets.load("items/name,items/protection/protected");
      const names = workbook.names.load("items/name,items/formula");
      const tables = workbook.tables.load("items/name");
      await context.sync();

      let milestoneData: MilestoneData | undefined;
      const table = tableData(milestones);
      if (table !== undefined) {
        milestoneData = { ...table, formats: formatsOf([...milestones.header.numberFormat, ...milestones.body.numberFormat]), merges: mergedAreas(merges?.table) };
      } else if (!regionSheet.isNullObject) {
        const read = !region.isNullObject;
        milestoneData = {
          name: regionSheet.name, sheet: regionSheet.name, top: 0, left: 0,
          values: read ? fromA1(fromExcel(region.values), region.rowIndex, region.columnIndex, null) : [],
          formats: read ? fromA1(formatsOf(region.numberFormat), region.rowIndex, region.columnIndex, "General") : [],
          merges: mergedAreas(merges?.region),
        };
      }
      return {
        milestones: milestoneData,
        settings: tableData(settings),
        invoices: logTableData(invoices),
        invoiceLines: logTableData(invoiceLines),
        payments: logTableData(payments),
        costs: tableData(costs),
        timesheet: logTableData(timesheet),
        timesheetMapping: logTableData(timesheetMapping),
        rates: tableData(rates),
        billedTime: logTableData(billedTime),
        sheets: sheets.items.map((sheet) => sheet.name),
        interimSheets: names.items
          .filter((item) => item.name.startsWith(NAMES.sheetMarkerPrefix))
          .map((item) => (typeof item.formula === "string" ? referredSheet(item.formula) : undefined))
          .filter((sheet): sheet is string => sheet !== undefined),
        definedNames: names.items.map((item) => item.name),
        tableNames: tables.items.map((table) => table.name),
        protectedSheets: sheets.items.filter((sheet) => sheet.protection.protected).map((sheet) => sheet.name),
      };
    });
  }

  writeInvoiceSheet(layout: SheetLayout, replace: string | undefined): Promise<void> {
    return this.run(async (context) => {
      const { worksheets, names } = context.workbook;
      if (replace !== undefined) {
        // A sheet's deletion leaves the names that refer to it in place (as #REF!), so the
        // marker goes first. On a null object, delete does nothing: like the memory
        // workbook, replacing a sheet that is already gone is not an error.
        names.getItemOrNullObject(markerName(replace)).delete();
        worksheets.getItemOrNullObject(replace).delete();
      }
      const sheet = worksheets.add(layout.name);
      // Marked before its cells are written: a sheet left half-written by a failed chunk is
      // still recognised as Interim's, and replaced on the next attempt.
      names.add(markerName(layout.name), sheet.getRange("A1"));
      const pieces = layout.blocks.flatMap((block) => {
        formatBlock(sheet, block);
        return blockPieces(sheet, block);
      });
      setColumnWidths(sheet, 0, layout.columnWidths);
      const { pageLayout } = sheet;
      pageLayout.orientation = layout.orientation === "landscape" ? "Landscape" : "Portrait";
      pageLayout.paperSize = paperSizeOf(layout.paper);
      // 0 pages tall is Excel's "automatic": as many pages as the rows need.
      pageLayout.zoom = { horizontalFitToPages: layout.fitToPagesWide, verticalFitToPages: 0 };
      pageLayout.setPrintArea(layout.printArea);
      if (layout.printTitleRows !== undefined) pageLayout.setPrintTitleRows(layout.printTitleRows);
      await syncInChunks(context, pieces);
    });
  }

  commitInvoice(commit: LogCommit): Promise<void> {
    return this.run(async (context) => {
      const { workbook } = context;
      const created = commit.createLog ? logPieces(workbook, billingLogColumnsOf(commit)) : undefined;
      const lines = created?.lines ?? ((): Excel.Table => workbook.tables.getItem(NAMES.linesTable));
      const invoices = created?.invoices ?? ((): Excel.Table => workbook.tables.getItem(NAMES.invoicesTable));
      const pieces: Piece[] = [
        ...(created?.pieces ?? []),
        ...placementPieces(lines, commit.lineRows, commit.placement.lines),
        ...(commit.time === undefined ? [] : tableAppendPieces(workbook, [commit.time])),
        ...placementPieces(invoices, [commit.invoiceRow], commit.placement.invoices),
        ...settingPieces(() => workbook.tables.getItem(NAMES.settingsTable), commit.settings),
        { bytes: 0, queue: () => workbook.worksheets.getItem(commit.lockSheet).protection.protect() },
      ];
      await syncInChunks(context, pieces);
    });
  }

  createBillingLog(currency?: string): Promise<void> {
    return this.run(async (context) => {
      await syncInChunks(context, logPieces(context.workbook, billingLogColumnsFor(currency)).pieces);
    });
  }

  async appendRows(appends: TableAppend[]): Promise<void> {
    try {
      await this.run(async (context) => {
        await syncInChunks(context, tableAppendPieces(context.workbook, appends));
      });
    } catch (caught) {
      // The request adds a sheet for each table it creates: Excel refusing an item already there is a person's own sheet of that name.
      const [first, ...others] = appends.filter((append) => append.create).map((append) => append.table);
      throw first !== undefined && caught instanceof WorkbookError && caught.code === "ItemAlreadyExists" ? sheetTaken([first, ...others], caught) : caught;
    }
  }

  writeSettings(rows: SettingWrite[], create: boolean): Promise<void> {
    return this.run(async (context) => {
      const { workbook } = context;
      const pieces = create ? newSettingsPieces(workbook.worksheets.add(NAMES.settingsSheet), rows) : settingPieces(() => workbook.tables.getItem(NAMES.settingsTable), rows);
      await syncInChunks(context, pieces);
    });
  }

  createMilestoneTable(name: string, sheetName: string, values: CellValue[][], columns?: readonly ColumnFormat[], paper?: "a4" | "letter"): Promise<void> {
    const [headers, ...rows] = values;
    if (headers === undefined || headers.length === 0) {
      return Promise.reject(new Error(`The milestone table ${name} needs a header row.`));
    }
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.add(sheetName);
      if (paper !== undefined) sheet.pageLayout.paperSize = paperSizeOf(paper);
      await syncInChunks(context, newTablePieces(sheet, name, 0, headers, rows, columns).pieces);
    });
  }
}

/** What is read of the milestone table's cells: a number format can change what a value means (a date is no amount). */
const MILESTONE_PROPERTIES = "values,numberFormat";

/** What is read of a log table's cells: whether rows are hidden, as Excel's row writes are unreliable under a filter. */
const LOG_PROPERTIES = "values,rowHidden";

interface TableRead {
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
}

/**
 * Queues the read of a table: its header row and its data body apart, since the table's own
 * range includes its total row (Table Design > Total Row), which is no data.
 */
function queueTableRead(workbook: Excel.Workbook, name: string, properties = "values"): TableRead {
  const table = workbook.tables.getItemOrNullObject(name);
  table.load("name,worksheet/name");
  // On a null table these are null objects too, and their loads cost nothing.
  const header = table.getHeaderRowRange().load(`${properties},rowIndex,columnIndex`);
  const body = table.getDataBodyRange().load(properties);
  return { table, header, body };
}

function tableData({ table, header, body }: TableRead): TableData | undefined {
  if (table.isNullObject) return undefined;
  return { name: table.name, sheet: table.worksheet.name, top: header.rowIndex, left: header.columnIndex, values: fromExcel([...header.values, ...body.values]) };
}

/** A log table; `rowHidden` is false when no row of the data body is hidden, null when some are, true when all are. */
function logTableData(read: TableRead): LogTableData | undefined {
  const table = tableData(read);
  return table && { ...table, hiddenRows: read.body.rowHidden !== false, fixedTotalRow: undefined };
}

/**
 * Merged areas are ExcelApi 1.13. Without it, Excel still reads a merged area's value once
 * (its other cells as empty), but the merge itself goes unreported.
 */
function readsMergedAreas(): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", "1.13");
}

/** The merged areas that start in a range (Excel leaves out those that start outside it: office-js #3611). */
function queueMergedAreas(range: Excel.Range): Excel.RangeAreas {
  const areas = range.getMergedAreasOrNullObject();
  areas.areas.load("items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
  return areas;
}

function mergedAreas(areas: Excel.RangeAreas | undefined): CellArea[] {
  if (areas === undefined || areas.isNullObject) return [];
  return areas.areas.items.map((range) => ({ top: range.rowIndex, left: range.columnIndex, rows: range.rowCount, columns: range.columnCount }));
}

function formatsOf(formats: unknown[][]): string[][] {
  return formats.map((row) => row.map((format) => (typeof format === "string" ? format : "General")));
}

/** Excel gives an empty cell as "": the port, like the memory workbook, says null. */
function fromExcel(values: unknown[][]): CellValue[][] {
  return values.map((row) => row.map((value) => (value === "" ? null : (value as CellValue))));
}

/** A used range's cells (values or formats) as from A1, as the memory workbook gives a sheet region; `blank` fills the cells before it. */
function fromA1<T>(cells: T[][], rowIndex: number, columnIndex: number, blank: T): T[][] {
  const width = columnIndex + (cells[0]?.length ?? 0);
  const blanks = (): T[] => Array.from({ length: width }, () => blank);
  return [...Array.from({ length: rowIndex }, blanks), ...cells.map((row) => [...blanks().slice(0, columnIndex), ...row])];
}

/**
 * A cell value as Excel should store it. Excel parses a written string as if it were typed
 * (numbers, dates, percentages, formulas), so every string gets the leading apostrophe that
 * keeps it the text it is; the apostrophe is not part of the value read back. Null clears
 * the cell: Excel would leave a cell written as null unchanged.
 */
function toExcel(value: CellValue): ExcelValue {
  if (value === null || value === "") return "";
  return typeof value === "string" ? `'${value}` : value;
}

const encoder = new TextEncoder();

/** Bytes of a value as JSON: what it adds to a request. */
function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

type ExcelValue = string | number | boolean;

/**
 * A row as Excel's range writes need it: as wide as the range, the missing cells padded with
 * `pad`. A block pads with null, which Excel leaves unchanged (the memory workbook does not
 * touch cells a short row lacks); a table row pads with "", an empty cell.
 */
function toExcelRow(row: CellValue[], width: number, pad: "" | null): (ExcelValue | null)[] {
  return Array.from({ length: width }, (_, c) => (c < row.length ? toExcel(row[c] ?? null) : pad));
}

/** Table rows, always values (a new row's cells are empty anyway). */
function tableRows(rows: CellValue[][], width: number): ExcelValue[][] {
  return rows.map((row) => toExcelRow(row, width, "") as ExcelValue[]);
}

function widthOf(rows: CellValue[][]): number {
  return rows.reduce((width, row) => Math.max(width, row.length), 0);
}

/** Consecutive rows grouped so that each group's JSON as written (plus `extraPerRow` bytes a row) stays within a chunk. */
function chunkRows(rows: CellValue[][], width: number, extraPerRow = 0): { rows: CellValue[][]; bytes: number }[] {
  const chunks: { rows: CellValue[][]; bytes: number }[] = [];
  let current: CellValue[][] = [];
  let bytes = 0;
  for (const row of rows) {
    const rowBytes = jsonBytes(toExcelRow(row, width, null)) + 1 + extraPerRow;
    if (current.length > 0 && bytes + rowBytes > REQUEST_CHUNK_BYTES) {
      chunks.push({ rows: current, bytes });
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += rowBytes;
  }
  if (current.length > 0) chunks.push({ rows: current, bytes });
  return chunks;
}

/**
 * Queues the pieces in order, syncing before a piece that would take the request past the
 * chunk size, then once at the end: a single sync unless the cells exceed one request.
 */
async function syncInChunks(context: Excel.RequestContext, pieces: Piece[]): Promise<void> {
  let bytes = 0;
  for (const piece of pieces) {
    if (bytes > 0 && bytes + piece.bytes > REQUEST_CHUNK_BYTES) {
      // One sync per chunk is the point here: Excel on the web refuses larger requests.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      bytes = 0;
    }
    piece.queue();
    bytes += piece.bytes;
  }
  await context.sync();
}

function formatBlock(sheet: Excel.Worksheet, block: CellBlock): void {
  const width = widthOf(block.values);
  if (width === 0) return;
  const { format } = sheet.getRange(rangeAddress(block.top, block.left, block.values.length, width));
  if (block.bold === true) format.font.bold = true;
  if (block.fill !== undefined) format.fill.color = block.fill;
  if (block.wrap === true) format.wrapText = true;
  if (block.borderBottom === true) format.borders.getItem("EdgeBottom").style = "Continuous";
  if (block.rowHeight !== undefined) format.rowHeight = block.rowHeight;
}

/** A block's values and number formats, one range write per chunk of rows (one chunk unless it is huge). */
function blockPieces(sheet: Excel.Worksheet, block: CellBlock): Piece[] {
  const width = widthOf(block.values);
  if (width === 0) return [];
  // A column without a format is written as null: Excel leaves that cell's format alone.
  const formats =
    block.numberFormat === undefined
      ? undefined
      : Array.from({ length: width }, (_, c) => (Array.isArray(block.numberFormat) ? (block.numberFormat[c] ?? null) : (block.numberFormat ?? null)));
  let top = block.top;
  return chunkRows(block.values, width, formats === undefined ? 0 : jsonBytes(formats) + 1).map((chunk) => {
    const chunkTop = top;
    top += chunk.rows.length;
    return {
      bytes: chunk.bytes,
      queue: () => {
        const range = sheet.getRange(rangeAddress(chunkTop, block.left, chunk.rows.length, width));
        // Formats first, so that a text format ("@") is in place when the values arrive; a
        // short row's missing cells keep theirs.
        if (formats !== undefined) range.numberFormat = chunk.rows.map((row) => formats.map((format, c) => (c < row.length ? format : null)));
        range.values = chunk.rows.map((row) => toExcelRow(row, width, null));
      },
    };
  });
}

/** A table being created in the request, and the pieces that create and fill it. */
interface NewTable {
  pieces: Piece[];
  /** The table, once the first piece is queued. */
  table: () => Excel.Table;
}

/**
 * A new table at row 1 from `left`: the header and the first chunk of rows are written and
 * made a table together (Excel gives a table made of a header alone an empty data row), and
 * any further chunks are appended.
 */
function newTablePieces(
  sheet: Excel.Worksheet,
  name: string,
  left: number,
  headers: readonly CellValue[],
  rows: CellValue[][],
  columns: readonly ColumnFormat[] = [],
): NewTable {
  const width = headers.length;
  const formatRow = Array.from({ length: width }, (_, c) => columns[c]?.numberFormat ?? null);
  const formatted = formatRow.some((format) => format !== null);
  const [first, ...rest] = chunkRows(rows, width, formatted ? jsonBytes(formatRow) + 1 : 0);
  let table: Excel.Table | undefined;
  const create: Piece = {
    bytes: jsonBytes(headers) + (first?.bytes ?? 0),
    queue: () => {
      const values = tableRows([[...headers], ...(first?.rows ?? [])], width);
      const address = rangeAddress(0, left, values.length, width);
      sheet.getRange(address).values = values;
      table = sheet.tables.add(address, true);
      table.name = name;
      // The data rows' formats (a table of a header alone has one, empty): the rows Excel adds
      // to a table later take the formats of the row above, so every row of the log gets them.
      const dataRows = Math.max(1, values.length - 1);
      if (formatted) sheet.getRange(rangeAddress(1, left, dataRows, width)).numberFormat = Array.from({ length: dataRows }, () => formatRow);
      setColumnWidths(sheet, left, columns.map((column) => column.width));
    },
  };
  const created = (): Excel.Table => {
    if (table === undefined) throw new Error(`The table ${name} is used before it is created.`);
    return table;
  };
  return { pieces: [create, ...rest.map((chunk) => appendPiece(created, chunk))], table: created };
}

/** Column widths in characters, from column `left` on. */
function setColumnWidths(sheet: Excel.Worksheet, left: number, widths: readonly number[]): void {
  widths.forEach((width, c) => {
    const letters = columnLetters(left + c);
    sheet.getRange(`${letters}:${letters}`).format.columnWidth = columnWidthPoints(width);
  });
}

function paperSizeOf(paper: "a4" | "letter"): "Letter" | "A4" {
  return paper === "letter" ? "Letter" : "A4";
}

/** The Billing log sheet with both tables empty: each a header, to which Excel adds one blank row. */
function logPieces(
  workbook: Excel.Workbook,
  columns: BillingLogColumns,
): { pieces: Piece[]; lines: () => Excel.Table; invoices: () => Excel.Table } {
  const sheet = workbook.worksheets.add(NAMES.logSheet);
  const lines = newTablePieces(sheet, NAMES.linesTable, INVOICE_LOG_HEADERS.length + 1, LINE_LOG_HEADERS, [], columns.lines);
  const invoices = newTablePieces(sheet, NAMES.invoicesTable, 0, INVOICE_LOG_HEADERS, [], columns.invoices);
  const paper: Piece = { bytes: 0, queue: () => void (sheet.pageLayout.paperSize = paperSizeOf(columns.paper)) };
  return { pieces: [...lines.pieces, ...invoices.pieces, paper], lines: lines.table, invoices: invoices.table };
}

/**
 * One of Interim's own tables on its new sheet, made with its first rows: the header and the
 * rows are written and made a table together, named once created (Microsoft's "Work with tables
 * using the Excel JavaScript API": a table is named by setting its name after `tables.add`),
 * rather than rows added with `rows.add` to a table added in the same request, which fails in
 * some workbooks (office-js #4991, #4998). Only rows past the first request chunk (over 4 MB of
 * cells) are added so. Without rows, Excel gives the table one blank row, as the other hosts do.
 */
function ownTablePieces(workbook: Excel.Workbook, own: OwnTable, currency: string | undefined, rows: CellValue[][]): Piece[] {
  const { table, sheet: sheetName, headers, columns } = OWN_TABLES[own];
  const sheet = workbook.worksheets.add(sheetName);
  const paper: Piece = { bytes: 0, queue: () => void (sheet.pageLayout.paperSize = paperSizeOf(ownTablePaper(currency))) };
  return [...newTablePieces(sheet, table, 0, headers, rows, columns(currency)).pieces, paper];
}

/** Rows into Interim's own tables, in order; a table to create is made with its rows. */
function tableAppendPieces(workbook: Excel.Workbook, appends: readonly TableAppend[]): Piece[] {
  return appends.flatMap(({ table, rows, placement, create, currency }) =>
    create
      ? ownTablePieces(workbook, table, currency, rows.map((row) => tableRow(row, placement)))
      : placementPieces(() => workbook.tables.getItem(OWN_TABLES[table].table), rows, placement),
  );
}

/**
 * Rows into a table as placed: the rows to discard deleted (bottom first, so that each index
 * still names the row it named when read), the first row written over the first data row when
 * that is to be filled, the others appended.
 */
function placementPieces(table: () => Excel.Table, logRows: CellValue[][], placement: RowPlacement): Piece[] {
  const deletions = [...placement.discard]
    .sort((a, b) => b - a)
    .map((row): Piece => ({ bytes: 0, queue: () => table().rows.getItemAt(row).delete() }));
  // As wide as the table: Excel refuses a row of another width, and a person may have added columns.
  const rows = logRows.map((row) => tableRow(row, placement));
  const [first, ...rest] = rows;
  if (!placement.fillFirstRow || first === undefined) return [...deletions, ...appendPieces(table, rows)];
  const values = tableRows([first], first.length);
  const fill: Piece = {
    bytes: jsonBytes(values),
    queue: () => {
      table().rows.getItemAt(0).values = values;
    },
  };
  return [...deletions, fill, ...appendPieces(table, rest)];
}

function appendPieces(table: () => Excel.Table, rows: CellValue[][]): Piece[] {
  return chunkRows(rows, widthOf(rows)).map((chunk) => appendPiece(table, chunk));
}

function appendPiece(table: () => Excel.Table, chunk: { rows: CellValue[][]; bytes: number }): Piece {
  return { bytes: chunk.bytes, queue: () => table().rows.add(undefined, tableRows(chunk.rows, widthOf(chunk.rows))) };
}

/** Settings into an existing settings table: a value into its row's second cell, or a new key/value row. */
function settingPieces(table: () => Excel.Table, rows: SettingWrite[]): Piece[] {
  return rows.map(({ key, value, row }) => ({
    bytes: jsonBytes([key, value]),
    queue: () => {
      if (row === undefined) table().rows.add(undefined, [[toExcel(key), toExcel(value)]]);
      else table().getDataBodyRange().getCell(row, 1).values = [[toExcel(value)]];
    },
  }));
}

/** A new settings table: its rows, a rate's value cell as a percentage, its columns' widths and the contract's paper. */
function newSettingsPieces(sheet: Excel.Worksheet, rows: SettingWrite[]): Piece[] {
  const { pieces } = newTablePieces(sheet, NAMES.settingsTable, 0, ["Setting", "Value"], settingRows(rows), SETTINGS_COLUMNS);
  const formats: Piece = {
    bytes: 0,
    queue: () => {
      for (const [row, numberFormat] of settingFormats(rows)) sheet.getRange(rangeAddress(row + 1, 1, 1, 1)).numberFormat = [[numberFormat]];
      sheet.pageLayout.paperSize = paperSizeOf(settingsPaper(rows));
      // One page wide, as the invoice sheets: a setting's name and its value side by side.
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    },
  };
  return [...pieces, formats];
}
