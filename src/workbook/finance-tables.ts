import {
  type CostCategory,
  type CostInput,
  DATE_RANGE,
  MESSAGES,
  type PaymentInput,
  cellToField,
  isAmbiguousNumberText,
  isBlankCell,
  isIsoDate,
  isSerialInRange,
  isoToSerial,
  numberToDecimalText,
  serialText,
  serialToIso,
} from "../core";
import type { CellValue, TableData } from "./port";
import { type WorkbookProblem, problemAt } from "./problems";

/**
 * The Payments and Costs tables, read by their headers: people add columns, move them and name
 * them their own way ("Invoice" for Document, "Date received" for Date). Each cell becomes the
 * text the core reads; a cell that holds something else (text in an amount, an error value, a
 * number that reads two ways) is a problem at it, in words that say how to put it right.
 */

interface ColumnSpec {
  /** The header Interim writes, and a problem names. */
  title: string;
  /** Other headers people use, compared in lower case with single spaces and no unit in brackets. */
  names: readonly string[];
  required: boolean;
  kind: "date" | "amount" | "text";
  /** What a number in the column is, for a problem's advice. */
  advice?: string;
}

const PAYMENT_COLUMNS = {
  date: { title: "Date", names: ["payment date", "date received", "date paid", "received on", "paid on", "value date"], required: true, kind: "date" },
  document: { title: "Document", names: ["document number", "document no", "invoice", "invoice number", "invoice no", "invoice no.", "invoice #", "number"], required: true, kind: "text" },
  amount: {
    title: "Amount", names: ["amount paid", "amount received", "paid", "received", "payment", "payment amount"], required: true, kind: "amount",
    advice: "type the amount received as a number (a refund as a negative number)",
  },
  currency: { title: "Currency", names: ["ccy", "currency code"], required: false, kind: "text" },
  reference: { title: "Reference", names: ["ref", "ref.", "payment reference", "bank reference", "remittance", "memo"], required: false, kind: "text" },
} as const satisfies Record<string, ColumnSpec>;

const COST_COLUMNS = {
  date: { title: "Date", names: ["cost date", "date incurred", "incurred on"], required: true, kind: "date" },
  line: { title: "Line", names: ["line id", "milestone", "milestone id", "id", "item", "wbs"], required: true, kind: "text" },
  amount: {
    title: "Amount", names: ["cost", "cost amount", "net amount"], required: true, kind: "amount",
    advice: "type the cost as a number (a credit from a supplier as a negative number)",
  },
  category: { title: "Category", names: ["cost category", "type", "cost type"], required: false, kind: "text" },
  description: { title: "Description", names: ["details", "notes", "memo"], required: false, kind: "text" },
} as const satisfies Record<string, ColumnSpec>;

export type PaymentField = keyof typeof PAYMENT_COLUMNS;
export type CostField = keyof typeof COST_COLUMNS;

/** Rows of a table read by header, with where each came from. */
export interface TableRows<Row, Field extends string> {
  rows: Row[];
  /** For each row read, its row in the table's values (the header is row 0). */
  rowOf: number[];
  /** The table's column (0-based from its left) of each field found. */
  columnOf: Partial<Record<Field, number>>;
  problems: WorkbookProblem[];
  /** A required column is missing or repeated: no row could be read. */
  unreadable: boolean;
}

/** The Payments table's rows as the core's payments; blank rows are skipped. */
export function readPaymentsTable(table: TableData | undefined): TableRows<PaymentInput, PaymentField> {
  return readRows(table, "Payments", PAYMENT_COLUMNS, (cells) => ({
    date: cells.date, document: cells.document, amount: cells.amount,
    currency: cells.currency === "" ? undefined : cells.currency, reference: cells.reference,
  }));
}

/** The Costs table's rows as the core's costs; blank rows are skipped. */
export function readCostsTable(table: TableData | undefined): TableRows<CostInput, CostField> {
  return readRows(table, "Costs", COST_COLUMNS, (cells) => ({
    date: cells.date, line: cells.line, amount: cells.amount, category: categoryOf(cells.category), description: cells.description,
  }));
}

/** The fields of a payment in the order of PAYMENT_HEADERS: the order Interim writes a row in. */
export const PAYMENT_FIELDS = Object.keys(PAYMENT_COLUMNS) as PaymentField[];

/** Obvious spellings of the categories ("Labor", "Licenses"); anything else goes to the core as typed, which names the categories. */
const CATEGORY_SPELLINGS: Record<string, CostCategory> = {
  labor: "labour", license: "licences", licenses: "licences", licence: "licences", subcontractor: "subcontract", subcontractors: "subcontract",
};

function categoryOf(text: string): CostCategory | undefined {
  const key = text.trim().toLowerCase();
  if (key === "") return undefined;
  // The core checks the category against COST_CATEGORIES and names them in its problem.
  return CATEGORY_SPELLINGS[key] ?? (key as CostCategory);
}

function normalised(header: CellValue): string {
  return String(header ?? "")
    .toLowerCase()
    .replace(/[([]\s*[^\s()[\]]{1,6}\s*[)\]]/g, " ")
    .replace(/[_\s]+/g, " ")
    .trim();
}

function readRows<Row, Field extends string>(
  table: TableData | undefined,
  what: string,
  specs: Record<Field, ColumnSpec>,
  toRow: (cells: Record<Field, string>) => Row,
): TableRows<Row, Field> {
  const result: TableRows<Row, Field> = { rows: [], rowOf: [], columnOf: {}, problems: [], unreadable: false };
  if (table === undefined) return result;
  const fields = Object.keys(specs) as Field[];
  const header = table.values[0] ?? [];
  const fieldOf = new Map<string, Field>(fields.flatMap((field) => [specs[field].title, ...specs[field].names].map((name) => [normalised(name), field] as [string, Field])));
  header.forEach((text, column) => {
    const field = fieldOf.get(normalised(text));
    if (field === undefined) return;
    const first = result.columnOf[field];
    if (first === undefined) {
      result.columnOf[field] = column;
      return;
    }
    result.unreadable = true;
    result.problems.push(problemAt(
      "DUPLICATE_COLUMN",
      `Columns "${String(header[first])}" and "${String(text)}" of the ${what} table both read as its ${specs[field].title.toLowerCase()}; keep one of them, or rename the other.`,
      table.sheet, table.top, table.left + column,
    ));
  });
  for (const field of fields.filter((f) => specs[f].required && result.columnOf[f] === undefined)) {
    result.unreadable = true;
    const { title } = specs[field];
    result.problems.push(problemAt(
      "MISSING_COLUMN",
      `The ${what} table (${table.name}) has no "${title}" column; add a column headed "${title}", or rename the one that holds it.`,
      table.sheet, table.top, table.left,
    ));
  }
  if (result.unreadable) return result;
  table.values.forEach((row, r) => {
    if (r === 0 || fields.every((field) => isBlankCell(cellOf(row, result.columnOf[field])))) return;
    const cells = Object.fromEntries(fields.map((field) => {
      const column = result.columnOf[field];
      const at = { table, row: r, column: column ?? 0, header: column === undefined ? specs[field].title : String(header[column]) };
      return [field, readCell(cellOf(row, column), specs[field], at, result.problems)];
    })) as Record<Field, string>;
    result.rows.push(toRow(cells));
    result.rowOf.push(r);
  });
  return result;
}

function cellOf(row: readonly CellValue[], column: number | undefined): CellValue {
  return column === undefined ? null : (row[column] ?? null);
}

interface CellPlace {
  table: TableData;
  row: number;
  column: number;
  header: string;
}

/** How Excel shows a formula's error in a cell, as the hosts read it. */
const ERROR_VALUE = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/;

/** A cell as the core reads its field: "" for a blank (the core says it is required) or for a cell that is a problem here. */
function readCell(value: CellValue, spec: ColumnSpec, at: CellPlace, problems: WorkbookProblem[]): string {
  if (isBlankCell(value)) return "";
  const field = `"${at.header}"`;
  const fail = (code: string, message: string): string => {
    problems.push(problemAt(code, message, at.table.sheet, at.table.top + at.row, at.table.left + at.column));
    return "";
  };
  if (typeof value === "string" && ERROR_VALUE.test(value.trim())) {
    return fail("ERROR_VALUE", `${field} holds the error ${value.trim()}; correct the formula behind it, or type the value.`);
  }
  if (spec.kind === "date") {
    if (typeof value === "number") {
      return isSerialInRange(value) ? serialToIso(Math.floor(value)) : fail("INVALID_DATE", MESSAGES.DATE_OUT_OF_RANGE(field, serialText(value), DATE_RANGE.first, DATE_RANGE.last));
    }
    const text = String(value).trim();
    if (isIsoDate(text)) return isSerialInRange(isoToSerial(text)) ? text : fail("INVALID_DATE", MESSAGES.DATE_OUT_OF_RANGE(field, text, DATE_RANGE.first, DATE_RANGE.last));
    return fail(
      "INVALID_DATE",
      `${field} holds the text "${text}", not a date: Excel keeps it as text (a cell formatted as Text, or a date in another order than the workbook's). Type it again as a date, such as 2026-12-15.`,
    );
  }
  if (spec.kind === "amount") {
    const read = cellToField(value);
    if (typeof read === "string" && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(read)) return read;
    if (isAmbiguousNumberText(read)) {
      return fail("AMBIGUOUS_NUMBER", MESSAGES.AMBIGUOUS_NUMBER(field, read.text, read.separator, read.asThousands, read.asDecimal));
    }
    return fail("NOT_A_NUMBER", `${field} holds ${typeof value === "string" ? `the text "${value.trim()}"` : String(value)}, not a number; ${spec.advice ?? "type a number"}.`);
  }
  return typeof value === "number" ? numberToDecimalText(value) : String(value).trim();
}
