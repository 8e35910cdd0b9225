import type { BillingResult } from "./result";

/** A party to the contract as an invoice names it. */
export interface Party {
  name: string;
  address: string;
  taxId: string;
}

/**
 * Everything an issued document says: who, what, when, and the figures. The workbook flow
 * produces it; every exporter (PDF, CSV, e-invoice XML, xlsx) reads only this.
 */
export interface IssuedInvoice {
  number: string;
  kind: "invoice" | "credit note" | "draft";
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
  paymentTerms: string;
  /** UNTDID 1001 invoice type code for the e-invoice: 380 commercial, 326 partial, 875/876/877 construction. */
  invoiceTypeCode: string;
  /** Numbers of the contract's earlier invoices in force, oldest first. */
  precedingInvoices: string[];
  result: BillingResult;
}
