import { Dec, addAmounts, formatAmount, subtractAmount, type ContractSummary, type IssuedInvoice, type Party } from "../../core";
import { ExportError } from "../export-error";
import type { Exporter } from "../exporter";
import { type EInvoiceProfile, checkEInvoice, countryOf, electronicAddressOf, paymentMeansOf, postalAddressOf, typeCodeOf, vatCategoryOf } from "./en16931";
import { type XmlElement, el, writeXml } from "./xml-writer";

export const CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
export const XRECHNUNG_CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
export const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
const NS = {
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

/**
 * The invoice as an EN 16931 e-invoice in UBL 2.1, Peppol BIS Billing 3.0. The mapping, field
 * by field, and why retention and advance recovery are stated as the paid amount (BT-113)
 * rather than as allowances, is in docs/decisions/0011-e-invoice-ubl.md.
 */
export const ublExporter: Exporter = {
  format: "xml",
  mimeType: "application/xml",
  extension: "xml",
  // async, so that a draft refused by toUbl is a rejected promise like any other failure.
  async generate(invoice) {
    await Promise.resolve();
    return new TextEncoder().encode(toUbl(invoice));
  },
};

/** The same document under the German CIUS, XRechnung 3.0: stricter about what the contract states. */
export const xrechnungExporter: Exporter = {
  format: "xrechnung",
  mimeType: "application/xml",
  // Beside the Peppol XML of the same invoice: INV-0001.xrechnung.xml.
  extension: "xrechnung.xml",
  async generate(invoice) {
    await Promise.resolve();
    return new TextEncoder().encode(toUbl(invoice, "xrechnung"));
  },
};

interface UblLine {
  id: string;
  name: string;
  note: string;
  amount: string;
  rate: string;
}

export function toUbl(issued: IssuedInvoice, profile: EInvoiceProfile = "peppol"): string {
  if (issued.kind === "draft") {
    throw new ExportError("DRAFT_NOT_EXPORTABLE", `${issued.number} is a draft: issue it before sending it as an e-invoice.`);
  }
  checkEInvoice(issued, profile);
  const invoice = statedPositive(issued);
  const { result } = invoice;
  const mu = result.minorUnits;
  const currency = result.currency;
  const isCredit = invoice.kind === "credit note";
  const amount = (value: string): string => formatAmount(value, mu);
  const money = (name: string, value: string): XmlElement => el(`cbc:${name}`, { currencyID: currency }, amount(value));

  const lines = ublLines(invoice);
  const lineTotal = addAmounts(lines.map((l) => l.amount));
  const taxTotal = addAmounts(result.taxBreakdown.map((t) => t.tax));
  const taxInclusive = addAmounts([lineTotal, taxTotal]);
  const prepaid = subtractAmount(taxInclusive, result.summary.totalDue);
  const hasPrepaid = !new Dec(prepaid).isZero();
  const root = isCredit ? "CreditNote" : "Invoice";
  const lineName = isCredit ? "CreditNoteLine" : "InvoiceLine";

  const doc = el(
    root,
    { xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`, "xmlns:cac": NS.cac, "xmlns:cbc": NS.cbc },
    el("cbc:CustomizationID", undefined, profile === "xrechnung" ? XRECHNUNG_CUSTOMIZATION_ID : CUSTOMIZATION_ID),
    el("cbc:ProfileID", undefined, PROFILE_ID),
    el("cbc:ID", undefined, invoice.number),
    el("cbc:IssueDate", undefined, invoice.invoiceDate),
    isCredit ? undefined : el("cbc:DueDate", undefined, invoice.dueDate),
    el(isCredit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", undefined, typeCodeOf(invoice)),
    el("cbc:Note", undefined, applicationNote(invoice, prepaid)),
    el("cbc:DocumentCurrencyCode", undefined, currency),
    el("cbc:BuyerReference", undefined, invoice.buyerReference || invoice.purchaseOrder || invoice.contractReference || invoice.number),
    el("cac:InvoicePeriod", undefined, el("cbc:StartDate", undefined, invoice.periodStart), el("cbc:EndDate", undefined, invoice.periodEnd)),
    invoice.purchaseOrder === "" ? undefined : el("cac:OrderReference", undefined, el("cbc:ID", undefined, invoice.purchaseOrder)),
    ...billingReferences(invoice).map((id) => el("cac:BillingReference", undefined, el("cac:InvoiceDocumentReference", undefined, el("cbc:ID", undefined, id)))),
    invoice.contractReference === "" ? undefined : el("cac:ContractDocumentReference", undefined, el("cbc:ID", undefined, invoice.contractReference)),
    el("cac:AccountingSupplierParty", undefined, party(invoice.supplier)),
    el("cac:AccountingCustomerParty", undefined, party(invoice.client)),
    paymentMeans(invoice),
    isCredit || invoice.paymentTerms === "" ? undefined : el("cac:PaymentTerms", undefined, el("cbc:Note", undefined, invoice.paymentTerms)),
    el(
      "cac:TaxTotal", undefined,
      money("TaxAmount", taxTotal),
      ...result.taxBreakdown.map((t) => el("cac:TaxSubtotal", undefined, money("TaxableAmount", t.taxableAmount), money("TaxAmount", t.tax), taxCategory("cac:TaxCategory", t.rate, true))),
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
    const category = vatCategoryOf(invoice.vatTreatment, rate);
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
 * The invoice lines: each G703 line bills its work this period (E); where a rate's taxable
 * amount differs from its lines' E (materials stored or installed from store this period, or a
 * tax base on the payment), one more line per rate carries the difference, so that the lines add
 * up to the taxable amounts exactly as the core computed them (BR-CO-10, BR-S-08).
 */
export function ublLines(invoice: IssuedInvoice): UblLine[] {
  const { result } = invoice;
  const lines: UblLine[] = result.lines.map((line) => ({
    id: line.id,
    name: line.description || line.id,
    note: `Scheduled value ${line.scheduledValue}; completed and stored to date ${line.completedAndStoredToDate} (${new Dec(line.percentComplete).times(100).toFixed(2)}%); this period ${line.thisPeriod}.`,
    amount: line.thisPeriod,
    rate: line.taxRate,
  }));
  for (const tax of result.taxBreakdown) {
    const work = addAmounts(result.lines.filter((l) => new Dec(l.taxRate).equals(tax.rate)).map((l) => l.thisPeriod));
    const difference = formatAmount(subtractAmount(tax.taxableAmount, work), result.minorUnits);
    if (new Dec(difference).isZero()) continue;
    const percent = new Dec(tax.rate).times(100).toString();
    lines.push({
      id: `ADJ-${percent}`,
      name: `Materials stored and other changes to the tax base this period, ${percent}%`,
      note: `Taxable amount at ${percent}% (${tax.taxableAmount}) less the work completed this period at that rate (${work}).`,
      amount: difference,
      rate: tax.rate,
    });
  }
  return lines;
}

/**
 * A credit note states what it credits as positive amounts (the document type says it is a
 * credit); figures handed over negated, as the billing log keeps a credit, are turned round.
 */
function statedPositive(invoice: IssuedInvoice): IssuedInvoice {
  const { result } = invoice;
  if (invoice.kind !== "credit note" || !result.summary.totalDue.startsWith("-")) return invoice;
  const negate = (amount: string): string => formatAmount(subtractAmount("0", amount), result.minorUnits);
  const summary = { ...result.summary };
  for (const key of Object.keys(summary) as (keyof ContractSummary)[]) summary[key] = negate(summary[key]);
  return {
    ...invoice,
    result: {
      ...result, summary,
      lines: result.lines.map((line) => ({ ...line, thisPeriod: negate(line.thisPeriod) })),
      taxBreakdown: result.taxBreakdown.map((t) => ({ ...t, taxableAmount: negate(t.taxableAmount), tax: negate(t.tax) })),
    },
  };
}

/** A credit note references the invoice it cancels; an invoice, the contract's earlier invoices in force. */
function billingReferences(invoice: IssuedInvoice): string[] {
  if (invoice.kind === "credit note") return invoice.credits === undefined ? [] : [invoice.credits];
  return invoice.precedingInvoices.filter((n) => n !== invoice.number);
}

/** BT-22: how the amount due follows from the tax-inclusive total, in the application's own terms. */
function applicationNote(invoice: IssuedInvoice, prepaid: string): string {
  const s = invoice.result.summary;
  const mu = invoice.result.minorUnits;
  const retention = formatAmount(subtractAmount(prepaid, s.advanceRecovery), mu);
  const kind = invoice.kind === "credit note" ? `Credit note cancelling ${invoice.credits ?? "an earlier invoice"}.` : "Interim (progress) application for payment.";
  return [
    kind,
    `Contract sum to date ${s.contractSumToDate}; completed and stored to date ${s.totalCompletedAndStoredToDate}; total retention held ${s.totalRetention}; previous certificates ${s.previousCertificates}; current payment due ${s.currentPaymentDue}.`,
    `Retention and advance recovery do not reduce the taxable amount: the paid amount (${formatAmount(prepaid, mu)}) is retention withheld this application net of retention released (${retention}) plus advance payment recovered (${s.advanceRecovery}).`,
  ].join(" ");
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
    el("cac:PartyLegalEntity", undefined, el("cbc:RegistrationName", undefined, p.name)),
    contact.name === "" && contact.phone === "" && contact.email === ""
      ? undefined
      : el("cac:Contact", undefined, text("Name", contact.name), text("Telephone", contact.phone), text("ElectronicMail", contact.email)),
  );
}
