import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readZip } from "../../src/workbook/xlsx-file";
import { LibreOffice } from "./libreoffice";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";

/**
 * The command line on workbooks other programs saved (issue 14): LibreOffice makes the
 * contract, Python's openpyxl saves it again (test/fixtures/cli/other-programs.py) with what
 * Excel users have in their workbooks, some parts edited as a zip. Each is billed with every
 * part the invoice does not change copied byte for byte and the rest kept in place, or refused
 * before anything is written where Excel itself would refuse; none shows a program's internal
 * error text.
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
function refused(file: string, pattern: RegExp, node: string[] = [], options: string[] = []): void {
  const original = readFileSync(file);
  const before = readdirSync(resolve(file, "..")).sort();
  const run = interim(["invoice", file, "--date", "2026-09-30", ...options], node);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/TypeError|Cannot read properties|undefined|at .*\.js:\d+/);
  expect(run.status).toBe(2);
  expect(readFileSync(file).equals(original)).toBe(true);
  expect(readdirSync(resolve(file, "..")).sort()).toEqual(before);
}

describe("an openpyxl-saved workbook (relationship targets from the package's root)", () => {
  test("is read, billed, and reopens in LibreOffice with its figures", () => {
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
    // openpyxl's relationships are kept as it wrote them, beside the new ones.
    expect(execFileSync("unzip", ["-p", file, "xl/worksheets/_rels/sheet2.xml.rels"], { encoding: "utf8" })).toBe(rels);
  }, 180_000);

  test("a part that cannot be read is named as the file's state, in plain words", () => {
    const file = join(cases, "broken-part.xlsx");
    writeFileSync(file, readFileSync(join(cases, "openpyxl.xlsx")));
    const folder = mkdtempSync(join(workdir, "part-"));
    execFileSync("mkdir", ["-p", join(folder, "xl/tables")]);
    writeFileSync(join(folder, "xl/tables/table1.xml"), "<table");
    execFileSync("zip", ["-q", file, "xl/tables/table1.xml"], { cwd: folder });
    refused(file, /xl\/tables\/table1\.xml is damaged: .*\. Open the workbook in Excel .*then run the command again/);
  });
});

describe("custom document properties and a sensitivity label", () => {
  test("are written back as they were, and LibreOffice keeps them when it saves the result", () => {
    const file = join(workdir, "labelled.xlsx");
    writeFileSync(file, readFileSync(join(cases, "custom-properties.xlsx")));
    const part = (path: string, name: string): string => execFileSync("unzip", ["-p", path, name], { encoding: "utf8" });
    const before = part(file, "docProps/custom.xml");
    expect(before).toMatch(/MSIP_Label_0f2a_Name/);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(part(file, "docProps/custom.xml")).toBe(before);
    expect(part(file, "_rels/.rels")).toMatch(/relationships\/custom-properties" Target="\/docProps\/custom\.xml"/);
    // unzip reads [ and ] as a pattern unless escaped.
    expect(part(file, "\\[Content_Types\\].xml")).toMatch(/PartName="\/docProps\/custom\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.custom-properties\+xml"/);
    expect(office.sheets(file).get("Billing log")?.[1]?.[0]).toBe("INV-0001");
    const resaved = join(workdir, "resaved");
    office.convert(file, "xlsx", resaved);
    expect(part(join(resaved, "labelled.xlsx"), "docProps/custom.xml")).toMatch(/name="MSIP_Label_0f2a_Enabled"[\s\S]*name="MSIP_Label_0f2a_Name"[\s\S]*name="Project"/);
  }, 180_000);
});

/** Each part of a package by name, as stored (compressed bytes): the same bytes mean the part was copied, not rewritten. */
function storedParts(file: string): Map<string, Buffer> {
  const bytes = readFileSync(file);
  const zip = readZip(file, bytes);
  return new Map(zip.entries.map((entry) => [entry.name, zip.raw(entry)]));
}

/** The parts a first invoice changes: the workbook's list of sheets and names, its relationships and content types, the new cell formats, the contract's settings. */
const CHANGED_BY_A_FIRST_INVOICE = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

describe("what Excel users keep in a workbook is written back as it was", () => {
  test.each([
    ["comment-author", /<author>Alice Martin<\/author>/],
    ["data-bars", /<x14:dataBar minLength="0" maxLength="100" gradient="1">/],
    ["dynamic-array", /<c r="A20" cm="1"><f t="array" ref="A20:A21">SEQUENCE\(2\)<\/f>/],
    ["hidden-name", /<definedName name="HiddenRate" hidden="1">/],
    ["commented-name", /<definedName name="Rate" comment="the contract's rate">/],
    ["calculated-column", /<calculatedColumnFormula>C2\*2<\/calculatedColumnFormula>/],
    ["internal-link", /<hyperlink ref="A1" location="Contract!A1" display="Contract"\/>/],
    ["active-filter", /<filterColumn colId="0"><filters blank="0"><filter val="x"\/><\/filters><\/filterColumn>/],
    // Known by its content type and relationship, wherever its part is (xl/graphics/figure1.xml).
    ["chart-elsewhere", /<chartSpace [^>]*><chart><plotArea><barChart>/],
  ])("%s: billed, every part it does not change copied byte for byte, the rest kept in place", (name, kept) => {
    const file = join(workdir, `kept-${name}.xlsx`);
    writeFileSync(file, readFileSync(join(cases, `${name}.xlsx`)));
    const before = storedParts(file);
    const keptIn = [...before.keys()].filter((part) => kept.test(execFileSync("unzip", ["-p", file, part.replace(/[[\]]/g, "\\$&")], { encoding: "utf8" })));
    expect(keptIn).not.toEqual([]);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/INV-0001, total due 64296\.00 EUR .*written/);
    const after = storedParts(file);
    const settingsSheet = execFileSync("unzip", ["-p", file, "xl/workbook.xml"], { encoding: "utf8" });
    expect(settingsSheet).toMatch(/<sheet [^>]*name="Billing log"/);
    const changed = [...before.keys()].filter((part) => !after.get(part)?.equals(before.get(part) as Buffer));
    // The Contract sheet's next invoice number is the only other change.
    expect(changed.filter((part) => !CHANGED_BY_A_FIRST_INVOICE.includes(part))).toHaveLength(1);
    for (const part of keptIn) expect(execFileSync("unzip", ["-p", file, part.replace(/[[\]]/g, "\\$&")], { encoding: "utf8" })).toMatch(kept);
    expect(office.sheets(file).get("Billing log")?.[1]?.[0]).toBe("INV-0001");
  }, 180_000);

  test("a workbook whose structure is protected is refused, as Excel refuses to add its sheets", () =>
    refused(join(cases, "structure-protection.xlsx"), /the workbook's structure is protected \(Review > Protect Workbook\), so the sheet INV-0001 cannot be added/));
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

  test("a sheet filled down to row 1,048,576 that Interim does not read is copied as it was, within a 1 GB heap", () => {
    const file = join(workdir, "last-row.xlsx");
    writeFileSync(file, readFileSync(join(cases, "last-row.xlsx")));
    expect(readFileSync(file).length).toBeGreaterThan(20_000_000);
    const data = storedParts(file).get("xl/worksheets/sheet9.xml");
    const run = interim(["invoice", file, "--date", "2026-09-30"], ["--max-old-space-size=1024"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(storedParts(file).get("xl/worksheets/sheet9.xml")?.equals(data as Buffer)).toBe(true);
  }, 120_000);

  test("the same sheet named as the milestone table is refused before it is read, never killing the process", () => {
    const file = join(cases, "last-row.xlsx");
    const started = Date.now();
    refused(file, /is too large for the command line: its sheet Data holds \d+ MB of cells, and it can read at most \d+ MB/, ["--max-old-space-size=1024"], ["--table", "Data"]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
