import fontFiles from "./font-files.json";

/**
 * The fonts a PDF may embed: Noto (SIL Open Font License 1.1, fit to ship and to embed), as
 * TrueType so that pdf-lib can subset them. They are separate assets, never part of the task
 * pane's script: a PDF loads only the fonts its text needs (Latin always; Arabic, Hebrew or
 * CJK only when a name or description is written in them).
 * The list is JSON so that the build copies the same files it names.
 */
export const FONT_FILES = fontFiles;

export type FontName = keyof typeof FONT_FILES;

/**
 * Where the PDF exporter gets font files from. The caller decides: the add-in fetches them
 * from its own origin (`fetchFontSource`), the command line and tests read them from disk
 * (`fileFontSource` in ./file-font-source, kept apart so that the browser bundle never sees
 * Node's file system).
 */
export interface FontSource {
  load(font: FontName): Promise<Uint8Array>;
}

/**
 * Fonts served by the add-in itself, beside its pages (`https://<add-in origin>/fonts/NotoSans-Regular.ttf`):
 * never a CDN, so a PDF works where only the add-in's origin is reachable. Each file is
 * fetched once per source and kept.
 */
export function fetchFontSource(baseUrl: string | URL): FontSource {
  const cache = new Map<FontName, Promise<Uint8Array>>();
  return {
    load(font) {
      let bytes = cache.get(font);
      if (bytes === undefined) {
        const url = new URL(FONT_FILES[font].file, baseUrl);
        bytes = fetch(url).then(async (response) => {
          if (!response.ok) throw new Error(`The font ${url.href} could not be loaded (HTTP ${response.status}).`);
          return new Uint8Array(await response.arrayBuffer());
        });
        bytes.catch(() => cache.delete(font));
        cache.set(font, bytes);
      }
      return bytes;
    },
  };
}

/** Which of the script fonts a text needs, by Unicode block. */
export function scriptFontsFor(text: string): FontName[] {
  const fonts: FontName[] = [];
  if (/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u.test(text)) fonts.push("arabic");
  if (/[\u0590-\u05FF\uFB1D-\uFB4F]/u.test(text)) fonts.push("hebrew");
  if (/[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{2FA1F}]/u.test(text)) fonts.push("cjk");
  return fonts;
}
