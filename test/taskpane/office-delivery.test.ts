/**
 * Exports in Excel, over a fake of the Office APIs this route uses, modelled on Microsoft's
 * documentation rather than on what the code expects:
 * - displayDialogAsync calls back with an AsyncResult: a Dialog, or an error code such as
 *   12007 (a dialog already open) (learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events);
 * - the dialog page registers its DialogParentMessageReceived handler with addHandlerAsync, which
 *   completes later, through its callback; a messageChild sent before that is lost;
 * - DialogEventReceived carries 12006 when the person closes the dialog, 12002 when its page
 *   cannot be loaded;
 * - messageChild exists only where DialogApi 1.2 is supported, which isSetSupported reports;
 * - Excel.createWorkbook(base64) opens a new workbook (ExcelApi 1.8).
 * Pane and dialog share one jsdom here, as two windows would share the Office runtime's routing.
 */
import type { ExportFile } from "../../src/taskpane/host/host";

type Handler = (event: object) => void;

interface FakeOptions {
  platform: "OfficeOnline" | "PC" | "Mac";
  sets?: Record<string, string>;
  /** The error code displayDialogAsync fails with; it opens when undefined. */
  openError?: number;
}

function fakeOffice({ platform, sets = { DialogApi: "1.2", ExcelApi: "1.9" }, openError }: FakeOptions) {
  const paneHandlers = new Map<string, Handler>();
  let childHandler: Handler | undefined;
  const lost: string[] = [];
  const dialog = {
    addEventHandler: jest.fn((type: string, handler: Handler) => paneHandlers.set(type, handler)),
    messageChild: jest.fn((message: string) => (childHandler === undefined ? lost.push(message) : childHandler({ message, origin: location.origin }))),
    close: jest.fn(),
  };
  const ui = {
    displayDialogAsync: jest.fn((_url: string, _options: object, callback: (result: object) => void) =>
      callback(
        openError === undefined
          ? { status: "succeeded", value: dialog }
          : { status: "failed", error: { code: openError, name: "Error", message: "raw Office text" } },
      ),
    ),
    addHandlerAsync: jest.fn((_type: string, handler: Handler, callback: (result: object) => void) => {
      // Registration completes asynchronously, as in Office.
      setTimeout(() => {
        childHandler = handler;
        callback({ status: "succeeded" });
      }, 0);
    }),
    messageParent: jest.fn((message: string) => paneHandlers.get("dialogMessageReceived")?.({ message, origin: location.origin })),
  };
  const createWorkbook = jest.fn<Promise<void>, [string?]>(() => Promise.resolve());
  const isSetSupported = (name: string, version: string) => sets[name] !== undefined && Number(sets[name]) >= Number(version);
  Object.assign(globalThis, {
    Office: {
      context: { platform, ui, requirements: { isSetSupported } },
      PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: {
        DialogMessageReceived: "dialogMessageReceived",
        DialogEventReceived: "dialogEventReceived",
        DialogParentMessageReceived: "dialogParentMessageReceived",
      },
      onReady: () => Promise.resolve({ host: "Excel", platform }),
    },
    Excel: { createWorkbook },
  });
  return {
    ui, dialog, lost, createWorkbook,
    /** Office reports an event of the dialog (12006: the person closed it). */
    dialogEvent: (error: number) => paneHandlers.get("dialogEventReceived")?.({ error }),
    /** The dialog page loads in its window. */
    loadDialogPage: () => jest.isolateModulesAsync(async () => void (await import("../../src/taskpane/download-dialog"))),
  };
}

const bytes = new Uint8Array([37, 80, 68, 70, 0, 255, 10]);
const file = (format: ExportFile["format"], content = bytes): ExportFile => ({ format, name: `INV-0001.${format}`, mimeType: "application/octet-stream", bytes: content });
let created: Blob[];

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeEach(() => {
  created = [];
  Object.assign(URL, { createObjectURL: jest.fn((blob: Blob) => (created.push(blob), "blob:interim")), revokeObjectURL: jest.fn() });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  jest.spyOn(console, "error").mockImplementation(() => undefined);
  document.body.innerHTML = '<div id="root"></div>';
});
afterEach(() => jest.restoreAllMocks());

const delivery = () => import("../../src/taskpane/host/office-delivery");

describe("exports in Excel on the web", () => {
  it("downloads every format as a blob", async () => {
    const office = fakeOffice({ platform: "OfficeOnline" });
    const { deliverInOffice, unavailableInOffice } = await delivery();
    for (const format of ["pdf", "csv", "xml", "xlsx"] as const) expect(unavailableInOffice(format)).toBeUndefined();
    await expect(deliverInOffice(file("pdf"))).resolves.toEqual({ kind: "downloaded" });
    expect(created).toHaveLength(1);
    expect(office.ui.displayDialogAsync).not.toHaveBeenCalled();
  });
});

describe("exports in Excel on Windows, through the download dialog", () => {
  it("sends the file only once the dialog's handler is registered, and settles when it has saved it", async () => {
    const office = fakeOffice({ platform: "PC" });
    const { deliverInOffice } = await delivery();
    const delivered = deliverInOffice(file("pdf"));
    expect(office.ui.displayDialogAsync).toHaveBeenCalledWith(expect.stringMatching(/\/download\.html$/), expect.objectContaining({ displayInIframe: false }), expect.any(Function));
    await office.loadDialogPage();
    await expect(delivered).resolves.toEqual({ kind: "downloaded" });
    expect(office.lost).toEqual([]);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ size: bytes.length });
    expect(document.querySelector("button")?.textContent).toBe("Save INV-0001.pdf");
    // Close in the dialog: the pane closes it.
    (document.querySelectorAll("button")[1] as HTMLButtonElement).click();
    expect(office.dialog.close).toHaveBeenCalled();
  });

  it("says so when the person closes the dialog before it saved the file", async () => {
    const office = fakeOffice({ platform: "PC" });
    const { deliverInOffice } = await delivery();
    const delivered = deliverInOffice(file("pdf"));
    office.dialogEvent(12006);
    await expect(delivered).rejects.toThrow("The save window was closed before it saved INV-0001.pdf. Export again");
    expect(created).toHaveLength(0);
  });

  it("says so when the dialog's page cannot be loaded (12002), naming no raw Office text", async () => {
    const office = fakeOffice({ platform: "PC" });
    const { deliverInOffice } = await delivery();
    const delivered = deliverInOffice(file("csv"));
    office.dialogEvent(12002);
    await expect(delivered).rejects.toMatchObject({ name: "DeliveryError", message: expect.stringContaining("could not load its page (download.html)") });
    expect(office.dialog.close).toHaveBeenCalled();
  });

  it("says so when a dialog is already open (12007)", async () => {
    fakeOffice({ platform: "PC", openError: 12007 });
    const { deliverInOffice } = await delivery();
    await expect(deliverInOffice(file("pdf"))).rejects.toThrow("An Interim window is already open. Close it, then export INV-0001.pdf again.");
    expect(created).toHaveLength(0);
  });

  it("downloads from the pane when no dialog can open for another reason", async () => {
    fakeOffice({ platform: "PC", openError: 12009 });
    const { deliverInOffice } = await delivery();
    await expect(deliverInOffice(file("csv"))).resolves.toEqual({ kind: "downloaded" });
    expect(created).toHaveLength(1);
  });

  it("downloads from the pane without DialogApi 1.2, never calling messageChild", async () => {
    const office = fakeOffice({ platform: "PC", sets: { DialogApi: "1.1", ExcelApi: "1.9" } });
    const { deliverInOffice } = await delivery();
    await expect(deliverInOffice(file("pdf"))).resolves.toEqual({ kind: "downloaded" });
    expect(office.ui.displayDialogAsync).not.toHaveBeenCalled();
    expect(office.dialog.messageChild).not.toHaveBeenCalled();
    expect(created).toHaveLength(1);
  });
});

describe("exports in Excel for Mac, where add-ins cannot download files", () => {
  it("opens the xlsx as a new workbook", async () => {
    const office = fakeOffice({ platform: "Mac" });
    const { deliverInOffice } = await delivery();
    await expect(deliverInOffice(file("xlsx"))).resolves.toEqual({ kind: "new-workbook" });
    expect(office.createWorkbook).toHaveBeenCalledWith(Buffer.from(bytes).toString("base64"));
    expect(office.ui.displayDialogAsync).not.toHaveBeenCalled();
    expect(created).toHaveLength(0);
  });

  it("hands CSV and XML over as text to copy, without the byte order mark", async () => {
    const office = fakeOffice({ platform: "Mac" });
    const { deliverInOffice } = await delivery();
    const csv = new TextEncoder().encode("\uFEFFLine;Amount\r\n1;€ 10.00\r\n");
    await expect(deliverInOffice(file("csv", csv))).resolves.toEqual({ kind: "text", name: "INV-0001.csv", text: "Line;Amount\r\n1;€ 10.00\r\n" });
    expect(office.ui.displayDialogAsync).not.toHaveBeenCalled();
    expect(created).toHaveLength(0);
  });

  it("says plainly that a PDF cannot be saved there, and where to get one", async () => {
    fakeOffice({ platform: "Mac" });
    const { deliverInOffice, unavailableInOffice } = await delivery();
    expect(unavailableInOffice("pdf")).toMatch(/Excel for Mac does not let add-ins save files.*Excel on the web.*--format pdf/);
    // A Factur-X file is a PDF as well: never shown as text to copy.
    expect(unavailableInOffice("facturx")).toMatch(/Excel for Mac does not let add-ins save files.*Excel on the web.*--format facturx\./);
    for (const format of ["csv", "xml", "xlsx"] as const) expect(unavailableInOffice(format)).toBeUndefined();
    await expect(deliverInOffice(file("pdf"))).rejects.toMatchObject({ name: "DeliveryError" });
    expect(created).toHaveLength(0);
  });

  it("turns a failure to open the workbook into plain words", async () => {
    const office = fakeOffice({ platform: "Mac" });
    office.createWorkbook.mockRejectedValue(Object.assign(new Error("RichApi.Error: GeneralException"), { code: "GeneralException" }));
    const { deliverInOffice } = await delivery();
    await expect(deliverInOffice(file("xlsx"))).rejects.toThrow("Excel could not open INV-0001.xlsx as a new workbook.");
  });
});

describe("the download dialog page", () => {
  it("tells the pane it cannot receive when its handler cannot be registered", async () => {
    const office = fakeOffice({ platform: "PC" });
    office.ui.addHandlerAsync.mockImplementation((_type: string, _handler: Handler, callback: (result: object) => void) =>
      setTimeout(() => callback({ status: "failed", error: { code: 5001 } }), 0),
    );
    const { deliverInOffice } = await delivery();
    const delivered = deliverInOffice(file("pdf"));
    await office.loadDialogPage();
    await settle();
    // The pane closes it and downloads the file itself.
    await expect(delivered).resolves.toEqual({ kind: "downloaded" });
    expect(office.dialog.close).toHaveBeenCalled();
    expect(created).toHaveLength(1);
  });
});
