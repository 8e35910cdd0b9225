import { spawnSync } from "node:child_process";
import path from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import type { IssuedInvoice, Party, VatTreatment } from "../../src/core";
import { ExportError, exporterFor } from "../../src/export";
import { CII_GUIDELINE_ID, toCii } from "../../src/export/cii/cii-writer";
import { FACTURX_FILE_NAME } from "../../src/export/facturx/facturx-exporter";
import { toUbl } from "../../src/export/ubl/ubl-exporter";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { sampleWorkbook, setMilestone, setSetting } from "../workbook/helpers";
import { HOSTILE, creditNoteOf, draftInvoice, firstInvoice, thirdInvoice, unicodeInvoice } from "./fixtures";
import { fonts, pdfInfo, pdfText, tempDir, tool, writeTemp } from "./tools";

jest.setTimeout(180_000);
const dir = tempDir("facturx");
const ROOT = path.join(__dirname, "../..");

/** The official validators (EN 16931 CII, Factur-X 1.0.7 EN 16931, and the PDF container): their findings and status. */
function validate(file: string, ...flags: string[]): { status: number | null; output: string } {
  const run = spawnSync(path.join(ROOT, "../shared/einvoice-validate/validate.sh"), [...flags, file], { encoding: "utf8", timeout: 170_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function expectValid(file: string, ...flags: string[]): void {
  const { status, output } = validate(file, ...flags);
  expect(output).toMatch(/^0 fatal, \d+ warnings$/m);
  expect(status).toBe(0);
}

/** A French supplier and a German client with every party field Interim states. */
const SUPPLIER: Partial<Party> = {
  name: "Bâtiments Dupont SARL", street: "12 rue de la Paix", city: "Paris", postCode: "75002", country: "FR", taxId: "FR32123456789",
  electronicAddress: { id: "12345678900017", scheme: "0009" },
  contact: { name: "Claire Dupont", phone: "+33 1 23 45 67 89", email: "factures@dupont.example" },
  bank: { iban: "FR76 3000 6000 0112 3456 7890 189", bic: "AGRIFRPP" },
};
const CLIENT: Partial<Party> = { name: "Contoso Logistics GmbH", street: "Hafenstraße 8", city: "Hamburg", postCode: "20457", country: "DE", taxId: "DE987654321" };

function withParties(invoice: IssuedInvoice): IssuedInvoice {
  return { ...invoice, supplier: { ...invoice.supplier, ...SUPPLIER }, client: { ...invoice.client, ...CLIENT } };
}

async function facturx(invoice: IssuedInvoice, name: string): Promise<string> {
  const exporter = await exporterFor("facturx");
  return writeTemp(dir, name, await exporter.generate(invoice, { fonts }));
}

/** The first period of the sample contract with every rate at 0 %, under a VAT treatment other than standard. */
async function zeroRateInvoice(vatTreatment: VatTreatment): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  setSetting(workbook.state, "Tax rate", 0);
  setMilestone(workbook.state, "L1", "Tax %", 0);
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return withParties({ ...outcome.issued, vatTreatment });
}

const leaves = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<ram:${name}(?: [^>]*)?>([^<]*)</ram:${name}>`, "g"))].map((m) => m[1]!);

describe("Factur-X (EN 16931): the invoice PDF as PDF/A-3 with its CII inside", () => {
  test("the first invoice: the validators accept the PDF and its CII, and the pages are the invoice's", async () => {
    const invoice = withParties(await firstInvoice());
    const file = await facturx(invoice, "first.pdf");
    expectValid(file);
    expectValid(writeTemp(dir, "first.xml", toCii(invoice)), "--facturx");
    // The pages as the plain PDF prints them.
    const plain = writeTemp(dir, "first-plain.pdf", await (await exporterFor("pdf")).generate(invoice, { fonts }));
    expect(pdfText(file)).toBe(pdfText(plain));
    expect(pdfInfo(file)).toEqual({ pages: 1, pageSize: "841.89 x 595.28 pts (A4)" });
    expect(pdfText(file)).toMatch(/Total due \(EUR\)\s+94,999\.75/);
    expect(tool("pdfdetach", ["-list", file])).toContain(`1: ${FACTURX_FILE_NAME}`);
    const meta = tool("pdfinfo", ["-meta", file]);
    for (const property of ["<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>", "<fx:DocumentType>INVOICE</fx:DocumentType>",
      `<fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName>`, "<fx:Version>1.0</fx:Version>", "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"]) {
      expect(meta).toContain(property);
    }
    // The attachment is the invoice's CII, stated as an alternative of the pages, with an sRGB output intent.
    const doc = await PDFDocument.load(await import("node:fs").then((fs) => fs.readFileSync(file)));
    const af = doc.catalog.lookup(PDFName.of("AF"))!.toString();
    expect(af).toMatch(/\d+ 0 R/);
    expect(doc.context.enumerateIndirectObjects().map(([, o]) => o.toString()).join("\n")).toMatch(/\/AFRelationship \/Alternative/);
    expect(doc.catalog.lookup(PDFName.of("OutputIntents"))!.toString()).toContain("/GTS_PDFA1");
  });

  test("the CII states the parties' structured addresses, contact and bank, two tax rates, and the figures of the UBL mapping", async () => {
    const invoice = withParties(await firstInvoice());
    const xml = toCii(invoice);
    expect(leaves(xml, "ID")[0]).toBe(CII_GUIDELINE_ID);
    expect(leaves(xml, "TypeCode")[0]).toBe("380");
    expect(leaves(xml, "PostcodeCode")).toEqual(["75002", "20457"]);
    expect(leaves(xml, "CityName")).toEqual(["Paris", "Hamburg"]);
    expect(leaves(xml, "CountryID")).toEqual(["FR", "DE"]);
    expect(leaves(xml, "IBANID")).toEqual(["FR7630006000011234567890189"]);
    expect(leaves(xml, "BICID")).toEqual(["AGRIFRPP"]);
    expect(leaves(xml, "PersonName")).toEqual(["Claire Dupont"]);
    expect(xml).toContain('<ram:URIID schemeID="0009">12345678900017</ram:URIID>');
    // Two rates, each with its taxable amount and tax as the core computed them.
    expect(leaves(xml, "BasisAmount")).toEqual(["20000.00", "65087.50"]);
    expect(leaves(xml, "CalculatedAmount")).toEqual(["1800.00", "12366.63"]);
    expect(leaves(xml, "TaxBasisTotalAmount")).toEqual(["85087.50"]);
    expect(leaves(xml, "GrandTotalAmount")).toEqual(["99254.13"]);
    // Retention is the paid amount (BT-113), as in the UBL: 99254.13 − 94999.75.
    expect(leaves(xml, "TotalPrepaidAmount")).toEqual(["4254.38"]);
    expect(leaves(xml, "DuePayableAmount")).toEqual([invoice.result.summary.totalDue]);
  });

  test("a later invoice (retention released, earlier invoices referenced) passes the validators", async () => {
    const invoice = withParties(await thirdInvoice());
    const xml = toCii(invoice);
    // CII holds one preceding invoice: the latest; the note names every one.
    expect(xml).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>INV-0002</);
    expect(leaves(xml, "Content")).toContain("Earlier invoices in force: INV-0001, INV-0002.");
    expectValid(await facturx(invoice, "third.pdf"));
  });

  test("a reverse-charge invoice: category AE with its exemption reason, and the validators accept it", async () => {
    const invoice = await zeroRateInvoice({ kind: "reverse-charge" });
    const xml = toCii(invoice);
    expect(new Set(leaves(xml, "CategoryCode"))).toEqual(new Set(["AE"]));
    expect(leaves(xml, "ExemptionReason")).toEqual(["Reverse charge"]);
    expect(leaves(xml, "ExemptionReasonCode")).toContain("VATEX-EU-AE");
    expectValid(await facturx(invoice, "reverse-charge.pdf"));
  });

  test.each([
    ["exempt", "E", { kind: "exempt", reason: "Exempt under Article 132(1)(i), Directive 2006/112/EC" }],
    ["export", "G", { kind: "export" }],
    ["zero-rated", "Z", { kind: "zero-rated" }],
  ] as const)("a contract taxed as %s states category %s, and the validators accept its CII", async (_, category, treatment) => {
    const invoice = await zeroRateInvoice(treatment);
    expect(new Set(leaves(toCii(invoice), "CategoryCode"))).toEqual(new Set([category]));
    if (treatment.kind === "exempt") expect(leaves(toCii(invoice), "ExemptionReason")).toEqual([treatment.reason]);
    expectValid(writeTemp(dir, `${treatment.kind}.xml`, toCii(invoice)), "--facturx");
  });

  test("names and descriptions in any script, markup and control characters: the XML and the XMP stay well formed and valid", async () => {
    const invoice = withParties(await unicodeInvoice());
    const hostile = { ...invoice, supplier: { ...invoice.supplier, name: HOSTILE.supplierName, contact: { ...invoice.supplier.contact, name: "<b>&amp;</b> \"q\" ]]>\u0007" } } };
    const file = await facturx(hostile, "hostile.pdf");
    expectValid(file);
    // pdf-lib wrote the title and author into the Info dictionary; the XMP says the same, escaped.
    const meta = tool("pdfinfo", ["-meta", file]);
    expect(meta).toContain(`<rdf:li>${HOSTILE.supplierName.replace(/&/g, "&amp;")}</rdf:li>`);
    tool("xmllint", ["--noout", writeTemp(dir, "hostile-xmp.xml", meta)]);
  });

  test("a credit note is type 381, states positive amounts and references the invoice it cancels", async () => {
    const invoice = withParties(creditNoteOf(await firstInvoice()));
    const xml = toCii(invoice);
    expect(leaves(xml, "TypeCode")[0]).toBe("381");
    expect(leaves(xml, "DuePayableAmount")).toEqual(["94999.75"]);
    expect(leaves(xml, "IssuerAssignedID")).toContain("INV-0001");
    expect(xml).not.toContain("SpecifiedTradeSettlementPaymentMeans");
    const file = await facturx(invoice, "credit.pdf");
    expect(pdfText(file)).toContain("CREDIT NOTE");
    expectValid(file);
  });

  test("the validator rejects the PDF once its invoice is taken out of it", async () => {
    const file = await facturx(withParties(await firstInvoice()), "broken-source.pdf");
    const doc = await PDFDocument.load(await import("node:fs").then((fs) => fs.readFileSync(file)));
    doc.catalog.delete(PDFName.of("Names"));
    doc.catalog.delete(PDFName.of("AF"));
    const broken = writeTemp(dir, "broken.pdf", await doc.save());
    expect(tool("pdfdetach", ["-list", broken])).toContain("0 embedded files");
    const { status, output } = validate(broken);
    expect(status).toBe(1);
    expect(output).toMatch(/^FACTURX fatal /m);
    expect(output).toMatch(/^[1-9]\d* fatal/m);
  });

  test("a draft, a 3-decimal currency and a contract without the supplier's VAT id or country are refused, naming the setting", async () => {
    const exporter = await exporterFor("facturx");
    await expect(exporter.generate(await draftInvoice(), { fonts })).rejects.toMatchObject({ code: "DRAFT_NOT_EXPORTABLE" });
    const invoice = withParties(await firstInvoice());
    const kwd = { ...invoice, result: { ...invoice.result, currency: "KWD", minorUnits: 3 } };
    await expect(exporter.generate(kwd, { fonts })).rejects.toThrow(/The Currency setting is KWD, whose amounts have 3 decimals/);
    const anonymous = { ...invoice, supplier: { ...invoice.supplier, taxId: "", country: "" } };
    const refusal = exporter.generate(anonymous, { fonts });
    await expect(refusal).rejects.toBeInstanceOf(ExportError);
    await expect(refusal).rejects.toThrow(/Supplier country setting.*Supplier tax id setting/);
    const bareVatNumber = { ...invoice, client: { ...invoice.client, taxId: "987654321" } };
    await expect(exporter.generate(bareVatNumber, { fonts })).rejects.toThrow(/The Client tax id setting \(987654321\) must start with its country code/);
  });

  test("plain EN 16931 asks for none of Peppol's own rules, which the Peppol XML still refuses, and the validators accept the CII", async () => {
    const invoice = withParties(await firstInvoice());
    // Sweden and Denmark have no Peppol VAT scheme, so neither party has an electronic address; 19 % is not a Swedish rate.
    const nordic = {
      ...invoice,
      supplier: { ...invoice.supplier, country: "SE", taxId: "SE556677889901", electronicAddress: undefined },
      client: { ...invoice.client, country: "DK", taxId: "DK13585628", electronicAddress: undefined },
    };
    expect(() => toUbl(nordic)).toThrow(/Supplier electronic address setting.*Client electronic address setting.*SE-R-006/);
    expectValid(writeTemp(dir, "nordic.xml", toCii(nordic)), "--facturx");
    // Two German parties, without the contact and bank Peppol's German rules ask for.
    const german = { ...invoice, supplier: { ...invoice.supplier, country: "DE", taxId: "DE123456789", contact: { name: "", phone: "", email: "" }, bank: undefined } };
    expect(() => toUbl(german)).toThrow(/DE-R-001 to DE-R-015/);
    expectValid(writeTemp(dir, "german.xml", toCii(german)), "--facturx");
  });
});
