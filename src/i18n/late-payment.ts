import type { DocumentLanguage, IssuedInvoice, Party } from "../core";
import { formatDocumentPercent } from "./document-format";
import { documentText } from "./document-text";

/**
 * The country whose law a supplier's documents answer to: its own country, else its VAT id's
 * prefix ("FR" of FR12345678901), as a tax office reads a supplier that gave no address.
 */
export function supplierCountryOf(supplier: Pick<Party, "country" | "taxId">): string {
  return supplier.country !== "" ? supplier.country : supplier.taxId.slice(0, 2).toUpperCase();
}

/**
 * The supplier countries whose law asks every business invoice to state what paying late
 * costs, and the language that law is written in. France: Code de commerce L441-9 I (the
 * invoice states the discount for early payment, the late-payment penalties' rate and the
 * fixed indemnity for recovery costs), L441-10 II (the rate) and D441-5 (40 euros).
 */
const LATE_PAYMENT_LAW: Readonly<Record<string, DocumentLanguage>> = { FR: "fr" };

/** What a document needs to know to say what paying it late costs. */
export interface LatePaymentTerms {
  kind: IssuedInvoice["kind"];
  supplier: Pick<Party, "country" | "taxId">;
  /** The contract's "Late payment interest", a yearly rate as a fraction ("0.12"); undefined for the law's default rate. */
  latePaymentInterest?: string | undefined;
}

/**
 * One late-payment mention with the subject code (UNTDID 4451, BT-21) France's e-invoicing rules
 * give it: PMD the penalties, PMT the fixed indemnity for recovery costs, AAB the discount.
 */
export interface LatePaymentNote {
  subjectCode: "PMD" | "PMT" | "AAB";
  text: string;
}

/**
 * The late-payment mentions a document asking for payment must carry by its supplier's law, in
 * that law's language whatever the document's (as decision 0029's national VAT mentions): the
 * penalties' rate (the contract's, else the statutory one), the fixed indemnity for recovery
 * costs, and that there is no discount for early payment. None for a credit note, which asks
 * for no payment, nor for a supplier whose country's law asks for none.
 */
export function latePaymentMentions(terms: LatePaymentTerms): string[] {
  return latePaymentNotes(terms).map((note) => note.text);
}

/** The same mentions, each with its subject code, as an e-invoice states them as notes (decision 0037). */
export function latePaymentNotes({ kind, supplier, latePaymentInterest }: LatePaymentTerms): LatePaymentNote[] {
  const language = LATE_PAYMENT_LAW[supplierCountryOf(supplier)];
  if (language === undefined || kind === "credit note") return [];
  const { t } = documentText(language);
  const rate = latePaymentInterest === undefined
    ? t("payment.latePaymentStatutoryRate")
    : t("payment.latePaymentRatePerYear", { rate: formatDocumentPercent(latePaymentInterest, language) });
  return [
    { subjectCode: "PMD", text: t("payment.latePaymentPenalties", { rate }) },
    { subjectCode: "PMT", text: t("payment.latePaymentRecoveryIndemnity") },
    { subjectCode: "AAB", text: t("payment.latePaymentNoDiscount") },
  ];
}
