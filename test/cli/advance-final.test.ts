import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { pdfText } from "../export/tools";
import { editXlsx, loadXlsx } from "../support/exceljs-file";
import { ADVANCE_DATE, FINAL, PROGRESS, advanceContract } from "../support/advance-contract";
import { ROOT, runInterim } from "./run-cli";

/**
 * The worked example (test/core/worked/advance-and-final-invoices.test.ts) in an .xlsx through
 * the command line: interim advance, three interim invoice, interim invoice --final, each
 * e-invoice checked by the validators. The command line runs from its sources, as the bench runs it.
 */
const interim = (...args: string[]) => runInterim(args, { script: join(ROOT, "src/cli/interim.ts"), nodeArgs: ["--import", "tsx"], timeout: 120_000 });
const VALIDATE = join(ROOT, "../shared/einvoice-validate/validate.sh");

let workdir: string;
beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "interim-advance-"));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));
jest.setTimeout(600_000);

function expectValid(file: string, xrechnung = false): void {
  const run = spawnSync(VALIDATE, [...(xrechnung ? ["--xrechnung"] : []), file], { encoding: "utf8", timeout: 120_000 });
  const fatal = `${run.stdout}${run.stderr}`.split("\n").filter((line) => / fatal /.test(line) && !(xrechnung && line.startsWith("PEPPOL fatal PEPPOL-EN16931-R004 ")));
  expect({ file, fatal }).toEqual({ file, fatal: [] });
}

async function setProgress(file: string, percent: Record<string, number>): Promise<void> {
  writeFileSync(file, await editXlsx(readFileSync(file), (workbook) => workbook.getWorksheet("Milestones")?.eachRow((row) => {
    const id = row.getCell(1).value;
    const value = typeof id === "string" ? percent[id] : undefined;
    if (value !== undefined) row.getCell(4).value = value;
  })));
}

test("interim advance, three progress invoices and interim invoice --final, in an .xlsx", async () => {
  const file = join(workdir, "contract.xlsx");
  const created = XlsxWorkbook.create();
  await advanceContract(created);
  writeFileSync(file, await created.toBuffer());
  const out = join(workdir, "out");

  const dry = interim("advance", file, "--date", ADVANCE_DATE, "--dry-run");
  expect(dry).toMatchObject({ status: 0, stderr: "" });
  expect(dry.stdout).toContain("ADVANCE INVOICE INV-0001  2026-07-01  due 2026-07-31");
  expect(dry.stdout).toMatch(/Total due \(EUR\)\s+35700\.00/);

  const advance = interim("advance", file, "--date", ADVANCE_DATE, "--format", "pdf,xml,xrechnung", "--out", out);
  expect(advance).toMatchObject({ status: 0, stderr: "" });
  expect(advance.stdout).toContain("INV-0001, advance invoice, total due 35700.00 EUR (advance 30000.00, tax 5700.00)");
  expect(readFileSync(join(out, "INV-0001.xml"), "utf8")).toContain("<cbc:InvoiceTypeCode>386</cbc:InvoiceTypeCode>");
  expectValid(join(out, "INV-0001.xml"));
  expectValid(join(out, "INV-0001.xrechnung.xml"), true);
  expect(pdfText(join(out, "INV-0001.pdf"))).toMatch(/Tax at 19% on 30,000\.00\s+5,700\.00/);

  // Only one advance invoice in force.
  const again = interim("advance", file, "--date", "2026-07-02");
  expect(again.status).toBe(2);
  expect(again.stderr).toMatch(/Contract!B\d+: INV-0001 already invoices the advance/);

  const totals = ["126049.37", "60503.70", "80041.36"];
  for (const [i, step] of PROGRESS.entries()) {
    await setProgress(file, step.percent);
    const run = interim("invoice", file, "--date", step.date, "--format", "xml", "--out", out);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toContain(`INV-000${i + 2}, total due ${totals[i]} EUR`);
    expectValid(join(out, `INV-000${i + 2}.xml`));
  }
  expect(readFileSync(join(out, "INV-0002.xml"), "utf8")).toMatch(/<cbc:ID>ADV-19<\/cbc:ID>/);

  await setProgress(file, FINAL.percent);
  // Every line complete: a plain invoice says the final invoice may follow; nothing is written by a dry run.
  const suggested = interim("invoice", file, "--date", FINAL.date, "--dry-run");
  expect(suggested.stdout).toContain(`every line is complete: the final invoice (interim invoice ${file} --final)`);

  const final = interim("invoice", file, "--date", FINAL.date, "--final", "--format", "pdf,xml,xrechnung,csv", "--out", out);
  expect(final).toMatchObject({ status: 0, stderr: "" });
  expect(final.stdout).toContain("INV-0005, final invoice, total due 39705.57 EUR (payment due 33055.57)");
  expectValid(join(out, "INV-0005.xml"));
  expectValid(join(out, "INV-0005.xrechnung.xml"), true);
  const text = pdfText(join(out, "INV-0005.pdf"));
  for (const line of [/FINAL INVOICE/, /Total contract price including VAT\s+357,000\.00/, /INV-0001\s+2026-07-01\s+30,000\.00\s+5,700\.00/, /Less VAT already invoiced at 19%\s+-50,350\.00/, /Balance due \(EUR\)\s+39,705\.57/]) {
    expect(text).toMatch(line);
  }
  expect(readdirSync(out).sort()).toEqual([
    "INV-0001.pdf", "INV-0001.xml", "INV-0001.xrechnung.xml", "INV-0002.xml", "INV-0003.xml", "INV-0004.xml",
    "INV-0005.csv", "INV-0005.pdf", "INV-0005.xml", "INV-0005.xrechnung.xml",
  ]);

  // The billing log in the file, as exceljs reads it: the kinds, and the advance invoice's net per rate.
  const workbook = await loadXlsx(readFileSync(file));
  const log = workbook.getWorksheet("Billing log")!;
  const kinds: string[] = [];
  log.eachRow((row) => {
    const kind = row.getCell(2).value;
    if (typeof kind === "string" && / invoice$|^invoice$/.test(kind) && row.getCell(1).value !== "Invoice") kinds.push(kind);
  });
  expect(kinds).toEqual(["advance invoice", "invoice", "invoice", "invoice", "final invoice"]);

  const second = interim("invoice", file, "--date", "2026-12-31", "--final");
  expect(second.status).toBe(2);
  expect(second.stderr).toMatch(/INV-0005 is the contract's final invoice and is in force/);
});

test("interim advance --help, and a workbook without an advance", async () => {
  expect(interim("advance", "--help").stdout).toMatch(/^interim advance BOOK\.xlsx/);
  const file = join(workdir, "no-advance.xlsx");
  const created = XlsxWorkbook.create();
  await advanceContract(created, { "Advance payment": null });
  writeFileSync(file, await created.toBuffer());
  const before = readFileSync(file);
  const run = interim("advance", file, "--date", ADVANCE_DATE);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/Advance payment is blank/);
  expect(readFileSync(file).equals(before)).toBe(true);
});
