import { spawnSync } from "node:child_process";
import path from "node:path";
import { Dec, type IssuedInvoice, type Party, type VatTreatment } from "../../src/core";
import { ExportError, exporterFor } from "../../src/export";
import { XRECHNUNG_CUSTOMIZATION_ID, toUbl } from "../../src/export/ubl/ubl-exporter";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { issueCreditNote } from "../../src/workbook/credit-note";
import type { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { sampleWorkbook, setMilestone, setSetting } from "../workbook/helpers";
import { toCii } from "../../src/export/cii/cii-writer";
import { cappedInvoice, firstInvoice, invoiceWithAdvance, thirdInvoice, unicodeInvoice } from "./fixtures";
import { tempDir, writeTemp } from "./tools";

/**
 * Every kind of document Interim exports as an e-invoice, checked by the official artefacts
 * (UBL 2.1 XSD, EN 16931, Peppol BIS 3.0, XRechnung 3.0) through ../shared/einvoice-validate.
 * The invoices come from the workbook flow; the party data is then set as the contract states it.
 */

jest.setTimeout(120_000);
const VALIDATE = path.join(__dirname, "../../../shared/einvoice-validate/validate.sh");
const dir = tempDir("einvoice");

function validate(xml: string, name: string, xrechnung = false): { fatal: number; report: string; status: number | null } {
  const file = writeTemp(dir, name, xml);
  const run = spawnSync(VALIDATE, [...(xrechnung ? ["--xrechnung"] : []), file], { encoding: "utf8", timeout: 110_000 });
  if (run.status === 2 || run.error !== undefined) throw new Error(`the validator could not run: ${run.stderr} ${String(run.error)}`);
  const report = `${run.stdout}${run.stderr}`;
  const fatal = /(\d+) fatal, \d+ warnings/.exec(report)?.[1];
  if (fatal === undefined) throw new Error(`no summary from the validator: ${report}`);
  return { fatal: Number(fatal), report, status: run.status };
}

/**
 * Validated with 0 fatal errors; the report is in the failure message when not. An XRechnung
 * is checked with every layer too, but the Peppol BIS layer, which validate.sh runs on any UBL,
 * does not apply to it (in Peppol, XRechnung is a document type of its own): its one rule that
 * an XRechnung cannot meet, R004 (BT-24 must name Peppol BIS), is the only fatal line allowed.
 */
function expectValid(xml: string, name: string, xrechnung = false): void {
  const { fatal, report } = validate(xml, name, xrechnung);
  const fatalLines = report.split("\n").filter((line) => / fatal /.test(line));
  expect(fatalLines).toHaveLength(fatal);
  const notApplicable = (line: string): boolean => xrechnung && line.startsWith("PEPPOL fatal PEPPOL-EN16931-R004 ");
  expect({ name, fatal: fatalLines.filter((line) => !notApplicable(line)) }).toEqual({ name, fatal: [] });
}

const contact = (name: string): Party["contact"] => ({ name, phone: "+49 40 1234567", email: "billing@example.com" });

const BRISTOL: Omit<Party, "name" | "address"> = {
  taxId: "GB123456789", street: "12 Harbour Street", city: "Bristol", postCode: "BS1 4DJ", country: "GB",
  electronicAddress: { id: "GB123456789", scheme: "9932" }, contact: contact("Ann Smith"), bank: { iban: "GB29NWBK60161331926819", bic: "NWBKGB2L" },
};
const HAMBURG: Omit<Party, "name" | "address"> = {
  taxId: "DE123456789", street: "Hafenstraße 8", city: "Hamburg", postCode: "20457", country: "DE",
  electronicAddress: { id: "DE123456789", scheme: "9930" }, contact: contact("Jens Müller"), bank: undefined,
};
const MUNICH: Omit<Party, "name" | "address"> = {
  taxId: "DE987654321", street: "Leopoldstraße 1", city: "München", postCode: "80802", country: "DE",
  electronicAddress: { id: "DE987654321", scheme: "9930" }, contact: contact("Eva Bauer"), bank: { iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
};

/** The invoice with the parties' structured data filled as a contract states it (UK supplier, German client by default). */
function withParties(invoice: IssuedInvoice, supplier = BRISTOL, client = HAMBURG, more: Partial<IssuedInvoice> = {}): IssuedInvoice {
  return { ...invoice, supplier: { ...invoice.supplier, ...supplier }, client: { ...invoice.client, ...client }, ...more };
}

async function issue(workbook: MemoryWorkbook, invoiceDate: string): Promise<IssuedInvoice> {
  const outcome = await generateInvoice(workbook, { invoiceDate });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome.issued;
}

/** The first period of the sample after `change` (settings, milestones). */
async function firstWith(change: (workbook: MemoryWorkbook) => void): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  change(workbook);
  return issue(workbook, "2026-09-30");
}

const LINES = ["M1", "M2", "M3", "M4", "M5", "T1", "L1", "CO1"];
const untaxed = (workbook: MemoryWorkbook): void => {
  setSetting(workbook.state, "Tax rate", 0);
  for (const id of LINES) setMilestone(workbook.state, id, "Tax %", 0);
};
const treated = (vatTreatment: VatTreatment) => async (): Promise<IssuedInvoice> => withParties(await firstWith(untaxed), BRISTOL, HAMBURG, { vatTreatment });

const MATRIX: [string, () => Promise<IssuedInvoice>][] = [
  ["the sample contract's first invoice, its party data as the settings hold it", firstInvoice],
  ["first invoice, two tax rates (19 % and 9 %)", async () => withParties(await firstInvoice())],
  ["later invoice with retention released in full (negative paid amount)", async () => withParties(await thirdInvoice())],
  ["advance recovery", async () => withParties(await invoiceWithAdvance())],
  ["materials stored this period", async () => withParties(await firstWith((w) => setMilestone(w.state, "M4", "Stored materials", 4250.5)))],
  ["a 0 % line beside taxed ones", async () => withParties(await firstWith((w) => setMilestone(w.state, "M2", "Tax %", 0)))],
  ["tax on the payment", async () => withParties(await firstWith((w) => setSetting(w.state, "Tax base", "payment")))],
  ["JPY (no decimals)", async () => withParties(await firstWith((w) => setSetting(w.state, "Currency", "JPY")))],
  ["reverse charge (AE)", treated({ kind: "reverse-charge" })],
  ["exempt with its reason (E)", treated({ kind: "exempt", reason: "Exempt under Article 135(1)(j) of Directive 2006/112/EC" })],
  ["zero-rated (Z)", treated({ kind: "zero-rated" })],
  ["export outside the EU (G)", treated({ kind: "export" })],
  ["hostile Unicode text", async () => withParties(await unicodeInvoice())],
  ["work going backwards", workGoingBackwards],
  ["a credit note as the workbook issues it", creditNote],
  ["no structured address, country from the VAT id, electronic address from the VAT id", async () => {
    const invoice = await firstInvoice();
    const blank = { street: "", city: "", postCode: "", country: "", electronicAddress: undefined };
    return withParties(invoice, { ...BRISTOL, ...blank }, { ...HAMBURG, ...blank });
  }],
  ["a Danish supplier (CVR from its VAT id) and a French client", async () => {
    const copenhagen = { ...BRISTOL, taxId: "DK13585628", city: "København", postCode: "1050", country: "DK", electronicAddress: { id: "5798000000001", scheme: "0088" }, bank: { iban: "DK5000400440116243", bic: "DABADKKK" } };
    return withParties(await firstInvoice(), copenhagen, { ...HAMBURG, taxId: "FR40303265045", country: "FR", electronicAddress: undefined });
  }],
  ["a Bulgarian supplier and a Greek client known only by their VAT ids", async () => {
    const blank = { street: "", city: "", postCode: "", country: "", electronicAddress: undefined };
    return withParties(await firstInvoice(), { ...BRISTOL, ...blank, taxId: "BG175074752" }, { ...HAMBURG, ...blank, taxId: "EL094259216" });
  }],
];

/** The second period takes back part of the first: a line's % complete lowered. */
async function workGoingBackwards(): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  await issue(workbook, "2026-09-30");
  setMilestone(workbook.state, "M2", "% complete", 0.3);
  setMilestone(workbook.state, "M3", "% complete", 0.5);
  const invoice = await issue(workbook, "2026-10-31");
  expect(invoice.result.lines.find((l) => l.id === "M2")?.thisPeriod.startsWith("-")).toBe(true);
  return withParties(invoice);
}

async function creditNote(): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  await issue(workbook, "2026-09-30");
  const outcome = await issueCreditNote(workbook, { date: "2026-10-02" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  expect(outcome.issued.kind).toBe("credit note");
  return withParties(outcome.issued);
}

describe("E-invoices the official validators accept (Peppol BIS 3.0)", () => {
  test.each(MATRIX)("%s", async (name, make) => {
    const invoice = await make();
    const bytes = await (await exporterFor("xml")).generate(invoice);
    expectValid(new TextDecoder().decode(bytes), `${name.replace(/\W+/g, "-")}.xml`);
  });

  test("the VAT category follows the contract's treatment, with the exemption reason the category needs", async () => {
    const categories = async (vatTreatment: VatTreatment): Promise<string> => {
      const xml = toUbl(await treated(vatTreatment)());
      const subtotal = /<cac:TaxSubtotal>[\s\S]*?<\/cac:TaxSubtotal>/.exec(xml)?.[0] ?? "";
      return [...subtotal.matchAll(/<cbc:(ID|TaxExemptionReasonCode|TaxExemptionReason)>([^<]*)</g)].map((m) => m[2]).join(" | ");
    };
    expect(await categories({ kind: "reverse-charge" })).toBe("AE | VATEX-EU-AE | Reverse charge | VAT");
    expect(await categories({ kind: "exempt", reason: "Medical care" })).toBe("E | Medical care | VAT");
    expect(await categories({ kind: "zero-rated" })).toBe("Z | VAT");
    expect(await categories({ kind: "export" })).toBe("G | VATEX-EU-G | Export outside the EU | VAT");
  });

  test("the structured address, contact and bank account reach their fields", async () => {
    const xml = toUbl(withParties(await firstInvoice()));
    expect(xml).toContain("<cbc:CityName>Bristol</cbc:CityName>");
    expect(xml).toContain("<cbc:PostalZone>20457</cbc:PostalZone>");
    expect(xml).toContain("<cbc:ElectronicMail>billing@example.com</cbc:ElectronicMail>");
    expect(xml).toMatch(/<cbc:PaymentMeansCode name="SEPA credit transfer">58<\/cbc:PaymentMeansCode>[\s\S]*<cbc:ID>GB29NWBK60161331926819<\/cbc:ID>[\s\S]*<cbc:ID>NWBKGB2L<\/cbc:ID>/);
  });
});

describe("German domestic and XRechnung 3.0", () => {
  const german = async (more: Partial<IssuedInvoice> = {}): Promise<IssuedInvoice> =>
    withParties(await firstInvoice(), MUNICH, HAMBURG, { buyerReference: "04011000-12345-34", invoiceTypeCode: "326", ...more });

  test("Germany to Germany as Peppol BIS: partial invoice 326, addresses, contact, SEPA transfer", async () => {
    const xml = toUbl(await german());
    expect(xml).toContain("<cbc:InvoiceTypeCode>326</cbc:InvoiceTypeCode>");
    expect(xml).toContain("<cbc:BuyerReference>04011000-12345-34</cbc:BuyerReference>");
    expectValid(xml, "german-peppol.xml");
  });

  test("XRechnung: the CIUS's identifier, valid with the XRechnung rules", async () => {
    const bytes = await (await exporterFor("xrechnung")).generate(await german());
    const xml = new TextDecoder().decode(bytes);
    expect(xml).toContain(`<cbc:CustomizationID>${XRECHNUNG_CUSTOMIZATION_ID}</cbc:CustomizationID>`);
    expectValid(xml, "german-xrechnung.xml", true);
  });

  test("XRechnung of a later invoice with retention released, and of a credit note", async () => {
    expectValid(toUbl(withParties(await thirdInvoice(), MUNICH, HAMBURG, { buyerReference: "04011000-12345-34" }), "xrechnung"), "xrechnung-third.xml", true);
    expectValid(toUbl(withParties(await creditNote(), MUNICH, HAMBURG, { buyerReference: "04011000-12345-34" }), "xrechnung"), "xrechnung-credit.xml", true);
  });

  test("XRechnung of hostile Unicode text and of a reverse-charge invoice", async () => {
    const unicode = withParties(await unicodeInvoice(), MUNICH, HAMBURG, { buyerReference: "991-01234-56" });
    expectValid(toUbl(unicode, "xrechnung"), "xrechnung-unicode.xml", true);
    const reverse = withParties(await firstWith(untaxed), MUNICH, HAMBURG, { buyerReference: "991-01234-56", vatTreatment: { kind: "reverse-charge" } });
    expectValid(toUbl(reverse, "xrechnung"), "xrechnung-reverse.xml", true);
  });

  test("326 is a partial invoice only between German parties: elsewhere the document is a commercial invoice, 380", async () => {
    const xml = toUbl(withParties(await firstInvoice(), BRISTOL, HAMBURG, { invoiceTypeCode: "326" }));
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    expectValid(xml, "326-abroad.xml");
  });

  test("XRechnung refuses what it requires and the contract lacks, naming each setting", async () => {
    const lacking = await german({ buyerReference: "" });
    const bare = { ...lacking, supplier: { ...lacking.supplier, contact: { name: "", phone: "", email: "" }, bank: undefined, city: "" } };
    const refusal = (): string => toUbl(bare, "xrechnung");
    expect(refusal).toThrow(ExportError);
    expect(refusal).toThrow(/Supplier city, Supplier contact name, Supplier contact phone, Supplier contact email, Supplier IBAN, Buyer reference settings/);
    // Peppol between two German parties asks the same, but the buyer reference has a fallback there.
    expect(() => toUbl(bare)).toThrow(/Supplier city, Supplier contact name, Supplier contact phone, Supplier contact email, Supplier IBAN settings/);
  });
});

describe("Refused before export, naming the setting", () => {
  const refusalOf = (invoice: IssuedInvoice): string => {
    try {
      toUbl(invoice);
    } catch (error) {
      if (error instanceof ExportError && error.code === "E_INVOICE_SETTINGS") return error.message;
      throw error;
    }
    throw new Error("exported");
  };

  test("a currency with 3 decimals (KWD): EN 16931 carries at most 2", async () => {
    const invoice = withParties(await firstWith((w) => setSetting(w.state, "Currency", "KWD")));
    expect(invoice.result.minorUnits).toBe(3);
    expect(refusalOf(invoice)).toMatch(/The Currency setting is KWD, whose amounts have 3 decimals/);
    await expect((await exporterFor("xml")).generate(invoice)).rejects.toMatchObject({ code: "E_INVOICE_SETTINGS" });
  });

  test("an empty supplier tax id", async () => {
    const invoice = withParties(await firstInvoice(), { ...BRISTOL, taxId: "" });
    expect(refusalOf(invoice)).toMatch(/Fill in the Supplier tax id setting/);
  });

  test("a party with neither an electronic address nor a VAT id Peppol maps; a client without a country", async () => {
    const invoice = withParties(await firstInvoice(), BRISTOL, { ...HAMBURG, taxId: "", country: "", electronicAddress: undefined });
    const message = refusalOf(invoice);
    expect(message).toMatch(/Fill in the Client country setting/);
    expect(message).toMatch(/Fill in the Client electronic address setting/);
    const danish = withParties(await firstInvoice(), BRISTOL, { ...HAMBURG, taxId: "DK13585628", country: "DK", electronicAddress: undefined });
    expect(refusalOf(danish)).toMatch(/^INV-0001 cannot be sent as a Peppol e-invoice: Fill in the Client electronic address setting \(where the client receives e-invoices/);
    const unprefixed = withParties(await firstInvoice(), BRISTOL, { ...HAMBURG, taxId: "123456789" });
    expect(refusalOf(unprefixed)).toMatch(/The Client tax id setting \(123456789\) must start with its country code/);
  });

  test("a Greek supplier: Peppol's Greek rules need a myDATA MARK and invoice number Interim does not make", async () => {
    const invoice = withParties(await firstInvoice(), { ...BRISTOL, taxId: "EL094259216", country: "GR", electronicAddress: { id: "094259216", scheme: "9933" } });
    expect(refusalOf(invoice)).toMatch(/The Supplier country is Greece, and Peppol's Greek rules/);
  });

  test("a Swedish supplier at a rate Sweden does not have", async () => {
    const invoice = withParties(await firstInvoice(), { ...BRISTOL, taxId: "SE556677889901", country: "SE", electronicAddress: { id: "7300010000001", scheme: "0088" } });
    expect(refusalOf(invoice)).toMatch(/Peppol's Swedish rules \(SE-R-006\) accept only the rates 6, 12 and 25 %/);
  });

  test("reverse charge without the client's VAT id; a non-standard treatment with tax", async () => {
    const noVat = withParties(await firstWith(untaxed), BRISTOL, { ...HAMBURG, taxId: "" }, { vatTreatment: { kind: "reverse-charge" } });
    expect(refusalOf(noVat)).toMatch(/Fill in the Client tax id setting/);
    const taxed = withParties(await firstInvoice(), BRISTOL, HAMBURG, { vatTreatment: { kind: "zero-rated" } });
    expect(new Dec(taxed.result.summary.tax).isZero()).toBe(false);
    expect(refusalOf(taxed)).toMatch(/set the Tax rate setting and every line's Tax % to 0 %/);
  });
});

describe("E-invoices of documents in another language: the notes for people in it, the data unchanged", () => {
  test("German, reverse charge between German parties: the exemption reason in German beside its code, valid as an XRechnung", async () => {
    const reverse = withParties(await firstWith(untaxed), MUNICH, HAMBURG, { buyerReference: "991-01234-56", vatTreatment: { kind: "reverse-charge" }, language: "de" });
    const xml = toUbl(reverse, "xrechnung");
    expect(xml).toMatch(/<cbc:TaxExemptionReasonCode>VATEX-EU-AE<\/cbc:TaxExemptionReasonCode>\s*<cbc:TaxExemptionReason>Steuerschuldnerschaft des Leistungsempfängers<\/cbc:TaxExemptionReason>/);
    expectValid(xml, "german-reverse-xrechnung.xml", true);
  });

  test("French, a capped line and an export: the line's note and the reason in French, valid in UBL and in CII", async () => {
    const capped = withParties(await cappedInvoice(), BRISTOL, HAMBURG, { language: "fr" });
    const xml = toUbl(capped);
    // The note's figures are written as its other figures are, for a program as much as a person.
    expect(xml).toContain("cette période 15000.00. Réalisé mais non facturé (plafonné)\u00a0: 1100.00.</cbc:Note>");
    expectValid(xml, "french-capped.xml");
    const exported = withParties(await firstWith(untaxed), BRISTOL, HAMBURG, { vatTreatment: { kind: "export" }, language: "fr" });
    const reason = "Exportation hors de l’Union européenne";
    expect(toUbl(exported)).toContain(`<cbc:TaxExemptionReason>${reason}</cbc:TaxExemptionReason>`);
    const cii = toCii(exported);
    expect(cii).toContain(`<ram:ExemptionReason>${reason}</ram:ExemptionReason>`);
    expectValid(toUbl(exported), "french-export.xml");
    expectValid(cii, "french-export-cii.xml");
  });
});

describe("The validator itself", () => {
  test("rejects a broken document: it is not a check that passes everything", async () => {
    const xml = toUbl(withParties(await firstInvoice()));
    // The tax total no longer adds up (BR-CO-15), and the seller's country is gone (BR-09).
    const broken = xml
      .replace(/(<cbc:TaxInclusiveAmount currencyID="EUR">)[^<]*/, "$11.00")
      .replace(/<cac:Country>\s*<cbc:IdentificationCode>GB<\/cbc:IdentificationCode>\s*<\/cac:Country>/, "");
    expect(broken).not.toBe(xml);
    const { fatal, report, status } = validate(broken, "broken.xml");
    expect(status).toBe(1);
    expect(fatal).toBeGreaterThanOrEqual(2);
    expect(report).toMatch(/BR-CO-15/);
    expect(report).toMatch(/BR-09/);
  });
});
