import type { IssuedInvoice } from "../../src/core";
import { exporterFor } from "../../src/export";
import { toCii } from "../../src/export/cii/cii-writer";
import { applicationNoteOf, en16931FiguresOf } from "../../src/export/en16931/en16931-figures";
import { toUbl } from "../../src/export/ubl/ubl-exporter";
import { issueCreditNote } from "../../src/workbook/credit-note";
import type { CellValue } from "../../src/workbook/port";
import { SUPPLIER_IN_LYON, issueWorkedExample } from "../support/advance-contract";
import { fonts, tempDir, validatorFatalLines } from "./tools";

/**
 * A French supplier's e-invoice states what paying late costs (decision 0037, "In the
 * e-invoice"): in CII (and so in Factur-X) as three notes with the subject codes PMD, PMT and
 * AAB; in an XRechnung as three notes with the code before the text, "#PMD#…"; in Peppol BIS,
 * which allows one note, in the payment terms. Each checked by the official artefacts through
 * ../shared/einvoice-validate.
 */

jest.setTimeout(300_000);
const dir = tempDir("late-payment-einvoice");

/** The validator's fatal lines; Peppol BIS's own rules (R002 one note, R004 its BT-24) are not an XRechnung's. */
const fatalLines = (content: string | Uint8Array, name: string, flags: string[] = []): string[] =>
  validatorFatalLines(dir, content, name, flags, flags.includes("--xrechnung") ? /^PEPPOL fatal PEPPOL-EN16931-R00[24] / : undefined);

/** The worked example's German supplier moved to Lyon, its documents in French. */
const FRENCH_SUPPLIER: Record<string, CellValue> = { ...SUPPLIER_IN_LYON, "Document language": "Français" };

const TERMS = "Zahlbar innerhalb von 30 Tagen ohne Abzug.";
const MENTIONS = [
  ["PMD", "Pénalités de retard : taux d’intérêt appliqué par la BCE à son opération de refinancement la plus récente, majoré de 10 points de pourcentage (article L441-10 du Code de commerce)."],
  ["PMT", "Indemnité forfaitaire pour frais de recouvrement : 40 € (article D441-5 du Code de commerce)."],
  ["AAB", "Pas d’escompte pour paiement anticipé."],
] as const;
/** Anything of the mentions, coded or not. */
const ANY_MENTION = /L441|D441|Pénalités|escompte|SubjectCode|#[A-Z]{3}#/;

/** A text as the catalogs write it, its no-break spaces read as spaces. */
const spaced = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, " ");
const unescaped = (text: string): string => text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The UBL's document-level notes (BG-1), before its currency; the lines' notes come later. */
function ublNotes(xml: string): string[] {
  const head = xml.slice(0, xml.indexOf("<cbc:DocumentCurrencyCode>"));
  return [...head.matchAll(/<cbc:Note>([^<]*)<\/cbc:Note>/g)].map((m) => spaced(unescaped(m[1] ?? "")));
}

/** The UBL's payment terms (BT-20), a line each. */
function ublTerms(xml: string): string[] {
  const terms = /<cac:PaymentTerms>\s*<cbc:Note>([^<]*)<\/cbc:Note>/.exec(xml)?.[1];
  return terms === undefined ? [] : unescaped(terms).split("\n").map(spaced);
}

/** The CII's document-level notes, each its content and its subject code (BT-22, BT-21). */
function ciiNotes(xml: string): { content: string; subjectCode?: string }[] {
  const document = xml.slice(xml.indexOf("<rsm:ExchangedDocument>"), xml.indexOf("</rsm:ExchangedDocument>"));
  return [...document.matchAll(/<ram:IncludedNote>([\s\S]*?)<\/ram:IncludedNote>/g)].map((m) => {
    const note = m[1] ?? "";
    const content = spaced(unescaped(/<ram:Content>([^<]*)<\/ram:Content>/.exec(note)?.[1] ?? ""));
    const subjectCode = /<ram:SubjectCode>([^<]*)<\/ram:SubjectCode>/.exec(note)?.[1];
    return subjectCode === undefined ? { content } : { content, subjectCode };
  });
}


describe("a French supplier's e-invoices", () => {
  let documents: IssuedInvoice[] = [];
  beforeAll(async () => {
    documents = (await issueWorkedExample(FRENCH_SUPPLIER)).documents;
  });
  const numbered = (number: string): IssuedInvoice => {
    const found = documents.find((d) => d.number === number);
    if (found === undefined) throw new Error(`no ${number}`);
    return found;
  };
  const bt22 = (invoice: IssuedInvoice): string => spaced(applicationNoteOf(en16931FiguresOf(invoice)));
  const DOCUMENTS = [["INV-0001", "the advance invoice"], ["INV-0002", "a progress invoice"]];

  test.each(DOCUMENTS)("%s, %s: its CII holds the three mentions in French as notes coded PMD, PMT and AAB, after the invoice note", (number) => {
    const invoice = numbered(number);
    expect(invoice.language).toBe("fr");
    expect(ciiNotes(toCii(invoice))).toEqual([
      { content: bt22(invoice) },
      ...MENTIONS.map(([subjectCode, content]) => ({ content, subjectCode })),
    ]);
  });

  test.each(DOCUMENTS)("%s, %s: its XRechnung holds them as notes with the code before the text, after the invoice note", (number) => {
    const invoice = numbered(number);
    expect(ublNotes(toUbl(invoice, "xrechnung"))).toEqual([bt22(invoice), ...MENTIONS.map(([code, text]) => `#${code}#${text}`)]);
  });

  test.each(DOCUMENTS)("%s, %s: its Peppol BIS invoice keeps its one note and states them in the payment terms, a line each after the contract's terms", (number) => {
    const invoice = numbered(number);
    const xml = toUbl(invoice);
    expect(ublNotes(xml)).toEqual([bt22(invoice)]);
    expect(ublTerms(xml)).toEqual([TERMS, ...MENTIONS.map(([, text]) => text)]);
  });

  test.each(DOCUMENTS)("%s, %s: passes Peppol BIS, XRechnung and Factur-X's EN 16931 profile", (number) => {
    const invoice = numbered(number);
    expect({ number, fatal: fatalLines(toUbl(invoice), `${number}.xml`) }).toEqual({ number, fatal: [] });
    expect({ number, fatal: fatalLines(toUbl(invoice, "xrechnung"), `${number}.xrechnung.xml`, ["--xrechnung"]) }).toEqual({ number, fatal: [] });
    expect({ number, fatal: fatalLines(toCii(invoice), `${number}.cii.xml`, ["--facturx"]) }).toEqual({ number, fatal: [] });
  });

  test.each(DOCUMENTS)("%s, %s: its Factur-X PDF embeds them and passes", async (number) => {
    const bytes = await (await exporterFor("facturx")).generate(numbered(number), { fonts });
    expect({ number, fatal: fatalLines(bytes, `${number}.facturx.pdf`) }).toEqual({ number, fatal: [] });
  });

  test("a French credit note, which asks for no payment, states none in any e-invoice", async () => {
    const { workbook } = await issueWorkedExample(FRENCH_SUPPLIER);
    const credit = await issueCreditNote(workbook, { date: "2026-12-01" });
    if (!credit.ok) throw new Error(JSON.stringify(credit.problems));
    expect(credit.issued.kind).toBe("credit note");
    for (const xml of [toUbl(credit.issued), toUbl(credit.issued, "xrechnung"), toCii(credit.issued)]) expect(xml).not.toMatch(ANY_MENTION);
    expect(fatalLines(toCii(credit.issued), "credit-note.cii.xml", ["--facturx"])).toEqual([]);
  });
});

describe("a German supplier's e-invoices", () => {
  test("state none: one note, the contract's payment terms, no subject code", async () => {
    const { documents } = await issueWorkedExample({ "Late payment interest": 0.12 });
    for (const invoice of documents.slice(0, 2)) {
      const peppol = toUbl(invoice);
      expect(ublNotes(peppol)).toHaveLength(1);
      expect(ublTerms(peppol)).toEqual([TERMS]);
      for (const xml of [peppol, toUbl(invoice, "xrechnung"), toCii(invoice)]) expect(xml).not.toMatch(ANY_MENTION);
    }
  });
});
