import { type Catalog, PLURAL_CATEGORIES, type PluralCategory } from "../../src/i18n/catalog";
import { CATALOGS } from "../../src/i18n/catalogs";
import { en } from "../../src/i18n/catalogs/en";
import { DOCUMENT_LANGUAGES, G703_FIELDS, documentText, g703Heading } from "../../src/i18n";
import { csvHeaderOf, timeColumnsOf } from "../../src/export/csv-exporter";
import { summaryRowsOf, titleOf } from "../../src/export/document";
import { vatMentions } from "../../src/export/pdf/vat-mention";
import { firstInvoice, invoiceWithAdvance, thirdInvoice } from "../export/fixtures";

const OTHERS = DOCUMENT_LANGUAGES.filter((language) => language !== "en");
const PLURAL = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join("|")})$`);

/** A catalog's keys: its singular keys, and each plural's forms by its base key. */
function keysOf(catalog: Catalog): { singular: string[]; plurals: Map<string, PluralCategory[]> } {
  const singular: string[] = [];
  const plurals = new Map<string, PluralCategory[]>();
  for (const key of Object.keys(catalog)) {
    const match = PLURAL.exec(key);
    if (match === null) singular.push(key);
    else plurals.set(match[1]!, [...(plurals.get(match[1]!) ?? []), match[2] as PluralCategory]);
  }
  return { singular: singular.sort(), plurals };
}

const placeholdersOf = (text: string): string[] => [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!))].sort();
const entries = (catalog: Catalog): [string, string][] => Object.entries(catalog).filter((entry): entry is [string, string] => entry[1] !== undefined);

describe("every language's catalog", () => {
  test.each(OTHERS)("%s has exactly the English keys", (language) => {
    expect(keysOf(CATALOGS[language]).singular).toEqual(keysOf(en).singular);
  });

  test.each(OTHERS)("%s has each plural in the forms its own plural rules use, and a zero form where English has one", (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const { plurals } = keysOf(CATALOGS[language]);
    for (const [base, forms] of keysOf(en).plurals) {
      const wanted = new Set<string>([...categories, ...(forms.includes("zero") ? ["zero"] : [])]);
      expect({ base, forms: (plurals.get(base) ?? []).sort() }).toEqual({ base, forms: [...wanted].sort() });
    }
    expect([...plurals.keys()].sort()).toEqual([...keysOf(en).plurals.keys()].sort());
  });

  test.each(OTHERS)("%s uses exactly the English placeholders in each label", (language) => {
    const english = new Map<string, string[]>();
    for (const [key, text] of entries(en)) {
      const base = PLURAL.exec(key)?.[1] ?? key;
      english.set(base, [...new Set([...(english.get(base) ?? []), ...placeholdersOf(text)])].sort());
    }
    for (const [key, text] of entries(CATALOGS[language])) {
      const base = PLURAL.exec(key)?.[1] ?? key;
      // A plural form may leave out the count ("payment on receipt" for zero days), never add a name.
      const wanted = (english.get(base) ?? []).filter((name) => name !== "count" || placeholdersOf(text).includes("count"));
      expect({ key, placeholders: placeholdersOf(text) }).toEqual({ key, placeholders: wanted });
    }
  });

  test.each(DOCUMENT_LANGUAGES)("%s has no blank label and none with spaces around it", (language) => {
    const untidy = entries(CATALOGS[language]).filter(([, text]) => text.trim() === "" || text !== text.trim());
    expect(untidy).toEqual([]);
  });

  test.each(OTHERS)("%s translates the titles, the G703 columns and the G702 lines: none is left in English", (language) => {
    const catalog: Readonly<Record<string, string | undefined>> = CATALOGS[language];
    const english = entries(en).filter(([key, text]) => /^(title|g703|summary)\./.test(key) && text !== en["g703.percentComplete"]);
    expect(english.filter(([key, text]) => catalog[key] === text)).toEqual([]);
  });
});

describe("the terms finance teams use", () => {
  test.each([
    ["de", "Abschlagsrechnung", "Anzahlungsrechnung", "Schlussrechnung", "Stornorechnung", "Sicherheitseinbehalt", "Steuerschuldnerschaft des Leistungsempfängers"],
    ["fr", "facture de situation", "facture d’acompte", "facture de solde", "avoir", "retenue de garantie", "Autoliquidation"],
    ["es", "certificación de obra", "factura de anticipo", "factura final", "factura rectificativa", "retención de garantía", "Inversión del sujeto pasivo"],
    ["nl", "termijnfactuur", "voorschotfactuur", "slotfactuur", "creditnota", "garantie-inhouding", "Btw verlegd"],
    ["it", "stato di avanzamento lavori", "fattura di acconto", "fattura di saldo", "nota di credito", "ritenuta di garanzia", "Inversione contabile"],
  ] as const)("%s: progress, advance, final invoice, credit note, retention, reverse charge", (language, progress, advance, final, credit, retention, reverseCharge) => {
    const c = CATALOGS[language];
    expect(c["name.progressInvoice"]).toContain(progress);
    expect(c["name.advanceInvoice"]).toBe(advance);
    expect(c["name.finalInvoice"]).toContain(final);
    expect(c["name.creditNote"]).toBe(credit);
    expect(c["g703.retention"].toLowerCase()).toContain(retention.toLowerCase());
    expect(c["vat.reverseCharge"]).toContain(reverseCharge);
    expect(c["vat.reverseChargeNational"]).toContain(reverseCharge);
  });

  test("a German credit note that cancels an invoice is never a Gutschrift, the buyer's own invoice under §14(2) UStG", () => {
    expect(Object.values(CATALOGS.de).join(" ")).not.toMatch(/gutschrift/i);
  });
});

describe("the English catalog says what English documents print today", () => {
  test("the G703 columns, as the AIA names them, and the CSV's and the time appendix's headings", () => {
    const english = documentText("en");
    expect(G703_FIELDS.map((field) => g703Heading(field, english))).toEqual([
      "Item", "Description of work", "Scheduled value (C)", "From previous application (D)", "This period (E)",
      "Materials presently stored (F)", "Completed and stored to date (G)", "% (G ÷ C)", "Balance to finish (H)", "Retention (I)",
    ]);
    expect(csvHeaderOf(english).slice(-2)).toEqual(["Tax rate", "Amount"]);
    expect(timeColumnsOf(english)).toEqual(["Person", "Role", "Hours", "Rate", "Per", "Late"]);
    expect([en["capped.heading"], en["capped.hoursNotBilled"], en["capped.hoursColumn"]]).toEqual(["Worked, not billed (capped)", "Hours not billed (capped)", "Hours not billed"]);
  });

  test("the G702 summary, with its released retention and advance recovery, and the titles", async () => {
    const rows = [...summaryRowsOf(await thirdInvoice()), ...summaryRowsOf(await invoiceWithAdvance())];
    for (const row of rows) expect(row.label).toBe(en[`summary.${row.key}`]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(13);
    const invoice = await firstInvoice();
    expect(titleOf(invoice)).toBe(en["title.progressInvoice"]);
    expect(titleOf({ ...invoice, kind: "credit note" })).toBe(en["title.creditNote"]);
    expect(titleOf({ ...invoice, kind: "draft" })).toBe(en["title.draftInvoice"]);
  });

  test("the legal mentions: the directive's reverse charge, the United Kingdom's, zero rating and export", async () => {
    const invoice = await firstInvoice();
    const supplier = { ...invoice.supplier, country: "GB" };
    expect(vatMentions({ ...invoice, vatTreatment: { kind: "reverse-charge" }, supplier: { ...supplier, country: "BE" } })).toEqual([en["vat.reverseCharge"]]);
    expect(vatMentions({ ...invoice, vatTreatment: { kind: "reverse-charge" }, supplier })).toEqual([en["vat.reverseChargeNational"]]);
    expect(vatMentions({ ...invoice, vatTreatment: { kind: "zero-rated" } })).toEqual([en["vat.zeroRated"]]);
    expect(vatMentions({ ...invoice, vatTreatment: { kind: "export" } })).toEqual([en["vat.export"]]);
  });
});

describe("the Catalog type", () => {
  test("refuses a catalog without every key, and one with a key English does not have", () => {
    // @ts-expect-error: a catalog missing labels is not a Catalog
    const partial: Catalog = { "title.progressInvoice": "ABSCHLAGSRECHNUNG" };
    // @ts-expect-error: a misspelled key is not in the English catalog
    const misspelled: Catalog = { ...CATALOGS.de, "title.invoise": "RECHNUNG" };
    expect(Object.keys(partial)).toHaveLength(1);
    expect(Object.keys(misspelled)).toContain("title.invoise");
  });
});
