import type { IssuedInvoice } from "../core";
import { type ExportFormat, exportFileName, exporterFor, fetchFontSource } from "../export";
import type { Delivery, PaneHost } from "./host/host";

/**
 * Exports an issued invoice or credit note and hands the file to the person. Each format's
 * code (pdf-lib, the xlsx writer) loads only when asked for; the PDF's fonts come from the
 * pane's own origin.
 */
export async function exportInvoice(host: PaneHost, format: ExportFormat, issued: IssuedInvoice): Promise<Delivery> {
  const exporter = await exporterFor(format);
  const bytes = await exporter.generate(issued, { fonts: fetchFontSource(new URL("fonts/", document.baseURI)) });
  return host.deliver({ format, name: exportFileName(issued, exporter), mimeType: exporter.mimeType, bytes });
}
