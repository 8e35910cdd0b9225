import path from "node:path";
import fc from "fast-check";
import { PDFDocument, rgb } from "pdf-lib";
import { breakLines } from "../../src/export/pdf/line-break";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { TextPainter } from "../../src/export/pdf/text";
import { ASTRAL_IDEOGRAPH, cjkText as cjk, emojiText as emoji, invoiceWithDescription } from "./fixtures";
import { fonts, pdfInfo, pdfText, tempDir, tool, writeTemp } from "./tools";

jest.setTimeout(60_000);

const graphemesOf = (text: string): string[] => [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const asciiWord = (count: number): string => "x".repeat(count);
/** The description column of the PDF's table at its font size, as the exporter wraps it. */
const COLUMN = 185.97;
const SIZE = 7.5;

describe("PDF line breaking", () => {
  let painter: TextPainter;
  beforeAll(async () => {
    painter = await TextPainter.create(await PDFDocument.create(), fonts, `${emoji(5)}${cjk(10)}`);
  });
  afterEach(() => jest.restoreAllMocks());

  /** How often, and over how many characters, wrapping `text` measures a width. */
  function measurements(text: string): { calls: number; characters: number } {
    const width = jest.spyOn(TextPainter.prototype, "width");
    painter.wrap(text, COLUMN, SIZE);
    const calls = width.mock.calls.length;
    const characters = width.mock.calls.reduce((sum, [measured]) => sum + measured.length, 0);
    width.mockRestore();
    return { calls, characters };
  }

  test.each([
    ["emoji (ZWJ sequences, modifiers, flags, surrogate pairs)", emoji],
    ["CJK without spaces", cjk],
    ["one ASCII word", asciiWord],
  ])("the widths measured grow linearly with the text: %s", (_, make) => {
    const small = measurements(make(50));
    const large = measurements(make(200));
    expect(large.calls).toBeLessThanOrEqual(4 * small.calls + 8);
    expect(large.characters).toBeLessThanOrEqual(4 * small.characters + 64);
  });

  test.each([
    ["400 emoji", emoji(400)],
    ["300 CJK characters", cjk(300)],
  ])("%s: every line within the column, full, and made of whole graphemes", (_, text) => {
    const lines = painter.wrap(text, COLUMN, SIZE);
    expect(lines.join("")).toBe(text);
    expect(lines.flatMap(graphemesOf)).toEqual(graphemesOf(text));
    lines.forEach((line, i) => {
      expect(line).not.toMatch(LONE_SURROGATE);
      expect(painter.width(line, SIZE)).toBeLessThanOrEqual(COLUMN);
      // Greedy: the next line's first grapheme would not have fitted.
      const next = lines[i + 1];
      if (next !== undefined) expect(painter.width(line + graphemesOf(next)[0]!, SIZE)).toBeGreaterThan(COLUMN);
    });
  });

  test("CJK breaks between ideographs, also after a word of Latin", () => {
    const unit = (text: string): number => [...text].length;
    expect(breakLines("ab 一二三四五六", 5, unit)).toEqual(["ab 一二", "三四五六"]);
    expect(breakLines("東京(支店)あいう", 4, unit)).toEqual(["東京(支", "店)あい", "う"]);
  });

  test("ordinary text: words kept whole, spaces at a break dropped, a word wider than the line broken", () => {
    const unit = (text: string): number => [...text].length;
    expect(breakLines("the quick brown fox", 9, unit)).toEqual(["the quick", "brown fox"]);
    expect(breakLines("  indented  twice", 10, unit)).toEqual(["  indented", "twice"]);
    expect(breakLines("abcdefghijkl mn", 5, unit)).toEqual(["abcde", "fghij", "kl mn"]);
    expect(breakLines("", 5, unit)).toEqual([""]);
    expect(breakLines("e\u0301e\u0301e\u0301", 2, unit)).toEqual(["e\u0301", "e\u0301", "e\u0301"]);
  });

  test("any words: lines within the width (or one grapheme), no word broken that fits a line, nothing lost", () => {
    const widths: Record<string, number> = { i: 2, m: 9, " ": 3 };
    const measure = (text: string): number => [...text].reduce((sum, c) => sum + (widths[c] ?? 5), 0);
    const word = fc.stringMatching(/^[a-zA-Z0-9é.,-]{1,30}$/);
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 8, max: 120 }), (words, width) => {
      const lines = breakLines(words.join(" "), width, measure);
      expect(lines.join(" ").split(" ").filter((w) => w !== "").join("")).toBe(words.join(""));
      for (const line of lines) if (graphemesOf(line).length > 1) expect(measure(line)).toBeLessThanOrEqual(width);
      const pieces = new Set(lines.flatMap((line) => line.split(" ")));
      for (const w of words) if (measure(w) <= width) expect(pieces).toContain(w);
    }));
  });
});

describe("PDF of a long unbroken description", () => {
  const dir = tempDir("pdf-lines");
  /** Where the description column's text may go on landscape A4 (the table's column weights, 3 pt of padding). */
  const DESCRIPTION = { left: 36 + (46 / 762) * 769.89, right: 36 + (236 / 762) * 769.89 - 3, bottom: 595.28 - 36 - 28 };

  async function pdfWithDescription(name: string, description: string): Promise<string> {
    return writeTemp(dir, name, await toPdf(await invoiceWithDescription(description), { fonts }));
  }

  /** Each word pdftotext finds, with its box (points from the top left of its page). */
  function wordsOf(file: string): { text: string; xMin: number; xMax: number; yMax: number }[] {
    return [...pdfText(file, "-bbox").matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map(([, xMin, xMax, yMax, text]) => ({ text: text!, xMin: Number(xMin), xMax: Number(xMax), yMax: Number(yMax) }));
  }

  /** Every word of the description lies within its column and above the footer. */
  function expectWithinColumnAndAboveFooter(file: string, description: string): void {
    const inColumn = wordsOf(file).filter((w) => [...w.text].every((c) => description.includes(c)));
    expect(inColumn.length).toBeGreaterThan(100);
    for (const word of inColumn) {
      expect(word.xMin).toBeGreaterThan(DESCRIPTION.left);
      expect(word.xMax).toBeLessThanOrEqual(DESCRIPTION.right + 0.01);
      expect(word.yMax).toBeLessThanOrEqual(DESCRIPTION.bottom);
    }
  }

  test("3,000 CJK characters: every one read back in order, within the column, the row going on over pages", async () => {
    const description = cjk(3000);
    const file = await pdfWithDescription("cjk.pdf", description);
    expect(pdfText(file, "-raw").match(/\p{Script=Han}/gu)?.join("")).toBe(description);
    expectWithinColumnAndAboveFooter(file, description);
    expect(pdfInfo(file).pages).toBeGreaterThanOrEqual(4);
  });

  test("a character no font has (the missing-glyph box) is drawn exactly as wide as it is measured", async () => {
    const doc = await PDFDocument.create();
    const text = "A😀😀😀😀😀😀😀😀😀😀";
    const painter = await TextPainter.create(doc, fonts, text);
    painter.draw(doc.addPage([400, 100]), `${text}|`, 10, 50, 10, rgb(0, 0, 0));
    const bar = wordsOf(writeTemp(dir, "missing-glyph.pdf", await doc.save())).find((w) => w.text === "|");
    expect(bar?.xMin).toBeCloseTo(10 + painter.width(text, 10), 2);
  });

  test("4,000 emoji: within the column, no surrogate pair broken, the row going on over pages", async () => {
    const description = emoji(4000);
    const file = await pdfWithDescription("emoji.pdf", description);
    // Emoji have no font (drawn as the missing-glyph box, which pdftotext cannot read back); the
    // ideograph outside the BMP among them is read back every time, its surrogate pair whole.
    expect(pdfText(file, "-raw").split(ASTRAL_IDEOGRAPH)).toHaveLength(801);
    expectWithinColumnAndAboveFooter(file, description);
    tool("pdftoppm", ["-r", "60", "-png", "-f", "2", "-singlefile", file, path.join(__dirname, "artifacts", "emoji-description-page-2")]);
  });
});
