/**
 * Excel at run time: cell-edit mode and Excel's errors, through the fake Excel, which behaves as
 * Microsoft documents (see docs/decisions/0024-excel-at-run-time.md).
 */
import { excelFailure } from "../../src/workbook/excel-errors";
import { findSheet } from "../../src/workbook/memory-workbook";
import { selectCell, showSheet, watchTables } from "../../src/workbook/office-navigation";
import { type ExcelRun, OfficeWorkbook } from "../../src/workbook/office-workbook";
import { NAMES, WorkbookError } from "../../src/workbook/port";
import { FakeExcelError, fakeExcelRun } from "../support/fake-excel";
import { copyState, sampleWorkbook } from "./helpers";

/** Whether a promise has settled once everything queued so far has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
  return done;
}

async function sampleInExcel() {
  const state = (await sampleWorkbook()).state;
  const fake = fakeExcelRun(state);
  return { state, fake, office: new OfficeWorkbook(fake.run) };
}

const CELL_EDIT_TEXT = "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.";

describe("cell-edit mode", () => {
  it("fails a run without delayForCellEdit with Excel's own error, and applies nothing", async () => {
    const { state, fake } = await sampleInExcel();
    const before = copyState(state);
    fake.editCell();
    const failure = fake.run(async (context) => {
      context.workbook.worksheets.add("Elsewhere");
      await context.sync();
    });
    await expect(failure).rejects.toBeInstanceOf(FakeExcelError);
    await expect(failure).rejects.toMatchObject({ name: "RichApi.Error", code: "InvalidOperationInCellEditMode", message: CELL_EDIT_TEXT });
    expect(copyState(state)).toBe(before);
  });

  it("holds every batch of the Office.js port until the user leaves the cell, then runs it", async () => {
    const { state, fake, office } = await sampleInExcel();
    const endEdit = fake.editCell();
    const reading = office.read(NAMES.milestones);
    const writing = office.writeSettings([{ key: "Client reference", value: "PO-77", row: undefined }], false);
    expect([await settled(reading), await settled(writing)]).toEqual([false, false]);
    endEdit();
    await expect(reading).resolves.toMatchObject({ milestones: { name: NAMES.milestones } });
    await writing;
    expect(JSON.stringify(findSheet(state, NAMES.settingsSheet)?.cells)).toContain("PO-77");
  });

  it("holds navigation too: selecting a cell and showing a sheet wait for the edit to end", async () => {
    const { fake } = await sampleInExcel();
    const endEdit = fake.editCell();
    const selecting = selectCell("Milestones", "D4", fake.run);
    const showing = showSheet("Milestones", fake.run);
    expect([await settled(selecting), await settled(showing)]).toEqual([false, false]);
    endEdit();
    await expect(Promise.all([selecting, showing])).resolves.toEqual([undefined, undefined]);
  });

  it("registers the table watcher while the user edits, calls back on each change, and stops when asked", async () => {
    const { fake } = await sampleInExcel();
    const endEdit = fake.editCell();
    const changes: number[] = [];
    const watching = watchTables(() => changes.push(changes.length), fake.run);
    expect(await settled(watching)).toBe(false);
    endEdit();
    const stop = await watching;
    await fake.changeTable();
    expect(changes).toEqual([0]);
    stop();
    await settled(Promise.resolve());
    await fake.changeTable();
    expect(changes).toEqual([0]);
  });

  it("on a host that ignores delayForCellEdit, fails in plain words, not Excel's", async () => {
    const { fake } = await sampleInExcel();
    const ignoringTheOption: ExcelRun = (_options, batch) => fake.run(batch);
    fake.editCell();
    const failure = new OfficeWorkbook(ignoringTheOption).read(NAMES.milestones);
    await expect(failure).rejects.toBeInstanceOf(WorkbookError);
    await expect(failure).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode", message: expect.stringContaining("finish editing a cell") });
  });
});

describe("Excel's errors in plain words", () => {
  it("turns each RichApi code into its own sentence, never Excel's text, keeping the code and the cause", () => {
    const codes = [
      "InvalidOperationInCellEditMode", "AccessDenied", "ItemNotFound", "ItemAlreadyExists", "InvalidArgument",
      "RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "ActivityLimitReached", "Conflict",
      "GeneralException", "FilteredRangeConflict", "InactiveWorkbook",
    ];
    const sentences = new Set<string>();
    for (const code of codes) {
      const raw = new FakeExcelError(code, `raw text for ${code}`, "context.sync");
      const error = excelFailure(raw);
      expect(error).toBeInstanceOf(WorkbookError);
      expect(error).toMatchObject({ code, cause: raw });
      expect(error.message).not.toContain("raw text");
      expect(error.message).toMatch(/\.$/);
      sentences.add(error.message);
    }
    // Payload limits share no sentence with the rest; every code says its own thing.
    expect(sentences.size).toBe(codes.length);
  });

  it("says something plain for a code it does not know, or for an error that has none", () => {
    expect(excelFailure(new FakeExcelError("SomethingNew", "Internal text 0x80004005"))).toMatchObject({ code: "SomethingNew", message: expect.stringMatching(/^Excel could not complete/) });
    expect(excelFailure(new TypeError("x is undefined"))).toMatchObject({ code: "Unknown", message: expect.stringMatching(/^Excel could not complete/) });
  });

  it("reports a write into a protected sheet as protection, with nothing written", async () => {
    const { state, office } = await sampleInExcel();
    const contract = findSheet(state, NAMES.settingsSheet);
    if (contract === undefined) throw new Error("no Contract sheet");
    contract.protected = true;
    const before = copyState(state);
    const failure = office.writeSettings([{ key: "Client reference", value: "PO-77", row: undefined }], false);
    await expect(failure).rejects.toBeInstanceOf(WorkbookError);
    await expect(failure).rejects.toMatchObject({ code: "AccessDenied", message: expect.stringContaining("Unprotect the sheet") });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining("You cannot perform the requested operation") });
    expect(copyState(state)).toBe(before);
  });

  it("gives every method of the Office.js port and the navigation a WorkbookError, not a RichApi.Error", async () => {
    const { office, fake } = await sampleInExcel();
    const layout = { name: NAMES.milestones, blocks: [], columnWidths: [], printArea: "A1:A1", orientation: "portrait" as const, paper: "a4" as const, fitToPagesWide: 1, printTitleRows: undefined };
    const failures: Promise<unknown>[] = [
      office.writeInvoiceSheet(layout, undefined),
      office.createMilestoneTable("Again", NAMES.milestones, [["Id", "Scheduled value"]]),
      office.createBillingLog(),
      office.writeSettings([], true),
      selectCell("No such sheet", "A1", fake.run),
      showSheet("No such sheet", fake.run),
    ];
    for (const failure of failures) {
      await expect(failure).rejects.toBeInstanceOf(WorkbookError);
      await expect(failure).rejects.toMatchObject({ message: expect.not.stringMatching(/resource|argument is invalid|already exists\.$/) });
    }
  });
});
