import type { WorkbookPort } from "../../workbook/port";

/**
 * What the task pane needs from where it runs: Excel (through Office.js) or the browser
 * preview (an in-memory workbook beside a grid). The pane itself knows neither.
 */
export interface PaneHost {
  workbook: WorkbookPort;
  /** Selects a cell, so the person can fix what a problem points at. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Shows a sheet, such as the invoice just written. */
  showSheet(sheet: string): Promise<void>;
  /** Calls back when the workbook's tables change; resolves to a function that stops it. */
  watch(onChange: () => void): Promise<() => void>;
  /** Hands a file to the person (a download). */
  saveFile(name: string, mimeType: string, bytes: Uint8Array): void;
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
