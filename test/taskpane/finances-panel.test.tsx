import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { recordPayment } from "../../src/workbook/finances";
import { isoToSerial } from "../../src/workbook/dates";
import { type MemoryWorkbook, findSheet, findTable, newSheet, setCell, tableValues } from "../../src/workbook/memory-workbook";
import { type CellValue, NAMES } from "../../src/workbook/port";
import { copyState, sampleWorkbook, setMilestone } from "../workbook/helpers";

// The Finances tab over the rules page's example contract (../shared/finance-rules.md): the
// sample with M3 at 50 %, INV-0001 dated 2026-11-30 (due 2026-12-30, 30 days), 100,000 paid on
// 2026-12-15, an estimated cost of 150,000 and 70,000 spent; today is 2026-12-31.

const TODAY = new Date("2026-12-31T12:00:00Z");
// Each test clicks through a read, a write and a read again; on a loaded machine that takes more than jest's 5 s.
jest.setTimeout(30_000);

beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

/** Estimated cost and cost to date per line: 150,000 and 70,000 in all. */
const COSTS: Record<string, [number | null, number | null]> = {
  M1: [12000, 12000], M2: [16000, 10000], M3: [64000, 48000], M4: [20000, null],
  M5: [8000, null], T1: [10000, null], L1: [15000, null], CO1: [5000, null],
};

/** Fills a column of the milestone table by line id, adding the column when the table has none of that name. */
function setColumn(workbook: MemoryWorkbook, header: string, byId: Record<string, CellValue>): void {
  const table = findTable(workbook.state, NAMES.milestones);
  const sheet = table && findSheet(workbook.state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error("no milestone table");
  const headers = tableValues(workbook.state, table)[0] ?? [];
  let column = headers.indexOf(header);
  if (column < 0) {
    column = table.columns;
    table.columns += 1;
    setCell(sheet, table.top, table.left + column, header);
  }
  for (let r = table.top + 1; r < table.top + table.rows; r += 1) {
    const id = String(sheet.cells[r]?.[table.left] ?? "");
    setCell(sheet, r, table.left + column, byId[id] ?? null);
  }
}

/** The example; without `estimates` no line has an estimated cost, and without `costColumn` no line has a Cost to date cell. */
async function workedExample({ estimates = true, costColumn = true }: { estimates?: boolean; costColumn?: boolean } = {}): Promise<MemoryWorkbook> {
  const workbook = await sampleWorkbook();
  setMilestone(workbook.state, "M3", "% complete", 0.5);
  const ids = Object.keys(COSTS);
  setColumn(workbook, "Estimated cost", Object.fromEntries(ids.map((id) => [id, estimates ? (COSTS[id]?.[0] ?? null) : null])));
  setColumn(workbook, "Cost to date", Object.fromEntries(ids.map((id) => [id, estimates && costColumn ? (COSTS[id]?.[1] ?? null) : null])));
  // No forecast dates: the sample's own, if it has any, would change nothing asserted here but the forecast.
  setColumn(workbook, "Planned completion", {});
  const issued = await generateInvoice(workbook, { invoiceDate: "2026-11-30", periodEnd: "2026-11-30" });
  if (!issued.ok) throw new Error(issued.problems.map((p) => p.message).join("\n"));
  const paid = await recordPayment(workbook, { document: "INV-0001", amount: "100000", date: "2026-12-15", reference: "BANK-1" });
  if (!paid.ok) throw new Error(paid.problems.map((p) => p.message).join("\n"));
  return workbook;
}

function renderApp(host: MemoryHost) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
  return user;
}

async function openFinances(host: MemoryHost) {
  const user = renderApp(host);
  await user.click(await screen.findByRole("tab", { name: "Finances" }));
  const panel = screen.getByRole("tabpanel", { name: "Finances" });
  await within(panel).findByRole("heading", { name: "Finances" });
  return { user, panel };
}

/** The value beside a label in the Finances tab's figures. */
function figure(panel: HTMLElement, label: string): HTMLElement {
  const header = within(panel).getByRole("rowheader", { name: label });
  const value = header.parentElement?.querySelector("td");
  if (!value) throw new Error(`no value beside ${label}`);
  return value;
}

const paymentRows = (host: MemoryHost) => {
  const table = findTable(host.memory.state, NAMES.paymentsTable);
  return table === undefined ? [] : tableValues(host.memory.state, table).slice(1).filter((row) => row.some((cell) => cell !== null && cell !== ""));
};

describe("the Finances tab", () => {
  it("shows the worked example's receivables, WIP and margin to the cent", async () => {
    const { panel } = await openFinances(new MemoryHost(await workedExample()));
    expect(within(panel).getByText("CT-2026-014, Contoso Logistics GmbH")).toBeInTheDocument();
    expect(within(panel).getByLabelText<HTMLInputElement>("As of").value).toBe("2026-12-31");
    const expected: [string, string][] = [
      ["Invoiced to date (with tax)", "€122,359.75"],
      ["Paid", "€100,000.00"],
      ["Outstanding", "€22,359.75"],
      // Due 2026-12-30: one day overdue on 2026-12-31.
      ["Overdue", "€22,359.75"],
      ["Retention held by the client", "€5,454.38"],
      ["Advance not yet recovered", "€0.00"],
      ["Contract sum to date", "€224,500.00"],
      ["Billed to date (work, before retention)", "€109,087.50"],
      ["Estimated cost", "€150,000.00"],
      ["Cost to date", "€70,000.00"],
      // 70,000 / 150,000 = 0.4667.
      ["Complete by cost", "46.67%"],
      // 224,500 × 70,000 / 150,000 = 104,766.666… → 104,766.67.
      ["Earned revenue", "€104,766.67"],
      // 109,087.50 − 104,766.67.
      ["Overbilled (billed ahead of the work)", "€4,320.83"],
      ["Estimated gross profit", "€74,500.00"],
      // 74,500 / 224,500 = 0.33184… → 0.3318.
      ["Estimated margin", "33.18%"],
      ["Gross profit to date", "€34,766.67"],
    ];
    for (const [label, value] of expected) expect({ label, value: figure(panel, label).textContent }).toEqual({ label, value });
    expect(getComputedStyle(figure(panel, "Overdue")).color).not.toBe(getComputedStyle(figure(panel, "Paid")).color);

    const invoice = within(panel).getByRole("row", { name: /^INV-0001/ });
    expect(invoice).toHaveTextContent("due 2026-12-30");
    expect(invoice).toHaveTextContent("€22,359.75Overdue 1 day");

    // The charts load apart; each names its figures.
    expect(await within(panel).findByRole("img", { name: /^Outstanding by days overdue:/ })).toHaveAccessibleName(
      "Outstanding by days overdue: Not yet due €0.00, 1–30 days €22,359.75, 31–60 days €0.00, 61–90 days €0.00, Over 90 days €0.00.",
    );
    expect(within(panel).getByRole("img", { name: /^Billed, earned and cost to date:/ })).toHaveAccessibleName(
      "Billed, earned and cost to date: 2026-11-30: billed €109,087.50; as of 2026-12-31: billed €109,087.50, earned €104,766.67, cost €70,000.00.",
    );
    expect(within(panel).getByRole("img", { name: /^Forecast by month:/ })).toHaveAccessibleName(/^Forecast by month: 2027-01: billing €\d/);
  });

  it("works the figures out again as of another date", async () => {
    const { panel } = await openFinances(new MemoryHost(await workedExample()));
    fireEvent.change(within(panel).getByLabelText("As of"), { target: { value: "2026-12-20" } });
    // Before the due date nothing is overdue; the payment of 2026-12-15 counts.
    await waitFor(() => expect(figure(panel, "Overdue")).toHaveTextContent("€0.00"));
    expect(figure(panel, "Outstanding")).toHaveTextContent("€22,359.75");
    fireEvent.change(within(panel).getByLabelText("As of"), { target: { value: "2026-12-10" } });
    await waitFor(() => expect(figure(panel, "Paid")).toHaveTextContent("€0.00"));
    expect(within(panel).getByRole("row", { name: /^INV-0001/ })).toHaveTextContent("Unpaid");
  });

  it("records a payment from an invoice's button, prefilled with its outstanding, writes one row and refreshes", async () => {
    const host = new MemoryHost(await workedExample());
    const { user, panel } = await openFinances(host);
    expect(paymentRows(host)).toHaveLength(1);

    await user.click(within(panel).getByRole("button", { name: "Record payment for INV-0001" }));
    const amount = within(panel).getByLabelText<HTMLInputElement>("Amount (EUR)");
    expect(amount).toHaveFocus();
    expect(amount.value).toBe("22359.75");
    expect(within(panel).getByLabelText<HTMLInputElement>("Payment date").value).toBe("2026-12-31");
    await user.type(within(panel).getByLabelText("Reference"), "BANK-2");
    await user.click(within(panel).getByRole("button", { name: "Record payment" }));

    expect(await within(panel).findByText("€22,359.75 recorded against INV-0001. Outstanding on it now €0.00.")).toBeInTheDocument();
    expect(screen.getByTestId("announcement")).toHaveTextContent("Payment recorded: €22,359.75 recorded against INV-0001.");
    const rows = paymentRows(host);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(expect.arrayContaining(["INV-0001", 22359.75, "BANK-2"]));
    await waitFor(() => expect(figure(panel, "Outstanding")).toHaveTextContent("€0.00"));
    expect(figure(panel, "Paid")).toHaveTextContent("€122,359.75");
    expect(within(panel).getByRole("row", { name: /^INV-0001/ })).toHaveTextContent("Paid");
    expect(within(panel).queryByRole("button", { name: "Record payment for INV-0001" })).not.toBeInTheDocument();
  });

  it("refuses an overpayment at its field and writes nothing", async () => {
    const host = new MemoryHost(await workedExample());
    const { user, panel } = await openFinances(host);
    const before = copyState(host.memory.state);

    const amount = within(panel).getByLabelText("Amount (EUR)");
    await user.clear(amount);
    await user.type(amount, "30000");
    await user.click(within(panel).getByRole("button", { name: "Record payment" }));

    expect(await within(panel).findByText("Nothing was written: fix the fields marked above.")).toBeInTheDocument();
    expect(within(panel).getByLabelText("Amount (EUR)")).toHaveAccessibleDescription(/122,359\.75|122359\.75/);
    expect(within(panel).getByLabelText("Amount (EUR)")).toHaveAttribute("aria-invalid", "true");
    expect(copyState(host.memory.state)).toBe(before);
    expect(screen.getByTestId("announcement")).toHaveTextContent("Nothing was written: 1 problem to fix.");
  });

  it("refuses a payment dated before its invoice at the date field", async () => {
    const host = new MemoryHost(await workedExample());
    const { user, panel } = await openFinances(host);
    const before = copyState(host.memory.state);
    fireEvent.change(within(panel).getByLabelText("Payment date"), { target: { value: "2026-11-01" } });
    await user.click(within(panel).getByRole("button", { name: "Record payment" }));

    await within(panel).findByText("Nothing was written: fix the fields marked above.");
    expect(within(panel).getByLabelText("Payment date")).toHaveAttribute("aria-invalid", "true");
    expect(copyState(host.memory.state)).toBe(before);
  });

  it("says what the figures need when the milestone table has no estimated cost", async () => {
    const { panel } = await openFinances(new MemoryHost(await workedExample({ estimates: false })));
    expect(figure(panel, "Outstanding")).toHaveTextContent("€22,359.75");
    expect(within(panel).queryByRole("rowheader", { name: "Earned revenue" })).not.toBeInTheDocument();
    expect(within(panel).getByText(/Add an Estimated cost column to the milestone table/)).toBeInTheDocument();
  });

  it("draws cost and earned revenue at each invoice date when the costs are dated rows of a Costs table", async () => {
    const workbook = await workedExample({ costColumn: false });
    // The same 70,000, posted as dated rows: 12,000 by the invoice of 2026-11-30, the rest after it.
    const rows: CellValue[][] = [
      ["Date", "Line", "Amount", "Category", "Description"],
      [isoToSerial("2026-11-15"), "M1", 12000, "labour", "Discovery"],
      [isoToSerial("2026-12-10"), "M3", 48000, "subcontract", "Build"],
      [isoToSerial("2026-12-20"), "M2", 10000, "labour", "Design"],
    ];
    workbook.state.sheets.push(newSheet("Costs", rows));
    workbook.state.tables.push({ name: NAMES.costsTable, sheet: "Costs", top: 0, left: 0, rows: rows.length, columns: 5 });
    const { panel } = await openFinances(new MemoryHost(workbook));
    expect(figure(panel, "Cost to date")).toHaveTextContent("€70,000.00");
    // As of 2026-11-30: 224,500 × 12,000 / 150,000 = 17,960.00 earned.
    expect(await within(panel).findByRole("img", { name: /^Billed, earned and cost to date:/ })).toHaveAccessibleName(
      "Billed, earned and cost to date: 2026-11-30: billed €109,087.50, earned €17,960.00, cost €12,000.00; as of 2026-12-31: billed €109,087.50, earned €104,766.67, cost €70,000.00.",
    );
    expect(within(panel).getByText(/from the dated rows of the Costs table/)).toBeInTheDocument();
  });
});

describe("History's payment status", () => {
  it("shows each invoice's outstanding and status as of today", async () => {
    const user = renderApp(new MemoryHost(await workedExample()));
    await user.click(await screen.findByRole("tab", { name: "History" }));
    const row = within(screen.getByRole("tabpanel", { name: "History" })).getByRole("row", { name: /INV-0001/ });
    expect(row).toHaveTextContent("€122,359.75");
    expect(row).toHaveTextContent("€22,359.75Overdue 1 day");
  });

  it("says Paid once the invoice is paid in full", async () => {
    const workbook = await workedExample();
    await recordPayment(workbook, { document: "INV-0001", amount: "22359.75", date: "2026-12-31", reference: "" });
    const user = renderApp(new MemoryHost(workbook));
    await user.click(await screen.findByRole("tab", { name: "History" }));
    const row = within(screen.getByRole("tabpanel", { name: "History" })).getByRole("row", { name: /INV-0001/ });
    expect(row).toHaveTextContent("€0.00Paid");
  });
});
