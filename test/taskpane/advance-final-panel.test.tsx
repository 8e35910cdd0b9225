import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findSheet, findTable, setCell, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { PROGRESS, advanceContract } from "../support/advance-contract";

// The Invoice tab's advance invoice and final invoice (docs/decisions/0036): the advance invoice
// offered while the contract can have one, the final invoice suggested once every line is
// complete and issued only when asked for.

jest.setTimeout(30_000);
const TODAY = new Date("2026-12-15T12:00:00Z");
beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => jest.useRealTimers());

function renderApp(host: MemoryHost) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
  return user;
}

const kinds = (workbook: MemoryWorkbook) => tableValues(workbook.state, findTable(workbook.state, NAMES.invoicesTable)!).slice(1).map((row) => row[1]);

function setPercent(workbook: MemoryWorkbook, percent: Record<string, number>): void {
  const sheet = findSheet(workbook.state, NAMES.milestones)!;
  sheet.cells.forEach((cells, row) => {
    const value = percent[String(cells[0])];
    if (value !== undefined) setCell(sheet, row, 3, value);
  });
}

describe("the advance and the final invoice in the task pane", () => {
  it("offers the advance invoice with what it charges, issues it, and offers it no more", async () => {
    const workbook = new MemoryWorkbook(emptyState());
    await advanceContract(workbook);
    const user = renderApp(new MemoryHost(workbook));
    expect(await screen.findByText(/The contract has an advance of .*30,000\.00.*charges .*5,700\.00.* of VAT on it, .*35,700\.00.* in all/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Issue advance invoice INV-0001" }));
    expect(await screen.findByText("INV-0001 issued")).toBeInTheDocument();
    expect(document.body.textContent).toMatch(/Advance invoice: amount due .*35,700\.00\. Written to the sheet INV-0001 and the billing log\./);
    expect(kinds(workbook)).toEqual(["advance invoice"]);
    await waitFor(() => expect(screen.queryByRole("button", { name: /Issue advance invoice/ })).toBeNull());
  });

  it("suggests the final invoice once every line is complete, and issues it when asked", async () => {
    const workbook = new MemoryWorkbook(emptyState());
    await advanceContract(workbook);
    for (const step of PROGRESS) {
      setPercent(workbook, step.percent);
      const outcome = await generateInvoice(workbook, { invoiceDate: step.date });
      expect(outcome.ok).toBe(true);
    }
    setPercent(workbook, { A: 1, B: 1, C: 1 });
    const user = renderApp(new MemoryHost(workbook));
    expect(await screen.findByText(/Every line is complete: this can be the final invoice/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Generate invoice INV-0004" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Make it the final invoice" }));
    expect(screen.getByRole("switch", { name: /Final invoice/ })).toBeChecked();
    expect(await screen.findByText("Final invoice: the contract, less the partial invoices")).toBeInTheDocument();
    expect(screen.getByText("Less INV-0001 of 2026-08-31")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Generate final invoice INV-0004" }));
    expect(await screen.findByText("INV-0004 issued")).toBeInTheDocument();
    expect(kinds(workbook)).toEqual(["invoice", "invoice", "invoice", "final invoice"]);
  });
});
