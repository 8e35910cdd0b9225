import type { IssuedInvoice, Party } from "../../src/core";
import { exporterFor } from "../../src/export";
import { toCii } from "../../src/export/cii/cii-writer";
import { toCsv } from "../../src/export/csv-exporter";
import { invoiceTypeCodeOf } from "../../src/export/en16931/invoice-type-code";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { toUbl } from "../../src/export/ubl/ubl-exporter";
import { toXlsx } from "../../src/export/xlsx-exporter";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { issueWorkedExample } from "../support/advance-contract";
import { fonts, parseCsv, pdfText, recalculatedCsv, tempDir, validatorFatalLines, withoutCachedResults, writeTemp } from "./tools";

/**
 * The documents of the worked example (an advance of 30,000.00 + 19 %, three progress invoices
 * recovering it, the final invoice; figures in test/core/worked/advance-and-final-invoices.test.ts)
 * as every export writes them, each e-invoice checked by the official artefacts through
 * ../shared/einvoice-validate.
 */

jest.setTimeout(300_000);
const dir = tempDir("advance-final");

/** The validator's fatal lines; an XRechnung's Peppol R004 (its BT-24 is not Peppol BIS's) is not one that applies. */
const fatalLines = (content: string | Uint8Array, name: string, flags: string[] = []): string[] =>
  validatorFatalLines(dir, content, name, flags, flags.includes("--xrechnung") ? /^PEPPOL fatal PEPPOL-EN16931-R004 / : undefined);


let documents: IssuedInvoice[] = [];
beforeAll(async () => {
  documents = (await issueWorkedExample()).documents;
});
const byNumber = (number: string): IssuedInvoice => {
  const found = documents.find((d) => d.number === number);
  if (found === undefined) throw new Error(`no ${number}`);
  return found;
};

describe("every document of the worked example passes the validators", () => {
  test.each(["INV-0001", "INV-0002", "INV-0003", "INV-0004", "INV-0005"])("%s: Peppol BIS, XRechnung and Factur-X's CII", (number) => {
    const invoice = byNumber(number);
    expect({ number, fatal: fatalLines(toUbl(invoice), `${number}.xml`) }).toEqual({ number, fatal: [] });
    expect({ number, fatal: fatalLines(toUbl(invoice, "xrechnung"), `${number}.xrechnung.xml`, ["--xrechnung"]) }).toEqual({ number, fatal: [] });
    expect({ number, fatal: fatalLines(toCii(invoice), `${number}.cii.xml`, ["--facturx"]) }).toEqual({ number, fatal: [] });
  });

  test("the final invoice as a Factur-X PDF", async () => {
    const bytes = await (await exporterFor("facturx")).generate(byNumber("INV-0005"), { fonts });
    expect(fatalLines(bytes, "INV-0005.facturx.pdf")).toEqual([]);
  });
});

describe("the advance invoice", () => {
  test("386, its net at the contract's rate, VAT 5,700.00, payable 35,700.00", () => {
    const xml = toUbl(byNumber("INV-0001"));
    expect(xml).toContain("<cbc:InvoiceTypeCode>386</cbc:InvoiceTypeCode>");
    expect(xml).toMatch(/<cbc:TaxableAmount currencyID="EUR">30000.00<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="EUR">5700.00<\/cbc:TaxAmount>/);
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">35700.00</cbc:PayableAmount>');
    expect(xml).toContain("<cbc:Name>Advance payment, 10.00% of the contract sum of 300,000.00</cbc:Name>");
    expect(toCii(byNumber("INV-0001"))).toContain("<ram:TypeCode>386</ram:TypeCode>");
  });

  test("its PDF: the advance, its VAT, the total due and how it is recovered, no period and no G703 table", async () => {
    const text = pdfText(writeTemp(dir, "INV-0001.pdf", await toPdf(byNumber("INV-0001"), { fonts })));
    expect(text).toContain("ADVANCE INVOICE");
    expect(text).toMatch(/ADV\s+Advance payment, 10\.00% of the contract sum of 300,000\.00\s+19%\s+30,000\.00/);
    expect(text).toMatch(/Tax at 19% on 30,000\.00\s+5,700\.00/);
    expect(text).toMatch(/Total due \(EUR\)\s+35,700\.00/);
    expect(text).toContain("The advance is deducted from the later invoices as it is recovered, together with the VAT invoiced on it.");
    expect(text).not.toContain("Period");
    expect(text).not.toContain("Scheduled value");
  });

  test("a credit note cancelling it: 381, the advance and its VAT credited, valid", async () => {
    const { MemoryWorkbook, emptyState } = await import("../../src/workbook/memory-workbook");
    const { issueAdvanceInvoice } = await import("../../src/workbook/plan-advance-invoice");
    const { advanceContract } = await import("../support/advance-contract");
    const workbook = new MemoryWorkbook(emptyState());
    await advanceContract(workbook);
    expect(await issueAdvanceInvoice(workbook, { date: "2026-07-01" })).toMatchObject({ ok: true });
    const credit = await issueCreditNote(workbook, { date: "2026-07-02" });
    if (!credit.ok) throw new Error(JSON.stringify(credit.problems));
    const xml = toUbl(credit.issued);
    expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">35700.00</cbc:PayableAmount>');
    expect(fatalLines(xml, "CN-advance.xml")).toEqual([]);
  });

  test("its CSV: the advance, not the G702 lines", () => {
    const rows = parseCsv(toCsv(byNumber("INV-0001")));
    const summary = rows.filter((r) => r[0] === "summary").map((r) => [r[1], r.at(-1)]);
    expect(summary).toEqual([["advancePayment", "30000.00"], ["taxableAmount", "30000.00"], ["tax", "5700.00"], ["totalDue", "35700.00"]]);
    expect(rows.find((r) => r[1] === "invoiceTypeCode")?.[2]).toBe("386");
  });
});

describe("a progress invoice after the advance invoice", () => {
  test("deducts the advance recovered and the VAT on it in a negative line per rate, so its VAT is the VAT it charges", () => {
    const xml = toUbl(byNumber("INV-0002"));
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    // 123456.78 of work less 12345.68 of advance recovered: 111111.10, taxed 23456.79 − 2345.68 = 21111.11.
    expect(xml).toMatch(/<cbc:ID>ADV-19<\/cbc:ID>[\s\S]*?<cbc:LineExtensionAmount currencyID="EUR">-12345.68<\/cbc:LineExtensionAmount>/);
    expect(xml).toMatch(/<cbc:TaxableAmount currencyID="EUR">111111.10<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="EUR">21111.11<\/cbc:TaxAmount>/);
    // Only the retention is paid before (BT-113): the advance is in the lines.
    expect(xml).toContain('<cbc:PrepaidAmount currencyID="EUR">6172.84</cbc:PrepaidAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">126049.37</cbc:PayableAmount>');
  });

  test("says so on its PDF, its CSV and its xlsx, whose formulas LibreOffice recalculates to the same total", async () => {
    const invoice = byNumber("INV-0002");
    const text = pdfText(writeTemp(dir, "INV-0002.pdf", await toPdf(invoice, { fonts })));
    expect(text).toMatch(/Tax at 19% on 123,456\.78\s+23,456\.79/);
    expect(text).toMatch(/Less advance recovered, net 12,345\.68, VAT 2,345\.68 at 19%\s+-2,345\.68/);
    expect(text).toMatch(/Total due \(EUR\)\s+126,049\.37/);
    expect(parseCsv(toCsv(invoice)).find((r) => r[1] === "advanceTaxDeducted")?.filter((cell) => cell !== "")).toEqual([
      "summary", "advanceTaxDeducted", "Less advance recovered, net 12,345.68, VAT 2,345.68 at 19%", "0.19", "-2345.68",
    ]);
    const { file } = await withoutCachedResults(new Uint8Array(await toXlsx(invoice).xlsx.writeBuffer()));
    const recalculated = recalculatedCsv(writeTemp(tempDir("advance-xlsx"), "INV-0002.xlsx", file));
    expect(recalculated).toContain('Less advance recovered, net 12,345.68, VAT 2,345.68 at 19%","-2,345.68"');
    expect(recalculated).toContain('Total due (EUR),"126,049.37"');
  });
});

describe("the final invoice", () => {
  test("BG-3: every partial invoice in force with its date; BG-24: the listing described and embedded as CSV", () => {
    const xml = toUbl(byNumber("INV-0005"));
    const references = [...xml.matchAll(/<cac:InvoiceDocumentReference>\s*<cbc:ID>([^<]*)<\/cbc:ID>\s*<cbc:IssueDate>([^<]*)</g)].map((m) => [m[1], m[2]]);
    expect(references).toEqual([["INV-0001", "2026-07-01"], ["INV-0002", "2026-08-31"], ["INV-0003", "2026-09-30"], ["INV-0004", "2026-10-31"]]);
    expect(xml).toMatch(/<cac:AdditionalDocumentReference>\s*<cbc:ID>INV-0005-partial-invoices<\/cbc:ID>\s*<cbc:DocumentDescription>Partial invoices already issued: INV-0001, 2026-07-01: Net 30,000.00, VAT 19% 5,700.00; INV-0002, 2026-08-31: /);
    expect(xml).toContain("INV-0004, 2026-10-31: Net 70,555.56, VAT 19% 13,405.56. Total: Net 264,999.99, VAT 19% 50,350.00.</cbc:DocumentDescription>");
    const embedded = /<cbc:EmbeddedDocumentBinaryObject mimeCode="text\/csv" filename="INV-0005-partial-invoices.csv">([^<]*)</.exec(xml)?.[1] ?? "";
    expect(parseCsv(Buffer.from(embedded, "base64").toString("utf8"))).toEqual([
      ["Invoice number", "Invoice date", "Net", "VAT 19%"],
      ["INV-0001", "2026-07-01", "30000.00", "5700.00"],
      ["INV-0002", "2026-08-31", "111111.10", "21111.11"],
      ["INV-0003", "2026-09-30", "53333.33", "10133.33"],
      ["INV-0004", "2026-10-31", "70555.56", "13405.56"],
      ["Total", "", "264999.99", "50350.00"],
    ]);
    // This invoice: 35000.01 net (the last work, 38888.89, less the last of the advance, 3888.88) and 6650.00 VAT.
    expect(xml).toMatch(/<cbc:TaxableAmount currencyID="EUR">35000.01<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="EUR">6650.00<\/cbc:TaxAmount>/);
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">39705.57</cbc:PayableAmount>');
    const cii = toCii(byNumber("INV-0005"));
    expect(cii).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>INV-0004<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString [^>]*>20261031</);
    expect(cii).toMatch(/<ram:AdditionalReferencedDocument>\s*<ram:IssuerAssignedID>INV-0005-partial-invoices<\/ram:IssuerAssignedID>\s*<ram:TypeCode>916<\/ram:TypeCode>/);
  });

  test("its PDF states the whole contract, lists and deducts the partial invoices, and ends on the total due", async () => {
    const text = pdfText(writeTemp(dir, "INV-0005.pdf", await toPdf(byNumber("INV-0005"), { fonts })));
    expect(text).toContain("FINAL INVOICE");
    for (const line of [
      /Total contract price\s+300,000\.00/, /Tax at 19% on 300,000\.00\s+57,000\.00/, /Total contract price including VAT\s+357,000\.00/,
      /Partial invoices already issued/, /INV-0001\s+2026-07-01\s+30,000\.00\s+5,700\.00/, /INV-0004\s+2026-10-31\s+70,555\.56\s+13,405\.56/,
      /Less partial invoices\s+-264,999\.99/, /Less VAT already invoiced at 19%\s+-50,350\.00/, /Balance\s+41,650\.01/,
      /Less retention withheld\s+-1,944\.44/, /Balance due \(EUR\)\s+39,705\.57/, /Total due \(EUR\)\s+39,705\.57/,
    ]) expect(text).toMatch(line);
  });

  test("its CSV records the statement, and its xlsx's formulas recalculate to the core's figures", async () => {
    const invoice = byNumber("INV-0005");
    const rows = parseCsv(toCsv(invoice));
    expect(rows.filter((r) => r[0] === "final").map((r) => [r[1], r.at(-2), r.at(-1)])).toEqual([
      ["contractPrice", "", "300000.00"], ["contractTax", "0.19", "57000.00"], ["contractTotal", "", "357000.00"],
      ["precedingNet", "", "-264999.99"], ["precedingTax", "0.19", "-50350.00"], ["balance", "", "41650.01"], ["retentionWithheld", "", "-1944.44"], ["balanceDue", "", "39705.57"],
    ]);
    expect(rows.filter((r) => r[0] === "preceding" && r[1] === "INV-0002").map((r) => [r[2], r.at(-1)])).toEqual([["2026-08-31: Net", "111111.10"], ["2026-08-31: VAT 19%", "21111.11"]]);
    const { file, formulas } = await withoutCachedResults(new Uint8Array(await toXlsx(invoice).xlsx.writeBuffer()));
    expect(formulas).toBeGreaterThan(3);
    const recalculated = recalculatedCsv(writeTemp(tempDir("final-xlsx"), "INV-0005.xlsx", file));
    for (const cell of ['Total contract price including VAT,"357,000.00"', 'Balance,"41,650.01"', 'Balance due (EUR),"39,705.57"', 'Total due (EUR),"39,705.57"']) expect(recalculated).toContain(cell);
  });

  test("a credit note of the final invoice references it and validates", async () => {
    const { workbook } = await issueWorkedExample();
    const credit = await issueCreditNote(workbook, { date: "2026-12-01" });
    if (!credit.ok) throw new Error(JSON.stringify(credit.problems));
    const xml = toUbl(credit.issued);
    expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    expect(xml).toMatch(/<cac:InvoiceDocumentReference>\s*<cbc:ID>INV-0005<\/cbc:ID>/);
    expect(fatalLines(xml, "CN-0001.xml")).toEqual([]);
  });
});

describe("in the contract's language: a German final invoice and a French advance invoice", () => {
  /** pdftotext's words joined by single spaces (it reads a no-break space as a space). */
  const words = (file: string): string => pdfText(file).replace(/\s+/g, " ");
  const issuedIn = async (language: string, number: string): Promise<IssuedInvoice> => {
    const found = (await issueWorkedExample({ "Document language": language })).documents.find((d) => d.number === number);
    if (found === undefined) throw new Error(`no ${number}`);
    return found;
  };
  const validated = async (invoice: IssuedInvoice, name: string): Promise<void> => {
    expect({ name, fatal: fatalLines(toUbl(invoice), `${name}.xml`) }).toEqual({ name, fatal: [] });
    expect({ name, fatal: fatalLines(toUbl(invoice, "xrechnung"), `${name}.xrechnung.xml`, ["--xrechnung"]) }).toEqual({ name, fatal: [] });
    expect({ name, fatal: fatalLines(toCii(invoice), `${name}.cii.xml`, ["--facturx"]) }).toEqual({ name, fatal: [] });
    const facturx = await (await exporterFor("facturx")).generate(invoice, { fonts });
    expect({ name, fatal: fatalLines(facturx, `${name}.facturx.pdf`) }).toEqual({ name, fatal: [] });
  };

  test("the German final invoice: its statement in German on the PDF, and it passes Peppol BIS, XRechnung and Factur-X", async () => {
    const invoice = await issuedIn("Deutsch", "INV-0005");
    expect(invoice.language).toBe("de");
    expect(invoice.result.summary.totalDue).toBe("39705.57");
    const text = words(writeTemp(dir, "INV-0005.de.pdf", await toPdf(invoice, { fonts })));
    for (const expected of [
      "SCHLUSSRECHNUNG", "Gesamtleistung (netto) 300.000,00", "Umsatzsteuer 19 % auf 300.000,00 57.000,00",
      "INV-0001 01.07.2026 30.000,00 5.700,00", "INV-0004 31.10.2026 70.555,56 13.405,56",
      "Abzüglich Abschlagsrechnungen -264.999,99", "Restforderung (EUR) 39.705,57",
    ]) expect(text).toContain(expected);
    expect(text).not.toMatch(/FINAL INVOICE|Balance due|Total contract price/);
    const xml = toUbl(invoice);
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    // The supporting document's listing is for people too: its description and its CSV's headings in German, its figures plain.
    expect(xml).toContain("<cbc:DocumentDescription>Bereits gestellte Abschlagsrechnungen: INV-0001, 01.07.2026: Netto 30.000,00, USt 19\u00a0% 5.700,00; ");
    expect(xml).toContain("Summe: Netto 264.999,99, USt 19\u00a0% 50.350,00.</cbc:DocumentDescription>");
    const embedded = /<cbc:EmbeddedDocumentBinaryObject mimeCode="text\/csv"[^>]*>([^<]*)</.exec(xml)?.[1] ?? "";
    expect(parseCsv(Buffer.from(embedded, "base64").toString("utf8"))[0]).toEqual(["Rechnungsnummer", "Rechnungsdatum", "Netto", "USt 19\u00a0%"]);
    expect(parseCsv(Buffer.from(embedded, "base64").toString("utf8"))[1]).toEqual(["INV-0001", "2026-07-01", "30000.00", "5700.00"]);
    // The notes for people (BT-22) in German too, their figures plain as the e-invoice's data.
    expect(xml).toContain("<cbc:Note>Schlussrechnung: der ganze Auftrag, abzüglich der geltenden Abschlagsrechnungen (aufgeführt im beigefügten Dokument). Auftragssumme bisher 300000.00;");
    expect(toCii(invoice)).toContain("<ram:Content>Geltende frühere Rechnungen: INV-0001, INV-0002, INV-0003, INV-0004.</ram:Content>");
    await validated(invoice, "INV-0005.de");
  });

  test("the French advance invoice: in French on the PDF, 386, and it passes Peppol BIS, XRechnung and Factur-X", async () => {
    const invoice = await issuedIn("Français", "INV-0001");
    expect(invoice.language).toBe("fr");
    const text = words(writeTemp(dir, "INV-0001.fr.pdf", await toPdf(invoice, { fonts })));
    for (const expected of ["FACTURE D’ACOMPTE", "Acompte, 10,00 %", "TVA à 19 % sur 30 000,00 5 700,00", "Net à payer TTC (EUR) 35 700,00"]) expect(text).toContain(expected);
    expect(text).not.toMatch(/ADVANCE INVOICE|Advance payment|Total due/);
    const xml = toUbl(invoice);
    expect(xml).toContain("<cbc:InvoiceTypeCode>386</cbc:InvoiceTypeCode>");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">35700.00</cbc:PayableAmount>');
    expect(xml).toContain("<cbc:Note>Facture d’acompte\u00a0: 30000.00, soit 10.00% du montant du marché de 300000.00, TVA en sus.");
    await validated(invoice, "INV-0001.fr");
  });
});

describe("type codes: one function over the kinds, the setting and the parties", () => {
  const UK: Partial<Party> = { country: "GB", taxId: "GB123456789", electronicAddress: { id: "GB123456789", scheme: "9932" }, city: "Bristol", postCode: "BS1 4DJ" };
  const kinds = ["INV-0001", "INV-0002", "INV-0005"] as const;
  const settings = ["380", "326", "875", "876", "877"] as const;

  test("the matrix", () => {
    const code = (number: string, setting: string, german: boolean): string => {
      const invoice = byNumber(number);
      return invoiceTypeCodeOf({ ...invoice, invoiceTypeCode: setting, supplier: german ? invoice.supplier : { ...invoice.supplier, ...UK } });
    };
    const table = kinds.map((number) => settings.map((setting) => `${code(number, setting, true)}/${code(number, setting, false)}`));
    expect(table).toEqual([
      // advance invoice: always a prepayment invoice
      ["386/386", "386/386", "386/386", "386/386", "386/386"],
      // progress invoice: 326 between German parties only; the construction codes as the client takes them, never the final's 877
      ["380/380", "326/380", "875/875", "876/876", "875/875"],
      // final invoice: a commercial invoice, or the final construction invoice
      ["380/380", "380/380", "877/877", "877/877", "877/877"],
    ]);
  });

  test("each code of the matrix passes the validators, German and cross-border", () => {
    const seen = new Set<string>();
    for (const number of kinds) {
      for (const setting of settings) {
        for (const german of [true, false]) {
          const invoice = byNumber(number);
          const sent: IssuedInvoice = { ...invoice, invoiceTypeCode: setting, supplier: german ? invoice.supplier : { ...invoice.supplier, ...UK } };
          const key = `${number} ${invoiceTypeCodeOf(sent)} ${german ? "DE" : "GB"}`;
          if (seen.has(key)) continue;
          seen.add(key);
          expect({ key, fatal: fatalLines(toUbl(sent), `${key.replace(/\W+/g, "-")}.xml`) }).toEqual({ key, fatal: [] });
        }
      }
    }
    // advance 386 ×2; progress 380 ×2, 326 (German only), 875 ×2, 876 ×2; final 380 ×2, 877 ×2.
    expect(seen.size).toBe(13);
  });

  test("a code the setting cannot hold is a problem at its cell", async () => {
    const { planAdvanceInvoice } = await import("../../src/workbook/plan-advance-invoice");
    const { MemoryWorkbook, emptyState } = await import("../../src/workbook/memory-workbook");
    const { advanceContract } = await import("../support/advance-contract");
    const workbook = new MemoryWorkbook(emptyState());
    await advanceContract(workbook, { "E-invoice type code": "Schlussrechnung" });
    const plan = planAdvanceInvoice(await workbook.read("Milestones"), { date: "2026-07-01" });
    expect(plan).toMatchObject({ ok: false, problems: [{ code: "INVALID_OPTION", sheet: "Contract", message: expect.stringMatching(/E-invoice type code must be 380 or 326 or 875 or 876 or 877/) }] });
  });
});
