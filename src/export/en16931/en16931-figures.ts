import { Dec, addAmounts, formatAmount, subtractAmount, type ContractSummary, type IssuedInvoice, type Party, type VatTreatment } from "../../core";
import { ExportError } from "../export-error";

/**
 * What every EN 16931 syntax (UBL for Peppol and XRechnung, CII for Factur-X) states the same
 * way: the lines, the tax breakdown with its VAT categories, the document totals and the
 * references. Each writer only spells these out in its own elements, so the XML of every
 * format carries the same figures. The mapping decisions are in docs/decisions/0011-e-invoice-ubl.md.
 */

export interface En16931Line {
  id: string;
  name: string;
  note: string;
  /** The line's net amount (BT-131), with the currency's minor units; negative for work taken back. */
  amount: string;
  rate: string;
}

/** An EN 16931 VAT category (BT-118/BT-151) and, where the category needs one, its exemption reason (BT-120, BT-121). */
export interface VatCategory {
  code: "S" | "Z" | "AE" | "E" | "G";
  exemptionReason: string | undefined;
  exemptionReasonCode: string | undefined;
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
    taxes: result.taxBreakdown.map((t) => ({ rate: t.rate, taxableAmount: t.taxableAmount, tax: t.tax, category: vatCategoryOf(invoice.vatTreatment, t.rate) })),
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
    note: `Scheduled value ${line.scheduledValue}; completed and stored to date ${line.completedAndStoredToDate} (${new Dec(line.percentComplete).times(100).toFixed(2)}%); this period ${line.thisPeriod}.`,
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
 * The VAT category of a rate under the contract's treatment. Reverse charge, exemption and
 * export are supplies taxed at 0 % whose reason the receiver must be told (BR-AE-10, BR-E-10,
 * BR-G-10); the codes are the CEF VATEX list's.
 */
export function vatCategoryOf(treatment: VatTreatment, rate: string): VatCategory {
  switch (treatment.kind) {
    case "reverse-charge":
      return { code: "AE", exemptionReason: "Reverse charge", exemptionReasonCode: "VATEX-EU-AE" };
    case "exempt":
      return { code: "E", exemptionReason: treatment.reason, exemptionReasonCode: undefined };
    case "export":
      return { code: "G", exemptionReason: "Export outside the EU", exemptionReasonCode: "VATEX-EU-G" };
    case "zero-rated":
      return { code: "Z", exemptionReason: undefined, exemptionReasonCode: undefined };
    case "standard":
      return { code: new Dec(rate).isZero() ? "Z" : "S", exemptionReason: undefined, exemptionReasonCode: undefined };
  }
}

/** A rate held as a fraction ("0.19") as EN 16931 states a percentage ("19"). */
export function percentOfRate(rate: string): string {
  return new Dec(rate).times(100).toString();
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

/** Electronic address schemes (EAS) for a VAT number, by its country prefix (Peppol code list). */
const VAT_SCHEMES: Record<string, string> = {
  AT: "9914", BE: "9925", DE: "9930", ES: "9920", FR: "9957", GB: "9932", IE: "9935", IT: "0211", NL: "9944", PL: "9945", PT: "9946",
};

/** The VAT number's country prefix as ISO 3166-1 (Greece's EL is GR), or undefined. */
function vatPrefixOf(party: Party): string | undefined {
  const prefix = /^([A-Z]{2})/.exec(party.taxId.replace(/\s/g, "").toUpperCase())?.[1];
  return prefix === "EL" ? "GR" : prefix;
}

/** BT-40/BT-55: the party's country, else its VAT number's prefix. */
export function countryOf(party: Party): string | undefined {
  return party.country === "" ? vatPrefixOf(party) : party.country;
}

/** BT-34/BT-49: the party's electronic address, else its VAT number under its country's scheme. */
export function electronicAddressOf(party: Party): { id: string; scheme: string } | undefined {
  if (party.electronicAddress !== undefined) return party.electronicAddress;
  const prefix = /^([A-Z]{2})/.exec(party.taxId.replace(/\s/g, "").toUpperCase())?.[1];
  const scheme = prefix === undefined ? undefined : VAT_SCHEMES[prefix];
  return scheme === undefined ? undefined : { id: party.taxId.replace(/\s/g, ""), scheme };
}

/**
 * BG-5/BG-8: the structured address where the settings give one, else the one-text address of
 * older workbooks split at its first comma (street, then the rest as a second line).
 */
export function postalAddressOf(party: Party): { lines: string[]; city: string; postCode: string; country: string | undefined } {
  const country = countryOf(party);
  if (party.street !== "" || party.city !== "" || party.postCode !== "") {
    return { lines: party.street === "" ? [] : [party.street], city: party.city, postCode: party.postCode, country };
  }
  const [street, ...rest] = party.address.split(",").map((part) => part.trim()).filter((part) => part !== "");
  return { lines: street === undefined ? [] : rest.length === 0 ? [street] : [street, rest.join(", ")], city: "", postCode: "", country };
}
