import type { ExportFormat } from "../../export/exporter";
import { type Delivery, DeliveryError, type ExportFile, downloadFile } from "./host";

/**
 * Hands an export to the person in Excel, by the route each host allows (see
 * docs/decisions/0021-the-pane-on-every-host.md):
 * - Excel on the web, a browser: a download.
 * - Excel for Mac: its web view lets no add-in download a file, from the pane or from a
 *   dialog (office-js #2700, #3385). An xlsx opens as a new workbook (`Excel.createWorkbook`,
 *   ExcelApi 1.8) that the person saves from Excel; CSV and XML are text, shown in the pane to
 *   copy; a PDF cannot be handed over, and the pane says where to get one.
 * - Excel on Windows: a dialog of the add-in's own origin (download.html) receives the file
 *   (`messageChild`, DialogApi 1.2) and downloads it in a window of its own. Without DialogApi
 *   1.2, or when no dialog can open, the pane downloads the file itself, which Windows allows.
 * Nothing leaves the machine.
 */

/** What the download dialog and the pane say to each other, besides the file itself. */
export const DIALOG_MESSAGES = {
  /** The dialog's handler for the file is registered: the pane may send it. */
  ready: "ready",
  /** The dialog started the download. */
  saved: "saved",
  /** The person is done with the dialog: the pane closes it. */
  done: "done",
  /** The dialog cannot receive messages from the pane (no DialogApi 1.2 in it). */
  cannotReceive: "cannot-receive",
} as const;

/** What the download dialog receives: the file, its bytes in base64. */
export interface DialogFile {
  name: string;
  mimeType: string;
  base64: string;
}

// Office's dialog error codes (learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events).
const DIALOG_ALREADY_OPEN = 12007;
const DIALOG_PAGE_NOT_FOUND = 12002;
const DIALOG_PAGE_NOT_HTTPS = 12003;
const DIALOG_CLOSED = 12006;

const PDF_ON_MAC =
  "Excel for Mac does not let add-ins save files, so the PDF cannot be saved from here. Open this workbook in Excel on the web (the same Interim is there, and its PDF downloads), or make the PDF with the command line: interim invoice BOOK.xlsx --format pdf.";

function isMac(): boolean {
  return Office.context.platform === Office.PlatformType.Mac;
}

function supports(set: string, version: string): boolean {
  return Office.context.requirements.isSetSupported(set, version);
}

/**
 * Why a format cannot be handed over in this Excel, saying what to do instead; undefined when
 * it can. (Excel.createWorkbook's ExcelApi 1.8 is below the manifest's minimum, so every Mac
 * that loads Interim can open the xlsx.)
 */
export function unavailableInOffice(format: ExportFormat): string | undefined {
  // A Factur-X file is a PDF too: no text a person could copy.
  return isMac() && (format === "pdf" || format === "facturx") ? PDF_ON_MAC.replace("--format pdf", `--format ${format}`) : undefined;
}

export async function deliverInOffice(file: ExportFile): Promise<Delivery> {
  const refused = unavailableInOffice(file.format);
  if (refused !== undefined) throw new DeliveryError(refused);
  if (Office.context.platform === Office.PlatformType.OfficeOnline || (!isMac() && !supports("DialogApi", "1.2"))) {
    downloadFile(file.name, file.mimeType, file.bytes);
    return { kind: "downloaded" };
  }
  if (isMac()) {
    if (file.format !== "xlsx") return { kind: "text", name: file.name, text: new TextDecoder("utf-8").decode(file.bytes) };
    await openAsNewWorkbook(file);
    return { kind: "new-workbook" };
  }
  return saveThroughDialog(file);
}

async function openAsNewWorkbook({ name, bytes }: ExportFile): Promise<void> {
  try {
    await Excel.createWorkbook(toBase64(bytes));
  } catch (caught) {
    throw new DeliveryError(`Excel could not open ${name} as a new workbook. Close a workbook or two and export again, or export from Excel on the web.`, { cause: caught });
  }
}

/**
 * The dialog route: open download.html, wait until it says its handler is registered (a
 * message sent before that is lost), send the file, and settle when it has saved it, or when
 * it closes or fails first.
 */
function saveThroughDialog(file: ExportFile): Promise<Delivery> {
  const url = new URL("download.html", document.baseURI).href;
  return new Promise((resolve, reject) => {
    const paneDownload = () => {
      downloadFile(file.name, file.mimeType, file.bytes);
      resolve({ kind: "downloaded" });
    };
    Office.context.ui.displayDialogAsync(url, { height: 30, width: 35, displayInIframe: false }, (opened) => {
      if (opened.status === Office.AsyncResultStatus.Failed) {
        if (opened.error.code === DIALOG_ALREADY_OPEN) {
          reject(new DeliveryError(`An Interim window is already open. Close it, then export ${file.name} again.`));
          return;
        }
        // Any other refusal to open one (an older host, a policy): the pane's own download.
        paneDownload();
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
        if (!("message" in event)) return;
        switch (event.message) {
          case DIALOG_MESSAGES.ready: {
            const message: DialogFile = { name: file.name, mimeType: file.mimeType, base64: toBase64(file.bytes) };
            dialog.messageChild(JSON.stringify(message));
            break;
          }
          case DIALOG_MESSAGES.saved:
            resolve({ kind: "downloaded" });
            break;
          case DIALOG_MESSAGES.done:
            dialog.close();
            break;
          case DIALOG_MESSAGES.cannotReceive:
            dialog.close();
            paneDownload();
            break;
        }
      });
      // Settles the promise only if the dialog has not saved the file yet: a close after saving is the person's "done".
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (event) => {
        if (!("error" in event)) return;
        if (event.error !== DIALOG_CLOSED) dialog.close();
        reject(new DeliveryError(dialogEventMessage(event.error, file.name)));
      });
    });
  });
}

function dialogEventMessage(code: number, name: string): string {
  switch (code) {
    case DIALOG_CLOSED:
      return `The save window was closed before it saved ${name}. Export again, and leave the window open until it has saved the file.`;
    case DIALOG_PAGE_NOT_FOUND:
    case DIALOG_PAGE_NOT_HTTPS:
      return `The save window could not load its page (download.html), so ${name} was not saved. Ask whoever installed Interim to check that download.html is served over https beside taskpane.html (docs/deploy.md).`;
    default:
      return `The save window stopped (Office error ${code}) before it saved ${name}. Export again.`;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
