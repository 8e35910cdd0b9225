import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { withEvenGlyphs, withMissingGlyphAtDefaultWidth } from "./fontkit-fixes";
import { type FontName, type FontSource, scriptFontsFor } from "./fonts";
import { breakLines } from "./line-break";

interface LoadedFont {
  pdf: PDFFont;
  hasGlyph: (codePoint: number) => boolean;
  /** The height of a capital letter, as a share of the font's size. */
  capHeight: number;
}

interface Run {
  text: string;
  font: LoadedFont;
}

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * Draws any Unicode text with embedded, subset fonts: each character goes to the first font
 * that has it (the script fonts for Arabic, Hebrew and CJK, then Noto Sans), and a string is
 * drawn as runs of one font each. fontkit shapes each run, joining Arabic letters and laying
 * a right-to-left run out right to left; the runs themselves follow in reading order, which
 * keeps a right-to-left name, and any Latin or digits beside it, readable on an invoice.
 * A character no font has is drawn as the font's missing-glyph box, never dropped.
 */
export class TextPainter {
  private readonly runsCache = new Map<string, Run[]>();
  private readonly widthCache = new Map<string, number>();

  private constructor(
    private readonly regular: LoadedFont,
    private readonly bold: LoadedFont,
    private readonly scripts: LoadedFont[],
  ) {}

  /** Embeds Noto Sans and, for the scripts that `allText` uses, their fonts; nothing else is fetched. */
  static async create(doc: PDFDocument, source: FontSource, allText: string): Promise<TextPainter> {
    // Latin text needs no shaping, and fontkit's full OpenType layout (every GSUB and GPOS
    // lookup of Noto Sans, for each string) made a 500-line invoice take seconds; pdf-lib reads
    // only the glyphs of a layout, so the Latin fonts map characters to glyphs directly.
    const plain = new Set<Uint8Array>();
    const parsed = new Map<Uint8Array, fontkit.Font>();
    doc.registerFontkit({
      create(bytes: Uint8Array, postscriptName?: string) {
        const font = withMissingGlyphAtDefaultWidth(withEvenGlyphs(parsed.get(bytes) ?? fontkit.create(bytes, postscriptName)));
        if (plain.has(bytes)) font.layout = ((text: string) => ({ glyphs: font.glyphsForString(text) })) as unknown as typeof font.layout;
        return font;
      },
    });
    const embed = async (name: FontName): Promise<LoadedFont> => {
      const bytes = await source.load(name);
      const font = fontkit.create(bytes);
      parsed.set(bytes, font);
      if (name === "regular" || name === "bold") plain.add(bytes);
      return { pdf: await doc.embedFont(bytes, { subset: true }), hasGlyph: (cp) => font.hasGlyphForCodePoint(cp), capHeight: font.capHeight / font.unitsPerEm };
    };
    const [regular, bold, ...scripts] = await Promise.all((["regular", "bold", ...scriptFontsFor(allText)] as FontName[]).map(embed));
    return new TextPainter(regular!, bold!, scripts);
  }

  /** Noto Sans Bold, for marks drawn directly (the draft watermark). */
  get boldFont(): PDFFont {
    return this.bold.pdf;
  }

  /** How tall Noto Sans Bold's capitals are at `size`: the height of the draft watermark's word. */
  capHeight(size: number): number {
    return this.bold.capHeight * size;
  }

  width(text: string, size: number, bold = false): number {
    const key = `${bold ? "b" : "r"}${text}`;
    let unit = this.widthCache.get(key);
    if (unit === undefined) {
      unit = this.runs(text, bold).reduce((sum, run) => sum + run.font.pdf.widthOfTextAtSize(run.text, 1), 0);
      this.widthCache.set(key, unit);
    }
    return unit * size;
  }

  draw(page: PDFPage, text: string, x: number, y: number, size: number, color: RGB, bold = false): void {
    let left = x;
    for (const run of this.runs(text, bold)) {
      page.drawText(run.text, { x: left, y, size, font: run.font.pdf, color });
      left += run.font.pdf.widthOfTextAtSize(run.text, size);
    }
  }

  /**
   * `text` in lines no wider than `width`: its own line breaks kept, each paragraph broken after
   * spaces or between ideographs, a piece wider than the line between graphemes (see breakLines).
   */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    return text.split(LINE_BREAK).flatMap((paragraph) => breakLines(paragraph, width, (piece) => this.width(piece, size, bold)));
  }

  private runs(text: string, bold: boolean): Run[] {
    const base = bold ? this.bold : this.regular;
    if (PRINTABLE_ASCII.test(text)) return [{ text, font: base }];
    const key = `${bold ? "b" : "r"}${text}`;
    const cached = this.runsCache.get(key);
    if (cached !== undefined) return cached;

    // pdf-lib breaks lines at \f, \u2028 and friends itself; control characters are not text: spaces.
    const chars = [...text.replace(CONTROL, " ")];
    const fonts = chars.map((char) => this.fontFor(char, base));
    // A space between two characters of one script font stays in that run, so that a
    // right-to-left phrase is shaped and ordered as a whole. The font of the next character that
    // is not a space is found in one pass from the end: a long text with many spaces stays linear.
    const spaces = chars.map((char) => /\s/u.test(char));
    const nextFonts: (LoadedFont | undefined)[] = new Array<LoadedFont | undefined>(chars.length);
    for (let i = chars.length - 1, next: LoadedFont | undefined; i >= 0; i--) {
      nextFonts[i] = next;
      if (!spaces[i]) next = fonts[i];
    }
    for (let i = 1; i < chars.length; i++) {
      if (spaces[i]) {
        const next = nextFonts[i];
        const previous = fonts[i - 1]!;
        if (next === previous && previous !== base && previous.hasGlyph(32)) fonts[i] = previous;
      }
    }
    const runs: Run[] = [];
    chars.forEach((char, i) => {
      const last = runs[runs.length - 1];
      if (last !== undefined && last.font === fonts[i]) last.text += char;
      else runs.push({ text: char, font: fonts[i]! });
    });
    this.runsCache.set(key, runs);
    return runs;
  }

  private fontFor(char: string, base: LoadedFont): LoadedFont {
    const cp = char.codePointAt(0)!;
    const isScript = RIGHT_TO_LEFT.test(char) || cp >= 0x2e80;
    if (!isScript && base.hasGlyph(cp)) return base;
    return this.scripts.find((font) => font.hasGlyph(cp)) ?? (this.regular.hasGlyph(cp) ? this.regular : base);
  }
}
