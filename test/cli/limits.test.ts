import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";
import { LibreOffice } from "./libreoffice";
import { type CliRun, ROOT, requireBuiltCli, runInterim } from "./run-cli";

/**
 * Dates, settings and texts Excel cannot hold, through the built command line on workbooks
 * LibreOffice made (test/fixtures/cli/contract.fods and variants of it): refused (exit 2)
 * naming the option or the cell, the file left as it was (decision 0027).
 */
const fods = readFileSync(join(ROOT, "test/fixtures/cli/contract.fods"), "utf8");
let workdir: string;
let libreOffice: LibreOffice;
let source: string;
jest.setTimeout(120_000);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-limits-"));
  libreOffice = new LibreOffice(workdir);
  source = variant("contract", fods);
}, 180_000);

/** The contract as LibreOffice saves it as .xlsx, from the fixture's text as changed. */
function variant(name: string, text: string): string {
  const file = join(workdir, "variants", `${name}.fods`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  libreOffice.convert(file, "xlsx", join(workdir, "sources"));
  return join(workdir, "sources", `${name}.xlsx`);
}

const cell = (value: string): string => `<table:table-cell office:value-type="string"><text:p>${value}</text:p></table:table-cell>`;
const NEXT_NUMBER_ROW = `<table:table-row>${cell("Next invoice number")}`;

/** The contract with settings rows added above Next invoice number (the settings table grown to hold them), or its value changed. */
function withSettings(rows: [string, string][], nextNumber = "1"): string {
  const added = rows.map(([key, value]) => `<table:table-row>${cell(key)}${/^\d+$/.test(value) ? `<table:table-cell office:value-type="float" office:value="${value}"/>` : cell(value)}</table:table-row>\n   `).join("");
  return fods
    .replace(NEXT_NUMBER_ROW, `${added}${NEXT_NUMBER_ROW}`)
    .replace(`${cell("Next invoice number")}<table:table-cell office:value-type="float" office:value="1"/>`, `${cell("Next invoice number")}<table:table-cell office:value-type="float" office:value="${nextNumber}"/>`)
    .replace("Contract.A1:Contract.B7", `Contract.A1:Contract.B${7 + rows.length}`);
}

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });

function copy(from = source): string {
  const file = join(mkdtempSync(join(workdir, "case-")), "contract.xlsx");
  copyFileSync(from, file);
  return file;
}

/** Runs a command that must be refused: exit 2, the workbook byte for byte as it was, no backup. */
function refused(file: string, ...args: string[]): string {
  const before = readFileSync(file);
  const run = interim(...args);
  expect(run.status).toBe(2);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(readdirSync(dirname(file))).toEqual(["contract.xlsx"]);
  return run.stderr;
}

describe("dates out of range, named by their option", () => {
  test.each([
    ["--date", "0026-01-31", "--date 0026-01-31 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year."],
    ["--date", "9999-12-31", "--date 9999-12-31 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year."],
    ["--period-end", "0026-09-30", "--period-end 0026-09-30 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year."],
  ])("interim invoice %s %s", (option, value, message) => {
    const file = copy();
    expect(refused(file, "invoice", file, option, value).split("\n")[0]).toBe(`interim invoice: ${message}`);
  });

  test("interim credit --date 9999-12-31, after an invoice", () => {
    const file = copy();
    expect(interim("invoice", file, "--date", "2026-09-30").status).toBe(0);
    rmSync(`${file}.bak`);
    expect(refused(file, "credit", file, "--date", "9999-12-31").split("\n")[0]).toBe(
      "interim credit: --date 9999-12-31 is outside the dates Interim accepts, 1990-01-01 to 2100-12-31; check the year.",
    );
  });

  test("a due date past the range is a problem at Payment terms (days)", () => {
    const file = copy(variant("terms", withSettings([["Payment terms (days)", "30"]])));
    expect(refused(file, "invoice", file, "--date", "2100-12-20")).toMatch(
      /Contract!B7: The due date would be 2101-01-19, 30 days after 2100-12-20, after the last date Interim accepts, 2100-12-31; date the document earlier or shorten Payment terms \(days\)\./,
    );
  });
});

describe("settings and texts Excel cannot hold, at their cell", () => {
  test("Next invoice number 1e21", () => {
    const file = copy(variant("next-number", withSettings([], "1E+21")));
    expect(refused(file, "invoice", file, "--date", "2026-09-30")).toMatch(/Contract!B7: Next invoice number must be a whole number from 1 to 999,999,999, not "1e\+21"\./);
  });

  test("an invoice prefix that makes a sheet name over 31 characters", () => {
    const file = copy(variant("prefix", withSettings([["Invoice prefix", "ACME-BUILDERS-INV-26"]], "100000")));
    expect(refused(file, "invoice", file, "--date", "2026-09-30")).toMatch(/Contract!B7: Invoice prefix makes the sheet name "Draft ACME-BUILDERS-INV-26100000", 32 characters; Excel's sheet names hold at most 31\./);
  });

  test("a description longer than a cell holds, in a zip edited by hand (the .xlsx LibreOffice saves holds none)", async () => {
    const file = copy();
    const zip = await JSZip.loadAsync(readFileSync(file));
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toMatch(/>Build</);
    zip.file("xl/sharedStrings.xml", strings.replace(/>Build</, `>${"d".repeat(40_000)}<`));
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(refused(file, "invoice", file, "--date", "2026-09-30")).toMatch(/Milestones!B4: The text of this cell is 40,000 characters long, over the 32,767 characters an Excel cell holds; shorten it to at most 32,767\./);
  });

  test("payment terms that, after the invoice's label, are longer than a cell holds", () => {
    const file = copy(variant("terms-text", withSettings([["Payment terms", "x".repeat(32_760)]])));
    expect(refused(file, "invoice", file, "--date", "2026-09-30")).toMatch(
      /Contract!B7: Payment terms is 32,760 characters long with "Payment terms: " before it on the invoice, over the 32,767 characters an Excel cell holds; shorten it to at most 32,752\./,
    );
  });
});
