import { WorkbookError } from "./port";

/**
 * Excel's errors in words a user can act on, by the error's `code`. Microsoft says the RichApi
 * `message` "isn't intended for consumption by end users" (it is localised and technical), so
 * it never reaches the pane: the code picks the sentence, and the original error stays as the
 * WorkbookError's cause. Codes from "Error handling with the application-specific JavaScript
 * APIs" (see docs/decisions/0024-excel-at-run-time.md).
 */
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode:
    "Excel is waiting for you to finish editing a cell. Press Enter or Esc (or click another cell), then try again.",
  AccessDenied:
    "Excel refused the change: a sheet Interim writes to is protected, or the workbook is read-only. Unprotect the sheet (Review > Unprotect Sheet) or open the workbook for editing, then try again.",
  ItemNotFound:
    "A sheet, table or name Interim works with is no longer in the workbook (it was deleted or renamed meanwhile). Check the workbook, then try again.",
  ItemAlreadyExists:
    "A sheet, table or name Interim needs to create is already in the workbook. Rename or delete it, then try again.",
  InvalidArgument: "Excel refused what Interim asked of it. Nothing further was written; try again, and report it if it happens again.",
  RequestPayloadSizeLimitExceeded:
    "The workbook is too large for Excel on the web to take in one request. Open it in Excel for Windows or Mac, then try again.",
  ResponsePayloadSizeLimitExceeded:
    "The tables are too large for Excel on the web to send in one response. Open the workbook in Excel for Windows or Mac, then try again.",
  RangeExceedsLimit: "A range Interim reads is larger than Excel allows in one request. Remove unused rows and columns from the tables, then try again.",
  ActivityLimitReached: "Excel is busy with too many requests. Wait a moment, then try again.",
  Conflict: "Someone else changed the workbook at the same moment. Wait for their change to appear, then try again.",
  InsertDeleteConflict: "Excel could not add or remove table rows, because other cells are in the way. Move what is below or beside the table, then try again.",
  FilteredRangeConflict: "A filter on a table Interim writes to is in the way. Clear the filter (Data > Clear), then try again.",
  MergedRangeConflict: "Merged cells are in the way of a table Interim writes to. Unmerge them, then try again.",
  PivotTableRangeConflict: "A PivotTable is in the way of a table Interim writes to. Move it, then try again.",
  InactiveWorkbook: "Another workbook has the focus. Click into this workbook, then try again.",
  MemoryLimitReached: "Excel ran out of memory. Close other workbooks, then try again.",
  GeneralException: "Excel reported an internal error. Try again; if it keeps happening, save, close and reopen the workbook.",
  ServiceNotAvailable: "Excel could not be reached. Check the connection, then try again.",
  ConnectionFailure: "Excel could not be reached. Check the connection, then try again.",
  RequestAborted: "Excel stopped the request before it finished. Try again.",
  ApiNotFound: "This version of Excel lacks a feature Interim needs. Update Excel (Microsoft 365, or Excel on the web), then try again.",
  ApiNotAvailable: "This version of Excel lacks a feature Interim needs. Update Excel (Microsoft 365, or Excel on the web), then try again.",
  NotImplemented: "This version of Excel lacks a feature Interim needs. Update Excel (Microsoft 365, or Excel on the web), then try again.",
  UnsupportedOperation: "This version of Excel lacks a feature Interim needs. Update Excel (Microsoft 365, or Excel on the web), then try again.",
};

const UNKNOWN = "Excel could not complete the request. Try again; if it keeps happening, save, close and reopen the workbook.";

/** Any failure out of Excel as a WorkbookError in plain words; one that already is passes as it is. */
export function excelFailure(caught: unknown): WorkbookError {
  if (caught instanceof WorkbookError) return caught;
  const code = codeOf(caught);
  return new WorkbookError(code ?? "Unknown", (code !== undefined ? PLAIN_WORDS[code] : undefined) ?? UNKNOWN, { cause: caught });
}

/** A RichApi error's code (OfficeExtension.Error: name "RichApi.Error", a string `code`). */
function codeOf(caught: unknown): string | undefined {
  if (typeof caught !== "object" || caught === null) return undefined;
  const { code } = caught as { code?: unknown };
  return typeof code === "string" ? code : undefined;
}
