import Papa from "papaparse";
import { type CsvRow, type Issue, MESSAGES, type ProjectMapping, type ReadOptions, type TimesheetReading, readTimesheetRows } from "../core";

/**
 * A timesheet export's text as records with the file line each starts on, parsed by Papa Parse
 * (quoted commas and line breaks, a byte-order mark, "\r\n" or "\n"); problems of the CSV itself
 * are reported by line, like those of the rows.
 */
export function readCsvRows(text: string): { rows: CsvRow[] } | { errors: Issue[] } {
  const body = text.replace(/^\uFEFF/, "");
  const rows: CsvRow[] = [];
  const errors: Issue[] = [];
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(body, {
    delimiter: delimiterOf(body),
    skipEmptyLines: false,
    step: (result) => {
      const start = offset;
      const end = result.meta.cursor;
      for (const error of result.errors) {
        errors.push({ code: "CSV_SYNTAX", path: ["file", line], message: MESSAGES.CSV_SYNTAX(`Line ${line}`, error.message) });
      }
      const cells = result.data;
      if (!(cells.length === 1 && cells[0] === "")) rows.push({ line, cells });
      line += countBreaks(body, start, end);
      offset = end;
    },
  });
  return errors.length > 0 ? { errors } : { rows };
}

/** Reads a Harvest, Toggl Track, Clockify or Kimai CSV export into timesheet entries, or says why not. */
export function readTimesheetCsv(text: string, mapping: readonly ProjectMapping[], options: ReadOptions = {}): TimesheetReading {
  const parsed = readCsvRows(text);
  return "errors" in parsed ? parsed : readTimesheetRows(parsed.rows, mapping, options);
}

/** Comma, or semicolon where the header row has more of them (a spreadsheet saved in a comma-decimal locale). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/));
  return header.split(";").length > header.split(",").length ? ";" : ",";
}

/** Line breaks from start to end, a "\r\n" counted once; the cursor of a row stops before its break. */
function countBreaks(text: string, start: number, end: number): number {
  let breaks = 0;
  for (let index = start; index < end; index += 1) {
    const char = text[index];
    if (char === "\n" || (char === "\r" && text[index + 1] !== "\n")) breaks += 1;
  }
  return breaks;
}
