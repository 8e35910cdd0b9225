import { PDFDocument, type PDFPage, degrees, rgb } from "pdf-lib";
import { type IssuedInvoice, formatAmount, paperOf } from "../../core";
import {
  type DocumentText, G703_FIELDS, documentName, formatDocumentAmount, formatDocumentDate, formatDocumentPercent, g703Heading, latePaymentMentions, perLabel, periodLabel,
  timeRowLabel,
} from "../../i18n";
import { SUMMED_COLUMNS, type SummedColumn, cappedLinesOf, columnTotal, hoursNotBilledOf, summaryRowsOf, taxRowsOf, textOf, titleOf } from "../document";
import { ExportError } from "../export-error";
import { advanceDeductionsOf, advanceHeadingsOf, advanceNoteOf, finalStatementRowsOf } from "../kinds";
import type { ExportOptions, Exporter } from "../exporter";
import type { FontSource } from "./fonts";
import { TextPainter } from "./text";
import { vatMentions } from "./vat-mention";
import { FILL, INK, LEADING, MARGIN, MUTED, PAPER, RULE } from "./page-style";

const BODY = 8.5;
const TABLE = 7.5;
/** Relative widths of the G703 columns; scaled to the paper's width. */
const COLUMN_WEIGHTS = [46, 190, 70, 70, 70, 66, 74, 44, 70, 62];
const FOOTER_SPACE = 28;
/** The draft watermark across the page: at most 140 points, its word at most this wide ("DRAFT" is 449 points at 140), so a longer word is set smaller. */
const WATERMARK = { size: 140, width: 520, angle: 25 };
/** The title's size, unless it would take more than the right half of the page. */
const TITLE = 20;

export interface PdfOptions extends ExportOptions {
  fonts: FontSource;
}

/**
 * The invoice as a PDF: supplier and client blocks, number, dates and period, contract and
 * purchase order, the G703 continuation table (its header repeated on every page), the column
 * totals, the G702 summary, tax per rate, the amount due and the payment terms (with what
 * paying late costs, where the supplier's law asks it said: latePaymentMentions); "Page i of N"
 * on every page. Every label is in the invoice's language, and every date, amount and rate is
 * written as that language writes it (src/i18n): each amount is the core's text, only
 * regrouped and punctuated for reading, never rounded.
 */
export const pdfExporter: Exporter = {
  format: "pdf",
  mimeType: "application/pdf",
  extension: "pdf",
  generate(invoice, options) {
    if (options?.fonts === undefined) {
      return Promise.reject(new ExportError("MISSING_FONTS", "A PDF needs fonts: pass options.fonts (fetchFontSource in the add-in, fileFontSource on the command line)."));
    }
    return toPdf(invoice, { ...options, fonts: options.fonts });
  },
};

export async function toPdf(invoice: IssuedInvoice, options: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const text = textOf(invoice);
  const name = documentName(invoice.kind, text);
  doc.setTitle(`${name.charAt(0).toLocaleUpperCase(invoice.language)}${name.slice(1)} ${invoice.number}`);
  doc.setAuthor(invoice.supplier.name);
  doc.setSubject(`${invoice.contractReference} ${periodLabel(invoice.periodStart, invoice.periodEnd, text)}`);
  doc.setCreator("Interim");
  doc.setProducer("Interim (pdf-lib)");
  const painter = await TextPainter.create(doc, options.fonts, allTextOf(invoice));
  // The contract's paper unless the caller chooses: the same as its invoice sheet in the workbook.
  const layout = new Layout(doc, painter, invoice, text, PAPER[options.paper ?? paperOf(invoice.result.currency)]);
  layout.render();
  return doc.save({ useObjectStreams: true });
}

/** Every piece of text the document draws that does not come from this module: it decides which script fonts to load. */
function allTextOf(invoice: IssuedInvoice): string {
  const { supplier, client } = invoice;
  return [
    supplier.name, supplier.address, supplier.taxId, client.name, client.address, client.taxId, invoice.number,
    invoice.contractReference, invoice.purchaseOrder, invoice.paymentTerms, invoice.credits ?? "", ...vatMentions(invoice), ...latePaymentMentions(invoice),
    ...invoice.result.lines.flatMap((line) => [line.id, line.description]),
    ...(invoice.timeAppendix ?? []).map((row) => `${row.person ?? ""} ${row.role ?? ""}`),
  ].join("\n");
}

class Layout {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly width: number;
  private readonly height: number;
  private readonly columns: { x: number; width: number }[];

  constructor(
    private readonly doc: PDFDocument,
    private readonly text: TextPainter,
    private readonly invoice: IssuedInvoice,
    private readonly labels: DocumentText,
    [width, height]: readonly [number, number],
  ) {
    this.width = width;
    this.height = height;
    this.columns = this.columnsFor(width - 2 * MARGIN);
  }

  /**
   * The G703 columns by their weights, each then made wide enough for the longest word of its
   * heading (German's Sicherheitseinbehalt), the room taken from the description's column, so
   * that no heading is broken inside a word.
   */
  private columnsFor(usable: number): { x: number; width: number }[] {
    const total = COLUMN_WEIGHTS.reduce((a, b) => a + b, 0);
    const widths = COLUMN_WEIGHTS.map((weight) => (weight / total) * usable);
    G703_FIELDS.forEach((field, i) => {
      const longest = Math.max(...g703Heading(field, this.labels).split(/\s+/).map((word) => this.text.width(word, TABLE, true) + 6));
      if (i === 1 || longest <= widths[i]!) return;
      widths[1] = widths[1]! - (longest - widths[i]!);
      widths[i] = longest;
    });
    let x = MARGIN;
    return widths.map((width) => {
      const column = { x, width };
      x += width;
      return column;
    });
  }

  render(): void {
    this.newPage();
    this.header();
    if (this.invoice.kind === "advance invoice") {
      this.advance();
    } else {
      this.table();
      this.cappedLines();
      this.summary();
      this.finalStatement();
      this.timeAppendix();
    }
    this.footers();
  }

  private newPage(): void {
    this.page = this.doc.addPage([this.width, this.height]);
    this.pages.push(this.page);
    this.y = this.height - MARGIN;
    if (this.invoice.kind === "draft") this.watermark();
    if (this.pages.length > 1) {
      this.line(this.labels.t("page.continued", { title: titleOf(this.invoice), number: this.invoice.number }), MARGIN, BODY, MUTED, true);
      this.y -= BODY * LEADING + 4;
    }
  }

  /** The language's word for a draft across the middle of the page, sized by its width: ENTWURF and BORRADOR are longer than DRAFT. */
  private watermark(): void {
    const word = this.labels.t("draft.watermark");
    const font = this.text.boldFont;
    const size = Math.min(WATERMARK.size, WATERMARK.width / font.widthOfTextAtSize(word, 1));
    const wide = font.widthOfTextAtSize(word, size);
    const high = this.text.capHeight(size);
    const angle = (WATERMARK.angle * Math.PI) / 180;
    // From the page's middle back half the word's width along the slant and half its height across it: the baseline's start.
    const x = this.width / 2 - (Math.cos(angle) * wide - Math.sin(angle) * high) / 2;
    const y = this.height / 2 - (Math.sin(angle) * wide + Math.cos(angle) * high) / 2;
    this.page.drawText(word, { x, y, size, rotate: degrees(WATERMARK.angle), opacity: 0.08, color: rgb(0.8, 0, 0), font });
  }

  private room(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage();
  }

  private line(content: string, x: number, size: number, color = INK, bold = false): void {
    this.text.draw(this.page, content, x, this.y - size, size, color, bold);
  }

  /** Lines of text at (x, y) wrapped to `width`; returns the height used. */
  private block(lines: string[], x: number, top: number, width: number, size: number, color = INK, bold = false): number {
    let y = top;
    for (const content of lines.flatMap((l) => this.text.wrap(l, width, size, bold))) {
      this.text.draw(this.page, content, x, y - size, size, color, bold);
      y -= size * LEADING;
    }
    return top - y;
  }

  private header(): void {
    const { invoice, labels } = this;
    const { t, language } = labels;
    const half = (this.width - 2 * MARGIN) / 2;
    const top = this.y;
    // Left: the supplier, then the client.
    let left = this.block([invoice.supplier.name], MARGIN, top, half - 20, 14, INK, true);
    left += this.block(partyLines(invoice.supplier, labels), MARGIN, top - left - 2, half - 20, BODY, MUTED) + 14;
    left += this.block([t("party.billTo")], MARGIN, top - left, half - 20, BODY, MUTED, true);
    left += this.block([invoice.client.name], MARGIN, top - left, half - 20, 11, INK, true);
    left += this.block(partyLines(invoice.client, labels), MARGIN, top - left - 2, half - 20, BODY, MUTED);

    // Right: the title and the document's facts.
    const rightX = MARGIN + half + 40;
    const rightWidth = half - 40;
    const title = titleOf(invoice);
    const titleSize = Math.min(TITLE, (TITLE * rightWidth) / this.text.width(title, TITLE, true));
    this.text.draw(this.page, title, MARGIN + 2 * half - this.text.width(title, titleSize, true), top - 20, titleSize, invoice.kind === "draft" ? rgb(0.7, 0, 0) : INK, true);
    const facts: { label: string; value: string; strong?: boolean }[] = [
      { label: t("fact.number"), value: invoice.number, strong: true },
      { label: t("fact.date"), value: formatDocumentDate(invoice.invoiceDate, language) },
      ...(invoice.kind === "credit note" ? [] : [{ label: t("fact.dueDate"), value: formatDocumentDate(invoice.dueDate, language) }]),
      // An advance invoice bills no period of work.
      ...(invoice.kind === "advance invoice" ? [] : [{ label: t("fact.period"), value: periodLabel(invoice.periodStart, invoice.periodEnd, labels) }]),
      { label: t("fact.contract"), value: invoice.contractReference },
      { label: t("fact.purchaseOrder"), value: invoice.purchaseOrder },
      { label: t("fact.currency"), value: invoice.result.currency },
      ...(invoice.credits === undefined ? [] : [{ label: t("fact.cancels"), value: invoice.credits }]),
      ...(invoice.kind === "draft" ? [{ label: t("fact.status"), value: t("draft.status") }] : []),
    ].filter(({ value }) => value !== "");
    // The values start past the longest label: "Purchase order" in English, "Leistungszeitraum" in German.
    const labelWidth = Math.max(90, ...facts.map(({ label }) => this.text.width(label, BODY) + 10));
    let right = 32;
    for (const { label, value, strong = false } of facts) {
      this.text.draw(this.page, label, rightX, top - right - BODY, BODY, MUTED);
      right += this.block([value], rightX + labelWidth, top - right, rightWidth - labelWidth, BODY, INK, strong);
    }
    this.y = top - Math.max(left, right) - 18;
  }

  private tableHeader(): void {
    const headers = G703_FIELDS.map((field, i) => this.text.wrap(g703Heading(field, this.labels), this.columns[i]!.width - 6, TABLE, true));
    const rows = Math.max(...headers.map((h) => h.length));
    const height = rows * TABLE * LEADING + 6;
    this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: this.width - 2 * MARGIN, height, color: FILL });
    headers.forEach((lines, i) => {
      const column = this.columns[i]!;
      lines.forEach((content, k) => {
        const y = this.y - 3 - (k + 1) * TABLE * LEADING + 2;
        const x = i < 2 ? column.x + 3 : column.x + column.width - 3 - this.text.width(content, TABLE, true);
        this.text.draw(this.page, content, x, y, TABLE, INK, true);
      });
    });
    this.y -= height + 2;
  }

  private table(): void {
    const { language } = this.labels;
    this.room(60);
    this.tableHeader();
    const rowLeading = TABLE * LEADING;
    for (const line of this.invoice.result.lines) {
      const description = this.text.wrap(line.description, this.columns[1]!.width - 6, TABLE);
      const id = this.text.wrap(line.id, this.columns[0]!.width - 6, TABLE);
      if (this.y - (Math.max(description.length, id.length) * rowLeading + 3) < MARGIN + FOOTER_SPACE) {
        this.newPage();
        this.tableHeader();
      }
      let cells = [
        id, description, ...G703_FIELDS.slice(2).map((c) => [c === "percentComplete" ? formatDocumentPercent(line.percentComplete, language, 2) : this.amountText(line[c])]),
      ];
      // A row taller than a page goes on over the next pages, its amounts on its first part.
      while (cells.some((lines) => lines.length > 0)) {
        const rows = Math.max(...cells.map((lines) => lines.length));
        const fitting = this.y - (rows * rowLeading + 3) >= MARGIN + FOOTER_SPACE ? rows : Math.floor((this.y - 3 - MARGIN - FOOTER_SPACE) / rowLeading);
        const part = cells.map((lines) => lines.slice(0, fitting));
        cells = cells.map((lines) => lines.slice(fitting));
        this.row(part, false);
        this.y -= Math.max(...part.map((lines) => lines.length)) * rowLeading + 3;
        this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: this.width - MARGIN, y: this.y + 1 }, thickness: 0.3, color: RULE });
        if (cells.some((lines) => lines.length > 0)) {
          this.newPage();
          this.tableHeader();
        }
      }
    }
    this.room(rowLeading + 6);
    const totals = new Map<string, string>(SUMMED_COLUMNS.map((c: SummedColumn) => [c, this.amountText(columnTotal(this.invoice, c))]));
    this.row(G703_FIELDS.map((c, i) => [i === 1 ? this.labels.t("g703.totals") : (totals.get(c) ?? "")]), true);
    this.y -= rowLeading + 3;
    this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: this.width - MARGIN, y: this.y + 1 }, thickness: 0.8, color: INK });
    this.y -= 14;
  }

  private row(cells: string[][], bold: boolean): void {
    cells.forEach((lines, i) => {
      const column = this.columns[i]!;
      lines.forEach((content, k) => {
        const y = this.y - (k + 1) * TABLE * LEADING + 1;
        const x = i < 2 ? column.x + 3 : column.x + column.width - 3 - this.text.width(content, TABLE, bold);
        this.text.draw(this.page, content, x, y, TABLE, INK, bold);
      });
    });
  }

  /** Under the table, each capped line with the amount it worked past its cap, which is not billed. */
  private cappedLines(): void {
    const capped = cappedLinesOf(this.invoice);
    if (capped.length === 0) return;
    const { t } = this.labels;
    const leading = BODY * LEADING + 2;
    const half = (this.width - 2 * MARGIN) / 2;
    // A line the timesheet bills has its hours past the cap in a column of their own, right of the amount.
    const hours = (this.invoice.hoursNotBilled ?? []).length > 0;
    const amountRight = MARGIN + half - 10;
    const hoursRight = amountRight + 80;
    this.room(leading * 2 + 4);
    this.line(t("capped.heading"), MARGIN, BODY + 1, INK, true);
    if (hours) {
      for (const [heading, right] of [[t("time.amount"), amountRight], [t("time.hours"), hoursRight]] as const) this.line(heading, right - this.text.width(heading, BODY, false), BODY, MUTED);
    }
    this.y -= leading + 2;
    for (const line of capped) {
      const label = this.text.wrap(`${line.id}  ${line.description}`, half - 110, BODY);
      this.room(label.length * leading);
      this.block(label, MARGIN + 20, this.y, half - 110, BODY, MUTED);
      this.amount(line.workedNotBilled, amountRight, BODY, false);
      const notBilled = hoursNotBilledOf(this.invoice, line);
      if (notBilled !== undefined) this.figure(this.hoursText(notBilled), hoursRight, BODY, false);
      this.y -= label.length * leading;
    }
    const explanation = this.text.wrap(t("capped.explanation"), this.width - 2 * MARGIN - 20, BODY - 1);
    this.room(explanation.length * (BODY - 1) * LEADING);
    this.block(explanation, MARGIN + 20, this.y, this.width - 2 * MARGIN - 20, BODY - 1, MUTED);
    this.y -= (explanation.length - 1) * (BODY - 1) * LEADING + leading + 12;
  }

  /** The G702 summary on the left; tax per rate, the amount due and the payment terms on the right. */
  private summary(): void {
    const { invoice, labels } = this;
    const { t } = labels;
    const rows = summaryRowsOf(invoice);
    const taxes = taxRowsOf(invoice);
    const leading = BODY * LEADING + 2;
    const half = (this.width - 2 * MARGIN) / 2;
    const rightX = MARGIN + half + 30;
    const leftAmount = MARGIN + half - 10;
    // A label as long as German's "Restauftragswert einschließlich Sicherheitseinbehalt" wraps short of its amount.
    const labelLines = rows.map((row) => this.text.wrap(row.label, leftAmount - this.text.width(this.amountText(row.amount), BODY, true) - 12 - (MARGIN + 20), BODY, true));
    // A credit note asks for no payment: it has no terms, as it has no due date.
    const terms = invoice.kind === "credit note" ? [] : this.text.wrap(t("payment.terms", { terms: invoice.paymentTerms }), half - 30, BODY);
    // Why no VAT is charged, under the tax it explains.
    const mentions = vatMentions(invoice).flatMap((mention) => this.text.wrap(mention, half - 30, BODY));
    const deductions = advanceDeductionsOf(invoice);
    const leftLines = labelLines.reduce((sum, lines) => sum + lines.length, 0);
    const height = Math.max(leftLines + 1, taxes.length + deductions.length + 3 + mentions.length + terms.length) * leading + 8;
    this.room(height);
    const top = this.y;
    this.line(t("summary.heading"), MARGIN, BODY + 1, INK, true);
    this.y -= leading + 2;
    rows.forEach((row, i) => {
      const strong = row.key === "currentPaymentDue";
      if (row.line !== "") this.line(`${row.line}.`, MARGIN, BODY, MUTED);
      labelLines[i]!.forEach((content, k) => {
        this.line(content, MARGIN + 20, BODY, strong ? INK : MUTED, strong);
        if (k === 0) this.amount(row.amount, leftAmount, BODY, strong);
        this.y -= leading;
      });
    });
    const bottom = this.y;

    this.y = top;
    const rightAmount = this.width - MARGIN;
    this.line(t("tax.heading"), rightX, BODY + 1, INK, true);
    this.y -= leading + 2;
    this.line(t("summary.lineReference", { label: t("summary.currentPaymentDue"), line: "8" }), rightX, BODY, MUTED);
    this.amount(invoice.result.summary.currentPaymentDue, rightAmount, BODY, false);
    this.y -= leading;
    for (const tax of taxes) {
      this.line(tax.label, rightX, BODY, MUTED);
      this.amount(tax.tax, rightAmount, BODY, false);
      this.y -= leading;
    }
    // The VAT an advance invoice already charged on the advance this invoice recovers.
    for (const deduction of deductions) {
      this.line(deduction.label, rightX, BODY, MUTED);
      this.amount(deduction.amount, rightAmount, BODY, false);
      this.y -= leading;
    }
    for (const mention of mentions) {
      this.line(mention, rightX, BODY, INK);
      this.y -= leading;
    }
    const dueLabel = t(invoice.kind === "credit note" ? "total.credited" : "total.due", { currency: invoice.result.currency });
    this.page.drawRectangle({ x: rightX - 6, y: this.y - leading - 4, width: rightAmount - rightX + 6, height: leading + 6, color: FILL });
    this.y -= 1;
    this.line(dueLabel, rightX, BODY + 2, INK, true);
    this.amount(invoice.result.summary.totalDue, rightAmount - 4, BODY + 2, true);
    this.y -= leading + 14;
    this.y -= this.block(terms, rightX, this.y, half - 30, BODY, INK);
    this.y = Math.min(this.y, bottom);
    this.latePayment();
  }

  /**
   * Under the summary and its payment terms, what paying late costs where the supplier's law asks
   * it said (latePaymentMentions): across the page, as three sentences of law read better there
   * than in the terms' half column.
   */
  private latePayment(): void {
    const width = this.width - 2 * MARGIN;
    const lines = latePaymentMentions(this.invoice).flatMap((mention) => this.text.wrap(mention, width, BODY));
    if (lines.length === 0) return;
    this.y -= 8;
    this.room(lines.length * BODY * LEADING);
    this.y -= this.block(lines, MARGIN, this.y, width, BODY, INK);
  }

  /**
   * An advance invoice's body: a line per VAT rate with the advance at it, the tax per rate, the
   * total due, the payment terms, and how the advance is recovered.
   */
  private advance(): void {
    const { invoice } = this;
    const leading = BODY * LEADING + 2;
    const half = (this.width - 2 * MARGIN) / 2;
    const [idHeading, descriptionHeading, rateHeading, amountHeading] = advanceHeadingsOf(invoice);
    const rateRight = MARGIN + half + 60;
    const amountRight = this.width - MARGIN;
    this.room(leading * 3);
    this.page.drawRectangle({ x: MARGIN, y: this.y - leading - 2, width: this.width - 2 * MARGIN, height: leading + 2, color: FILL });
    this.line(idHeading, MARGIN + 3, BODY, INK, true);
    this.line(descriptionHeading, MARGIN + 50, BODY, INK, true);
    this.line(rateHeading, rateRight - this.text.width(rateHeading, BODY, true), BODY, INK, true);
    this.line(amountHeading, amountRight - 3 - this.text.width(amountHeading, BODY, true), BODY, INK, true);
    this.y -= leading + 4;
    for (const line of invoice.result.lines) {
      const description = this.text.wrap(line.description, rateRight - 80 - MARGIN - 50, BODY);
      this.room(description.length * leading);
      this.line(line.id, MARGIN + 3, BODY);
      this.block(description, MARGIN + 50, this.y, rateRight - 80 - MARGIN - 50, BODY);
      const rate = formatDocumentPercent(line.taxRate, this.labels.language);
      this.line(rate, rateRight - this.text.width(rate, BODY, false), BODY);
      this.amount(line.thisPeriod, amountRight - 3, BODY, false);
      this.y -= description.length * leading + 2;
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: this.width - MARGIN, y: this.y + 1 }, thickness: 0.3, color: RULE });
    }
    this.y -= 10;
    const rightX = MARGIN + half + 30;
    const mentions = vatMentions(invoice).flatMap((mention) => this.text.wrap(mention, half - 30, BODY));
    this.room((invoice.result.taxBreakdown.length + mentions.length + 4) * leading);
    for (const tax of taxRowsOf(invoice)) {
      this.line(tax.label, rightX, BODY, MUTED);
      this.amount(tax.tax, amountRight, BODY, false);
      this.y -= leading;
    }
    for (const mention of mentions) {
      this.line(mention, rightX, BODY, INK);
      this.y -= leading;
    }
    this.page.drawRectangle({ x: rightX - 6, y: this.y - leading - 4, width: amountRight - rightX + 6, height: leading + 6, color: FILL });
    this.y -= 1;
    const { t } = this.labels;
    this.line(t("total.due", { currency: invoice.result.currency }), rightX, BODY + 2, INK, true);
    this.amount(invoice.result.summary.totalDue, amountRight - 4, BODY + 2, true);
    this.y -= leading + 14;
    const notes = [t("payment.terms", { terms: invoice.paymentTerms }), ...latePaymentMentions(invoice), advanceNoteOf(invoice)].flatMap((note) => this.text.wrap(note, this.width - 2 * MARGIN, BODY));
    this.room(notes.length * leading);
    this.y -= this.block(notes, MARGIN, this.y, this.width - 2 * MARGIN, BODY, INK);
  }

  /**
   * A final invoice's statement under the summary (§14(5) UStG): the whole contract's price and
   * VAT, each partial invoice in force with its net and VAT per rate, what is deducted, the
   * balance, the retention it holds back, and the balance due.
   */
  private finalStatement(): void {
    const rows = finalStatementRowsOf(this.invoice);
    if (rows === undefined) return;
    const leading = BODY * LEADING + 2;
    const half = (this.width - 2 * MARGIN) / 2;
    const amountRight = MARGIN + half - 10;
    const labelled = (label: string, amount: string, strong = false): void => {
      this.room(leading);
      this.line(label, MARGIN + 20, BODY, strong ? INK : MUTED, strong);
      this.amount(amount, amountRight, BODY, strong);
      this.y -= leading;
    };
    this.y -= 6;
    // Kept on one page when it fits one.
    const height = (rows.contract.length + rows.listing.length + rows.deductions.length + 4) * leading + 40;
    this.room(Math.min(height, this.height - 2 * MARGIN - FOOTER_SPACE - 40));
    for (const [i, row] of rows.contract.entries()) labelled(row.label, row.amount, i === rows.contract.length - 1);
    this.y -= 6;
    // The listing: number and date on the left, net and each rate's VAT in columns to the right,
    // each column as wide as its widest cell (German's "Rechnungsnummer" is wider than a number).
    const columns = rows.columns.length;
    const listed = rows.listing.map((invoice) =>
      [invoice.number, formatDocumentDate(invoice.date, this.labels.language), this.amountText(invoice.net), ...invoice.taxes.map((tax) => this.amountText(tax))].slice(0, columns));
    const widths = rows.columns.map((heading, c) => Math.max(this.text.width(heading, BODY, true), ...listed.map((cells) => this.text.width(cells[c] ?? "", BODY, false))));
    const gap = 16;
    // The number's and the date's left edges, then each amount's right edge.
    let x = MARGIN + 20;
    const edges = widths.map((width, c) => {
      if (c <= 1) {
        const left = x;
        x += width + gap;
        return left;
      }
      x += Math.max(width, 60);
      const right = x;
      x += gap;
      return right;
    });
    const listRow = (cells: string[], bold: boolean): void => {
      this.room(leading);
      cells.forEach((cell, c) => {
        const edge = edges[c] ?? 0;
        this.line(cell, c <= 1 ? edge : edge - this.text.width(cell, BODY, bold), BODY, INK, bold);
      });
      this.y -= leading;
    };
    this.room(leading * 3);
    this.line(rows.heading, MARGIN, BODY + 1, INK, true);
    this.y -= leading + 2;
    listRow(rows.columns, true);
    for (const cells of listed) listRow(cells, false);
    this.y -= 6;
    for (const row of rows.deductions) labelled(row.label, row.amount);
    this.room(leading + 6);
    this.page.drawRectangle({ x: MARGIN + 14, y: this.y - leading - 4, width: amountRight - MARGIN - 14 + 4, height: leading + 6, color: FILL });
    this.y -= 1;
    this.line(rows.due.label, MARGIN + 20, BODY + 1, INK, true);
    this.amount(rows.due.amount, amountRight, BODY + 1, true);
    this.y -= leading + 14;
  }

  /**
   * The hours billed from the timesheet this period, below the summary, on the table's first
   * columns: per line, each person's hours, rate and part of the line's amount (a late entry
   * said to be late), the heading repeated on each page it runs over to.
   */
  private timeAppendix(): void {
    const rows = this.invoice.timeAppendix ?? [];
    if (rows.length === 0) return;
    const { labels } = this;
    const { t } = labels;
    const rowLeading = TABLE * LEADING;
    const headings = [t("g703.id"), t("time.personRole"), t("time.hours"), t("time.rate"), t("time.per"), t("time.amount")];
    const heading = (): void => {
      this.line(t("time.heading"), MARGIN, BODY + 1, INK, true);
      this.y -= BODY * LEADING + 4;
      this.row(headings.map((heading) => [heading]), true);
      this.y -= rowLeading + 3;
    };
    this.y -= 10;
    this.room(3 * rowLeading + 20);
    heading();
    for (const r of rows) {
      const cells = [
        [r.line], this.text.wrap(timeRowLabel(r, labels), this.columns[1]!.width - 6, TABLE), [this.hoursText(r.hours)], [r.rate === undefined ? "" : this.rateText(r.rate)],
        [perLabel(r.per, labels)], [this.amountText(r.amount)],
      ];
      const height = Math.max(...cells.map((lines) => lines.length)) * rowLeading + 3;
      if (this.y - height < MARGIN + FOOTER_SPACE) {
        this.newPage();
        heading();
      }
      this.row(cells, false);
      this.y -= height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: this.columns[5]!.x + this.columns[5]!.width, y: this.y + 1 }, thickness: 0.3, color: RULE });
    }
  }

  /** An amount of the invoice's currency as its language writes it: 1,234.50 in English, 1.234,50 in German. */
  private amountText(amount: string): string {
    return formatDocumentAmount(amount, this.labels.language, this.invoice.result.minorUnits);
  }

  /** Hours with the decimals the core gives them (10.50), in the language's separators. */
  private hoursText(hours: string): string {
    return formatDocumentAmount(hours, this.labels.language, decimalsOf(hours));
  }

  /** A rate as the card states it, shown with at least the currency's minor units, as the amounts beside it (115 as 115.00). */
  private rateText(rate: string): string {
    const decimals = Math.max(this.invoice.result.minorUnits, decimalsOf(rate));
    return formatDocumentAmount(formatAmount(rate, decimals), this.labels.language, decimals);
  }

  private amount(amount: string, right: number, size: number, bold: boolean): void {
    this.figure(this.amountText(amount), right, size, bold);
  }

  /** A figure already written for reading, right-aligned at `right`. */
  private figure(content: string, right: number, size: number, bold: boolean): void {
    this.line(content, right - this.text.width(content, size, bold), size, INK, bold);
  }

  private footers(): void {
    const { t } = this.labels;
    const count = this.pages.length;
    const name = documentName(this.invoice.kind, this.labels);
    this.pages.forEach((page, i) => {
      const label = t("page.number", { page: String(i + 1), pages: String(count) });
      this.text.draw(page, label, this.width - MARGIN - this.text.width(label, 7.5), MARGIN - 6, 7.5, MUTED);
      this.text.draw(page, `${this.invoice.supplier.name} · ${name} ${this.invoice.number}`, MARGIN, MARGIN - 6, 7.5, MUTED);
    });
  }
}

const decimalsOf = (figure: string): number => figure.split(".")[1]?.length ?? 0;

function partyLines(party: IssuedInvoice["supplier"], { t }: DocumentText): string[] {
  return [party.address, party.taxId === "" ? "" : t("party.taxId", { taxId: party.taxId })].filter((l) => l !== "");
}
