import { cellToField, isAmbiguousNumberText, isBlankCell, numberToDecimalText } from "../cells";
import { DATE_RANGE, isIsoDate, isSerialInRange, isoToSerial, serialText, serialToIso } from "../dates";
import { MESSAGES } from "../issues";
import { type TableIssue, type TableSource, normaliseHeader } from "../milestone-table";
import type { CostCategory, CostInput, PaymentInput } from "./types";

/**
 * The Payments and Costs tables (and any table of rows read the same way), read by their
 * headers: people add columns, move them and name them their own way ("Invoice" for Document,
 * "Date received" for Date). Each cell becomes the text the core reads; a cell that holds
 * something else (text in an amount, an error value, a number that reads two ways) is a problem
 * at its row and column, in words that say how to put it right and name the column by its
 * header. Where the table is (a sheet, a range argument) is for the caller to say.
 */
export interface ColumnSpec {
  /** The header Interim writes, and a problem names. */
  title: string;
  /** Other headers people use, compared in lower case with single spaces and no unit in brackets. */
  names: readonly string[];
  required: boolean;
  kind: "date" | "amount" | "text";
  /** What a number in the column is, for a problem's advice. */
  advice?: string;
}

/** The Payments table's columns, in the order Interim writes them. */
export const PAYMENT_COLUMNS = {
  date: {
    title: "Date", names: ["payment date", "date received", "date paid", "received on", "paid on", "value date"], required: true, kind: "date",
  },
  document: {
    title: "Document", names: ["document number", "document no", "invoice", "invoice number", "invoice no", "invoice no.", "invoice #", "number"],
    required: true, kind: "text",
  },
  amount: {
    title: "Amount", names: ["amount paid", "amount received", "paid", "received", "payment", "payment amount"], required: true, kind: "amount",
    advice: "type the amount received as a number (a refund as a negative number)",
  },
  currency: { title: "Currency", names: ["ccy", "currency code"], required: false, kind: "text" },
  reference: { title: "Reference", names: ["ref", "ref.", "payment reference", "bank reference", "remittance", "memo"], required: false, kind: "text" },
} as const satisfies Record<string, ColumnSpec>;

/** The Costs table's columns. */
export const COST_COLUMNS = {
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

/** The fields of a payment in the order Interim writes a row of the Payments table. */
export const PAYMENT_FIELDS = Object.keys(PAYMENT_COLUMNS) as PaymentField[];

/** Rows of a table read by header, with where each came from. */
export interface TableRows<Row, Field extends string> {
  rows: Row[];
  /** For each row read, its row in the table's values (the header is row 0). */
  rowOf: number[];
  /** The table's column (0-based from its left) of each field found. */
  columnOf: Partial<Record<Field, number>>;
  /** Problems of the columns (path ["columns", field]; row 0) and of the cells (path ["rows", row, field]). */
  issues: TableIssue[];
  /** A required column is missing or repeated: no row is read. */
  unreadable: boolean;
}

/** The Payments table's rows (headers first) as the core's payments; blank rows are skipped. */
export function readPaymentRows(values: readonly (readonly unknown[])[], source: TableSource = "cells"): TableRows<PaymentInput, PaymentField> {
  const read = readTableRows(values, "Payments", PAYMENT_COLUMNS, source);
  return {
    ...read,
    rows: read.rows.map((cells) => ({
      date: cells.date, document: cells.document, amount: cells.amount,
      currency: cells.currency === "" ? undefined : cells.currency, reference: cells.reference,
    })),
  };
}

/** The Costs table's rows (headers first) as the core's costs; blank rows are skipped. */
export function readCostRows(values: readonly (readonly unknown[])[], source: TableSource = "cells"): TableRows<CostInput, CostField> {
  const read = readTableRows(values, "Costs", COST_COLUMNS, source);
  return {
    ...read,
    rows: read.rows.map((cells) => ({
      date: cells.date, line: cells.line, amount: cells.amount, category: categoryOf(cells.category), description: cells.description,
    })),
  };
}

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

/**
 * The rows of a table (headers first) as the text of each field: a date as ISO text, an amount
 * as decimal text, anything else trimmed; "" for a blank cell (the core says a required one is
 * required) and for a cell that is a problem. A row whose fields are all blank is skipped.
 * `table` names the table in a problem ("the Payments table"). A function's range argument
 * (source) hands a blank cell over as 0 on desktop Excel, so there a 0 is a blank.
 */
export function readTableRows<Field extends string>(
  values: readonly (readonly unknown[])[],
  table: string,
  columns: Record<Field, ColumnSpec>,
  source: TableSource = "cells",
): TableRows<Record<Field, string>, Field> {
  const result: TableRows<Record<Field, string>, Field> = { rows: [], rowOf: [], columnOf: {}, issues: [], unreadable: false };
  const fields = Object.keys(columns) as Field[];
  const header = values[0] ?? [];
  const fieldOf = new Map<string, Field>(fields.flatMap((field) => [columns[field].title, ...columns[field].names].map((name) => [normaliseHeader(name), field] as [string, Field])));
  header.forEach((text, column) => {
    const field = fieldOf.get(normaliseHeader(typeof text === "string" || typeof text === "number" ? String(text) : ""));
    if (field === undefined) return;
    const first = result.columnOf[field];
    if (first === undefined) {
      result.columnOf[field] = column;
      return;
    }
    result.unreadable = true;
    result.issues.push({
      code: "DUPLICATE_COLUMN", path: ["columns", field], row: 0, column,
      message: `Columns "${String(header[first])}" and "${String(text)}" of the ${table} table both read as its ${columns[field].title.toLowerCase()}; keep one of them, or rename the other.`,
    });
  });
  for (const field of fields.filter((f) => columns[f].required && result.columnOf[f] === undefined)) {
    result.unreadable = true;
    result.issues.push({ code: "MISSING_COLUMN", path: ["columns", field], row: 0, column: undefined, message: MESSAGES.MISSING_TABLE_COLUMN(`${table} table`, columns[field].title) });
  }
  if (result.unreadable) return result;
  const blank = source === "cells" ? isBlankCell : (cell: unknown): boolean => cell === 0 || isBlankCell(cell);
  values.forEach((row, r) => {
    const cellOf = (field: Field): unknown => {
      const column = result.columnOf[field];
      return column === undefined ? null : row[column];
    };
    if (r === 0 || fields.every((field) => blank(cellOf(field)))) return;
    const cells = Object.fromEntries(fields.map((field) => {
      const value = cellOf(field);
      const column = result.columnOf[field];
      if (column === undefined || blank(value)) return [field, ""];
      const read = readCell(value, columns[field], `"${String(header[column])}"`);
      if (typeof read === "string") return [field, read];
      result.issues.push({ ...read, path: ["rows", r, field], row: r, column });
      return [field, ""];
    })) as Record<Field, string>;
    result.rows.push(cells);
    result.rowOf.push(r);
  });
  return result;
}

/** How Excel shows a formula's error in a cell, as the hosts read it. */
const ERROR_VALUE = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/;

/** A cell that is not blank as the core reads its field, or the problem with it; `field` is its column's header in quotes. */
function readCell(value: unknown, spec: ColumnSpec, field: string): string | Pick<TableIssue, "code" | "message"> {
  if (typeof value === "string" && ERROR_VALUE.test(value.trim())) {
    return { code: "ERROR_VALUE", message: `${field} holds the error ${value.trim()}; correct the formula behind it, or type the value.` };
  }
  if (spec.kind === "date") {
    const outOfRange = (shown: string): Pick<TableIssue, "code" | "message"> => ({
      code: "INVALID_DATE", message: MESSAGES.DATE_OUT_OF_RANGE(field, shown, DATE_RANGE.first, DATE_RANGE.last),
    });
    if (typeof value === "number") return isSerialInRange(value) ? serialToIso(Math.floor(value)) : outOfRange(serialText(value));
    const text = String(value).trim();
    if (isIsoDate(text)) return isSerialInRange(isoToSerial(text)) ? text : outOfRange(text);
    return {
      code: "INVALID_DATE",
      message: `${field} holds the text "${text}", not a date: Excel keeps it as text (a cell formatted as Text, or a date in another order than the workbook's). Type it again as a date, such as 2026-12-15.`,
    };
  }
  if (spec.kind === "amount") {
    const read = cellToField(value);
    if (typeof read === "string" && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(read)) return read;
    if (isAmbiguousNumberText(read)) {
      return { code: "AMBIGUOUS_NUMBER", message: MESSAGES.AMBIGUOUS_NUMBER(field, read.text, read.separator, read.asThousands, read.asDecimal) };
    }
    return {
      code: "NOT_A_NUMBER",
      message: `${field} holds ${typeof value === "string" ? `the text "${value.trim()}"` : String(value)}, not a number; ${spec.advice ?? "type a number"}.`,
    };
  }
  return typeof value === "number" ? numberToDecimalText(value) : String(value).trim();
}
