import { Dec, addAmounts, formatAmount, subtractAmount, type ContractSummary, type IssuedInvoice } from "../../core";
import { ExportError } from "../export-error";
import { cappedLineNote } from "../document";
import { type VatCategory, vatCategoryOf } from "./en16931-parties";

/**
 * What every EN 16931 syntax (UBL for Peppol and XRechnung, CII for Factur-X) states the same
 * way: the lines, the tax breakdown with its VAT categories, the document totals and the
 * references. Each writer only spells these out in its own elements, so the XML of every
 * format carries the same figures. What the parties and the contract's VAT treatment say is in
 * en16931-parties.ts. The mapping decisions are in docs/decisions/0011-e-invoice-ubl.md.
 */

export interface En16931Line {
  id: string;
  name: string;
  note: string;
  /** The line's net amount (BT-131), with the currency's minor units; negative for work taken back. */
  amount: string;
  rate: string;
}

export interface En16931Tax {
  rate: string;
  taxableAmount: string;
  tax: string;
  category: VatCategory;
}

export interface En16931Figures {
  /** The invoice as the e-invoice states it: a credit note's figures positive. */
  invoice: IssuedInvoice;
  lines: En16931Line[];
  taxes: En16931Tax[];
  /** BT-106 = BT-109: no document-level allowances or charges. */
  lineTotal: string;
  /** BT-110. */
  taxTotal: string;
  /** BT-112. */
  taxInclusive: string;
  /** BT-113: retention net of release, plus advance recovered (decision 0011). */
  prepaid: string;
  /** BT-115: the core's total due. */
  payable: string;
}

/**
 * The figures of an issued invoice or credit note as EN 16931 states them. A draft is refused:
 * it is not a legal document.
 */
export function en16931FiguresOf(issued: IssuedInvoice): En16931Figures {
  if (issued.kind === "draft") {
    throw new ExportError("DRAFT_NOT_EXPORTABLE", `${issued.number} is a draft: issue it before sending it as an e-invoice.`);
  }
  const invoice = statedPositive(issued);
  const { result } = invoice;
  const lines = en16931Lines(invoice);
  const lineTotal = formatAmount(addAmounts(lines.map((l) => l.amount)), result.minorUnits);
  const taxTotal = formatAmount(addAmounts(result.taxBreakdown.map((t) => t.tax)), result.minorUnits);
  const taxInclusive = formatAmount(addAmounts([lineTotal, taxTotal]), result.minorUnits);
  return {
    invoice,
    lines,
    taxes: result.taxBreakdown.map((t) => ({ rate: t.rate, taxableAmount: t.taxableAmount, tax: t.tax, category: vatCategoryOf(invoice, t.rate) })),
    lineTotal,
    taxTotal,
    taxInclusive,
    prepaid: formatAmount(subtractAmount(taxInclusive, result.summary.totalDue), result.minorUnits),
    payable: result.summary.totalDue,
  };
}

/**
 * The invoice lines: each G703 line bills its work this period (E); where a rate's taxable
 * amount differs from its lines' E (materials stored or installed from store this period, or a
 * tax base on the payment), one more line per rate carries the difference, so that the lines add
 * up to the taxable amounts exactly as the core computed them (BR-CO-10, BR-S-08).
 */
export function en16931Lines(invoice: IssuedInvoice): En16931Line[] {
  const { result } = invoice;
  const lines: En16931Line[] = result.lines.map((line) => ({
    id: line.id,
    name: line.description || line.id,
    note: `Scheduled value ${line.scheduledValue}; completed and stored to date ${line.completedAndStoredToDate} (${new Dec(line.percentComplete).times(100).toFixed(2)}%); this period ${line.thisPeriod}.${cappedLineNote(invoice, line)}`,
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
export function statedPositive(invoice: IssuedInvoice): IssuedInvoice {
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

/** BG-3: a credit note references the invoice it cancels; an invoice, the contract's earlier invoices in force. */
export function billingReferencesOf(invoice: IssuedInvoice): string[] {
  if (invoice.kind === "credit note") return invoice.credits === undefined ? [] : [invoice.credits];
  return invoice.precedingInvoices.filter((n) => n !== invoice.number);
}

/** BT-22: how the amount due follows from the tax-inclusive total, in the application's own terms. */
export function applicationNoteOf(figures: En16931Figures): string {
  const { invoice, prepaid } = figures;
  const s = invoice.result.summary;
  const mu = invoice.result.minorUnits;
  const retention = formatAmount(subtractAmount(prepaid, s.advanceRecovery), mu);
  const kind = invoice.kind === "credit note" ? `Credit note cancelling ${invoice.credits ?? "an earlier invoice"}.` : "Interim (progress) application for payment.";
  return [
    kind,
    `Contract sum to date ${s.contractSumToDate}; completed and stored to date ${s.totalCompletedAndStoredToDate}; total retention held ${s.totalRetention}; previous certificates ${s.previousCertificates}; current payment due ${s.currentPaymentDue}.`,
    `Retention and advance recovery do not reduce the taxable amount: the paid amount (${prepaid}) is retention withheld this application net of retention released (${retention}) plus advance payment recovered (${s.advanceRecovery}).`,
  ].join(" ");
}
