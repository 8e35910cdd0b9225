import { Dec, type IssuedInvoice, type Party } from "../../core";
import { ExportError } from "../export-error";
import { bothGerman, compact, countryOf, electronicAddressOf, paymentMeansOf, postalAddressOf, vatCategoryOf, vatCountry } from "./en16931-parties";

/**
 * The EN 16931 profiles Interim writes: Peppol BIS Billing 3.0 and the German XRechnung 3.0
 * CIUS (UBL), and plain EN 16931 without a CIUS, as Factur-X's EN 16931 profile states it (CII).
 */
export type EInvoiceProfile = "peppol" | "xrechnung" | "en16931";

/** The contract settings an e-invoice refusal points to (the Contract sheet's Setting column). */
export const SETTING = {
  currency: "Currency",
  taxRate: "Tax rate",
  vatTreatment: "VAT treatment",
  buyerReference: "Buyer reference",
  supplierIban: "Supplier IBAN",
} as const;

/** What the refusal calls the document the profile makes. */
const DOCUMENT: Record<EInvoiceProfile, string> = {
  peppol: "a Peppol e-invoice",
  xrechnung: "an XRechnung",
  en16931: "a Factur-X e-invoice",
};

type Role = "Supplier" | "Client";

/**
 * Refuses, before anything is written, an e-invoice that the official validators would reject
 * because of the contract's settings: one ExportError that names every setting to fill or change.
 */
export function checkEInvoice(invoice: IssuedInvoice, profile: EInvoiceProfile): void {
  const refusal = refusalOf(invoice, profile);
  if (refusal !== undefined) throw new ExportError("E_INVOICE_SETTINGS", refusal);
}

/**
 * Every e-invoice the invoice would be refused as, each with the settings to fix: what the task
 * pane shows before Generate, since it makes the exports only after the invoice is issued.
 */
export function eInvoiceRefusals(invoice: IssuedInvoice): string[] {
  return (Object.keys(DOCUMENT) as EInvoiceProfile[]).map((profile) => refusalOf(invoice, profile)).filter((refusal): refusal is string => refusal !== undefined);
}

function refusalOf(invoice: IssuedInvoice, profile: EInvoiceProfile): string | undefined {
  const problems = problemsOf(invoice, profile);
  return problems.length === 0 ? undefined : `${invoice.number} cannot be sent as ${DOCUMENT[profile]}: ${problems.join(" ")}`;
}

function problemsOf(invoice: IssuedInvoice, profile: EInvoiceProfile): string[] {
  const { result, vatTreatment } = invoice;
  // Peppol's rules beyond EN 16931 (an electronic address for each party, the national rules),
  // which the XRechnung, sent over the same network, keeps; plain EN 16931 asks for none of them.
  const peppolRules = profile !== "en16931";
  const problems: string[] = [];
  const fill = (setting: string, why: string): void => void problems.push(`Fill in the ${setting} setting (${why}).`);
  if (result.minorUnits > 2) {
    problems.push(`The ${SETTING.currency} setting is ${result.currency}, whose amounts have ${result.minorUnits} decimals, and an EN 16931 e-invoice carries at most 2 (BR-DEC): send this invoice as a PDF.`);
  }
  if (vatTreatment.kind !== "standard" && result.taxBreakdown.some((t) => !new Dec(t.rate).isZero() || !new Dec(t.tax).isZero())) {
    problems.push(`The ${SETTING.vatTreatment} setting is ${vatTreatment.kind}: such a supply is taxed at 0 % (the buyer or the law accounts for the VAT); set the ${SETTING.taxRate} setting and every line's Tax % to 0 %.`);
  }
  for (const [role, party, countryRule] of [["Supplier", invoice.supplier, "BR-09"], ["Client", invoice.client, "BR-11"]] as const) {
    const taxId = compact(party.taxId);
    if (taxId !== "" && vatCountry(taxId) === undefined) problems.push(`The ${role} tax id setting (${party.taxId}) must start with its country code, as in DE123456789 (BR-CO-09).`);
    if (countryOf(party) === undefined) fill(`${role} country`, `the ${role.toLowerCase()}'s country, ${countryRule}`);
    if (peppolRules && electronicAddressOf(party) === undefined) fill(`${role} electronic address`, `where the ${role.toLowerCase()} receives e-invoices, with its scheme; a VAT id serves only where Peppol has a VAT scheme for its country`);
  }
  if (profile === "peppol" && countryOf(invoice.supplier) === "GR") {
    problems.push("The Supplier country is Greece, and Peppol's Greek rules (GR-R-001 to GR-R-009) ask a Greek supplier for an invoice number of six segments and a myDATA MARK number, which Interim does not produce: send the PDF.");
  }
  const swedishRates = ["6", "12", "25"];
  if (peppolRules && countryOf(invoice.supplier) === "SE" && result.taxBreakdown.some((t) => vatCategoryOf(invoice, t.rate).id === "S" && !swedishRates.includes(new Dec(t.rate).times(100).toString()))) {
    problems.push(`The supplier is Swedish, and Peppol's Swedish rules (SE-R-006) accept only the rates 6, 12 and 25 %: set the ${SETTING.taxRate} setting and every line's Tax % to one of them.`);
  }
  // Every category Interim writes (S, Z, AE, E, G) needs the seller's VAT id (BR-S-02, BR-Z-02, BR-AE-02, BR-E-02, BR-G-02).
  if (compact(invoice.supplier.taxId) === "") fill("Supplier tax id", "the supplier's VAT id, which every e-invoice states, BR-CO-26");
  if (vatTreatment.kind === "reverse-charge" && compact(invoice.client.taxId) === "") fill("Client tax id", "a reverse-charge invoice states the client's VAT id, BR-AE-02");
  if (profile === "xrechnung" || (profile === "peppol" && bothGerman(invoice))) problems.push(...germanProblems(invoice, profile));
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
