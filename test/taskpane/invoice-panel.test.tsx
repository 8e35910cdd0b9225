import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App, type AppProps } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { findSheet, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES, WorkbookError } from "../../src/workbook/port";
import { sampleWorkbook } from "../workbook/helpers";

// The Invoice tab's own controls: dates, draft, credit note, a 0.00 invoice on request, the
// truth after a partial failure, and exports where a host cannot download.

const TODAY = new Date("2026-03-31T12:00:00Z");
// Each test clicks through several writes; on a loaded machine that takes more than jest's 5 s.
jest.setTimeout(30_000);

beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

function renderApp(host: MemoryHost, exportInvoice: AppProps["exportInvoice"] = jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={exportInvoice} />);
  return { user, exportInvoice };
}

const logRows = (host: MemoryHost) => {
  const table = findTable(host.memory.state, NAMES.invoicesTable);
  // An empty log is a header and one blank row.
  return table === undefined ? [] : tableValues(host.memory.state, table).slice(1).filter((row) => row[0] !== null && row[0] !== "");
};

const setDate = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("the Invoice tab's controls", () => {
  it("shows the plan's own period until a date is chosen, then bills the chosen period", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const { user } = renderApp(host);
    await screen.findByRole("heading", { name: "Next invoice: INV-0001" });
    const shown = screen.getByText(/^Period .* to .*, dated .*\.$/);
    // Not chosen: the inputs show the plan's dates, and the preview says the same.
    expect(shown).toHaveTextContent(`to ${screen.getByLabelText<HTMLInputElement>("Period end").value}, dated ${screen.getByLabelText<HTMLInputElement>("Invoice date").value}.`);

    setDate("Invoice date", "2026-03-31");
    setDate("Period end", "2026-03-15");
    expect(await screen.findByText(/to 2026-03-15, dated 2026-03-31\.$/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Generate invoice INV-0001" }));
    expect(await screen.findByText("INV-0001 issued")).toBeInTheDocument();
    const [row] = logRows(host);
    // Invoice date and period end as Excel serials: 2026-03-31 is 46112, 2026-03-15 is 46096.
    expect(row?.slice(0, 6)).toEqual(["INV-0001", "invoice", null, 46112, expect.any(Number), 46096]);
    // The dates were that invoice's: the next one starts from the plan's own.
    await waitFor(() => expect(screen.getByText("As usually billed")).toBeInTheDocument());
    expect(screen.getByText("Today")).toBeInTheDocument();
  });

  it("refuses a period end after the invoice date before anything is written", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    renderApp(host);
    await screen.findByRole("heading", { name: "Next invoice: INV-0001" });
    setDate("Invoice date", "2026-03-20");
    setDate("Period end", "2026-03-25");
    expect(await screen.findByText("Fix these to generate the invoice")).toBeInTheDocument();
    expect(logRows(host)).toEqual([]);
  });

  it("writes a draft sheet and records nothing when Draft is on", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("switch", { name: /Draft/ }));
    await user.click(screen.getByRole("button", { name: "Generate draft INV-0001" }));
    expect(await screen.findByText("Draft INV-0001 written")).toBeInTheDocument();
    expect(findSheet(host.memory.state, "Draft INV-0001")).toBeDefined();
    expect(logRows(host)).toEqual([]);
  });

  it("issues a credit note for the latest invoice after a confirm step, and offers its exports", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const { user, exportInvoice } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    await screen.findByText("INV-0001 issued");

    await user.click(await screen.findByRole("button", { name: "Credit note: cancel INV-0001" }));
    expect(logRows(host)).toHaveLength(1);
    const group = screen.getByRole("group", { name: "Cancel an invoice" });
    expect(within(group).getByLabelText("Credit note date")).toBeInTheDocument();
    await user.click(within(group).getByRole("button", { name: "Keep it" }));
    expect(logRows(host)).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Credit note: cancel INV-0001" }));
    await user.click(screen.getByRole("button", { name: "Issue credit note for INV-0001" }));
    expect(await screen.findByText("CN-0001 issued")).toBeInTheDocument();
    expect(logRows(host).map((row) => row[0])).toEqual(["INV-0001", "CN-0001"]);
    await user.click(screen.getByRole("button", { name: "Export CN-0001 as PDF" }));
    expect(exportInvoice).toHaveBeenCalledWith(host, "pdf", expect.objectContaining({ number: "CN-0001" }));
    // Nothing left in force to cancel.
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Credit note: cancel/ })).not.toBeInTheDocument());
  });

  it("offers a 0.00 invoice only on request when nothing was billed", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    await screen.findByText("INV-0001 issued");
    setDate("Invoice date", "2026-04-30");
    setDate("Period end", "2026-04-30");
    const anyway = await screen.findByRole("button", { name: "Issue a 0.00 invoice anyway" });
    expect(screen.getByText(/Nothing was billed since INV-0001/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /^Generate invoice/ }));
    expect(await screen.findByText("Nothing was written: fix these first")).toBeInTheDocument();
    expect(logRows(host)).toHaveLength(1);

    await user.click(anyway);
    expect(await screen.findByText("INV-0002 issued")).toBeInTheDocument();
    expect(logRows(host)).toHaveLength(2);
  });

  it("says the invoice was issued, with what did not complete, and still offers its exports", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const commit = host.workbook.commitInvoice.bind(host.workbook);
    host.workbook.commitInvoice = async (c) => {
      await commit(c);
      throw new WorkbookError("PROTECT_FAILED", "Excel could not protect the sheet.");
    };
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    expect(await screen.findByText("INV-0001 issued")).toBeInTheDocument();
    expect(screen.getByText("INV-0001 was written; check these").parentElement).toHaveTextContent("Excel could not protect the sheet.");
    expect(screen.getByRole("button", { name: "Export INV-0001 as PDF" })).toBeInTheDocument();
  });

  it("says a plain sentence, not Excel's text, when writing fails for another reason", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const host = new MemoryHost(await sampleWorkbook());
    host.workbook.writeInvoiceSheet = () => Promise.reject(new Error("RichApi.Error: InvalidOperationInCellEditMode"));
    const { user } = renderApp(host);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    const message = await screen.findByText(/^Something unexpected stopped Interim\./);
    expect(message).not.toHaveTextContent("RichApi");
    expect(logRows(host)).toEqual([]);
  });
});

describe("exports where the host cannot download (Excel for Mac)", () => {
  it("says plainly which format is not available and what to do, and shows text to copy", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    host.unavailable = (format) => (format === "pdf" ? "Excel for Mac does not let add-ins save files; use Excel on the web." : undefined);
    const exportInvoice = jest.fn(() => Promise.resolve<Delivery>({ kind: "text", name: "INV-0001.csv", text: "Line;Amount\n1;10.00\n" }));
    const { user } = renderApp(host, exportInvoice);
    // After userEvent.setup, which puts a clipboard of its own on navigator.
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    await screen.findByText("INV-0001 issued");

    expect(screen.queryByRole("button", { name: "Export INV-0001 as PDF" })).not.toBeInTheDocument();
    expect(screen.getByText("PDF: Excel for Mac does not let add-ins save files; use Excel on the web.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Export INV-0001 as CSV" }));
    expect(await screen.findByRole("textbox", { name: "INV-0001 as CSV" })).toHaveValue("Line;Amount\n1;10.00\n");
    expect(screen.getByText("Copy it and save it as INV-0001.csv.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith("Line;Amount\n1;10.00\n");
    expect(await screen.findByText(/^Copied\./)).toBeInTheDocument();
  });

  it("says where a new workbook opened, and shows a failed export's reason", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const exportInvoice = jest.fn((_host: unknown, format: string) =>
      format === "xlsx" ? Promise.resolve<Delivery>({ kind: "new-workbook" }) : Promise.reject(new Error("RichApi.Error: raw")),
    );
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const { user } = renderApp(host, exportInvoice);
    await user.click(await screen.findByRole("button", { name: "Generate invoice INV-0001" }));
    await screen.findByText("INV-0001 issued");
    await user.click(screen.getByRole("button", { name: "Export INV-0001 as Excel file" }));
    expect(await screen.findByText(/INV-0001 opened in Excel as a new workbook: save it from there/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Export INV-0001 as E-invoice XML" }));
    const failure = await screen.findByText(/^Could not export INV-0001 as E-invoice XML: Something unexpected stopped Interim\./);
    expect(failure).not.toHaveTextContent("RichApi");
  });
});

describe("e-invoices before Generate", () => {
  it("names the e-invoices the invoice could not be sent as and the settings to fill in, and not for a draft", async () => {
    // The sample has no Buyer reference, which an XRechnung needs; Peppol and Factur-X need nothing more.
    const host = new MemoryHost(await sampleWorkbook());
    const { user } = renderApp(host);
    await screen.findByRole("heading", { name: "Next invoice: INV-0001" });
    expect(await screen.findByText(/E-invoices this invoice cannot be sent as/)).toBeInTheDocument();
    expect(screen.getByText(/INV-0001 cannot be sent as an XRechnung: Fill in the Buyer reference setting/)).toBeInTheDocument();
    expect(screen.queryByText(/cannot be sent as a Peppol e-invoice/)).toBeNull();
    expect(screen.queryByText(/cannot be sent as a Factur-X e-invoice/)).toBeNull();
    await user.click(screen.getByRole("switch", { name: /Draft/ }));
    await waitFor(() => expect(screen.queryByText(/E-invoices this invoice cannot be sent as/)).toBeNull());
  });
});
