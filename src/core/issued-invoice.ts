import type { AdvancePayment } from "./advance-invoice";
import type { FinalStatement } from "./final-invoice";
import type { BillingResult } from "./result";
import type { HoursNotBilled } from "./timesheet/hours-beyond-cap";
import type { TimeAppendixRow } from "./timesheet/time-appendix";

/** A party to the contract as an invoice names it. */
export interface Party {
  name: string;
  /** The address as one text, as older workbooks hold it; the structured fields below come first where given. */
  address: string;
  taxId: string;
  street: string;
  city: string;
  postCode: string;
  /** ISO 3166-1 alpha-2 ("DE"), or "" when not given. */
  country: string;
  /** Where the party receives e-invoices (BT-34/BT-49) and its scheme, a Peppol EAS code ("0088", "9930"); undefined when not given. */
  electronicAddress: { id: string; scheme: string } | undefined;
  contact: { name: string; phone: string; email: string };
  /** The account the supplier is paid into (BG-17); undefined when not given (always for a client). */
  bank: { iban: string; bic: string } | undefined;
}

/**
 * How the contract's supply is taxed (EN 16931 VAT category, BT-151): standard (S), reverse
 * charge (AE: EU cross-border services, German §13b, French autoliquidation, UK domestic
 * reverse charge), exempt (E, with its reason), zero-rated (Z), export outside the EU (G).
 */
export type VatTreatment =
  | { kind: "standard" }
  | { kind: "reverse-charge" }
  | { kind: "exempt"; reason: string }
  | { kind: "zero-rated" }
  | { kind: "export" };

/**
 * The languages Interim writes documents in, by their ISO 639-1 codes. Defined here so that the
 * issued document can carry its language; the labels and formats of each are in src/i18n, which
 * re-exports this list.
 */
export const DOCUMENT_LANGUAGES = ["en", "de", "fr", "es", "nl", "it"] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/**
 * Everything an issued document says: who, what, when, and the figures. The workbook flow
 * produces it; every exporter (PDF, CSV, e-invoice XML, xlsx) reads only this.
 */
export interface IssuedInvoice {
  number: string;
  /** "invoice" is a progress invoice; an advance and a final invoice are numbered in its series. */
  kind: "invoice" | "advance invoice" | "final invoice" | "credit note" | "draft";
  /** The language of its labels, dates and numbers (the contract's Document language). */
  language: DocumentLanguage;
  /** For a credit note: the invoice it cancels. */
  credits: string | undefined;
  /** ISO dates. */
  invoiceDate: string;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  supplier: Party;
  client: Party;
  contractReference: string;
  purchaseOrder: string;
  /** The buyer's reference (BT-10), such as a German public buyer's Leitweg-ID; "" when not given. */
  buyerReference: string;
  vatTreatment: VatTreatment;
  paymentTerms: string;
  /** The contract's yearly rate of the penalties for paying late, as a fraction ("0.12"); absent for the law's own rate. Printed where the supplier's law asks for it (France). */
  latePaymentInterest?: string;
  /**
   * The "E-invoice type code" setting: what the client accepts, 380 commercial, 326 partial,
   * 875/876/877 construction; the code each kind of document is sent with follows from it (see
   * invoiceTypeCodeOf in the export layer).
   */
  invoiceTypeCode: string;
  /** Numbers of the contract's earlier invoices in force, oldest first. */
  precedingInvoices: string[];
  result: BillingResult;
  /** An advance invoice's advance: its share of the contract, and its net and VAT per rate; absent on the other kinds. */
  advancePayment?: AdvancePayment;
  /** A final invoice's statement: the whole contract's price and VAT, the partial invoices it deducts; absent on the other kinds. */
  finalStatement?: FinalStatement;
  /** The hours billed from the timesheet this period, per line and person (see computeTimeAppendix); absent without a timesheet. */
  timeAppendix?: TimeAppendixRow[];
  /** Each capped line billed from the timesheet with its hours past the cap to date, beside its workedNotBilled (see computeHoursNotBilled); absent without such a line. */
  hoursNotBilled?: HoursNotBilled[];
}
