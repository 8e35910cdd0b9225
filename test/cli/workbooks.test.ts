import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { INVOICE_LOG_HEADERS, LINE_LOG_HEADERS, NAMES } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { editXlsx } from "../support/exceljs-file";
import { setMilestone } from "../workbook/helpers";
import { readZip } from "../../src/workbook/xlsx-file";
import { LibreOffice } from "./libreoffice";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";
import { stateOfXlsx } from "./xlsx-state";

/**
 * The command line on workbooks nobody here wrote by hand: LibreOffice makes them from flat
 * ODS and CSV sources (test/fixtures/cli), the built `interim` runs on them, and LibreOffice
 * opens the results again, recalculating every formula, to show what survived.
 */
const fixtures = join(ROOT, "test/fixtures/cli");
let workdir: string;
let office: LibreOffice;
let sources: string;
jest.setTimeout(120_000);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-xlsx-"));
  office = new LibreOffice(workdir);
  sources = join(workdir, "sources");
  for (const source of ["contract.fods", "plain.fods", "bad-percent.csv"]) office.convert(join(fixtures, source), "xlsx", sources);
}, 180_000);

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

/** A fresh copy of a converted workbook in its own folder. */
function copyOf(name: string, folder = mkdtempSync(join(workdir, "case-"))): string {
  const file = join(folder, name);
  copyFileSync(join(sources, name), file);
  return file;
}

/** A person's edit between two periods: new % complete values, saved as a spreadsheet program would. */
async function setProgress(file: string, progress: Record<string, number>): Promise<void> {
  const edited = await editXlsx(readFileSync(file), (workbook) => {
    workbook.getWorksheet("Milestones")?.eachRow((row) => {
      const id = row.getCell(1).value;
      if (typeof id === "string" && id in progress) row.getCell(4).value = progress[id];
    });
  });
  writeFileSync(file, edited);
}

const PERIODS: { date: string; progress: Record<string, number> }[] = [
  { date: "2026-09-30", progress: {} },
  { date: "2026-10-31", progress: { M2: 1, M3: 0.6, M4: 0.2 } },
  { date: "2026-11-30", progress: { M3: 1, M4: 1 } },
];

describe("interim invoice on a LibreOffice workbook", () => {
  test("three periods carry forward, equal the add-in flow in memory, and keep the user's sheets and formulas", async () => {
    const file = copyOf("contract.xlsx");
    const memory = new MemoryWorkbook(await stateOfXlsx(readFileSync(file)));
    const before = office.sheets(file);
    let previous = readFileSync(file);
    for (const period of PERIODS) {
      if (Object.keys(period.progress).length > 0) {
        await setProgress(file, period.progress);
        for (const [id, value] of Object.entries(period.progress)) setMilestone(memory.state, id, "% complete", value);
        previous = readFileSync(file);
      }
      const run = interim("invoice", file, "--date", period.date);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const expected = await generateInvoice(memory, { invoiceDate: period.date });
      expect(expected.ok).toBe(true);
      expect(run.stdout).toContain(`total due ${expected.ok ? expected.result.summary.totalDue : ""} EUR`);
      expect(readFileSync(`${file}.bak`).equals(previous)).toBe(true);
      previous = readFileSync(file);
    }
    // The billing log, figure by figure and with its fingerprints, is the in-memory flow's.
    const written = await stateOfXlsx(readFileSync(file));
    for (const table of [NAMES.invoicesTable, NAMES.linesTable]) {
      expect(tableValues(written, findTable(written, table)!)).toEqual(tableValues(memory.state, findTable(memory.state, table)!));
    }
    expect(readdirSync(resolve(file, "..")).filter((f) => f.includes("interim-tmp"))).toEqual([]);

    const after = office.sheets(file);
    expect(after.get("Notes")).toEqual(before.get("Notes"));
    expect(after.get("Summary")).toEqual([["Contract sum", "168000"], ["Named range", "336000"]]);
    expect(after.get("Milestones")?.[2]?.slice(0, 3)).toEqual(["M2", "Design", "24000"]);
    expect(after.get("Billing log")?.slice(1).map((row) => row[0])).toEqual(["INV-0001", "INV-0002", "INV-0003", ...Array(9).fill("")]);
    const third = after.get("INV-0003")?.find((row) => row.some((cell) => cell.startsWith("Total due")));
    expect(third).toBeDefined();
    expect(after.get("Contract")?.find((row) => row[0] === "Next invoice number")?.[1]).toBe("4");
  }, 300_000);

  test("a sheet whose first row holds the headers, named with --table; --dry-run writes nothing", () => {
    const file = copyOf("plain.xlsx");
    const original = readFileSync(file);
    const before = office.sheets(file);
    const dry = interim("invoice", file, "--table", "Progress", "--date", "2026-09-30", "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/INVOICE INV-0001/);
    expect(readFileSync(file).equals(original)).toBe(true);
    const run = interim("invoice", file, "--table", "Progress", "--date", "2026-09-30", "--format", "csv", "--out", join(resolve(file, ".."), "out"));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readdirSync(join(resolve(file, ".."), "out"))).toEqual(["INV-0001.csv"]);
    const sheets = office.sheets(file);
    expect(sheets.get("Progress")).toEqual(before.get("Progress"));
    expect(sheets.get("Progress")?.[1]).toEqual(["A", "1000", "0.5"]);
  }, 120_000);

  test("problems are printed with sheet and cell, exit 2, and nothing is written", async () => {
    const file = copyOf("contract.xlsx");
    await setProgress(file, { M3: 55 });
    const original = readFileSync(file);
    const run = interim("invoice", file, "--date", "2026-09-30");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Milestones!D4: /);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  test("interim init makes a workbook with an empty billing log that LibreOffice opens; three invoices fill it as in memory; it never replaces a file", async () => {
    const folder = mkdtempSync(join(workdir, "init-"));
    const file = join(folder, "new.xlsx");
    expect(interim("init", file).status).toBe(0);
    expect(interim("init", file).status).toBe(2);
    const created = office.sheets(file);
    expect(created.get("Contract")?.[1]).toEqual(["Supplier name", "Northwind Consulting Ltd"]);
    expect(created.get("Billing log")?.[0]).toEqual([...INVOICE_LOG_HEADERS, "", ...LINE_LOG_HEADERS]);

    const memory = new MemoryWorkbook();
    await insertSample(memory);
    for (const period of PERIODS) {
      if (Object.keys(period.progress).length > 0) await setProgress(file, period.progress);
      for (const [id, value] of Object.entries(period.progress)) setMilestone(memory.state, id, "% complete", value);
      const run = interim("invoice", file, "--date", period.date);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const expected = await generateInvoice(memory, { invoiceDate: period.date });
      expect(run.stdout).toContain(`total due ${expected.ok ? expected.result.summary.totalDue : ""} EUR`);
    }
    const written = await stateOfXlsx(readFileSync(file));
    for (const table of [NAMES.invoicesTable, NAMES.linesTable]) {
      expect(tableValues(written, findTable(written, table)!)).toEqual(tableValues(memory.state, findTable(memory.state, table)!));
    }
    expect(tableValues(written, findTable(written, NAMES.invoicesTable)!).map((row) => row[0])).toEqual(["Number", "INV-0001", "INV-0002", "INV-0003"]);
    expect(office.sheets(file).get("Billing log")?.slice(1, 4).map((row) => row[0])).toEqual(["INV-0001", "INV-0002", "INV-0003"]);
    expect(interim("credit", file, "--date", "2026-12-01").stdout).toMatch(/CN-0001 cancels INV-0003/);
  }, 300_000);
});

describe("files interim refuses, leaving them as they are", () => {
  const refused = (file: string, pattern: RegExp): void => {
    const original = readFileSync(file);
    const run = interim("invoice", file, "--date", "2026-09-30");
    expect(run.stderr).toMatch(pattern);
    expect(run.status).toBe(2);
    expect(readFileSync(file).equals(original)).toBe(true);
  };

  test("not a workbook", () => {
    const file = join(mkdtempSync(join(workdir, "bad-")), "notes.xlsx");
    writeFileSync(file, "Id,Scheduled value\nM1,100\n");
    refused(file, /is not an \.xlsx workbook/);
  });

  test("no milestone table", () => refused(copyOf("bad-percent.xlsx"), /no milestone table or sheet named "Milestones"/));

  test("password-protected: an encrypted workbook is an OLE compound file", () => {
    // LibreOffice 7.4 does not encrypt .xlsx from the command line; an encrypted .xlsx is an
    // OLE compound file (the encrypted package inside), which its first 8 bytes say.
    const file = join(mkdtempSync(join(workdir, "bad-")), "secret.xlsx");
    writeFileSync(file, Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504), readFileSync(join(sources, "contract.xlsx"))]));
    refused(file, /password-protected/);
  });

  test("open in a spreadsheet program (Excel's owner file beside it)", () => {
    const file = copyOf("contract.xlsx");
    writeFileSync(join(resolve(file, ".."), "~$contract.xlsx"), "owner");
    refused(file, /is open in a spreadsheet program/);
  });

  test("a backup that cannot be kept (a folder holds its name) leaves the workbook, no temporary file, and is refused in words", () => {
    const file = copyOf("contract.xlsx");
    mkdirSync(`${file}.bak`);
    writeFileSync(join(`${file}.bak`, "keep"), "");
    const original = readFileSync(file);
    const run = interim("invoice", file, "--date", "2026-09-30");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/contract\.xlsx\.bak is a folder, where Interim keeps the previous version of the workbook; move it away/);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readdirSync(resolve(file, "..")).filter((f) => f.includes("interim-tmp"))).toEqual([]);
  });

  test("a read-only folder: refused in words (exit 2), for root too", () => {
    const file = copyOf("contract.xlsx");
    const folder = resolve(file, "..");
    chmodSync(folder, 0o555);
    try {
      const run = interim("invoice", file, "--date", "2026-09-30");
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/The folder .* is read-only/);
      expect(run.stderr).not.toMatch(/EACCES/);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  test("--all: one line per file; a failing file does not stop the others; non-zero exit", () => {
    const folder = mkdtempSync(join(workdir, "all-"));
    copyOf("contract.xlsx", folder);
    copyOf("plain.xlsx", folder);
    writeFileSync(join(folder, "broken.xlsx"), "not a workbook");
    copyFileSync(join(folder, "contract.xlsx"), join(folder, "second.xlsx"));
    const run = interim("invoice", "--all", folder, "--date", "2026-09-30");
    expect(run.status).toBe(2);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/broken\.xlsx: not done/);
    expect(lines[1]).toMatch(/contract\.xlsx: INV-0001/);
    expect(lines[2]).toMatch(/plain\.xlsx: not done/); // its milestones are on "Progress", not "Milestones"
    expect(lines[3]).toMatch(/second\.xlsx: INV-0001/);
    expect(lines[4]).toBe("2 of 4 workbook(s) done, 2 not.");
  });
});

test("a part the command line knows nothing of (a chart, as Excel stores it) is billed and written back as stored", () => {
  const file = copyOf("contract.xlsx");
  const folder = mkdtempSync(join(workdir, "chart-"));
  mkdirSync(join(folder, "xl/charts"), { recursive: true });
  writeFileSync(join(folder, "xl/charts/chart1.xml"), '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
  execFileSync("zip", ["-q", file, "xl/charts/chart1.xml"], { cwd: folder });
  const stored = (path: string): Buffer | undefined => {
    const zip = readZip(path, readFileSync(path));
    const entry = zip.entries.find((candidate) => candidate.name === "xl/charts/chart1.xml");
    return entry && zip.raw(entry);
  };
  const before = stored(file);
  const run = interim("invoice", file, "--date", "2026-09-30");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(stored(file)?.equals(before as Buffer)).toBe(true);
});
