/**
 * The workbook port: what Interim needs from a workbook, whatever holds it (Excel through
 * Office.js, an in-memory workbook for the browser preview and tests, an .xlsx file for the
 * command line). Each method is one round trip to the workbook, so a whole Generate costs
 * three: read, write the invoice sheet, commit to the billing log.
 */
export type CellValue = string | number | boolean | null;

/** The names Interim gives its tables and sheets. */
export const NAMES = {
  milestones: "Milestones",
  settingsTable: "InterimSettings",
  settingsSheet: "Contract",
  invoicesTable: "InterimInvoices",
  linesTable: "InterimInvoiceLines",
  logSheet: "Billing log",
  /** The payments received: an Excel table Interim creates (on its own sheet) when the first payment is recorded. */
  paymentsTable: "Payments",
  paymentsSheet: "Payments",
  /** Costs as dated rows, kept by the user (optional: a Cost to date column of the milestone table does as well). */
  costsTable: "Costs",
  /** Hours worked, as dated rows kept by the user (or imported): the progress of the lines they are on. */
  timesheetTable: "Timesheet",
  /** The sheet Interim creates the Timesheet table on, with the first import into a workbook without one. */
  timesheetSheet: "Timesheet",
  /** Which line each project (or task) of a time tracker's export goes to: created by the first import that maps one, read by every later import. */
  mappingTable: "TimesheetMapping",
  mappingSheet: "Timesheet mapping",
  /** The rate card: a rate per hour or per day for a role or a person, from a date on. */
  ratesTable: "Rates",
  /** What each invoice billed from the timesheet: an Excel table Interim creates (on its own sheet) with the first invoice that bills hours. */
  billedTimeTable: "InterimBilledTime",
  billedTimeSheet: "Billed time",
  /** Workbook names that mark a sheet as written by Interim: InterimSheet_<sheet>. */
  sheetMarkerPrefix: "InterimSheet_",
} as const;

/** An Excel table (ListObject) or a sheet region: where it is and what it holds. */
export interface TableData {
  name: string;
  sheet: string;
  /** 0-based row and column of the header row's first cell on the sheet. */
  top: number;
  left: number;
  /** The header row, then the data rows, as the cells hold them: a table's total row is left out. */
  values: CellValue[][];
}

/** A table of the billing log, with whether rows of it are hidden: a filter makes Excel's row writes unreliable. */
export interface LogTableData extends TableData {
  /** Some of its data rows are hidden, by a filter or by hand. */
  hiddenRows: boolean;
  /**
   * The 0-based sheet row of a total row this host cannot add rows above (the .xlsx host does
   * not move it with its formulas); undefined when the table has none or the host adds rows above it, as Excel does.
   */
  fixedTotalRow: number | undefined;
}

/** A rectangle of cells, 0-based on its sheet. */
export interface CellArea {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/**
 * The milestone table, with what Excel holds beside its values that changes what they mean:
 * each cell's number format (a date format makes a serial number of an amount), and the
 * merged areas over it (a merged cell holds one value, in its top-left cell; the others read
 * as empty).
 */
export interface MilestoneData extends TableData {
  /** Each cell's number format, aligned with `values`; "General" where the cell has none. */
  formats: string[][];
  /** The merged areas that overlap the table (or the region read), on its sheet. */
  merges: CellArea[];
}

export interface WorkbookSnapshot {
  milestones: MilestoneData | undefined;
  settings: TableData | undefined;
  invoices: LogTableData | undefined;
  invoiceLines: LogTableData | undefined;
  /** The Payments table (rows appended by Record payment, or typed by the user); a filter or a fixed total row is reported as for the log. */
  payments: LogTableData | undefined;
  /** The Costs table, when the workbook has one. */
  costs: TableData | undefined;
  /** The Timesheet table, when the workbook has one: Interim reads it, and an import appends to it (a filter or a fixed total row matters then). */
  timesheet: LogTableData | undefined;
  /** The TimesheetMapping table (see MAPPING_HEADERS), once an import has mapped a project. */
  timesheetMapping: LogTableData | undefined;
  /** The Rates table, when the workbook has one. */
  rates: TableData | undefined;
  /** The billing log's record of the hours billed (see BILLED_TIME_HEADERS), once an invoice has billed hours. */
  billedTime: LogTableData | undefined;
  /** Every sheet's name, in workbook order. */
  sheets: string[];
  /** The sheets Interim wrote (marked by a workbook name), so they can be replaced safely. */
  interimSheets: string[];
  /** Every workbook-level defined name. Excel's tables and defined names share one namespace. */
  definedNames: string[];
  /** Every table's name in the workbook, on any sheet. */
  tableNames: string[];
  /**
   * The sheets whose protection is on: Interim protects an issued document's sheet as the last
   * step of issuing it. A host may leave out sheets that are neither Interim's (marked) nor
   * hold the tables it reads: the .xlsx host does not parse sheets it does not need.
   */
  protectedSheets: string[];
}

/** A block of cells written in one range write. */
export interface CellBlock {
  top: number;
  left: number;
  values: CellValue[][];
  /** One Excel number format for the whole block, or one per column. */
  numberFormat?: string | string[];
  bold?: boolean;
  fill?: string;
  wrap?: boolean;
  borderBottom?: boolean;
  /**
   * The height of each of the block's rows, in points: a wrapped header needs one set, as
   * LibreOffice (unlike Excel) does not grow a row to fit wrapped text it reads from a file.
   */
  rowHeight?: number;
}

/** A formatted sheet: its blocks, column widths (in characters) and page setup. */
export interface SheetLayout {
  name: string;
  blocks: CellBlock[];
  columnWidths: number[];
  /** A1 range of what prints, such as "A1:J40". */
  printArea: string;
  orientation: "landscape" | "portrait";
  /** The contract's paper (see paperOf in the core). */
  paper: "a4" | "letter";
  fitToPagesWide: number;
  /** Rows repeated at the top of every printed page (the table header), such as "12:12". */
  printTitleRows: string | undefined;
}

/** A settings value to write: into an existing data row of the settings table, or appended. */
export interface SettingWrite {
  key: string;
  value: CellValue;
  /** 0-based data row (below the header) that holds the key now; undefined appends a row. */
  row: number | undefined;
  /** The value cell's number format in a new settings table (a rate shows as a percentage); rows written later keep the cell's own. */
  numberFormat?: string;
}

/**
 * Where a commit's rows go in one table of the billing log. An Excel table keeps at least one
 * data row: an empty one is a header and one blank row (as Excel leaves a table whose every
 * row was deleted), and the first rows written fill that row rather than go below it.
 */
export interface RowPlacement {
  /**
   * Data rows (0-based, below the header, as read) to delete first: lines a commit left behind
   * when it failed part-way, before its invoice row was written, and the blank rows of an empty
   * table but its first.
   */
  discard: number[];
  /**
   * After the deletions, the table's first data row holds nothing to keep (the blank row of an
   * empty table, or the one leftover kept because a table cannot lose its last row): the first
   * row is written over it, the others appended below.
   */
  fillFirstRow: boolean;
  /**
   * The table's column (0-based from its left) of each of the log's columns, in the order of
   * its headers, and the table's width: a person may have added columns to the table (typing
   * next to it) or moved them. A row is written as wide as the table, its added columns empty.
   */
  columns: number[];
  width: number;
}

/**
 * Everything the last step writes, in this order: the line rows, the billed time rows, then the
 * invoice row (the record that the invoice is issued), then the settings, then the sheet's
 * protection. A failure part-way leaves at worst line and billed time rows without their
 * invoice, which the next commit discards.
 */
export interface LogCommit {
  invoiceRow: CellValue[];
  lineRows: CellValue[][];
  placement: { invoices: RowPlacement; lines: RowPlacement };
  /** The billing log does not exist yet: create it empty first (see `createBillingLog`), then fill it as any other. */
  createLog: boolean;
  settings: SettingWrite[];
  /** The issued invoice's sheet, protected so it cannot be edited by accident. */
  lockSheet: string;
  /** What the invoice billed from the timesheet (the billed time table's rows), written before the invoice row as the line rows are; undefined without a timesheet. */
  time: TableAppend | undefined;
}

/**
 * The tables Interim creates, each on a sheet of its own, when it first writes a row to them:
 * the payments received, the hours each invoice billed, the imported timesheet and its mapping
 * of projects to lines. Their names, sheets, headers and formats are in OWN_TABLES (port-helpers.ts).
 */
export type OwnTable = "payments" | "billedTime" | "timesheet" | "mapping";

/**
 * Rows to add to one of Interim's own tables, in the order of its headers as Interim creates it,
 * placed as a log commit's rows are (`placement`), the table's sheet created first when `create`
 * is true, its columns formatted for `currency` (the contract's; undefined: two decimals, as USD).
 */
export interface TableAppend {
  table: OwnTable;
  rows: CellValue[][];
  placement: RowPlacement;
  create: boolean;
  currency: string | undefined;
}

export interface WorkbookPort {
  /** Reads the milestone table, the settings, the billing log and the sheet names in one round trip. */
  read(milestoneTable: string): Promise<WorkbookSnapshot>;
  /**
   * Writes an invoice sheet and marks it as Interim's, in one round trip. `replace` names an
   * Interim sheet (a draft, or one left half-written by a failed attempt) to delete first.
   */
  writeInvoiceSheet(layout: SheetLayout, replace: string | undefined): Promise<void>;
  /** Writes into the billing log (creating it the first time), writes settings and locks the sheet: one round trip, always last. */
  commitInvoice(commit: LogCommit): Promise<void>;
  /**
   * Writes contract settings into the settings table (key, value), creating the settings sheet
   * and table when `create` is true (its columns as wide as `SETTINGS_COLUMNS`, on the paper of
   * the currency written, `settingsPaper`), in one round trip.
   */
  writeSettings(rows: SettingWrite[], create: boolean): Promise<void>;
  /**
   * Creates a milestone table on a new sheet from a header row and data rows; `columns` gives
   * each column's number format and width (rows added to the table later keep the formats, as
   * Excel's do), and `paper` the sheet's paper (the contract's, see paperOf).
   */
  createMilestoneTable(name: string, sheet: string, values: CellValue[][], columns?: readonly ColumnFormat[], paper?: "a4" | "letter"): Promise<void>;
  /**
   * Creates the billing log, empty: the Billing log sheet with both tables, each a header row
   * and one blank row, as Excel holds an empty table. Its columns are formatted (see
   * `billingLogColumns`) for the contract's currency, when given. One round trip.
   */
  createBillingLog(currency?: string): Promise<void>;
  /**
   * Adds rows to Interim's own tables (a payment, an imported timesheet and its mappings), in
   * the order given, creating a table's sheet first where an append says so (its headers and
   * column formats as OWN_TABLES gives them). One round trip. A sheet of the name of a table to
   * create that holds no such table is refused (`ItemAlreadyExists`), in words that say so.
   */
  appendRows(appends: TableAppend[]): Promise<void>;
}

/** Header row of the Payments table, as Interim creates it. People may add columns or move them; rows are read by header. */
export const PAYMENT_HEADERS = ["Date", "Document", "Amount", "Currency", "Reference"] as const;

/** Header row of a Costs table (kept by the user; Interim only reads it). */
export const COST_HEADERS = ["Date", "Line", "Amount", "Category", "Description"] as const;

/**
 * Header row of the Timesheet table as Interim creates it with the first import. A person's own
 * table may lack columns or hold them in another order: rows are read, and written, by header.
 * Source says where an imported row came from ("harvest-2027-03.csv line 14").
 */
export const TIMESHEET_HEADERS = ["Date", "Person", "Role", "Line", "Hours", "Rate", "Billable", "Note", "Source"] as const;

/** Header row of the TimesheetMapping table: a project (and a task, blank for the whole project) of a time tracker, and the line its hours go to. */
export const MAPPING_HEADERS = ["Project", "Task", "Line"] as const;

/** How a table's column shows: its Excel number format (null leaves General) and its width in characters. */
export interface ColumnFormat {
  numberFormat: string | null;
  width: number;
}

/**
 * Header rows of the billing log tables. The invoices table's "Due date" comes after "Check",
 * outside the fingerprint: a due date renegotiated with the client may be edited. A log written
 * before it existed lacks the column (see OPTIONAL_LOG_HEADERS in billing-log.ts).
 */
export const INVOICE_LOG_HEADERS = [
  "Number", "Kind", "Credits", "Invoice date", "Period start", "Period end", "Currency", "Sheet",
  "Contract sum to date", "Completed and stored to date", "Retention held", "Retention released",
  "Earned less retention", "Previous certificates", "Advance recovered", "Current payment due",
  "Tax", "Total due", "Lines", "Check", "Due date",
] as const;

export const LINE_LOG_HEADERS = [
  "Invoice", "Line", "Scheduled value", "Previously completed", "This period", "Stored materials",
  "Completed and stored to date", "Retention",
] as const;

/**
 * Header row of the billed time table: per invoice, a row per line billed from the timesheet
 * (its hours and amount to date, Entry blank) and a row per entry first billed, or no longer in
 * the timesheet since (Status "billed" or "removed"), by its key (see entryKey in the core).
 */
export const BILLED_TIME_HEADERS = ["Invoice", "Line", "Hours to date", "Amount to date", "Entry", "Status"] as const;

/**
 * A failure of the workbook host (Excel, the file system) in words a user can act on. Each
 * adapter turns its host's own errors (RichApi codes, file-system codes) into one of these, so
 * no raw host text reaches a user; `code` keeps the host's code for logs and tests.
 */
export class WorkbookError extends Error {
  override readonly name = "WorkbookError";

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
