import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { LibreOffice } from "./libreoffice";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";

/**
 * The command line on workbooks other programs saved (issue 14): LibreOffice makes the
 * contract, Python's openpyxl saves it again (test/fixtures/cli/other-programs.py) with what
 * Excel users have in their workbooks, some parts edited as a zip. Each is billed, or refused
 * before anything is written, naming what a rewrite would lose; none shows a program's
 * internal error text.
 */
const fixtures = join(ROOT, "test/fixtures/cli");
let workdir: string;
let office: LibreOffice;
let cases: string;
jest.setTimeout(120_000);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-others-"));
  office = new LibreOffice(workdir);
  office.convert(join(fixtures, "contract.fods"), "xlsx", workdir);
  cases = join(workdir, "cases");
  execFileSync("mkdir", ["-p", cases]);
  // Debian's python3-openpyxl (see .ci/run), whatever python3 comes first on the PATH.
  execFileSync("/usr/bin/python3", [join(fixtures, "other-programs.py"), join(workdir, "contract.xlsx"), cases], { stdio: "pipe", timeout: 120_000 });
}, 240_000);

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const interim = (args: string[], node: string[] = []): CliRun => runInterim(args, { cwd: workdir, nodeArgs: node, timeout: 120_000 });

/** Exit 2 with the message, the file byte for byte as it was, no backup and no temporary file beside it. */
function refused(file: string, pattern: RegExp, node: string[] = []): void {
  const original = readFileSync(file);
  const before = readdirSync(resolve(file, "..")).sort();
  const run = interim(["invoice", file, "--date", "2026-09-30"], node);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/TypeError|Cannot read properties|undefined|at .*\.js:\d+/);
  expect(run.status).toBe(2);
  expect(readFileSync(file).equals(original)).toBe(true);
  expect(readdirSync(resolve(file, "..")).sort()).toEqual(before);
}

describe("an openpyxl-saved workbook (relationship targets from the package's root)", () => {
  test("is read, billed, reopens in LibreOffice with its figures and reads in exceljs", async () => {
    const file = join(workdir, "billed.xlsx");
    writeFileSync(file, readFileSync(join(cases, "openpyxl.xlsx")));
    const rels = execFileSync("unzip", ["-p", file, "xl/worksheets/_rels/sheet2.xml.rels"], { encoding: "utf8" });
    expect(rels).toMatch(/Target="\/xl\/tables\/table\d\.xml"/);
    const dryRun = interim(["invoice", file, "--date", "2026-09-30", "--dry-run"]);
    expect(dryRun.stderr).toBe("");
    expect(dryRun.status).toBe(0);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/INV-0001, total due 64296\.00 EUR .*written/);
    const sheets = office.sheets(file);
    expect([...sheets.keys()].sort()).toEqual(["Billing log", "Contract", "INV-0001", "Milestones", "Notes", "Summary"]);
    expect(sheets.get("Billing log")?.[1]?.[0]).toBe("INV-0001");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet("INV-0001")).toBeDefined();
  }, 180_000);

  test("a part exceljs cannot read is named as the file's state, in plain words", () => {
    const file = join(cases, "broken-part.xlsx");
    writeFileSync(file, readFileSync(join(cases, "openpyxl.xlsx")));
    const folder = mkdtempSync(join(workdir, "part-"));
    execFileSync("mkdir", ["-p", join(folder, "xl/tables")]);
    writeFileSync(join(folder, "xl/tables/table1.xml"), "<table");
    execFileSync("zip", ["-q", file, "xl/tables/table1.xml"], { cwd: folder });
    refused(file, /could not be read as a workbook: one of its parts is not as Excel writes it\. Open it in Excel or LibreOffice and save it again/);
  });
});

describe("custom document properties and a sensitivity label", () => {
  test("are written back as they were, and LibreOffice keeps them when it saves the result", async () => {
    const file = join(workdir, "labelled.xlsx");
    writeFileSync(file, readFileSync(join(cases, "custom-properties.xlsx")));
    const part = (path: string, name: string): string => execFileSync("unzip", ["-p", path, name], { encoding: "utf8" });
    const before = part(file, "docProps/custom.xml");
    expect(before).toMatch(/MSIP_Label_0f2a_Name/);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(part(file, "docProps/custom.xml")).toBe(before);
    expect(part(file, "_rels/.rels")).toMatch(/relationships\/custom-properties" Target="docProps\/custom\.xml"/);
    // unzip reads [ and ] as a pattern unless escaped.
    expect(part(file, "\\[Content_Types\\].xml")).toMatch(/PartName="\/docProps\/custom\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.custom-properties\+xml"/);
    expect(office.sheets(file).get("Billing log")?.[1]?.[0]).toBe("INV-0001");
    const resaved = join(workdir, "resaved");
    office.convert(file, "xlsx", resaved);
    expect(part(join(resaved, "labelled.xlsx"), "docProps/custom.xml")).toMatch(/name="MSIP_Label_0f2a_Enabled"[\s\S]*name="MSIP_Label_0f2a_Name"[\s\S]*name="Project"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet("INV-0001")).toBeDefined();
  }, 180_000);
});

describe("what a write-back would lose is refused before writing, by name", () => {
  test.each([
    ["structure-protection", /holds the workbook's structure protection \(Review > Protect Workbook\)/],
    ["comment-author", /holds the authors of comments/],
    ["data-bars", /holds conditional formats of newer Excel \(such as gradient data bars\)/],
    ["dynamic-array", /holds dynamic-array formulas \(Excel 365\)/],
    ["hidden-name", /holds the name HiddenRate \(.*hidden or with a comment\)/],
    ["commented-name", /holds the name Rate \(.*hidden or with a comment\)/],
    ["calculated-column", /holds a table's calculated column formula/],
    ["internal-link", /holds links to places in the workbook/],
    ["active-filter", /holds an active filter/],
    // Known by its content type and relationship, not its part name (xl/graphics/figure1.xml).
    ["chart-elsewhere", /holds charts/],
  ])("%s", (name, pattern) => refused(join(cases, `${name}.xlsx`), pattern));
});

describe("damage and size", () => {
  test("a zip entry whose data does not match its CRC is refused as damaged", () => {
    const file = join(cases, "damaged.xlsx");
    const bytes = Buffer.from(readFileSync(join(cases, "openpyxl.xlsx")));
    // The stored CRC-32 of xl/workbook.xml, in its local header and the central directory, off by one.
    const name = Buffer.from("xl/workbook.xml");
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
      const header = bytes.readUInt32LE(at - 30) === 0x04034b50 ? at - 30 + 14 : at - 46 + 16;
      bytes.writeUInt32LE((bytes.readUInt32LE(header) + 1) >>> 0, header);
    }
    writeFileSync(file, bytes);
    refused(file, /is damaged: its part xl\/workbook\.xml does not match its checksum/);
  });

  test("a sheet filled down to row 1,048,576 is refused early within a 1 GB heap, never killing the process", () => {
    const file = join(cases, "last-row.xlsx");
    expect(readFileSync(file).length).toBeGreaterThan(20_000_000);
    const started = Date.now();
    refused(file, /is too large for the command line: its sheets hold \d+ MB of cells \(the largest, xl\/worksheets\/sheet9\.xml, \d+ MB\)/, ["--max-old-space-size=1024"]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
