import { downloadFile } from "./host/host";
import { DIALOG_MESSAGES, type DialogFile } from "./host/office-delivery";

/**
 * The download dialog (download.html): receives a file from the task pane and offers it as a
 * download in its own window, where the Windows host allows downloads. It tells the pane it is
 * ready only once its handler is registered, since a message sent before that is lost; a
 * button repeats the download.
 */

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function offer(root: HTMLElement, file: DialogFile): void {
  const bytes = fromBase64(file.base64);
  const save = document.createElement("button");
  save.type = "button";
  save.textContent = `Save ${file.name}`;
  save.addEventListener("click", () => downloadFile(file.name, file.mimeType, bytes));
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close";
  close.addEventListener("click", () => Office.context.ui.messageParent(DIALOG_MESSAGES.done));
  root.replaceChildren(save, close);
  downloadFile(file.name, file.mimeType, bytes);
  Office.context.ui.messageParent(DIALOG_MESSAGES.saved);
  save.focus();
}

void Office.onReady().then(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("download.html has no #root element.");
  Office.context.ui.addHandlerAsync(
    Office.EventType.DialogParentMessageReceived,
    (event) => offer(root, JSON.parse((event as { message: string }).message) as DialogFile),
    (registered) => {
      Office.context.ui.messageParent(registered.status === Office.AsyncResultStatus.Succeeded ? DIALOG_MESSAGES.ready : DIALOG_MESSAGES.cannotReceive);
    },
  );
});
