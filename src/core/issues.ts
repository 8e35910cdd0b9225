import { Dec } from "./decimal";

/** Where a problem is: a path into the request, such as ["lines", 3, "percentComplete"]. */
export type IssuePath = (string | number)[];

export type ErrorCode =
  | "REQUIRED"
  | "NOT_A_NUMBER"
  | "PERCENT_OUT_OF_RANGE"
  | "NEGATIVE_AMOUNT"
  | "DUPLICATE_ID"
  | "AMBIGUOUS_PROGRESS"
  | "OVERBILLED"
  | "UNKNOWN_CURRENCY"
  | "CONFLICTING_RETENTION"
  | "TOO_MANY_DECIMALS"
  | "AMOUNT_TOO_LARGE"
  | "UNKNOWN_FIELD"
  | "INVALID_OPTION"
  | "NOT_A_LIST"
  | "RELEASE_EXCEEDS_RETENTION"
  | "MISSING_COLUMN"
  | "DUPLICATE_COLUMN"
  | "AMBIGUOUS_NUMBER"
  | "INVALID_DATE"
  | "ERROR_VALUE"
  | "UNKNOWN_DOCUMENT"
  | "PAYMENT_BEFORE_INVOICE"
  | "OVERPAID"
  | "WRONG_CURRENCY"
  | "COST_TWICE"
  | "UNKNOWN_LINE"
  | "NEGATIVE_HOURS"
  | "NO_RATE"
  | "DUPLICATE_ENTRY"
  | "UNKNOWN_FORMAT"
  | "UNMAPPED_PROJECT"
  | "CSV_SYNTAX"
  | "ADVANCE_MISMATCH";

export type WarningCode =
  | "NEGATIVE_PERIOD" | "OVERBILLED" | "CAPPED" | "EXPECTED_LOSS" | "COST_OVER_ESTIMATE" | "COST_WITHOUT_ESTIMATE" | "BILLED_ENTRY_MISSING";

/** A problem found in a request: a code to act on, a path to the field, and plain words. */
export interface Issue {
  code: ErrorCode | WarningCode;
  path: IssuePath;
  message: string;
}

/** The amounts the core accepts: far above any contract, far below where doubles lose cents. */
export const MAX_AMOUNT_DIGITS = 15;

/** One catalog of the words, so every surface says a problem the same way. */
export const MESSAGES = {
  REQUIRED: (field: string) => `${field} is required.`,
  REQUIRED_UNIT_PRICE: (field: string) => `${field} is required when the line states a quantity to date.`,
  NOT_A_NUMBER: (field: string, value: string) => `${field} must be a number, not ${value}.`,
  MISSING_TABLE_COLUMN: (table: string, title: string) =>
    `The ${table} has no "${title}" column; add a column headed "${title}", or rename the one that holds it.`,
  MISSING_PROGRESS_COLUMN: (titles: string) =>
    `The table has no column for the progress of its lines; add one headed ${titles}.`,
  UNREAD_PROGRESS_COLUMN: (header: string, titles: string) =>
    `Column "${header}" reads like the lines' progress, but Interim does not know that header, so nothing in it would be billed; ` +
    `rename it ${titles}, or give it a header that does not say progress if it is something else.`,
  AMBIGUOUS_NUMBER: (field: string, text: string, separator: string, asThousands: string, asDecimal: string) =>
    `${field} is the text "${text}", which reads two ways: ${asThousands} with "${separator}" separating thousands, ` +
    `or ${asDecimal} with "${separator}" as the decimal mark. Enter the number itself (${asThousands} or ${asDecimal}), not text.`,
  PERCENT_OUT_OF_RANGE: (field: string, value: string) => {
    const typed = new Dec(value);
    const likelyPercent = typed.greaterThan(1) && typed.lessThanOrEqualTo(100);
    return (
      `${field} must be a fraction between 0 and 1 (0.10 is 10 %), not ${value}.` +
      (likelyPercent ? ` Did you mean ${value} %? Enter ${value}% or ${typed.dividedBy(100).toString()}.` : "")
    );
  },
  NEGATIVE_AMOUNT: (field: string, value: string) => `${field} must not be below zero, not ${value}.`,
  DUPLICATE_ID: (field: string, id: string, firstIndex: number) =>
    `${field} "${id}" is already used by line ${firstIndex + 1}; every line needs its own id.`,
  AMBIGUOUS_PROGRESS: (field: string, fields: string[]) =>
    `${field}: the line states progress in more than one way (${fields.join(", ")}); keep exactly one.`,
  OVERBILLED: (field: string, toDate: string, scheduled: string) =>
    `${field}: completed and stored to date (${toDate}) exceeds the scheduled value (${scheduled}).`,
  OVERBILLED_CAPPED: (field: string, previous: string, scheduled: string) =>
    `${field}: completed before this period and stored (${previous}) already exceeds the line's cap, its scheduled value (${scheduled}).`,
  CAPPED: (field: string, worked: string, billed: string, notBilled: string) =>
    `${field}: the line is capped; of the ${worked} worked to date, ${billed} is billed and ${notBilled} is worked but not billed.`,
  UNKNOWN_CURRENCY: (code: string) =>
    `currency "${code}" has no known ISO 4217 minor units; use a known code or give minorUnits.`,
  CONFLICTING_RETENTION: (field: string) =>
    `${field}: retention steps and per-line retention rates cannot be combined; use one or the other.`,
  TOO_MANY_DECIMALS: (field: string, value: string, currency: string, minorUnits: number) =>
    `${field} is ${value}, which has more decimals than ${currency} has (${minorUnits}).`,
  TOO_MANY_NUMBER_DECIMALS: (field: string, value: string, maxDecimals: number) =>
    `${field} is ${value}, which has more than the ${maxDecimals} decimals a number may have; round it.`,
  AMOUNT_TOO_LARGE: (field: string, value: string) =>
    `${field} is ${value}, more than the ${MAX_AMOUNT_DIGITS} digits an amount may have.`,
  UNKNOWN_FIELD: (field: string, known: readonly string[]) =>
    `${field} is not a field Interim knows; the fields here are ${known.join(", ")}.`,
  INVALID_OPTION: (field: string, value: string, allowed: string) => `${field} must be ${allowed}, not ${value}.`,
  NOT_A_LIST: (field: string, what: string) => `${field} must be ${what}.`,
  ADVANCE_MISMATCH: (field: string, why: string) =>
    `${field} does not agree with the advance: ${why}. It states what the advance invoice charged per VAT rate; give it as that invoice did.`,
  RELEASE_EXCEEDS_RETENTION: (field: string, release: string, held: string) =>
    `${field} releases ${release} but only ${held} of retention is held.`,
  NEGATIVE_PERIOD: (field: string, amount: string) =>
    `${field}: work completed went down this period (${amount}); the invoice credits the difference.`,
  NOT_A_DATE: (field: string, value: string) => `${field} holds ${value}, which is not a date; enter a date, such as 2027-03-31.`,
  DATE_OUT_OF_RANGE: (field: string, value: string, first: string, last: string) =>
    `${field} is ${value}, outside the dates Interim accepts (${first} to ${last}); check the year.`,
  // The finance figures: `payment`, `cost` and `line` name the row as a person reads it ("Payment 3 (INV-0009)").
  UNKNOWN_DOCUMENT: (payment: string, number: string) =>
    `${payment}: the billing log has no document ${number}; enter the number of the invoice the client paid.`,
  CANCELLED_DOCUMENT: (payment: string, number: string, creditNote: string) =>
    `${payment}: ${number} was cancelled by ${creditNote}; record the payment against the invoice that replaced it.`,
  CREDIT_NOTE_PAYMENT: (payment: string, number: string, invoice: string) =>
    `${payment}: ${number} is the credit note that cancelled ${invoice}; record the payment against the invoice that replaced it.`,
  PAYMENT_BEFORE_INVOICE: (payment: string, date: string, number: string, invoiceDate: string) =>
    `${payment}: it is dated ${date}, before ${number} was issued (${invoiceDate}); check the date and the document number.`,
  OVERPAID: (payment: string, number: string, paid: string, amountDue: string) =>
    `${payment}: it takes what was paid against ${number} to ${paid}, beyond its amount due (${amountDue}); ` +
    `check the amount, and record any excess against the invoice it belongs to.`,
  REFUND_EXCEEDS_PAID: (payment: string, number: string, paid: string, amountDue: string) =>
    `${payment}: it takes what was paid against ${number} to ${paid}, past zero and away from its amount due (${amountDue}): ` +
    `a refund cannot exceed what was paid; check the amount and its sign.`,
  WRONG_CURRENCY: (payment: string, currency: string, contractCurrency: string) =>
    `${payment}: it is in ${currency}, but the contract is in ${contractCurrency}; enter the amount received in ${contractCurrency}, or leave the currency blank.`,
  COST_TWICE: (line: string) =>
    `${line}: its cost is both in the Cost to date column and in rows of the Costs table; keep one: clear the cell, or delete the line's Costs rows.`,
  UNKNOWN_LINE: (cost: string, id: string) =>
    `${cost}: no line of the milestone table has the id "${id}"; enter the id of the line the cost belongs to.`,
  NEGATIVE_LINE_COST: (line: string, total: string) =>
    `${line}: its rows of the Costs table add up to ${total}, below zero; check the credits recorded against it.`,
  EXPECTED_LOSS: (estimatedCost: string, contractSum: string, loss: string) =>
    `The estimated cost at completion (${estimatedCost}) exceeds the contract sum (${contractSum}): an expected loss of ${loss}. ` +
    `Provide for the whole loss now, and review the estimate.`,
  COST_OVER_ESTIMATE: (line: string, costToDate: string, estimatedCost: string) =>
    `${line}: the cost to date (${costToDate}) exceeds its estimated cost (${estimatedCost}); revise the estimate.`,
  COST_WITHOUT_ESTIMATE: (line: string, costToDate: string) =>
    `${line}: it has a cost to date (${costToDate}) but no estimated cost, which overstates the contract's percent complete; enter its estimated cost.`,
  // The timesheet and its imports: `row` names a row as a person reads it ("Row 14", "Line 14" of a file).
  ENTRY_NOT_A_DATE: (row: string, value: string) => `${row}: "${value}" is not a date; enter it as 2027-03-31.`,
  ENTRY_NOT_A_NUMBER: (row: string, field: string, value: string) => `${row}: ${field} must be a number, not "${value}".`,
  NEGATIVE_HOURS: (row: string, value: string) => `${row}: hours must not be below zero, not ${value}; correct the entry itself.`,
  ENTRY_REQUIRED: (row: string, field: string) => `${row}: ${field} is required.`,
  NO_RATE: (row: string, who: string, date: string) =>
    `${row}: the rate card has no rate for ${who} in force on ${date}; add one, or give the entry its own rate.`,
  DUPLICATE_ENTRY: (rows: string, times: number, before: number) =>
    `Rows ${rows} are the same entry (date, person, line, hours, note) ${times} times, ` +
    `${before === 0 ? "and no earlier import had it" : `where the earlier imports had it ${before} times`}: ` +
    `the timesheet looks pasted twice. Delete the copies, or if the work was really done twice, tell the entries apart in their notes.`,
  BILLED_ENTRY_MISSING: (count: number) =>
    `${count} entr${count === 1 ? "y" : "ies"} billed on earlier invoices ${count === 1 ? "is" : "are"} no longer in the timesheet; ` +
    `the hours to date went down and this invoice credits them.`,
  UNKNOWN_FORMAT: (header: string) =>
    `The file's first row (${header}) is not the header of a Harvest, Toggl Track, Clockify or Kimai export; export the detailed report as CSV.`,
  MISSING_EXPORT_COLUMN: (format: string, column: string) => `The ${format} export has no "${column}" column; export the detailed report with it.`,
  UNMAPPED_PROJECT: (row: string, project: string, task: string) =>
    `${row}: project "${project}"${task === "" ? "" : `, task "${task}"`} is not mapped to a line of the contract; add it to the mapping.`,
  INVALID_BILLABLE: (row: string, value: string) => `${row}: billable must be Yes or No, not "${value}".`,
  CSV_SYNTAX: (row: string, detail: string) => `${row}: the file is not well-formed CSV here (${detail}).`,
} as const;

/** The path as a person reads it: lines[3].percentComplete. */
export function describePath(path: IssuePath): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("");
}

/** A misuse of the core's API (not a problem in the user's data, which is an Issue). */
export class CoreInputError extends Error {
  constructor(
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = "CoreInputError";
  }
}
