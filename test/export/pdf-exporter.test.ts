import { copyFileSync, statSync } from "node:fs";
import path from "node:path";
import type { IssuedInvoice } from "../../src/core";
import { exporterFor } from "../../src/export";
import { groupDigits } from "../../src/core";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { HOSTILE, creditNoteOf, draftInvoice, firstInvoice, longInvoice, thirdInvoice, unicodeInvoice } from "./fixtures";
import { fonts, pdfInfo, pdfText, tempDir, tool, writeTemp } from "./tools";

jest.setTimeout(60_000);
const dir = tempDir("pdf");
async function pdfOf(invoice: IssuedInvoice, name: string, paper: "a4" | "letter" = "a4"): Promise<string> {
  return writeTemp(dir, name, await toPdf(invoice, { fonts, paper }));
}
/** pdftotext's words joined by single spaces, so that wrapped and aligned text compares simply. */
const words = (text: string): string => text.replace(/\s+/g, " ");

describe("PDF export", () => {
  let first: IssuedInvoice;
  beforeAll(async () => {
    first = await firstInvoice();
  });

  test("every number, name and amount of the invoice is in the text of the PDF", async () => {
    const file = await pdfOf(first, "INV-0001.pdf");
    const text = words(pdfText(file));
    for (const expected of [
      "INVOICE", "INV-0001", "2026-09-30", "2026-09-01 to 2026-09-30", "Northwind Consulting Ltd", "Contoso Logistics GmbH",
      "Hafenstraße 8, 20457 Hamburg, Germany", "Tax id GB123456789", "CT-2026-014", "PO-88412", "EUR",
      "30 days net, by bank transfer to the account on file.", "Page 1 of 1",
    ]) expect(text).toContain(expected);
    for (const line of first.result.lines) {
      expect(text).toContain(line.id);
      for (const amount of [line.scheduledValue, line.previouslyCompleted, line.thisPeriod, line.completedAndStoredToDate, line.balanceToFinish, line.retention]) {
        expect(text).toContain(groupDigits(amount));
      }
    }
    const s = first.result.summary;
    for (const amount of [s.originalContractSum, s.netChangeByChangeOrders, s.contractSumToDate, s.totalCompletedAndStoredToDate, s.totalRetention, s.totalEarnedLessRetention, s.currentPaymentDue, s.balanceToFinishIncludingRetention]) {
      expect(text).toContain(groupDigits(amount));
    }
    for (const tax of first.result.taxBreakdown) expect(text).toContain(groupDigits(tax.tax));
    expect(text).toMatch(/Tax at 19% on 65,087\.50 12,366\.63/);
    expect(text).toMatch(/Tax at 9% on 20,000\.00 1,800\.00/);
    expect(text).toMatch(/Total due \(EUR\) 94,999\.75/);
  });

  test("A4 and Letter, landscape", async () => {
    expect(pdfInfo(await pdfOf(first, "a4.pdf", "a4")).pageSize).toMatch(/^841\.89 x 595\.28 pts/);
    expect(pdfInfo(await pdfOf(first, "letter.pdf", "letter")).pageSize).toMatch(/^792 x 612 pts/);
  });

  test("a 500-line invoice is paginated with the table header on every page", async () => {
    const invoice = await longInvoice(500);
    const bytes = await toPdf(invoice, { fonts });
    const file = writeTemp(dir, "long.pdf", bytes);
    const { pages } = pdfInfo(file);
    expect(pages).toBeGreaterThanOrEqual(10);
    for (let page = 1; page <= pages; page++) {
      const text = words(pdfText(file, "-f", String(page), "-l", String(page)));
      if (text.includes("Work package")) expect(text).toContain("Description of work");
      expect(text).toContain(`Page ${page} of ${pages}`);
      if (page > 1) expect(text).toContain("INVOICE INV-0001, continued");
    }
    const all = words(pdfText(file));
    for (const line of invoice.result.lines) expect(all).toContain(`${line.id} Work package ${Number(line.id.slice(1))}:`);
    expect(all).toContain(groupDigits(invoice.result.summary.totalDue));
  });

  test("accents, CJK, Hebrew and Arabic are drawn with embedded fonts, not dropped", async () => {
    const invoice = await unicodeInvoice();
    const file = await pdfOf(invoice, "unicode.pdf");
    const text = words(pdfText(file, "-raw"));
    expect(text).toContain(HOSTILE.supplierName);
    expect(text).toContain("北京建设工程有限公司");
    expect(text).toContain("東京支店");
    expect(text).toContain("あいう");
    expect(text).toContain("钢结构安装");
    for (const word of ["רחוב", "הרצל", "תל", "אביב"]) expect(text).toContain(word);
    for (const word of ["أعمال", "الخرسانة", "المسلحة"]) expect(text).toMatch(new RegExp(word.normalize("NFKC")));
    const fontList = tool("pdffonts", [file]);
    for (const font of ["NotoSans-Regular", "NotoSans-Bold", "NotoSansHebrew", "NotoNaskhArabic", "NotoSansSC"]) expect(fontList).toContain(font);
    // Every font is embedded (pdffonts' "emb" column), and subset: the 10 MB CJK font adds a few kilobytes.
    for (const row of fontList.split("\n").slice(2).filter((r) => r.trim() !== "")) expect(row).toMatch(/Identity-H\s+yes\s/);
    expect(statSync(file).size).toBeLessThan(300_000);
    copyFileSync(file, path.join(__dirname, "artifacts", "unicode.pdf"));
  });

  test("a Latin-only invoice loads no script fonts", async () => {
    const loaded: string[] = [];
    await toPdf(first, { fonts: { load: (font) => (loaded.push(font), fonts.load(font)) } });
    expect(loaded.sort()).toEqual(["bold", "regular"]);
  });

  test("a credit note and a draft say so", async () => {
    const credit = words(pdfText(await pdfOf(creditNoteOf(first), "credit.pdf")));
    expect(credit).toContain("CREDIT NOTE");
    expect(credit).toContain("Cancels invoice INV-0001");
    expect(credit).toContain("Total credited (EUR) 94,999.75");
    const draft = words(pdfText(await pdfOf(await draftInvoice(), "draft.pdf")));
    expect(draft).toContain("DRAFT INVOICE");
    expect(draft).toContain("Draft: not a valid invoice");
  });

  test("released retention appears in the summary; the first page is rendered for a person to look at", async () => {
    const third = await thirdInvoice();
    const file = await pdfOf(third, "INV-0003.pdf");
    expect(words(pdfText(file))).toMatch(/Retention released 11,165\.00/);
    tool("pdftoppm", ["-r", "110", "-png", "-f", "1", "-singlefile", file, path.join(__dirname, "artifacts", "invoice-page-1")]);
    tool("pdftoppm", ["-r", "110", "-png", "-f", "1", "-singlefile", path.join(__dirname, "artifacts", "unicode.pdf"), path.join(__dirname, "artifacts", "unicode-page-1")]);
  });

  test("exporterFor('pdf') needs fonts, and says so", async () => {
    const exporter = await exporterFor("pdf");
    expect(exporter).toMatchObject({ mimeType: "application/pdf", extension: "pdf" });
    await expect(exporter.generate(first)).rejects.toMatchObject({ code: "MISSING_FONTS" });
    const bytes = await exporter.generate(first, { fonts });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  });
});
