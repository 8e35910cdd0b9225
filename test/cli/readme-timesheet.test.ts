import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";

/**
 * The README's timesheet walk-through, command for command, on the example exports it names
 * (examples/timesheets): the sample billed from a timesheet, November imported (its project
 * mapped once), previewed and invoiced, then December's export, which repeats an entry of
 * November and holds a late one, invoiced for exactly the new hours.
 *
 * The Rates table of `interim init --timesheet`: Consultant 115.00 an hour, 120.00 from
 * 2026-12-01; Senior consultant 140.00. Retention 5 %, tax 19 %.
 */
let workdir: string;
jest.setTimeout(180_000);

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });
const example = (name: string): string => join(ROOT, "examples", "timesheets", name);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-readme-timesheet-"));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

test("the README's walk-through: November billed at the rates, December exactly its new hours and the late one", () => {
  expect(interim("init", "consultancy.xlsx", "--timesheet")).toMatchObject({ status: 0, stderr: "" });

  const unmapped = interim("timesheet", "import", "consultancy.xlsx", example("harvest-2026-11.csv"));
  expect(unmapped.status).toBe(2);
  expect(unmapped.stderr).toContain('map it: --map "Contoso data migration::Migration=LINE"  (5 rows, 30 h)');
  expect(unmapped.stderr).toContain('or all of Contoso data migration: --map "Contoso data migration=LINE"');

  const november = interim("timesheet", "import", "consultancy.xlsx", example("harvest-2026-11.csv"), "--map", "Contoso data migration=T1");
  expect(november).toMatchObject({ status: 0, stderr: "" });
  expect(november.stdout).toContain("harvest-2026-11.csv (Harvest): 6 entries imported into the Timesheet table; T1 31 h.\n");

  // Priya 7.5 + 6 + 5.5 h and Lena 8 h at 115.00 = 3,105.00; Tom 3 h at 140.00 = 420.00; Lena's
  // hour of project management is not billable: T1 bills 3,525.00 for 30 h.
  const preview = interim("invoice", "consultancy.xlsx", "--date", "2026-11-30", "--dry-run");
  expect(preview.status).toBe(0);
  expect(preview.stdout).toMatch(/^T1 +15000\.00 +0\.00 +3525\.00 +3525\.00 +176\.25$/m);
  expect(preview.stdout).toContain("  timesheet: 30.00 h this period, 5 entries billed for the first time.\n");

  const first = interim("invoice", "consultancy.xlsx", "--date", "2026-11-30");
  expect(first).toMatchObject({ status: 0, stderr: "" });
  expect(first.stdout).toContain("INV-0001, total due 93446.50 EUR (payment due 79538.75)");

  const december = interim("timesheet", "import", "consultancy.xlsx", example("harvest-2026-12.csv"));
  expect(december).toMatchObject({ status: 0, stderr: "" });
  expect(december.stdout).toContain("harvest-2026-12.csv (Harvest): 5 entries imported into the Timesheet table, 1 already there; T1 22.5 h.\n");

  // Lena's late 4 h of 27 November at November's 115.00 = 460.00; Priya 7.5 + 8 h at December's
  // 120.00 = 1,860.00; Tom 2 h at 140.00 = 280.00: 2,600.00 for 21.5 h. Retention 130.00, payment
  // due 2,470.00, tax 19 % of 2,600.00 = 494.00, total due 2,964.00. No other line moved.
  const second = interim("invoice", "consultancy.xlsx", "--date", "2026-12-31");
  expect(second).toMatchObject({ status: 0, stderr: "" });
  expect(second.stdout).toContain("INV-0002, total due 2964.00 EUR (payment due 2470.00)");
  expect(second.stdout).toContain("  timesheet: 21.50 h this period, 4 entries billed for the first time, 1 of them late.\n");
  expect(second.stdout).toContain("  late entry, billed now: 2026-11-27 Lena Fischer, line T1, 4 h (Reconciliation report), row 8 of the timesheet.\n");

  expect(interim("timesheet", "import", "consultancy.xlsx", example("harvest-2026-12.csv")).stdout).toContain("nothing new");
});
