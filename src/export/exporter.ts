import type { IssuedInvoice } from "../core";
import type { FontSource } from "./pdf/fonts";

/** The formats an issued invoice is exported to. */
export type ExportFormat = "pdf" | "csv" | "xml" | "xrechnung" | "facturx" | "xlsx";

export const EXPORT_FORMATS: readonly ExportFormat[] = ["pdf", "csv", "xml", "xrechnung", "facturx", "xlsx"];

export interface ExportOptions {
  /** Paper for the PDF: A4 or US Letter; by default the contract's (see paperOf in the core). */
  paper?: "a4" | "letter";
  /** Where the PDF gets its fonts: required for a PDF (see src/export/pdf/fonts.ts). */
  fonts?: FontSource;
  /** CSV: start with a UTF-8 byte order mark (default true, so that Excel reads UTF-8). */
  bom?: boolean;
}

/** One output format: what it is called and how it is made from an issued invoice. */
export interface Exporter {
  format: ExportFormat;
  mimeType: string;
  /** File name extension without the dot. */
  extension: string;
  generate(invoice: IssuedInvoice, options?: ExportOptions): Promise<Uint8Array>;
}

/** The file name of an export: the invoice number and the format's extension (INV-0004.pdf). */
export function exportFileName(invoice: IssuedInvoice, exporter: Exporter): string {
  return `${invoice.number.replace(/[^\w.-]+/g, "_")}.${exporter.extension}`;
}
