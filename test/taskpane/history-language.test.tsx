import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { history as en } from "../../src/taskpane/i18n/catalogs/history/en";
import { history as de } from "../../src/taskpane/i18n/catalogs/history/de";
import { history as es } from "../../src/taskpane/i18n/catalogs/history/es";
import { history as fr } from "../../src/taskpane/i18n/catalogs/history/fr";
import { history as italian } from "../../src/taskpane/i18n/catalogs/history/it";
import { history as nl } from "../../src/taskpane/i18n/catalogs/history/nl";
import { isoToSerial } from "../../src/workbook/dates";
import type { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { copyState } from "../workbook/helpers";
import { issueWorkedExample } from "../support/advance-contract";

// The History tab and the Record payment form in German and French, over the advance contract's
// worked example (test/support/advance-contract.ts): the advance invoice INV-0001 of 35,700.00
// dated 2026-07-01, three progress invoices and the final invoice INV-0005 of 2026-11-30; today
// is 2026-12-31 and nothing is paid yet.

jest.setTimeout(30_000);
const TODAY = new Date("2026-12-31T12:00:00Z");
beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => jest.useRealTimers());

function renderApp(workbook: MemoryWorkbook, displayLanguage: string) {
  const host = new MemoryHost(workbook, displayLanguage);
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
  return { host, user };
}

async function openTab(workbook: MemoryWorkbook, displayLanguage: string, tab: string) {
  const { host, user } = renderApp(workbook, displayLanguage);
  await user.click(await screen.findByRole("tab", { name: tab }));
  return { host, user, panel: screen.getByRole("tabpanel", { name: tab }) };
}

const rowOf = (panel: HTMLElement, number: string) => within(panel).getByRole("row", { name: new RegExp(`^${number}`) });

const paymentRows = (host: MemoryHost) => {
  const table = findTable(host.memory.state, NAMES.paymentsTable);
  return table === undefined ? [] : tableValues(host.memory.state, table).slice(1).filter((row) => row.some((cell) => cell !== null && cell !== ""));
};

describe("the History tab in the pane's language", () => {
  it("names each invoice's kind in English", async () => {
    const { panel } = await openTab((await issueWorkedExample()).workbook, "en-US", "History");
    expect(rowOf(panel, "INV-0001")).toHaveTextContent("Advance invoice");
    expect(rowOf(panel, "INV-0002")).toHaveTextContent("Progress invoice");
    expect(rowOf(panel, "INV-0005")).toHaveTextContent("Final invoice");
    expect(rowOf(panel, "INV-0005")).toHaveTextContent("2026-11-30");
  });

  it("shows a German host its headings, columns, kinds, dates and amounts in German", async () => {
    const { panel } = await openTab((await issueWorkedExample()).workbook, "de-DE", "Verlauf");
    expect(within(panel).getByRole("heading", { name: "Verlauf" })).toBeInTheDocument();
    const table = within(panel).getByRole("table", { name: "Ausgestellte Rechnungen" });
    expect(within(table).getAllByRole("columnheader").map((header) => header.textContent)).toEqual(["Rechnung", "Ende des Leistungszeitraums", "Zahlbetrag", "Offen"]);
    const advance = rowOf(panel, "INV-0001");
    expect(advance).toHaveTextContent("Anzahlungsrechnung");
    // 30,000.00 and 19 % VAT.
    expect(advance).toHaveTextContent("35.700,00 €");
    expect(rowOf(panel, "INV-0002")).toHaveTextContent("Abschlagsrechnung");
    expect(rowOf(panel, "INV-0002")).toHaveTextContent("31.08.2026");
    expect(rowOf(panel, "INV-0005")).toHaveTextContent("Schlussrechnung");
    expect(rowOf(panel, "INV-0005")).toHaveTextContent("30.11.2026");
    // Due 2026-07-31 and unpaid: the status in the pane's words.
    expect(advance).toHaveTextContent("153 Tage überfällig");
    // Every line complete: the whole 300,000.00 billed.
    expect(within(panel).getByRole("img")).toHaveAccessibleName("Abgerechnet bis INV-0005: 300.000,00\u00a0€ der Auftragssumme von 300.000,00\u00a0€ (100\u00a0%).");
    expect(within(panel).getByText("Auftragssumme 300.000,00 €")).toBeInTheDocument();
  });

  it("shows a French host its headings, columns, kinds, dates and amounts in French", async () => {
    const { panel } = await openTab((await issueWorkedExample()).workbook, "fr-FR", "Historique");
    expect(within(panel).getByRole("heading", { name: "Historique" })).toBeInTheDocument();
    const table = within(panel).getByRole("table", { name: "Factures émises" });
    expect(within(table).getAllByRole("columnheader").map((header) => header.textContent)).toEqual(["Facture", "Fin de la période", "Net à payer", "Restant dû"]);
    expect(rowOf(panel, "INV-0001")).toHaveTextContent("Facture d’acompte");
    expect(rowOf(panel, "INV-0001").textContent).toContain("35\u202f700,00\u00a0€");
    expect(rowOf(panel, "INV-0003")).toHaveTextContent("Facture de situation");
    expect(rowOf(panel, "INV-0003")).toHaveTextContent("30/09/2026");
    expect(rowOf(panel, "INV-0005")).toHaveTextContent("Facture finale");
    expect(rowOf(panel, "INV-0001")).toHaveTextContent("En retard de 153 jours");
    // French groups by a narrow no-break space; the percent sign's space is CLDR's, narrow or not by version.
    expect(within(panel).getByRole("img")).toHaveAccessibleName(
      /^Facturé jusqu’à INV-0005\u00a0: 300\u202f000,00\u00a0€ du montant du marché de 300\u202f000,00\u00a0€ \(100[\u00a0\u202f]%\)\.$/,
    );
    // The text matcher reads every space, no-break or narrow, as a space.
    expect(within(panel).getByText("Montant du marché 300 000,00 €")).toBeInTheDocument();
  });
});

describe("the Record payment form in the pane's language", () => {
  /** Records `amount`, typed as the pane's language writes it, against INV-0001 through the form; the Payments table's rows after. */
  async function recordThroughForm(displayLanguage: string, names: { tab: string; form: string; amount: string; reference: string; button: string }, amount: string) {
    const { host, user, panel } = await openTab((await issueWorkedExample()).workbook, displayLanguage, names.tab);
    const form = within(panel).getByRole("form", { name: names.form });
    const field = within(form).getByLabelText(names.amount);
    await user.clear(field);
    await user.type(field, amount);
    await user.type(within(form).getByLabelText(names.reference), "BANK-7");
    await user.click(within(form).getByRole("button", { name: names.button }));
    return { host, form };
  }

  const GERMAN = { tab: "Finanzen", form: "Zahlung erfassen", amount: "Betrag (EUR)", reference: "Referenz", button: "Zahlung erfassen" };

  it("shows a German host the form in German, prefilled as German writes the amount", async () => {
    const { panel } = await openTab((await issueWorkedExample()).workbook, "de-DE", "Finanzen");
    const form = within(panel).getByRole("form", { name: "Zahlung erfassen" });
    expect(within(form).getByRole("heading", { name: "Zahlung erfassen" })).toBeInTheDocument();
    expect(within(form).getByLabelText<HTMLSelectElement>("Rechnung").selectedOptions[0]).toHaveTextContent("INV-0001: 35.700,00 € offen");
    // The oldest unpaid invoice's outstanding, with a decimal comma.
    expect(within(form).getByLabelText<HTMLInputElement>("Betrag (EUR)").value).toBe("35700,00");
    expect(within(form).getByLabelText("Betrag (EUR)")).toHaveAccessibleDescription("Eine Erstattung ist negativ.");
    expect(within(form).getByLabelText<HTMLInputElement>("Zahlungsdatum").value).toBe("2026-12-31");
    expect(within(form).getByLabelText("Zahlungsdatum")).toHaveAccessibleDescription("Heute");
    expect(within(form).getByLabelText("Referenz")).toHaveAccessibleDescription("Die Referenz der Bank oder der Verwendungszweck des Kunden, um die Zahlung später wiederzufinden.");
    expect(within(form).getByRole("button", { name: "Zahlung erfassen" })).toBeEnabled();
  });

  it("records a payment typed as German writes it, says so in German, and writes what English writes", async () => {
    const german = await recordThroughForm("de-DE", GERMAN, "1234,56");
    expect(await within(german.form).findByText("1.234,56 € für INV-0001 erfasst. Noch offen: 34.465,44 €.")).toBeInTheDocument();
    expect(within(german.form).getByText("Zahlung erfasst")).toBeInTheDocument();
    expect(screen.getByTestId("announcement")).toHaveTextContent("Zahlung erfasst: 1.234,56 € für INV-0001 erfasst. Noch offen: 34.465,44 €.");
    // Date, document, amount, currency (blank: the contract's), reference.
    const written = paymentRows(german.host);
    expect(written).toEqual([[isoToSerial("2026-12-31"), "INV-0001", 1234.56, null, "BANK-7"]]);
    cleanup();

    const english = await recordThroughForm("en-US", { tab: "Finances", form: "Record payment", amount: "Amount (EUR)", reference: "Reference", button: "Record payment" }, "1234.56");
    await within(english.form).findByText("€1,234.56 recorded against INV-0001. Outstanding on it now €34,465.44.");
    expect(paymentRows(english.host)).toEqual(written);
  });

  it("records a French payment typed with a decimal comma, and says so in French", async () => {
    const french = await recordThroughForm("fr-FR", { tab: "Finances", form: "Enregistrer un encaissement", amount: "Montant (EUR)", reference: "Référence", button: "Enregistrer l’encaissement" }, "1234,56");
    expect(await within(french.form).findByText("1 234,56 € enregistré sur INV-0001. Restant dû sur cette facture : 34 465,44 €.")).toBeInTheDocument();
    expect(screen.getByTestId("announcement")).toHaveTextContent(/^Encaissement enregistré : 1 234,56 € enregistré sur INV-0001\./);
    expect(paymentRows(french.host)).toEqual([[isoToSerial("2026-12-31"), "INV-0001", 1234.56, null, "BANK-7"]]);
  });

  it("refuses an amount with thousands separators at its field, in German, and writes nothing", async () => {
    const workbook = (await issueWorkedExample()).workbook;
    const before = copyState(workbook.state);
    const { host, user, panel } = await openTab(workbook, "de-DE", "Finanzen");
    const form = within(panel).getByRole("form", { name: "Zahlung erfassen" });
    const amount = within(form).getByLabelText("Betrag (EUR)");
    await user.clear(amount);
    await user.type(amount, "1.234,56");
    await user.click(within(form).getByRole("button", { name: "Zahlung erfassen" }));

    expect(await within(form).findByText("Es wurde nichts geschrieben: Korrigieren Sie die oben markierten Felder.")).toBeInTheDocument();
    expect(amount).toHaveAttribute("aria-invalid", "true");
    expect(amount).toHaveAccessibleDescription("„1.234,56“ ist kein Betrag: Geben Sie ihn ohne Tausendertrennzeichen ein, etwa 1250,50 (eine Erstattung als -1250,50). Eine Erstattung ist negativ.");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Es wurde nichts geschrieben: 1 Problem zu beheben.");

    await user.clear(amount);
    await user.click(within(form).getByRole("button", { name: "Zahlung erfassen" }));
    expect(await within(form).findByText("Geben Sie den erhaltenen Betrag ein.")).toBeInTheDocument();
    expect(paymentRows(host)).toEqual([]);
    expect(copyState(host.memory.state)).toBe(before);
  });
});

describe.each([["de", de], ["fr", fr], ["es", es], ["nl", nl], ["it", italian]])("the %s History and Record payment catalog", (_, catalog) => {
  it("has every English key", () => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });
});
