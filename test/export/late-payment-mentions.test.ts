import ExcelJS from "exceljs";
import type { IssuedInvoice } from "../../src/core";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { toXlsx } from "../../src/export/xlsx-exporter";
import { latePaymentMentions } from "../../src/i18n";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { type MemoryWorkbook, findSheet } from "../../src/workbook/memory-workbook";
import type { CellValue } from "../../src/workbook/port";
import { SETTINGS, readSettings } from "../../src/workbook/settings";
import { SUPPLIER_IN_LYON, issueWorkedExample } from "../support/advance-contract";
import { sampleWorkbook } from "../workbook/helpers";
import { fonts, pdfText, tempDir, writeTemp } from "./tools";

/**
 * A French supplier's documents state what paying late costs (Code de commerce L441-9 I,
 * L441-10 II, D441-5; decision 0037): the worked example of test/support/advance-contract.ts,
 * its German supplier moved to Lyon.
 */

jest.setTimeout(180_000);
const dir = tempDir("late-payment");


const STATUTORY = "Pénalités de retard : taux d’intérêt appliqué par la BCE à son opération de refinancement la plus récente, majoré de 10 points de pourcentage (article L441-10 du Code de commerce).";
const INDEMNITY = "Indemnité forfaitaire pour frais de recouvrement : 40 € (article D441-5 du Code de commerce).";
const NO_DISCOUNT = "Pas d’escompte pour paiement anticipé.";
/** Anything of the mentions, in French or in a translation. */
const ANY_MENTION = /L441|D441|Pénalités|escompte/;

/** pdftotext's words joined by single spaces (it reads a no-break space as a space). */
const words = (file: string): string => pdfText(file).replace(/\s+/g, " ");
/** The same for a cell's text: CLDR's French percent sign and the catalog's colons follow no-break spaces. */
const spaced = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, " ");

async function pdfWords(invoice: IssuedInvoice, name: string): Promise<string> {
  return words(writeTemp(dir, name, await toPdf(invoice, { fonts })));
}

/** Every text of a document's sheet in the workbook, one cell a string. */
function sheetTexts(workbook: MemoryWorkbook, name: string): string[] {
  const sheet = findSheet(workbook.state, name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet.cells.flat().filter((cell): cell is string => typeof cell === "string").map(spaced);
}

async function xlsxTexts(invoice: IssuedInvoice): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await toXlsx(invoice).xlsx.writeBuffer());
  const texts: string[] = [];
  workbook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => {
    if (typeof cell.value === "string") texts.push(spaced(cell.value));
  }));
  return texts;
}

describe("a French supplier's invoices", () => {
  let french: Awaited<ReturnType<typeof issueWorkedExample>>;
  beforeAll(async () => {
    french = await issueWorkedExample(SUPPLIER_IN_LYON);
  });
  const numbered = (number: string): IssuedInvoice => {
    const found = french.documents.find((d) => d.number === number);
    if (found === undefined) throw new Error(`no ${number}`);
    return found;
  };

  test.each([
    ["INV-0001", "the advance invoice"],
    ["INV-0002", "a progress invoice"],
    ["INV-0005", "the final invoice"],
  ])("%s, %s: its PDF states the penalties at the statutory rate, the 40 € indemnity and no discount, after the payment terms", async (number) => {
    const text = await pdfWords(numbered(number), `${number}.pdf`);
    const terms = text.indexOf("Payment terms: Zahlbar innerhalb von 30 Tagen ohne Abzug.");
    expect(terms).toBeGreaterThanOrEqual(0);
    for (const mention of [STATUTORY, INDEMNITY, NO_DISCOUNT]) expect(text.indexOf(mention)).toBeGreaterThan(terms);
  });

  test("in French whatever the document's language: an English invoice of a French supplier states them in the law's words", () => {
    const invoice = numbered("INV-0002");
    expect(invoice.language).toBe("en");
    expect(latePaymentMentions(invoice).map(spaced)).toEqual([STATUTORY, INDEMNITY, NO_DISCOUNT]);
  });

  test("its invoice sheets in the workbook hold them under the payment terms, each in a row of its own", () => {
    for (const number of ["INV-0001", "INV-0002", "INV-0005"]) {
      const texts = sheetTexts(french.workbook, number);
      const terms = texts.indexOf("Payment terms: Zahlbar innerhalb von 30 Tagen ohne Abzug.");
      expect({ number, mentions: texts.slice(terms + 1, terms + 4) }).toEqual({ number, mentions: [STATUTORY, INDEMNITY, NO_DISCOUNT] });
    }
  });

  test("the xlsx export holds them under the payment terms", async () => {
    for (const number of ["INV-0001", "INV-0002"]) {
      const texts = await xlsxTexts(numbered(number));
      const terms = texts.indexOf("Payment terms: Zahlbar innerhalb von 30 Tagen ohne Abzug.");
      expect({ number, mentions: texts.slice(terms + 1, terms + 4) }).toEqual({ number, mentions: [STATUTORY, INDEMNITY, NO_DISCOUNT] });
    }
  });

  test("a credit note, which asks for no payment, states none: not on its PDF, its sheet or its xlsx", async () => {
    const credit = await issueCreditNote(french.workbook, { date: "2026-12-01" });
    if (!credit.ok) throw new Error(JSON.stringify(credit.problems));
    expect(credit.issued.kind).toBe("credit note");
    expect(await pdfWords(credit.issued, "credit-note.pdf")).not.toMatch(ANY_MENTION);
    expect(sheetTexts(french.workbook, credit.sheet).join(" ")).not.toMatch(ANY_MENTION);
    expect((await xlsxTexts(credit.issued)).join(" ")).not.toMatch(ANY_MENTION);
  });
});

describe("the Late payment interest setting", () => {
  test("a French supplier's rate prints as the yearly rate in French: « 12 % par an »", async () => {
    const { workbook, documents } = await issueWorkedExample({ ...SUPPLIER_IN_LYON, "Late payment interest": 0.12 });
    const progress = documents.find((d) => d.kind === "invoice");
    if (progress === undefined) throw new Error("no progress invoice");
    expect(progress.latePaymentInterest).toBe("0.12");
    const penalties = "Pénalités de retard : 12 % par an (article L441-10 du Code de commerce).";
    expect(await pdfWords(progress, "rate.pdf")).toContain(penalties);
    expect(sheetTexts(workbook, progress.number)).toContain(penalties);
    // CLDR's French percent: a no-break space before the sign.
    expect(latePaymentMentions(progress)[0]).toContain("12\u00a0% par an");
  });

  test("is read as a percentage like the other rates, and refused with its cell when it is not one", () => {
    const table = (value: CellValue) => ({
      name: "Settings", sheet: "Settings", top: 0, left: 0,
      values: [["Setting", "Value"], ["Supplier name", "Acme"], ["Client name", "Client"], ["Late payment interest", value]],
    });
    expect(readSettings(table("12%")).settings?.latePaymentInterest).toBe("0.12");
    expect(readSettings(table(0.105)).settings?.latePaymentInterest).toBe("0.105");
    expect(readSettings(table(null)).settings?.latePaymentInterest).toBeUndefined();
    expect(readSettings(table("twelve")).problems).toEqual([expect.objectContaining({ code: "NOT_A_NUMBER", sheet: "Settings", cell: "B4" })]);
  });

  test("is the last row of the settings table, after Document language: every setting before it keeps its cell", () => {
    expect(SETTINGS.slice(-2).map((spec) => spec.key)).toEqual(["Document language", "Late payment interest"]);
  });
});

describe("a supplier whose law asks for no such mention", () => {
  test("a German supplier's invoices state none, on the PDF or the sheet", async () => {
    const { workbook, documents } = await issueWorkedExample({ "Late payment interest": 0.12 });
    for (const invoice of documents.slice(0, 2)) {
      expect(latePaymentMentions(invoice)).toEqual([]);
      expect(await pdfWords(invoice, `de-${invoice.number}.pdf`)).not.toMatch(ANY_MENTION);
      expect(sheetTexts(workbook, invoice.number).join(" ")).not.toMatch(ANY_MENTION);
    }
  });

  test("the English sample's UK supplier: its invoice, sheet and xlsx as before, without them", async () => {
    const workbook = await sampleWorkbook();
    const outcome = await generateInvoice(workbook, { invoiceDate: "2027-03-31" });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.issued.supplier.country).toBe("GB");
    expect(outcome.issued).not.toHaveProperty("latePaymentInterest");
    expect(latePaymentMentions(outcome.issued)).toEqual([]);
    const texts = sheetTexts(workbook, outcome.issued.number);
    // The payment terms are still the sheet's last text.
    expect(texts.at(-1)).toBe("Payment terms: 30 days net, by bank transfer to the account on file.");
    expect((await xlsxTexts(outcome.issued)).join(" ")).not.toMatch(ANY_MENTION);
  });

  test("a supplier with no country is French by its VAT id's prefix, as for the VAT mentions", async () => {
    const [invoice] = (await issueWorkedExample()).documents;
    if (invoice === undefined) throw new Error("no document");
    expect(latePaymentMentions({ ...invoice, supplier: { ...invoice.supplier, country: "", taxId: "FR40303265045" } })).toHaveLength(3);
    expect(latePaymentMentions({ ...invoice, supplier: { ...invoice.supplier, country: "", taxId: "DE987654321" } })).toEqual([]);
  });
});
