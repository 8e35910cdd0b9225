import type { DocumentLanguage, IssuedInvoice } from "../../core";
import { documentText, supplierCountryOf } from "../../i18n";

/**
 * The supplier countries whose law asks for a reverse-charge wording of its own beside the EU
 * one, and the language that law is written in: Germany (§14a(5) UStG asks for these words),
 * France (CGI annexe II art. 242 nonies A), Spain (Real Decreto 1619/2012 art. 6.1.m), the
 * Netherlands (Wet OB art. 35a: "btw verlegd"), Italy (DPR 633/1972 art. 17 and 21: "inversione
 * contabile"), and the United Kingdom, whose domestic reverse charge is no longer the EU's, so its
 * invoices carry HMRC's wording alone. Each catalog's `vat.reverseChargeNational` cites its
 * language's country.
 */
const NATIONAL_REVERSE_CHARGE: Readonly<Record<string, { language: DocumentLanguage; alone: boolean }>> = {
  DE: { language: "de", alone: false },
  FR: { language: "fr", alone: false },
  ES: { language: "es", alone: false },
  NL: { language: "nl", alone: false },
  IT: { language: "it", alone: false },
  GB: { language: "en", alone: true },
};

/**
 * What an invoice that charges no VAT must say about why (Directive 2006/112/EC article 226
 * points 11 and 11a): the reverse charge, the exemption's reason, a zero rate or an export.
 * Nothing for a standard-rated invoice. The EU's wording is in the invoice's language, as each
 * language version of the directive words it; a national mention is in the language of the law
 * it cites, whatever the invoice's (decision 0029), as the supplier's tax office reads it. The
 * supplier's country is its own, else its VAT prefix. An exemption's reason is the person's text.
 */
export function vatMentions(invoice: IssuedInvoice): string[] {
  const treatment = invoice.vatTreatment;
  const { t } = documentText(invoice.language);
  switch (treatment.kind) {
    case "standard":
      return [];
    case "reverse-charge": {
      const national = NATIONAL_REVERSE_CHARGE[supplierCountryOf(invoice.supplier)];
      if (national === undefined) return [t("vat.reverseCharge")];
      const mention = documentText(national.language).t("vat.reverseChargeNational");
      return national.alone ? [mention] : [t("vat.reverseCharge"), mention];
    }
    case "exempt":
      return [treatment.reason];
    case "zero-rated":
      return [t("vat.zeroRated")];
    case "export":
      return [t("vat.export")];
  }
}
