import type fontkit from "@pdf-lib/fontkit";

/** The parts of fontkit's TrueType subset that the fix below touches (fontkit 1.x internals). */
interface TrueTypeSubset {
  glyf?: Uint8Array[];
  offset?: number;
  _addGlyph?: (gid: number) => number;
}

/**
 * fontkit writes a subset's `loca` table in the short format (offsets halved) whenever the
 * subset's glyphs total under 64 KB, but copies each glyph's bytes as they are. Fonts built
 * with the long format may store glyphs of odd length (Noto Sans and Noto Sans SC do), and
 * every glyph after such a glyph then points half a byte off: readers draw it empty. Padding
 * each copied glyph to an even length, as the TrueType format expects, keeps the offsets exact.
 */
export function withEvenGlyphs(font: fontkit.Font): fontkit.Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as unknown as TrueTypeSubset;
    const addGlyph = subset._addGlyph;
    if (typeof addGlyph === "function") {
      subset._addGlyph = (gid: number) => {
        const index = addGlyph.call(subset, gid);
        const glyphs = subset.glyf;
        const last = glyphs?.[glyphs.length - 1];
        if (glyphs !== undefined && last !== undefined && last.length % 2 === 1 && subset.offset !== undefined) {
          // The same buffer class fontkit used (Node's Buffer, or its bundled one in a browser).
          const kind = last.constructor as unknown as { alloc(size: number): Uint8Array };
          const padded = kind.alloc(last.length + 1);
          padded.set(last);
          glyphs[glyphs.length - 1] = padded;
          subset.offset += 1;
        }
        return index;
      };
    }
    return subset as unknown as ReturnType<typeof createSubset>;
  };
  return font;
}

/**
 * pdf-lib's subset lists the widths of the glyphs a text uses but not of glyph 0, the
 * missing-glyph box (a character no font has, such as an emoji), so a viewer draws that box at
 * the PDF's default glyph width, 1000 units or one em, whatever the font says (Noto Sans: 0.6
 * em). Measuring the box at one em as well keeps a line of such characters within its column.
 */
export function withMissingGlyphAtDefaultWidth(font: fontkit.Font): fontkit.Font {
  Object.defineProperty(font.getGlyph(0), "advanceWidth", { value: font.unitsPerEm });
  return font;
}
