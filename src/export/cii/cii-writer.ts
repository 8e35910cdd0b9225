import { formatAmount, type IssuedInvoice, type Party } from "../../core";
import { documentText } from "../../i18n";
import { checkEInvoice } from "../en16931/en16931-checks";
import { applicationNoteOf, billingReferencesOf, en16931FiguresOf, supportingDocumentOf } from "../en16931/en16931-figures";
import { type VatCategory, countryOf, electronicAddressOf, paymentMeansOf, postalAddressOf, vatCategoryOf } from "../en16931/en16931-parties";
import { invoiceTypeCodeOf } from "../en16931/invoice-type-code";
import { type XmlElement, el, writeXml } from "../ubl/xml-writer";

/** BT-24 of an EN 16931 invoice without a CIUS: Factur-X's and ZUGFeRD's "EN 16931" (COMFORT) profile. */
export const CII_GUIDELINE_ID = "urn:cen.eu:en16931:2017";

/** BT-26's date is CII's one qualified data type: declared where it is used, so documents without it are as before. */
const QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

const NS = {
  rsm: "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  ram: "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  udt: "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
};

/**
 * The invoice as a UN/CEFACT Cross Industry Invoice (D16B), EN 16931: the XML that Factur-X and
 * ZUGFeRD embed in the invoice PDF. It states the same figures as the UBL e-invoice (both read
 * en16931FiguresOf), in CII's elements and order; see docs/decisions/0030-factur-x.md.
 */
export function toCii(issued: IssuedInvoice): string {
  const figures = en16931FiguresOf(issued);
  // Plain EN 16931: no electronic address and none of Peppol's national rules (docs/decisions/0030-factur-x.md).
  checkEInvoice(figures.invoice, "en16931");
  const { invoice, lines, taxes } = figures;
  const { result } = invoice;
  const currency = result.currency;
  const isCredit = invoice.kind === "credit note";
  const amount = (value: string): string => formatAmount(value, result.minorUnits);
  const money = (name: string, value: string, withCurrency = false): XmlElement => el(`ram:${name}`, withCurrency ? { currencyID: currency } : undefined, amount(value));
  const date = (name: string, iso: string): XmlElement => el(name, undefined, el("udt:DateTimeString", { format: "102" }, iso.replace(/-/g, "")));
  // A line's category (BT-151, BT-152) states no exemption reason: the breakdown does (BT-120, BT-121).
  const category = (c: VatCategory, withReason: boolean): XmlElement[] => [
    el("ram:CategoryCode", undefined, c.id),
    ...(withReason && c.exemptionReasonCode !== undefined ? [el("ram:ExemptionReasonCode", undefined, c.exemptionReasonCode)] : []),
    el("ram:RateApplicablePercent", undefined, c.percent),
  ];
  const references = billingReferencesOf(invoice);
  const latestReference = references.at(-1);
  const supporting = supportingDocumentOf(invoice);
  const means = isCredit ? undefined : paymentMeansOf(invoice.supplier);

  const doc = el(
    "rsm:CrossIndustryInvoice",
    { "xmlns:rsm": NS.rsm, "xmlns:ram": NS.ram, "xmlns:udt": NS.udt },
    el("rsm:ExchangedDocumentContext", undefined, el("ram:GuidelineSpecifiedDocumentContextParameter", undefined, el("ram:ID", undefined, CII_GUIDELINE_ID))),
    el(
      "rsm:ExchangedDocument", undefined,
      el("ram:ID", undefined, invoice.number),
      el("ram:TypeCode", undefined, invoiceTypeCodeOf(invoice)),
      date("ram:IssueDateTime", invoice.invoiceDate),
      el("ram:IncludedNote", undefined, el("ram:Content", undefined, applicationNoteOf(figures))),
      references.length < 2 ? undefined : el("ram:IncludedNote", undefined, el("ram:Content", undefined, documentText(invoice.language).t("note.earlierInvoices", { invoices: references.map((ref) => ref.id).join(", ") }))),
      // What paying late costs, as the supplier's law asks it said, each with its subject code (BT-21; decision 0037).
      ...figures.latePaymentNotes.map((note) => el("ram:IncludedNote", undefined, el("ram:Content", undefined, note.text), el("ram:SubjectCode", undefined, note.subjectCode))),
    ),
    el(
      "rsm:SupplyChainTradeTransaction", undefined,
      ...lines.map((line) => {
        const shown = amount(line.amount);
        const negative = shown.startsWith("-");
        return el(
          "ram:IncludedSupplyChainTradeLineItem", undefined,
          el("ram:AssociatedDocumentLineDocument", undefined, el("ram:LineID", undefined, line.id), el("ram:IncludedNote", undefined, el("ram:Content", undefined, line.note))),
          el("ram:SpecifiedTradeProduct", undefined, el("ram:SellerAssignedID", undefined, line.id), el("ram:Name", undefined, line.name)),
          // The item price is never negative (BR-27): a line that takes work back has quantity −1.
          el("ram:SpecifiedLineTradeAgreement", undefined, el("ram:NetPriceProductTradePrice", undefined, el("ram:ChargeAmount", undefined, negative ? shown.slice(1) : shown))),
          el("ram:SpecifiedLineTradeDelivery", undefined, el("ram:BilledQuantity", { unitCode: "C62" }, negative ? "-1" : "1")),
          el(
            "ram:SpecifiedLineTradeSettlement", undefined,
            el("ram:ApplicableTradeTax", undefined, el("ram:TypeCode", undefined, "VAT"), ...category(vatCategoryOf(invoice, line.rate), false)),
            el("ram:SpecifiedTradeSettlementLineMonetarySummation", undefined, money("LineTotalAmount", line.amount)),
          ),
        );
      }),
      el(
        "ram:ApplicableHeaderTradeAgreement", undefined,
        el("ram:BuyerReference", undefined, invoice.buyerReference || invoice.purchaseOrder || invoice.contractReference || invoice.number),
        tradeParty("ram:SellerTradeParty", invoice.supplier),
        tradeParty("ram:BuyerTradeParty", invoice.client),
        invoice.purchaseOrder === "" ? undefined : el("ram:BuyerOrderReferencedDocument", undefined, el("ram:IssuerAssignedID", undefined, invoice.purchaseOrder)),
        invoice.contractReference === "" ? undefined : el("ram:ContractReferencedDocument", undefined, el("ram:IssuerAssignedID", undefined, invoice.contractReference)),
        // BG-24: a final invoice's listing of the partial invoices it deducts (916: a reference document).
        supporting === undefined ? undefined : el(
          "ram:AdditionalReferencedDocument", undefined,
          el("ram:IssuerAssignedID", undefined, supporting.id),
          el("ram:TypeCode", undefined, "916"),
          el("ram:Name", undefined, supporting.description),
          el("ram:AttachmentBinaryObject", { mimeCode: supporting.mimeCode, filename: supporting.filename }, supporting.content),
        ),
      ),
      el("ram:ApplicableHeaderTradeDelivery", undefined),
      el(
        "ram:ApplicableHeaderTradeSettlement", undefined,
        el("ram:InvoiceCurrencyCode", undefined, currency),
        // BG-16: the supplier's account, for an invoice (a credit note is settled the other way).
        means === undefined ? undefined : el(
          "ram:SpecifiedTradeSettlementPaymentMeans", undefined,
          el("ram:TypeCode", undefined, means.code),
          el("ram:Information", undefined, means.name),
          el("ram:PayeePartyCreditorFinancialAccount", undefined, el("ram:IBANID", undefined, means.iban)),
          means.bic === "" ? undefined : el("ram:PayeeSpecifiedCreditorFinancialInstitution", undefined, el("ram:BICID", undefined, means.bic)),
        ),
        ...taxes.map((t) => el(
          "ram:ApplicableTradeTax", undefined,
          money("CalculatedAmount", t.tax),
          el("ram:TypeCode", undefined, "VAT"),
          t.category.exemptionReason === undefined ? undefined : el("ram:ExemptionReason", undefined, t.category.exemptionReason),
          money("BasisAmount", t.taxableAmount),
          ...category(t.category, true),
        )),
        el("ram:BillingSpecifiedPeriod", undefined, date("ram:StartDateTime", invoice.periodStart), date("ram:EndDateTime", invoice.periodEnd)),
        // BR-CO-25 wants a due date for any positive amount due, a credit note's too; its terms are the invoice's.
        el(
          "ram:SpecifiedTradePaymentTerms", undefined,
          isCredit ? undefined : text("ram:Description", invoice.paymentTerms),
          date("ram:DueDateDateTime", invoice.dueDate),
        ),
        el(
          "ram:SpecifiedTradeSettlementHeaderMonetarySummation", undefined,
          money("LineTotalAmount", figures.lineTotal),
          money("TaxBasisTotalAmount", figures.lineTotal),
          // BT-110 is the one amount CII states with its currency (EN 16931's CII binding requires it there).
          money("TaxTotalAmount", figures.taxTotal, true),
          money("GrandTotalAmount", figures.taxInclusive),
          money("TotalPrepaidAmount", figures.prepaid),
          money("DuePayableAmount", figures.payable),
        ),
        // CII D16B holds one preceding invoice (BG-3): the latest; the note names them all.
        latestReference === undefined ? undefined : el(
          "ram:InvoiceReferencedDocument", undefined,
          el("ram:IssuerAssignedID", undefined, latestReference.id),
          latestReference.issueDate === undefined ? undefined : el("ram:FormattedIssueDateTime", undefined, el("qdt:DateTimeString", { "xmlns:qdt": QDT, format: "102" }, latestReference.issueDate.replace(/-/g, ""))),
        ),
      ),
    ),
  );
  return writeXml(doc);
}

/** An element for a text that may be blank: left out when it is. */
function text(name: string, value: string): XmlElement | undefined {
  return value.trim() === "" ? undefined : el(name, undefined, value);
}

/** BG-4/BG-7: name, contact (BG-6), postal address, electronic address and VAT number of a party. */
function tradeParty(name: string, p: Party): XmlElement {
  const address = postalAddressOf(p);
  const country = countryOf(p);
  const endpoint = electronicAddressOf(p);
  const { contact } = p;
  const hasContact = contact.name !== "" || contact.phone !== "" || contact.email !== "";
  return el(
    name, undefined,
    el("ram:Name", undefined, p.name),
    hasContact
      ? el(
        "ram:DefinedTradeContact", undefined,
        text("ram:PersonName", contact.name),
        contact.phone === "" ? undefined : el("ram:TelephoneUniversalCommunication", undefined, el("ram:CompleteNumber", undefined, contact.phone)),
        contact.email === "" ? undefined : el("ram:EmailURIUniversalCommunication", undefined, el("ram:URIID", undefined, contact.email)),
      )
      : undefined,
    el(
      "ram:PostalTradeAddress", undefined,
      text("ram:PostcodeCode", address.postCode),
      text("ram:LineOne", address.street),
      text("ram:LineTwo", address.additional),
      text("ram:CityName", address.city),
      country === undefined ? undefined : el("ram:CountryID", undefined, country),
    ),
    endpoint === undefined ? undefined : el("ram:URIUniversalCommunication", undefined, el("ram:URIID", { schemeID: endpoint.scheme }, endpoint.id)),
    p.taxId === "" ? undefined : el("ram:SpecifiedTaxRegistration", undefined, el("ram:ID", { schemeID: "VA" }, p.taxId.replace(/\s/g, ""))),
  );
}
