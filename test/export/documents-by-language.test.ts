import { DOCUMENT_LANGUAGES, type DocumentLanguage, type IssuedInvoice } from "../../src/core";
import { toCsv } from "../../src/export/csv-exporter";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { CATALOGS } from "../../src/i18n/catalogs";
import { DOCUMENT_LANGUAGE_NAMES } from "../../src/i18n";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { type MemoryState, findSheet } from "../../src/workbook/memory-workbook";
import { issueWorkedExample } from "../support/advance-contract";
import { sampleWorkbook, setSetting } from "../workbook/helpers";
import { fonts, pdfText, tempDir, writeTemp } from "./tools";

/**
 * Each language's documents, held whole: every kind Interim issues (the sample's progress
 * invoice and the credit note that cancels it; the worked example's advance invoice, a progress
 * invoice deducting the advance with its VAT, and the final invoice), as its PDF reads back
 * through pdftotext, its CSV and its invoice sheet's text. A snapshot shows a reviewer each
 * document in each language; a change of a word, a date's or an amount's format shows in review.
 * Beside the snapshots, what a missed translation would leave: no English label on a document
 * in another language.
 */

jest.setTimeout(300_000);
const dir = tempDir("documents-by-language");

interface Documents {
  /** Each document with the text of its invoice sheet, by kind. */
  byKind: Record<Kind, { invoice: IssuedInvoice; sheet: string }>;
}

const KINDS = ["progress invoice", "credit note", "advance invoice", "progress invoice deducting the advance", "final invoice"] as const;
type Kind = (typeof KINDS)[number];

/** A sheet's text: each row's cells that hold something, in order; numbers as stored. */
function sheetText(state: MemoryState, name: string): string {
  const sheet = findSheet(state, name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet.cells
    .map((row) => row.filter((cell) => cell !== null && cell !== "").map(String).join(" | "))
    .filter((line) => line !== "")
    .join("\n");
}

async function documentsIn(language: DocumentLanguage): Promise<Documents> {
  const name = DOCUMENT_LANGUAGE_NAMES[language].own;
  const sample = await sampleWorkbook();
  setSetting(sample.state, "Document language", name);
  // The payment terms from the days, in the document's language, rather than the sample's English text.
  setSetting(sample.state, "Payment terms", null);
  const progress = await generateInvoice(sample, { invoiceDate: "2027-03-31" });
  if (!progress.ok) throw new Error(JSON.stringify(progress.problems, null, 2));
  const credit = await issueCreditNote(sample, { date: "2027-04-02" });
  if (!credit.ok) throw new Error(JSON.stringify(credit.problems, null, 2));

  const worked = await issueWorkedExample({ "Document language": name });
  const number = (wanted: string): IssuedInvoice => {
    const found = worked.documents.find((d) => d.number === wanted);
    if (found === undefined) throw new Error(`no ${wanted}`);
    return found;
  };
  const fromWorked = (wanted: string) => ({ invoice: number(wanted), sheet: sheetText(worked.workbook.state, wanted) });
  return {
    byKind: {
      "progress invoice": { invoice: progress.issued, sheet: sheetText(sample.state, progress.sheet) },
      "credit note": { invoice: credit.issued, sheet: sheetText(sample.state, credit.sheet) },
      "advance invoice": fromWorked("INV-0001"),
      "progress invoice deducting the advance": fromWorked("INV-0002"),
      "final invoice": fromWorked("INV-0005"),
    },
  };
}

/** pdftotext's layout, each run of spaces shortened to two: the words and their order on each line, not the points between them. */
async function pdfLines(invoice: IssuedInvoice, file: string): Promise<string> {
  const text = pdfText(writeTemp(dir, file, await toPdf(invoice, { fonts })));
  return text.split("\n").map((line) => line.trim().replace(/ {2,}/g, "  ")).filter((line) => line !== "").join("\n");
}

const documents = new Map<DocumentLanguage, Documents>();
beforeAll(async () => {
  for (const language of DOCUMENT_LANGUAGES) documents.set(language, await documentsIn(language));
});
const of = (language: DocumentLanguage, kind: Kind) => {
  const found = documents.get(language)?.byKind[kind];
  if (found === undefined) throw new Error(`no ${kind} in ${language}`);
  return found;
};

describe.each(DOCUMENT_LANGUAGES)("the documents in %s", (language) => {
  test.each(KINDS)("%s: its PDF read back by pdftotext, its CSV and its invoice sheet", async (kind) => {
    const { invoice, sheet } = of(language, kind);
    expect(invoice.language).toBe(language);
    expect(await pdfLines(invoice, `${language}-${kind.replaceAll(" ", "-")}.pdf`)).toMatchSnapshot("pdf");
    expect(toCsv(invoice)).toMatchSnapshot("csv");
    expect(sheet).toMatchSnapshot("sheet");
  });
});

/**
 * The English catalog's labels of more than one word that another language words differently:
 * one of them on that language's document is a label the document forgot to translate. What a
 * person typed (the lines' descriptions: the sample's "Change order 1: single sign-on") and the
 * workbook's own values the CSV carries as data (the kind, "credit note") are not labels, and are
 * taken out first.
 */
function englishLeftovers(language: Exclude<DocumentLanguage, "en">, document: string, invoice?: IssuedInvoice): string[] {
  const typed = invoice === undefined ? [] : [...invoice.result.lines.map((line) => line.description), `,${invoice.kind},`];
  const text = typed.reduce((rest, data) => rest.replaceAll(data, " "), document);
  const own = CATALOGS[language] as Record<string, string>;
  return Object.entries(CATALOGS.en as Record<string, string>)
    .map(([key, english]) => ({ key, label: english.split("{{")[0]?.trim() ?? "" }))
    .filter(({ key, label }) => label.includes(" ") && label.length > 8 && own[key]?.split("{{")[0]?.trim() !== label)
    .filter(({ label }) => text.includes(label))
    .map(({ key, label }) => `${key}: ${label}`);
}

describe.each(DOCUMENT_LANGUAGES.filter((l): l is Exclude<DocumentLanguage, "en"> => l !== "en"))("no English label on a document in %s", (language) => {
  test.each(KINDS)("%s", async (kind) => {
    const { invoice, sheet } = of(language, kind);
    const pdf = (await pdfLines(invoice, `${language}-${kind.replaceAll(" ", "-")}-words.pdf`)).replace(/\s+/g, " ");
    expect({ pdf: englishLeftovers(language, pdf, invoice), csv: englishLeftovers(language, toCsv(invoice), invoice), sheet: englishLeftovers(language, sheet.replace(/\s+/g, " "), invoice) })
      .toEqual({ pdf: [], csv: [], sheet: [] });
  });

  test("the leftover check finds an English label where one is", () => {
    expect(englishLeftovers(language, `... ${CATALOGS.en["summary.totalRetention"]} ...`)).toEqual([`summary.totalRetention: ${CATALOGS.en["summary.totalRetention"]}`]);
  });
});
