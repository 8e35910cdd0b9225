import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dec, groupDigits } from "../../src/core";
import { parseAmountOption } from "../../src/cli/amount-option";
import { NAMES, PAYMENT_HEADERS } from "../../src/workbook/port";
import { editXlsx, loadXlsx } from "../support/exceljs-file";
import { type CliRun, requireBuiltCli, runInterim } from "./run-cli";

/**
 * `interim payment` through the built command line, on a workbook made by `interim init` with
 * its first invoice issued by `interim invoice`: what it writes, read back with exceljs, and
 * what it refuses, leaving the file as it was, byte for byte.
 */
let workdir: string;
let issued: string;
/** INV-0001's total due, as `interim invoice` printed it. */
let totalDue: string;
jest.setTimeout(120_000);

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-payment-"));
  issued = join(workdir, "issued.xlsx");
  expect(interim("init", issued).status).toBe(0);
  const invoice = interim("invoice", issued, "--date", "2026-11-30");
  expect(invoice.status).toBe(0);
  totalDue = /INV-0001, total due ([\d.]+) EUR/.exec(invoice.stdout)?.[1] ?? "";
  expect(totalDue).toMatch(/^\d+\.\d\d$/);
});

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

function copy(): string {
  const file = join(mkdtempSync(join(workdir, "case-")), "contract.xlsx");
  copyFileSync(issued, file);
  return file;
}

/** The Payments table's rows as exceljs reads them (the header first). */
async function paymentRows(file: string): Promise<unknown[][]> {
  const workbook = await loadXlsx(readFileSync(file));
  const sheet = workbook.getWorksheet(NAMES.paymentsSheet);
  if (sheet === undefined) return [];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const less = (a: string, b: string): string => new Dec(a).minus(b).toFixed(2);

describe("interim payment", () => {
  test("records the payment into a new Payments table, keeps a .bak, and prints the invoice's state after it", async () => {
    const file = copy();
    const before = readFileSync(file);
    const run = interim("payment", file, "--invoice", "INV-0001", "--amount", "1000", "--date", "2026-12-15", "--reference", "BANK-7731");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [recorded, state] = run.stdout.trim().split("\n");
    expect(recorded).toBe(`${file}: recorded a payment of 1,000.00 EUR against INV-0001 on 2026-12-15 (reference BANK-7731); written, previous version kept as contract.xlsx.bak.`);
    expect(state).toBe(`INV-0001: 1,000.00 of ${groupDigits(totalDue)} paid, ${groupDigits(less(totalDue, "1000"))} outstanding, due 2026-12-30`);
    expect(readFileSync(`${file}.bak`).equals(before)).toBe(true);

    const workbook = await loadXlsx(readFileSync(file));
    const sheet = workbook.getWorksheet(NAMES.paymentsSheet);
    const table = (sheet as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> } | undefined)?.tables;
    expect(Object.values(table ?? {}).map((t) => t.table.name)).toEqual([NAMES.paymentsTable]);
    const rows = await paymentRows(file);
    expect(rows[0]).toEqual([...PAYMENT_HEADERS]);
    const [date, document, amount, , reference] = rows[1] ?? [];
    expect(date).toEqual(new Date("2026-12-15T00:00:00Z"));
    expect([document, amount, reference]).toEqual(["INV-0001", 1000, "BANK-7731"]);
    expect(sheet?.getCell("C2").numFmt).toBe("#,##0.00");

    // A second payment settles it; the rows add up; a refund is a negative amount.
    const rest = interim("payment", file, "--invoice", "INV-0001", "--amount", less(totalDue, "1000"), "--date", "2026-12-20");
    expect(rest.status).toBe(0);
    expect(rest.stdout).toMatch(new RegExp(`^INV-0001: ${groupDigits(totalDue).replace(/\./g, "\\.")} of ${groupDigits(totalDue).replace(/\./g, "\\.")} paid, 0\\.00 outstanding, paid in full$`, "m"));
    const refund = interim("payment", file, "--invoice", "INV-0001", "--amount", "-200", "--date", "2026-12-22", "--reference", "refund");
    expect(refund.status).toBe(0);
    expect(refund.stdout).toMatch(/recorded a refund of 200\.00 EUR against INV-0001 on 2026-12-22 \(reference refund\)/);
    expect(refund.stdout).toMatch(/^INV-0001: [\d,.]+ of [\d,.]+ paid, 200\.00 outstanding, due 2026-12-30$/m);
    expect((await paymentRows(file)).slice(1).map((row) => row[2])).toEqual([1000, Number(less(totalDue, "1000")), -200]);
  });

  test("a payment after the due date says how late it is; --dry-run writes nothing", () => {
    const file = copy();
    const before = readFileSync(file);
    const run = interim("payment", file, "--invoice", "INV-0001", "--amount", "1,000.50", "--date", "2027-01-09", "--dry-run");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/would record a payment of 1,000\.50 EUR against INV-0001 on 2027-01-09\./);
    expect(run.stdout).toMatch(/outstanding, due 2026-12-30, 10 days overdue$/m);
    expect(run.stdout).toMatch(/\(dry run: .* was not changed\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  test.each([
    ["an unknown document", ["--invoice", "INV-0099", "--amount", "100", "--date", "2026-12-15"], /INV-0099/],
    ["a payment before its invoice", ["--invoice", "INV-0001", "--amount", "100", "--date", "2026-11-01"], /2026-11-01/],
    ["a payment above the amount due", ["--invoice", "INV-0001", "--amount", "999999", "--date", "2026-12-15"], /999999|999,999/],
    ["another currency", ["--invoice", "INV-0001", "--amount", "100", "--date", "2026-12-15", "--currency", "USD"], /USD/],
  ])("%s is refused with its problem, exit 2, and the file is left byte for byte", (_name, args, words) => {
    const file = copy();
    const before = readFileSync(file);
    const run = interim("payment", file, ...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/problem\(s\); nothing was written\./);
    expect(run.stderr).toMatch(words);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  test("a payment the Payments table already makes too much: the problem names the table's cell", async () => {
    const file = copy();
    expect(interim("payment", file, "--invoice", "INV-0001", "--amount", "1000", "--date", "2026-12-15").status).toBe(0);
    // The row typed over by hand: against a document that does not exist.
    writeFileSync(file, await editXlsx(readFileSync(file), (workbook) => {
      workbook.getWorksheet(NAMES.paymentsSheet)!.getCell("B2").value = "INV-0042";
    }));
    const before = readFileSync(file);
    const run = interim("payment", file, "--invoice", "INV-0001", "--amount", "10", "--date", "2026-12-16");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ {2}Payments!B2: .*INV-0042/m);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test("amounts that read two ways, and options missing or wrong, are refused before the workbook is opened", () => {
    const file = copy();
    const before = readFileSync(file);
    const ambiguous = interim("payment", file, "--invoice", "INV-0001", "--amount", "1,000");
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/^interim payment: --amount 1,000 reads two ways: 1000 with "," separating thousands, or 1 with "," as the decimal mark; type 1000 or 1\./);
    expect(interim("payment", file, "--amount", "10").stderr).toMatch(/--invoice names the invoice paid/);
    expect(interim("payment", file, "--invoice", "INV-0001").stderr).toMatch(/--amount gives the amount paid/);
    expect(interim("payment", file, "--invoice", "INV-0001", "--amount", "10", "--date", "2026-13-01").status).toBe(2);
    expect(interim("payment", file, "--invoice", "INV-0001", "--amount", "€10").stderr).toMatch(/--amount must be an amount such as 1000, 1000\.50 or -200 \(a refund\), not "€10"/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test("a read-only workbook is refused, as interim invoice refuses it", () => {
    const file = copy();
    chmodSync(file, 0o444);
    const run = interim("payment", file, "--invoice", "INV-0001", "--amount", "10", "--date", "2026-12-15");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/is read-only, so Interim leaves it as it is/);
  });
});

describe("the help", () => {
  test("interim --help lists payment and report; each explains itself, its amounts and its exit status", () => {
    const help = interim("--help");
    expect(help.stdout).toMatch(/^ {2}payment +record a payment received against an invoice of a workbook$/m);
    expect(help.stdout).toMatch(/^ {2}report +receivables, aging, WIP and margin of a workbook \(or of every workbook in a folder\)$/m);
    const payment = interim("payment", "--help");
    expect(payment.status).toBe(0);
    expect(payment.stdout).toMatch(/^interim payment BOOK\.xlsx --invoice NUMBER --amount AMOUNT/);
    expect(payment.stdout).toMatch(/One separator before exactly three digits \(1,000 or 1\.500\) is refused/);
    expect(payment.stdout).toMatch(/Exit status: 0 done; 2 bad input/);
    const report = interim("report", "--help");
    expect(report.stdout).toMatch(/^interim report BOOK\.xlsx\|FOLDER \[--as-of D\] \[--json\] \[--format xlsx,csv,pdf\] \[--out DIR\] \[--table NAME\]/);
    expect(report.stdout).toMatch(/Exit status: 0 every workbook reported; 2 bad input/);
  });
});

describe("the amount as typed", () => {
  test.each([
    ["1000", "1000"], ["1000.50", "1000.50"], ["-200", "-200"], ["+75", "75"], ["1,000.50", "1000.50"], ["1,000,000", "1000000"],
    ["1.000,50", "1000.50"], ["12,5", "12.5"], [" 300 ", "300"],
  ])("%s is %s", (typed, amount) => {
    expect(parseAmountOption("amount", typed)).toEqual({ amount });
  });

  test.each(["1,000", "1.500", "-2,500", "1e3", "EUR 10", "10 000", "", "ten", "0x10"])("%s is refused", (typed) => {
    expect(parseAmountOption("amount", typed)).toHaveProperty("error");
  });
});
