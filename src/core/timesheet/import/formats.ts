/**
 * The detailed-report CSV exports Interim reads, by the column titles their documentation
 * gives (see docs/decisions/0034-timesheets.md for the pages). Titles are matched trimmed and
 * regardless of case; a list gives the titles one column has gone by.
 */
export type TimesheetFormat = "harvest" | "toggl" | "clockify" | "kimai";

export interface FormatLayout {
  format: TimesheetFormat;
  name: string;
  /** Titles that, all present, say the file is this tool's. Checked in the order of LAYOUTS. */
  signature: string[];
  date: string[];
  /** The person, either one column or first and last name. */
  person: string[] | { first: string[]; last: string[] };
  role?: string[];
  project: string[];
  task?: string[];
  note: string[];
  hours: string[];
  billable?: string[];
}

export const LAYOUTS: readonly FormatLayout[] = [
  {
    format: "harvest",
    name: "Harvest",
    signature: ["first name", "last name", "hours", "task"],
    date: ["date"],
    person: { first: ["first name"], last: ["last name"] },
    role: ["roles"],
    project: ["project"],
    task: ["task"],
    note: ["notes"],
    hours: ["hours"],
    billable: ["billable?"],
  },
  {
    format: "clockify",
    name: "Clockify",
    signature: ["duration (decimal)", "start date"],
    date: ["start date"],
    person: ["user"],
    project: ["project"],
    task: ["task"],
    note: ["description"],
    hours: ["duration (decimal)"],
    billable: ["billable"],
  },
  {
    format: "toggl",
    name: "Toggl Track",
    signature: ["start date", "duration", "description"],
    date: ["start date"],
    person: ["user", "member"],
    project: ["project"],
    task: ["task"],
    note: ["description"],
    hours: ["duration"],
    billable: ["billable"],
  },
  {
    format: "kimai",
    name: "Kimai",
    signature: ["customer", "activity", "duration"],
    date: ["date"],
    person: ["user", "name"],
    project: ["project"],
    task: ["activity"],
    note: ["description"],
    hours: ["duration"],
    billable: ["billable"],
  },
];

/** The layout whose signature titles are all in the header, or undefined. */
export function detectFormat(header: readonly string[]): FormatLayout | undefined {
  const titles = new Set(header.map(title));
  return LAYOUTS.find((layout) => layout.signature.every((name) => titles.has(name)));
}

export function title(text: string): string {
  return text.replace(/^\uFEFF/, "").trim().toLowerCase();
}
