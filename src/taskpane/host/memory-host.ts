import { MemoryWorkbook, findSheet, setCell } from "../../workbook/memory-workbook";
import type { CellValue, WorkbookPort } from "../../workbook/port";
import { type Delivery, type ExportFile, type PaneHost, downloadFile } from "./host";

/** What the preview's grid shows: which sheet, which cell is selected. */
export interface GridView {
  sheet: string | undefined;
  cell: string | undefined;
  /** Counts changes, so a view re-renders when the workbook changes. */
  version: number;
}

/**
 * The task pane outside Excel: an in-memory workbook, and the state of the grid that shows it
 * beside the pane. Edits in the grid notify the pane as Excel's table events do.
 */
export class MemoryHost implements PaneHost {
  /** The port the pane writes through: the in-memory workbook, and the grid redraws after each write. */
  readonly workbook: WorkbookPort;
  private view: GridView = { sheet: undefined, cell: undefined, version: 0 };
  private readonly paneListeners = new Set<() => void>();
  private readonly gridListeners = new Set<() => void>();

  /** `displayLanguage`: the browser's by default, as Office's is in Excel; tests pass "de-DE". */
  constructor(
    readonly memory = new MemoryWorkbook(),
    readonly displayLanguage = navigator.language,
  ) {
    const after = async (write: () => Promise<void>): Promise<void> => {
      try {
        await write();
      } finally {
        // A write that failed part-way may still have changed the workbook, as in Excel.
        this.changed();
      }
    };
    this.workbook = {
      read: (table) => memory.read(table),
      writeInvoiceSheet: (layout, replace) => after(() => memory.writeInvoiceSheet(layout, replace)),
      commitInvoice: (commit) => after(() => memory.commitInvoice(commit)),
      writeSettings: (rows, create) => after(() => memory.writeSettings(rows, create)),
      createMilestoneTable: (name, sheet, values, columns) => after(() => memory.createMilestoneTable(name, sheet, values, columns)),
      createBillingLog: (currency) => after(() => memory.createBillingLog(currency)),
      appendRows: (appends) => after(() => memory.appendRows(appends)),
    };
  }

  /** For useSyncExternalStore: the current grid view, and subscribing to it. */
  readonly getView = (): GridView => this.view;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.gridListeners.add(listener);
    return () => this.gridListeners.delete(listener);
  };

  selectCell(sheet: string, cell: string): Promise<void> {
    this.setView({ sheet, cell });
    return Promise.resolve();
  }

  showSheet(sheet: string): Promise<void> {
    this.setView({ sheet, cell: undefined });
    return Promise.resolve();
  }

  watch(onChange: () => void): Promise<() => void> {
    this.paneListeners.add(onChange);
    return Promise.resolve(() => this.paneListeners.delete(onChange));
  }

  /** A browser saves every format as a download. */
  unavailable: PaneHost["unavailable"] = () => undefined;

  deliver({ name, mimeType, bytes }: ExportFile): Promise<Delivery> {
    downloadFile(name, mimeType, bytes);
    return Promise.resolve({ kind: "downloaded" });
  }

  /** A cell typed into the grid: the workbook changes, and the pane hears of it. */
  edit(sheet: string, row: number, column: number, value: CellValue): void {
    const target = findSheet(this.memory.state, sheet);
    if (target === undefined) throw new Error(`No sheet named ${sheet}.`);
    if (target.protected) throw new Error(`The sheet ${sheet} is protected.`);
    setCell(target, row, column, value);
    this.changed();
  }

  /** The workbook changed: the grid redraws and the pane reads it again, as after Excel's table events. */
  private changed(): void {
    this.setView({});
    for (const listener of this.paneListeners) listener();
  }

  private setView(change: Partial<GridView>): void {
    this.view = { ...this.view, ...change, version: this.view.version + 1 };
    for (const listener of this.gridListeners) listener();
  }
}
