import { CATALOGS } from "../../src/i18n/catalogs";
import { DOCUMENT_LANGUAGES, documentText, formatDocumentAmount, formatDocumentPercent } from "../../src/i18n";

describe("documentText", () => {
  test("each language's labels, with formatted values in their placeholders", () => {
    const taxLine = (language: (typeof DOCUMENT_LANGUAGES)[number]): string =>
      documentText(language).t("tax.atRateOn", { rate: formatDocumentPercent("0.19", language), base: formatDocumentAmount("65087.50", language, 2) });
    expect(DOCUMENT_LANGUAGES.map(taxLine)).toEqual([
      "Tax at 19% on 65,087.50",
      "Umsatzsteuer 19\u00a0% auf 65.087,50",
      "TVA à 19\u00a0% sur 65\u202f087,50",
      "IVA al 19\u00a0% sobre 65.087,50",
      "Btw 19% over 65.087,50",
      "IVA al 19% su 65.087,50",
    ]);
    expect(documentText("fr").t("fact.periodRange", { start: "01/09/2026", end: "30/09/2026" })).toBe("du 01/09/2026 au 30/09/2026");
  });

  test.each(DOCUMENT_LANGUAGES)("%s: every label is its own catalog's, never the key nor another language's", (language) => {
    const { t } = documentText(language);
    expect(t("title.progressInvoice")).toBe(CATALOGS[language]["title.progressInvoice"]);
    expect(t("g703.retention")).toBe(CATALOGS[language]["g703.retention"]);
    expect(t("vat.reverseCharge")).toBe(CATALOGS[language]["vat.reverseCharge"]);
  });

  test("the titles differ from language to language", () => {
    expect(new Set(DOCUMENT_LANGUAGES.map((language) => documentText(language).t("title.creditNote"))).size).toBe(DOCUMENT_LANGUAGES.length);
  });

  test("a plural takes the form of its count, by each language's rules; zero days is payment on receipt", () => {
    const days = (language: (typeof DOCUMENT_LANGUAGES)[number], count: number): string => documentText(language).t("payment.withinDays", { count });
    expect([0, 1, 30].map((count) => days("en", count))).toEqual([
      "Payment on receipt of the invoice.",
      "Payment within 1 day of the invoice date.",
      "Payment within 30 days of the invoice date.",
    ]);
    expect([0, 1, 30].map((count) => days("de", count))).toEqual([
      "Zahlbar sofort nach Erhalt der Rechnung.",
      "Zahlbar innerhalb von 1 Tag ab Rechnungsdatum.",
      "Zahlbar innerhalb von 30 Tagen ab Rechnungsdatum.",
    ]);
    // French puts 0 and 1 in the singular, and a million in its "many" form.
    expect(days("fr", 1)).toBe("Paiement à 1 jour à compter de la date de facture.");
    expect(days("fr", 1_000_000)).toBe("Paiement à 1000000 jours à compter de la date de facture.");
  });

  test("a value is printed as given: not escaped as HTML, and not read for placeholders or nesting", () => {
    const { t } = documentText("en");
    expect(t("party.taxId", { taxId: `Smith & Sons <b>"1"</b>` })).toBe(`Tax id Smith & Sons <b>"1"</b>`);
    expect(t("credit.workCancelled", { invoice: "{{invoice}} $t(title.progressInvoice)" })).toBe("Work billed on {{invoice}} $t(title.progressInvoice), cancelled");
  });

  test("the types ask for exactly the placeholders a label has", () => {
    const { t } = documentText("en");
    // @ts-expect-error: a label with placeholders needs its values; without them they stay visible
    expect(t("tax.atRateOn")).toBe("Tax at {{rate}} on {{base}}");
    // @ts-expect-error: a misspelled placeholder is not one of the label's
    expect(t("tax.atRateOn", { rate: "19%", bsae: "100.00" })).toBe("Tax at 19% on {{base}}");
    // @ts-expect-error: a plural needs its count, without which no form can be chosen
    expect(t("payment.withinDays", {})).toBe("payment.withinDays");
    // @ts-expect-error: a key that is in no catalog
    expect(t("title.receipt")).toBe("title.receipt");
  });
});
