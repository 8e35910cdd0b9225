/**
 * The browser preview's grid shows the workbook as Excel would: each cell in its number format,
 * each column wide enough for its header.
 */
import { act, render, screen } from "@testing-library/react";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { SheetGrid } from "../../src/taskpane/preview/sheet-grid";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { NAMES } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";

async function sampleHost(): Promise<MemoryHost> {
  const host = new MemoryHost();
  await insertSample(host.workbook);
  return host;
}

describe("the preview's grid", () => {
  it("shows the milestone table's percentages as %, amounts with separators and hours with their decimals", async () => {
    render(<SheetGrid host={await sampleHost()} />);
    const cell = (address: string) => screen.getByLabelText(`${NAMES.milestones}!${address}`);
    // CO1 in row 9: 9,500.00 at 40.0 %; T1 in row 7: 42.50 hours at 115.00; L1 in row 8: tax 9.0 %.
    expect([cell("C9"), cell("D9"), cell("E7"), cell("F7"), cell("I8")].map((input) => (input as HTMLInputElement).value)).toEqual([
      "9,500.00", "40.0%", "42.50", "115.00", "9.0%",
    ]);
  });

  it("shows the billing log's dates as dates and amounts with separators, every header in full", async () => {
    const host = await sampleHost();
    expect(await generateInvoice(host.workbook, { invoiceDate: "2026-03-31" })).toMatchObject({ ok: true });
    await act(() => host.showSheet(NAMES.logSheet));
    const { container } = render(<SheetGrid host={host} />);
    const cell = (address: string) => container.querySelector(`[data-cell="${address}"]`)?.textContent;
    expect([cell("A2"), cell("D2"), cell("F2"), cell("R2"), cell("S2")]).toEqual(["INV-0001", "2026-03-31", "2026-03-31", "94,999.75", "8"]);
    // Each column at least as wide as its longest text: "Completed and stored to date" (J) is not cut.
    const widths = [...container.querySelectorAll("colgroup col")].slice(1).map((col) => (col as HTMLElement).style.width);
    expect(widths[9]).toBe(`${"Completed and stored to date".length + 1}ch`);
  });
});
