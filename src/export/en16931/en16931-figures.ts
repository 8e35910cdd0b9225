import { Dec, addAmounts, chargedByRate, formatAmount, subtractAmount, type ContractSummary, type IssuedInvoice } from "../../core";
import { ExportError } from "../export-error";
import { cappedLineNote, textOf } from "../document";
import { type LatePaymentNote, documentText, formatDocumentDate, latePaymentNotes } from "../../i18n";
import { advanceDeductionsOf } from "../kinds";
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
  /** BG-1: what paying late costs, as the supplier's law asks it said, each with its subject code (BT-21; decision 0037). */
  latePaymentNotes: LatePaymentNote[];
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
  // What the invoice charges per rate: a progress invoice's base and tax less the advance it recovered and the VAT already invoiced on that.
  const charged = chargedByRate(result);
  const lineTotal = formatAmount(addAmounts(lines.map((l) => l.amount)), result.minorUnits);
  const taxTotal = formatAmount(addAmounts(charged.map((t) => t.tax)), result.minorUnits);
  const taxInclusive = formatAmount(addAmounts([lineTotal, taxTotal]), result.minorUnits);
  return {
    invoice,
    lines,
    taxes: charged.map((t) => ({ rate: t.rate, taxableAmount: t.net, tax: t.tax, category: vatCategoryOf(invoice, t.rate) })),
    lineTotal,
    taxTotal,
    taxInclusive,
    prepaid: formatAmount(subtractAmount(taxInclusive, result.summary.totalDue), result.minorUnits),
    payable: result.summary.totalDue,
    latePaymentNotes: latePaymentNotes(invoice),
  };
}

/**
 * The invoice lines: each G703 line bills its work this period (E), an advance invoice's line the
 * advance at its rate; the advance a progress or final invoice recovers, once an advance invoice
 * charged VAT on it, is a line per rate taking it back (its VAT is deducted with it). Where a
 * rate's taxable amount still differs from its lines (materials stored or installed from store
 * this period, or a tax base on the payment), one more line per rate carries the difference, so
 * that the lines add up to the taxable amounts exactly as the core computed them (BR-CO-10, BR-S-08).
 */
export function en16931Lines(invoice: IssuedInvoice): En16931Line[] {
  const { result } = invoice;
  const advance = invoice.advancePayment;
  const { t } = textOf(invoice);
  const lines: En16931Line[] = result.lines.map((line) => ({
    id: line.id,
    name: line.description || (advance === undefined ? line.id : t("advance.payment")),
    note: advance === undefined
      ? `${t("note.line", {
        scheduled: line.scheduledValue, completed: line.completedAndStoredToDate, percent: `${new Dec(line.percentComplete).times(100).toFixed(2)}%`, thisPeriod: line.thisPeriod,
      })}${cappedLineNote(invoice, line)}`
      : t("note.advanceLine", { contractSum: advance.contractSumToDate, rate: plainPercent(line.taxRate) }),
    amount: line.thisPeriod,
    rate: line.taxRate,
  }));
  lines.push(...advanceRecoveryLines(invoice));
  for (const tax of chargedByRate(result)) {
    const work = addAmounts(lines.filter((l) => new Dec(l.rate).equals(tax.rate)).map((l) => l.amount));
    const difference = formatAmount(subtractAmount(tax.net, work), result.minorUnits);
    if (new Dec(difference).isZero()) continue;
    const rate = plainPercent(tax.rate);
    lines.push({
      id: `ADJ-${new Dec(tax.rate).times(100).toString()}`,
      name: t("note.adjustmentName", { rate }),
      note: t("note.adjustment", { rate, net: tax.net, work }),
      amount: difference,
      rate: tax.rate,
    });
  }
  return lines;
}

/** A VAT rate as the e-invoice's notes write it: plain, as their figures are ("19%", "5.5%"). */
const plainPercent = (rate: string): string => `${new Dec(rate).times(100).toString()}%`;

/**
 * The advance recovered per rate, as negative lines: a progress invoice's (advanceTaxDeducted),
 * or a final invoice's, the rest of the advance (its statement), once an advance invoice charged
 * VAT on the advance.
 */
function advanceRecoveryLines(invoice: IssuedInvoice): En16931Line[] {
  const { minorUnits } = invoice.result;
  const negated = (amount: string): string => formatAmount(subtractAmount("0", amount), minorUnits);
  const text = textOf(invoice);
  const progress = advanceDeductionsOf(invoice).map((d) => ({ rate: d.rate, recovered: d.recovered, name: d.label }));
  const final = (invoice.finalStatement?.byRate ?? [])
    .filter((r) => !new Dec(r.advanceRecovered).isZero())
    .map((r) => ({ rate: r.rate, recovered: r.advanceRecovered, name: `${text.t("summary.advanceRecovery")} (${text.percent(r.rate)})` }));
  return [...progress, ...final].filter((d) => !new Dec(d.recovered).isZero()).map((d) => ({
    id: `ADV-${new Dec(d.rate).times(100).toString()}`,
    name: d.name,
    note: text.t("note.advanceRecoveredLine", { rate: plainPercent(d.rate), recovered: d.recovered }),
    amount: negated(d.recovered),
    rate: d.rate,
  }));
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
      ...(result.advanceTaxDeducted === undefined
        ? {}
        : { advanceTaxDeducted: result.advanceTaxDeducted.map((d) => ({ ...d, recovered: negate(d.recovered), tax: negate(d.tax) })) }),
    },
  };
}

/**
 * BG-3: a credit note references the invoice it cancels; an invoice, the contract's earlier
 * invoices in force; a final invoice, each partial invoice it deducts with its date (BT-26).
 */
export function billingReferencesOf(invoice: IssuedInvoice): { id: string; issueDate: string | undefined }[] {
  if (invoice.kind === "credit note") return invoice.credits === undefined ? [] : [{ id: invoice.credits, issueDate: undefined }];
  if (invoice.finalStatement !== undefined) return invoice.finalStatement.preceding.map((p) => ({ id: p.number, issueDate: p.invoiceDate }));
  return invoice.precedingInvoices.filter((n) => n !== invoice.number).map((id) => ({ id, issueDate: undefined }));
}

/** BG-24: a supporting document, described and embedded. */
export interface SupportingDocument {
  id: string;
  description: string;
  mimeCode: string;
  filename: string;
  /** The file's bytes in base64. */
  content: string;
}

/**
 * A final invoice's listing of the partial invoices it deducts, as a supporting document (BG-24):
 * described in words (BT-123) and embedded as CSV (BT-125), one row per invoice with its net and
 * VAT per rate, in the statement's columns; none for the other kinds. Both are for people, so
 * their words are the document's language, as the PDF's listing is; the description writes
 * dates and amounts as the language does, the CSV's figures and dates stay as a program reads
 * them (plain decimals, ISO dates), as the CSV export's do.
 */
export function supportingDocumentOf(invoice: IssuedInvoice): SupportingDocument | undefined {
  const statement = invoice.finalStatement;
  if (statement === undefined) return undefined;
  const text = textOf(invoice);
  const { t } = text;
  const rates = statement.byRate.map((r) => r.rate);
  const vatAt = (rate: string): string => t("final.precedingVatAt", { rate: text.percent(rate) });
  const figures = (net: string, byRate: readonly { rate: string; tax: string }[]): string =>
    [`${t("final.precedingNet")} ${text.amount(net)}`, ...byRate.map((b) => `${vatAt(b.rate)} ${text.amount(b.tax)}`)].join(", ");
  const described = statement.preceding.map((p) => `${p.number}, ${formatDocumentDate(p.invoiceDate, invoice.language)}: ${figures(p.net, p.byRate)}`);
  const total = figures(statement.precedingNet, statement.byRate.map((r) => ({ rate: r.rate, tax: r.precedingTax })));
  const csv = [
    [t("final.precedingNumber"), t("final.precedingDate"), t("final.precedingNet"), ...rates.map(vatAt)],
    ...statement.preceding.map((p) => [p.number, p.invoiceDate, p.net, ...rates.map((rate) => p.byRate.find((b) => b.rate === rate)?.tax ?? "0")]),
    [t("time.total"), "", statement.precedingNet, ...statement.byRate.map((r) => r.precedingTax)],
  ].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  return {
    id: `${invoice.number}-partial-invoices`,
    description: `${t("final.precedingHeading")}: ${described.join("; ")}. ${t("time.total")}: ${total}.`,
    mimeCode: "text/csv",
    filename: `${invoice.number.replace(/[^\w.-]+/g, "_")}-partial-invoices.csv`,
    content: base64Of(new TextEncoder().encode(csv)),
  };
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break. */
const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Base64 of bytes, in Node and in the browser alike (btoa takes one byte per character). */
function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * BT-22: how the amount due follows from the tax-inclusive total, in the application's own terms,
 * in the document's language (a note is for the people who read the e-invoice); its figures stay
 * plain decimals, as the e-invoice's data are.
 */
export function applicationNoteOf(figures: En16931Figures): string {
  const { invoice, prepaid } = figures;
  const { t } = documentText(invoice.language);
  const s = invoice.result.summary;
  const mu = invoice.result.minorUnits;
  const advance = invoice.advancePayment;
  if (advance !== undefined) {
    const share = `${new Dec(advance.shareOfContract).times(100).toFixed(2)}%`;
    return t("note.advance", { amount: advance.amount, share, contractSum: advance.contractSumToDate });
  }
  // Once an advance invoice charged VAT on the advance, the advance recovered is deducted in the lines, not paid.
  const advanceInLines = advanceRecoveryLines(invoice).length > 0;
  const retention = formatAmount(advanceInLines ? prepaid : subtractAmount(prepaid, s.advanceRecovery), mu);
  const kind = invoice.kind === "credit note" ? t("note.creditNote", { invoice: invoice.credits ?? "" })
    : invoice.kind === "final invoice" ? t("note.finalInvoice")
    : t("note.progress");
  const statement = invoice.finalStatement;
  return [
    kind,
    t("note.figures", {
      contractSum: s.contractSumToDate, completed: s.totalCompletedAndStoredToDate, retention: s.totalRetention, previous: s.previousCertificates, due: s.currentPaymentDue,
    }),
    ...(statement === undefined ? [] : [t("note.finalFigures", {
      price: statement.contractPrice, tax: statement.contractTax, precedingNet: statement.precedingNet, precedingTax: statement.precedingTax, net: statement.net, thisTax: statement.tax,
    })]),
    advanceInLines
      ? t("note.retentionAdvanceInLines", { paid: prepaid, retention, advance: s.advanceRecovery })
      : t("note.retentionAndAdvance", { paid: prepaid, retention, advance: s.advanceRecovery }),
  ].join(" ");
}
