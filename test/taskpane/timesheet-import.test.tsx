/**
 * Import timesheet on the Invoice tab: a Harvest export into the sample contract whose
 * time-and-materials line T1 is billed from the timesheet, its project mapped to T1 in the pane,
 * and the hours become T1's amount this period in the preview.
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { isoToSerial, serialToIso } from "../../src/workbook/dates";
import { findTable, newSheet, tableValues } from "../../src/workbook/memory-workbook";
import { type CellValue, MAPPING_HEADERS, NAMES, TIMESHEET_HEADERS } from "../../src/workbook/port";
import { copyState, sampleWorkbook, setMilestone } from "../workbook/helpers";

const TODAY = new Date("2026-12-02T12:00:00Z");
// Each test clicks through reads and writes; on a loaded machine that takes more than jest's 5 s.
jest.setTimeout(30_000);

beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

/** A Harvest detailed time report: November's hours on the data migration, dates month first as Harvest writes them in the US. */
const HARVEST = [
  "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,Last Name,Roles",
  "11/03/2026,Contoso Logistics,ERP migration,ERP,Data migration,Mapping workshop,6,Yes,No,Ana,Silva,Analyst",
  "11/10/2026,Contoso Logistics,ERP migration,ERP,Data migration,Load scripts,7.5,Yes,No,Ben,Okafor,Analyst",
  '11/17/2026,Contoso Logistics,ERP migration,ERP,Data migration,"Load test, second run",3.25,Yes,No,Ben,Okafor,Analyst',
].join("\r\n");

/**
 * The sample with T1 billed from the timesheet: its typed hours and rate cleared, and a Rates
 * table (analysts at 115 an hour, Ana Silva at 120 of her own); `mapping`, the rows of a
 * TimesheetMapping table from an earlier import (Project, Task, Line).
 */
async function timesheetContract(mapping?: CellValue[][]): Promise<MemoryHost> {
  const workbook = await sampleWorkbook();
  setMilestone(workbook.state, "T1", "Hours to date", null);
  setMilestone(workbook.state, "T1", "Hourly rate", null);
  await workbook.createMilestoneTable(NAMES.ratesTable, "Rates", [
    ["Role", "Person", "Rate", "Per", "Valid from"],
    ["Analyst", null, 115, "hour", null],
    [null, "Ana Silva", 120, "hour", null],
  ]);
  if (mapping !== undefined) await workbook.createMilestoneTable(NAMES.mappingTable, NAMES.mappingSheet, [[...MAPPING_HEADERS], ...mapping]);
  return new MemoryHost(workbook);
}

async function openImport(host: MemoryHost) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
  await screen.findByRole("heading", { name: "Next invoice: INV-0001" });
  // November's invoice: every entry of the file is in its period.
  fireEvent.change(screen.getByLabelText("Invoice date"), { target: { value: "2026-11-30" } });
  fireEvent.change(screen.getByLabelText("Period end"), { target: { value: "2026-11-30" } });
  await screen.findByText(/to 2026-11-30, dated 2026-11-30\.$/);
  await user.click(screen.getByRole("button", { name: "Import timesheet" }));
  // The panel is loaded when first opened.
  const panel = await screen.findByRole("region", { name: "Import timesheet" });
  return { user, panel };
}

/** Chooses a file as the file picker would hand it over. */
async function chooseFile(panel: HTMLElement, name: string, text: string): Promise<void> {
  const input = panel.querySelector<HTMLInputElement>("input[type=file]");
  if (input === null) throw new Error("no file input");
  fireEvent.change(input, { target: { files: [new File([text], name, { type: "text/csv" })] } });
  await within(panel).findByRole("button", { name: `Import ${name}` });
}

/** The preview's amount this period for a line, by its id. */
const thisPeriod = (id: string) => screen.getByRole("rowheader", { name: new RegExp(`^${id} `) }).parentElement?.querySelector("td")?.textContent;

const rowsOf = (host: MemoryHost, name: string) => {
  const table = findTable(host.memory.state, name);
  return table === undefined ? undefined : tableValues(host.memory.state, table);
};

describe("Import timesheet", () => {
  it("asks for the line of an unmapped project, imports with it, and the preview bills the hours", async () => {
    const host = await timesheetContract();
    const { user, panel } = await openImport(host);
    // Nothing billed on T1 before the import: no hours, and no progress typed.
    expect(thisPeriod("T1")).toBe("€0.00");

    await chooseFile(panel, "harvest-2026-11.csv", HARVEST);
    const before = copyState(host.memory.state);
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));

    // The project is offered the milestone lines; its rows are not listed one by one.
    const choice = await within(panel).findByRole("combobox", { name: "ERP migration / Data migration" });
    expect(within(panel).getByText("3 rows, 16.75 h")).toBeInTheDocument();
    expect(within(panel).queryByText(/is not mapped to a line/)).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Nothing was imported: choose a line for 1 project.");
    expect(copyState(host.memory.state)).toBe(before);

    // Import with no line chosen: the field says so, and still nothing is written.
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));
    expect(within(panel).getByText("Choose the line its hours go to.")).toBeInTheDocument();
    expect(copyState(host.memory.state)).toBe(before);

    await user.click(choice);
    await user.click(screen.getByRole("option", { name: "T1 — Data migration support (time and materials, capped)" }));
    expect(choice).toHaveTextContent("T1 — Data migration support (time and materials, capped)");
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));

    const text = "Imported 3 entries from harvest-2026-11.csv (Harvest): T1 16.75 h. The mapping is kept on the Timesheet mapping sheet.";
    expect(await within(panel).findByText(text)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(text);
    // Worked by hand: Ana Silva 6 h at her own 120 = 720.00, Ben Okafor 10.75 h at the analysts' 115 = 1,236.25.
    await waitFor(() => expect(thisPeriod("T1")).toBe("€1,956.25"));

    const timesheet = rowsOf(host, NAMES.timesheetTable);
    expect(timesheet?.[0]).toEqual([...TIMESHEET_HEADERS]);
    expect(timesheet?.slice(1).map((row) => [serialToIso(Number(row[0])), ...row.slice(1, 5), row[6], row[7]])).toEqual([
      ["2026-11-03", "Ana Silva", "Analyst", "T1", 6, "Yes", "Mapping workshop"],
      ["2026-11-10", "Ben Okafor", "Analyst", "T1", 7.5, "Yes", "Load scripts"],
      ["2026-11-17", "Ben Okafor", "Analyst", "T1", 3.25, "Yes", "Load test, second run"],
    ]);
    expect(rowsOf(host, NAMES.mappingTable)?.slice(1)).toEqual([["ERP migration", "Data migration", "T1"]]);

    // The same file again: the mapping is remembered, and nothing is added twice.
    await chooseFile(panel, "harvest-2026-11.csv", HARVEST);
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));
    expect(await within(panel).findByText("Nothing new in harvest-2026-11.csv (Harvest): its 3 entries are in the Timesheet table already.")).toBeInTheDocument();
    expect(within(panel).queryByRole("combobox")).not.toBeInTheDocument();
    expect(rowsOf(host, NAMES.timesheetTable)).toHaveLength(4);
  });

  it("lists a file's bad rows by line, as text, and imports nothing", async () => {
    const host = await timesheetContract();
    const { user, panel } = await openImport(host);
    const bad = [HARVEST.split("\r\n")[0], "11/31/2026,Contoso Logistics,ERP migration,ERP,Data migration,Review,two,Yes,No,Ana,Silva,Analyst"].join("\n");
    await chooseFile(panel, "harvest-bad.csv", bad);
    const before = copyState(host.memory.state);
    await user.click(within(panel).getByRole("button", { name: "Import harvest-bad.csv" }));

    await within(panel).findByText("Nothing was imported: fix these first");
    const problems = within(panel).getAllByRole("listitem").map((item) => item.textContent);
    expect(problems).toEqual([expect.stringMatching(/^Line 2: "11\/31\/2026" is not a date/), expect.stringMatching(/^Line 2: the duration must be a number, not "two"/)]);
    // A file's line is no cell to select.
    expect(within(panel).queryByRole("button", { name: /^Select / })).not.toBeInTheDocument();
    expect(copyState(host.memory.state)).toBe(before);
  });

  it("reads dates day first when asked, with the project mapped in the workbook already", async () => {
    const host = await timesheetContract([["ERP migration", null, "T1"]]);
    const { user, panel } = await openImport(host);
    const header = HARVEST.split("\r\n")[0] ?? "";
    await chooseFile(panel, "harvest-uk.csv", `${header}\n17/11/2026,Contoso Logistics,ERP migration,ERP,Data migration,Cut-over rehearsal,4,Yes,No,Ben,Okafor,Analyst\n`);
    await user.click(within(panel).getByRole("button", { name: "Import harvest-uk.csv" }));
    expect(await within(panel).findByText(/^Line 2: "17\/11\/2026" is not a date/)).toBeInTheDocument();

    await user.click(within(panel).getByRole("checkbox", { name: "Dates are day first (31/03/2027)" }));
    await user.click(within(panel).getByRole("button", { name: "Import harvest-uk.csv" }));
    // The mapping came from the workbook: nothing to say about it.
    expect(await within(panel).findByText("Imported 1 entry from harvest-uk.csv (Harvest): T1 4 h.")).toBeInTheDocument();
    expect(rowsOf(host, NAMES.timesheetTable)?.[1]?.slice(0, 5)).toEqual([isoToSerial("2026-11-17"), "Ben Okafor", "Analyst", "T1", 4]);
    // 4 h at the analysts' 115.
    await waitFor(() => expect(thisPeriod("T1")).toBe("€460.00"));
  });

  it("lists a workbook problem at its cell, whose button selects it", async () => {
    const host = await timesheetContract([["ERP migration", null, "Z9"]]);
    const select = jest.spyOn(host, "selectCell");
    const { user, panel } = await openImport(host);
    await chooseFile(panel, "harvest-2026-11.csv", HARVEST);
    const before = copyState(host.memory.state);
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));

    const cell = await within(panel).findByRole("button", { name: "Select Timesheet mapping!C2" });
    expect(within(panel).getByRole("listitem")).toHaveTextContent(/maps project "ERP migration" to line "Z9", but the milestone table has no line "Z9"; its lines are M1, M2, M3, M4, M5, T1, L1, CO1\. Correct the line id\.$/);
    await user.click(cell);
    expect(select).toHaveBeenCalledWith("Timesheet mapping", "C2");
    expect(copyState(host.memory.state)).toBe(before);
  });

  it("keeps the line chosen through a refusal for another reason, and imports with it once that is fixed", async () => {
    const host = await timesheetContract();
    // A sheet of the name Interim gives the Timesheet table's sheet, holding no such table.
    host.memory.state.sheets.push(newSheet("Timesheet", [["Hours worked in 2025"]]));
    const { user, panel } = await openImport(host);
    await chooseFile(panel, "harvest-2026-11.csv", HARVEST);
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));
    await user.click(await within(panel).findByRole("combobox", { name: "ERP migration / Data migration" }));
    await user.click(screen.getByRole("option", { name: "T1 — Data migration support (time and materials, capped)" }));
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));

    expect(await within(panel).findByText(/^A sheet named "Timesheet" exists but holds no table named Timesheet/)).toBeInTheDocument();
    expect(findTable(host.memory.state, NAMES.mappingTable)).toBeUndefined();
    // The choice is still there, and goes with the next try.
    expect(within(panel).getByRole("combobox", { name: "ERP migration / Data migration" })).toHaveTextContent("T1 — Data migration support");

    host.memory.state.sheets = host.memory.state.sheets.filter((sheet) => sheet.name !== "Timesheet");
    await user.click(within(panel).getByRole("button", { name: "Import harvest-2026-11.csv" }));
    expect(await within(panel).findByText("Imported 3 entries from harvest-2026-11.csv (Harvest): T1 16.75 h. The mapping is kept on the Timesheet mapping sheet.")).toBeInTheDocument();
    expect(rowsOf(host, NAMES.mappingTable)?.slice(1)).toEqual([["ERP migration", "Data migration", "T1"]]);
  });

  it("says when a file is no export it reads", async () => {
    const host = await timesheetContract();
    const { user, panel } = await openImport(host);
    await chooseFile(panel, "notes.csv", "Day,What\n2026-11-03,Workshop\n");
    await user.click(within(panel).getByRole("button", { name: "Import notes.csv" }));
    expect(await within(panel).findByText(/The file's first row \(Day, What\) is not the header of a Harvest, Toggl Track, Clockify or Kimai export/)).toBeInTheDocument();
  });

  it("says when the file chosen cannot be read, and what to do", async () => {
    const host = await timesheetContract();
    const { panel } = await openImport(host);
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const gone = new File([""], "moved.csv", { type: "text/csv" });
    // As a browser fails to read a file deleted or moved since it was chosen.
    jest.spyOn(gone, "text").mockRejectedValue(new DOMException("The requested file could not be read.", "NotReadableError"));
    fireEvent.change(panel.querySelector("input[type=file]") as HTMLInputElement, { target: { files: [gone] } });
    expect(await within(panel).findByText("moved.csv could not be read. Check that the file is still there, then choose it again.")).toBeInTheDocument();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ name: "NotReadableError" }));
    expect(within(panel).getByRole("button", { name: "Import" })).toBeDisabled();
  });

  it("closes, and gives the focus back to the button that opened it", async () => {
    const host = await timesheetContract();
    const { user, panel } = await openImport(host);
    expect(screen.getByRole("button", { name: "Import timesheet" })).toHaveAttribute("aria-expanded", "true");
    await user.click(within(panel).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("region", { name: "Import timesheet" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Import timesheet" })).toHaveFocus();
    expect(screen.getByRole("button", { name: "Import timesheet" })).toHaveAttribute("aria-expanded", "false");
  });
});
