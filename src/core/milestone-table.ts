import { cellToField, isAmbiguousNumberText, isBlankCell, numberToDecimalText } from "./cells";
import { type Issue, MESSAGES, describePath } from "./issues";
import type { MilestoneInput } from "./request";

/** The line fields a milestone table can carry, by column. */
export type TableField =
  | "id" | "description" | "scheduledValue" | "changeOrder" | "capped" | "previouslyCompleted"
  | "percentComplete" | "completedToDate" | "thisPeriod" | "quantityToDate" | "unitPrice" | "unit"
  | "storedMaterials" | "previousStoredMaterials" | "retentionRate" | "taxRate"
  | FinanceField;

/**
 * The columns the finance figures read beside the billing (cost-to-cost WIP, the forecast). They
 * never reach the billing request: an invoice does not depend on them, so a problem in one of
 * them does not stop an invoice either.
 */
export type FinanceField = "costToDate" | "estimatedCost" | "plannedCompletion";
export const FINANCE_FIELDS: readonly FinanceField[] = ["costToDate", "estimatedCost", "plannedCompletion"];

/**
 * Header texts people use for each field, compared after normalising (lower case, single
 * spaces, no unit or G703 column letter in brackets, "percent" read as "%"). Ambiguous words
 * on their own ("amount", "rate", "value") are deliberately absent.
 */
const SYNONYMS: Record<TableField, string[]> = {
  id: ["id", "#", "no", "no.", "nr", "item", "item no", "item no.", "item #", "line", "line no", "milestone id", "ref", "reference", "code", "wbs"],
  description: ["description", "description of work", "milestone", "milestone name", "name", "task", "work", "deliverable", "item description"],
  scheduledValue: ["scheduled value", "contract value", "contract amount", "contract sum", "contract price", "value of work", "budget", "sov", "sov amount", "line value", "milestone value", "fixed price"],
  changeOrder: ["change order", "change", "co", "c/o", "variation", "is change order", "change order?"],
  // Yes or no: the cap itself is the line's scheduled value.
  capped: ["capped", "capped?", "cap", "not to exceed", "not to exceed?", "nte", "nte?"],
  previouslyCompleted: ["previously completed", "previous applications", "from previous application", "work completed previously", "completed previously", "previously billed", "billed to date previously"],
  percentComplete: ["% complete", "complete %", "% completed", "% done", "% progress", "progress %", "progress", "pct complete", "percentage complete", "% complete to date"],
  completedToDate: ["completed to date", "work completed to date", "amount to date", "earned to date", "value to date"],
  thisPeriod: ["this period", "work this period", "completed this period", "this application", "amount this period"],
  quantityToDate: ["quantity to date", "qty to date", "hours to date", "days to date", "units to date", "quantity", "qty", "hours", "days"],
  unitPrice: ["unit price", "unit rate", "hourly rate", "day rate", "daily rate", "price per unit", "rate per unit", "price per hour"],
  unit: ["unit", "uom", "unit of measure"],
  storedMaterials: ["stored materials", "materials stored", "materials presently stored", "stored", "materials on site"],
  previousStoredMaterials: ["previous stored materials", "previously stored", "stored materials previously", "previous materials stored"],
  retentionRate: ["retention %", "retention rate", "retention", "retainage %", "retainage rate", "retainage"],
  taxRate: ["tax %", "tax rate", "vat %", "vat rate", "vat", "gst %", "gst", "sales tax %", "tax"],
  costToDate: ["cost to date", "costs to date", "actual cost", "actual costs", "actual cost to date", "cost incurred", "costs incurred", "cost incurred to date"],
  estimatedCost: ["estimated cost", "eac", "estimated cost at completion", "cost budget", "budgeted cost", "estimate at completion", "cost estimate"],
  plannedCompletion: ["planned completion", "planned completion date", "planned date", "planned finish", "target date", "forecast completion", "forecast completion date"],
};

/**
 * A unit or a G703 column letter in brackets after a header: "(EUR)", "[€]", "(%)", "(h)",
 * "(C)". One short word only: "Hours (this period)" says what the column holds, not its unit.
 */
const BRACKETED_UNIT = /[([]\s*([^\s()[\]]{1,6})\s*[)\]]/g;

const FIELD_OF_HEADER: ReadonlyMap<string, TableField> = new Map(
  (Object.entries(SYNONYMS) as [TableField, string[]][]).flatMap(([field, names]) =>
    [field, ...names].map((name) => [normaliseHeader(name), field] as [string, TableField]),
  ),
);

/** "Scheduled Value (C)" → "scheduled value"; "Contract value (EUR)" → "contract value"; "Percent  Complete" → "% complete". */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(BRACKETED_UNIT, " ")
    .replace(/\bpercent(age)?\b/g, "%")
    .replace(/[_\s]+/g, " ")
    .replace(/([a-z])%/g, "$1 %")
    .trim();
}

/** Fields that hold a fraction: a unit in brackets other than "%" says the column holds something else ("VAT (€)" is an amount). */
const RATE_FIELDS: ReadonlySet<TableField> = new Set(["percentComplete", "retentionRate", "taxRate"]);

/** The field a header names, or undefined for a column Interim does not use. */
export function fieldOfHeader(header: unknown): TableField | undefined {
  if (typeof header !== "string" && typeof header !== "number") return undefined;
  const text = String(header);
  const field = FIELD_OF_HEADER.get(normaliseHeader(text)) ?? FIELD_OF_HEADER.get(normaliseHeader(splitCamelCase(text)));
  if (field === undefined || !RATE_FIELDS.has(field)) return field;
  for (const [, unit] of text.matchAll(BRACKETED_UNIT)) {
    if (unit !== "%" && !/^[a-z]$/i.test(unit ?? "")) return undefined;
  }
  return field;
}

function splitCamelCase(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** Where a problem is in the table: a 0-based row of the values (the header is row 0) and column. */
export interface TableIssue extends Issue {
  row: number | undefined;
  column: number | undefined;
}

/**
 * A line's finance cells, as the cells hold them: amounts as the core reads a number field
 * (decimal text, or the text typed), a planned completion as the cell's value (a date serial,
 * or text). Blank cells are absent.
 */
export type LineFinanceCells = Partial<Record<FinanceField, unknown>>;

export interface MilestoneTable {
  lines: MilestoneInput[];
  /** For each line, its finance cells (Cost to date, Estimated cost, Planned completion). */
  finance: LineFinanceCells[];
  /** For each line, its row in the values (the header is row 0). */
  rowOfLine: number[];
  /** The column of each field found. */
  columnOf: Partial<Record<TableField, number>>;
  /** Table-level problems (missing or repeated columns, cells of the wrong kind). */
  issues: TableIssue[];
  /** The same, in the finance columns: for the finance figures only. */
  financeIssues: TableIssue[];
}

const REQUIRED_FIELDS = ["id", "scheduledValue"] as const;
const COLUMN_TITLES = { id: "Id", scheduledValue: "Scheduled value" } as const;
const PROGRESS_COLUMNS: readonly TableField[] = ["percentComplete", "completedToDate", "thisPeriod", "quantityToDate"];
/** The main headers accepted for a line's progress, as a problem names them. */
const PROGRESS_TITLES = '"% complete", "Completed to date", "This period", or "Hours to date" with "Hourly rate"';
const TEXT_FIELDS: readonly TableField[] = ["id", "description", "unit"];
/**
 * A header Interim does not know that names a line's progress ("Done %", "Completion"); a date
 * ("Completion date", "Date completed") is a column of its own.
 */
const PROGRESS_WORDS = /^(?!.*\bdates?\b).*\b(complete|completed|completion|done|progress|finished)\b/;

/**
 * Where the values come from: a workbook's cells (a blank is null or ""), or a custom
 * function's range argument, in which desktop Excel passes a blank cell as 0.
 */
export type TableSource = "cells" | "function argument";

/**
 * Reads a milestone table given as rows of cell values whose first row holds the headers.
 * Headers are matched forgivingly; extra columns are ignored; rows of blanks (and zeros, as
 * desktop Excel hands a function its blank cells) are skipped.
 * Cells become the core's request fields (numbers as decimal text at Excel's precision); the
 * core then judges the values, and `cellOfIssue` maps its problems back to cells.
 */
export function readMilestoneTable(values: readonly (readonly unknown[])[], source: TableSource = "cells"): MilestoneTable {
  const issues: TableIssue[] = [];
  const financeIssues: TableIssue[] = [];
  const issuesOf = (field: TableField): TableIssue[] => (isFinanceField(field) ? financeIssues : issues);
  const header = values[0] ?? [];
  const columnOf: Partial<Record<TableField, number>> = {};
  header.forEach((text, column) => {
    const field = fieldOfHeader(text);
    if (field === undefined) {
      // A renamed "% complete" beside another progress column ("Hours to date") would bill its lines nothing without a word.
      if (typeof text === "string" && PROGRESS_WORDS.test(normaliseHeader(text))) {
        issues.push({
          code: "MISSING_COLUMN", path: ["columns", "progress"], row: 0, column,
          message: MESSAGES.UNREAD_PROGRESS_COLUMN(text, PROGRESS_TITLES),
        });
      }
      return;
    }
    const first = columnOf[field];
    if (first !== undefined) {
      issuesOf(field).push({
        code: "DUPLICATE_COLUMN", path: ["columns", String(text)], row: 0, column,
        message: `Column "${String(text)}" repeats "${String(header[first])}" (both are ${field}); keep one of them.`,
      });
      return;
    }
    columnOf[field] = column;
  });
  for (const field of REQUIRED_FIELDS) {
    if (columnOf[field] === undefined) {
      issues.push({
        code: "MISSING_COLUMN", path: ["columns", field], row: 0, column: undefined,
        message: `The table has no ${COLUMN_TITLES[field]} column; add a column headed "${COLUMN_TITLES[field]}".`,
      });
    }
  }
  const progressColumns = PROGRESS_COLUMNS.filter((field) => columnOf[field] !== undefined);
  // Without one, every line would bill nothing without a word: a renamed "% complete" is the usual cause.
  if (progressColumns.length === 0) {
    issues.push({
      code: "MISSING_COLUMN", path: ["columns", "progress"], row: 0, column: undefined,
      message: MESSAGES.MISSING_PROGRESS_COLUMN(PROGRESS_TITLES),
    });
  }

  const lines: MilestoneInput[] = [];
  const finance: LineFinanceCells[] = [];
  const rowOfLine: number[] = [];
  values.forEach((row, rowIndex) => {
    if (rowIndex === 0 || row.every(isBlankOrZero)) return;
    const line: Record<string, unknown> = {};
    const cells: LineFinanceCells = {};
    for (const [field, column] of Object.entries(columnOf) as [TableField, number][]) {
      const cell = row[column];
      if (isFinanceField(field)) {
        // A function's range hands a blank as 0: no one plans a line for 1899-12-30, and a 0 estimate is no estimate.
        if (isBlankCell(cell) || (source === "function argument" && cell === 0)) continue;
        cells[field] = field === "plannedCompletion" ? (typeof cell === "string" ? cell.trim() : cell) : readNumberCell(cell, header[column], rowIndex, column, field, financeIssues);
        continue;
      }
      const text = TEXT_FIELDS.includes(field);
      if (text ? isBlankOrZero(cell) : isBlankCell(cell)) continue;
      if (text) line[field] = cellToText(cell);
      else if (field === "changeOrder" || field === "capped") line[field] = readYesNo(cell, header[column], rowIndex, column, field, issues);
      else line[field] = readNumberCell(cell, header[column], rowIndex, column, field, issues);
    }
    dropEmptyProgress(line, progressColumns, source);
    lines.push(line as unknown as MilestoneInput);
    finance.push(cells);
    rowOfLine.push(rowIndex);
  });
  return { lines, finance, rowOfLine, columnOf, issues, financeIssues };
}

export function isFinanceField(field: TableField): field is FinanceField {
  return (FINANCE_FIELDS as readonly TableField[]).includes(field);
}

/**
 * A range hands an empty cell over as 0 or "". With several progress columns, only the ones
 * that say something (not blank, not 0) count, so a row may fill in whichever column suits it.
 * A function's range argument does the same with one progress column: desktop Excel passes a
 * blank "% complete" as 0, which would bill 0 % to date (crediting all earlier work) where Excel
 * on the web bills no progress this period; 0 to date after nothing earlier is the same either way.
 */
function dropEmptyProgress(line: Record<string, unknown>, progressColumns: readonly TableField[], source: TableSource): void {
  if (progressColumns.length < 2 && source === "cells") return;
  for (const field of progressColumns) {
    if (line[field] === "0") delete line[field];
  }
  if (line["quantityToDate"] === undefined && line["unitPrice"] === "0") delete line["unitPrice"];
}

/**
 * Desktop Excel hands the blank cells of a range argument to a custom function as 0 (Excel on
 * the web as ""), so a row of nothing but blanks and zeros is a blank row, and a 0 in a text
 * column (id, description, unit) is a blank cell: no one numbers a milestone 0.
 */
function isBlankOrZero(cell: unknown): boolean {
  return cell === 0 || isBlankCell(cell);
}

/** An id, description or unit: text as typed (trimmed; "1.100" is an id, not a number), a number at Excel's precision. */
function cellToText(cell: unknown): unknown {
  if (typeof cell === "string") return cell.trim();
  return typeof cell === "number" ? numberToDecimalText(cell) : cell;
}

/** A number field's cell as the core reads it; text that reads as two numbers is a problem at the cell, never a guess. */
function readNumberCell(cell: unknown, header: unknown, row: number, column: number, field: TableField, issues: TableIssue[]): unknown {
  const value = cellToField(cell);
  if (!isAmbiguousNumberText(value)) return value;
  issues.push({
    code: "AMBIGUOUS_NUMBER", path: ["rows", row, field], row, column,
    message: MESSAGES.AMBIGUOUS_NUMBER(`"${String(header)}"`, value.text, value.separator, value.asThousands, value.asDecimal),
  });
  return undefined;
}

const YES = new Set(["yes", "y", "true", "x", "1", "co", "change order", "capped", "nte"]);
const NO = new Set(["no", "n", "false", "0", "-"]);

function readYesNo(
  cell: unknown,
  header: unknown,
  row: number,
  column: number,
  field: "changeOrder" | "capped",
  issues: TableIssue[],
): boolean | undefined {
  if (typeof cell === "boolean") return cell;
  const text = typeof cell === "number" ? String(cell) : typeof cell === "string" ? cell.trim().toLowerCase() : "";
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  issues.push({
    code: "INVALID_OPTION", path: ["rows", row, field], row, column,
    message: field === "changeOrder"
      ? `Change order must be yes or no, not "${String(cell)}".`
      : `"${String(header)}" must be yes or no (the cap is the line's scheduled value), not "${String(cell)}".`,
  });
  return undefined;
}

/** A problem's message with its request path turned into the column's header, or "Line "7"" for a problem of the whole line. */
function placedName(issue: Issue, path: string, fieldColumn: number | undefined, header: readonly unknown[], id: string | undefined): string {
  const rest = issue.message.slice(path.length);
  if (fieldColumn !== undefined) return `"${String(header[fieldColumn])}"${rest}`;
  if (issue.path.length !== 2 || id === undefined) return `${path}${rest}`;
  const ofLine = ` (line "${id}")`;
  return `Line "${id}"${rest.startsWith(ofLine) ? rest.slice(ofLine.length) : rest}`;
}

/** A problem placed in the table: its row and column (0-based, the header is row 0) and words for a person. */
export interface CellProblem {
  code: Issue["code"];
  row: number | undefined;
  column: number | undefined;
  /** The line's id, when the problem is on a line. */
  lineId: string | undefined;
  message: string;
}

/**
 * Places a problem in the table: a core problem on ["lines", i, field] goes to that line's row
 * and the field's column (the id column when the table has no such column), and its message
 * names the column by its header instead of the request path. Problems of the whole request
 * (retention, currency) have no cell.
 */
export function placeIssue(issue: Issue | TableIssue, table: MilestoneTable, header: readonly unknown[]): CellProblem {
  if ("row" in issue) return { code: issue.code, row: issue.row, column: issue.column, lineId: undefined, message: issue.message };
  const [where, index, field] = issue.path;
  const row = where === "lines" && typeof index === "number" ? table.rowOfLine[index] : undefined;
  if (row === undefined || typeof index !== "number") {
    return { code: issue.code, row: undefined, column: undefined, lineId: undefined, message: issue.message };
  }
  const fieldColumn = typeof field === "string" ? table.columnOf[field as TableField] : undefined;
  const column = fieldColumn ?? table.columnOf.id;
  const path = describePath(issue.path);
  const lineId = table.lines[index]?.id;
  const id = lineId === undefined ? undefined : String(lineId);
  const message = issue.message.startsWith(path) ? placedName(issue, path, fieldColumn, header, id) : issue.message;
  return { code: issue.code, row, column, lineId: id, message };
}
