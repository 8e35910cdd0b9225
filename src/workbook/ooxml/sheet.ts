import { SaxesParser, type SaxesTagPlain } from "saxes";
import { columnLetters, parseCellAddress } from "../a1";
import { isoToSerial } from "../dates";
import type { CellArea, CellValue } from "../port";
import { WorkbookFileError } from "../xlsx-file";
import { decodeXstring, type SharedStrings } from "./shared-strings";
import { RELATIONSHIPS, RELATIONSHIP_NAMESPACES, SPREADSHEETML, attributeInTag, damagedPart, escapeXmlAttribute, escapeXmlText, openedTag, withAttributes, withChildText, withContentText } from "./xml";

// A worksheet part edited in place: the original text is kept, and only the rows and top-level
// elements Interim changes are rebuilt, so whatever Interim does not model (conditional formats,
// extLst, drawings, formulas in other cells) is written back byte for byte.

/** CT_Worksheet's children in schema order: Excel calls a file corrupt when they come in another. */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
  "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
  "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
  "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
  "extLst",
];
const ORDER = new Map(WORKSHEET_ORDER.map((name, index) => [name, index]));

/** The elements this module rewrites or adds; everything else at the top level is copied. */
type EditedElement = "sheetPr" | "dimension" | "cols" | "sheetProtection" | "pageSetup" | "tableParts";

/** Excel's limit on a cell's text (Excel specifications and limits). */
const MAX_CELL_TEXT = 32_767;

const BLANK_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELATIONSHIPS}">` +
  '<dimension ref="A1"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

export interface ReadCell {
  /** As the port gives a value: numbers, booleans, text ("" reads as null), an error as its code ("#N/A"),
   *  a formula's cached result, a t="d" ISO date as its Excel serial (dates.ts). */
  value: CellValue;
  /** The cell's s attribute (0 when absent). */
  style: number;
  /** A formula with no cached value (never calculated): its text ("" for a shared formula's child). */
  uncalculatedFormula?: string;
}

interface Cell extends ReadCell {
  column: number;
  /** [start, end) in the original text; -1 for a cell Interim adds. */
  start: number;
  end: number;
  /** The cell's text once Interim writes it. */
  written?: string;
  /** The range of a shared formula this cell holds the text of (other cells refer to it by si). */
  sharedRange?: string;
}

interface Row {
  index: number;
  /** Original offsets: the row's start, the end of its opening tag, its end; -1 for a new row. */
  start: number;
  openEnd: number;
  end: number;
  /** The qualified name, for the closing tag of a rebuilt row. */
  tag: string;
  hidden: boolean;
  cells: Cell[];
  changed: boolean;
  /** Attributes to set on the rebuilt row's tag (undefined removes one). */
  attributes: Record<string, string | undefined>;
}

interface TopElement {
  local: string;
  start: number;
  end: number;
}

interface Column {
  min: number;
  max: number;
  text: string;
}

/** What one pass over a worksheet part finds. */
interface ParsedSheet {
  label: string;
  xml: string;
  rows: Row[];
  /** The root's children, in document order. */
  top: TopElement[];
  merges: CellArea[];
  /** The root's prefix for the main namespace, with its colon ("x:"), or "". */
  mainPrefix: string;
  /** The root's prefix for the relationships namespace; undefined when the root declares none. */
  relationshipPrefix: string | undefined;
  sheetData: { start: number; openEnd: number; closeStart: number; selfClosing: boolean; tag: string };
  rootCloseStart: number;
  protectedSheet: boolean;
}

export class SheetPart {
  private readonly label: string;
  private readonly xml: string;
  private readonly rows: Row[];
  private readonly top: TopElement[];
  private readonly mergeAreas: CellArea[];
  private readonly mainPrefix: string;
  private readonly relationshipPrefix: string | undefined;
  private readonly sheetData: ParsedSheet["sheetData"];
  private readonly rootCloseStart: number;
  private protectedSheet: boolean;
  private readonly edits = new Map<EditedElement, string>();
  private columns: Column[] | undefined;
  private rowsChanged = false;
  private extent: { row: number; column: number } | undefined;

  private constructor(parsed: ParsedSheet) {
    this.label = parsed.label;
    this.xml = parsed.xml;
    this.rows = parsed.rows;
    this.top = parsed.top;
    this.mergeAreas = parsed.merges;
    this.mainPrefix = parsed.mainPrefix;
    this.relationshipPrefix = parsed.relationshipPrefix;
    this.sheetData = parsed.sheetData;
    this.rootCloseStart = parsed.rootCloseStart;
    this.protectedSheet = parsed.protectedSheet;
  }

  /** Parses a worksheet part's text (one saxes pass). `label` for errors ("BOOK.xlsx, part xl/worksheets/sheet2.xml"). */
  static parse(label: string, xml: string, strings: Pick<SharedStrings, "text">): SheetPart {
    return new SheetPart(SheetReader.read(label, xml, strings));
  }

  /** A new, empty worksheet (root with the main and r namespaces, <sheetData/>, pageMargins as Excel writes). */
  static blank(): SheetPart {
    return new SheetPart(SheetReader.read("A new sheet", BLANK_SHEET, undefined));
  }

  cell(row: number, column: number): ReadCell | undefined {
    const found = this.findRow(row);
    if (found === undefined) return undefined;
    const cell = found.cells[searchByKey(found.cells, column, (c) => c.column)];
    if (cell === undefined || cell.column !== column) return undefined;
    const read: ReadCell = { value: cell.value, style: cell.style };
    if (cell.uncalculatedFormula !== undefined) read.uncalculatedFormula = cell.uncalculatedFormula;
    return read;
  }

  /** The last 0-based row holding a non-empty value or a formula not yet calculated (-1 when none). */
  get lastRow(): number {
    return this.usedExtent().row;
  }

  /** The last 0-based column holding a non-empty value or a formula not yet calculated (-1 when none). */
  get lastColumn(): number {
    return this.usedExtent().column;
  }

  rowHidden(row: number): boolean {
    return this.findRow(row)?.hidden ?? false;
  }

  merges(): CellArea[] {
    return this.mergeAreas.map((area) => ({ ...area }));
  }

  isProtected(): boolean {
    return this.protectedSheet;
  }

  get changed(): boolean {
    return this.rowsChanged || this.edits.size > 0;
  }

  /** Writes a value (null clears the value but keeps the cell's style). style undefined keeps the cell's s. */
  setCell(row: number, column: number, value: CellValue, style?: number): void {
    if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`A cell cannot hold ${value} (row ${row + 1}, column ${column + 1}).`);
    // Excel opens no file with a longer cell; the callers check text against this limit first.
    if (typeof value === "string" && value.length > MAX_CELL_TEXT) throw new RangeError(`A cell holds at most ${MAX_CELL_TEXT} characters (row ${row + 1}, column ${column + 1}).`);
    const target = this.rowAt(row);
    const at = searchByKey(target.cells, column, (c) => c.column);
    let cell = target.cells[at];
    if (cell?.column === column && cell.sharedRange !== undefined) {
      // The other cells of a shared formula hold no text of their own: written over, they would break.
      throw new WorkbookFileError(
        "WOULD_LOSE_CONTENT",
        `${this.label}: cell ${columnLetters(column)}${row + 1} holds the formula that the cells ${cell.sharedRange} share, and Interim would write over it. Enter that formula again in those cells in Excel (select them, type it, Ctrl+Enter), save, and run the command again.`,
      );
    }
    if (cell === undefined || cell.column !== column) {
      cell = { column, start: -1, end: -1, value: null, style: 0 };
      insertAt(target.cells, at, cell);
    }
    cell.style = style ?? cell.style;
    cell.value = value === "" ? null : value;
    cell.uncalculatedFormula = undefined;
    cell.written = cellXml(this.mainPrefix, row, column, cell.value, cell.style);
    this.touch(target);
    // Kept up to date rather than recounted: a caller appending rows asks for the last row after each.
    const extent = this.extent;
    if (extent === undefined) return;
    if (cell.value !== null) this.extent = { row: Math.max(extent.row, row), column: Math.max(extent.column, column) };
    else if (row === extent.row || column === extent.column) this.extent = undefined;
  }

  setRowHeight(row: number, points: number): void {
    const target = this.rowAt(row);
    target.attributes.ht = String(points);
    target.attributes.customHeight = "1";
    this.touch(target);
  }

  setColumnWidth(column: number, characters: number): void {
    const min = column + 1;
    const p = this.mainPrefix;
    const wide = (text: string, from: number, to: number): string => withAttributes(text, { min: String(from), max: String(to) });
    const next: Column[] = [];
    let placed = false;
    for (const col of this.columnList()) {
      if (col.max < min || col.min > min) {
        next.push(col);
        continue;
      }
      // A <col> covering several columns is split so that only this column changes.
      if (col.min < min) next.push({ min: col.min, max: min - 1, text: wide(col.text, col.min, min - 1) });
      next.push({ min, max: min, text: withAttributes(wide(col.text, min, min), { width: String(characters), customWidth: "1" }) });
      if (col.max > min) next.push({ min: min + 1, max: col.max, text: wide(col.text, min + 1, col.max) });
      placed = true;
    }
    if (!placed) next.push({ min, max: min, text: `<${p}col min="${min}" max="${min}" width="${characters}" customWidth="1"/>` });
    next.sort((a, b) => a.min - b.min);
    this.columns = next;
    this.edits.set("cols", withContentText(this.current("cols") ?? `<${p}cols/>`, next.map((c) => c.text).join("")));
  }

  /** Sets the paper and fitting; fitting also sets <sheetPr><pageSetUpPr fitToPage="1"/>, without which Excel ignores it. */
  setPageSetup(setup: { paperSize: number; orientation?: "landscape" | "portrait"; fitToWidth?: number; fitToHeight?: number }): void {
    const updates: Record<string, string> = { paperSize: String(setup.paperSize) };
    if (setup.orientation !== undefined) updates.orientation = setup.orientation;
    if (setup.fitToWidth !== undefined) updates.fitToWidth = String(setup.fitToWidth);
    if (setup.fitToHeight !== undefined) updates.fitToHeight = String(setup.fitToHeight);
    const existing = this.current("pageSetup");
    this.edits.set("pageSetup", withAttributes(existing ?? `<${this.mainPrefix}pageSetup/>`, updates));
    if (setup.fitToWidth !== undefined || setup.fitToHeight !== undefined) this.fitToPage();
  }

  protect(): void {
    const existing = this.current("sheetProtection") ?? `<${this.mainPrefix}sheetProtection/>`;
    this.edits.set("sheetProtection", withAttributes(existing, { sheet: "1", objects: "1", scenarios: "1" }));
    this.protectedSheet = true;
  }

  addTablePart(relationshipId: string): void {
    const p = this.mainPrefix;
    const reference =
      this.relationshipPrefix === undefined ? `xmlns:r="${RELATIONSHIPS}" r:id="${escapeXmlAttribute(relationshipId)}"` : `${this.relationshipPrefix}:id="${escapeXmlAttribute(relationshipId)}"`;
    const added = `<${p}tablePart ${reference}/>`;
    const parts = withChildText(this.current("tableParts") ?? `<${p}tableParts/>`, added);
    const count = parts.match(/<([\w.-]+:)?tablePart\b/g)?.length ?? 0;
    this.edits.set("tableParts", withAttributes(parts, { count: String(count) }));
  }

  /** The part's text: unchanged rows keep their exact text; a changed row is rebuilt with its untouched
   *  cells' text verbatim; <dimension ref> updated; every other element kept as it was. */
  toXml(): string {
    if (!this.changed) return this.xml;
    if (this.rowsChanged) this.edits.set("dimension", withAttributes(this.current("dimension") ?? `<${this.mainPrefix}dimension/>`, { ref: this.dimension() }));
    const splices: { start: number; end: number; order: number; text: string }[] = [];
    for (const [local, text] of this.edits) {
      const existing = this.top.find((element) => element.local === local);
      const order = ORDER.get(local) ?? 0;
      if (existing === undefined) splices.push({ start: this.anchor(order), end: this.anchor(order), order, text });
      else splices.push({ start: existing.start, end: existing.end, order, text });
    }
    const data = this.sheetData;
    if (this.rowsChanged) splices.push({ start: data.start, end: (data.selfClosing ? data.openEnd : data.closeStart + `</${data.tag}>`.length), order: ORDER.get("sheetData") ?? 0, text: this.sheetDataXml() });
    splices.sort((a, b) => a.start - b.start || a.order - b.order);
    const pieces: string[] = [];
    let at = 0;
    for (const splice of splices) {
      pieces.push(this.xml.slice(at, splice.start), splice.text);
      at = splice.end;
    }
    pieces.push(this.xml.slice(at));
    return pieces.join("");
  }

  private findRow(index: number): Row | undefined {
    const found = this.rows[searchByKey(this.rows, index, (r) => r.index)];
    return found?.index === index ? found : undefined;
  }

  private rowAt(index: number): Row {
    const at = searchByKey(this.rows, index, (r) => r.index);
    const found = this.rows[at];
    if (found?.index === index) return found;
    const row: Row = { index, start: -1, openEnd: -1, end: -1, tag: `${this.mainPrefix}row`, hidden: false, cells: [], changed: true, attributes: {} };
    insertAt(this.rows, at, row);
    return row;
  }

  private touch(row: Row): void {
    row.changed = true;
    // spans is only a loading hint; a stale one after new cells is worse than none.
    if (row.start >= 0) row.attributes.spans = undefined;
    this.rowsChanged = true;
  }

  private usedExtent(): { row: number; column: number } {
    if (this.extent === undefined) {
      let row = -1;
      let column = -1;
      for (const r of this.rows) {
        for (const cell of r.cells) {
          if (cell.value === null && cell.uncalculatedFormula === undefined) continue;
          row = r.index;
          column = Math.max(column, cell.column);
        }
      }
      this.extent = { row, column };
    }
    return this.extent;
  }

  /** The range of every cell element, as Excel's <dimension> gives it. */
  private dimension(): string {
    let top = -1;
    let bottom = -1;
    let left = Number.MAX_SAFE_INTEGER;
    let right = -1;
    for (const row of this.rows) {
      const first = row.cells[0];
      const last = row.cells[row.cells.length - 1];
      if (first === undefined || last === undefined) continue;
      if (top < 0) top = row.index;
      bottom = row.index;
      left = Math.min(left, first.column);
      right = Math.max(right, last.column);
    }
    if (top < 0) return "A1";
    const from = `${columnLetters(left)}${top + 1}`;
    const to = `${columnLetters(right)}${bottom + 1}`;
    return from === to ? from : `${from}:${to}`;
  }

  /** The top-level element's current text: as edited, else as read; undefined when the part has none. */
  private current(local: EditedElement): string | undefined {
    const edited = this.edits.get(local);
    if (edited !== undefined) return edited;
    const existing = this.top.find((element) => element.local === local);
    return existing === undefined ? undefined : this.xml.slice(existing.start, existing.end);
  }

  /** Where an absent element of schema position `order` goes: before the first element that must follow it. */
  private anchor(order: number): number {
    const next = this.top.find((element) => (ORDER.get(element.local) ?? -1) > order);
    return next === undefined ? this.rootCloseStart : next.start;
  }

  private columnList(): Column[] {
    if (this.columns === undefined) {
      const text = this.current("cols") ?? "";
      this.columns = [...text.matchAll(/<([\w.-]+:)?col\b[^>]*>/g)].map((match) => {
        const tag = match[0];
        const min = Number(attributeInTag(tag, "min"));
        return { min, max: Number(attributeInTag(tag, "max") ?? min), text: tag.endsWith("/>") ? tag : `${tag.slice(0, -1)}/>` };
      });
    }
    return this.columns;
  }

  private fitToPage(): void {
    const p = this.mainPrefix;
    const properties = this.current("sheetPr");
    if (properties === undefined) {
      this.edits.set("sheetPr", `<${p}sheetPr><${p}pageSetUpPr fitToPage="1"/></${p}sheetPr>`);
      return;
    }
    const existing = /<([\w.-]+:)?pageSetUpPr\b[^>]*>/.exec(properties);
    this.edits.set(
      "sheetPr",
      existing === null
        ? // pageSetUpPr is the last child of CT_SheetPr (after tabColor and outlinePr).
          withChildText(properties, `<${p}pageSetUpPr fitToPage="1"/>`)
        : properties.slice(0, existing.index) + withAttributes(existing[0], { fitToPage: "1" }) + properties.slice(existing.index + existing[0].length),
    );
  }

  private sheetDataXml(): string {
    const data = this.sheetData;
    const open = this.xml.slice(data.start, data.openEnd);
    const pieces: string[] = [openedTag(open)];
    let at = data.openEnd;
    for (const row of this.rows) {
      if (row.start >= 0) {
        // What stands between rows (whitespace, comments) stays with the row that follows it.
        pieces.push(this.xml.slice(at, row.start));
        at = row.end;
      }
      pieces.push(row.changed ? this.rowXml(row) : this.xml.slice(row.start, row.end));
    }
    pieces.push(data.selfClosing ? `</${data.tag}>` : this.xml.slice(at, data.closeStart + `</${data.tag}>`.length));
    return pieces.join("");
  }

  private rowXml(row: Row): string {
    const open = row.start >= 0 ? openedTag(this.xml.slice(row.start, row.openEnd)) : `<${row.tag} r="${row.index + 1}">`;
    const cells = row.cells.map((cell) => cell.written ?? this.xml.slice(cell.start, cell.end));
    const attributes = Object.keys(row.attributes).length === 0 ? open : withAttributes(open, row.attributes);
    return `${attributes}${cells.join("")}</${row.tag}>`;
  }
}

interface Tag {
  name: string;
  prefix: string;
  local: string;
  uri: string;
  attributes: Record<string, string>;
  isSelfClosing: boolean;
}

const NO_NAMESPACES: Record<string, string> = { xml: "http://www.w3.org/XML/1998/namespace" };

/** One saxes pass over a worksheet part, recording offsets and values. */
class SheetReader {
  /** What is found so far: a sheet without sheetData is refused at the end. */
  private readonly part: Omit<ParsedSheet, "sheetData"> & { sheetData: ParsedSheet["sheetData"] | undefined };
  private depth = 0;
  private inSheetData = false;
  private inMergeCells = false;
  private row: Row | undefined;
  private lastRow = -1;
  private cell: Cell | undefined;
  /** The open cell's t, the text of its <v> or inline string, its formula, and whether it has a <v> or <is> text. */
  private cellType = "n";
  private raw = "";
  private formula: string | undefined;
  private hasValue = false;
  /** Which text a cell's child collects: its <v>, its <f>, or the <t> of an inline string (not of phonetic runs). */
  private collecting: "v" | "f" | "t" | undefined;
  private inPhonetic = false;
  private sheetDataStart = -1;
  /** Namespace declarations in scope and the open tag, by depth. */
  private readonly scopes: Record<string, string>[] = [];
  private readonly tags: Tag[] = [];
  private sheetDataOpenEnd = -1;
  private topStart = -1;
  private topLocal = "";

  private constructor(
    private readonly label: string,
    private readonly xml: string,
    private readonly strings: Pick<SharedStrings, "text"> | undefined,
  ) {
    this.part = { label, xml, rows: [], top: [], merges: [], mainPrefix: "", relationshipPrefix: undefined, sheetData: undefined, rootCloseStart: -1, protectedSheet: false };
  }

  static read(label: string, xml: string, strings: Pick<SharedStrings, "text"> | undefined): ParsedSheet {
    const reader = new SheetReader(label, xml, strings);
    // saxes's own namespace handling triples the time of a large sheet; the reader resolves
    // prefixes itself, which is all it needs (elements by namespace and local name).
    const parser = new SaxesParser({ xmlns: false, position: true });
    parser.on("opentag", (tag) => reader.open(reader.resolve(tag), parser.position));
    parser.on("closetag", () => reader.close(parser.position));
    parser.on("text", (text) => reader.text(text));
    parser.on("cdata", (text) => reader.text(text));
    try {
      parser.write(xml).close();
    } catch (error) {
      if (error instanceof WorkbookFileError) throw error;
      throw damagedPart(label, undefined, error);
    }
    const { sheetData } = reader.part;
    if (sheetData === undefined) throw damagedPart(label, "it has no cell data (sheetData)");
    return { ...reader.part, sheetData };
  }

  /** The tag with its namespace, from the declarations in scope; the scope of each depth is kept for its children. */
  resolve(tag: SaxesTagPlain): Tag {
    const parent = this.scopes[this.depth] ?? NO_NAMESPACES;
    let scope = parent;
    for (const name in tag.attributes) {
      if (name.charCodeAt(0) !== 120 || (name !== "xmlns" && !name.startsWith("xmlns:"))) continue;
      if (scope === parent) scope = { ...parent };
      scope[name === "xmlns" ? "" : name.slice(6)] = tag.attributes[name] ?? "";
    }
    this.scopes[this.depth + 1] = scope;
    const colon = tag.name.indexOf(":");
    const prefix = colon < 0 ? "" : tag.name.slice(0, colon);
    // One Tag per depth, reused: a large sheet has millions of tags, and garbage is its main cost.
    let resolved = this.tags[this.depth + 1];
    if (resolved === undefined) {
      resolved = { name: "", prefix: "", local: "", uri: "", attributes: tag.attributes, isSelfClosing: false };
      this.tags[this.depth + 1] = resolved;
    }
    resolved.name = tag.name;
    resolved.prefix = prefix;
    resolved.local = colon < 0 ? tag.name : tag.name.slice(colon + 1);
    resolved.uri = scope[prefix] ?? "";
    resolved.attributes = tag.attributes;
    resolved.isSelfClosing = tag.isSelfClosing;
    return resolved;
  }

  private open(tag: Tag, end: number): void {
    this.depth += 1;
    const main = SPREADSHEETML.has(tag.uri);
    const start = this.xml.lastIndexOf("<", end - 1);
    if (this.depth === 1) {
      if (!main || tag.local !== "worksheet") throw damagedPart(this.label, "it is not a worksheet");
      const relationships = Object.entries(tag.attributes).find(([name, value]) => name.startsWith("xmlns:") && RELATIONSHIP_NAMESPACES.has(value));
      this.part.mainPrefix = tag.prefix === "" ? "" : `${tag.prefix}:`;
      this.part.relationshipPrefix = relationships?.[0].slice(6);
      return;
    }
    if (this.depth === 2) {
      this.topStart = start;
      this.topLocal = main ? tag.local : "";
      if (this.topLocal === "sheetData") {
        this.inSheetData = true;
        this.sheetDataStart = start;
        this.sheetDataOpenEnd = end;
      } else if (this.topLocal === "mergeCells") this.inMergeCells = true;
      else if (this.topLocal === "sheetProtection") this.part.protectedSheet = isTrue(tag.attributes.sheet);
      return;
    }
    if (!main) return;
    if (this.inSheetData) this.openInSheetData(tag, start, end);
    else if (this.inMergeCells && this.depth === 3 && tag.local === "mergeCell") this.part.merges.push(this.area(tag.attributes.ref ?? ""));
  }

  private openInSheetData(tag: Tag, start: number, end: number): void {
    if (this.depth === 3 && tag.local === "row") {
      const r = tag.attributes.r;
      const index = r === undefined ? this.lastRow + 1 : Number(r) - 1;
      if (!Number.isInteger(index) || index <= this.lastRow || index > 1_048_575) throw damagedPart(this.label, `a row number (${r ?? "after " + String(this.lastRow + 1)}) is out of order or invalid`);
      this.lastRow = index;
      this.row = { index, start, openEnd: end, end, tag: tag.name, hidden: isTrue(tag.attributes.hidden), cells: [], changed: false, attributes: {} };
      return;
    }
    const row = this.row;
    if (row === undefined) return;
    if (this.depth === 4 && tag.local === "c") {
      const r = tag.attributes.r;
      const previous = row.cells[row.cells.length - 1];
      const column = r === undefined ? (previous?.column ?? -1) + 1 : this.column(r);
      if (previous !== undefined && column <= previous.column) throw damagedPart(this.label, `cell ${r ?? ""} in row ${row.index + 1} is out of order`);
      const style = Number(tag.attributes.s ?? "0");
      if (!Number.isInteger(style) || style < 0) throw damagedPart(this.label, `cell ${r ?? ""} in row ${row.index + 1} has an invalid style`);
      this.cell = { column, start, end, value: null, style, uncalculatedFormula: undefined };
      this.cellType = tag.attributes.t ?? "n";
      this.raw = "";
      this.formula = undefined;
      this.hasValue = false;
      return;
    }
    if (this.cell === undefined) return;
    if (this.depth === 5 && tag.local === "v") {
      this.collecting = "v";
      this.hasValue = true;
    } else if (this.depth === 5 && tag.local === "f") {
      this.collecting = "f";
      this.formula = "";
      const range = tag.attributes.ref;
      if (tag.attributes.t === "shared" && range !== undefined && range.includes(":")) this.cell.sharedRange = range;
    } else if (tag.local === "rPh") this.inPhonetic = true;
    else if (tag.local === "t" && !this.inPhonetic && this.depth >= 6) {
      this.collecting = "t";
      this.hasValue = true;
    }
  }

  private text(text: string): void {
    if (this.cell === undefined || this.collecting === undefined) return;
    if (this.collecting === "f") this.formula = (this.formula ?? "") + text;
    else this.raw += text;
  }

  private close(end: number): void {
    const depth = this.depth;
    const tag = this.tags[depth];
    if (tag === undefined) throw new Error(`A closing tag at depth ${depth} has no opening tag.`);
    this.depth -= 1;
    if (depth === 1) {
      this.part.rootCloseStart = this.xml.lastIndexOf("<", end - 1);
      return;
    }
    if (depth === 2) {
      const local = this.topLocal;
      if (local === "sheetData") {
        this.inSheetData = false;
        const selfClosing = tag.isSelfClosing;
        this.part.sheetData = { start: this.sheetDataStart, openEnd: this.sheetDataOpenEnd, closeStart: selfClosing ? end : this.xml.lastIndexOf("<", end - 1), selfClosing, tag: tag.name };
      }
      this.inMergeCells = false;
      this.part.top.push({ local, start: this.topStart, end });
      return;
    }
    if (!this.inSheetData || !SPREADSHEETML.has(tag.uri)) return;
    if (depth === 3 && tag.local === "row" && this.row !== undefined) {
      this.row.end = end;
      this.part.rows.push(this.row);
      this.row = undefined;
    } else if (depth === 4 && tag.local === "c" && this.cell !== undefined && this.row !== undefined) {
      this.cell.end = end;
      this.finish(this.cell);
      this.row.cells.push(this.cell);
      this.cell = undefined;
    } else if (tag.local === "rPh") this.inPhonetic = false;
    else if (tag.local === "v" || tag.local === "f" || tag.local === "t") this.collecting = undefined;
  }

  private finish(cell: Cell): void {
    // An empty <v/> under a formula is what openpyxl writes for one never calculated, except
    // for a text result, where it is a calculated "".
    const type = this.cellType;
    const cached = this.hasValue && (this.raw !== "" || type === "str" || type === "inlineStr");
    if (this.formula !== undefined && !cached) cell.uncalculatedFormula = this.formula;
    else if (cached) cell.value = this.value(type, this.raw, cell.column);
  }

  private value(type: string, raw: string, column: number): CellValue {
    switch (type) {
      case "s": {
        if (this.strings === undefined) throw damagedPart(this.label, `${this.cellName(column)} refers to shared text, and the workbook has none`);
        const index = Number(raw);
        if (!Number.isInteger(index) || index < 0) throw damagedPart(this.label, `${this.cellName(column)} refers to shared text ${raw}, which does not exist`);
        return this.strings.text(index) || null;
      }
      case "str":
      case "inlineStr":
        return decodeXstring(raw) || null;
      case "b":
        if (raw === "1" || raw === "true") return true;
        if (raw === "0" || raw === "false") return false;
        throw damagedPart(this.label, `${this.cellName(column)} holds ${raw} as a true/false value`);
      case "e":
        return raw;
      case "d":
        return this.dateSerial(raw, column);
      case "n": {
        const number = Number(raw);
        if (raw.trim() === "" || !Number.isFinite(number)) throw damagedPart(this.label, `${this.cellName(column)} holds ${raw} as a number`);
        return number;
      }
      default:
        throw damagedPart(this.label, `${this.cellName(column)} has an unknown type ${type}`);
    }
  }

  /** For messages only: building it for every cell would cost a large sheet a third of its reading time. */
  private cellName(column: number): string {
    return `cell ${columnLetters(column)}${this.lastRow + 1}`;
  }

  private dateSerial(raw: string, column: number): number {
    const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(raw.trim());
    const day = match?.[1];
    if (match === null || day === undefined) throw damagedPart(this.label, `${this.cellName(column)} holds ${raw} as a date`);
    const seconds = Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0);
    return isoToSerial(day) + seconds / 86_400;
  }

  /** The column of a cell reference ("AB12"), read by hand: a large sheet has millions of them. */
  private column(reference: string): number {
    let column = 0;
    let at = 0;
    for (; at < reference.length; at += 1) {
      const code = reference.charCodeAt(at) & ~32;
      if (code < 65 || code > 90) break;
      column = column * 26 + (code - 64);
    }
    if (at === 0 || at === reference.length || column > 16_384) throw damagedPart(this.label, `a cell is named ${reference}, which is not a cell address`);
    return column - 1;
  }

  private area(reference: string): CellArea {
    const [from, to = from] = reference.split(":");
    try {
      const first = parseCellAddress(from ?? "");
      const last = parseCellAddress(to ?? "");
      return { top: first.row, left: first.column, rows: last.row - first.row + 1, columns: last.column - first.column + 1 };
    } catch {
      throw damagedPart(this.label, `a merged range is named ${reference}, which is not a range`);
    }
  }
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** The index of the first item whose key is >= key, in items sorted by key. */
function searchByKey<T>(items: readonly T[], key: number, keyOf: (item: T) => number): number {
  const last = items[items.length - 1];
  // Rows and cells are mostly written in order: appending is the common case.
  if (last === undefined || keyOf(last) < key) return items.length;
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keyOf(items[middle] as T) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Appending (the common case when a sheet is written) without splice's cost. */
function insertAt<T>(items: T[], at: number, item: T): void {
  if (at === items.length) items.push(item);
  else items.splice(at, 0, item);
}

function cellXml(p: string, row: number, column: number, value: CellValue, style: number): string {
  const head = `<${p}c r="${columnLetters(column)}${row + 1}"${style === 0 ? "" : ` s="${style}"`}`;
  if (value === null) return `${head}/>`;
  if (typeof value === "number") return `${head}><${p}v>${String(value)}</${p}v></${p}c>`;
  if (typeof value === "boolean") return `${head} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  const text = escapeXmlText(encodeXstring(value));
  const space = value.trim() === value ? "" : ' xml:space="preserve"';
  return `${head} t="inlineStr"><${p}is><${p}t${space}>${text}</${p}t></${p}is></${p}c>`;
}

/** Text as ST_Xstring holds it: a literal "_x0041_" is escaped so Excel does not decode it, and a carriage return survives XML's line-end folding. */
function encodeXstring(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1").replace(/\r/g, "_x000D_");
}
