/**
 * A small fake of the part of the Excel JavaScript API that OfficeWorkbook uses, backed by a
 * MemoryState so a test can compare what it leaves with what MemoryWorkbook leaves.
 *
 * It keeps Excel's rules where a mistake would hide: calls are queued and applied only at
 * `sync()`, in order, and a failing action stops the rest of the request (what was applied
 * stays, as in Excel); a property read before it was loaded and synced throws
 * PropertyNotLoaded; `*OrNullObject` gives a null object (`isNullObject` after sync) whose
 * navigation gives null objects and on which calls do nothing; `getItem` of a missing item
 * fails at sync with ItemNotFound; writing into a protected sheet fails; a request over 5 MB
 * fails. Members Excel has but OfficeWorkbook does not use are left out, so a call to one is
 * a TypeError rather than a silent success. Formulas are not evaluated: a string Excel would
 * take for a formula is stored as "#NAME?".
 */
import { parseCellAddress, rangeAddress } from "../../src/workbook/a1";
import { type MemorySheet, type MemoryState, type MemoryTable, addTableRow, cellOf, deleteTableRows, findSheet, findTable, newSheet, setCell } from "../../src/workbook/memory-workbook";
import type { ExcelRun } from "../../src/workbook/office-workbook";
import type { CellValue } from "../../src/workbook/port";

/** Excel on the web's limit on a request and on a response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What each queued action adds to a request besides its arguments (object path, ids). */
const ACTION_OVERHEAD_BYTES = 100;
const SHEET_ROWS = 1_048_576;

export class FakeExcelError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation: string | undefined };

  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

const errors = {
  propertyNotLoaded: (entity: string, property: string) =>
    new FakeExcelError(
      "PropertyNotLoaded",
      `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      `${entity}.${property}`,
    ),
  itemNotFound: (location: string) => new FakeExcelError("ItemNotFound", "The requested resource doesn't exist.", location),
  itemAlreadyExists: (location: string) => new FakeExcelError("ItemAlreadyExists", "A resource with the same name or identifier already exists.", location),
  invalidArgument: (location: string) => new FakeExcelError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", location),
  accessDenied: (location: string) => new FakeExcelError("AccessDenied", "You cannot perform the requested operation.", location),
  requestTooLarge: () =>
    new FakeExcelError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.", "context.sync"),
  responseTooLarge: () =>
    new FakeExcelError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.", "context.sync"),
  // The text Excel gives at run time (office-js #856, #3323), not the docs' table's rewording.
  cellEditMode: () =>
    new FakeExcelError(
      "InvalidOperationInCellEditMode",
      "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
      "context.sync",
    ),
};

/** What the fake records of a sheet's setup that MemorySheet has no place for. */
export interface FakeSheetSetup {
  /** Column widths in points, as written. */
  columnWidths: number[];
  orientation: string | undefined;
  paperSize: string | undefined;
  zoom: Excel.PageLayoutZoomOptions | undefined;
  printArea: string | undefined;
  printTitleRows: string | undefined;
  /** Range formats as written: `{address: "A12:J12", property: "font.bold", value: true}`. */
  formats: { address: string; property: string; value: unknown }[];
}

/** Excel.run's two overloads the product could use: a batch alone, or options and a batch. */
type FakeRun = ExcelRun & (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>);

export interface FakeExcel {
  /**
   * Excel.run over the fake: the batch, then the final sync Excel.run makes (free when nothing
   * is queued). Of the options, `delayForCellEdit` and a previous context (`previousObjects`)
   * are modelled.
   */
  run: FakeRun;
  /**
   * The user starts editing a cell (types into it, or presses F2). Until the returned function
   * ends it (Enter), every request Excel receives fails with InvalidOperationInCellEditMode,
   * unless its run asked `delayForCellEdit`: then it waits for the edit to end.
   */
  editCell(): () => void;
  /** Raises `tables.onChanged`, as an edit to any table does, and waits for the handlers. */
  changeTable(): Promise<void>;
  /** Round trips so far: syncs that had something queued (an empty sync sends nothing). */
  syncCount(): number;
  /** The size of each round trip's request, in bytes of JSON. */
  requestBytes: number[];
  setup(sheet: string): FakeSheetSetup | undefined;
}

/** What outlives a run: cell-edit mode and the registered event handlers. */
interface Host {
  /** Settles when the user's cell edit ends; undefined when no cell is being edited. */
  editing: Promise<void> | undefined;
  tableChanged: Set<(args: Excel.TableChangedEventArgs) => Promise<unknown>>;
}

interface Session {
  state: MemoryState;
  host: Host;
  delayForCellEdit: boolean;
  queue: { bytes: number; apply: () => void }[];
  responseBytes: number;
  setups: WeakMap<MemorySheet, FakeSheetSetup>;
}

/**
 * The API sets the fake models, as Office.context.requirements reports them: installed as the
 * global Office where a test has not put its own (one to model an older Excel, say).
 */
export const FAKE_API_SETS: Readonly<Record<string, string>> = { ExcelApi: "1.13" };

function isSetSupported(name: string, version: string): boolean {
  const modelled = FAKE_API_SETS[name];
  if (modelled === undefined) return false;
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const [hasMajor = 0, hasMinor = 0] = modelled.split(".").map(Number);
  return major < hasMajor || (major === hasMajor && minor <= hasMinor);
}

export function fakeExcelRun(state: MemoryState): FakeExcel {
  (globalThis as { Office?: unknown }).Office ??= { context: { requirements: { isSetSupported } } };
  const setups = new WeakMap<MemorySheet, FakeSheetSetup>();
  const requestBytes: number[] = [];
  const host: Host = { editing: undefined, tableChanged: new Set() };
  type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
  const run = async <T>(first: Excel.RunOptions | Batch<T>, second?: Batch<T>): Promise<T> => {
    const [options, batch] = typeof first === "function" ? [{}, first] : [first, second];
    if (batch === undefined) throw new TypeError("Excel.run needs a batch function.");
    const { previousObjects } = options;
    if (previousObjects !== undefined && !(previousObjects instanceof FakeRequestContext)) {
      throw errors.invalidArgument("Excel.run (previousObjects other than a context is not modelled)");
    }
    const context =
      previousObjects ?? new FakeRequestContext({ state, host, delayForCellEdit: false, queue: [], responseBytes: 0, setups }, requestBytes);
    sessionOf(context).delayForCellEdit = options.delayForCellEdit === true;
    const result = await batch(context as unknown as Excel.RequestContext);
    await context.sync();
    return result;
  };
  return {
    run,
    editCell: () => {
      let end = (): void => undefined;
      const editing = new Promise<void>((resolve) => {
        end = resolve;
      });
      host.editing = editing;
      return () => {
        if (host.editing === editing) host.editing = undefined;
        end();
      };
    },
    changeTable: async () => {
      const args = { type: "TableChanged", source: "Local", changeType: "RangeEdited" } as Excel.TableChangedEventArgs;
      await Promise.all([...host.tableChanged].map((handler) => handler(args)));
    },
    syncCount: () => requestBytes.length,
    requestBytes,
    setup: (name) => {
      const sheet = findSheet(state, name);
      return sheet && setups.get(sheet);
    },
  };
}

// Kept off the context, so that it has Excel's members and nothing else.
const contextSessions = new WeakMap<FakeRequestContext, Session>();

function sessionOf(context: FakeRequestContext): Session {
  const session = contextSessions.get(context);
  if (session === undefined) throw new Error("Not a fake Excel context.");
  return session;
}

class FakeRequestContext {
  readonly workbook: FakeWorkbook;

  constructor(
    private readonly session: Session,
    private readonly requestBytes: number[],
  ) {
    this.workbook = new FakeWorkbook(session, this);
    contextSessions.set(this, session);
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const actions = this.session.queue;
    this.session.queue = [];
    if (actions.length === 0) return;
    // Excel takes a request only outside cell-edit mode: it holds it, or fails it whole.
    while (this.session.host.editing !== undefined) {
      if (!this.session.delayForCellEdit) throw errors.cellEditMode();
      await this.session.host.editing;
    }
    const bytes = actions.reduce((sum, action) => sum + action.bytes, 0);
    this.requestBytes.push(bytes);
    if (bytes > PAYLOAD_LIMIT_BYTES) throw errors.requestTooLarge();
    this.session.responseBytes = 0;
    for (const action of actions) action.apply();
    if (this.session.responseBytes > PAYLOAD_LIMIT_BYTES) throw errors.responseTooLarge();
  }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "");
}

function enqueue(session: Session, apply: () => void, argumentBytes = 0): void {
  session.queue.push({ bytes: ACTION_OVERHEAD_BYTES + argumentBytes, apply });
}

// ---- Proxies --------------------------------------------------------------------------------

/** What a proxy is bound to, found at sync: the thing, null for a null object; ItemNotFound throws. */
type Resolver<T> = () => T | null;

interface Inner {
  session: Session;
  resolve: Resolver<unknown>;
  entity: string;
  properties: Record<string, (target: never) => unknown>;
  children: Record<string, () => FakeObject>;
  loaded: Map<string, unknown>;
  isNull: boolean | undefined;
}

// Kept off the proxies, so that they have Excel's members and nothing else.
const inners = new WeakMap<FakeObject, Inner>();

function inner(proxy: FakeObject): Inner {
  const found = inners.get(proxy);
  if (found === undefined) throw new Error("Not a fake Excel proxy.");
  return found;
}

abstract class FakeObject {
  constructor(
    session: Session,
    resolve: Resolver<unknown>,
    entity: string,
    properties: Record<string, (target: never) => unknown> = {},
    children: Record<string, () => FakeObject> = {},
  ) {
    inners.set(this, { session, resolve, entity, properties, children, loaded: new Map(), isNull: undefined });
  }

  get isNullObject(): boolean {
    const { isNull, entity } = inner(this);
    if (isNull === undefined) throw errors.propertyNotLoaded(entity, "isNullObject");
    return isNull;
  }

  load(properties: string | string[]): this {
    const list = (Array.isArray(properties) ? properties : properties.split(",")).map((p) => p.trim());
    enqueue(inner(this).session, () => applyLoad(this, list));
    return this;
  }
}

function applyLoad(proxy: FakeObject, properties: string[]): void {
  const self = inner(proxy);
  const target = self.resolve();
  self.isNull = target === null;
  const nested = new Map<string, string[]>();
  for (const property of properties) {
    const [head = "", ...rest] = property.split("/");
    if (rest.length > 0) {
      nested.set(head, [...(nested.get(head) ?? []), rest.join("/")]);
      continue;
    }
    const read = self.properties[head];
    if (read === undefined) throw errors.invalidArgument(`${self.entity}.${head}`);
    const value = target === null ? undefined : read(target as never);
    self.session.responseBytes += jsonBytes(value);
    self.loaded.set(head, value);
  }
  for (const [head, rest] of nested) {
    const child = self.children[head];
    if (child === undefined) throw errors.invalidArgument(`${self.entity}.${head}`);
    applyLoad(child(), rest);
  }
}

/** A loaded property's value; a null object's properties are undefined, as in office.js. */
function loaded(proxy: FakeObject, property: string): unknown {
  const self = inner(proxy);
  if (self.isNull === true) return undefined;
  if (!self.loaded.has(property)) throw errors.propertyNotLoaded(self.entity, property);
  return self.loaded.get(property);
}

/** office.js keeps a value the add-in sets, so reading it back needs no load. */
function remember(proxy: FakeObject, property: string, value: unknown): void {
  inner(proxy).loaded.set(property, value);
}

/** Queues a call on the proxy's target; on a null object it does nothing. */
function act<T>(proxy: FakeObject, apply: (target: T) => void, argumentBytes = 0): void {
  const self = inner(proxy);
  enqueue(
    self.session,
    () => {
      const target = self.resolve() as T | null;
      if (target !== null) apply(target);
    },
    argumentBytes,
  );
}

/** Excel tells whether an `*OrNullObject` result exists at the next sync, without a load. */
function probe(proxy: FakeObject): void {
  const self = inner(proxy);
  enqueue(self.session, () => {
    self.isNull = self.resolve() === null;
  });
}

function childResolver<P, T>(parent: Resolver<P>, step: (target: P) => T | null): Resolver<T> {
  return () => {
    const target = parent();
    return target === null ? null : step(target);
  };
}

function assertWritable(sheet: MemorySheet, location: string): void {
  if (sheet.protected) throw errors.accessDenied(location);
}

function setupOf(session: Session, sheet: MemorySheet): FakeSheetSetup {
  let setup = session.setups.get(sheet);
  if (setup === undefined) {
    setup = { columnWidths: [], orientation: undefined, paperSize: undefined, zoom: undefined, printArea: undefined, printTitleRows: undefined, formats: [] };
    session.setups.set(sheet, setup);
  }
  return setup;
}

// ---- Workbook -------------------------------------------------------------------------------

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeWorkbookTableCollection;
  readonly names: FakeNamedItemCollection;

  constructor(session: Session, context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(session);
    this.tables = new FakeWorkbookTableCollection(session, context);
    this.names = new FakeNamedItemCollection(session);
  }
}

abstract class FakeCollection<T, P extends FakeObject> extends FakeObject {
  constructor(
    protected readonly session: Session,
    entity: string,
    private readonly all: () => T[],
    private readonly proxyOf: (resolve: Resolver<T>) => P,
  ) {
    super(session, () => all(), entity);
  }

  get items(): P[] {
    return loaded(this, "items") as P[];
  }

  /** Loads "items/x": the items as they are at sync, each with x loaded. */
  override load(properties: string | string[]): this {
    const list = (Array.isArray(properties) ? properties : properties.split(",")).map((p) => p.trim().replace(/^items\//, ""));
    const self = inner(this);
    enqueue(self.session, () => {
      self.isNull = false;
      const items = this.all().map((target) => this.proxyOf(() => target));
      for (const item of items) applyLoad(item, list);
      self.loaded.set("items", items);
    });
    return this;
  }
}

class FakeWorksheetCollection extends FakeCollection<MemorySheet, FakeWorksheet> {
  constructor(session: Session) {
    super(session, "WorksheetCollection", () => session.state.sheets, (resolve) => new FakeWorksheet(session, resolve));
  }

  add(name: string): FakeWorksheet {
    const { state } = this.session;
    let added: MemorySheet | undefined;
    const sheet = new FakeWorksheet(this.session, () => {
      if (added === undefined || !state.sheets.includes(added)) throw errors.itemNotFound("Worksheet");
      return added;
    });
    enqueue(
      this.session,
      () => {
        if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw errors.invalidArgument("WorksheetCollection.add");
        if (findSheet(state, name) !== undefined) throw errors.itemAlreadyExists("WorksheetCollection.add");
        added = newSheet(name);
        state.sheets.push(added);
      },
      jsonBytes(name),
    );
    return sheet;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.session, () => {
      const sheet = findSheet(this.session.state, name);
      if (sheet === undefined) throw errors.itemNotFound("WorksheetCollection.getItem");
      return sheet;
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.session, () => findSheet(this.session.state, name) ?? null);
    probe(sheet);
    return sheet;
  }
}

// ---- Worksheet ------------------------------------------------------------------------------

class FakeWorksheet extends FakeObject {
  readonly tables: FakeWorksheetTableCollection;
  readonly protection: FakeWorksheetProtection;
  readonly pageLayout: FakePageLayout;

  constructor(
    private readonly session: Session,
    private readonly resolve: Resolver<MemorySheet>,
  ) {
    super(session, resolve, "Worksheet", { name: (sheet: MemorySheet) => sheet.name });
    this.tables = new FakeWorksheetTableCollection(session, resolve);
    this.protection = new FakeWorksheetProtection(session, resolve);
    this.pageLayout = new FakePageLayout(session, resolve);
    inner(this).children = { protection: () => this.protection };
  }

  get name(): string {
    return loaded(this, "name") as string;
  }

  /** Shows the sheet; the fake keeps no view, so only a missing sheet's ItemNotFound is modelled. */
  activate(): void {
    act<MemorySheet>(this, () => undefined);
  }

  delete(): void {
    act<MemorySheet>(this, (sheet) => {
      const { state } = this.session;
      state.sheets = state.sheets.filter((s) => s !== sheet);
      state.tables = state.tables.filter((t) => t.sheet !== sheet.name);
      // Excel keeps the names that referred to the sheet, as #REF!.
      for (const name of state.names) if (name.sheet === sheet.name) name.sheet = "#REF!";
    });
  }

  getRange(address: string): FakeRange {
    return new FakeRange(
      this.session,
      childResolver(this.resolve, (sheet) => ({ sheet, ...parseRange(address) })),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const range = new FakeRange(this.session, childResolver(this.resolve, (sheet) => usedRange(sheet, valuesOnly === true)));
    probe(range);
    return range;
  }
}

function usedRange(sheet: MemorySheet, valuesOnly: boolean): RangeTarget | null {
  const cells: [number, number][] = [];
  sheet.cells.forEach((row, r) => row.forEach((value, c) => value !== null && cells.push([r, c])));
  if (!valuesOnly) for (const key of sheet.numberFormats.keys()) cells.push(key.split(",").map(Number) as [number, number]);
  if (cells.length === 0) return null;
  const top = Math.min(...cells.map(([r]) => r));
  const left = Math.min(...cells.map(([, c]) => c));
  const bottom = Math.max(...cells.map(([r]) => r));
  const right = Math.max(...cells.map(([, c]) => c));
  return { sheet, top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

class FakeWorksheetProtection extends FakeObject {
  constructor(session: Session, resolve: Resolver<MemorySheet>) {
    super(session, resolve, "WorksheetProtection", { protected: (sheet: MemorySheet) => sheet.protected });
  }

  get protected(): boolean {
    return loaded(this, "protected") as boolean;
  }

  protect(): void {
    act<MemorySheet>(this, (sheet) => {
      sheet.protected = true;
    });
  }
}

class FakePageLayout extends FakeObject {
  constructor(
    private readonly session: Session,
    resolve: Resolver<MemorySheet>,
  ) {
    super(session, resolve, "PageLayout", {
      orientation: (sheet: MemorySheet) => setupOf(session, sheet).orientation,
      paperSize: (sheet: MemorySheet) => setupOf(session, sheet).paperSize,
      zoom: (sheet: MemorySheet) => setupOf(session, sheet).zoom,
    });
  }

  get orientation(): string {
    return loaded(this, "orientation") as string;
  }

  set orientation(value: string) {
    remember(this, "orientation", value);
    act<MemorySheet>(this, (sheet) => {
      if (value !== "Portrait" && value !== "Landscape") throw errors.invalidArgument("PageLayout.orientation");
      setupOf(this.session, sheet).orientation = value;
    });
  }

  get paperSize(): string {
    return loaded(this, "paperSize") as string;
  }

  /** Of Excel's paper sizes, the two Interim prints on. */
  set paperSize(value: string) {
    remember(this, "paperSize", value);
    act<MemorySheet>(this, (sheet) => {
      if (value !== "A4" && value !== "Letter") throw errors.invalidArgument("PageLayout.paperSize (only A4 and Letter are modelled)");
      setupOf(this.session, sheet).paperSize = value;
    });
  }

  get zoom(): Excel.PageLayoutZoomOptions {
    return loaded(this, "zoom") as Excel.PageLayoutZoomOptions;
  }

  set zoom(value: Excel.PageLayoutZoomOptions) {
    remember(this, "zoom", value);
    act<MemorySheet>(this, (sheet) => {
      setupOf(this.session, sheet).zoom = { ...value };
    });
  }

  setPrintArea(printArea: string): void {
    act<MemorySheet>(this, (sheet) => {
      parseRange(printArea);
      setupOf(this.session, sheet).printArea = printArea;
    });
  }

  setPrintTitleRows(rows: string): void {
    act<MemorySheet>(this, (sheet) => {
      if (!/^\$?\d+:\$?\d+$/.test(rows)) throw errors.invalidArgument("PageLayout.setPrintTitleRows");
      setupOf(this.session, sheet).printTitleRows = rows;
    });
  }
}

// ---- Range ----------------------------------------------------------------------------------

interface RangeTarget {
  sheet: MemorySheet;
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** "A1", "B2:D9", "C:C" or "12:12", 0-based. */
function parseRange(address: string): Omit<RangeTarget, "sheet"> {
  const columns = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(address);
  if (columns !== null) {
    const left = parseCellAddress(`${columns[1] as string}1`).column;
    const right = parseCellAddress(`${columns[2] as string}1`).column;
    return { top: 0, left, rows: SHEET_ROWS, columns: right - left + 1 };
  }
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address);
  if (rows !== null) return { top: Number(rows[1]) - 1, left: 0, rows: Number(rows[2]) - Number(rows[1]) + 1, columns: 16_384 };
  try {
    const [first = "", last = first] = address.split(":");
    const from = parseCellAddress(first);
    const to = parseCellAddress(last);
    return { top: from.row, left: from.column, rows: to.row - from.row + 1, columns: to.column - from.column + 1 };
  } catch {
    throw errors.invalidArgument(`Range address ${address}`);
  }
}

function addressOf(range: RangeTarget): string {
  return rangeAddress(range.top, range.left, range.rows, range.columns);
}

/** A value written to a cell, as Excel types it in: undefined leaves the cell as it is. */
function typedIn(value: unknown): CellValue | undefined {
  if (value === null) return undefined;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value !== "string") throw errors.invalidArgument("Range.values");
  if (value === "") return null;
  if (value.startsWith("'")) return value.slice(1);
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return Number(value);
  if (/^(true|false)$/i.test(value)) return value.toUpperCase() === "TRUE";
  if (/^[=+-]/.test(value)) return "#NAME?";
  return value;
}

function assertShape(values: unknown, rows: number, columns: number, location: string): asserts values is unknown[][] {
  if (!Array.isArray(values) || values.length !== rows || values.some((row) => !Array.isArray(row) || row.length !== columns)) {
    throw errors.invalidArgument(location);
  }
}

const rangeTargets = new WeakMap<FakeObject, Resolver<RangeTarget>>();

class FakeRange extends FakeObject {
  readonly format: FakeRangeFormat;

  constructor(
    private readonly session: Session,
    private readonly resolve: Resolver<RangeTarget>,
  ) {
    super(session, resolve, "Range", {
      values: (range: RangeTarget) =>
        Array.from({ length: range.rows }, (_, r) => Array.from({ length: range.columns }, (_, c) => cellOf(range.sheet, range.top + r, range.left + c) ?? "")),
      rowIndex: (range: RangeTarget) => range.top,
      columnIndex: (range: RangeTarget) => range.left,
      rowCount: (range: RangeTarget) => range.rows,
      columnCount: (range: RangeTarget) => range.columns,
      address: (range: RangeTarget) => `'${range.sheet.name}'!${addressOf(range)}`,
      numberFormat: (range: RangeTarget) =>
        Array.from({ length: range.rows }, (_, r) =>
          Array.from({ length: range.columns }, (_, c) => range.sheet.numberFormats.get(`${range.top + r},${range.left + c}`) ?? "General"),
        ),
      // True when every row of the range is hidden, false when none is, null when some are.
      rowHidden: (range: RangeTarget) => {
        const hidden = range.sheet.hiddenRows.filter((row) => row >= range.top && row < range.top + range.rows).length;
        return hidden === 0 ? false : hidden === range.rows ? true : null;
      },
    });
    this.format = new FakeRangeFormat(session, resolve);
    rangeTargets.set(this, resolve);
  }

  get values(): unknown[][] {
    return loaded(this, "values") as unknown[][];
  }

  set values(values: unknown[][]) {
    remember(this, "values", values);
    act<RangeTarget>(
      this,
      (range) => {
        assertShape(values, range.rows, range.columns, "Range.values");
        assertWritable(range.sheet, "Range.values");
        values.forEach((row, r) =>
          row.forEach((value, c) => {
            const typed = typedIn(value);
            if (typed !== undefined) setCell(range.sheet, range.top + r, range.left + c, typed);
          }),
        );
      },
      jsonBytes(values),
    );
  }

  set numberFormat(formats: unknown[][]) {
    remember(this, "numberFormat", formats);
    act<RangeTarget>(
      this,
      (range) => {
        assertShape(formats, range.rows, range.columns, "Range.numberFormat");
        assertWritable(range.sheet, "Range.numberFormat");
        formats.forEach((row, r) =>
          row.forEach((format, c) => {
            if (format === null) return;
            if (typeof format !== "string") throw errors.invalidArgument("Range.numberFormat");
            range.sheet.numberFormats.set(`${range.top + r},${range.left + c}`, format);
          }),
        );
      },
      jsonBytes(formats),
    );
  }

  get numberFormat(): unknown[][] {
    return loaded(this, "numberFormat") as unknown[][];
  }

  get rowHidden(): boolean | null {
    return loaded(this, "rowHidden") as boolean | null;
  }

  get rowIndex(): number {
    return loaded(this, "rowIndex") as number;
  }

  get columnIndex(): number {
    return loaded(this, "columnIndex") as number;
  }

  get rowCount(): number {
    return loaded(this, "rowCount") as number;
  }

  get columnCount(): number {
    return loaded(this, "columnCount") as number;
  }

  get address(): string {
    return loaded(this, "address") as string;
  }

  /** Selects the range; as with activate, only a missing sheet's ItemNotFound is modelled. */
  select(): void {
    act<RangeTarget>(this, () => undefined);
  }

  /**
   * The merged areas whose top-left cell is in the range (ExcelApi 1.13): an area that starts
   * outside the range is left out, as Excel does (office-js #3611); a null object when none.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const areas = new FakeRangeAreas(
      this.session,
      childResolver(this.resolve, (range) => {
        const starting = range.sheet.merges.filter(
          (m) => m.top >= range.top && m.top < range.top + range.rows && m.left >= range.left && m.left < range.left + range.columns,
        );
        return starting.length === 0 ? null : starting.map((m) => ({ sheet: range.sheet, ...m }));
      }),
    );
    probe(areas);
    return areas;
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(
      this.session,
      childResolver(this.resolve, (range) => {
        if (row < 0 || column < 0) throw errors.invalidArgument("Range.getCell");
        return { sheet: range.sheet, top: range.top + row, left: range.left + column, rows: 1, columns: 1 };
      }),
    );
  }
}

/** Rectangular ranges, as `getMergedAreasOrNullObject` gives them: only their `areas` are modelled. */
class FakeRangeAreas extends FakeObject {
  readonly areas: FakeRangeCollection;

  constructor(session: Session, resolve: Resolver<RangeTarget[]>) {
    super(session, resolve, "RangeAreas");
    this.areas = new FakeRangeCollection(session, () => resolve() ?? []);
  }
}

class FakeRangeCollection extends FakeCollection<RangeTarget, FakeRange> {
  constructor(session: Session, all: () => RangeTarget[]) {
    super(session, "RangeCollection", all, (resolve) => new FakeRange(session, resolve));
  }
}

/** Records a format write on the range, refused on a protected sheet. */
function recordFormat(proxy: FakeObject, session: Session, resolve: Resolver<RangeTarget>, property: string, value: unknown): void {
  remember(proxy, property, value);
  enqueue(
    session,
    () => {
      const range = resolve();
      if (range === null) return;
      assertWritable(range.sheet, `RangeFormat.${property}`);
      const setup = setupOf(session, range.sheet);
      if (property === "columnWidth") {
        for (let c = range.left; c < range.left + range.columns; c += 1) setup.columnWidths[c] = value as number;
      } else {
        setup.formats.push({ address: addressOf(range), property, value });
      }
    },
    jsonBytes(value),
  );
}

class FakeRangeFormat extends FakeObject {
  readonly font: FakeFormatPart;
  readonly fill: FakeFormatPart;
  readonly borders: FakeBorders;

  constructor(
    private readonly session: Session,
    private readonly resolve: Resolver<RangeTarget>,
  ) {
    super(session, resolve, "RangeFormat");
    this.font = new FakeFormatPart(session, resolve, "font", "bold");
    this.fill = new FakeFormatPart(session, resolve, "fill", "color");
    this.borders = new FakeBorders(session, resolve);
  }

  set wrapText(value: boolean) {
    recordFormat(this, this.session, this.resolve, "wrapText", value);
  }

  get wrapText(): boolean {
    return loaded(this, "wrapText") as boolean;
  }

  set columnWidth(points: number) {
    recordFormat(this, this.session, this.resolve, "columnWidth", points);
  }

  set rowHeight(points: number) {
    recordFormat(this, this.session, this.resolve, "rowHeight", points);
  }

  get rowHeight(): number {
    return loaded(this, "rowHeight") as number;
  }

  get columnWidth(): number {
    return loaded(this, "columnWidth") as number;
  }
}

/** RangeFont (bold), RangeFill (color) or RangeBorder (style): the one property OfficeWorkbook sets on each. */
class FakeFormatPart extends FakeObject {
  constructor(session: Session, resolve: Resolver<RangeTarget>, part: string, property: "bold" | "color" | "style") {
    super(session, resolve, part);
    Object.defineProperty(this, property, {
      get: () => loaded(this, `${part}.${property}`),
      set: (value: unknown) => recordFormat(this, session, resolve, `${part}.${property}`, value),
      enumerable: true,
    });
  }
}

class FakeBorders extends FakeObject {
  constructor(
    private readonly session: Session,
    private readonly resolve: Resolver<RangeTarget>,
  ) {
    super(session, resolve, "RangeBorderCollection");
  }

  getItem(edge: string): FakeFormatPart {
    if (!["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"].includes(edge)) {
      throw errors.invalidArgument("RangeBorderCollection.getItem");
    }
    return new FakeFormatPart(this.session, this.resolve, `borders.${edge}`, "style");
  }
}

// ---- Tables ---------------------------------------------------------------------------------

class FakeTableCollection extends FakeCollection<MemoryTable, FakeTable> {
  constructor(session: Session, all: () => MemoryTable[]) {
    super(session, "TableCollection", all, (resolve) => new FakeTable(session, resolve));
  }

  getItem(name: string): FakeTable {
    return new FakeTable(this.session, () => {
      const table = findTable(this.session.state, name);
      if (table === undefined) throw errors.itemNotFound("TableCollection.getItem");
      return table;
    });
  }

  getItemOrNullObject(name: string): FakeTable {
    const table = new FakeTable(this.session, () => findTable(this.session.state, name) ?? null);
    probe(table);
    return table;
  }
}

/** The workbook's tables, with the one event the product listens to. */
class FakeWorkbookTableCollection extends FakeTableCollection {
  readonly onChanged: FakeEvent<Excel.TableChangedEventArgs>;

  constructor(session: Session, context: FakeRequestContext) {
    super(session, () => session.state.tables);
    this.onChanged = new FakeEvent(session, context, session.host.tableChanged);
  }
}

/** An event: a handler is registered, and removed, at the next sync, as in Excel. */
class FakeEvent<T> {
  constructor(
    private readonly session: Session,
    private readonly context: FakeRequestContext,
    private readonly handlers: Set<(args: T) => Promise<unknown>>,
  ) {}

  add(handler: (args: T) => Promise<unknown>): { context: FakeRequestContext; remove: () => void } {
    enqueue(this.session, () => this.handlers.add(handler));
    return { context: this.context, remove: () => enqueue(this.session, () => this.handlers.delete(handler)) };
  }
}

/** A worksheet's tables: the only place the fake can add one (Excel also takes a sheet-qualified address at workbook level). */
class FakeWorksheetTableCollection extends FakeTableCollection {
  constructor(
    session: Session,
    private readonly sheet: Resolver<MemorySheet>,
  ) {
    super(session, () => {
      const found = sheet();
      return found === null ? [] : session.state.tables.filter((t) => t.sheet === found.name);
    });
  }

  add(address: string, hasHeaders: boolean): FakeTable {
    const { state } = this.session;
    let added: MemoryTable | undefined;
    const table = new FakeTable(this.session, () => {
      if (added === undefined || !state.tables.includes(added)) throw errors.itemNotFound("Table");
      return added;
    });
    enqueue(
      this.session,
      () => {
        const sheet = this.sheet();
        if (sheet === null) return;
        assertWritable(sheet, "TableCollection.add");
        // Not modelled: a table without a header row (Excel inserts one above the range).
        if (!hasHeaders) throw errors.invalidArgument("TableCollection.add (hasHeaders false is not modelled)");
        const { top, left, rows, columns } = parseRange(address);
        const overlaps = state.tables.some(
          (t) => t.sheet === sheet.name && t.top < top + rows && top < t.top + t.rows && t.left < left + columns && left < t.left + t.columns,
        );
        if (overlaps) throw errors.invalidArgument("TableCollection.add");
        for (let c = 0; c < columns; c += 1) if (cellOf(sheet, top, left + c) === null) setCell(sheet, top, left + c, `Column${c + 1}`);
        let n = state.tables.length + 1;
        while (findTable(state, `Table${n}`) !== undefined) n += 1;
        // A table of a header row alone gets one empty data row, as Excel's own "Format as Table" does.
        added = { name: `Table${n}`, sheet: sheet.name, top, left, rows: Math.max(rows, 2), columns };
        state.tables.push(added);
      },
      jsonBytes(address),
    );
    return table;
  }
}

class FakeTable extends FakeObject {
  readonly rows: FakeTableRowCollection;

  constructor(
    private readonly session: Session,
    private readonly resolve: Resolver<MemoryTable>,
  ) {
    super(session, resolve, "Table", { name: (table: MemoryTable) => table.name });
    inner(this).children = { worksheet: () => this.worksheet };
    this.rows = new FakeTableRowCollection(session, resolve);
  }

  get name(): string {
    return loaded(this, "name") as string;
  }

  set name(name: string) {
    remember(this, "name", name);
    act<MemoryTable>(
      this,
      (table) => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw errors.invalidArgument("Table.name");
        const other = findTable(this.session.state, name);
        if (other !== undefined && other !== table) throw errors.invalidArgument("Table.name");
        table.name = name;
      },
      jsonBytes(name),
    );
  }

  #worksheet: FakeWorksheet | undefined;

  get worksheet(): FakeWorksheet {
    this.#worksheet ??= new FakeWorksheet(
      this.session,
      childResolver(this.resolve, (table) => findSheet(this.session.state, table.sheet) ?? null),
    );
    return this.#worksheet;
  }

  /** The whole table: its header, its data rows and its total row when it has one. */
  getRange(): FakeRange {
    return this.rangeOf(0, (table) => table.rows + (table.totalRow === true ? 1 : 0));
  }

  getHeaderRowRange(): FakeRange {
    return this.rangeOf(0, () => 1);
  }

  getDataBodyRange(): FakeRange {
    return this.rangeOf(1, (table) => table.rows - 1);
  }

  private rangeOf(offset: number, rows: (table: MemoryTable) => number): FakeRange {
    const { state } = this.session;
    return new FakeRange(
      this.session,
      childResolver(this.resolve, (table) => {
        const sheet = findSheet(state, table.sheet);
        if (sheet === undefined) throw errors.itemNotFound("Table.worksheet");
        return { sheet, top: table.top + offset, left: table.left, rows: rows(table), columns: table.columns };
      }),
    );
  }
}

class FakeTableRowCollection extends FakeObject {
  constructor(
    private readonly session: Session,
    private readonly resolveTable: Resolver<MemoryTable>,
  ) {
    super(session, resolveTable, "TableRowCollection");
  }

  /** The data row at a 0-based index. */
  getItemAt(index: number): FakeTableRow {
    return new FakeTableRow(this.session, this.resolveTable, index);
  }

  /** Appends rows at the end of the table, above its total row; the fake does not model inserting at an index. */
  add(index: number | undefined, values: unknown[][]): void {
    act<MemoryTable>(
      this,
      (table) => {
        if (index !== undefined && index !== null && index !== -1) throw errors.invalidArgument("TableRowCollection.add (index is not modelled)");
        const sheet = findSheet(this.session.state, table.sheet);
        if (sheet === undefined) throw errors.itemNotFound("Table.worksheet");
        assertWritable(sheet, "TableRowCollection.add");
        assertShape(values, values.length, table.columns, "TableRowCollection.add");
        if (values.length === 0) throw errors.invalidArgument("TableRowCollection.add");
        for (const row of values) {
          addTableRow(sheet, table);
          row.forEach((value, c) => setCell(sheet, table.top + table.rows - 1, table.left + c, typedIn(value) ?? null));
        }
      },
      jsonBytes(values),
    );
  }
}

class FakeTableRow extends FakeObject {
  constructor(
    private readonly session: Session,
    resolve: Resolver<MemoryTable>,
    private readonly index: number,
  ) {
    super(session, resolve, "TableRow");
  }

  /** The sheet of a row that exists, on a sheet that may be written, else the error Excel gives. */
  private writableSheet(table: MemoryTable, method: string): MemorySheet {
    const sheet = findSheet(this.session.state, table.sheet);
    if (sheet === undefined) throw errors.itemNotFound("Table.worksheet");
    assertWritable(sheet, method);
    if (this.index < 0 || this.index >= table.rows - 1) throw errors.itemNotFound("TableRowCollection.getItemAt");
    return sheet;
  }

  /** Writes the row's cells, as typed in; a row that does not exist fails at sync. */
  set values(values: unknown[][]) {
    remember(this, "values", values);
    act<MemoryTable>(
      this,
      (table) => {
        const sheet = this.writableSheet(table, "TableRow.values");
        assertShape(values, 1, table.columns, "TableRow.values");
        (values[0] as unknown[]).forEach((value, c) => {
          const typed = typedIn(value);
          if (typed !== undefined) setCell(sheet, table.top + 1 + this.index, table.left + c, typed);
        });
      },
      jsonBytes(values),
    );
  }

  get values(): unknown[][] {
    return loaded(this, "values") as unknown[][];
  }

  /**
   * Deletes the row; the rows below move up. A row that does not exist fails at sync. While rows
   * of the table are hidden (a filter), the row stays where it is and no error says so, as
   * office-js #994 reports of Excel.
   */
  delete(): void {
    act<MemoryTable>(
      this,
      (table) => {
        const sheet = this.writableSheet(table, "TableRow.delete");
        if (sheet.hiddenRows.some((row) => row > table.top && row < table.top + table.rows)) return;
        deleteTableRows(this.session.state, table, [this.index]);
      },
      0,
    );
  }
}

// ---- Names ----------------------------------------------------------------------------------

type NameEntry = MemoryState["names"][number];

/** How Excel writes a sheet in a formula: quoted unless it is a plain word. */
function formulaOf(name: NameEntry): string {
  if (name.sheet === "#REF!") return "=#REF!$A$1";
  const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name.sheet) ? name.sheet : `'${name.sheet.replace(/'/g, "''")}'`;
  return `=${sheet}!$A$1`;
}

class FakeNamedItemCollection extends FakeCollection<NameEntry, FakeNamedItem> {
  constructor(session: Session) {
    super(session, "NamedItemCollection", () => session.state.names, (resolve) => new FakeNamedItem(session, resolve));
  }

  /** A name referring to a range proxy (the fake keeps only its sheet, as MemoryState does). */
  add(name: string, reference: FakeRange): FakeNamedItem {
    const { state } = this.session;
    let added: NameEntry | undefined;
    const item = new FakeNamedItem(this.session, () => {
      if (added === undefined || !state.names.includes(added)) throw errors.itemNotFound("NamedItem");
      return added;
    });
    const target = rangeTargets.get(reference);
    enqueue(
      this.session,
      () => {
        if (target === undefined) throw errors.invalidArgument("NamedItemCollection.add (only a Range is modelled)");
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw errors.invalidArgument("NamedItemCollection.add");
        if (state.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw errors.itemAlreadyExists("NamedItemCollection.add");
        const range = target();
        if (range === null) throw errors.invalidArgument("NamedItemCollection.add");
        added = { name, sheet: range.sheet.name };
        state.names.push(added);
      },
      jsonBytes(name),
    );
    return item;
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.session, () => {
      const found = this.session.state.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (found === undefined) throw errors.itemNotFound("NamedItemCollection.getItem");
      return found;
    });
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    const item = new FakeNamedItem(this.session, () => this.session.state.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null);
    probe(item);
    return item;
  }
}

class FakeNamedItem extends FakeObject {
  constructor(
    private readonly session: Session,
    resolve: Resolver<NameEntry>,
  ) {
    super(session, resolve, "NamedItem", { name: (item: NameEntry) => item.name, formula: formulaOf });
  }

  get name(): string {
    return loaded(this, "name") as string;
  }

  get formula(): string {
    return loaded(this, "formula") as string;
  }

  delete(): void {
    act<NameEntry>(this, (item) => {
      this.session.state.names = this.session.state.names.filter((n) => n !== item);
    });
  }
}

// ---- What a person does in Excel's grid ---------------------------------------------------

function tableAndSheet(state: MemoryState, tableName: string): { table: MemoryTable; sheet: MemorySheet } {
  const table = findTable(state, tableName);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error(`No table ${tableName}.`);
  return { table, sheet };
}

/**
 * Types a value into a cell, as a person does. With Excel's AutoCorrect option "Include new
 * rows and columns in table" (on by default), a value typed in the column just right of a
 * table, in its header or a data row, adds that column to the table, headed by what was typed
 * in the header row, else Column1, Column2, ...; one typed in the row just below a table
 * without a total row adds that row.
 */
export function typeInto(state: MemoryState, sheetName: string, address: string, value: CellValue): void {
  const sheet = findSheet(state, sheetName);
  if (sheet === undefined) throw new Error(`No sheet ${sheetName}.`);
  const { row, column } = parseCellAddress(address);
  setCell(sheet, row, column, value);
  for (const table of state.tables.filter((t) => t.sheet === sheet.name)) {
    if (column === table.left + table.columns && row >= table.top && row < table.top + table.rows) {
      if (row !== table.top) {
        const headers = new Set(Array.from({ length: table.columns }, (_, c) => String(cellOf(sheet, table.top, table.left + c)).toLowerCase()));
        let n = 1;
        while (headers.has(`column${n}`)) n += 1;
        setCell(sheet, table.top, column, `Column${n}`);
      }
      table.columns += 1;
    } else if (row === table.top + table.rows && table.totalRow !== true && column >= table.left && column < table.left + table.columns) {
      table.rows += 1;
    }
  }
}

/**
 * Data > Sort on a table column: the data rows (their values and number formats) in the
 * column's order, ascending or descending; numbers before text before logical values, blanks
 * last either way.
 */
export function sortTable(state: MemoryState, tableName: string, header: string, order: "ascending" | "descending"): void {
  const { table, sheet } = tableAndSheet(state, tableName);
  const key = columnOfHeader(sheet, table, header);
  const rank = (value: CellValue): number => (typeof value === "number" ? 0 : typeof value === "string" ? 1 : 2);
  const rows = Array.from({ length: table.rows - 1 }, (_, r) => table.top + 1 + r).map((sheetRow) => ({
    values: Array.from({ length: table.columns }, (_, c) => cellOf(sheet, sheetRow, table.left + c)),
    formats: Array.from({ length: table.columns }, (_, c) => sheet.numberFormats.get(`${sheetRow},${table.left + c}`)),
  }));
  const sign = order === "ascending" ? 1 : -1;
  rows.sort((a, b) => {
    const x = a.values[key] ?? null;
    const y = b.values[key] ?? null;
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
    if (rank(x) !== rank(y)) return sign * (rank(x) - rank(y));
    const [p, q] = typeof x === "string" ? [x.toLowerCase(), String(y).toLowerCase()] : [Number(x), Number(y)];
    return sign * (p < q ? -1 : p > q ? 1 : 0);
  });
  rows.forEach((row, r) =>
    row.values.forEach((value, c) => {
      const at = `${table.top + 1 + r},${table.left + c}`;
      setCell(sheet, table.top + 1 + r, table.left + c, value);
      const format = row.formats[c];
      if (format === undefined) sheet.numberFormats.delete(at);
      else sheet.numberFormats.set(at, format);
    }),
  );
}

/** A filter on a table column (Data > Filter): the data rows whose cell is not kept are hidden. */
export function filterTable(state: MemoryState, tableName: string, header: string, keep: (value: CellValue) => boolean): void {
  const { table, sheet } = tableAndSheet(state, tableName);
  const key = columnOfHeader(sheet, table, header);
  for (let r = table.top + 1; r < table.top + table.rows; r += 1) {
    if (!keep(cellOf(sheet, r, table.left + key)) && !sheet.hiddenRows.includes(r)) sheet.hiddenRows.push(r);
  }
}

function columnOfHeader(sheet: MemorySheet, table: MemoryTable, header: string): number {
  const column = Array.from({ length: table.columns }, (_, c) => cellOf(sheet, table.top, table.left + c)).indexOf(header);
  if (column < 0) throw new Error(`Table ${table.name} has no column ${header}.`);
  return column;
}
