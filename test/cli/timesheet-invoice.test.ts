import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NAMES } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { editXlsx } from "../support/exceljs-file";
import { FEBRUARY, JANUARY, contract } from "../support/timesheet-contract";
import { ROOT, runInterim } from "./run-cli";

/** The command line from its sources, as the bench runs it: no build needed. */
const invoice = (...args: string[]) => runInterim(["invoice", ...args], { script: join(ROOT, "src/cli/interim.ts"), nodeArgs: ["--import", "tsx"] });

/**
 * `interim invoice` on a workbook with a Timesheet table: it says how many hours and entries the
 * invoice billed from it, and names each late entry, billed now.
 */
let workdir: string;
beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "interim-timesheet-"));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

jest.setTimeout(120_000);

test("January, then February with a late entry of January: the hours billed and the late entry named", async () => {
  const file = join(workdir, "contract.xlsx");
  const created = XlsxWorkbook.create();
  await contract(created, JANUARY);
  writeFileSync(file, await created.toBuffer());

  const first = invoice(file, "--date", "2027-01-31", "--period-end", "2027-01-31", "--format", "csv");
  expect(first).toMatchObject({ stderr: "", status: 0 });
  expect(first.stdout).toContain("INV-0001, total due 8762.87 EUR (payment due 7169.62)");
  expect(first.stdout).toContain("  timesheet: 26.25 h this period, 5 entries billed for the first time.\n");

  writeFileSync(file, await editXlsx(readFileSync(file), (workbook) => {
    const sheet = workbook.getWorksheet("Timesheet")!;
    // exceljs's typings leave out the table model it reads and writes.
    const { table } = (sheet as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables[NAMES.timesheetTable]!;
    FEBRUARY.forEach((row, r) => row.forEach((value, c) => (sheet.getCell(9 + r, 1 + c).value = value)));
    table.tableRef = table.tableRef.replace(/\d+$/, String(8 + FEBRUARY.length));
  }));
  const dry = invoice(file, "--date", "2027-02-28", "--period-end", "2027-02-28", "--dry-run");
  expect(dry.stdout).toContain("  timesheet: 18.00 h this period, 4 entries billed for the first time, 1 of them late.\n");
  expect(dry.stdout).toContain("  late entry, billed now: 2027-01-28 Carl Wu, line D1, 2 h (Bug fix), row 11 of the timesheet.\n");
  const second = invoice(file, "--date", "2027-02-28", "--period-end", "2027-02-28", "--format", "csv");
  // The hours alone (F1 stays at 50 %): 500.00 + 1430.00 = 1930.00; line 6 = 9896.25 − 989.63 = 8906.62, less 7169.62 = 1737.00; tax 386.00.
  expect(second.stdout).toContain("INV-0002, total due 2123.00 EUR (payment due 1737.00)");
  expect(second.stdout).toContain("  timesheet: 18.00 h this period, 4 entries billed for the first time, 1 of them late.\n");
});
