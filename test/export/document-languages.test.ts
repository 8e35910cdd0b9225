import fontkit from "@pdf-lib/fontkit";
import ExcelJS from "exceljs";
import { DOCUMENT_LANGUAGES, type DocumentLanguage, type IssuedInvoice } from "../../src/core";
import { exporterFor } from "../../src/export";
import { toCsv } from "../../src/export/csv-exporter";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { vatMentions } from "../../src/export/pdf/vat-mention";
import { CATALOGS } from "../../src/i18n/catalogs";
import { documentText, formatDocumentAmount, formatDocumentDate, formatDocumentPercent } from "../../src/i18n";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import type { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { sampleWorkbook, setSetting } from "../workbook/helpers";
import { issueWorkedExample } from "../support/advance-contract";
import { cappedTimesheetInvoices } from "./fixtures";
import { fonts, parseCsv, pdfInfo, pdfText, recalculatedCsv, tempDir, tool, withoutCachedResults, writeTemp } from "./tools";

/**
 * Each document in the contract's language. The sample's first period, invoiced on 31 March
 * 2027 (period 1 to 31 March, due 30 April): work 85,087.50 of which 65,087.50 at 19 % (tax
 * 12,366.63) and 20,000.00 at 9 % (1,800.00); retention 4,254.38; current payment due
 * 80,833.12; total due 94,999.75; lines 1 and 2, 215,000.00 and the change order's 9,500.00.
 */

jest.setTimeout(180_000);
const dir = tempDir("languages");

async function sampleIn(language: string): Promise<MemoryWorkbook> {
  const workbook = await sampleWorkbook();
  setSetting(workbook.state, "Document language", language);
  // The payment terms from the days, in the document's language, rather than the sample's English text.
  setSetting(workbook.state, "Payment terms", null);
  return workbook;
}

async function issuedIn(language: string, draft = false): Promise<IssuedInvoice> {
  const outcome = await generateInvoice(await sampleIn(language), { invoiceDate: "2027-03-31", ...(draft ? { draft: true } : {}) });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome.issued;
}

async function pdfOf(invoice: IssuedInvoice, name: string, paper: "a4" | "letter" = "a4"): Promise<string> {
  return writeTemp(dir, name, await toPdf(invoice, { fonts, paper }));
}

/** pdftotext's words joined by single spaces (it reads a no-break space as a space). */
const words = (file: string): string => pdfText(file).replace(/\s+/g, " ");

describe("the PDF in German and in French, read back with pdftotext", () => {
  test("German: labels, dates as 31.03.2027, amounts as 65.087,50", async () => {
    const text = words(await pdfOf(await issuedIn("Deutsch"), "de.pdf"));
    for (const expected of [
      "ABSCHLAGSRECHNUNG", "Rechnungsnummer INV-0001", "Rechnungsdatum 31.03.2027", "Fällig am 30.04.2027", "Leistungszeitraum 01.03.2027 bis 31.03.2027",
      "Vertrag CT-2026-014", "Bestellnummer PO-88412", "Beträge in EUR", "Rechnungsempfänger", "USt-IdNr. DE987654321",
      // The heading's longest word whole: its column is widened for it rather than the word broken.
      "Pos. Leistungsbeschreibung Auftragswert (C)", "Restleistung (H) Sicherheitseinbehalt",
      "M2 Solution design 24.000,00 0,00 14.400,00 0,00 14.400,00 60,00 % 9.600,00 720,00",
      "Summen 224.500,00 0,00 85.087,50 0,00 85.087,50 139.412,50 4.254,38",
      "Zusammenstellung der Abrechnung", "1. Ursprüngliche Auftragssumme 215.000,00", "2. Nachträge (Saldo) 9.500,00",
      "9. Restauftragswert einschließlich Sicherheitseinbehalt (3 − 6) 143.666,88",
      "Umsatzsteuer und Zahlbetrag", "Fälliger Nettobetrag (Zeile 8) 80.833,12",
      "Umsatzsteuer 9 % auf 20.000,00 1.800,00", "Umsatzsteuer 19 % auf 65.087,50 12.366,63", "Gesamtbetrag (EUR) 94.999,75",
      "Zahlungsbedingungen: Zahlbar innerhalb von 30 Tagen ab Rechnungsdatum.",
      "Northwind Consulting Ltd · Abschlagsrechnung INV-0001", "Seite 1 von 1",
    ]) expect(text).toContain(expected);
    expect(text).not.toMatch(/Invoice|Total due|Page \d/);
  });

  test("French: labels, dates as 31/03/2027, amounts as 65 087,50, and the reverse-charge mentions", async () => {
    const invoice = await issuedIn("fr");
    const text = words(await pdfOf(invoice, "fr.pdf"));
    for (const expected of [
      "FACTURE DE SITUATION", "Numéro INV-0001", "Date 31/03/2027", "Échéance 30/04/2027", "Période du 01/03/2027 au 31/03/2027", "Marché CT-2026-014",
      "Facturé à", "N° TVA DE987654321", "Désignation des travaux", "Approvisionnements",
      "Totaux 224 500,00 0,00 85 087,50 0,00 85 087,50 139 412,50 4 254,38",
      "Récapitulatif de la situation", "5a. Retenue de garantie sur travaux réalisés 4 254,38", "Montant dû HT (ligne 8) 80 833,12",
      "TVA à 19 % sur 65 087,50 12 366,63", "Net à payer TTC (EUR) 94 999,75",
      "Conditions de paiement : Paiement à 30 jours à compter de la date de facture.", "Page 1 sur 1",
    ]) expect(text).toContain(expected);

    // A German supplier's reverse charge: the directive's words in French, §13b UStG's in German.
    const reverse = words(await pdfOf({ ...invoice, vatTreatment: { kind: "reverse-charge" }, supplier: { ...invoice.supplier, country: "DE" } }, "fr-reverse.pdf"));
    // Wrapped to its column: pdftotext reads the summary's next line between its two lines.
    expect(reverse).toContain("Autoliquidation : la TVA est due par le preneur (article 196 de la directive 2006/112/CE du");
    expect(reverse).toContain("Steuerschuldnerschaft des Leistungsempfängers (§13b UStG)");
  });

  test("a German credit note: its title, what it cancels, no due date and no payment terms", async () => {
    const workbook = await sampleIn("de");
    expect(await generateInvoice(workbook, { invoiceDate: "2027-03-31" })).toMatchObject({ ok: true });
    const outcome = await issueCreditNote(workbook, { date: "2027-04-02" });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
    const text = words(await pdfOf(outcome.issued, "de-credit.pdf"));
    for (const expected of ["STORNORECHNUNG", "Rechnungsnummer CN-0001", "Rechnungsdatum 02.04.2027", "Stornierte Rechnung INV-0001", "Gesamtbetrag storniert (EUR) 94.999,75", "Stornorechnung CN-0001"]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/Fällig am|Zahlungsbedingungen/);
  });

  test("Spanish, Dutch and Italian: the title, a date and an amount as each writes them", async () => {
    for (const [language, expected] of [
      ["es", ["FACTURA DE CERTIFICACIÓN DE OBRA", "Fecha de expedición 31/03/2027", "del 01/03/2027 al 31/03/2027", "IVA al 19 % sobre 65.087,50 12.366,63", "Página 1 de 1"]],
      ["nl", ["TERMIJNFACTUUR", "Factuurdatum 31-03-2027", "01-03-2027 t/m 31-03-2027", "Btw 19% over 65.087,50 12.366,63", "Pagina 1 van 1"]],
      ["it", ["FATTURA SU STATO DI AVANZAMENTO LAVORI", "Data 31/03/2027", "dal 01/03/2027 al 31/03/2027", "IVA al 19% su 65.087,50 12.366,63", "Pagina 1 di 1"]],
    ] as const) {
      const text = words(await pdfOf(await issuedIn(language), `${language}.pdf`, "letter"));
      for (const part of expected) expect({ language, text: text.includes(part) ? part : text }).toEqual({ language, text: part });
    }
  });
});

describe("nothing overflows its column, in any language, on A4 or Letter", () => {
  /** Every word pdftotext finds on a page, with its box. */
  function wordBoxes(file: string, page: number): { text: string; x0: number; y0: number; x1: number; y1: number }[] {
    const xml = tool("pdftotext", ["-f", String(page), "-l", String(page), "-bbox", file, "-"]);
    return [...xml.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
      x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]!,
    }));
  }

  /** Pairs of words on one line whose boxes run into each other: a heading, label or figure wider than its place. */
  function collisions(file: string, page: number): string[] {
    const boxes = wordBoxes(file, page);
    const found: string[] = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
      const sameLine = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
      if (sameLine && Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5) found.push(`${a.text} × ${b.text}`);
    }));
    return found;
  }

  test.each(DOCUMENT_LANGUAGES)("%s: the table's headings, the summary's labels, the legal mentions, the capped lines, the time appendix, and the advance, a progress invoice deducting it and the final invoice's listing", async (language) => {
    const { february } = await cappedTimesheetInvoices();
    const first = await issuedIn(language);
    const worked = (await issueWorkedExample({ "Document language": language, "Supplier country": "FR" })).documents;
    const documents = [
      { ...february, language },
      { ...first, vatTreatment: { kind: "reverse-charge" as const }, supplier: { ...first.supplier, country: "DE" } },
      ...worked.filter((d) => ["INV-0001", "INV-0002", "INV-0005"].includes(d.number)),
    ];
    for (const [n, invoice] of documents.entries()) {
      for (const paper of ["a4", "letter"] as const) {
        const file = await pdfOf(invoice, `columns-${language}-${n}-${paper}.pdf`, paper);
        for (let page = 1; page <= pdfInfo(file).pages; page++) expect({ paper, page, collisions: collisions(file, page) }).toEqual({ paper, page, collisions: [] });
      }
    }
  });
});

describe("the draft watermark", () => {
  /**
   * The watermark's letters as pdftotext places them: each rotated letter is a word of its own,
   * far taller than any text of the page.
   */
  function watermarkBox(file: string): { letters: number; left: number; right: number; top: number; bottom: number } {
    const boxes = [...tool("pdftotext", ["-f", "1", "-l", "1", "-bbox", file, "-"]).matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)]
      .map((m) => m.slice(1, 5).map(Number) as [number, number, number, number])
      .filter(([, yMin, , yMax]) => yMax - yMin > 40);
    return {
      letters: boxes.length,
      left: Math.min(...boxes.map((b) => b[0])), top: Math.min(...boxes.map((b) => b[1])), right: Math.max(...boxes.map((b) => b[2])), bottom: Math.max(...boxes.map((b) => b[3])),
    };
  }

  test.each(DOCUMENT_LANGUAGES)("%s: the language's word, whole on the page and about its middle, on A4 and Letter", async (language) => {
    const draft = await issuedIn(language, true);
    const word = documentText(language).t("draft.watermark");
    for (const [paper, width, height] of [["a4", 841.89, 595.28], ["letter", 792, 612]] as const) {
      const box = watermarkBox(await pdfOf(draft, `draft-${language}-${paper}.pdf`, paper));
      expect(box.letters).toBe(word.length);
      expect(box.left).toBeGreaterThan(36);
      expect(box.right).toBeLessThan(width - 36);
      expect(box.top).toBeGreaterThan(36);
      expect(box.bottom).toBeLessThan(height - 36);
      // About the middle: the letters' boxes are those of their rotated cells, not of their ink.
      expect(Math.abs((box.left + box.right) / 2 - width / 2)).toBeLessThan(width * 0.05);
    }
  });
});

describe("the fonts draw every character the documents print in any language", () => {
  test("Noto Sans Regular and Bold have a glyph for each character of the six catalogs and of dates, amounts and rates", async () => {
    const [regular, bold] = await Promise.all([fonts.load("regular"), fonts.load("bold")]).then((files) => files.map((bytes) => fontkit.create(bytes)));
    const texts = DOCUMENT_LANGUAGES.flatMap((language) => [
      ...Object.values(CATALOGS[language]).filter((text): text is string => text !== undefined),
      formatDocumentAmount("-1234567.89", language, 2), formatDocumentPercent("0.055", language), formatDocumentDate("2027-03-31", language),
    ]);
    const characters = [...new Set(texts.join(""))];
    // The characters the languages need beyond ASCII are among them: the test would not pass by having none.
    expect(characters).toEqual(expect.arrayContaining(["\u202f", "\u00a0", "’", "é", "É", "ü", "ß", "ó", "ì", "−", "÷", "§", "°", "º"]));
    const missing = characters.filter((c) => !regular!.hasGlyphForCodePoint(c.codePointAt(0)!) || !bold!.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing).toEqual([]);
  });
});

describe("the CSV in the document's language", () => {
  test("German: headings and labels in German, the figures, dates and keys as a program reads them", async () => {
    const csv = toCsv(await issuedIn("de"));
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      "Satzart", "Pos.", "Beschreibung", "Auftragswert (C)", "Bisher abgerechnet (D)", "Dieser Zeitraum (E)", "Angelieferte Stoffe und Bauteile (F)",
      "Leistungsstand gesamt (G)", "% (G ÷ C)", "Restleistung (H)", "Sicherheitseinbehalt (I)", "Steuersatz", "Betrag",
    ]);
    const record = (kind: string, key: string): string[] | undefined => rows.find((r) => r[0] === kind && r[1] === key);
    expect(record("document", "title")?.[2]).toBe("ABSCHLAGSRECHNUNG");
    expect(record("document", "kind")?.[2]).toBe("invoice");
    expect(record("document", "invoiceDate")?.[2]).toBe("2027-03-31");
    expect(record("document", "paymentTerms")?.[2]).toBe("Zahlbar innerhalb von 30 Tagen ab Rechnungsdatum.");
    expect([record("summary", "8")?.[2], record("summary", "8")?.[12]]).toEqual(["Fälliger Nettobetrag", "80833.12"]);
    expect(rows.filter((r) => r[1] === "taxableAmount" || r[1] === "tax").map((r) => [r[2], r[11], r[12]])).toEqual([
      ["Bemessungsgrundlage 9\u00a0%", "0.09", "20000.00"],
      ["Umsatzsteuer 9\u00a0% auf 20.000,00", "0.09", "1800.00"],
      ["Bemessungsgrundlage 19\u00a0%", "0.19", "65087.50"],
      ["Umsatzsteuer 19\u00a0% auf 65.087,50", "0.19", "12366.63"],
    ]);
    expect([record("summary", "totalDue")?.[2], record("summary", "totalDue")?.[12]]).toEqual(["Gesamtbetrag (EUR)", "94999.75"]);
    expect(csv).toMatchSnapshot();
  });

  test("French, with a capped line and the time appendix: their columns in French, the time records' values the workbook's", async () => {
    const { february } = await cappedTimesheetInvoices();
    const csv = toCsv({ ...february, language: "fr" });
    const rows = parseCsv(csv);
    expect(rows[0]!.slice(-8)).toEqual(["Réalisé, non facturé (plafonné)", "Heures non facturées (poste plafonné)", "Intervenant", "Fonction", "Heures", "Taux", "Par", "Saisie tardive"]);
    const late = rows.find((r) => r[0] === "time" && r.at(-1) === "yes");
    expect([late?.[2], late?.[12], ...(late?.slice(-6) ?? [])]).toEqual([
      "Carl Wu (Developer), saisie tardive\u00a0: datée d’une période déjà facturée", "190.00", "Carl Wu", "Developer", "2.00", "95", "hour", "yes",
    ]);
    expect(rows.find((r) => r[1] === "taxableAmount")?.[2]).toBe("Base HT à 20\u00a0%");
    expect(csv).toMatchSnapshot();
  });

  test("Spanish, Dutch and Italian: the headings and the title in the language", async () => {
    for (const [language, record, title] of [["es", "Tipo de registro", "FACTURA DE CERTIFICACIÓN DE OBRA"], ["nl", "Recordtype", "TERMIJNFACTUUR"], ["it", "Tipo record", "FATTURA SU STATO DI AVANZAMENTO LAVORI"]] as const) {
      const rows = parseCsv(toCsv(await issuedIn(language)));
      expect([rows[0]?.[0], rows.find((r) => r[1] === "title")?.[2]]).toEqual([record, title]);
    }
  });
});

describe("the xlsx in German", () => {
  test("labels in German; the Change order column says ja or nein, and the SUMIFs that read it recalculate to lines 1 and 2", async () => {
    const invoice = await issuedIn("de");
    const bytes = await (await exporterFor("xlsx")).generate(invoice);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect([sheet.getCell("A1").value, sheet.getCell("G3").value, sheet.getCell("G4").value, sheet.getCell("I4").value, sheet.getCell("I5").value]).toEqual([
      "ABSCHLAGSRECHNUNG INV-0001", "Rechnungsnummer", "Rechnungsdatum", "31.03.2027", "01.03.2027 bis 31.03.2027",
    ]);
    expect(sheet.getRow(12).values).toEqual(expect.arrayContaining(["Nachtrag", "Steuersatz", "Sicherheitseinbehalt (I)"]));
    const changeOrders = invoice.result.lines.map((line, i) => [line.id, sheet.getCell(13 + i, 11).value]);
    expect(changeOrders).toEqual([["M1", "nein"], ["M2", "nein"], ["M3", "nein"], ["M4", "nein"], ["M5", "nein"], ["T1", "nein"], ["L1", "nein"], ["CO1", "ja"]]);

    const { file } = await withoutCachedResults(bytes);
    const rows = parseCsv(recalculatedCsv(writeTemp(tempDir("xlsx-de"), "de.xlsx", file)));
    const figure = (label: string): string | undefined => rows.find((r) => r[1] === label)?.[2]?.replace(/,/g, "");
    expect([figure("1. Ursprüngliche Auftragssumme"), figure("2. Nachträge (Saldo)"), figure("8. Fälliger Nettobetrag"), figure("Gesamtbetrag (EUR)")]).toEqual(["215000.00", "9500.00", "80833.12", "94999.75"]);
    expect(rows.find((r) => r[1]?.startsWith("Umsatzsteuer 19"))?.[1]).toBe("Umsatzsteuer 19\u00a0% auf die Bemessungsgrundlage");
  });
});

describe("the legal mentions by the document's language and the supplier's country", () => {
  const mentions = async (language: DocumentLanguage, treatment: IssuedInvoice["vatTreatment"], country = "GB"): Promise<string[]> => {
    const invoice = await issuedIn(language);
    return vatMentions({ ...invoice, vatTreatment: treatment, supplier: { ...invoice.supplier, country } });
  };

  test("the directive's reverse charge in the document's language; a national one in its law's language, whatever the document's", async () => {
    expect(await mentions("de", { kind: "reverse-charge" }, "BE")).toEqual([CATALOGS.de["vat.reverseCharge"]]);
    expect(await mentions("de", { kind: "reverse-charge" }, "DE")).toEqual([CATALOGS.de["vat.reverseCharge"], "Steuerschuldnerschaft des Leistungsempfängers (§13b UStG)"]);
    expect(await mentions("it", { kind: "reverse-charge" }, "FR")).toEqual([CATALOGS.it["vat.reverseCharge"], "Autoliquidation (article 283-2 du CGI)"]);
    // Spain's, the Netherlands' and Italy's, each in its own language, whatever the document's.
    expect(await mentions("en", { kind: "reverse-charge" }, "ES")).toEqual([CATALOGS.en["vat.reverseCharge"], "Inversión del sujeto pasivo (artículo 84.Uno.2.º de la Ley 37/1992 del IVA)"]);
    expect(await mentions("de", { kind: "reverse-charge" }, "NL")).toEqual([CATALOGS.de["vat.reverseCharge"], "Btw verlegd (artikel 12 Wet op de omzetbelasting 1968)"]);
    expect(await mentions("it", { kind: "reverse-charge" }, "IT")).toEqual([CATALOGS.it["vat.reverseCharge"], "Inversione contabile (art. 17 del DPR 633/1972)"]);
    // The United Kingdom's is HMRC's wording alone, in English.
    expect(await mentions("fr", { kind: "reverse-charge" }, "GB")).toEqual(["Reverse charge: customer to account to HMRC for the VAT (VAT Act 1994 section 55A)"]);
  });

  test("zero rating and export in the document's language; an exemption's reason as typed", async () => {
    expect(await mentions("de", { kind: "zero-rated" })).toEqual(["Umsatzsteuer 0\u00a0% (Nullsteuersatz)"]);
    expect(await mentions("fr", { kind: "export" })).toEqual(["Exonération de TVA, article 262 I du CGI (exportation hors de l’Union européenne)"]);
    expect(await mentions("es", { kind: "exempt", reason: "Exento según el artículo 20 de la Ley 37/1992" })).toEqual(["Exento según el artículo 20 de la Ley 37/1992"]);
  });
});
