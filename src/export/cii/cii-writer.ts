import { formatAmount, type IssuedInvoice, type Party } from "../../core";
import {
  applicationNoteOf, billingReferencesOf, electronicAddressOf, en16931FiguresOf, percentOfRate, postalAddressOf, vatCategoryOf, type VatCategory,
} from "../en16931/en16931-figures";
import { type XmlElement, el, writeXml } from "../ubl/xml-writer";

/** BT-24 of an EN 16931 invoice without a CIUS: Factur-X's and ZUGFeRD's "EN 16931" (COMFORT) profile. */
export const CII_GUIDELINE_ID = "urn:cen.eu:en16931:2017";

const NS = {
  rsm: "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  ram: "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  udt: "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
  qdt: "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
};

/**
 * The invoice as a UN/CEFACT Cross Industry Invoice (D16B), EN 16931: the XML that Factur-X and
 * ZUGFeRD embed in the invoice PDF. It states the same figures as the UBL e-invoice (both read
 * en16931FiguresOf), in CII's elements and order; see docs/decisions/0030-factur-x.md.
 */
export function toCii(issued: IssuedInvoice): string {
  const figures = en16931FiguresOf(issued);
  const { invoice, lines, taxes } = figures;
  const { result } = invoice;
  const currency = result.currency;
  const isCredit = invoice.kind === "credit note";
  const amount = (value: string): string => formatAmount(value, result.minorUnits);
  const money = (name: string, value: string, withCurrency = false): XmlElement => el(`ram:${name}`, withCurrency ? { currencyID: currency } : undefined, amount(value));
  const date = (name: string, iso: string): XmlElement => el(name, undefined, el("udt:DateTimeString", { format: "102" }, iso.replace(/-/g, "")));
  const text = (name: string, value: string): XmlElement | undefined => (value === "" ? undefined : el(name, undefined, value));
  const category = (c: VatCategory, rate: string): XmlElement[] => [
    el("ram:CategoryCode", undefined, c.code),
    ...(c.exemptionReasonCode === undefined ? [] : [el("ram:ExemptionReasonCode", undefined, c.exemptionReasonCode)]),
    el("ram:RateApplicablePercent", undefined, percentOfRate(rate)),
  ];
  const bank = invoice.supplier.bank;

  const doc = el(
    "rsm:CrossIndustryInvoice",
    { "xmlns:rsm": NS.rsm, "xmlns:ram": NS.ram, "xmlns:udt": NS.udt, "xmlns:qdt": NS.qdt },
    el("rsm:ExchangedDocumentContext", undefined, el("ram:GuidelineSpecifiedDocumentContextParameter", undefined, el("ram:ID", undefined, CII_GUIDELINE_ID))),
    el(
      "rsm:ExchangedDocument", undefined,
      el("ram:ID", undefined, invoice.number),
      el("ram:TypeCode", undefined, isCredit ? "381" : invoice.invoiceTypeCode),
      date("ram:IssueDateTime", invoice.invoiceDate),
      el("ram:IncludedNote", undefined, el("ram:Content", undefined, applicationNoteOf(figures))),
    ),
    el(
      "rsm:SupplyChainTradeTransaction", undefined,
      ...lines.map((line) => {
        const shown = amount(line.amount);
        const negative = shown.startsWith("-");
        const c = vatCategoryOf(invoice.vatTreatment, line.rate);
        return el(
          "ram:IncludedSupplyChainTradeLineItem", undefined,
          el("ram:AssociatedDocumentLineDocument", undefined, el("ram:LineID", undefined, line.id), el("ram:IncludedNote", undefined, el("ram:Content", undefined, line.note))),
          el("ram:SpecifiedTradeProduct", undefined, el("ram:SellerAssignedID", undefined, line.id), el("ram:Name", undefined, line.name)),
          // The item price is never negative (BR-27): a line that takes work back has quantity −1.
          el("ram:SpecifiedLineTradeAgreement", undefined, el("ram:NetPriceProductTradePrice", undefined, el("ram:ChargeAmount", undefined, negative ? shown.slice(1) : shown))),
          el("ram:SpecifiedLineTradeDelivery", undefined, el("ram:BilledQuantity", { unitCode: "C62" }, negative ? "-1" : "1")),
          el(
            "ram:SpecifiedLineTradeSettlement", undefined,
            el("ram:ApplicableTradeTax", undefined, el("ram:TypeCode", undefined, "VAT"), ...category(c, line.rate)),
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
      ),
      el("ram:ApplicableHeaderTradeDelivery", undefined),
      el(
        "ram:ApplicableHeaderTradeSettlement", undefined,
        el("ram:InvoiceCurrencyCode", undefined, currency),
        bank === undefined || bank.iban === "" ? undefined : el(
          "ram:SpecifiedTradeSettlementPaymentMeans", undefined,
          // 58: SEPA credit transfer (UNTDID 4461), to the supplier's account.
          el("ram:TypeCode", undefined, "58"),
          el("ram:PayeePartyCreditorFinancialAccount", undefined, el("ram:IBANID", undefined, bank.iban.replace(/\s/g, ""))),
          bank.bic === "" ? undefined : el("ram:PayeeSpecifiedCreditorFinancialInstitution", undefined, el("ram:BICID", undefined, bank.bic)),
        ),
        ...taxes.map((t) => el(
          "ram:ApplicableTradeTax", undefined,
          money("CalculatedAmount", t.tax),
          el("ram:TypeCode", undefined, "VAT"),
          t.category.exemptionReason === undefined ? undefined : el("ram:ExemptionReason", undefined, t.category.exemptionReason),
          money("BasisAmount", t.taxableAmount),
          ...category(t.category, t.rate),
        )),
        el("ram:BillingSpecifiedPeriod", undefined, date("ram:StartDateTime", invoice.periodStart), date("ram:EndDateTime", invoice.periodEnd)),
        isCredit ? undefined : el(
          "ram:SpecifiedTradePaymentTerms", undefined,
          text("ram:Description", invoice.paymentTerms),
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
        ...billingReferencesOf(invoice).map((id) => el("ram:InvoiceReferencedDocument", undefined, el("ram:IssuerAssignedID", undefined, id))),
      ),
    ),
  );
  return writeXml(doc);
}

/** BG-4/BG-7: name, contact (BG-6), postal address, electronic address and VAT number of a party. */
function tradeParty(name: string, p: Party): XmlElement {
  const address = postalAddressOf(p);
  const endpoint = electronicAddressOf(p);
  const { contact } = p;
  const hasContact = contact.name !== "" || contact.phone !== "" || contact.email !== "";
  return el(
    name, undefined,
    el("ram:Name", undefined, p.name),
    hasContact
      ? el(
        "ram:DefinedTradeContact", undefined,
        contact.name === "" ? undefined : el("ram:PersonName", undefined, contact.name),
        contact.phone === "" ? undefined : el("ram:TelephoneUniversalCommunication", undefined, el("ram:CompleteNumber", undefined, contact.phone)),
        contact.email === "" ? undefined : el("ram:EmailURIUniversalCommunication", undefined, el("ram:URIID", undefined, contact.email)),
      )
      : undefined,
    el(
      "ram:PostalTradeAddress", undefined,
      address.postCode === "" ? undefined : el("ram:PostcodeCode", undefined, address.postCode),
      address.lines[0] === undefined ? undefined : el("ram:LineOne", undefined, address.lines[0]),
      address.lines[1] === undefined ? undefined : el("ram:LineTwo", undefined, address.lines[1]),
      address.city === "" ? undefined : el("ram:CityName", undefined, address.city),
      address.country === undefined ? undefined : el("ram:CountryID", undefined, address.country),
    ),
    endpoint === undefined ? undefined : el("ram:URIUniversalCommunication", undefined, el("ram:URIID", { schemeID: endpoint.scheme }, endpoint.id)),
    p.taxId === "" ? undefined : el("ram:SpecifiedTaxRegistration", undefined, el("ram:ID", { schemeID: "VA" }, p.taxId.replace(/\s/g, ""))),
  );
}
