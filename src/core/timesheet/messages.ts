/** The words of the timesheet problems; `row` names a row as a person reads it ("Row 14"). */
export const TIMESHEET_MESSAGES = {
  INVALID_DATE: (row: string, value: string) => `${row}: "${value}" is not a date; enter it as 2027-03-31.`,
  NOT_A_NUMBER: (row: string, field: string, value: string) => `${row}: ${field} must be a number, not "${value}".`,
  NEGATIVE_HOURS: (row: string, value: string) => `${row}: hours must not be below zero, not ${value}; correct the entry itself.`,
  REQUIRED: (row: string, field: string) => `${row}: ${field} is required.`,
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
  MISSING_COLUMN: (format: string, column: string) => `The ${format} export has no "${column}" column; export the detailed report with it.`,
  UNMAPPED_PROJECT: (row: string, project: string, task: string) =>
    `${row}: project "${project}"${task === "" ? "" : `, task "${task}"`} is not mapped to a line of the contract; add it to the mapping.`,
  INVALID_BILLABLE: (row: string, value: string) => `${row}: billable must be Yes or No, not "${value}".`,
  CSV_SYNTAX: (row: string, detail: string) => `${row}: the file is not well-formed CSV here (${detail}).`,
} as const;
