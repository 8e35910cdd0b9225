import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { finances as english } from "../../src/taskpane/i18n/catalogs/finances/en";
import { finances as german } from "../../src/taskpane/i18n/catalogs/finances/de";
import { finances as french } from "../../src/taskpane/i18n/catalogs/finances/fr";
import { recordPayment } from "../../src/workbook/finances";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import type { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { sampleWorkbook, setMilestone } from "../workbook/helpers";

// The Finances tab of a German and a French Excel, over the invoice of finances-panel.test.tsx
// (INV-0001 of 2026-11-30, due 2026-12-30, 100,000 paid on 2026-12-15; today 2026-12-31), with
// the sample's own costs: 150,000 estimated, 58,700 spent.

const TODAY = new Date("2026-12-31T12:00:00Z");
jest.setTimeout(30_000);

beforeEach(() => jest.useFakeTimers({ now: TODAY, advanceTimers: true }));
afterEach(() => jest.useRealTimers());

async function invoicedAndPartPaid(): Promise<MemoryWorkbook> {
  const workbook = await sampleWorkbook();
  setMilestone(workbook.state, "M3", "% complete", 0.5);
  const issued = await generateInvoice(workbook, { invoiceDate: "2026-11-30", periodEnd: "2026-11-30" });
  if (!issued.ok) throw new Error(issued.problems.map((p) => p.message).join("\n"));
  const paid = await recordPayment(workbook, { document: "INV-0001", amount: "100000", date: "2026-12-15", reference: "BANK-1" });
  if (!paid.ok) throw new Error(paid.problems.map((p) => p.message).join("\n"));
  return workbook;
}

async function openFinances(displayLanguage: string, tab: string): Promise<HTMLElement> {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={new MemoryHost(await invoicedAndPartPaid(), displayLanguage)} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
  await user.click(await screen.findByRole("tab", { name: tab }));
  const panel = screen.getByRole("tabpanel", { name: tab });
  await within(panel).findByRole("heading", { name: tab });
  return panel;
}

/** The value beside a label in the figures, as its text exactly (the no-break spaces of the formats and all). */
function figure(panel: HTMLElement, label: string): string | null {
  return within(panel).getByRole("rowheader", { name: label }).parentElement?.querySelector("td")?.textContent ?? null;
}

/**
 * No heading, label or caption of the tab's tables is left in English: a literal the catalogs
 * missed fails here. The English words the language shares (French "Action") do not count.
 */
function englishLeftIn(panel: HTMLElement, translation: Record<string, string>): string[] {
  const untranslated = new Set<string>(Object.entries(english).filter(([key, text]) => translation[key] !== text).map(([, text]) => text));
  const texts = within(panel)
    .getAllByRole("table")
    .flatMap((table) => [...table.querySelectorAll("caption, th, td span, button")].map((cell) => cell.textContent ?? ""));
  return texts.filter((text) => untranslated.has(text) || /^due |^Overdue \d|^Receivables as of /.test(text));
}

describe("the Finances tab in the pane's language", () => {
  it("reads German to a German Excel: Forderungen, Überfällig, unfertige Leistungen, Marge, Prognose, in German formats", async () => {
    const panel = await openFinances("de-DE", "Finanzen");
    expect(within(panel).getByLabelText<HTMLInputElement>("Stichtag").value).toBe("2026-12-31");
    expect(within(panel).getByRole("table", { name: "Forderungen zum 31.12.2026" })).toBeInTheDocument();
    expect(within(panel).getByRole("table", { name: "Unfertige Leistungen und Marge" })).toBeInTheDocument();
    const expected: [string, string][] = [
      // The figures of finances-panel.test.tsx's English €122,359.75 etc., as Germany writes them.
      ["Bisher in Rechnung gestellt (einschl. Umsatzsteuer)", "122.359,75\u00a0€"],
      ["Bezahlt", "100.000,00\u00a0€"],
      ["Offen", "22.359,75\u00a0€"],
      ["Überfällig", "22.359,75\u00a0€"],
      ["Sicherheitseinbehalt des Auftraggebers", "5.454,38\u00a0€"],
      ["Noch nicht verrechnete Anzahlung", "0,00\u00a0€"],
      ["Auftragssumme einschließlich Nachträgen", "224.500,00\u00a0€"],
      ["Bisher abgerechnete Leistung (vor Sicherheitseinbehalt)", "109.087,50\u00a0€"],
      ["Geschätzte Gesamtkosten", "150.000,00\u00a0€"],
      ["Bisher angefallene Kosten", "58.700,00\u00a0€"],
      // 58,700 / 150,000 = 0.3913.
      ["Fertigstellungsgrad nach Kosten", "39,13\u00a0%"],
      // 224,500 × 58,700 / 150,000 = 87,854.33; billed 109,087.50 is 21,233.17 ahead of it.
      ["Erlös nach Fertigstellungsgrad", "87.854,33\u00a0€"],
      ["Überfakturiert (mehr abgerechnet als erbracht)", "21.233,17\u00a0€"],
      ["Voraussichtlicher Rohertrag", "74.500,00\u00a0€"],
      ["Voraussichtliche Marge", "33,18\u00a0%"],
      ["Bisheriger Rohertrag", "29.154,33\u00a0€"],
    ];
    for (const [label, value] of expected) expect({ label, value: figure(panel, label) }).toEqual({ label, value });

    const invoices = within(panel).getByRole("table", { name: "Rechnungen" });
    expect(within(invoices).getByRole("columnheader", { name: "Offen" })).toBeInTheDocument();
    const row = within(invoices).getByRole("row", { name: /^INV-0001/ });
    expect(row).toHaveTextContent("fällig am 30.12.2026");
    expect(row).toHaveTextContent("1 Tag überfällig");
    expect(within(row).getByRole("button", { name: "Zahlung für INV-0001 erfassen" })).toHaveTextContent("Zahlung erfassen");
    expect(englishLeftIn(panel, german)).toEqual([]);

    // The charts' names say their figures in German, the aging's buckets by their German names.
    expect(await within(panel).findByRole("img", { name: /^Offene Posten nach Überfälligkeit:/ })).toHaveAccessibleName(
      "Offene Posten nach Überfälligkeit: Noch nicht fällig: 0,00\u00a0€; 1–30 Tage: 22.359,75\u00a0€; 31–60 Tage: 0,00\u00a0€; 61–90 Tage: 0,00\u00a0€; Über 90 Tage: 0,00\u00a0€.",
    );
    const timeline = within(panel).getByRole("img", { name: /^Abgerechnet, Erlös und Kosten bis heute:/ });
    // The legends are drawn in jsdom too (the axes, without a size, are not).
    for (const series of ["Bisher abgerechnet", "Erlös nach Fertigstellungsgrad", "Bisherige Kosten"]) expect(within(timeline).getByText(series)).toBeInTheDocument();
    expect(timeline).toHaveAccessibleName(
      "Abgerechnet, Erlös und Kosten bis heute: 30.11.2026: abgerechnet 109.087,50\u00a0€; zum 31.12.2026: abgerechnet 109.087,50\u00a0€, Erlös 87.854,33\u00a0€, Kosten 58.700,00\u00a0€.",
    );
    // The months by Intl's German names, not the ISO "2027-01" English reads.
    const forecast = within(panel).getByRole("img", { name: /^Prognose nach Monat:/ });
    expect(forecast).toHaveAccessibleName(/^Prognose nach Monat: Januar 2027: Rechnungsstellung [\d.]+,\d\d\u00a0€, Zahlungseingang [\d.]+,\d\d\u00a0€; Februar 2027: /);
    for (const series of ["Rechnungsstellung", "Zahlungseingang"]) expect(within(forecast).getByText(series)).toBeInTheDocument();
    expect(within(panel).getByText("Offen 22.359,75\u00a0€, nach Tagen seit Fälligkeit.", { normalizer: (text) => text })).toBeInTheDocument();
  });

  it("reads French to a French Excel: créances, échu, travaux en cours, marge, prévision, in French formats", async () => {
    const panel = await openFinances("fr-FR", "Finances");
    expect(within(panel).getByLabelText<HTMLInputElement>("Date d’arrêté").value).toBe("2026-12-31");
    expect(within(panel).getByRole("table", { name: "Créances au 31/12/2026" })).toBeInTheDocument();
    expect(within(panel).getByRole("table", { name: "Travaux en cours et marge" })).toBeInTheDocument();
    // French groups by a narrow no-break space, and sets the euro and the percent sign after a no-break space.
    const expected: [string, string][] = [
      ["Facturé à ce jour (TTC)", "122\u202f359,75\u00a0€"],
      ["Encaissé", "100\u202f000,00\u00a0€"],
      ["Restant dû", "22\u202f359,75\u00a0€"],
      ["Échu", "22\u202f359,75\u00a0€"],
      ["Retenue de garantie conservée par le client", "5\u202f454,38\u00a0€"],
      ["Chiffre d’affaires à l’avancement", "87\u202f854,33\u00a0€"],
      ["Facturé d’avance (produits constatés d’avance)", "21\u202f233,17\u00a0€"],
      ["Marge brute prévisionnelle", "74\u202f500,00\u00a0€"],
      ["Taux de marge prévisionnel", "33,18\u00a0%"],
    ];
    for (const [label, value] of expected) expect({ label, value: figure(panel, label) }).toEqual({ label, value });

    const row = within(within(panel).getByRole("table", { name: "Factures" })).getByRole("row", { name: /^INV-0001/ });
    expect(row).toHaveTextContent("échéance le 30/12/2026");
    expect(row).toHaveTextContent("En retard de 1 jour");
    expect(within(row).getByRole("button", { name: "Enregistrer un encaissement pour INV-0001" })).toBeInTheDocument();
    expect(englishLeftIn(panel, french)).toEqual([]);

    expect(await within(panel).findByRole("img", { name: /^Balance âgée du restant dû/ })).toHaveAccessibleName(
      // A no-break space before each colon and semicolon, as French sets them.
      "Balance âgée du restant dû\u00a0: Non échu\u00a0: 0,00\u00a0€\u00a0; 1 à 30\u00a0jours\u00a0: 22\u202f359,75\u00a0€\u00a0; 31 à 60\u00a0jours\u00a0: 0,00\u00a0€\u00a0; 61 à 90\u00a0jours\u00a0: 0,00\u00a0€\u00a0; Plus de 90\u00a0jours\u00a0: 0,00\u00a0€.",
    );
    const forecast = within(panel).getByRole("img", { name: /^Prévision par mois/ });
    expect(forecast).toHaveAccessibleName(/^Prévision par mois\u00a0: janvier 2027\u00a0: facturation /);
    for (const series of ["Facturation", "Encaissements"]) expect(within(forecast).getByText(series)).toBeInTheDocument();
    expect(within(panel).getByText(/^Facturé à ce jour à chaque facture/)).toBeInTheDocument();
  });
});
