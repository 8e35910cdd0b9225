import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { type MemorySheet, type MemoryWorkbook, findSheet } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue } from "../../src/workbook/port";
import { readSettings } from "../../src/workbook/settings";
import { copyState, sampleWorkbook, setSetting } from "./helpers";

/**
 * The contract's Document language: how the setting is read, and the invoice sheet and the credit
 * note's sheet it labels. The sample's first period (2026-09-30): work 85,087.50, of which
 * 65,087.50 at 19 % (tax 12,366.63) and the licences' 20,000.00 at 9 % (1,800.00); current payment
 * due 80,833.12; total due 94,999.75.
 */

/** The language the settings give for a typed value, or its problems where they are. */
function languageOf(value: CellValue) {
  const { settings, problems } = readSettings({
    name: NAMES.settingsTable, sheet: NAMES.settingsSheet, top: 0, left: 0,
    values: [["Setting", "Value"], ["Supplier name", "Acme"], ["Client name", "Client"], ["Document language", value]],
  });
  return settings?.language ?? problems.map((p) => ({ code: p.code, at: `${p.sheet ?? ""}!${p.cell ?? ""}`, message: p.message }));
}

async function invoiceIn(language: CellValue): Promise<{ workbook: MemoryWorkbook; sheet: MemorySheet }> {
  const workbook = await sampleWorkbook();
  setSetting(workbook.state, "Document language", language);
  setSetting(workbook.state, "Payment terms", null);
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  expect(outcome.issued.language).toBe(language === null ? "en" : language === "Deutsch" ? "de" : language);
  return { workbook, sheet: findSheet(workbook.state, "INV-0001")! };
}

/** The sheet's rows, each without its blank cells. */
const rowsOf = (sheet: MemorySheet): CellValue[][] => sheet.cells.map((row) => row.filter((cell) => cell !== null));
const rowStarting = (sheet: MemorySheet, text: string): CellValue[] | undefined => rowsOf(sheet).find((row) => String(row[0] ?? "").startsWith(text));
/** Every number on the sheet, by its cell: the figures, which no language changes. */
const numbersOf = (sheet: MemorySheet): string[] => sheet.cells.flatMap((row, r) => row.flatMap((cell, c) => (typeof cell === "number" ? [`${r},${c}=${cell}`] : [])));

describe("the Document language setting", () => {
  test("a language's name in English or in itself, its code or its tag; blank is English", () => {
    expect(["Deutsch", "German", "de", "de-DE", " DEUTSCH "].map(languageOf)).toEqual(["de", "de", "de", "de", "de"]);
    expect(["Français", "francais", "fr-FR", "Español", "Nederlands", "it", "English", "en-US"].map(languageOf)).toEqual(["fr", "fr", "fr", "es", "nl", "it", "en", "en"]);
    expect(languageOf(null)).toBe("en");
    expect(languageOf("")).toBe("en");
  });

  test("another language is a problem at the setting's cell that says what to type, and Generate writes nothing", async () => {
    expect(languageOf("Klingon")).toEqual([{
      code: "UNKNOWN_DOCUMENT_LANGUAGE", at: "Contract!B4",
      message: 'Document language: "Klingon" is not a language Interim writes documents in: enter English, German, French, Spanish, Dutch, or Italian (or its code: en, de, fr, es, nl, it).',
    }]);
    expect(languageOf("de-CH")).toEqual([expect.objectContaining({ code: "UNSUPPORTED_REGION", at: "Contract!B4", message: expect.stringContaining('enter "de" for German documents, which follow de-DE') })]);

    const workbook = await sampleWorkbook();
    setSetting(workbook.state, "Document language", "Klingon");
    const before = copyState(workbook.state);
    const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(outcome.ok ? [] : outcome.problems.map((p) => [p.code, `${p.sheet ?? ""}!${p.cell ?? ""}`])).toEqual([["UNKNOWN_DOCUMENT_LANGUAGE", "Contract!B51"]]);
    expect(copyState(workbook.state)).toBe(before);
  });

  test("a text the sheet writes after a label must fit a cell with the label of the document's language", async () => {
    const workbook = await sampleWorkbook();
    setSetting(workbook.state, "Document language", "de");
    // "Payment terms: " is 15 characters, "Zahlungsbedingungen: " 21: 32,750 fit after the one, not the other.
    setSetting(workbook.state, "Payment terms", "x".repeat(32_750));
    const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(outcome.ok ? [] : outcome.problems.map((p) => p.message)).toEqual([
      'Payment terms is 32,750 characters long with "Zahlungsbedingungen: " before it on the invoice, over the 32,767 characters an Excel cell holds; shorten it to at most 32,746.',
    ]);
  });
});

describe("the invoice sheet in the document's language", () => {
  test("German: every label, the dates as Germans write them, the figures the same numbers in the same formats as in English", async () => {
    const { sheet } = await invoiceIn("Deutsch");
    const rows = rowsOf(sheet);
    expect(rows.slice(0, 9)).toEqual([
      ["ABSCHLAGSRECHNUNG INV-0001"],
      [],
      ["Rechnungssteller", "Northwind Consulting Ltd", "Rechnungsnummer", "INV-0001"],
      ["12 Harbour Street, Bristol BS1 4DJ, Vereinigtes Königreich", "Rechnungsdatum", "30.09.2026"],
      ["USt-IdNr. GB123456789", "Leistungszeitraum", "01.09.2026 bis 30.09.2026"],
      ["Rechnungsempfänger", "Contoso Logistics GmbH", "Fällig am", "30.10.2026"],
      ["Hafenstraße 8, 20457 Hamburg, Deutschland", "Vertrag", "CT-2026-014"],
      ["USt-IdNr. DE987654321", "Bestellnummer", "PO-88412"],
      ["Beträge in", "EUR"],
    ]);
    expect(rows[11]).toEqual([
      "Pos.", "Leistungsbeschreibung", "Auftragswert (C)", "Bisher abgerechnet (D)", "Dieser Zeitraum (E)",
      "Angelieferte Stoffe und Bauteile (F)", "Leistungsstand gesamt (G)", "% (G ÷ C)", "Restleistung (H)", "Sicherheitseinbehalt (I)",
    ]);
    expect(rows[20]?.[0]).toBe("Summen");
    expect(rows.slice(22, 38)).toEqual([
      ["1. Ursprüngliche Auftragssumme", 215000],
      ["2. Nachträge (Saldo)", 9500],
      ["3. Aktuelle Auftragssumme (1 + 2)", 224500],
      ["4. Leistungsstand gesamt (G)", 85087.5],
      ["5a. Sicherheitseinbehalt auf erbrachte Leistungen", 4254.38],
      ["5b. Sicherheitseinbehalt auf angelieferte Stoffe und Bauteile", 0],
      ["5. Sicherheitseinbehalt gesamt", 4254.38],
      ["6. Leistungsstand abzüglich Sicherheitseinbehalt (4 − 5)", 80833.12],
      ["7. Abzüglich bisheriger Abschlagsrechnungen", 0],
      ["8. Fälliger Nettobetrag", 80833.12],
      ["9. Restauftragswert einschließlich Sicherheitseinbehalt (3 − 6)", 143666.88],
      // A no-break space between the rate and its sign, as German writes a percentage.
      ["Umsatzsteuer 9\u00a0% auf 20.000,00", 1800],
      ["Umsatzsteuer 19\u00a0% auf 65.087,50", 12366.63],
      ["Gesamtbetrag (EUR)", 94999.75],
      [],
      ["Zahlungsbedingungen: Zahlbar innerhalb von 30 Tagen ab Rechnungsdatum."],
    ]);
    const english = (await invoiceIn(null)).sheet;
    expect(numbersOf(sheet)).toEqual(numbersOf(english));
    expect(sheet.numberFormats).toEqual(english.numberFormats);
  });

  test("the payment terms made from the days take the language's plural, English's too: on receipt for 0 days, 1 day", async () => {
    const footer = async (language: string, days: number): Promise<CellValue | undefined> => {
      const workbook = await sampleWorkbook();
      setSetting(workbook.state, "Document language", language);
      setSetting(workbook.state, "Payment terms", null);
      setSetting(workbook.state, "Payment terms (days)", days);
      const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
      return rowStarting(findSheet(workbook.state, "INV-0001")!, language === "en" ? "Payment terms" : "Zahlungsbedingungen")?.[0];
    };
    expect(await footer("en", 0)).toBe("Payment terms: Payment on receipt of the invoice.");
    expect(await footer("en", 1)).toBe("Payment terms: Payment within 1 day of the invoice date.");
    expect(await footer("en", 14)).toBe("Payment terms: Payment within 14 days of the invoice date.");
    expect(await footer("de", 1)).toBe("Zahlungsbedingungen: Zahlbar innerhalb von 1 Tag ab Rechnungsdatum.");
  });

  test("French: the title, the facts and the tax with French punctuation", async () => {
    const { sheet } = await invoiceIn("fr");
    expect(rowStarting(sheet, "FACTURE")).toEqual(["FACTURE DE SITUATION INV-0001"]);
    expect(rowsOf(sheet)[4]).toEqual(["N° TVA GB123456789", "Période", "du 01/09/2026 au 30/09/2026"]);
    // French groups digits with a narrow no-break space (U+202F), and sets a no-break space before % and :.
    expect(rowStarting(sheet, "TVA à 19")).toEqual(["TVA à 19\u00a0% sur 65\u202f087,50", 12366.63]);
    expect(rowStarting(sheet, "Net à payer")).toEqual(["Net à payer TTC (EUR)", 94999.75]);
    expect(rowStarting(sheet, "Conditions")).toEqual(["Conditions de paiement\u00a0: Paiement à 30 jours à compter de la date de facture."]);
  });

  test("the credit note's sheet: French labels, the figures it cancels negative numbers", async () => {
    const { workbook } = await invoiceIn("fr");
    const outcome = await issueCreditNote(workbook, { date: "2026-10-02" });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
    expect(outcome.issued.language).toBe("fr");
    const sheet = findSheet(workbook.state, "CN-0001")!;
    const rows = rowsOf(sheet);
    expect(rows[0]).toEqual(["AVOIR CN-0001"]);
    expect(rows[3]).toEqual(["12 Harbour Street, Bristol BS1 4DJ, Royaume-Uni", "Date", "02/10/2026"]);
    // A credit note has no due date.
    expect(rows[5]).toEqual(["Destinataire", "Contoso Logistics GmbH"]);
    expect(rows[9]).toEqual(["Facture annulée", "INV-0001"]);
    expect(rows[11]).toEqual(["Poste", "Travaux facturés sur INV-0001, annulés", "Taux de TVA", "Situation en cours (E)"]);
    expect(rows.find((row) => row[0] === "M3")).toEqual(["M3", "Build and integration", 0.19, -24000]);
    expect(rows.slice(-5)).toEqual([
      ["Montant HT annulé", -80833.12],
      ["TVA à 9\u00a0% sur 20\u202f000,00, annulée", -1800],
      ["TVA à 19\u00a0% sur 65\u202f087,50, annulée", -12366.63],
      ["TVA annulée", -14166.63],
      ["Total de l’avoir TTC (EUR)", -94999.75],
    ]);
  });
});
