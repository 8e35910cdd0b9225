import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseMapping } from "../../src/cli/timesheet-command";
import { isoToSerial } from "../../src/workbook/dates";
import { NAMES, TIMESHEET_HEADERS } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { LibreOffice } from "./libreoffice";
import { ROOT, type CliRun, requireBuiltCli, runInterim } from "./run-cli";

/**
 * `interim timesheet import` through the built command line, on a workbook made by `interim
 * init`: each tool's export (the fixtures) into a new Timesheet table, read back by the .xlsx host
 * and by LibreOffice; what it refuses, leaving the file as it was, byte for byte; and a second
 * import of the same file, which adds nothing.
 */
let workdir: string;
let sample: string;
jest.setTimeout(180_000);

const interim = (...args: string[]): CliRun => runInterim(args, { cwd: workdir });
const fixture = (name: string): string => join(ROOT, "test/fixtures/timesheets", name);
const MAP = ["--map", "Portal rebuild=T1", "--map", "Portal rebuild::Design=M2"];

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-timesheet-import-"));
  sample = join(workdir, "sample.xlsx");
  expect(interim("init", sample).status).toBe(0);
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

function copy(): string {
  const file = join(mkdtempSync(join(workdir, "case-")), "contract.xlsx");
  copyFileSync(sample, file);
  return file;
}

async function snapshotOf(file: string): Promise<Awaited<ReturnType<XlsxWorkbook["read"]>>> {
  return (await XlsxWorkbook.open(file)).read(NAMES.milestones);
}

const MAR = (day: number): number => isoToSerial(`2027-03-0${day}`);

describe("each tool's export into a new Timesheet table", () => {
  test.each([
    ["harvest.csv", "Harvest", ["Designer", "Developer", "Developer"]],
    ["toggl.csv", "Toggl Track", [null, null, null]],
    ["clockify.csv", "Clockify", [null, null, null]],
    ["kimai.csv", "Kimai", [null, null, null]],
  ])("%s (%s): its entries under the table's headers, the mappings remembered, a .bak kept", async (name, tool, roles) => {
    const file = copy();
    const run = interim("timesheet", "import", file, fixture(name), ...MAP);
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe([
      `${name} (${tool}): 3 entries imported into the Timesheet table; M2 3.5 h, T1 8.25 h.`,
      "  remembered in the TimesheetMapping table: Portal rebuild → T1; Portal rebuild::Design → M2",
      `${file}: written, previous version kept as contract.xlsx.bak.`,
      "",
    ].join("\n"));
    expect(readFileSync(`${file}.bak`).equals(readFileSync(sample))).toBe(true);
    const snapshot = await snapshotOf(file);
    expect(snapshot.timesheet?.values).toEqual([
      [...TIMESHEET_HEADERS],
      [MAR(2), "Ana Silva", roles[0], "M2", 3.5, null, "Yes", "Wireframes, round 2", `${name} line 2`],
      [MAR(3), "Ben Okafor", roles[1], "T1", 7.25, null, "Yes", "API", `${name} line 3`],
      [MAR(4), "Ben Okafor", roles[2], "T1", 1, null, "No", "Team sync", `${name} line 4`],
    ]);
    expect(snapshot.timesheetMapping?.values).toEqual([["Project", "Task", "Line"], ["Portal rebuild", null, "T1"], ["Portal rebuild", "Design", "M2"]]);
  });

  test("the same file again adds nothing and leaves the workbook as it was, byte for byte", () => {
    const file = copy();
    expect(interim("timesheet", "import", file, fixture("harvest.csv"), ...MAP).status).toBe(0);
    const imported = readFileSync(file);
    const again = interim("timesheet", "import", file, fixture("harvest.csv"));
    expect(again).toMatchObject({ status: 0, stderr: "" });
    expect(again.stdout).toBe(`harvest.csv (Harvest): nothing new; its 3 entries are already in the Timesheet table.\n${file} was not changed.\n`);
    expect(readFileSync(file).equals(imported)).toBe(true);
  });

  test("--dry-run says what it would add and writes nothing", () => {
    const file = copy();
    const run = interim("timesheet", "import", file, fixture("kimai.csv"), ...MAP, "--dry-run");
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run.stdout).toBe([
      "kimai.csv (Kimai): would import 3 entries into the Timesheet table; M2 3.5 h, T1 8.25 h.",
      "  would remember in the TimesheetMapping table: Portal rebuild → T1; Portal rebuild::Design → M2",
      `(dry run: ${file} was not changed)`,
      "",
    ].join("\n"));
    expect(readFileSync(file).equals(readFileSync(sample))).toBe(true);
  });

  test("--day-first reads 03/02/2027 as the 3rd of February", async () => {
    const file = copy();
    expect(interim("timesheet", "import", file, fixture("clockify.csv"), ...MAP, "--day-first").status).toBe(0);
    expect((await snapshotOf(file)).timesheet?.values.slice(1).map((row) => row[0])).toEqual(["2027-02-03", "2027-03-03", "2027-04-03"].map(isoToSerial));
  });

  test("LibreOffice opens the written workbook: the Timesheet table shows dates as dates and hours with two decimals, and reads back as written after LibreOffice saves it", async () => {
    const file = copy();
    expect(interim("timesheet", "import", file, fixture("toggl.csv"), ...MAP).status).toBe(0);
    const office = new LibreOffice(workdir);
    expect(office.sheets(file, true).get(NAMES.timesheetSheet)).toEqual([
      [...TIMESHEET_HEADERS],
      ["2027-03-02", "Ana Silva", "", "M2", "3.50", "", "Yes", "Wireframes, round 2", "toggl.csv line 2"],
      ["2027-03-03", "Ben Okafor", "", "T1", "7.25", "", "Yes", "API", "toggl.csv line 3"],
      ["2027-03-04", "Ben Okafor", "", "T1", "1.00", "", "No", "Team sync", "toggl.csv line 4"],
    ]);
    const saved = join(workdir, "libreoffice");
    office.convert(file, "xlsx", saved);
    const reread = await snapshotOf(join(saved, "contract.xlsx"));
    expect(reread.timesheet?.values).toEqual((await snapshotOf(file)).timesheet?.values);
    expect(reread.timesheetMapping?.values).toEqual([["Project", "Task", "Line"], ["Portal rebuild", null, "T1"], ["Portal rebuild", "Design", "M2"]]);
  });
});

describe("what it refuses, leaving the workbook as it was", () => {
  test("projects no mapping covers: each row by its line, then the --map to add for each with its rows and hours, and the lines", () => {
    const file = copy();
    const before = readFileSync(file);
    const run = interim("timesheet", "import", file, fixture("harvest.csv"));
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toBe([
      `${file}: 3 problem(s) importing harvest.csv; nothing was written.`,
      '  Line 2: project "Portal rebuild", task "Design" is not mapped to a line of the contract; add it to the mapping.',
      '  Line 3: project "Portal rebuild", task "Development" is not mapped to a line of the contract; add it to the mapping.',
      '  Line 4: project "Portal rebuild", task "Development" is not mapped to a line of the contract; add it to the mapping.',
      "Map each project to a line of the milestone table (the mapping is remembered for the next import):",
      '  map it: --map "Portal rebuild::Design=LINE"  (1 row, 3.5 h)',
      '  map it: --map "Portal rebuild::Development=LINE"  (2 rows, 8.25 h)',
      '  or all of Portal rebuild: --map "Portal rebuild=LINE"',
      "  lines: M1 (Discovery and requirements), M2 (Solution design), M3 (Build and integration), M4 (Testing and acceptance), M5 (Go-live and hypercare), T1 (Data migration support (time and materials, capped)), L1 (Software licences, first year), CO1 (Change order 1: single sign-on)",
      "",
    ].join("\n"));
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  test("a mapping to a line the milestone table lacks, and a bad row of the file, both said at once", () => {
    const file = copy();
    const before = readFileSync(file);
    const csv = join(workdir, "bad-row.csv");
    writeFileSync(csv, `${readFileSync(fixture("harvest.csv"), "utf8").trimEnd()}\n2027-03-05,Northwind,Portal rebuild,PR-1,Development,Deploy,two,2,Yes,No,No,Ben,Okafor,Developer,Yes,125,250,80,160,US Dollar - USD,\n`);
    const run = interim("timesheet", "import", file, csv, "--map", "Portal rebuild=X9");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe([
      `${file}: 2 problem(s) importing bad-row.csv; nothing was written.`,
      '  Line 5: the duration must be a number, not "two".',
      '  The mapping of project "Portal rebuild" to line "X9": the milestone table has no line "X9"; its lines are M1, M2, M3, M4, M5, T1, L1, CO1.',
      "",
    ].join("\n"));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test("a missing CSV, one not in UTF-8, a --map without a line: said plainly, exit 2", () => {
    const file = copy();
    expect(interim("timesheet", "import", file, join(workdir, "none.csv"))).toMatchObject({ status: 2, stderr: `${join(workdir, "none.csv")}: no such file.\n` });
    const latin1 = join(workdir, "latin1.csv");
    writeFileSync(latin1, Buffer.from(readFileSync(fixture("harvest.csv"), "utf8").replace("Ana", "Zoë"), "latin1"));
    const notUtf8 = interim("timesheet", "import", file, latin1);
    expect(notUtf8.status).toBe(2);
    expect(notUtf8.stderr).toMatch(/latin1\.csv is not UTF-8 text .*"CSV UTF-8".*nothing was written\.\n$/);
    const noLine = interim("timesheet", "import", file, fixture("harvest.csv"), "--map", "Portal rebuild");
    expect(noLine.status).toBe(2);
    expect(noLine.stderr).toMatch(/^interim timesheet: --map "Portal rebuild": write PROJECT=LINE for a whole project, or PROJECT::TASK=LINE for one of its tasks\./);
    expect(interim("timesheet", "export", file).stderr).toMatch(/^interim timesheet: unknown action "export"; the one there is: import\./);
    expect(readFileSync(file).equals(readFileSync(sample))).toBe(true);
  });

  test("--help, and the main help, describe the command", () => {
    const help = interim("timesheet", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^interim timesheet import BOOK\.xlsx FILE\.csv \[--map "PROJECT=LINE"\]\.\.\. \[--map "PROJECT::TASK=LINE"\]\.\.\./);
    expect(interim("--help").stdout).toMatch(/^ {2}timesheet {2}import a time tracker's CSV export/m);
  });
});

describe("--map", () => {
  test("splits the line at the last =, the task at the first ::", () => {
    expect(parseMapping("Website redesign=L1")).toEqual({ project: "Website redesign", line: "L1" });
    expect(parseMapping("Website redesign / Phase 2::Design: UX=L2")).toEqual({ project: "Website redesign / Phase 2", task: "Design: UX", line: "L2" });
    expect(parseMapping("R&D = tax credit=L3")).toEqual({ project: "R&D = tax credit", line: "L3" });
    for (const wrong of ["Website redesign", "=L1", "Website redesign=", "Website redesign::=L1"]) expect({ wrong, mapping: parseMapping(wrong) }).toEqual({ wrong, mapping: undefined });
  });
});
