export { aggregateTimesheet } from "./aggregate-timesheet";
export { entryIdentity, entryKey, identityOfKey } from "./entry-key";
export { rateInForce, type RateInForce } from "./rate-card";
export { detectFormat, LAYOUTS, type FormatLayout, type TimesheetFormat } from "./import/formats";
export { readTimesheetRows, type CsvRow, type ProjectMapping, type ReadOptions, type TimesheetReading } from "./import/read-timesheet-rows";
export type * from "./types";
export { RATE_COLUMNS, TIMESHEET_COLUMNS, readRatesTable, readTimesheetTable, type RateField, type TimesheetField, type TimesheetTableReading } from "./timesheet-table";
export { computeTimeAppendix, type TimeAppendixRow } from "./time-appendix";
export { computeHoursBeyondCap, computeHoursNotBilled, type HoursAtCap, type HoursNotBilled } from "./hours-beyond-cap";
