import { cellToField, isBlankCell, numberToDecimalText } from "./cells";
import { type Issue, describePath } from "./issues";
import type { MilestoneInput } from "./request";

/** The line fields a milestone table can carry, by column. */
export type TableField =
  | "id" | "description" | "scheduledValue" | "changeOrder" | "previouslyCompleted"
  | "percentComplete" | "completedToDate" | "thisPeriod" | "quantityToDate" | "unitPrice" | "unit"
  | "storedMaterials" | "previousStoredMaterials" | "retentionRate" | "taxRate";

/**
 * Header texts people use for each field, compared after normalising (lower case, single
 * spaces, no G703 column letters in brackets, "percent" read as "%"). Ambiguous words on
 * their own ("amount", "rate", "value") are deliberately absent.
 */
const SYNONYMS: Record<TableField, string[]> = {
  id: ["id", "#", "no", "no.", "nr", "item", "item no", "item no.", "item #", "line", "line no", "milestone id", "ref", "reference", "code", "wbs"],
  description: ["description", "description of work", "milestone", "milestone name", "name", "task", "work", "deliverable", "item description"],
  scheduledValue: ["scheduled value", "contract value", "contract amount", "contract sum", "contract price", "value of work", "budget", "sov", "sov amount", "line value", "milestone value", "fixed price"],
  changeOrder: ["change order", "change", "co", "c/o", "variation", "is change order", "change order?"],
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
};

const FIELD_OF_HEADER: ReadonlyMap<string, TableField> = new Map(
  (Object.entries(SYNONYMS) as [TableField, string[]][]).flatMap(([field, names]) =>
    [field, ...names].map((name) => [normaliseHeader(name), field] as [string, TableField]),
  ),
);

/** "Scheduled Value (C)" → "scheduled value"; "Percent  Complete" → "% complete". */
function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(\s*[a-z]\s*\)/g, " ")
    .replace(/\bpercent(age)?\b/g, "%")
    .replace(/[_\s]+/g, " ")
    .replace(/([a-z])%/g, "$1 %")
    .trim();
}

/** The field a header names, or undefined for a column Interim does not use. */
export function fieldOfHeader(header: unknown): TableField | undefined {
  if (typeof header !== "string" && typeof header !== "number") return undefined;
  const text = String(header);
  return FIELD_OF_HEADER.get(normaliseHeader(text)) ?? FIELD_OF_HEADER.get(normaliseHeader(splitCamelCase(text)));
}

function splitCamelCase(text: string): string {
  return text.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** Where a problem is in the table: a 0-based row of the values (the header is row 0) and column. */
export interface TableIssue extends Issue {
  row: number | undefined;
  column: number | undefined;
}

export interface MilestoneTable {
  lines: MilestoneInput[];
  /** For each line, its row in the values (the header is row 0). */
  rowOfLine: number[];
  /** The column of each field found. */
  columnOf: Partial<Record<TableField, number>>;
  /** Table-level problems (missing or repeated columns, cells of the wrong kind). */
  issues: TableIssue[];
}

const REQUIRED_FIELDS = ["id", "scheduledValue"] as const;
const COLUMN_TITLES = { id: "Id", scheduledValue: "Scheduled value" } as const;
const PROGRESS_COLUMNS: readonly TableField[] = ["percentComplete", "completedToDate", "thisPeriod", "quantityToDate"];
const TEXT_FIELDS: readonly TableField[] = ["id", "description", "unit"];

/**
 * Reads a milestone table given as rows of cell values whose first row holds the headers.
 * Headers are matched forgivingly; extra columns are ignored; fully blank rows are skipped.
 * Cells become the core's request fields (numbers as decimal text at Excel's precision); the
 * core then judges the values, and `cellOfIssue` maps its problems back to cells.
 */
export function readMilestoneTable(values: readonly (readonly unknown[])[]): MilestoneTable {
  const issues: TableIssue[] = [];
  const header = values[0] ?? [];
  const columnOf: Partial<Record<TableField, number>> = {};
  header.forEach((text, column) => {
    const field = fieldOfHeader(text);
    if (field === undefined) return;
    const first = columnOf[field];
    if (first !== undefined) {
      issues.push({
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

  const lines: MilestoneInput[] = [];
  const rowOfLine: number[] = [];
  values.forEach((row, rowIndex) => {
    if (rowIndex === 0 || row.every((cell) => isBlankCell(cell))) return;
    const line: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(columnOf) as [TableField, number][]) {
      const cell = row[column];
      if (isBlankCell(cell)) continue;
      if (TEXT_FIELDS.includes(field)) line[field] = typeof cell === "number" ? numberToDecimalText(cell) : cellToField(cell);
      else if (field === "changeOrder") line[field] = readYesNo(cell, rowIndex, column, issues);
      else line[field] = cellToField(cell);
    }
    dropEmptyProgress(line, progressColumns);
    lines.push(line as unknown as MilestoneInput);
    rowOfLine.push(rowIndex);
  });
  return { lines, rowOfLine, columnOf, issues };
}

/**
 * A range hands an empty cell over as 0 or "". With several progress columns, only the ones
 * that say something (not blank, not 0) count, so a row may fill in whichever column suits it.
 */
function dropEmptyProgress(line: Record<string, unknown>, progressColumns: readonly TableField[]): void {
  if (progressColumns.length < 2) return;
  for (const field of progressColumns) {
    if (line[field] === "0") delete line[field];
  }
  if (line["quantityToDate"] === undefined && line["unitPrice"] === "0") delete line["unitPrice"];
}

const YES = new Set(["yes", "y", "true", "x", "1", "co", "change order"]);
const NO = new Set(["no", "n", "false", "0", "-"]);

function readYesNo(cell: unknown, row: number, column: number, issues: TableIssue[]): boolean | undefined {
  if (typeof cell === "boolean") return cell;
  const text = typeof cell === "number" ? String(cell) : typeof cell === "string" ? cell.trim().toLowerCase() : "";
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  issues.push({
    code: "INVALID_OPTION", path: ["rows", row, "changeOrder"], row, column,
    message: `Change order must be yes or no, not "${String(cell)}".`,
  });
  return undefined;
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
  const name = fieldColumn === undefined ? path : `"${String(header[fieldColumn])}"`;
  const message = issue.message.startsWith(path) ? `${name}${issue.message.slice(path.length)}` : issue.message;
  const id = table.lines[index]?.id;
  return { code: issue.code, row, column, lineId: id === undefined ? undefined : String(id), message };
}
