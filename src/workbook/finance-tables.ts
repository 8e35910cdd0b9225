import {
  type ColumnSpec,
  type CostField,
  type CostInput,
  COST_COLUMNS,
  MESSAGES,
  PAYMENT_COLUMNS,
  type PaymentField,
  type PaymentInput,
  type TableIssue,
  type TableRows,
  readCostRows,
  readPaymentRows,
} from "../core";
import type { TableData } from "./port";
import { type WorkbookProblem, problemAt } from "./problems";

/**
 * The Payments and Costs tables as the core reads them (by header, cell by cell), with each
 * problem at its cell of the sheet.
 */
export interface PlacedRows<Row, Field extends string> extends Omit<TableRows<Row, Field>, "issues"> {
  problems: WorkbookProblem[];
}

/** The Payments table's rows as the core's payments; blank rows are skipped. */
export function readPaymentsTable(table: TableData | undefined): PlacedRows<PaymentInput, PaymentField> {
  return table === undefined ? none() : placed(readPaymentRows(table.values), table, "Payments", PAYMENT_COLUMNS);
}

/** The Costs table's rows as the core's costs; blank rows are skipped. */
export function readCostsTable(table: TableData | undefined): PlacedRows<CostInput, CostField> {
  return table === undefined ? none() : placed(readCostRows(table.values), table, "Costs", COST_COLUMNS);
}

function none<Row, Field extends string>(): PlacedRows<Row, Field> {
  return { rows: [], rowOf: [], columnOf: {}, problems: [], unreadable: false };
}

function placed<Row, Field extends string>(
  read: TableRows<Row, Field>, table: TableData, what: string, columns: Record<Field, ColumnSpec>,
): PlacedRows<Row, Field> {
  const { issues, ...rest } = read;
  return { ...rest, problems: issues.map((issue) => problemAt(issue.code, messageOf(issue, table, what, columns), table.sheet, table.top + (issue.row ?? 0), table.left + (issue.column ?? 0))) };
}

/** A missing column names the Excel table Interim looked in. */
function messageOf<Field extends string>(issue: TableIssue, table: TableData, what: string, columns: Record<Field, ColumnSpec>): string {
  if (issue.code !== "MISSING_COLUMN") return issue.message;
  return MESSAGES.MISSING_TABLE_COLUMN(`${what} table (${table.name})`, columns[issue.path[1] as Field].title);
}
