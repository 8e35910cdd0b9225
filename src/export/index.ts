import type { ExportFormat, Exporter } from "./exporter";

export { EXPORT_FORMATS, exportFileName, type ExportFormat, type ExportOptions, type Exporter } from "./exporter";
export { fetchFontSource, FONT_FILES, type FontName, type FontSource } from "./pdf/fonts";
export { ExportError } from "./export-error";

/**
 * The exporter of a format, loaded on demand: each format is its own chunk (pdf-lib, exceljs),
 * so the task pane's first load pays for none of them.
 */
export async function exporterFor(format: ExportFormat): Promise<Exporter> {
  switch (format) {
    case "pdf":
      return (await import("./pdf/pdf-exporter")).pdfExporter;
    case "csv":
      return (await import("./csv-exporter")).csvExporter;
    case "xml":
      return (await import("./ubl/ubl-exporter")).ublExporter;
    case "xrechnung":
      return (await import("./ubl/ubl-exporter")).xrechnungExporter;
    case "facturx":
      return (await import("./facturx/facturx-exporter")).facturxExporter;
    case "xlsx":
      return (await import("./xlsx-exporter")).xlsxExporter;
    default:
      throw new TypeError(`Unknown export format: ${String(format)}`);
  }
}
