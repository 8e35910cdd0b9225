import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import type { Delivery } from "../../src/taskpane/host/host";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { contract } from "../../src/taskpane/i18n/catalogs/contract/en";
import { en } from "../../src/taskpane/i18n/catalogs/en";
import { finances } from "../../src/taskpane/i18n/catalogs/finances/en";
import { history } from "../../src/taskpane/i18n/catalogs/history/en";
import { timesheet } from "../../src/taskpane/i18n/catalogs/timesheet/en";
import { de } from "../../src/taskpane/i18n/catalogs/de";
import { es } from "../../src/taskpane/i18n/catalogs/es";
import { fr } from "../../src/taskpane/i18n/catalogs/fr";
import { it as italian } from "../../src/taskpane/i18n/catalogs/it";
import { nl } from "../../src/taskpane/i18n/catalogs/nl";
import { paneLanguageOf, paneLocaleOf } from "../../src/taskpane/i18n/pane-language";
import { sampleWorkbook } from "../workbook/helpers";

// Rendering the whole App and writing an invoice takes seconds under a busy machine, as in the other pane tests.
jest.setTimeout(30_000);

const INVOICE_DATE = new Date("2026-03-31T12:00:00Z");

beforeEach(() => {
  // Invoices are dated today: a fixed today keeps the period and the figures the same.
  jest.useFakeTimers({ now: INVOICE_DATE, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

function renderApp(host: MemoryHost) {
  const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime.bind(jest) });
  render(<App host={host} dark={false} exportInvoice={jest.fn(() => Promise.resolve<Delivery>({ kind: "downloaded" }))} />);
  return user;
}

describe("the pane's language from Office's display language", () => {
  it.each([
    ["de-DE", "de"], ["de-AT", "de"], ["de-CH", "de"], ["fr-FR", "fr"], ["fr-CA", "fr"], ["es-MX", "es"], ["nl-BE", "nl"], ["it-IT", "it"],
    ["en-US", "en"], ["en-GB", "en"], ["pt-BR", "en"], ["ja-JP", "en"], ["DE-de", "de"], ["de_AT", "de"], ["", "en"], ["deutsch", "en"],
  ])("%s reads in %s", (tag, language) => {
    expect(paneLanguageOf(tag)).toBe(language);
  });

  it("formats in the whole tag, region and all, and in English when the tag is not one", () => {
    expect(paneLocaleOf("de-AT")).toBe("de-AT");
    expect(paneLocaleOf("fr_CA")).toBe("fr-CA");
    expect(paneLocaleOf("not a tag")).toBe("en");
  });
});

type Texts = Record<string, string>;
const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1] as string).sort();
/** A key's base, its plural suffix taken off: English "x_one"/"x_other" and French "x_many" are one key. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
const englishBases = new Set(Object.keys(en).map(base));

describe.each<[string, Texts]>([["de", de], ["fr", fr], ["es", es], ["nl", nl], ["it", italian]])("the %s pane catalog", (language, catalog) => {
  it("has no key English lacks", () => {
    expect(Object.keys(catalog).filter((key) => !englishBases.has(base(key)))).toEqual([]);
  });

  it("fills the same placeholders as English", () => {
    const english = en as Texts;
    const mismatches = Object.entries(catalog).flatMap(([key, text]) => {
      const source = english[key] ?? english[`${base(key)}_other`] ?? "";
      return placeholders(text).join() === placeholders(source).join() ? [] : [{ key, text, source }];
    });
    expect(mismatches).toEqual([]);
  });

  it("has every key English has: the whole pane reads in the language", () => {
    const lacking = [...englishBases].filter((key) => !Object.keys(catalog).some((own) => base(own) === key));
    expect(lacking).toEqual([]);
  });
});

describe("the pane in German and French", () => {
  it("shows a German host the pane in German, its amounts and dates in German formats", async () => {
    const user = renderApp(new MemoryHost(await sampleWorkbook(), "de-DE"));
    expect(await screen.findByRole("heading", { name: "Nächste Rechnung: INV-0001" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Rechnung" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Vertrag" })).toBeInTheDocument();
    expect(screen.getByLabelText("Rechnungsdatum")).toBeInTheDocument();
    // The same figure as the English test's €94,999.75, in German: grouping by points, the euro after.
    expect(screen.getByTestId("preview-total-due")).toHaveTextContent("94.999,75 €");
    expect(screen.getByText("Leistungszeitraum 01.03.2026 bis 31.03.2026, Rechnungsdatum 31.03.2026.")).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "Sicherheitseinbehalt" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Rechnung INV-0001 erstellen" }));
    expect(await screen.findByText("INV-0001 ausgestellt")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Blatt öffnen" })).toBeInTheDocument();
    const exports = screen.getByRole("group", { name: "INV-0001 exportieren" });
    expect(within(exports).getByRole("button", { name: "INV-0001 als Excel-Datei exportieren" })).toBeInTheDocument();
    expect(screen.getByTestId("announcement")).toHaveTextContent("INV-0001 ausgestellt. Zahlbetrag 94.999,75 €.");
  });

  it("shows a French host the pane in French", async () => {
    renderApp(new MemoryHost(await sampleWorkbook(), "fr-FR"));
    expect(await screen.findByRole("heading", { name: "Prochaine facture : INV-0001" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Historique" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Générer la facture INV-0001" })).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "Retenue de garantie" })).toBeInTheDocument();
    // French groups by a narrow no-break space and puts the euro after a no-break space.
    expect(screen.getByTestId("preview-total-due").textContent).toBe("94\u202f999,75\u00a0€");
    expect(screen.getByText("Période du 01/03/2026 au 31/03/2026, datée du 31/03/2026.")).toBeInTheDocument();
  });

  it("shows an Austrian host German words in Austrian formats", async () => {
    renderApp(new MemoryHost(await sampleWorkbook(), "de-AT"));
    expect(await screen.findByRole("heading", { name: "Nächste Rechnung: INV-0001" })).toBeInTheDocument();
    // de-AT puts the euro first, where Germany's German puts it after.
    expect(screen.getByTestId("preview-total-due").textContent).toBe("€\u00a094.999,75");
  });

  it("shows a Brazilian host the pane in English", async () => {
    renderApp(new MemoryHost(await sampleWorkbook(), "pt-BR"));
    expect(await screen.findByRole("heading", { name: "Next invoice: INV-0001" })).toBeInTheDocument();
  });
});

/** What a display language shows of the sample's first invoice: the English test's figures (€94,999.75 due) in its words and formats. */
interface Expected {
  tag: string;
  heading: string;
  tab: string;
  invoiceDate: string;
  /** The preview's total due, exactly as the locale writes it (no-break spaces and all). */
  totalDue: string;
  period: string;
  retention: string;
  generate: string;
  issued: string;
  openSheet: string;
  exportGroup: string;
  exportXlsx: string;
  announcement: string;
}

const languages: Expected[] = [
  {
    tag: "es-ES",
    heading: "Próxima factura: INV-0001",
    tab: "Historial",
    invoiceDate: "Fecha de factura",
    totalDue: "94.999,75\u00a0€",
    period: "Periodo del 01/03/2026 al 31/03/2026, con fecha 31/03/2026.",
    retention: "Retención de garantía",
    generate: "Generar factura INV-0001",
    issued: "INV-0001 emitida",
    openSheet: "Abrir hoja",
    exportGroup: "Exportar INV-0001",
    exportXlsx: "Exportar INV-0001 como Archivo de Excel",
    announcement: "INV-0001 emitida. Importe a pagar: 94.999,75 €. Se ha escrito en la hoja INV-0001 y en el registro de facturación.",
  },
  {
    tag: "nl-NL",
    heading: "Volgende factuur: INV-0001",
    tab: "Geschiedenis",
    invoiceDate: "Factuurdatum",
    // Dutch puts the euro first, then a no-break space.
    totalDue: "€\u00a094.999,75",
    period: "Periode 01-03-2026 t/m 31-03-2026, factuurdatum 31-03-2026.",
    retention: "Garantie-inhouding",
    generate: "Factuur INV-0001 maken",
    issued: "INV-0001 uitgereikt",
    openSheet: "Blad openen",
    exportGroup: "INV-0001 exporteren",
    exportXlsx: "INV-0001 exporteren als Excel-bestand",
    announcement: "INV-0001 uitgereikt. Te betalen: € 94.999,75. Geschreven op het werkblad INV-0001 en in het factuurlogboek.",
  },
  {
    tag: "it-IT",
    heading: "Prossima fattura: INV-0001",
    tab: "Cronologia",
    invoiceDate: "Data fattura",
    totalDue: "94.999,75\u00a0€",
    period: "Periodo dal 01/03/2026 al 31/03/2026, data fattura 31/03/2026.",
    retention: "Ritenuta di garanzia",
    generate: "Genera fattura INV-0001",
    issued: "INV-0001 emessa",
    openSheet: "Apri foglio",
    exportGroup: "Esporta INV-0001",
    exportXlsx: "Esporta INV-0001 come File di Excel",
    announcement: "INV-0001 emessa. Importo da pagare: 94.999,75 €. Scritta nel foglio INV-0001 e nel registro di fatturazione.",
  },
];

describe.each(languages)("the pane for a $tag host", (expected) => {
  it("previews, generates and announces the invoice in its words and formats", async () => {
    const user = renderApp(new MemoryHost(await sampleWorkbook(), expected.tag));
    expect(await screen.findByRole("heading", { name: expected.heading })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: expected.tab })).toBeInTheDocument();
    expect(screen.getByLabelText(expected.invoiceDate)).toBeInTheDocument();
    expect(screen.getByTestId("preview-total-due").textContent).toBe(expected.totalDue);
    expect(screen.getByText(expected.period)).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: expected.retention })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: expected.generate }));
    expect(await screen.findByText(expected.issued)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: expected.openSheet })).toBeInTheDocument();
    const exports = screen.getByRole("group", { name: expected.exportGroup });
    expect(within(exports).getByRole("button", { name: expected.exportXlsx })).toBeInTheDocument();
    // toHaveTextContent reads the locale's no-break spaces as plain ones.
    expect(screen.getByTestId("announcement")).toHaveTextContent(expected.announcement);
  });
});

/** The keys en.ts writes itself, not those its tabs' area files spread into it (their helpers translate those). */
const areaKeys = new Set(Object.keys({ ...contract, ...history, ...finances, ...timesheet }));
const ownKeys = Object.keys(en).filter((key) => !areaKeys.has(key));
const ownBases = [...new Set(ownKeys.map(base))];
const pluralBases = new Set(ownKeys.filter((key) => key.endsWith("_other")).map(base));

describe.each<[string, Record<string, string>]>([["es", es], ["nl", nl], ["it", italian]])("the %s pane catalog", (language, catalog) => {
  it("translates every key of the shell, the Invoice tab, the exports and the problem list", () => {
    const lacking = ownBases.filter((key) => !Object.keys(catalog).some((own) => base(own) === key));
    expect(lacking).toEqual([]);
  });

  it("gives each count the plural forms its language has", () => {
    // Spanish and Italian have one, many (a million and up: "1 millón de") and other; Dutch one and other.
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const missing = [...pluralBases].flatMap((key) => forms.filter((form) => catalog[`${key}_${form}`] === undefined).map((form) => `${key}_${form}`));
    expect(missing).toEqual([]);
  });
});
