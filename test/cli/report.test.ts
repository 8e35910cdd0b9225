import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dec } from "../../src/core";
import { NAMES } from "../../src/workbook/port";
import { parseCsv, pdfInfo, pdfText, tool } from "../export/tools";
import { editXlsx, loadXlsx } from "../support/exceljs-file";
import { LibreOffice } from "./libreoffice";
import { ROOT, type CliRun, requireBuiltCli, runInterim } from "./run-cli";

/**
 * `interim report` through the built command line, over a folder of workbooks made by
 * `interim init`, billed by `interim invoice` and paid by `interim payment`: two contracts in
 * EUR, one in USD and one whose Payments table names an invoice that does not exist. The
 * figures expected are worked out here from what the invoices printed, as of 2026-12-31.
 */
let workdir: string;
let folder: string;
/** Each invoice's total due, as `interim invoice` printed it. */
const due: Record<string, string> = {};
jest.setTimeout(300_000);

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

async function edit(file: string, change: (workbook: Awaited<ReturnType<typeof loadXlsx>>) => void): Promise<void> {
  writeFileSync(file, await editXlsx(readFileSync(file), change));
}

function invoice(file: string, date: string, key: string): void {
  const run = interim("invoice", file, "--date", date);
  expect(run.stderr).toBe("");
  due[key] = /total due ([\d.]+) [A-Z]{3}/.exec(run.stdout)?.[1] ?? "";
}

function pay(file: string, invoiceNumber: string, amount: string, date: string): void {
  const run = interim("payment", file, "--invoice", invoiceNumber, "--amount", amount, "--date", date);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
}

const add = (...amounts: string[]): string => amounts.reduce((sum, a) => sum.plus(a), new Dec(0)).toFixed(2);
const less = (a: string, b: string): string => new Dec(a).minus(b).toFixed(2);

beforeAll(async () => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-report-"));
  folder = join(workdir, "contracts");
  mkdirSync(folder);
  const [a, b, c, d] = ["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"].map((name) => join(folder, name)) as [string, string, string, string];
  for (const file of [a, b, c, d]) expect(interim("init", file).status).toBe(0);
  // a (EUR): INV-0001 paid in full; INV-0002 a day overdue on 2026-12-31, 1,000.00 paid.
  invoice(a, "2026-10-31", "a1");
  pay(a, "INV-0001", due.a1 ?? "", "2026-11-20");
  await edit(a, (workbook) => (workbook.getWorksheet(NAMES.milestones)!.getCell("D4").value = 0.5));
  invoice(a, "2026-11-30", "a2");
  pay(a, "INV-0002", "1000", "2026-12-10");
  // b (EUR): INV-0001 due 2026-10-30, nothing paid: 62 days overdue.
  invoice(b, "2026-09-30", "b1");
  // c (USD): INV-0001 not yet due, 500.00 paid.
  await edit(c, (workbook) => workbook.getWorksheet(NAMES.settingsSheet)?.eachRow((row) => {
    if (row.getCell(1).value === "Currency") row.getCell(2).value = "USD";
  }));
  invoice(c, "2026-12-15", "c1");
  pay(c, "INV-0001", "500", "2026-12-20");
  // d: a payment row typed over by hand, against a document that does not exist.
  invoice(d, "2026-11-30", "d1");
  pay(d, "INV-0001", "10", "2026-12-01");
  await edit(d, (workbook) => (workbook.getWorksheet(NAMES.paymentsSheet)!.getCell("B2").value = "INV-0099"));
}, 600_000);

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

interface ContractJson {
  file: string;
  currency: string;
  invoices: { number: string; dueDate: string; amountDue: string; paid: string; outstanding: string; daysOverdue: number; bucket: string }[];
  [field: string]: unknown;
}
interface ReportJson {
  asOf: string;
  contracts: ContractJson[];
  totals: Record<string, unknown>[];
  failures: { file: string; problems: { code: string; message: string; sheet: string | null; cell: string | null }[] }[];
}

/** Every file of a folder with its bytes and time, to prove a run changed nothing. */
function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, `${statSync(join(dir, name)).mtimeMs}:${readFileSync(join(dir, name)).toString("base64")}`]));
}

describe("interim report --json over a folder", () => {
  let run: CliRun;
  let json: ReportJson;
  let before: Map<string, string>;

  beforeAll(() => {
    before = snapshot(folder);
    run = interim("report", folder, "--as-of", "2026-12-31", "--json");
    json = JSON.parse(run.stdout) as ReportJson;
  });

  test("every workbook read, the broken one listed with its problem at its cell, and exit 2", () => {
    expect(run.status).toBe(2);
    expect(json.asOf).toBe("2026-12-31");
    expect(json.contracts.map((c) => [c.file, c.contract, c.client, c.currency])).toEqual([
      ["a.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "EUR"],
      ["b.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "EUR"],
      ["c.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "USD"],
    ]);
    expect(json.failures).toEqual([{ file: "d.xlsx", problems: [expect.objectContaining({ code: "UNKNOWN_DOCUMENT", sheet: "Payments", cell: "B2" })] }]);
    expect(json.failures[0]?.problems[0]?.message).toMatch(/INV-0099/);
    expect(run.stderr).toMatch(/d\.xlsx: 1 problem\(s\); not in the report\.\n {2}Payments!B2: .*INV-0099/);
  });

  test("receivables and aging of each contract, as worked out from the invoices printed", () => {
    const [a, b, c] = json.contracts as [ContractJson, ContractJson, ContractJson];
    expect(a.invoices).toEqual([
      { number: "INV-0001", invoiceDate: "2026-10-31", dueDate: "2026-11-30", amountDue: due.a1, paid: due.a1, outstanding: "0.00", daysOverdue: 0, bucket: "current" },
      { number: "INV-0002", invoiceDate: "2026-11-30", dueDate: "2026-12-30", amountDue: due.a2, paid: "1000.00", outstanding: less(due.a2 ?? "", "1000"), daysOverdue: 1, bucket: "1-30" },
    ]);
    expect(a).toMatchObject({ billedToDate: "109087.50", invoicedToDate: add(due.a1 ?? "", due.a2 ?? ""), paidToDate: add(due.a1 ?? "", "1000"), overdue: less(due.a2 ?? "", "1000") });
    expect(b.invoices[0]).toMatchObject({ dueDate: "2026-10-30", daysOverdue: 62, bucket: "61-90", outstanding: due.b1 });
    expect(b).toMatchObject({ billedToDate: "85087.50", aging: { current: "0.00", "1-30": "0.00", "31-60": "0.00", "61-90": due.b1, "over-90": "0.00" } });
    expect(c).toMatchObject({ billedToDate: "85087.50", paidToDate: "500.00", outstanding: less(due.c1 ?? "", "500"), overdue: "0.00" });
    expect(c.invoices[0]).toMatchObject({ dueDate: "2027-01-14", daysOverdue: 0, bucket: "current" });
  });

  test("totals per currency, amounts never added across currencies", () => {
    const [a, b, c] = json.contracts as [ContractJson, ContractJson, ContractJson];
    expect(json.totals.map((t) => [t.currency, t.contracts])).toEqual([["EUR", 2], ["USD", 1]]);
    const [eur, usd] = json.totals as [Record<string, unknown>, Record<string, unknown>];
    expect(eur).toMatchObject({
      billedToDate: "194175.00",
      invoicedToDate: add(due.a1 ?? "", due.a2 ?? "", due.b1 ?? ""),
      paidToDate: add(due.a1 ?? "", "1000"),
      outstanding: add(less(due.a2 ?? "", "1000"), due.b1 ?? ""),
      overdue: add(less(due.a2 ?? "", "1000"), due.b1 ?? ""),
      aging: { current: "0.00", "1-30": less(due.a2 ?? "", "1000"), "31-60": "0.00", "61-90": due.b1, "over-90": "0.00" },
    });
    expect(usd).toMatchObject({ billedToDate: "85087.50", invoicedToDate: due.c1, paidToDate: "500.00", outstanding: less(due.c1 ?? "", "500") });
    // Every amount of a currency's total is the sum of its contracts' (null where none has it).
    for (const [field, value] of Object.entries(eur)) {
      if (field === "currency" || field === "contracts" || field === "aging") continue;
      const sum = [a[field], b[field]].filter((v): v is string => typeof v === "string");
      expect([field, value]).toEqual([field, sum.length === 0 ? null : add(...sum)]);
      expect([field, usd[field]]).toEqual([field, c[field]]);
    }
  });

  test("reads only: no workbook written, no lock taken, no backup made", () => {
    expect(snapshot(folder)).toEqual(before);
  });
});

describe("interim report as text, and its files", () => {
  test("each contract's figures, the WIP schedule, the aging report and the totals per currency", () => {
    const run = interim("report", folder, "--as-of", "2026-12-31");
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^Financial report as of 2026-12-31: 3 of 4 workbooks read\.$/m);
    expect(run.stdout).toMatch(/^a\.xlsx: contract CT-2026-014, Contoso Logistics GmbH, in EUR$/m);
    expect(run.stdout).toMatch(/^ {4}INV-0001 {2}due 2026-10-30 {2}62 days overdue {2}[\d,.]+ outstanding$/m);
    expect(run.stdout).toMatch(/^WIP schedule as of 2026-12-31$/m);
    expect(run.stdout).toMatch(/^Aging of receivables as of 2026-12-31$/m);
    expect(run.stdout).toMatch(/^Total EUR \(2 contracts\) +EUR +[\d,.]+/m);
    expect(run.stdout).toMatch(/^USD +1 +[\d,.]+ +85,087\.50 /m);
    expect(run.stdout).toMatch(/^Not in this report \(each problem is listed on standard error\): d\.xlsx\.$/m);
    expect(run.stderr).toMatch(/Payments!B2/);
  });

  test("--format xlsx,csv,pdf: a workbook exceljs and LibreOffice open, CSV that parses back, a PDF that reads", async () => {
    const out = join(workdir, "out");
    const run = interim("report", folder, "--as-of", "2026-12-31", "--format", "xlsx,csv,pdf", "--out", out);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(new RegExp(`Report; exported interim-report-2026-12-31\\.xlsx, interim-report-2026-12-31-wip\\.csv, interim-report-2026-12-31-aging\\.csv, interim-report-2026-12-31\\.pdf to ${out}\\.\\n$`));
    expect(readdirSync(out).sort()).toEqual(["interim-report-2026-12-31-aging.csv", "interim-report-2026-12-31-wip.csv", "interim-report-2026-12-31.pdf", "interim-report-2026-12-31.xlsx"]);
    const json = JSON.parse(interim("report", folder, "--as-of", "2026-12-31", "--json").stdout) as ReportJson;
    const eur = json.totals[0] as Record<string, string>;

    const workbook = await loadXlsx(readFileSync(join(out, "interim-report-2026-12-31.xlsx")));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["WIP schedule", "Aging", "Invoices"]);
    const wip = workbook.getWorksheet("WIP schedule")!;
    expect(wip.getCell("A4").value).toBe("a.xlsx");
    expect(wip.getCell("J4").value).toBe(109087.5);
    expect(wip.getCell("J7").value).toEqual({ formula: 'SUMIF($D$4:$D$6,"EUR",J$4:J$6)', result: 194175 });
    const sheets = new LibreOffice(workdir).sheets(join(out, "interim-report-2026-12-31.xlsx"));
    expect(sheets.get("Aging")?.[6]?.slice(0, 4)).toEqual(["Total EUR (2 contracts)", "", "", "EUR"]);
    expect(sheets.get("Aging")?.[6]?.[9]).toBe(String(Number(eur.outstanding)));
    expect(sheets.get("Invoices")?.slice(3).map((row) => row.slice(0, 5))).toEqual([
      ["a.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "EUR", "INV-0001"],
      ["a.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "EUR", "INV-0002"],
      ["b.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "EUR", "INV-0001"],
      ["c.xlsx", "CT-2026-014", "Contoso Logistics GmbH", "USD", "INV-0001"],
    ]);

    const wipCsv = parseCsv(readFileSync(join(out, "interim-report-2026-12-31-wip.csv"), "utf8").replace(/^\uFEFF/, ""));
    expect(wipCsv.map((row) => row.slice(0, 2))).toEqual([["Record", "Workbook"], ["contract", "a.xlsx"], ["contract", "b.xlsx"], ["contract", "c.xlsx"], ["total", "Total EUR (2 contracts)"], ["total", "Total USD (1 contract)"]]);
    expect(wipCsv[4]?.[10]).toBe("194175.00");
    const agingCsv = parseCsv(readFileSync(join(out, "interim-report-2026-12-31-aging.csv"), "utf8").replace(/^\uFEFF/, ""));
    expect(agingCsv[4]?.slice(10)).toEqual([eur.outstanding, eur.overdue]);

    const pdf = join(out, "interim-report-2026-12-31.pdf");
    expect(pdfInfo(pdf).pageSize).toMatch(/^841\.89 x 595\.28 pts/);
    const text = pdfText(pdf);
    expect(text).toMatch(/WIP schedule as of 2026-12-31/);
    expect(text).toMatch(/Total EUR \(2 contracts\) +EUR/);
    expect(text).toMatch(/Not in this report \(the workbooks could not be read\): d\.xlsx/);
    // Its first page as a picture, to look at (.tmp/cli-report-1.png).
    mkdirSync(join(ROOT, ".tmp"), { recursive: true });
    tool("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", pdf, join(ROOT, ".tmp", "cli-report")]);
    expect(existsSync(join(ROOT, ".tmp", "cli-report-1.png"))).toBe(true);

    // A report file already there is never replaced; the rest of the report is still printed.
    const again = interim("report", folder, "--as-of", "2026-12-31", "--format", "pdf", "--out", out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/interim-report-2026-12-31\.pdf already exists, and Interim never overwrites an export/);
    expect(again.stdout).toMatch(/^WIP schedule as of 2026-12-31$/m);
  });

  test("one workbook: its report files go beside it, and a later report of the folder leaves them out", () => {
    const dir = mkdtempSync(join(workdir, "one-"));
    const file = join(dir, "a.xlsx");
    copyFileSync(join(folder, "a.xlsx"), file);
    const run = interim("report", file, "--as-of", "2026-12-31", "--format", "xlsx");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, "interim-report-2026-12-31.xlsx"))).toBe(true);
    const folderRun = interim("report", dir, "--as-of", "2026-12-31", "--json");
    expect(folderRun.status).toBe(0);
    expect((JSON.parse(folderRun.stdout) as ReportJson).contracts.map((c) => c.file)).toEqual(["a.xlsx"]);
    // Nor does the month-end invoice run take the report for a contract.
    const batch = interim("invoice", "--all", dir, "--date", "2027-01-31");
    expect(batch.stdout).not.toMatch(/interim-report-2026-12-31\.xlsx/);
    expect(batch.stdout).toMatch(/^1 of 1 workbook\(s\) done\.$/m);
  });
});

describe("interim report: workbooks in use, made elsewhere, or not workbooks", () => {
  test("a workbook open in a spreadsheet program is read as saved, said so, and left as it is", () => {
    const dir = mkdtempSync(join(workdir, "open-"));
    const file = join(dir, "a.xlsx");
    copyFileSync(join(folder, "a.xlsx"), file);
    writeFileSync(join(dir, ".~lock.a.xlsx#"), "Ana,ana,desk,31.12.2026 09:00,file:///home/ana/.config/libreoffice/4;");
    const before = snapshot(dir);
    const run = interim("report", file, "--as-of", "2026-12-31", "--json");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/note: .*a\.xlsx is open in LibreOffice by Ana; the report read the version saved on disk\./);
    expect(snapshot(dir)).toEqual(before);
  });

  test("a workbook saved by LibreOffice reports the same figures", () => {
    const resaved = join(workdir, "resaved");
    new LibreOffice(workdir).convert(join(folder, "a.xlsx"), "xlsx:Calc MS Excel 2007 XML", resaved);
    const original = JSON.parse(interim("report", join(folder, "a.xlsx"), "--as-of", "2026-12-31", "--json").stdout) as ReportJson;
    const run = interim("report", join(resaved, "a.xlsx"), "--as-of", "2026-12-31", "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as ReportJson).contracts).toEqual(original.contracts);
  });

  test("a file that is no workbook is left out (exit 2); a folder with none, a missing path and a bad option are refused", () => {
    const dir = mkdtempSync(join(workdir, "mixed-"));
    copyFileSync(join(folder, "b.xlsx"), join(dir, "b.xlsx"));
    writeFileSync(join(dir, "notes.xlsx"), "not a workbook");
    writeFileSync(join(dir, "~$b.xlsx"), "owner");
    const run = interim("report", dir, "--as-of", "2026-12-31", "--json");
    expect(run.status).toBe(2);
    const json = JSON.parse(run.stdout) as ReportJson;
    expect(json.contracts.map((c) => c.file)).toEqual(["b.xlsx"]);
    expect(json.failures).toEqual([{ file: "notes.xlsx", problems: [expect.objectContaining({ code: "NOT_XLSX", sheet: null, cell: null })] }]);
    expect(run.stderr).toMatch(/b\.xlsx is open in a spreadsheet program \(~\$b\.xlsx is beside it\); the report read the version saved on disk/);

    const empty = mkdtempSync(join(workdir, "empty-"));
    expect(interim("report", empty).stderr).toMatch(/holds no \.xlsx workbook/);
    expect(interim("report", join(workdir, "nowhere")).stderr).toMatch(/no such file or folder/);
    const badDate = interim("report", folder, "--as-of", "31/12/2026");
    expect(badDate.status).toBe(2);
    expect(interim("report", folder, "--format", "docx").stderr).toMatch(/unknown format docx; the report's formats are xlsx, csv, pdf/);
  });
});
