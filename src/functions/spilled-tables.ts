import { type BillingResult, type CellProblem, computeInvoice, numberToDecimalText, placeIssue, readMilestoneTable } from "../core";
import { cellError, problemsError, toCell } from "./cell-call";

export const INVOICE_HEADERS = [
  "Id", "Description", "Scheduled value", "Previously completed", "This period", "Stored materials",
  "Completed and stored to date", "% complete", "Balance to finish", "Retention",
] as const;
/** The column a G703 table gains when any line is capped. */
export const WORKED_NOT_BILLED_HEADER = "Worked, not billed";

/** G702 lines as labels, in the order of the form. */
const SUMMARY_ROWS: [string, keyof BillingResult["summary"]][] = [
  ["1. Original contract sum", "originalContractSum"],
  ["2. Net change by change orders", "netChangeByChangeOrders"],
  ["3. Contract sum to date", "contractSumToDate"],
  ["4. Total completed and stored to date", "totalCompletedAndStoredToDate"],
  ["5a. Retention on completed work", "retentionOnCompletedWork"],
  ["5b. Retention on stored materials", "retentionOnStoredMaterials"],
  ["5. Total retention", "totalRetention"],
  ["6. Total earned less retention", "totalEarnedLessRetention"],
  ["7. Less previous certificates for payment", "previousCertificates"],
  ["8. Current payment due", "currentPaymentDue"],
  ["9. Balance to finish, including retention", "balanceToFinishIncludingRetention"],
  ["Taxable amount", "taxableAmount"],
  ["Tax", "tax"],
  ["Total due", "totalDue"],
];

export interface TableOptions {
  retentionRate: number | null | undefined;
  previousCertificates: number | null | undefined;
  currency: string;
}

/** Computes the invoice of a milestone range, or throws the cell error that says what is wrong. */
function computeRange(values: unknown[][], options: TableOptions): BillingResult {
  const table = readMilestoneTable(values, "function argument");
  const header = values[0] ?? [];
  const missing = table.issues.find((issue) => issue.code === "MISSING_COLUMN");
  if (missing !== undefined) throw cellError("notAvailable", missing.message);
  if (table.issues.length > 0) throw rangeError(table.issues.map((i) => placeIssue(i, table, header)));
  if (table.lines.length === 0) throw cellError("value", "The range has headers but no milestone rows.");

  const request = {
    currency: options.currency,
    ...(typeof options.retentionRate === "number" ? { retention: { rate: numberToDecimalText(options.retentionRate) } } : {}),
    ...(typeof options.previousCertificates === "number"
      ? { previousCertificates: numberToDecimalText(options.previousCertificates) }
      : {}),
    lines: table.lines,
  };
  const outcome = computeInvoice(request);
  if (!outcome.ok) throw rangeError(outcome.errors.map((e) => placeIssue(e, table, header)));
  return outcome.result;
}

/** #VALUE! with the first problem, where it is in the range ("Row 4 (line "M3"): ..."), and how many more there are. */
export function rangeError(problems: readonly CellProblem[]): CustomFunctions.Error {
  return problemsError(problems.map((problem) => {
    const line = problem.lineId === undefined ? "" : ` (line "${problem.lineId}")`;
    return problem.row === undefined ? problem.message : `Row ${problem.row + 1}${line}: ${problem.message}`;
  }));
}

export function invoiceTable(values: unknown[][], options: TableOptions): (string | number)[][] {
  const result = computeRange(values, options);
  const anyCapped = result.lines.some((line) => line.workedNotBilled !== undefined);
  const rows = result.lines.map((line) => {
    const row: (string | number)[] = [
      line.id, line.description, toCell(line.scheduledValue), toCell(line.previouslyCompleted), toCell(line.thisPeriod),
      toCell(line.storedMaterials), toCell(line.completedAndStoredToDate), toCell(line.percentComplete),
      toCell(line.balanceToFinish), toCell(line.retention),
    ];
    // A spilled range is a rectangle: lines that are not capped show "" in the column.
    if (anyCapped) row.push(line.workedNotBilled === undefined ? "" : toCell(line.workedNotBilled));
    return row;
  });
  return [anyCapped ? [...INVOICE_HEADERS, WORKED_NOT_BILLED_HEADER] : [...INVOICE_HEADERS], ...rows];
}

export function summaryTable(values: unknown[][], options: TableOptions): (string | number)[][] {
  const { summary } = computeRange(values, options);
  return SUMMARY_ROWS.map(([label, field]) => [label, toCell(summary[field])]);
}
