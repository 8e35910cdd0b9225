import type { CellValue } from "../../src/workbook/port";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { sampleWorkbook, setMilestone, setSetting } from "../workbook/helpers";
import { fonts, pdfText, tempDir, tool, writeTemp } from "./tools";

jest.setTimeout(60_000);
const dir = tempDir("pdf-vat");

const EU = "Reverse charge: the customer accounts for the VAT (Article 196, Council Directive 2006/112/EC)";
const DE = "Steuerschuldnerschaft des Leistungsempfängers (§13b UStG)";
const FR = "Autoliquidation (article 283-2 du CGI)";
const UK = "Reverse charge: customer to account to HMRC for the VAT (VAT Act 1994 section 55A)";
const EXPORT = "Export outside the EU: VAT exempt (Article 146, Directive 2006/112/EC)";
const ALL = [EU, DE, FR, UK, EXPORT, "Zero-rated supply"];

/** The sample contract's first invoice at 0 % under a treatment, as a PDF's words joined by single spaces. */
async function pdfWords(name: string, settings: Record<string, CellValue>): Promise<{ file: string; text: string }> {
  const workbook = await sampleWorkbook();
  setSetting(workbook.state, "Tax rate", 0);
  setMilestone(workbook.state, "L1", "Tax %", 0);
  for (const [key, value] of Object.entries(settings)) setSetting(workbook.state, key, value);
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  const file = writeTemp(dir, `${name}.pdf`, await toPdf(outcome.issued, { fonts, paper: "a4" }));
  // The right half of the A4 landscape page (842 × 595 pt), where the tax lines are: read alone, its lines keep their order.
  return { file, text: pdfText(file, "-x", "421", "-y", "0", "-W", "421", "-H", "595").replace(/\s+/g, " ") };
}

describe("the PDF says why no VAT is charged, under the tax lines", () => {
  test("reverse charge by a German supplier: the EU mention and §13b UStG's; the page is rendered for a person to look at", async () => {
    const { file, text } = await pdfWords("reverse-charge-de", {
      "VAT treatment": "reverse charge", "Supplier country": "DE", "Supplier city": "Berlin", "Supplier post code": "10115",
      "Supplier street": "Invalidenstraße 1", "Supplier tax id": "DE123456788", "Supplier electronic address": null, "Supplier electronic address scheme": null,
    });
    expect(text).toContain(EU);
    expect(text).toContain(DE);
    // Below the tax line, above the total due.
    expect(text.indexOf("Tax at 0%")).toBeLessThan(text.indexOf(EU));
    expect(text.indexOf(DE)).toBeLessThan(text.indexOf("Total due"));
    tool("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, file.replace(/\.pdf$/, "")]);
  });

  test("reverse charge by a French supplier (known by the VAT prefix alone): the EU mention and autoliquidation", async () => {
    const { text } = await pdfWords("reverse-charge-fr", {
      "VAT treatment": "reverse charge", "Supplier street": null, "Supplier city": null, "Supplier post code": null, "Supplier country": null,
      "Supplier address": "3 rue de Rivoli, 75001 Paris", "Supplier tax id": "FR40303265045", "Supplier electronic address": null, "Supplier electronic address scheme": null,
    });
    expect(text).toContain(EU);
    expect(text).toContain(FR);
    expect(text).not.toContain(DE);
  });

  test("reverse charge by the sample's UK supplier: HMRC's wording alone, as the EU directive no longer applies there", async () => {
    const { text } = await pdfWords("reverse-charge-gb", { "VAT treatment": "reverse charge" });
    expect(text).toContain(UK);
    expect(text).not.toContain(EU);
  });

  test("exempt prints its reason; zero-rated and export their mention; standard none", async () => {
    const reason = "Exempt under Article 135(1)(b), Directive 2006/112/EC";
    expect((await pdfWords("exempt", { "VAT treatment": "exempt", "VAT exemption reason": reason })).text).toContain(reason);
    expect((await pdfWords("zero-rated", { "VAT treatment": "zero-rated" })).text).toContain("Zero-rated supply");
    expect((await pdfWords("export", { "VAT treatment": "export" })).text).toContain(EXPORT);
    const standard = (await pdfWords("standard", {})).text;
    for (const mention of ALL) expect(standard).not.toContain(mention);
  });
});
