import { Dec, type IssuedInvoice, type Party } from "../../core";
import { documentText } from "../../i18n";

/**
 * What an EN 16931 e-invoice says beyond the figures, whatever its syntax (UBL here, CII for
 * Factur-X): the parties' countries and electronic addresses, the VAT category of the contract's
 * treatment, and the document type. What the contract must hold before such an invoice is made
 * is in en16931-checks.ts; docs/decisions/0011-e-invoice-ubl.md gives the reasons.
 */

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

export const compact = (text: string): string => text.replace(/\s/g, "").toUpperCase();

/** The two letters a VAT id starts with, as a country (EL, Greece's VAT prefix, is GR); undefined without them. */
export function vatCountry(taxId: string): string | undefined {
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

/**
 * The category of a rate under the invoice's treatment. The reason (BT-120) is text a person
 * reads, so it is in the invoice's language ("Steuerschuldnerschaft des Leistungsempfängers");
 * its code (BT-121) is what a program reads.
 */
export function vatCategoryOf(invoice: Pick<IssuedInvoice, "vatTreatment" | "language">, rate: string): VatCategory {
  const treatment = invoice.vatTreatment;
  const percent = new Dec(rate).times(100).toString();
  const category = (id: VatCategory["id"], exemptionReasonCode?: string, exemptionReason?: string): VatCategory => ({ id, percent, exemptionReasonCode, exemptionReason });
  switch (treatment.kind) {
    case "standard":
      return category(new Dec(rate).isZero() ? "Z" : "S");
    case "reverse-charge":
      return category("AE", "VATEX-EU-AE", documentText(invoice.language).t("vat.reasonReverseCharge"));
    case "exempt":
      return category("E", undefined, treatment.reason);
    case "zero-rated":
      return category("Z");
    case "export":
      return category("G", "VATEX-EU-G", documentText(invoice.language).t("vat.reasonExport"));
  }
}

/** Both parties in Germany: where Peppol allows type code 326 and adds its German rules (DE-R-*). */
export const bothGerman = (invoice: IssuedInvoice): boolean => countryOf(invoice.supplier) === "DE" && countryOf(invoice.client) === "DE";
