import { Dec, type IssuedInvoice } from "../../src/core";
import { exporterFor } from "../../src/export";
import { CUSTOMIZATION_ID, PROFILE_ID, toUbl } from "../../src/export/ubl/ubl-exporter";
import { escapeAttribute, escapeText } from "../../src/export/ubl/xml-writer";
import { HOSTILE, creditNoteOf, draftInvoice, firstInvoice, invoiceWithAdvance, longInvoice, thirdInvoice, unicodeInvoice } from "./fixtures";
import { tempDir, tool, writeTemp } from "./tools";

jest.setTimeout(30_000);
const dir = tempDir("xml");

/** Well-formed, by a real XML parser; returns the document's text. */
function wellFormed(xml: string, name: string): string {
  const file = writeTemp(dir, name, xml);
  tool("xmllint", ["--noout", file]);
  return xml;
}

/** Leaf values by element name; the writer puts each leaf on its own line. */
const values = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<cbc:${name}(?: [^>]*)?>([^<]*)</cbc:${name}>`, "g"))].map((m) => m[1]!);
const value = (xml: string, name: string): string | undefined => values(xml, name)[0];
const blocks = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<cac:${name}>[\\s\\S]*?</cac:${name}>`, "g"))].map((m) => m[0]);
const sum = (amounts: string[]): Dec => amounts.reduce((a, b) => a.plus(b), new Dec(0));

/** The EN 16931 rules that arithmetic decides, checked on the XML itself. */
function checkBusinessRules(xml: string, invoice: IssuedInvoice): void {
  const lineTag = invoice.kind === "credit note" ? "CreditNoteLine" : "InvoiceLine";
  const lines = blocks(xml, lineTag);
  expect(lines.length).toBeGreaterThanOrEqual(1); // BR-16
  const totals = blocks(xml, "LegalMonetaryTotal")[0]!;
  const lineExtension = new Dec(value(totals, "LineExtensionAmount")!);
  const taxExclusive = new Dec(value(totals, "TaxExclusiveAmount")!);
  const taxInclusive = new Dec(value(totals, "TaxInclusiveAmount")!);
  const prepaid = new Dec(value(totals, "PrepaidAmount") ?? "0");
  const payable = new Dec(value(totals, "PayableAmount")!);
  const allowances = new Dec(value(totals, "AllowanceTotalAmount") ?? "0");
  const charges = new Dec(value(totals, "ChargeTotalAmount") ?? "0");
  const taxTotal = blocks(xml, "TaxTotal")[0]!;
  const taxAmount = new Dec(/<cac:TaxTotal>\s*<cbc:TaxAmount [^>]*>([^<]*)</.exec(taxTotal)![1]!);
  const subtotals = blocks(taxTotal, "TaxSubtotal");

  expect(sum(lines.map((l) => value(l, "LineExtensionAmount")!)).equals(lineExtension)).toBe(true); // BR-CO-10
  expect(allowances.isZero() && charges.isZero()).toBe(true); // BR-CO-11, BR-CO-12: no document allowances or charges
  expect(taxExclusive.equals(lineExtension.minus(allowances).plus(charges))).toBe(true); // BR-CO-13
  expect(sum(subtotals.map((s) => values(s, "TaxAmount")[0]!)).equals(taxAmount)).toBe(true); // BR-CO-14
  expect(taxInclusive.equals(taxExclusive.plus(taxAmount))).toBe(true); // BR-CO-15
  expect(payable.equals(taxInclusive.minus(prepaid))).toBe(true); // BR-CO-16
  for (const subtotal of subtotals) {
    const percent = value(subtotal, "Percent")!;
    const taxable = new Dec(value(subtotal, "TaxableAmount")!);
    // BR-CO-17: the category's tax is its taxable amount times its rate, rounded to 2 decimals.
    expect(new Dec(values(subtotal, "TaxAmount")[0]!).equals(taxable.times(percent).div(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP))).toBe(true);
    // BR-S-08: the taxable amount of a rate is the sum of its lines.
    const atRate = lines.filter((l) => value(blocks(l, "ClassifiedTaxCategory")[0]!, "Percent") === percent);
    expect(sum(atRate.map((l) => value(l, "LineExtensionAmount")!)).equals(taxable)).toBe(true);
  }
  for (const line of lines) expect(new Dec(value(line, "PriceAmount")!).isNegative()).toBe(false); // BR-27
  // Currency: one ISO 4217 code, on every amount.
  const currency = value(xml, "DocumentCurrencyCode")!;
  expect(currency).toMatch(/^[A-Z]{3}$/);
  expect(new Set([...xml.matchAll(/currencyID="([^"]*)"/g)].map((m) => m[1]))).toEqual(new Set([currency]));
  // The core's figures, not the writer's: the amount due and the tax are the invoice's.
  expect(payable.abs().equals(new Dec(invoice.result.summary.totalDue).abs())).toBe(true);
  expect(taxAmount.abs().equals(new Dec(invoice.result.summary.tax).abs())).toBe(true);
}

describe("E-invoice (UBL 2.1, Peppol BIS Billing 3.0)", () => {
  test("the first invoice: profile, type code, parties, period, references and totals", async () => {
    const invoice = await firstInvoice();
    const xml = wellFormed(new TextDecoder().decode(await (await exporterFor("xml")).generate(invoice)), "first.xml");
    expect(value(xml, "CustomizationID")).toBe(CUSTOMIZATION_ID);
    expect(value(xml, "ProfileID")).toBe(PROFILE_ID);
    expect(value(xml, "InvoiceTypeCode")).toBe(invoice.invoiceTypeCode);
    expect(values(xml, "RegistrationName")).toEqual(["Northwind Consulting Ltd", "Contoso Logistics GmbH"]);
    expect(values(xml, "IdentificationCode")).toEqual(["GB", "DE"]);
    expect(xml).toContain('<cbc:EndpointID schemeID="9932">GB123456789</cbc:EndpointID>');
    expect([value(xml, "StartDate"), value(xml, "EndDate")]).toEqual(["2026-09-01", "2026-09-30"]);
    expect(blocks(xml, "BillingReference")).toHaveLength(0);
    // Retention does not lower the tax base: the lines bill the work (85087.50), retention is the paid amount.
    const totals = blocks(xml, "LegalMonetaryTotal")[0]!;
    expect(value(totals, "TaxExclusiveAmount")).toBe("85087.50");
    expect(value(totals, "TaxInclusiveAmount")).toBe("99254.13");
    expect(value(totals, "PrepaidAmount")).toBe("4254.38");
    expect(value(totals, "PayableAmount")).toBe("94999.75");
    checkBusinessRules(xml, invoice);
    expect(xml).toMatchSnapshot();
  });

  test("the third invoice references the earlier ones; released retention makes the paid amount negative", async () => {
    const invoice = await thirdInvoice();
    const xml = wellFormed(toUbl(invoice), "third.xml");
    expect(blocks(xml, "BillingReference").map((b) => value(b, "ID"))).toEqual(["INV-0001", "INV-0002"]);
    expect(value(blocks(xml, "LegalMonetaryTotal")[0]!, "PrepaidAmount")).toBe("-7215.00");
    checkBusinessRules(xml, invoice);
    expect(xml).toMatchSnapshot();
  });

  test("advance recovery is part of the paid amount, not of the tax base", async () => {
    const invoice = await invoiceWithAdvance();
    const s = invoice.result.summary;
    expect(new Dec(s.advanceRecovery).isPositive()).toBe(true);
    const xml = wellFormed(toUbl(invoice), "advance.xml");
    expect(value(xml, "Note")).toContain(`plus advance payment recovered (${s.advanceRecovery})`);
    expect(value(blocks(xml, "LegalMonetaryTotal")[0]!, "TaxExclusiveAmount")).toBe(addUp(invoice.result.taxBreakdown.map((t) => t.taxableAmount)));
    checkBusinessRules(xml, invoice);
  });

  test("a credit note is a UBL CreditNote 381 that references the invoice it cancels", async () => {
    const invoice = creditNoteOf(await firstInvoice());
    const xml = wellFormed(toUbl(invoice), "credit.xml");
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(value(xml, "CreditNoteTypeCode")).toBe("381");
    expect(blocks(xml, "BillingReference").map((b) => value(b, "ID"))).toEqual(["INV-0001"]);
    checkBusinessRules(xml, invoice);
    // Figures stored negated (as the billing log keeps a credit) are stated positive all the same.
    const negated = { ...invoice, result: negate(invoice.result) };
    expect(toUbl(negated)).toBe(xml);
  });

  test("a draft is never sent as an e-invoice", async () => {
    await expect((await exporterFor("xml")).generate(await draftInvoice())).rejects.toMatchObject({ code: "DRAFT_NOT_EXPORTABLE" });
  });

  test("XML special and control characters in every text field are escaped or removed; the document stays well-formed", async () => {
    const invoice = await unicodeInvoice();
    const evil = "<b>&amp;</b> \"q\" 'a' ]]> \u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uD800 end\r\n";
    const everywhere: IssuedInvoice = {
      ...invoice, number: `INV-${evil}`, contractReference: evil, purchaseOrder: evil, paymentTerms: evil, precedingInvoices: [evil],
      supplier: { ...invoice.supplier, name: evil, address: evil, taxId: `DE${evil}` }, client: { ...invoice.client, name: evil, address: evil, taxId: `FR${evil}` },
      result: { ...invoice.result, lines: invoice.result.lines.map((l) => ({ ...l, id: evil, description: evil })) },
    };
    const xml = wellFormed(toUbl(everywhere), "evil.xml");
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]/);
    expect(xml).toContain("&lt;b&gt;&amp;amp;&lt;/b&gt; \"q\" 'a' ]]&gt;  end&#13;\n");
    const hostile = wellFormed(toUbl(invoice), "unicode.xml");
    expect(values(hostile, "RegistrationName")).toEqual([HOSTILE.supplierName.replace("&", "&amp;"), HOSTILE.clientName]);
    expect(values(hostile, "Name")).toContain(HOSTILE.arabicDescription);
    expect(escapeAttribute("a\"b\tc\nd")).toBe("a&quot;b&#9;c&#10;d");
    expect(escapeText("\uD83D\uDE00 stays")).toBe("\uD83D\uDE00 stays");
  });

  test("500 lines: the rules hold", async () => {
    const invoice = await longInvoice(500);
    checkBusinessRules(wellFormed(toUbl(invoice), "long.xml"), invoice);
  });
});

function addUp(amounts: string[]): string {
  return amounts.reduce((a, b) => a.plus(b), new Dec(0)).toFixed(2);
}

function negate(result: IssuedInvoice["result"]): IssuedInvoice["result"] {
  const neg = (a: string): string => new Dec(a).negated().toFixed(2);
  const summary = { ...result.summary };
  for (const key of Object.keys(summary) as (keyof typeof summary)[]) summary[key] = neg(summary[key]);
  return {
    ...result, summary,
    lines: result.lines.map((l) => ({ ...l, thisPeriod: neg(l.thisPeriod) })),
    taxBreakdown: result.taxBreakdown.map((t) => ({ ...t, taxableAmount: neg(t.taxableAmount), tax: neg(t.tax) })),
  };
}
