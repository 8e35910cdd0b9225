import { resolve } from "node:path";
import { fileFontSource } from "../src/export/pdf/file-font-source";
import { toPdf } from "../src/export/pdf/pdf-exporter";
import { ASTRAL_IDEOGRAPH, emojiText, invoiceWithDescription, longInvoice } from "../test/export/fixtures";
import { type Row, medianMsAsync } from "./measure";

/** A 500-line PDF, after a first one (the task pane has made a PDF before; fonts are read). */
export async function benchPdf(quick: boolean): Promise<Row[]> {
  const fonts = fileFontSource([resolve(__dirname, "../node_modules")]);
  const runs = quick ? 3 : 7;
  const invoice = await longInvoice(500);
  const ms = await medianMsAsync(() => toPdf(invoice, { fonts }), runs);
  // Line breaking against its baseline in the same run: 4,000 graphemes with nowhere to break
  // but between graphemes, and 4,000 ASCII characters in words; the same invoice otherwise, and
  // the same fonts (the emoji include an ideograph, which loads the CJK font; so does the baseline).
  const emoji = await invoiceWithDescription(emojiText(4000));
  const words = await invoiceWithDescription(`${"supply and install, floor 12 ".repeat(138).slice(0, 3998)} ${ASTRAL_IDEOGRAPH}`);
  const emojiMs = await medianMsAsync(() => toPdf(emoji, { fonts }), runs);
  const wordsMs = await medianMsAsync(() => toPdf(words, { fonts }), runs);
  const ratio = emojiMs / wordsMs;
  return [
    { what: "export: PDF of a 500-line invoice", figure: `${ms.toFixed(0)} ms`, budget: "< 1000 ms", within: ms < 1000 },
    {
      what: "export: PDF, one 4,000-emoji description (ZWJ sequences, surrogate pairs), against the same PDF with 4,000 ASCII characters in words (both loading the same fonts)",
      figure: `${emojiMs.toFixed(0)} ms against ${wordsMs.toFixed(0)} ms: ×${ratio.toFixed(2)}`,
      budget: "≤ ×2",
      within: ratio <= 2,
    },
  ];
}
