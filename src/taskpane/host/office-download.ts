import { downloadFile } from "./host";

/**
 * Hands a file to the person in Excel. Excel on the web runs in a browser, where a blob
 * download works. The desktop hosts' web views (WebView2 on Windows, WKWebView on Mac) may
 * block downloads from the task pane, so there the file goes to a dialog of the add-in's own
 * origin (download.html) in a window of its own, which offers it as a download; nothing leaves
 * the machine.
 */
export function saveFileInOffice(name: string, mimeType: string, bytes: Uint8Array): void {
  if (Office.context.platform === Office.PlatformType.OfficeOnline) {
    downloadFile(name, mimeType, bytes);
    return;
  }
  const url = new URL("download.html", document.baseURI).href;
  Office.context.ui.displayDialogAsync(url, { height: 30, width: 35, displayInIframe: false }, (opened) => {
    if (opened.status === Office.AsyncResultStatus.Failed) {
      // No dialog (an older host, or one already open): try the task pane's own download.
      downloadFile(name, mimeType, bytes);
      return;
    }
    const dialog = opened.value;
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
      if ("message" in event && event.message === "ready") dialog.messageChild(JSON.stringify({ name, mimeType, base64: toBase64(bytes) }));
      if ("message" in event && event.message === "done") dialog.close();
    });
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
