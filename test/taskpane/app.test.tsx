import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES, WorkbookError } from "../../src/workbook/port";
import { sampleWorkbook, setMilestone } from "../workbook/helpers";

const INVOICE_DATE = new Date("2026-03-31T12:00:00Z");

beforeEach(() => {
  // Invoices are dated today: a fixed today keeps the period and the figures the same.
  jest.useFakeTimers({ now: INVOICE_DATE, advanceTimers: true });
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

function renderApp(host: MemoryHost, exportInvoice = jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={exportInvoice} />);
  return { user, exportInvoice };
}

const invoiceRows = (host: MemoryHost) => {
  const table = findTable(host.memory.state, NAMES.invoicesTable);
  return table === undefined ? [] : tableValues(host.memory.state, table).slice(1);
};

describe("the task pane", () => {
  it("welcomes an empty workbook and inserts the sample, whose next invoice it previews", async () => {
    const host = new MemoryHost();
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Insert sample milestone table" }));

    expect(await screen.findByRole("heading", { name: "Next invoice: INV-0001" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Insert sample milestone table" })).not.toBeInTheDocument();
    // Worked by hand: 85,087.50 of work, 5 % retention 4,254.38, tax 19 % on 65,087.50 and 9 % on 20,000.
    expect(screen.getByTestId("preview-total-due")).toHaveTextContent("€94,999.75");
    expect(screen.getByRole("status")).toHaveTextContent("Sample milestone table inserted on the Milestones sheet.");
  });

  it("inserts the sample billed from a timesheet: T1 without typed hours, and a Rates table to price the imported ones", async () => {
    const host = new MemoryHost();
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Insert sample billed from a timesheet" }));

    expect(await screen.findByRole("heading", { name: "Next invoice: INV-0001" })).toBeInTheDocument();
    // The sample without T1's 4,887.50 of typed hours: work 80,200.00, retention 4,010.00 (the sample's
    // 4,254.38 less T1's 244.38), payment due 76,190.00; tax 19 % on 60,200.00 = 11,438.00 and 9 % on
    // 20,000.00 = 1,800.00: total due 89,428.00.
    expect(screen.getByTestId("preview-total-due")).toHaveTextContent("€89,428.00");
    const snapshot = await host.workbook.read(NAMES.milestones);
    expect(snapshot.rates?.values).toEqual([["Role", "Rate", "Per", "Valid from"], ["Consultant", 115, "hour", null], ["Consultant", 120, "hour", 46357], ["Senior consultant", 140, "hour", null]]);
    expect(screen.getByRole("status")).toHaveTextContent("import a timesheet to bill T1");
  });

  it("updates the preview when the table changes", async () => {
    const host = new MemoryHost(await sampleWorkbook().then((w) => w));
    renderApp(host);
    expect(await screen.findByTestId("preview-total-due")).toHaveTextContent("€94,999.75");
    act(() => host.edit("Milestones", 3, 3, 0.5)); // M3 from 25 % to 50 %
    await waitFor(() => expect(screen.getByTestId("preview-total-due")).toHaveTextContent("€122,359.75"));
  });

  it("lists a problem in plain words, and its button selects the cell", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M2", "% complete", 55);
    const host = new MemoryHost(workbook);
    const select = jest.spyOn(host, "selectCell");
    const { user } = renderApp(host);

    const problem = await screen.findByRole("button", { name: "Select Milestones!D3" });
    expect(problem.closest("li")).toHaveTextContent(/not 55\. Did you mean 55 %\?/);
    await user.click(problem);
    expect(select).toHaveBeenCalledWith("Milestones", "D3");
    expect(host.getView()).toMatchObject({ sheet: "Milestones", cell: "D3" });
  });

  it("generates once, announces the result, and refuses to bill the same period twice", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const { user, exportInvoice } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));

    expect(await screen.findByText("INV-0001 issued")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("INV-0001 issued. Amount due €94,999.75.");
    expect(invoiceRows(host)).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Export INV-0001 as PDF" }));
    expect(exportInvoice).toHaveBeenCalledWith(host, "pdf", expect.objectContaining({ number: "INV-0001" }));
    await user.click(screen.getByRole("button", { name: "Open sheet" }));
    expect(host.getView().sheet).toBe("INV-0001");

    await user.click(screen.getByRole("button", { name: /^Generate invoice/ }));
    const refused = await screen.findByText("Nothing was written: fix these first");
    expect(refused.parentElement).toHaveTextContent(/The period ending 2026-03-31 is already billed/);
    expect(invoiceRows(host)).toHaveLength(1);
    expect(screen.getByRole("status")).toHaveTextContent("Nothing was written: 1 problem to fix.");
  });

  it("shows progress while generating and keeps the button from a second click", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    let release: () => void = () => undefined;
    const commit = host.workbook.commitInvoice.bind(host.workbook);
    host.workbook.commitInvoice = (c) => new Promise<void>((resolve) => (release = resolve)).then(() => commit(c));
    const { user } = renderApp(host);
    const button = await screen.findByRole("button", { name: "Generate invoice INV-0001" });
    await user.click(button);

    expect(await screen.findByRole("progressbar", { name: "Generating the invoice" })).toBeInTheDocument();
    expect(button).toBeDisabled();
    act(() => release());
    expect(await screen.findByText("INV-0001 issued")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  it("lists issued invoices in History, with the progress against the contract sum", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    await screen.findByText("INV-0001 issued");

    await user.click(screen.getByRole("tab", { name: "History" }));
    const history = screen.getByRole("tabpanel", { name: "History" });
    const row = within(history).getByRole("row", { name: /INV-0001/ });
    expect(row).toHaveTextContent("2026-03-31");
    expect(row).toHaveTextContent("€94,999.75");
    // 85,087.50 billed of 224,500 (215,000 and the 9,500 change order): 38 %.
    expect(within(history).getByRole("img")).toHaveAccessibleName(
      "Billed to date €85,087.50 of the contract sum €224,500.00 (38%) after INV-0001.",
    );
  });

  it("says so when the workbook cannot be read, in Interim's words", async () => {
    const host = new MemoryHost();
    host.workbook.read = () => Promise.reject(new WorkbookError("BUSY", "Excel is busy: try again in a moment."));
    renderApp(host);
    expect(await screen.findByText("Cannot read the workbook: Excel is busy: try again in a moment.")).toBeInTheDocument();
  });

  it("never shows Excel's raw error text: a plain sentence instead", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const host = new MemoryHost();
    host.workbook.read = () => Promise.reject(new Error("RichApi.Error: The requested resource doesn't exist."));
    renderApp(host);
    const message = await screen.findByText(/^Cannot read the workbook: Something unexpected stopped Interim\./);
    expect(message).not.toHaveTextContent("RichApi");
  });
});
