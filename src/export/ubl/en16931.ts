import { Dec, type IssuedInvoice, type Party, type VatTreatment } from "../../core";
import { ExportError } from "../export-error";

/**
 * What an EN 16931 e-invoice says beyond the figures, whatever its syntax (UBL here, CII for
 * Factur-X): the parties' countries and electronic addresses, the VAT category of the contract's
 * treatment, the document type, and what the contract must hold before such an invoice is made.
 * docs/decisions/0011-e-invoice-ubl.md gives the reasons.
 */

/** The EN 16931 profiles Interim writes: Peppol BIS Billing 3.0, and the German XRechnung 3.0 CIUS. */
export type EInvoiceProfile = "peppol" | "xrechnung";

/** The contract settings an e-invoice refusal points to (the Contract sheet's Setting column). */
export const SETTING = {
  currency: "Currency",
  taxRate: "Tax rate",
  vatTreatment: "VAT treatment",
  buyerReference: "Buyer reference",
  supplierIban: "Supplier IBAN",
} as const;

type Role = "Supplier" | "Client";

/**
 * Electronic address schemes (EAS) for a VAT number, by its prefix: every "... VAT number" scheme
 * of the Peppol EAS code list (as Peppol BIS 3.0.21 checks it, PEPPOL-EN16931-CL008); Greece's
 * VAT ids start with EL. Countries without one (Denmark, Finland, Sweden among them) need the
 * party's electronic address.
 */
const VAT_SCHEMES: Record<string, string> = {
  AD: "9922", AL: "9923", AT: "9914", BA: "9924", BE: "9925", BG: "9926", CH: "9927", CY: "9928", CZ: "9929", DE: "9930", EE: "9931",
  EL: "9933", GR: "9933", ES: "9920", FR: "9957", GB: "9932", HR: "9934", HU: "9910", IE: "9935", IT: "0211", LI: "9936", LT: "9937",
  LU: "9938", LV: "9939", MC: "9940", ME: "9941", MK: "9942", MT: "9943", NL: "9944", PL: "9945", PT: "9946", RO: "9947", RS: "9948",
  SI: "9949", SK: "9950", SM: "9951", TR: "9952", VA: "9953",
};

/** The countries of the SEPA scheme (EPC list), where a transfer to an IBAN is a SEPA credit transfer (UNTDID 4461 code 58). */
const SEPA = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
  "IS", "LI", "NO", "CH", "GB", "MC", "SM", "VA", "AD",
]);

const compact = (text: string): string => text.replace(/\s/g, "").toUpperCase();

/** The two letters a VAT id starts with, as a country (EL, Greece's VAT prefix, is GR); undefined without them. */
function vatCountry(taxId: string): string | undefined {
  const prefix = /^([A-Z]{2})/.exec(compact(taxId))?.[1];
  return prefix === "EL" ? "GR" : prefix;
}

/** BT-40/BT-55: the party's country, else its VAT id's prefix. */
export function countryOf(party: Party): string | undefined {
  return party.country !== "" ? party.country.toUpperCase() : vatCountry(party.taxId);
}

/** BT-34/BT-49: the party's electronic address, else its VAT id where Peppol has a scheme for the country. */
export function electronicAddressOf(party: Party): { id: string; scheme: string } | undefined {
  if (party.electronicAddress !== undefined && party.electronicAddress.id.trim() !== "") return party.electronicAddress;
  const country = /^([A-Z]{2})/.exec(compact(party.taxId))?.[1];
  const scheme = country === undefined ? undefined : VAT_SCHEMES[country];
  return scheme === undefined ? undefined : { id: compact(party.taxId), scheme };
}

/**
 * BT-30/BT-47: a legal registration id where a country's rules ask for one and the VAT id holds
 * it: a Danish VAT id is DK and the CVR number (scheme 0184), which Danish suppliers must state
 * (Peppol DK-R-002).
 */
export function legalRegistrationOf(party: Party): { id: string; scheme: string } | undefined {
  const taxId = compact(party.taxId);
  return countryOf(party) === "DK" && /^DK\d{8}$/.test(taxId) ? { id: taxId.slice(2), scheme: "0184" } : undefined;
}

/** BG-5/BG-8: the address in its fields; an address given only as one text is split at its first comma, as older workbooks hold it. */
export function postalAddressOf(party: Party): { street: string; additional: string; city: string; postCode: string } {
  if (party.street !== "" || party.city !== "" || party.postCode !== "") return { street: party.street, additional: "", city: party.city, postCode: party.postCode };
  const [street = "", ...rest] = party.address.split(",").map((part) => part.trim()).filter((part) => part !== "");
  return { street, additional: rest.join(", "), city: "", postCode: "" };
}

/** BG-16/BG-17: how the supplier is paid: a (SEPA) credit transfer to its account; undefined without one. */
export function paymentMeansOf(supplier: Party): { code: "58" | "30"; name: string; iban: string; bic: string } | undefined {
  if (supplier.bank === undefined || supplier.bank.iban.trim() === "") return undefined;
  const iban = compact(supplier.bank.iban);
  const sepa = SEPA.has(iban.slice(0, 2));
  return { code: sepa ? "58" : "30", name: sepa ? "SEPA credit transfer" : "Credit transfer", iban, bic: compact(supplier.bank.bic) };
}

/** BG-23 BT-118..BT-121: the VAT category of a rate under the contract's treatment. */
export interface VatCategory {
  id: "S" | "Z" | "AE" | "E" | "G";
  /** BT-119 as a percentage ("19"). */
  percent: string;
  exemptionReasonCode: string | undefined;
  exemptionReason: string | undefined;
}

export function vatCategoryOf(treatment: VatTreatment, rate: string): VatCategory {
  const percent = new Dec(rate).times(100).toString();
  const category = (id: VatCategory["id"], exemptionReasonCode?: string, exemptionReason?: string): VatCategory => ({ id, percent, exemptionReasonCode, exemptionReason });
  switch (treatment.kind) {
    case "standard":
      return category(new Dec(rate).isZero() ? "Z" : "S");
    case "reverse-charge":
      return category("AE", "VATEX-EU-AE", "Reverse charge");
    case "exempt":
      return category("E", undefined, treatment.reason);
    case "zero-rated":
      return category("Z");
    case "export":
      return category("G", "VATEX-EU-G", "Export outside the EU");
  }
}

const bothGerman = (invoice: IssuedInvoice): boolean => countryOf(invoice.supplier) === "DE" && countryOf(invoice.client) === "DE";

/**
 * BT-3: the type code of the setting; 326 (partial invoice) only between two German parties,
 * the one place Peppol allows it (PEPPOL-EN16931-P0112), elsewhere 380, the commercial
 * invoice that a progress invoice also is. A credit note is 381.
 */
export function typeCodeOf(invoice: IssuedInvoice): string {
  if (invoice.kind === "credit note") return "381";
  return invoice.invoiceTypeCode === "326" && !bothGerman(invoice) ? "380" : invoice.invoiceTypeCode;
}

/**
 * Refuses, before anything is written, an e-invoice that the official validators would reject
 * because of the contract's settings: one ExportError that names every setting to fill or change.
 */
export function checkEInvoice(invoice: IssuedInvoice, profile: EInvoiceProfile): void {
  const problems = problemsOf(invoice, profile);
  if (problems.length > 0) throw new ExportError("E_INVOICE_SETTINGS", `${invoice.number} cannot be sent as ${profile === "xrechnung" ? "an XRechnung" : "a Peppol e-invoice"}: ${problems.join(" ")}`);
}

function problemsOf(invoice: IssuedInvoice, profile: EInvoiceProfile): string[] {
  const { result, vatTreatment } = invoice;
  const problems: string[] = [];
  const fill = (setting: string, why: string): void => void problems.push(`Fill in the ${setting} setting (${why}).`);
  if (result.minorUnits > 2) {
    problems.push(`The ${SETTING.currency} setting is ${result.currency}, whose amounts have ${result.minorUnits} decimals, and an EN 16931 e-invoice carries at most 2 (BR-DEC): send this invoice as a PDF.`);
  }
  if (vatTreatment.kind !== "standard" && result.taxBreakdown.some((t) => !new Dec(t.rate).isZero() || !new Dec(t.tax).isZero())) {
    problems.push(`The ${SETTING.vatTreatment} setting is ${vatTreatment.kind}: such a supply is taxed at 0 % (the buyer or the law accounts for the VAT); set the ${SETTING.taxRate} setting and every line's Tax % to 0 %.`);
  }
  for (const [role, party] of [["Supplier", invoice.supplier], ["Client", invoice.client]] as const) {
    const taxId = compact(party.taxId);
    if (taxId !== "" && vatCountry(taxId) === undefined) problems.push(`The ${role} tax id setting (${party.taxId}) must start with its country code, as in DE123456789 (BR-CO-09).`);
    if (countryOf(party) === undefined) fill(`${role} country`, `the ${role.toLowerCase()}'s country, BR-09/BR-11`);
    if (electronicAddressOf(party) === undefined) fill(`${role} electronic address`, `where the ${role.toLowerCase()} receives e-invoices, with its scheme; a VAT id serves only where Peppol has a VAT scheme for its country`);
  }
  if (profile === "peppol" && countryOf(invoice.supplier) === "GR") {
    problems.push("The Supplier country is Greece, and Peppol's Greek rules (GR-R-001 to GR-R-009) ask a Greek supplier for an invoice number of six segments and a myDATA MARK number, which Interim does not produce: send the PDF.");
  }
  const swedishRates = ["6", "12", "25"];
  if (countryOf(invoice.supplier) === "SE" && result.taxBreakdown.some((t) => vatCategoryOf(vatTreatment, t.rate).id === "S" && !swedishRates.includes(new Dec(t.rate).times(100).toString()))) {
    problems.push(`The supplier is Swedish, and Peppol's Swedish rules (SE-R-006) accept only the rates 6, 12 and 25 %: set the ${SETTING.taxRate} setting and every line's Tax % to one of them.`);
  }
  // Every category Interim writes (S, Z, AE, E, G) needs the seller's VAT id (BR-S-02, BR-Z-02, BR-AE-02, BR-E-02, BR-G-02).
  if (compact(invoice.supplier.taxId) === "") fill("Supplier tax id", "the supplier's VAT id, which every e-invoice states, BR-CO-26");
  if (vatTreatment.kind === "reverse-charge" && compact(invoice.client.taxId) === "") fill("Client tax id", "a reverse-charge invoice states the client's VAT id, BR-AE-02");
  if (profile === "xrechnung" || bothGerman(invoice)) problems.push(...germanProblems(invoice, profile));
  return problems;
}

/** XRechnung (BR-DE-*), and Peppol between two German parties (DE-R-*): addresses, contact, bank and buyer reference. */
function germanProblems(invoice: IssuedInvoice, profile: EInvoiceProfile): string[] {
  const missing: string[] = [];
  const need = (setting: string, value: string): void => {
    if (value.trim() === "") missing.push(setting);
  };
  for (const [role, party] of [["Supplier", invoice.supplier], ["Client", invoice.client]] as [Role, Party][]) {
    const address = postalAddressOf(party);
    need(`${role} city`, address.city);
    need(`${role} post code`, address.postCode);
  }
  need("Supplier contact name", invoice.supplier.contact.name);
  need("Supplier contact phone", invoice.supplier.contact.phone);
  need("Supplier contact email", invoice.supplier.contact.email);
  if (invoice.kind !== "credit note" && paymentMeansOf(invoice.supplier) === undefined) missing.push(SETTING.supplierIban);
  if (profile === "xrechnung") need(SETTING.buyerReference, invoice.buyerReference);
  if (missing.length === 0) return [];
  const them = missing.length === 1 ? "it" : "them";
  const rules = profile === "xrechnung" ? `XRechnung requires ${them}, BR-DE-1 to BR-DE-15` : `an invoice between two German parties states ${them}, DE-R-001 to DE-R-015`;
  return [`Fill in the ${missing.join(", ")} setting${missing.length === 1 ? "" : "s"} (${rules}).`];
}
