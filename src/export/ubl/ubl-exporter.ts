import { Dec, formatAmount, type IssuedInvoice, type Party } from "../../core";
import { type EInvoiceProfile, checkEInvoice } from "../en16931/en16931-checks";
import { applicationNoteOf, billingReferencesOf, en16931FiguresOf, supportingDocumentOf } from "../en16931/en16931-figures";
import { countryOf, electronicAddressOf, legalRegistrationOf, paymentMeansOf, postalAddressOf, vatCategoryOf } from "../en16931/en16931-parties";
import { invoiceTypeCodeOf } from "../en16931/invoice-type-code";
import type { Exporter } from "../exporter";
import { type XmlElement, el, writeXml } from "./xml-writer";

export const CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
export const XRECHNUNG_CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
export const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
const NS = {
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

/**
 * The invoice as an EN 16931 e-invoice in UBL 2.1, Peppol BIS Billing 3.0 (`xml`), or the same
 * document under the German CIUS, XRechnung 3.0 (`xrechnung`, stricter about what the contract
 * states, written beside it as INV-0001.xrechnung.xml). The mapping, field by field, and why
 * retention and advance recovery are stated as the paid amount (BT-113) rather than as
 * allowances, is in docs/decisions/0011-e-invoice-ubl.md.
 */
export const ublExporter = ublExporterOf("xml", "xml", "peppol");
export const xrechnungExporter = ublExporterOf("xrechnung", "xrechnung.xml", "xrechnung");

function ublExporterOf(format: "xml" | "xrechnung", extension: string, profile: "peppol" | "xrechnung"): Exporter {
  return {
    format,
    mimeType: "application/xml",
    extension,
    // async, so that a draft refused by toUbl is a rejected promise like any other failure.
    async generate(invoice) {
      await Promise.resolve();
      return new TextEncoder().encode(toUbl(invoice, profile));
    },
  };
}

/** UBL is written for Peppol and XRechnung; plain EN 16931 goes out as CII, inside Factur-X. */
export function toUbl(issued: IssuedInvoice, profile: Exclude<EInvoiceProfile, "en16931"> = "peppol"): string {
  const figures = en16931FiguresOf(issued);
  const { invoice, lines, lineTotal, taxTotal, taxInclusive, prepaid } = figures;
  checkEInvoice(invoice, profile);
  const { result } = invoice;
  const mu = result.minorUnits;
  const currency = result.currency;
  const isCredit = invoice.kind === "credit note";
  const amount = (value: string): string => formatAmount(value, mu);
  const money = (name: string, value: string): XmlElement => el(`cbc:${name}`, { currencyID: currency }, amount(value));

  const hasPrepaid = !new Dec(prepaid).isZero();
  const supporting = supportingDocumentOf(invoice);
  const root = isCredit ? "CreditNote" : "Invoice";
  const lineName = isCredit ? "CreditNoteLine" : "InvoiceLine";
  // The late-payment mentions (decision 0037): BT-21 has no element in UBL, so the CEN binding
  // writes the subject code before the note's text, "#PMD#…". Peppol BIS allows one note
  // (PEPPOL-EN16931-R002, fatal unless both parties are German): there they go into the payment
  // terms instead (BT-20, "including description of possible penalties"), a line each.
  const notesInTerms = profile === "peppol";
  const codedNotes = notesInTerms ? [] : figures.latePaymentNotes;
  const paymentTerms = isCredit ? [] : [invoice.paymentTerms, ...(notesInTerms ? figures.latePaymentNotes.map((note) => note.text) : [])].filter((text) => text !== "");

  const doc = el(
    root,
    { xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`, "xmlns:cac": NS.cac, "xmlns:cbc": NS.cbc },
    el("cbc:CustomizationID", undefined, profile === "xrechnung" ? XRECHNUNG_CUSTOMIZATION_ID : CUSTOMIZATION_ID),
    el("cbc:ProfileID", undefined, PROFILE_ID),
    el("cbc:ID", undefined, invoice.number),
    el("cbc:IssueDate", undefined, invoice.invoiceDate),
    isCredit ? undefined : el("cbc:DueDate", undefined, invoice.dueDate),
    el(isCredit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", undefined, invoiceTypeCodeOf(invoice)),
    el("cbc:Note", undefined, applicationNoteOf(figures)),
    ...codedNotes.map((note) => el("cbc:Note", undefined, `#${note.subjectCode}#${note.text}`)),
    el("cbc:DocumentCurrencyCode", undefined, currency),
    el("cbc:BuyerReference", undefined, invoice.buyerReference || invoice.purchaseOrder || invoice.contractReference || invoice.number),
    el("cac:InvoicePeriod", undefined, el("cbc:StartDate", undefined, invoice.periodStart), el("cbc:EndDate", undefined, invoice.periodEnd)),
    invoice.purchaseOrder === "" ? undefined : el("cac:OrderReference", undefined, el("cbc:ID", undefined, invoice.purchaseOrder)),
    ...billingReferencesOf(invoice).map((ref) => el(
      "cac:BillingReference", undefined,
      el("cac:InvoiceDocumentReference", undefined, el("cbc:ID", undefined, ref.id), ref.issueDate === undefined ? undefined : el("cbc:IssueDate", undefined, ref.issueDate)),
    )),
    invoice.contractReference === "" ? undefined : el("cac:ContractDocumentReference", undefined, el("cbc:ID", undefined, invoice.contractReference)),
    supporting === undefined ? undefined : el(
      "cac:AdditionalDocumentReference", undefined,
      el("cbc:ID", undefined, supporting.id),
      el("cbc:DocumentDescription", undefined, supporting.description),
      el("cac:Attachment", undefined, el("cbc:EmbeddedDocumentBinaryObject", { mimeCode: supporting.mimeCode, filename: supporting.filename }, supporting.content)),
    ),
    el("cac:AccountingSupplierParty", undefined, party(invoice.supplier)),
    el("cac:AccountingCustomerParty", undefined, party(invoice.client)),
    paymentMeans(invoice),
    paymentTerms.length === 0 ? undefined : el("cac:PaymentTerms", undefined, el("cbc:Note", undefined, paymentTerms.join("\n"))),
    el(
      "cac:TaxTotal", undefined,
      money("TaxAmount", taxTotal),
      ...figures.taxes.map((t) => el("cac:TaxSubtotal", undefined, money("TaxableAmount", t.taxableAmount), money("TaxAmount", t.tax), taxCategory("cac:TaxCategory", t.rate, true))),
    ),
    el(
      "cac:LegalMonetaryTotal", undefined,
      money("LineExtensionAmount", lineTotal),
      money("TaxExclusiveAmount", lineTotal),
      money("TaxInclusiveAmount", taxInclusive),
      hasPrepaid ? money("PrepaidAmount", prepaid) : undefined,
      money("PayableAmount", result.summary.totalDue),
    ),
    ...lines.map((line) => {
      const shown = amount(line.amount);
      const negative = shown.startsWith("-");
      return el(
        `cac:${lineName}`, undefined,
        el("cbc:ID", undefined, line.id),
        el("cbc:Note", undefined, line.note),
        // The item price is never negative (BR-27): a line that takes work back has quantity −1.
        el(isCredit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", { unitCode: "C62" }, negative ? "-1" : "1"),
        money("LineExtensionAmount", line.amount),
        el("cac:Item", undefined, el("cbc:Name", undefined, line.name), el("cac:SellersItemIdentification", undefined, el("cbc:ID", undefined, line.id)), taxCategory("cac:ClassifiedTaxCategory", line.rate)),
        el("cac:Price", undefined, el("cbc:PriceAmount", { currencyID: currency }, negative ? shown.slice(1) : shown)),
      );
    }),
  );
  return writeXml(doc);

  /** BT-118..BT-121 in the breakdown; a line's category (BT-151, BT-152) states no exemption reason. */
  function taxCategory(name: string, rate: string, withReason = false): XmlElement {
    const category = vatCategoryOf(invoice, rate);
    return el(
      name, undefined,
      el("cbc:ID", undefined, category.id),
      el("cbc:Percent", undefined, category.percent),
      withReason && category.exemptionReasonCode !== undefined ? el("cbc:TaxExemptionReasonCode", undefined, category.exemptionReasonCode) : undefined,
      withReason && category.exemptionReason !== undefined ? el("cbc:TaxExemptionReason", undefined, category.exemptionReason) : undefined,
      el("cac:TaxScheme", undefined, el("cbc:ID", undefined, "VAT")),
    );
  }
}

/**
 * BG-16: an invoice is paid by transfer to the supplier's account; a credit note is settled by
 * clearing between the parties (UNTDID 4461 code 97), against what the buyer owes on the contract.
 */
function paymentMeans(invoice: IssuedInvoice): XmlElement | undefined {
  if (invoice.kind === "credit note") return el("cac:PaymentMeans", undefined, el("cbc:PaymentMeansCode", { name: "Clearing between partners" }, "97"));
  const means = paymentMeansOf(invoice.supplier);
  if (means === undefined) return undefined;
  return el(
    "cac:PaymentMeans", undefined,
    el("cbc:PaymentMeansCode", { name: means.name }, means.code),
    el("cbc:PaymentID", undefined, invoice.number),
    el(
      "cac:PayeeFinancialAccount", undefined,
      el("cbc:ID", undefined, means.iban),
      el("cbc:Name", undefined, invoice.supplier.name),
      means.bic === "" ? undefined : el("cac:FinancialInstitutionBranch", undefined, el("cbc:ID", undefined, means.bic)),
    ),
  );
}

function party(p: Party): XmlElement {
  const endpoint = electronicAddressOf(p);
  const registration = legalRegistrationOf(p);
  const country = countryOf(p);
  const address = postalAddressOf(p);
  const text = (name: string, value: string): XmlElement | undefined => (value.trim() === "" ? undefined : el(`cbc:${name}`, undefined, value));
  const { contact } = p;
  return el(
    "cac:Party", undefined,
    endpoint === undefined ? undefined : el("cbc:EndpointID", { schemeID: endpoint.scheme }, endpoint.id),
    el("cac:PartyName", undefined, el("cbc:Name", undefined, p.name)),
    el(
      "cac:PostalAddress", undefined,
      text("StreetName", address.street),
      text("AdditionalStreetName", address.additional),
      text("CityName", address.city),
      text("PostalZone", address.postCode),
      country === undefined ? undefined : el("cac:Country", undefined, el("cbc:IdentificationCode", undefined, country)),
    ),
    p.taxId === "" ? undefined : el("cac:PartyTaxScheme", undefined, el("cbc:CompanyID", undefined, p.taxId), el("cac:TaxScheme", undefined, el("cbc:ID", undefined, "VAT"))),
    el("cac:PartyLegalEntity", undefined, el("cbc:RegistrationName", undefined, p.name), registration === undefined ? undefined : el("cbc:CompanyID", { schemeID: registration.scheme }, registration.id)),
    contact.name === "" && contact.phone === "" && contact.email === ""
      ? undefined
      : el("cac:Contact", undefined, text("Name", contact.name), text("Telephone", contact.phone), text("ElectronicMail", contact.email)),
  );
}
