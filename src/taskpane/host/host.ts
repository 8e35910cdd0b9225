import type { ExportFormat } from "../../export/exporter";
import type { WorkbookPort } from "../../workbook/port";

/** An export ready to hand to the person. */
export interface ExportFile {
  format: ExportFormat;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * How an export reached the person, so that the pane can say what happened and what to do
 * next: a download (in a browser, or from the download dialog), a new Excel workbook (xlsx on
 * Excel for Mac, which lets no add-in save a file), or text shown in the pane to copy (CSV and
 * XML on Excel for Mac).
 */
export type Delivery = { kind: "downloaded" } | { kind: "new-workbook" } | { kind: "text"; name: string; text: string };

/** An export that could not be handed over; the message says why and what to do instead. */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
}

/**
 * What the task pane needs from where it runs: Excel (through Office.js) or the browser
 * preview (an in-memory workbook beside a grid). The pane itself knows neither.
 */
export interface PaneHost {
  workbook: WorkbookPort;
  /**
   * The language the person reads Office in, a tag such as "de-DE" (Office.context.displayLanguage;
   * the browser's language in the preview): the pane's own text follows it where it has a
   * translation, and its numbers and dates follow its formats.
   */
  readonly displayLanguage: string;
  /** Selects a cell, so the person can fix what a problem points at. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Shows a sheet, such as the invoice just written. */
  showSheet(sheet: string): Promise<void>;
  /** Calls back when the workbook's tables change; resolves to a function that stops it. */
  watch(onChange: () => void): Promise<() => void>;
  /** Why a format cannot be handed over here, saying what to do instead; undefined when it can. */
  unavailable(format: ExportFormat): string | undefined;
  /** Hands an export to the person; rejects with a DeliveryError when it could not. */
  deliver(file: ExportFile): Promise<Delivery>;
}

/** Saves a file through the browser's download. */
export function downloadFile(name: string, mimeType: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
