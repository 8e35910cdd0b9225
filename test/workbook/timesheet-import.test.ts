/**
 * The timesheet import planner over the memory workbook: what an export adds to the Timesheet
 * table, what it skips (by occurrence), how projects are mapped and remembered, and every
 * refusal, by file line or at its cell, with nothing written.
 */
import { readCsvRows } from "../../src/import/timesheet-csv";
import { isoToSerial } from "../../src/workbook/dates";
import { MemoryWorkbook, findSheet } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue, type WorkbookPort } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";
import { type TimesheetImportPlan, type TimesheetImportRequest, importTimesheet } from "../../src/workbook/timesheet-import";
import { copyState } from "./helpers";

const MILESTONES: CellValue[][] = [
  ["Id", "Description", "Scheduled value", "% complete"],
  ["A1", "Architecture (time)", 20000, null],
  ["D1", "Development (time)", 50000, null],
  ["F1", "Acceptance workshop (fixed fee)", 10000, 0.5],
];

async function contract(currency: string | undefined = "EUR"): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.createMilestoneTable(NAMES.milestones, NAMES.milestones, MILESTONES);
  if (currency !== undefined) await workbook.writeSettings(settingsRows({ ...SAMPLE_SETTINGS, Currency: currency }), true);
  workbook.roundTrips = 0;
  return workbook;
}

const HARVEST = "Date,Client,Project,Task,Notes,Hours,Billable?,First Name,Last Name,Roles";

/** A Harvest export of these rows (after its header). */
function harvest(...rows: string[]): TimesheetImportRequest["csv"] {
  return readCsvRows([HARVEST, ...rows].join("\n"));
}

const request = (csv: TimesheetImportRequest["csv"], mappings: TimesheetImportRequest["mappings"] = [], fileName = "harvest-2027-03.csv"): TimesheetImportRequest => ({ csv, fileName, mappings });

type Imported = Extract<TimesheetImportPlan, { ok: true }>;
type Refused = Extract<TimesheetImportPlan, { ok: false }>;

function imported(plan: TimesheetImportPlan): Imported {
  if (!plan.ok) throw new Error(`refused: ${plan.problems.map((p) => p.message).join(" | ")}`);
  return plan;
}

function refused(plan: TimesheetImportPlan): Refused {
  if (plan.ok) throw new Error("imported, not refused");
  return plan;
}

const MARCH = [
  "2027-03-01,Northwind,Portal,Design,Wireframes,3.5,Yes,Ana,Silva,Designer",
  "2027-03-01,Northwind,Portal,Build,API,7.25,Yes,Ben,Okafor,Developer",
  "2027-03-02,Northwind,Portal,Build,Standup,0.25,Yes,Ben,Okafor,Developer",
  "2027-03-02,Northwind,Portal,Build,Standup,0.25,Yes,Ben,Okafor,Developer",
  "2027-03-03,Northwind,Portal,Build,Team sync,1,No,Ben,Okafor,Developer",
];
const PORTAL = [{ project: "Portal", line: "D1" }, { project: "Portal", task: "Design", line: "A1" }];

async function timesheetValues(workbook: WorkbookPort): Promise<CellValue[][] | undefined> {
  return (await workbook.read(NAMES.milestones)).timesheet?.values;
}

describe("importing an export", () => {
  test("creates the Timesheet table: each entry under its header, the date a serial, the hours a number, Source its file line; the mappings remembered", async () => {
    const workbook = await contract();
    const plan = imported(await importTimesheet(workbook, request(harvest(...MARCH), PORTAL)));
    // One read, one write.
    expect(workbook.roundTrips).toBe(2);
    expect(plan).toMatchObject({ format: "harvest", formatName: "Harvest", skipped: 0, mapped: PORTAL });
    // A1: 3.5; D1: 7.25 + 0.25 + 0.25 + 1 (the hour not billable is imported as such) = 8.75.
    expect(plan.byLine).toEqual([{ line: "A1", hours: "3.5" }, { line: "D1", hours: "8.75" }]);
    expect(plan.imported.map((entry) => entry.sourceRow)).toEqual([2, 3, 4, 5, 6]);
    expect(await timesheetValues(workbook)).toEqual([
      ["Date", "Person", "Role", "Line", "Hours", "Rate", "Billable", "Note", "Source"],
      [isoToSerial("2027-03-01"), "Ana Silva", "Designer", "A1", 3.5, null, "Yes", "Wireframes", "harvest-2027-03.csv line 2"],
      [isoToSerial("2027-03-01"), "Ben Okafor", "Developer", "D1", 7.25, null, "Yes", "API", "harvest-2027-03.csv line 3"],
      [isoToSerial("2027-03-02"), "Ben Okafor", "Developer", "D1", 0.25, null, "Yes", "Standup", "harvest-2027-03.csv line 4"],
      [isoToSerial("2027-03-02"), "Ben Okafor", "Developer", "D1", 0.25, null, "Yes", "Standup", "harvest-2027-03.csv line 5"],
      [isoToSerial("2027-03-03"), "Ben Okafor", "Developer", "D1", 1, null, "No", "Team sync", "harvest-2027-03.csv line 6"],
    ]);
    expect((await workbook.read(NAMES.milestones)).timesheetMapping?.values).toEqual([["Project", "Task", "Line"], ["Portal", null, "D1"], ["Portal", "Design", "A1"]]);
  });

  test("the same file twice: the second adds nothing, writes nothing, and needs no mapping", async () => {
    const workbook = await contract();
    imported(await importTimesheet(workbook, request(harvest(...MARCH), PORTAL)));
    const before = copyState(workbook.state);
    const again = imported(await importTimesheet(workbook, request(harvest(...MARCH))));
    expect(again).toMatchObject({ imported: [], skipped: 5, byLine: [], mapped: [], appends: [] });
    expect(copyState(workbook.state)).toBe(before);
  });

  test("an export overlapping the last: only its new entries, identical ones counted by occurrence", async () => {
    const workbook = await contract();
    imported(await importTimesheet(workbook, request(harvest(...MARCH), PORTAL)));
    const overlap = [
      ...MARCH.slice(2, 4),
      // A third identical standup that day: the table has two, so this one is new.
      "2027-03-02,Northwind,Portal,Build,Standup,0.25,Yes,Ben,Okafor,Developer",
      // The same entry written another way (7.50 hours, the note's case): already there.
      "2027-03-01,Northwind,Portal,Build,api,7.250,Yes,Ben,Okafor,Developer",
      "2027-03-04,Northwind,Portal,Design,Mockups,2,Yes,Ana,Silva,Designer",
    ];
    const plan = imported(await importTimesheet(workbook, request(harvest(...overlap), [], "harvest-week-10.csv")));
    expect(plan.skipped).toBe(3);
    expect(plan.imported.map((entry) => [entry.sourceRow, entry.note, entry.hours])).toEqual([[4, "Standup", "0.25"], [6, "Mockups", "2"]]);
    expect(plan.byLine).toEqual([{ line: "A1", hours: "2" }, { line: "D1", hours: "0.25" }]);
    const rows = (await timesheetValues(workbook)) ?? [];
    expect(rows).toHaveLength(8);
    expect(rows.slice(6).map((row) => row[8])).toEqual(["harvest-week-10.csv line 4", "harvest-week-10.csv line 6"]);
  });

  test("a file whose every row is blank, or with no rows: nothing new, nothing written", async () => {
    const workbook = await contract();
    expect(imported(await importTimesheet(workbook, request(harvest(",,,,,,,,,"))))).toMatchObject({ imported: [], skipped: 0, appends: [] });
    expect(findSheet(workbook.state, NAMES.timesheetSheet)).toBeUndefined();
  });

  test("the new tables' columns are formatted for the contract's currency; without settings, with two decimals", async () => {
    for (const [currency, money] of [["JPY", "#,##0"], ["KWD", "#,##0.000"], [undefined, "#,##0.00"]] as const) {
      const workbook = await contract(currency);
      imported(await importTimesheet(workbook, request(harvest(MARCH[0] as string), PORTAL)));
      const sheet = findSheet(workbook.state, NAMES.timesheetSheet);
      expect({ currency, formats: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((c) => sheet?.numberFormats.get(`1,${c}`)) }).toEqual({
        currency, formats: ["yyyy-mm-dd", "@", "@", "@", "#,##0.00####", money, "@", "@", "@"],
      });
      expect([0, 1, 2].map((c) => findSheet(workbook.state, NAMES.mappingSheet)?.numberFormats.get(`1,${c}`))).toEqual(["@", "@", "@"]);
    }
  });
});

describe("mapping projects to lines", () => {
  test("unmapped projects: each row a problem by its file line, and each project and task with its rows and exact hours", async () => {
    const workbook = await contract();
    const before = copyState(workbook.state);
    const toggl = readCsvRows([
      "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags",
      "Ana Silva,a@example.com,Northwind,Ops,,Backups,Yes,2027-03-01,09:00:00,2027-03-01,09:20:00,00:20:00,",
      "Ana Silva,a@example.com,Northwind,Portal,Design,Logo,Yes,2027-03-01,10:00:00,2027-03-01,11:30:00,01:30:00,",
      "Ana Silva,a@example.com,Northwind,Ops,,Backups,Yes,2027-03-02,09:00:00,2027-03-02,09:20:00,00:20:00,",
      "Ana Silva,a@example.com,Northwind,OPS ,,Patches,Yes,2027-03-03,09:00:00,2027-03-03,09:20:00,00:20:00,",
    ].join("\n"));
    const plan = refused(await importTimesheet(workbook, request(toggl, [], "toggl.csv")));
    expect(plan.problems.map((p) => [p.code, p.message, p.sheet])).toEqual([
      ["UNMAPPED_PROJECT", 'Line 2: project "Ops" is not mapped to a line of the contract; add it to the mapping.', undefined],
      ["UNMAPPED_PROJECT", 'Line 3: project "Portal", task "Design" is not mapped to a line of the contract; add it to the mapping.', undefined],
      ["UNMAPPED_PROJECT", 'Line 4: project "Ops" is not mapped to a line of the contract; add it to the mapping.', undefined],
      ["UNMAPPED_PROJECT", 'Line 5: project "OPS" is not mapped to a line of the contract; add it to the mapping.', undefined],
    ]);
    // 20 minutes is 0.333333 h (six decimals, half-up): three of them 0.999999, exactly.
    expect(plan.unmapped).toEqual([{ project: "Ops", task: "", rows: 3, hours: "0.999999" }, { project: "Portal", task: "Design", rows: 1, hours: "1.5" }]);
    expect(plan.lines).toEqual([{ id: "A1", description: "Architecture (time)" }, { id: "D1", description: "Development (time)" }, { id: "F1", description: "Acceptance workshop (fixed fee)" }]);
    expect(copyState(workbook.state)).toBe(before);
    expect(workbook.roundTrips).toBe(1);
  });

  test("a mapping is remembered: the next export of the project needs none, a task's mapping winning over its project's", async () => {
    const workbook = await contract();
    imported(await importTimesheet(workbook, request(harvest(MARCH[0] as string, MARCH[1] as string), PORTAL)));
    const april = imported(await importTimesheet(workbook, request(harvest("2027-04-01,Northwind,Portal,Design,Icons,2,Yes,Ana,Silva,Designer", "2027-04-01,Northwind,portal,Review,Code review,1.5,Yes,Ben,Okafor,Developer"))));
    expect(april.imported.map((entry) => [entry.note, entry.line])).toEqual([["Icons", "A1"], ["Code review", "D1"]]);
    expect(april.appends.map((append) => append.table)).toEqual(["timesheet"]);
  });

  test("a mapping given to a line the milestone table lacks is a problem naming it; one in the table, at its Line cell", async () => {
    const workbook = await contract();
    const given = refused(await importTimesheet(workbook, request(harvest(MARCH[0] as string), [{ project: "Portal", line: "X9" }])));
    expect(given.problems).toEqual([{
      code: "UNKNOWN_LINE", sheet: undefined, cell: undefined,
      message: 'The mapping of project "Portal" to line "X9": the milestone table has no line "X9"; its lines are A1, D1, F1.',
    }]);
    await workbook.createMilestoneTable(NAMES.mappingTable, NAMES.mappingSheet, [["Project", "Task", "Line"], ["Portal", null, "d1"], ["Portal", "Design", "X9"]]);
    const typed = refused(await importTimesheet(workbook, request(harvest(MARCH[0] as string))));
    expect(typed.problems).toEqual([{
      code: "UNKNOWN_LINE", sheet: NAMES.mappingSheet, cell: "C3",
      message: 'Row 3 of the TimesheetMapping table maps project "Portal", task "Design" to line "X9", but the milestone table has no line "X9"; its lines are A1, D1, F1. Correct the line id.',
    }]);
    // Its rows are mapped nonetheless (not said to be unmapped as well).
    expect(typed.unmapped).toEqual([]);
  });

  test("a mapping given for a project the table maps already: nothing to add for the same line, a problem at the row's Line cell for another", async () => {
    const workbook = await contract();
    imported(await importTimesheet(workbook, request(harvest(MARCH[1] as string), [{ project: "Portal", line: "D1" }])));
    const same = imported(await importTimesheet(workbook, request(harvest(MARCH[2] as string), [{ project: " portal ", line: "d1" }])));
    expect(same).toMatchObject({ mapped: [] });
    expect(same.appends.map((append) => append.table)).toEqual(["timesheet"]);
    const other = refused(await importTimesheet(workbook, request(harvest(MARCH[4] as string), [{ project: "Portal", line: "A1" }])));
    expect(other.problems).toEqual([{
      code: "MAPPED_ALREADY", sheet: NAMES.mappingSheet, cell: "C2",
      message: 'The mapping of project "Portal" to line "A1": the TimesheetMapping table maps it to line "D1" already. To change it, type the new line in this cell (then import without the mapping); to keep it, leave the mapping out.',
    }]);
  });

  test("one project given two lines is a problem; the mapping table's rows are read by header, with a blank or repeated one a problem at its cell", async () => {
    const workbook = await contract();
    const twice = refused(await importTimesheet(workbook, request(harvest(MARCH[0] as string), [{ project: "Portal", line: "A1" }, { project: "PORTAL", line: "D1" }])));
    expect(twice.problems.map((p) => [p.code, p.message])).toEqual([["DUPLICATE_MAPPING", 'The mapping of project "PORTAL" to line "D1": it is also mapped to line "A1"; give one line for it.']]);
    await workbook.createMilestoneTable(NAMES.mappingTable, NAMES.mappingSheet, [["Line", "Client", "Project"], ["D1", "Northwind", "Portal"], [null, null, "Ops"], ["A1", null, "portal"]]);
    const table = refused(await importTimesheet(workbook, request(harvest(MARCH[1] as string))));
    expect(table.problems.map((p) => [p.code, p.cell])).toEqual([["REQUIRED", "A3"], ["DUPLICATE_MAPPING", "A4"]]);
  });
});

describe("what refuses an import, writing nothing", () => {
  async function expectRefused(workbook: MemoryWorkbook, csv: TimesheetImportRequest["csv"], mappings: TimesheetImportRequest["mappings"] = PORTAL): Promise<Refused> {
    const before = copyState(workbook.state);
    const plan = refused(await importTimesheet(workbook, request(csv, mappings)));
    expect(copyState(workbook.state)).toBe(before);
    return plan;
  }

  test("a bad row of the file, by its line, with the rest of the file's problems", async () => {
    const workbook = await contract();
    const plan = await expectRefused(workbook, harvest(MARCH[0] as string, "03/32/2027,Northwind,Portal,Build,API,7.25,Yes,Ben,Okafor,Developer", "2027-03-03,Northwind,Portal,Build,API,lots,Yes,Ben,Okafor,Developer"));
    expect(plan.problems.map((p) => [p.code, p.message.slice(0, 7)])).toEqual([["INVALID_DATE", "Line 3:"], ["NOT_A_NUMBER", "Line 4:"]]);
    expect(plan.unmapped).toEqual([]);
  });

  test("a CSV syntax error, by its line", async () => {
    const workbook = await contract();
    const plan = await expectRefused(workbook, harvest('2027-03-01,Northwind,Portal,Design,"Wireframes,3.5,Yes,Ana,Silva,Designer'));
    expect(plan.problems[0]).toMatchObject({ code: "CSV_SYNTAX", sheet: undefined, message: expect.stringMatching(/^Line 2: /) });
  });

  test("a Timesheet table with a cell it cannot read: the entries there could not be told from the file's", async () => {
    const workbook = await contract();
    await workbook.createMilestoneTable(NAMES.timesheetTable, "Hours", [["Date", "Person", "Role", "Line", "Hours", "Note"], [isoToSerial("2027-02-01"), "Ana Silva", "Designer", "A1", "two", "Kick-off"]]);
    const plan = await expectRefused(workbook, harvest(MARCH[0] as string));
    expect(plan.problems).toEqual([{ code: "NOT_A_NUMBER", sheet: "Hours", cell: "E2", message: expect.stringContaining('"Hours" holds the text "two", not a number') as unknown }]);
  });

  test("a person's Timesheet table without the Note, Billable or Role the entries have: a problem at its header, naming the column to add", async () => {
    const workbook = await contract();
    await workbook.createMilestoneTable(NAMES.timesheetTable, "Hours", [["Date", "Person", "Line", "Hours"], [isoToSerial("2027-02-01"), "Ana Silva", "A1", 2]]);
    const plan = await expectRefused(workbook, harvest(...MARCH));
    expect(plan.problems.map((p) => [p.code, p.cell, p.message])).toEqual([
      ["MISSING_COLUMN", "A1", "The Timesheet table has no Note column, and the file has 5 entries with a note, which tells an entry from another (without the column, the next import would add them again). Add a column headed Note to the table, then import the timesheet again."],
      ["MISSING_COLUMN", "A1", "The Timesheet table has no Billable column, and the file has 1 entry not billable, which without the column would be billed. Add a column headed Billable to the table, then import the timesheet again."],
      ["MISSING_COLUMN", "A1", "The Timesheet table has no Role column, and the file has 5 entries with a role, which the Rates table prices by. Add a column headed Role to the table, then import the timesheet again."],
    ]);
  });

  test("a protected Timesheet sheet; a sheet named Timesheet without the table; the name taken", async () => {
    const table = await contract();
    await table.createMilestoneTable(NAMES.timesheetTable, "Hours", [["Date", "Person", "Role", "Line", "Hours", "Billable", "Note"]]);
    const hours = findSheet(table.state, "Hours");
    if (hours === undefined) throw new Error("no Hours sheet");
    hours.protected = true;
    expect((await expectRefused(table, harvest(MARCH[0] as string))).problems.map((p) => [p.code, p.sheet, p.cell])).toEqual([["SHEET_PROTECTED", "Hours", "A1"]]);

    const sheet = await contract();
    await sheet.createMilestoneTable("MyHours", NAMES.timesheetSheet, [["When", "Who"]]);
    expect((await expectRefused(sheet, harvest(MARCH[0] as string))).problems.map((p) => p.code)).toEqual(["SHEET_EXISTS"]);

    const name = await contract();
    name.state.names.push({ name: "timesheet", sheet: NAMES.milestones });
    expect((await expectRefused(name, harvest(MARCH[0] as string))).problems.map((p) => p.code)).toEqual(["NAME_TAKEN"]);
  });

  test("a workbook without a milestone table: no line to map to", async () => {
    const workbook = new MemoryWorkbook();
    const plan = await expectRefused(workbook, harvest(MARCH[0] as string));
    expect(plan.problems.map((p) => p.code)).toEqual(["NO_TABLE", "UNKNOWN_LINE", "UNKNOWN_LINE"]);
    expect(plan.lines).toEqual([]);
  });
});
