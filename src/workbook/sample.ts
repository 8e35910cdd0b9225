import { isoToSerial, minorUnitsOf, paperOf } from "../core";
import { DATE_FORMAT } from "./dates";
import { PERCENT_FORMAT, moneyFormat } from "./formats";
import { NAMES, type CellValue, type ColumnFormat, type SettingWrite, type WorkbookPort } from "./port";
import { DEFAULT_SETTINGS, SETTINGS, readSettings } from "./settings";

const day = isoToSerial;

/**
 * A realistic IT-services contract to try Interim in a minute: fixed-price milestones, a
 * time-and-materials line billed by the hour up to a cap, a change order, and software licences at
 * another tax rate. Its costs show the finance figures at once: an estimated cost per line
 * (150,000.00 in all, a margin of 33 %), the cost to date in step with each line's progress
 * (none over its estimate), and the planned completion of the lines still open.
 */
export const SAMPLE_MILESTONES: CellValue[][] = [
  ["Id", "Description", "Scheduled value", "% complete", "Hours to date", "Hourly rate", "Stored materials", "Change order", "Tax %", "Estimated cost", "Cost to date", "Planned completion", "Capped"],
  ["M1", "Discovery and requirements", 18000, 1, null, null, null, "no", null, 12000, 11800, null, "no"],
  ["M2", "Solution design", 24000, 0.6, null, null, null, "no", null, 16000, 9800, day("2026-10-30"), "no"],
  ["M3", "Build and integration", 96000, 0.25, null, null, null, "no", null, 64000, 17500, day("2027-01-29"), "no"],
  ["M4", "Testing and acceptance", 30000, 0, null, null, null, "no", null, 20000, null, day("2027-02-26"), "no"],
  ["M5", "Go-live and hypercare", 12000, 0, null, null, null, "no", null, 8000, null, day("2027-03-31"), "no"],
  ["T1", "Data migration support (time and materials, capped)", 15000, null, 42.5, 115, null, "no", null, 10500, 3400, day("2026-12-18"), "yes"],
  ["L1", "Software licences, first year", 20000, 1, null, null, null, "no", 0.09, 14000, 14000, null, "no"],
  ["CO1", "Change order 1: single sign-on", 9500, 0.4, null, null, null, "yes", null, 5500, 2200, day("2026-11-27"), "no"],
];

/**
 * How the sample's columns show, for amounts in a currency of `minorUnits`: percentages as %,
 * amounts and rates with separators and the minor units, hours to the hundredth; each column
 * wide enough for its header and its values.
 */
export function sampleColumns(minorUnits: number): ColumnFormat[] {
  const money = moneyFormat(minorUnits);
  const formats: Record<string, string | null> = {
    Id: null, Description: null, "Scheduled value": money, "% complete": PERCENT_FORMAT, "Hours to date": "#,##0.00",
    "Hourly rate": money, "Stored materials": money, "Change order": null, "Tax %": PERCENT_FORMAT,
    "Estimated cost": money, "Cost to date": money, "Planned completion": DATE_FORMAT, Capped: null,
  };
  return (SAMPLE_MILESTONES[0] as CellValue[]).map((header, c) => {
    const widest = Math.max(...SAMPLE_MILESTONES.map((row) => String(row[c] ?? "").length));
    const title = String(header);
    // A date shows as its ten characters, not as the day count it holds.
    const shown = formats[title] === money ? 14 : formats[title] === DATE_FORMAT ? DATE_FORMAT.length + 2 : widest + 2;
    return { numberFormat: formats[title] ?? null, width: Math.min(60, Math.max(title.length + 2, shown)) };
  });
}

export const SAMPLE_SETTINGS: Record<string, CellValue> = {
  ...DEFAULT_SETTINGS,
  "Supplier name": "Northwind Consulting Ltd",
  "Supplier street": "12 Harbour Street",
  "Supplier city": "Bristol",
  "Supplier post code": "BS1 4DJ",
  "Supplier country": "GB",
  "Supplier tax id": "GB123456789",
  "Supplier electronic address": "GB123456789",
  "Supplier electronic address scheme": "9932",
  "Supplier contact name": "Amelia Hart",
  "Supplier contact phone": "+44 117 496 0123",
  "Supplier contact email": "billing@northwind.example",
  // The IBAN Registry's example for the United Kingdom (SWIFT, ISO 13616): its checksum holds, and it is nobody's account.
  "Supplier IBAN": "GB29 NWBK 6016 1331 9268 19",
  "Supplier BIC": "NWBKGB2L",
  "Client name": "Contoso Logistics GmbH",
  "Client street": "Hafenstraße 8",
  "Client city": "Hamburg",
  "Client post code": "20457",
  "Client country": "DE",
  "Client tax id": "DE987654321",
  "Client electronic address": "DE987654321",
  "Client electronic address scheme": "9930",
  "Contract reference": "CT-2026-014",
  "Purchase order": "PO-88412",
  Currency: "EUR",
  "Retention rate": 0.05,
  "Tax rate": 0.19,
  "Payment terms (days)": 30,
  "Payment terms": "30 days net, by bank transfer to the account on file.",
  "Invoice prefix": "INV-",
  "Next invoice number": 1,
};

/** Excel's Text format: a post code or scheme typed as 01067 or 0088 keeps its zeros, instead of becoming a number. */
const TEXT_FORMAT = "@";

/** Settings rows in the order of SETTINGS, for a new settings table. */
export function settingsRows(values: Record<string, CellValue>): SettingWrite[] {
  return SETTINGS.map((spec) => {
    const numberFormat = spec.kind === "rate" ? PERCENT_FORMAT : spec.kind === "code" || spec.kind === "scheme" ? TEXT_FORMAT : undefined;
    return { key: spec.key, value: values[spec.key] ?? null, row: undefined, ...(numberFormat === undefined ? {} : { numberFormat }) };
  });
}

/**
 * The rate card of the sample billed from a timesheet: T1's consultants by role, by the hour, the
 * consultant's rate raised from 1 December 2026 (an entry is priced at the rate of its own date).
 */
export const SAMPLE_RATES: CellValue[][] = [
  ["Role", "Rate", "Per", "Valid from"],
  ["Consultant", 115, "hour", null],
  ["Consultant", 120, "hour", day("2026-12-01")],
  ["Senior consultant", 140, "hour", null],
];

export interface SampleOptions {
  /**
   * T1 billed from a timesheet: its hours and rate cells left blank (the Timesheet table, which
   * the first import creates, brings its hours) and a Rates table (SAMPLE_RATES) to price them.
   */
  timesheet?: boolean;
}

/**
 * Inserts the sample milestone table, and the contract settings and the empty billing log where
 * the workbook has none: one path for the task pane's "Insert sample milestone table" and for
 * `interim init`, so that either leaves a workbook whose every part a person can see and fill in
 * before the first invoice. A workbook's own settings and log are kept as they are.
 */
export async function insertSample(port: WorkbookPort, options: SampleOptions = {}): Promise<void> {
  const snapshot = await port.read(NAMES.milestones);
  // Formatted for the contract's currency: the workbook's own, else the sample's.
  const currency = readSettings(snapshot.settings).settings?.currency ?? String(SAMPLE_SETTINGS.Currency);
  const minorUnits = minorUnitsOf(currency) ?? 2;
  const milestones = options.timesheet === true ? SAMPLE_MILESTONES.map(withoutTypedHours) : SAMPLE_MILESTONES;
  await port.createMilestoneTable(NAMES.milestones, NAMES.milestones, milestones, sampleColumns(minorUnits), paperOf(currency));
  if (options.timesheet === true) await port.createMilestoneTable(NAMES.ratesTable, NAMES.ratesTable, SAMPLE_RATES, rateColumns(minorUnits), paperOf(currency));
  if (snapshot.settings === undefined) await port.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
  if (snapshot.invoices === undefined && snapshot.invoiceLines === undefined) await port.createBillingLog(currency);
}

const HEADERS = SAMPLE_MILESTONES[0] as CellValue[];

/** T1's row with its hours and rate blank: the timesheet gives its progress. */
function withoutTypedHours(row: CellValue[], index: number): CellValue[] {
  if (index === 0 || row[0] !== "T1") return row;
  return row.map((value, c) => (HEADERS[c] === "Hours to date" || HEADERS[c] === "Hourly rate" ? null : value));
}

function rateColumns(minorUnits: number): ColumnFormat[] {
  return [
    { numberFormat: null, width: 20 },
    { numberFormat: moneyFormat(minorUnits), width: 12 },
    { numberFormat: null, width: 8 },
    { numberFormat: DATE_FORMAT, width: DATE_FORMAT.length + 2 },
  ];
}
