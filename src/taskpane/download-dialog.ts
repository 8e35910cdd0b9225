import { downloadFile } from "./host/host";

/**
 * The download dialog (download.html): receives a file from the task pane and offers it as a
 * download in its own window, where the desktop hosts allow downloads. A button repeats it.
 */
interface FileMessage {
  name: string;
  mimeType: string;
  base64: string;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

void Office.onReady().then(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("download.html has no #root element.");
  Office.context.ui.addHandlerAsync(Office.EventType.DialogParentMessageReceived, (event) => {
    const file = JSON.parse((event as { message: string }).message) as FileMessage;
    const bytes = fromBase64(file.base64);
    const save = document.createElement("button");
    save.type = "button";
    save.textContent = `Save ${file.name}`;
    save.addEventListener("click", () => downloadFile(file.name, file.mimeType, bytes));
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", () => Office.context.ui.messageParent("done"));
    root.replaceChildren(save, close);
    downloadFile(file.name, file.mimeType, bytes);
    save.focus();
  });
  Office.context.ui.messageParent("ready");
});
