/**
 * Exports in Excel: a blob download on the web; on the desktop hosts, a dialog of the add-in's
 * own origin that receives the file and offers it. Office.js is faked with the members these
 * two files use, with the shapes of @types/office-js.
 */
type Handler = (event: { message: string }) => void;

function fakeOffice(platform: string, dialogFails = false) {
  const sent: string[] = [];
  let dialogHandler: Handler | undefined;
  const dialog = {
    addEventHandler: jest.fn((_type: string, handler: Handler) => (dialogHandler = handler)),
    messageChild: jest.fn((message: string) => sent.push(message)),
    close: jest.fn(),
  };
  let parentHandler: Handler | undefined;
  const ui = {
    displayDialogAsync: jest.fn((_url: string, _options: object, callback: (result: object) => void) =>
      callback(dialogFails ? { status: "failed", error: { message: "no dialog" } } : { status: "succeeded", value: dialog }),
    ),
    addHandlerAsync: jest.fn((_type: string, handler: Handler) => (parentHandler = handler)),
    messageParent: jest.fn(),
  };
  Object.assign(globalThis, {
    Office: {
      context: { platform, ui },
      PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { DialogMessageReceived: "dialogMessageReceived", DialogParentMessageReceived: "dialogParentMessageReceived" },
      onReady: () => Promise.resolve({ host: "Excel", platform }),
    },
  });
  return { ui, dialog, sent, fromChild: (m: string) => dialogHandler?.({ message: m }), toChild: (m: string) => parentHandler?.({ message: m }) };
}

const bytes = new Uint8Array([37, 80, 68, 70, 0, 255, 10]);
let created: Blob[];

beforeEach(() => {
  created = [];
  Object.assign(URL, { createObjectURL: jest.fn((blob: Blob) => (created.push(blob), "blob:interim")), revokeObjectURL: jest.fn() });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => jest.restoreAllMocks());

describe("saving an export in Excel", () => {
  it("downloads a blob in Excel on the web", async () => {
    const office = fakeOffice("OfficeOnline");
    const { saveFileInOffice } = await import("../../src/taskpane/host/office-download");
    saveFileInOffice("INV-0001.pdf", "application/pdf", bytes);
    expect(created).toHaveLength(1);
    expect(office.ui.displayDialogAsync).not.toHaveBeenCalled();
  });

  it("on the desktop, sends the file to the download dialog once it is ready, and closes it when done", async () => {
    const office = fakeOffice("PC");
    const { saveFileInOffice } = await import("../../src/taskpane/host/office-download");
    saveFileInOffice("INV-0001.pdf", "application/pdf", bytes);
    expect(office.ui.displayDialogAsync).toHaveBeenCalledWith(expect.stringMatching(/\/download\.html$/), expect.objectContaining({ displayInIframe: false }), expect.any(Function));
    expect(created).toHaveLength(0);
    office.fromChild("ready");
    const message = JSON.parse(office.sent[0] ?? "{}") as { name: string; mimeType: string; base64: string };
    expect(message).toMatchObject({ name: "INV-0001.pdf", mimeType: "application/pdf" });
    expect([...Buffer.from(message.base64, "base64")]).toEqual([...bytes]);
    office.fromChild("done");
    expect(office.dialog.close).toHaveBeenCalled();
  });

  it("falls back to the task pane's download when no dialog opens", async () => {
    fakeOffice("Mac", true);
    const { saveFileInOffice } = await import("../../src/taskpane/host/office-download");
    saveFileInOffice("INV-0001.csv", "text/csv", bytes);
    expect(created).toHaveLength(1);
  });

  it("the dialog page offers the file it receives, and tells the pane when it is done", async () => {
    const office = fakeOffice("PC");
    await jest.isolateModulesAsync(async () => {
      await import("../../src/taskpane/download-dialog");
    });
    await Promise.resolve();
    expect(office.ui.messageParent).toHaveBeenCalledWith("ready");
    office.toChild(JSON.stringify({ name: "INV-0001.pdf", mimeType: "application/pdf", base64: Buffer.from(bytes).toString("base64") }));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ size: bytes.length, type: "application/pdf" });
    const save = document.querySelector("button");
    expect(save?.textContent).toBe("Save INV-0001.pdf");
    (document.querySelectorAll("button")[1] as HTMLButtonElement).click();
    expect(office.ui.messageParent).toHaveBeenLastCalledWith("done");
  });
});
