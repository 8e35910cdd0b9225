import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import { cellOf, validateSettings, settingsTexts } from "../../src/taskpane/components/settings-form";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { MemoryWorkbook, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { SETTINGS } from "../../src/workbook/settings";
import { sampleWorkbook } from "../workbook/helpers";

// The form renders every setting (50 fields) again on each keystroke, as Fluent UI does; on a
// machine shared with other test runs that takes longer than Jest's default 5 seconds.
jest.setTimeout(30_000);

async function openContract(host: MemoryHost) {
  const user = userEvent.setup();
  render(<App host={host} dark={false} exportInvoice={() => Promise.resolve({ kind: "downloaded" as const })} />);
  await user.click(await screen.findByRole("tab", { name: "Contract" }));
  return user;
}

const settingValue = (workbook: MemoryWorkbook, key: string) => {
  const table = findTable(workbook.state, NAMES.settingsTable);
  if (table === undefined) return undefined;
  return tableValues(workbook.state, table).find((row) => row[0] === key)?.[1];
};

describe("contract settings form", () => {
  it("shows the workbook's settings, rates as percentages", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    await openContract(host);
    expect(screen.getByRole("textbox", { name: "Retention rate" })).toHaveValue("5%");
    expect(screen.getByRole("textbox", { name: "Client name" })).toHaveValue("Contoso Logistics GmbH");
    expect(screen.getByRole("combobox", { name: "Tax base" })).toHaveValue("period");
  });

  it("shows a setting appended to the table with its group: Late payment interest with the payment terms", async () => {
    await openContract(new MemoryHost(await sampleWorkbook()));
    const payment = screen.getByRole("group", { name: "Payment and numbering" });
    expect(within(payment).getByRole("textbox", { name: "Late payment interest" })).toBeInTheDocument();
    expect(within(screen.getByRole("group", { name: "Documents" })).queryByRole("textbox", { name: "Late payment interest" })).toBeNull();
  });

  it("checks a value as it is typed, in the words the workbook check uses", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const user = await openContract(host);
    const rate = screen.getByRole("textbox", { name: "Retention rate" });
    await user.clear(rate);
    await user.type(rate, "10");
    expect(await screen.findByText(/Retention rate must be a percentage from 0% to 100%, not 10\. Did you mean 10%\?/)).toBeInTheDocument();
    expect(rate).toHaveAttribute("aria-invalid", "true");

    await user.type(rate, "%");
    await waitFor(() => expect(rate).not.toHaveAttribute("aria-invalid", "true"));

    const currency = screen.getByRole("textbox", { name: "Currency" });
    await user.clear(currency);
    await user.type(currency, "EURO");
    expect(await screen.findByText(/Currency "EURO" is not an ISO 4217 code/)).toBeInTheDocument();
  });

  it("does not save while a setting is wrong, and says why", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const user = await openContract(host);
    const terms = screen.getByRole("textbox", { name: "Payment terms (days)" });
    await user.clear(terms);
    await user.type(terms, "thirty");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(screen.getByRole("status")).toHaveTextContent("Not saved: 1 setting needs fixing.");
    expect(settingValue(host.memory, "Payment terms (days)")).toBe(30);
  });

  it("saves changed settings into the settings table", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const user = await openContract(host);
    const rate = screen.getByRole("textbox", { name: "Retention rate" });
    await user.clear(rate);
    await user.type(rate, "7.5%");
    await user.selectOptions(screen.getByRole("combobox", { name: "Tax base" }), "payment");
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    await waitFor(() => expect(settingValue(host.memory, "Retention rate")).toBe("7.5%"));
    expect(settingValue(host.memory, "Tax base")).toBe("payment");
    expect(settingValue(host.memory, "Client name")).toBe("Contoso Logistics GmbH");
    expect(screen.getByRole("status")).toHaveTextContent("Contract settings saved to the Contract sheet.");
    expect(screen.getByRole("textbox", { name: "Retention rate" })).toHaveValue("7.5%");
  });

  it("creates the settings of a workbook that has none, once the required parties are named", async () => {
    const host = new MemoryHost();
    const user = await openContract(host);
    // Nothing typed yet: no message for fields not touched.
    expect(screen.queryByText(/is required/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Create contract settings" }));
    expect(await screen.findByText("Supplier name is required on an invoice; fill it in.")).toBeInTheDocument();
    expect(findTable(host.memory.state, NAMES.settingsTable)).toBeUndefined();

    await user.type(screen.getByRole("textbox", { name: /^Supplier name/ }), "Northwind");
    await user.type(screen.getByRole("textbox", { name: /^Client name/ }), "Contoso");
    await user.click(screen.getByRole("button", { name: "Create contract settings" }));
    await waitFor(() => expect(settingValue(host.memory, "Supplier name")).toBe("Northwind"));
    expect(tableValues(host.memory.state, findTable(host.memory.state, NAMES.settingsTable)!).map((row) => row[0])).toEqual([
      "Setting",
      ...SETTINGS.map((s) => s.key),
    ]);
  });
});

describe("the parties' structured data and the VAT treatment in the form", () => {
  it("are checked as they are typed by the rules Generate uses, and saved", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const user = await openContract(host);
    expect(screen.getByRole("textbox", { name: "Supplier IBAN" })).toHaveValue("GB29 NWBK 6016 1331 9268 19");
    const iban = screen.getByRole("textbox", { name: "Supplier IBAN" });
    await user.type(iban, "0");
    expect(await screen.findByText(/Supplier IBAN "GB29NWBK601613319268190" has check digits that do not match/)).toBeInTheDocument();
    await user.type(iban, "{Backspace}");
    await waitFor(() => expect(iban).not.toHaveAttribute("aria-invalid", "true"));

    await user.selectOptions(screen.getByRole("combobox", { name: "VAT treatment" }), "reverse charge");
    expect(await screen.findByText("VAT treatment is reverse charge: such a supply is taxed at 0 %, the buyer or the law accounts for the VAT. Set Tax rate to 0%.")).toBeInTheDocument();
    const rate = screen.getByRole("textbox", { name: "Tax rate" });
    await user.clear(rate);
    await user.type(rate, "0%");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(settingValue(host.memory, "VAT treatment")).toBe("reverse charge"));
    expect(settingValue(host.memory, "Tax rate")).toBe("0%");
  });

  it("an older settings table gains the rows a person fills in, and keeps its one-text address", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.writeSettings([
      { key: "Supplier name", value: "Northwind", row: undefined },
      { key: "Supplier address", value: "1 Main St, Springfield", row: undefined },
      { key: "Client name", value: "Contoso", row: undefined },
    ], true);
    const host = new MemoryHost(workbook);
    const user = await openContract(host);
    expect(screen.getByRole("textbox", { name: "Client country" })).toHaveValue("");
    await user.type(screen.getByRole("textbox", { name: "Client country" }), "xx");
    expect(await screen.findByText(/Client country: "XX" is not an ISO 3166-1 two-letter country code/)).toBeInTheDocument();
    await user.clear(screen.getByRole("textbox", { name: "Client country" }));
    await user.type(screen.getByRole("textbox", { name: "Client country" }), "de");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(settingValue(host.memory, "Client country")).toBe("DE"));
    expect(settingValue(host.memory, "Supplier address")).toBe("1 Main St, Springfield");
  });
});

describe("the document language in the form", () => {
  it("is a list of the six languages, each also by its own name; blank shows as English, and a choice is saved by its English name", async () => {
    const host = new MemoryHost(await sampleWorkbook());
    const user = await openContract(host);
    const language = screen.getByRole("combobox", { name: "Document language" });
    expect(language).toHaveValue("English");
    expect(within(language).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "English", "German (Deutsch)", "French (Français)", "Spanish (Español)", "Dutch (Nederlands)", "Italian (Italiano)",
    ]);
    await user.selectOptions(language, "German");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(settingValue(host.memory, "Document language")).toBe("German"));
  });

  it("shows a language typed in the workbook as a code or in itself as its choice, and one it does not know with the problem", () => {
    const table = (value: string) => ({ name: NAMES.settingsTable, sheet: NAMES.settingsSheet, top: 0, left: 0, values: [["Setting", "Value"], ["Document language", value]] });
    expect(settingsTexts(table("fr-FR"))["Document language"]).toBe("French");
    expect(settingsTexts(table("Nederlands"))["Document language"]).toBe("Dutch");
    const texts: Record<string, string> = { ...settingsTexts(table("Klingon")), "Supplier name": "A", "Client name": "B" };
    expect(texts["Document language"]).toBe("Klingon");
    expect(validateSettings(texts).get("Document language")).toMatch(/^Document language: "Klingon" is not a language Interim writes documents in: enter English, German/);
  });
});

describe("settings values", () => {
  const spec = (key: string) => SETTINGS.find((s) => s.key === key)!;

  it("writes numbers as numbers, percentages as typed (Excel reads them as percentages) and blanks as empty", () => {
    expect(cellOf(spec("Payment terms (days)"), " 45 ")).toBe(45);
    expect(cellOf(spec("Retention rate"), "5%")).toBe("5%");
    expect(cellOf(spec("Currency"), "eur")).toBe("EUR");
    expect(cellOf(spec("Client name"), "  ")).toBeNull();
  });

  it("shows defaults for settings the workbook lacks, and validates them clean", () => {
    const texts = settingsTexts(undefined);
    expect(texts["Currency"]).toBe("USD");
    expect(texts["Next invoice number"]).toBe("1");
    expect([...validateSettings({ ...texts, "Supplier name": "A", "Client name": "B" }).keys()]).toEqual([]);
  });
});
