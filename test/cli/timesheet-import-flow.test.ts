import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NAMES } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { MILESTONES, RATES } from "../support/timesheet-contract";
import { type CliRun, requireBuiltCli, runInterim } from "./run-cli";

/**
 * Issue 17's "done when", through the built command line: a month's Harvest export imported,
 * invoiced to the cent at the rate card's rates; the next month's export, which also holds a late
 * entry of the first month and one entry imported already, imported and invoiced: it bills exactly
 * the new hours, the late entry included and named, and nothing twice.
 *
 * The contract (test/support/timesheet-contract.ts): A1 architecture and D1 development billed
 * from the timesheet, F1 a fixed fee at 50 %; an architect's day 1,000.00 for 8 hours (125.00 an
 * hour), developers 95.00 an hour, 100.00 from 1 February, Ana Silva 110.00 an hour of her own;
 * retention 10 %, tax 20 % of the work billed, EUR.
 */
let workdir: string;
jest.setTimeout(180_000);

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

const HARVEST = "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL";
/** A row of a Harvest export; its own rates (the tool's defaults) are not what the contract bills. */
const row = (date: string, task: string, note: string, hours: string, billable: "Yes" | "No", first: string, last: string, role: string): string =>
  `${date},Northwind,Platform,PL-1,${task},${note},${hours},${hours},${billable},No,Yes,${first},${last},${role},Yes,150,0,60,0,Euro - EUR,`;

const JANUARY = [
  row("2027-01-05", "Architecture", "Context diagram", "7.5", "Yes", "Ben", "Okafor", "Architect"),
  row("2027-01-06", "Architecture", "Review", "3", "Yes", "Ben", "Okafor", "Architect"),
  row("2027-01-12", "Development", "API", "8", "Yes", "Ana", "Silva", "Developer"),
  row("2027-01-13", "Development", "API tests", "6.25", "Yes", "Carl", "Wu", "Developer"),
  row("2027-01-14", "Development", "Internal meeting", "2", "No", "Carl", "Wu", "Developer"),
];

/** February, exported from the 13th of January: one entry imported already, and a late one of January typed since. */
const FEBRUARY = [
  row("2027-01-13", "Development", "API tests", "6.25", "Yes", "Carl", "Wu", "Developer"),
  row("2027-02-10", "Development", "Reports", "8", "Yes", "Carl", "Wu", "Developer"),
  row("2027-02-11", "Architecture", "Data model", "4", "Yes", "Ben", "Okafor", "Architect"),
  row("2027-01-28", "Development", "Bug fix", "2", "Yes", "Carl", "Wu", "Developer"),
];

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-timesheet-flow-"));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** Each line's "This period" in the billing log, by invoice. */
async function billedByLine(file: string): Promise<Record<string, Record<string, unknown>>> {
  const lines = (await (await XlsxWorkbook.open(file)).read(NAMES.milestones)).invoiceLines?.values ?? [];
  const [header = [], ...rows] = lines;
  const [invoice, line, thisPeriod] = ["Invoice", "Line", "This period"].map((title) => header.indexOf(title)) as [number, number, number];
  const billed: Record<string, Record<string, unknown>> = {};
  for (const cells of rows) (billed[String(cells[invoice])] ??= {})[String(cells[line])] = cells[thisPeriod];
  return billed;
}

test("month 1 imported and invoiced at the rates; month 2 with a late entry of month 1: exactly the new hours, the late one named, nothing twice", async () => {
  const book = join(workdir, "contract.xlsx");
  const created = XlsxWorkbook.create(book);
  await created.createMilestoneTable(NAMES.milestones, NAMES.milestones, MILESTONES);
  await created.writeSettings(settingsRows({ ...SAMPLE_SETTINGS, "Retention rate": 0.1, "Tax rate": 0.2 }), true);
  await created.createBillingLog("EUR");
  await created.createMilestoneTable(NAMES.ratesTable, "Rates", RATES);
  await created.save();
  const january = join(workdir, "harvest-2027-01.csv");
  writeFileSync(january, [HARVEST, ...JANUARY, ""].join("\n"));
  const february = join(workdir, "harvest-2027-02.csv");
  writeFileSync(february, [HARVEST, ...FEBRUARY, ""].join("\n"));

  const first = interim("timesheet", "import", book, january, "--map", "Platform=D1", "--map", "Platform::Architecture=A1");
  expect(first).toMatchObject({ status: 0, stderr: "" });
  // A1: 7.5 + 3; D1: 8 + 6.25 + 2 (not billable, imported as such).
  expect(first.stdout).toContain("harvest-2027-01.csv (Harvest): 5 entries imported into the Timesheet table; A1 10.5 h, D1 16.25 h.\n");

  const invoice1 = interim("invoice", book, "--date", "2027-01-31", "--period-end", "2027-01-31", "--format", "csv");
  expect(invoice1).toMatchObject({ status: 0, stderr: "" });
  // A1: 10.5 h × 125.00 = 1,312.50. D1: Ana 8 h × 110.00 = 880.00, Carl 6.25 h × 95.00 = 593.75: 1,473.75.
  // F1: 50 % of 10,000.00 = 5,000.00. Work 7,786.25; retention 778.63 (778.625, half-up); payment due
  // 7,007.62; tax 20 % of 7,786.25 = 1,557.25; total due 8,564.87.
  expect(invoice1.stdout).toContain("INV-0001, total due 8564.87 EUR (payment due 7007.62)");
  expect(invoice1.stdout).toContain("  timesheet: 24.75 h this period, 4 entries billed for the first time.\n");
  expect((await billedByLine(book))["INV-0001"]).toEqual({ A1: 1312.5, D1: 1473.75, F1: 5000 });

  const second = interim("timesheet", "import", book, february);
  expect(second).toMatchObject({ status: 0, stderr: "" });
  expect(second.stdout).toContain("harvest-2027-02.csv (Harvest): 3 entries imported into the Timesheet table, 1 already there; A1 4 h, D1 10 h.\n");
  const timesheet = (await (await XlsxWorkbook.open(book)).read(NAMES.milestones)).timesheet?.values ?? [];
  expect(timesheet.map((cells) => cells[8])).toEqual([
    "Source", ...[2, 3, 4, 5, 6].map((line) => `harvest-2027-01.csv line ${line}`), ...[3, 4, 5].map((line) => `harvest-2027-02.csv line ${line}`),
  ]);

  const invoice2 = interim("invoice", book, "--date", "2027-02-28", "--period-end", "2027-02-28", "--format", "csv");
  expect(invoice2).toMatchObject({ status: 0, stderr: "" });
  // A1: 4 h × 125.00 = 500.00. D1: Carl 8 h × 100.00 (February's rate) = 800.00, and the late 2 h of
  // 28 January at January's 95.00 = 190.00: 990.00. F1 unchanged. Work 1,490.00; retention 149.00;
  // payment due 1,341.00; tax 298.00; total due 1,639.00.
  expect(invoice2.stdout).toContain("INV-0002, total due 1639.00 EUR (payment due 1341.00)");
  expect(invoice2.stdout).toContain("  timesheet: 14.00 h this period, 3 entries billed for the first time, 1 of them late.\n");
  expect(invoice2.stdout).toContain("  late entry, billed now: 2027-01-28 Carl Wu, line D1, 2 h (Bug fix), row 9 of the timesheet.\n");
  expect((await billedByLine(book))["INV-0002"]).toEqual({ A1: 500, D1: 990, F1: 0 });

  // Both exports again: nothing new, and the next invoice has no hours to bill.
  for (const file of [january, february]) expect(interim("timesheet", "import", book, file).stdout).toMatch(/: nothing new; its \d entries are already in the Timesheet table\.\n/);
  const march = interim("invoice", book, "--date", "2027-03-31", "--period-end", "2027-03-31", "--dry-run", "--allow-zero");
  expect(march).toMatchObject({ status: 0 });
  expect(march.stdout).toContain("  timesheet: 0.00 h this period, 0 entries billed for the first time.\n");
});
