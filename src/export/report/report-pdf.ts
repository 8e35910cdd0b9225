import { PDFDocument, type PDFPage } from "pdf-lib";
import { paperOf } from "../../core";
import type { FontSource } from "../pdf/fonts";
import { TextPainter } from "../pdf/text";
import { type FinanceReport, type ReportTable, agingReport, currencyTotals, displayCell, wipSchedule } from "./report";
import { FILL, INK, LEADING, MARGIN, MUTED, PAPER, RULE } from "../pdf/page-style";

const SIZE = 7.5;
const PAD = 3;
const FOOTER_SPACE = 28;

export interface ReportPdfOptions {
  fonts: FontSource;
  /** Default: Letter when every contract is in a currency that prints on Letter, A4 otherwise. */
  paper?: "a4" | "letter";
}

/**
 * The report as a PDF for the month-end file: the WIP schedule, the aging of receivables and
 * the totals per currency, each a table whose header is repeated on every page it runs over,
 * "Page i of N" on every page. Drawn with the invoice PDF's fonts and text layout (any script,
 * subset fonts); every figure is the core's text, only regrouped for reading.
 */
export async function toReportPdf(report: FinanceReport, options: ReportPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Financial report as of ${report.asOf}`);
  doc.setCreator("Interim");
  doc.setProducer("Interim (pdf-lib)");
  const tables = [wipSchedule(report), agingReport(report), currencyTotals(report)];
  const allText = [...tables.flatMap((t) => t.rows.flatMap((row) => row.cells)), ...report.failures.map((f) => f.file)].join("\n");
  const painter = await TextPainter.create(doc, options.fonts, allText);
  const letter = report.contracts.length > 0 && report.contracts.every((c) => paperOf(c.finances.currency) === "letter");
  const layout = new Layout(doc, painter, report, PAPER[options.paper ?? (letter ? "letter" : "a4")]);
  layout.render(tables);
  return doc.save({ useObjectStreams: true });
}

interface Column {
  x: number;
  width: number;
  right: boolean;
}

class Layout {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly width: number;
  private readonly height: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly text: TextPainter,
    private readonly report: FinanceReport,
    [width, height]: readonly [number, number],
  ) {
    this.width = width;
    this.height = height;
  }

  render(tables: ReportTable[]): void {
    this.newPage();
    const read = this.report.contracts.length;
    const all = read + this.report.failures.length;
    this.draw(`Financial report as of ${this.report.asOf}`, MARGIN, 16, INK, true);
    this.y -= 16 * LEADING + 4;
    this.draw(`${read} of ${all} workbook${all === 1 ? "" : "s"} read. Amounts are in each contract's currency; totals are per currency, never added across currencies.`, MARGIN, 8.5, MUTED);
    this.y -= 8.5 * LEADING + 14;
    if (read > 0) for (const table of tables) this.table(table);
    if (this.report.failures.length > 0) {
      const note = `Not in this report (the workbooks could not be read): ${this.report.failures.map((f) => f.file).join(", ")}.`;
      for (const line of this.text.wrap(note, this.width - 2 * MARGIN, 8.5)) {
        this.room(8.5 * LEADING);
        this.draw(line, MARGIN, 8.5, INK);
        this.y -= 8.5 * LEADING;
      }
    }
    this.footers();
  }

  private newPage(): void {
    this.page = this.doc.addPage([this.width, this.height]);
    this.pages.push(this.page);
    this.y = this.height - MARGIN;
  }

  private room(height: number): boolean {
    if (this.y - height >= MARGIN + FOOTER_SPACE) return false;
    this.newPage();
    return true;
  }

  private draw(content: string, x: number, size: number, color = INK, bold = false): void {
    this.text.draw(this.page, content, x, this.y - size, size, color, bold);
  }

  /**
   * Each column as wide as its widest cell (a heading may wrap between words). Room to spare
   * goes to every column alike; when the page is too narrow, the text columns (workbook,
   * contract, client) give up width and wrap, while figures are never wrapped.
   */
  private columnsOf(table: ReportTable): Column[] {
    const usable = this.width - 2 * MARGIN;
    const natural = table.columns.map((column, i) => {
      const cells = table.rows.map((row) => displayCell(row.cells[i], column.kind));
      const words = column.label.split(" ").map((word) => this.text.width(word, SIZE, true));
      return Math.max(...words, ...cells.map((cell) => this.text.width(cell, SIZE, true))) + 2 * PAD;
    });
    const wraps = table.columns.map((column) => column.kind === "text");
    const total = natural.reduce((sum, w) => sum + w, 0);
    const flexible = natural.reduce((sum, w, i) => sum + (wraps[i] === true ? w : 0), 0);
    const spare = usable - total;
    const widths = natural.map((w, i) => {
      if (spare >= 0) return w + spare / natural.length;
      return wraps[i] === true && flexible > 0 ? Math.max(w + (spare * w) / flexible, 4 * PAD) : w;
    });
    let x = MARGIN;
    return table.columns.map((column, i) => {
      const placed = { x, width: widths[i] ?? 0, right: column.kind !== "text" && column.kind !== "currency" };
      x += placed.width;
      return placed;
    });
  }

  private table(table: ReportTable): void {
    const columns = this.columnsOf(table);
    const rowLeading = SIZE * LEADING;
    const right = (columns[columns.length - 1]?.x ?? MARGIN) + (columns[columns.length - 1]?.width ?? 0);
    this.room(60);
    this.draw(table.title, MARGIN, 10, INK, true);
    this.y -= 10 * LEADING + 4;
    this.header(table, columns, right);
    table.rows.forEach((row, r) => {
      const bold = row.kind === "total";
      const cells = row.cells.map((cell, i) => {
        const shown = displayCell(cell, table.columns[i]?.kind ?? "text");
        const column = columns[i];
        return column === undefined || column.right ? [shown] : this.text.wrap(shown, column.width - 2 * PAD, SIZE, bold);
      });
      const height = Math.max(...cells.map((lines) => lines.length)) * rowLeading + 3;
      if (this.room(height)) {
        this.draw(`${table.title}, continued`, MARGIN, 8.5, MUTED, true);
        this.y -= 8.5 * LEADING + 4;
        this.header(table, columns, right);
      }
      if (bold && table.rows[r - 1]?.kind === "contract") this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: right, y: this.y + 1 }, thickness: 0.8, color: INK });
      this.cells(cells, columns, bold);
      this.y -= height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 1 }, end: { x: right, y: this.y + 1 }, thickness: 0.3, color: RULE });
    });
    this.y -= 18;
  }

  private header(table: ReportTable, columns: Column[], right: number): void {
    const labels = table.columns.map((column, i) => this.text.wrap(column.label, (columns[i]?.width ?? 0) - 2 * PAD, SIZE, true));
    const height = Math.max(...labels.map((lines) => lines.length)) * SIZE * LEADING + 6;
    this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: right - MARGIN, height, color: FILL });
    this.y -= 3;
    this.cells(labels, columns, true);
    this.y -= height - 1;
  }

  private cells(cells: string[][], columns: Column[], bold: boolean): void {
    cells.forEach((lines, i) => {
      const column = columns[i];
      if (column === undefined) return;
      lines.forEach((content, k) => {
        const y = this.y - (k + 1) * SIZE * LEADING + 1;
        const x = column.right ? column.x + column.width - PAD - this.text.width(content, SIZE, bold) : column.x + PAD;
        this.text.draw(this.page, content, x, y, SIZE, INK, bold);
      });
    });
  }

  private footers(): void {
    const count = this.pages.length;
    this.pages.forEach((page, i) => {
      const label = `Page ${i + 1} of ${count}`;
      this.text.draw(page, label, this.width - MARGIN - this.text.width(label, 7.5), MARGIN - 6, 7.5, MUTED);
      this.text.draw(page, `Interim · financial report as of ${this.report.asOf}`, MARGIN, MARGIN - 6, 7.5, MUTED);
    });
  }
}
