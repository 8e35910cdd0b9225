import type { IssuedInvoice } from "../../core";

const EU_REVERSE_CHARGE = "Reverse charge: the customer accounts for the VAT (Article 196, Council Directive 2006/112/EC)";

/**
 * The reverse-charge wording each supplier country's law asks for, beside the EU one: Germany
 * (§14a(5) UStG asks for these words), France and the United Kingdom,
 * whose domestic reverse charge is no longer the EU's, so its invoices carry HMRC's wording alone.
 */
const NATIONAL_REVERSE_CHARGE: Record<string, { text: string; alone: boolean }> = {
  DE: { text: "Steuerschuldnerschaft des Leistungsempfängers (§13b UStG)", alone: false },
  FR: { text: "Autoliquidation (article 283-2 du CGI)", alone: false },
  GB: { text: "Reverse charge: customer to account to HMRC for the VAT (VAT Act 1994 section 55A)", alone: true },
};

/**
 * What an invoice that charges no VAT must say about why (Directive 2006/112/EC article 226
 * points 11 and 11a): the reverse charge, the exemption's reason, a zero rate or an export.
 * Nothing for a standard-rated invoice. The supplier's country is its own, else its VAT prefix.
 */
export function vatMentions(invoice: IssuedInvoice): string[] {
  const treatment = invoice.vatTreatment;
  switch (treatment.kind) {
    case "standard":
      return [];
    case "reverse-charge": {
      const { country, taxId } = invoice.supplier;
      const national = NATIONAL_REVERSE_CHARGE[country !== "" ? country : taxId.slice(0, 2).toUpperCase()];
      if (national === undefined) return [EU_REVERSE_CHARGE];
      return national.alone ? [national.text] : [EU_REVERSE_CHARGE, national.text];
    }
    case "exempt":
      return [treatment.reason];
    case "zero-rated":
      return ["Zero-rated supply"];
    case "export":
      return ["Export outside the EU: VAT exempt (Article 146, Directive 2006/112/EC)"];
  }
}
