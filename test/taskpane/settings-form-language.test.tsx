import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/app";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { contract as en } from "../../src/taskpane/i18n/catalogs/contract/en";
import { contract as de } from "../../src/taskpane/i18n/catalogs/contract/de";
import { contract as es } from "../../src/taskpane/i18n/catalogs/contract/es";
import { contract as fr } from "../../src/taskpane/i18n/catalogs/contract/fr";
import { contract as italian } from "../../src/taskpane/i18n/catalogs/contract/it";
import { contract as nl } from "../../src/taskpane/i18n/catalogs/contract/nl";
import { MemoryWorkbook, findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { SETTINGS } from "../../src/workbook/settings";
import { sampleWorkbook } from "../workbook/helpers";

// The form renders every setting (50 fields) again on each keystroke, as Fluent UI does; on a
// machine shared with other test runs that takes longer than Jest's default 5 seconds.
jest.setTimeout(30_000);

async function openContract(displayLanguage: string, tab: string) {
  const host = new MemoryHost(await sampleWorkbook(), displayLanguage);
  const user = userEvent.setup();
  render(<App host={host} dark={false} exportInvoice={() => Promise.resolve({ kind: "downloaded" as const })} />);
  await user.click(await screen.findByRole("tab", { name: tab }));
  return { host, user };
}

const settingValue = (workbook: MemoryWorkbook, key: string) => {
  const table = findTable(workbook.state, NAMES.settingsTable);
  return table === undefined ? undefined : tableValues(workbook.state, table).find((row) => row[0] === key)?.[1];
};

const shownOptions = (list: HTMLElement) => within(list).getAllByRole("option").map((option) => option.textContent);

describe("the Contract tab in German", () => {
  it("names, explains and groups every setting in German, and gives each its name in the settings table", async () => {
    await openContract("de-DE", "Vertrag");
    const form = screen.getByRole("form", { name: "Vertragseinstellungen" });
    for (const heading of ["Auftragnehmer", "Auftraggeber", "Vertrag", "Sicherheitseinbehalt", "Umsatzsteuer", "Anzahlung", "Zahlung und Nummerierung", "Dokumente"]) {
      expect(within(form).getByRole("group", { name: heading })).toBeInTheDocument();
    }
    expect(screen.getByLabelText("Satz des Sicherheitseinbehalts")).toHaveValue("5%");
    expect(screen.getByRole("textbox", { name: /^Name des Auftraggebers/ })).toHaveValue("Contoso Logistics GmbH");
    expect(screen.getByLabelText("IBAN des Auftragnehmers")).toHaveValue("GB29 NWBK 6016 1331 9268 19");
    expect(screen.getByLabelText("Satz des Sicherheitseinbehalts")).toHaveAccessibleDescription(
      "Der auf die Leistung einbehaltene Satz, z. B. 10%. In der Einstellungstabelle: Retention rate",
    );
    // A setting without help has the table's name alone.
    expect(screen.getByLabelText("Ort des Auftragnehmers")).toHaveAccessibleDescription("In der Einstellungstabelle: Supplier city");
    expect(screen.getByRole("button", { name: "Einstellungen speichern" })).toBeInTheDocument();
  });

  it("shows each list's choices in German, the document languages by their German names and their own", async () => {
    await openContract("de-DE", "Vertrag");
    expect(shownOptions(screen.getByRole("combobox", { name: "Rundung" }))).toEqual(["Kaufmännisch (wie RUNDEN)", "Mathematisch (zur geraden Ziffer)"]);
    expect(shownOptions(screen.getByRole("combobox", { name: "Umsatzsteuer berechnet auf" }))).toEqual(["Abgerechnete Leistung", "Gezahlter Betrag"]);
    expect(shownOptions(screen.getByRole("combobox", { name: "Abrechnung über den Auftragswert zulassen" }))).toEqual(["Nein", "Ja"]);
    expect(shownOptions(screen.getByRole("combobox", { name: "Umsatzsteuerliche Behandlung" }))).toEqual([
      "Regelbesteuerung", "Steuerschuldnerschaft des Leistungsempfängers", "Steuerfrei", "Nullsteuersatz", "Ausfuhr (außerhalb der EU)",
    ]);
    const language = screen.getByRole("combobox", { name: "Sprache der Dokumente" });
    expect(shownOptions(language)).toEqual([
      "Englisch (English)", "Deutsch", "Französisch (Français)", "Spanisch (Español)", "Niederländisch (Nederlands)", "Italienisch (Italiano)",
    ]);
    expect(language).toHaveDisplayValue("Englisch (English)");
  });

  it("writes what is chosen to the settings table in English, as the workbook reads it", async () => {
    const { host, user } = await openContract("de-DE", "Vertrag");
    await user.selectOptions(screen.getByRole("combobox", { name: "Rundung" }), "Mathematisch (zur geraden Ziffer)");
    await user.selectOptions(screen.getByRole("combobox", { name: "Sprache der Dokumente" }), "Deutsch");
    await user.selectOptions(screen.getByRole("combobox", { name: "Umsatzsteuerliche Behandlung" }), "Steuerschuldnerschaft des Leistungsempfängers");
    const taxRate = screen.getByLabelText("Steuersatz");
    await user.clear(taxRate);
    await user.type(taxRate, "0%");
    await user.click(screen.getByRole("button", { name: "Einstellungen speichern" }));

    await waitFor(() => expect(settingValue(host.memory, "Rounding")).toBe("half-even"));
    expect(settingValue(host.memory, "Document language")).toBe("German");
    expect(settingValue(host.memory, "VAT treatment")).toBe("reverse charge");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Vertragseinstellungen auf dem Arbeitsblatt Contract gespeichert.");
    expect(screen.getByRole("combobox", { name: "Sprache der Dokumente" })).toHaveDisplayValue("Deutsch");
  });

  it("says in German that a setting needs fixing; the workbook's problem itself names the setting in English", async () => {
    const { host, user } = await openContract("de-DE", "Vertrag");
    const terms = screen.getByLabelText("Zahlungsziel (Tage)");
    await user.clear(terms);
    await user.type(terms, "dreißig");
    await user.click(screen.getByRole("button", { name: "Einstellungen speichern" }));
    expect(screen.getByTestId("announcement")).toHaveTextContent("Nicht gespeichert: 1 Einstellung muss korrigiert werden.");
    expect(terms).toHaveAccessibleDescription(expect.stringContaining("In der Einstellungstabelle: Payment terms (days)"));
    expect(settingValue(host.memory, "Payment terms (days)")).toBe(30);
  });
});

describe("the Contract tab in French", () => {
  it("names, explains and groups every setting in French, with a no-break space before a colon", async () => {
    await openContract("fr-FR", "Contrat");
    const form = screen.getByRole("form", { name: "Paramètres du marché" });
    for (const heading of ["Fournisseur", "Client", "Marché", "Retenue de garantie", "TVA", "Avance", "Paiement et numérotation", "Documents"]) {
      expect(within(form).getByRole("group", { name: heading })).toBeInTheDocument();
    }
    expect(screen.getByLabelText("Taux de retenue de garantie")).toHaveValue("5%");
    expect(screen.getByRole("textbox", { name: /^Nom du client/ })).toHaveValue("Contoso Logistics GmbH");
    expect(screen.getByLabelText("Devise")).toHaveAccessibleDescription("Code ISO 4217, par exemple USD, EUR, GBP, JPY. Dans la table des paramètres\u00a0: Currency");
    expect(shownOptions(screen.getByRole("combobox", { name: "Arrondi" }))).toEqual(["Au plus proche (comme ARRONDI)", "Au pair le plus proche (arrondi bancaire)"]);
    expect(shownOptions(screen.getByRole("combobox", { name: "Langue des documents" }))).toEqual([
      "Anglais (English)", "Allemand (Deutsch)", "Français", "Espagnol (Español)", "Néerlandais (Nederlands)", "Italien (Italiano)",
    ]);
    expect(screen.getByRole("button", { name: "Enregistrer les paramètres" })).toBeInTheDocument();
  });

  it("writes a choice to the settings table in English", async () => {
    const { host, user } = await openContract("fr-FR", "Contrat");
    await user.selectOptions(screen.getByRole("combobox", { name: "TVA calculée sur" }), "Montant encaissé");
    await user.selectOptions(screen.getByRole("combobox", { name: "Langue des documents" }), "Français");
    await user.click(screen.getByRole("button", { name: "Enregistrer les paramètres" }));
    await waitFor(() => expect(settingValue(host.memory, "Tax base")).toBe("payment"));
    expect(settingValue(host.memory, "Document language")).toBe("French");
    expect(screen.getByTestId("announcement")).toHaveTextContent("Paramètres du marché enregistrés dans la feuille Contract.");
  });
});

describe("every setting in every language", () => {
  const english: Readonly<Record<string, string>> = en;
  const catalogs: [string, Readonly<Record<string, string>>][] = [["en", en], ["de", de], ["fr", fr], ["es", es], ["nl", nl], ["it", italian]];

  it("is named in English as the settings table names it, and explained as SETTINGS explains it", () => {
    for (const spec of SETTINGS) {
      expect(english[`contract.setting.${spec.key}`]).toBe(spec.key);
      expect(english[`contract.help.${spec.key}`]).toBe(spec.help === "" ? undefined : spec.help);
    }
  });

  it.each(catalogs)("has a label in %s, and help exactly where SETTINGS gives some", (_, catalog) => {
    for (const spec of SETTINGS) {
      expect([spec.key, (catalog[`contract.setting.${spec.key}`] ?? "").trim() !== "" ? "labelled" : "unlabelled"]).toEqual([spec.key, "labelled"]);
      expect([spec.key, catalog[`contract.help.${spec.key}`] !== undefined]).toEqual([spec.key, spec.help !== ""]);
    }
    const known = new Set(SETTINGS.flatMap((spec) => [`contract.setting.${spec.key}`, `contract.help.${spec.key}`]));
    // No label left for a setting SETTINGS no longer has.
    expect(Object.keys(catalog).filter((key) => /^contract\.(setting|help)\./.test(key) && !known.has(key))).toEqual([]);
  });

  it.each(catalogs.slice(1))("has all of the tab's text in %s", (_, catalog) => {
    const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");
    const translated = new Set(Object.keys(catalog).map(base));
    expect(Object.keys(english).map(base).filter((key) => !translated.has(key))).toEqual([]);
  });
});
