/**
 * The pane in Excel while the user types: its refresh after each table change must wait for the
 * cell edit to end, never show Excel's cell-edit error (docs/decisions/0024-excel-at-run-time.md).
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import type { PaneHost } from "../../src/taskpane/host/host";
import { useWorkbook } from "../../src/taskpane/use-workbook";
import { watchTables } from "../../src/workbook/office-navigation";
import { type ExcelRun, OfficeWorkbook } from "../../src/workbook/office-workbook";
import { fakeExcelRun } from "../support/fake-excel";
import { sampleWorkbook, setMilestone } from "../workbook/helpers";

describe("the pane's refresh in Excel", () => {
  it("never shows an error while the user types: the refresh after a change waits for the edit", async () => {
    const state = (await sampleWorkbook()).state;
    const fake = fakeExcelRun(state);
    // The two members useWorkbook uses, wired as excel-host.ts wires them, over the fake.
    const host = { workbook: new OfficeWorkbook(fake.run), watch: (onChange: () => void) => watchTables(onChange, fake.run) } as unknown as PaneHost;
    const { result } = renderHook(() => useWorkbook(host));
    await waitFor(() => expect(result.current.view).toBeDefined());
    const before = result.current.view;

    // The user commits 50 % in one cell and goes straight on typing into the next.
    setMilestone(state, "M3", "% complete", 0.5);
    const endEdit = fake.editCell();
    try {
      await act(() => fake.changeTable());
      await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
      expect(result.current.error).toBeUndefined();
      expect(result.current.view).toBe(before);
    } finally {
      endEdit();
    }
    await waitFor(() => expect(result.current.view).not.toBe(before));
    expect(result.current.error).toBeUndefined();
  });

  it("on a host that ignores the cell-edit option, says what to do in plain words, never Excel's text", async () => {
    const fake = fakeExcelRun((await sampleWorkbook()).state);
    const ignoringTheOption: ExcelRun = (_options, batch) => fake.run(batch);
    const endEdit = fake.editCell();
    const host = { workbook: new OfficeWorkbook(ignoringTheOption), watch: () => Promise.resolve(() => undefined) } as unknown as PaneHost;
    const { result } = renderHook(() => useWorkbook(host));
    try {
      await waitFor(() => expect(result.current.error).toBeDefined());
      expect(result.current.error).toBe("Excel is waiting for you to finish editing a cell. Press Enter or Esc (or click another cell), then try again.");
      expect(result.current.error).not.toMatch(/cell-editing mode|Please exit the edit mode/);
    } finally {
      endEdit();
    }
  });
});
