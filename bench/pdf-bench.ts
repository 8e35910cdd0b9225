import { resolve } from "node:path";
import { fileFontSource } from "../src/export/pdf/file-font-source";
import { toPdf } from "../src/export/pdf/pdf-exporter";
import { longInvoice } from "../test/export/fixtures";
import { type Row, medianMsAsync } from "./measure";

/** A 500-line PDF, after a first one (the task pane has made a PDF before; fonts are read). */
export async function benchPdf(quick: boolean): Promise<Row[]> {
  const fonts = fileFontSource([resolve(__dirname, "../node_modules")]);
  const invoice = await longInvoice(500);
  const ms = await medianMsAsync(() => toPdf(invoice, { fonts }), quick ? 3 : 7);
  return [{ what: "export: PDF of a 500-line invoice", figure: `${ms.toFixed(0)} ms`, budget: "< 1000 ms", within: ms < 1000 }];
}
