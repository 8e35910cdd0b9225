import { SaxesParser } from "saxes";
import { cellAddress, parseCellAddress } from "../a1";
import { WorkbookFileError } from "../xlsx-file";
import { decodeXstring } from "./shared-strings";
import { SPREADSHEETML, damagedPart, escapeXmlAttribute, withAttributes } from "./xml";

// A table part (xl/tables/tableN.xml): read for where the table is and what it holds, and edited
// only in its refs, so its calculated columns, filters, styles and extensions stay as they were.

/** The children of a filterColumn that filter rows; a filterColumn without one only hides its button. */
const FILTERS = new Set(["filters", "customFilters", "top10", "dynamicFilter", "colorFilter", "iconFilter"]);

/** An opening tag's place in the text, to set its ref attribute. */
interface TagAt {
  start: number;
  end: number;
}

interface ParsedTable {
  xml: string;
  id: number;
  name: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  columnNames: string[];
  hasCalculatedColumn: boolean;
  filtered: boolean;
  root: TagAt;
  autoFilter: TagAt | undefined;
  sortState: TagAt | undefined;
  /** The sort's keys, each over the data rows of its columns. */
  sortConditions: (TagAt & { left: number; right: number })[];
}

export class TablePart {
  static readonly contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

  readonly id: number;
  /** displayName (Excel's name in formulas); the name attribute when there is none. */
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly headerRow: boolean;
  readonly totalsRow: boolean;
  readonly columnNames: string[];
  /** Whether a column has a calculatedColumnFormula (rows appended would need it). */
  readonly hasCalculatedColumn: boolean;
  /** Whether its autoFilter holds an active filter (filterColumn with filters/customFilters/...). */
  readonly filtered: boolean;
  private readonly parsed: ParsedTable;
  private dataBottom: number;
  private edited = false;

  private constructor(parsed: ParsedTable) {
    this.parsed = parsed;
    this.id = parsed.id;
    this.name = parsed.name;
    this.top = parsed.top;
    this.left = parsed.left;
    this.right = parsed.right;
    this.headerRow = parsed.headerRows > 0;
    this.totalsRow = parsed.totalsRows > 0;
    this.columnNames = parsed.columnNames;
    this.hasCalculatedColumn = parsed.hasCalculatedColumn;
    this.filtered = parsed.filtered;
    this.dataBottom = parsed.bottom - parsed.totalsRows;
  }

  static parse(label: string, xml: string): TablePart {
    return new TablePart(readTable(label, xml));
  }

  /** A new table: header row at `top`, columns named by `headers` (the header cells must hold the same
   *  text: the caller writes them), data rows to `bottom`, style TableStyleMedium2 with row stripes, autoFilter. */
  static create(id: number, name: string, top: number, left: number, bottom: number, headers: readonly string[]): TablePart {
    const seen = new Set(headers.map((header) => header.toLowerCase()));
    if (headers.length === 0 || seen.size !== headers.length || seen.has("")) {
      throw new RangeError(`A table's columns need distinct, non-empty names (Excel compares them ignoring case): ${headers.join(", ")}.`);
    }
    const right = left + headers.length - 1;
    const ref = areaRef(top, left, dataRowsFrom(top, bottom), right);
    const columns = headers.map((header, index) => `<tableColumn id="${index + 1}" name="${escapeXmlAttribute(encodeColumnName(header))}"/>`).join("");
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${escapeXmlAttribute(name)}" displayName="${escapeXmlAttribute(name)}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${columns}</tableColumns>` +
      '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
    const table = TablePart.parse("A new table", xml);
    table.edited = true;
    return table;
  }

  /** The last row of the table's area (its total row when it has one), 0-based. */
  get bottom(): number {
    return this.dataBottom + this.parsed.totalsRows;
  }

  get changed(): boolean {
    return this.edited;
  }

  /** Sets the last data row (the total row, if any, just below), updating ref and autoFilter ref. */
  setDataBottom(bottom: number): void {
    const next = dataRowsFrom(this.top + this.parsed.headerRows - 1, bottom);
    if (next === this.dataBottom) return;
    this.dataBottom = next;
    this.edited = true;
  }

  toXml(): string {
    const { xml, root, autoFilter, sortState } = this.parsed;
    if (!this.edited || this.dataBottom + this.parsed.totalsRows === this.parsed.bottom) return xml;
    const edits: { at: TagAt; ref: string }[] = [{ at: root, ref: areaRef(this.top, this.left, this.bottom, this.right) }];
    // The filter covers the header and data rows, never the total row; a sort, the data rows only.
    if (autoFilter !== undefined) edits.push({ at: autoFilter, ref: areaRef(this.top, this.left, this.dataBottom, this.right) });
    const firstData = this.top + this.parsed.headerRows;
    if (sortState !== undefined) edits.push({ at: sortState, ref: areaRef(firstData, this.left, this.dataBottom, this.right) });
    for (const condition of this.parsed.sortConditions) edits.push({ at: condition, ref: areaRef(firstData, condition.left, this.dataBottom, condition.right) });
    edits.sort((a, b) => a.at.start - b.at.start);
    const pieces: string[] = [];
    let at = 0;
    for (const edit of edits) {
      pieces.push(xml.slice(at, edit.at.start), withAttributes(xml.slice(edit.at.start, edit.at.end), { ref: edit.ref }));
      at = edit.at.end;
    }
    pieces.push(xml.slice(at));
    return pieces.join("");
  }
}

/** The last data row for a table whose header (or, without one, first data row less one) is at `header`: Excel keeps one data row, if empty. */
function dataRowsFrom(header: number, bottom: number): number {
  return Math.max(bottom, header + 1);
}

function areaRef(top: number, left: number, bottom: number, right: number): string {
  return `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
}

/** A column name as ST_Xstring holds it: a literal "_x0041_" is escaped so Excel does not decode it. */
function encodeColumnName(name: string): string {
  return name.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

function readTable(label: string, xml: string): ParsedTable {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const found: Partial<ParsedTable> & Pick<ParsedTable, "columnNames" | "hasCalculatedColumn" | "filtered" | "sortConditions"> = {
    columnNames: [],
    hasCalculatedColumn: false,
    filtered: false,
    sortConditions: [],
  };
  const columnsOf = (range: string): { left: number; right: number } => {
    const [from, to = from] = range.split(":");
    try {
      return { left: parseCellAddress(from ?? "").column, right: parseCellAddress(to ?? "").column };
    } catch {
      throw damagedPart(label, `a sort key's range (${range}) is not a range`);
    }
  };
  const path: string[] = [];
  let ref = "";
  let rootAttributes: Record<string, string> = {};
  parser.on("opentag", (tag) => {
    const local = SPREADSHEETML.has(tag.uri) ? tag.local : "";
    const end = parser.position;
    const at = { start: xml.lastIndexOf("<", end - 1), end };
    const parent = path[path.length - 1];
    path.push(local);
    if (path.length === 1) {
      if (local !== "table") throw damagedPart(label, "it is not a table");
      found.root = at;
      rootAttributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.name, attribute.value]));
      ref = rootAttributes.ref ?? "";
    } else if (local === "autoFilter" && path.length === 2) found.autoFilter = at;
    else if (local === "sortState" && (path.length === 2 || parent === "autoFilter")) found.sortState = at;
    else if (local === "sortCondition" && parent === "sortState") found.sortConditions.push({ ...at, ...columnsOf(tag.attributes.ref?.value ?? "") });
    else if (local === "tableColumn" && parent === "tableColumns") found.columnNames.push(decodeXstring(tag.attributes.name?.value ?? ""));
    else if (local === "calculatedColumnFormula" && parent === "tableColumn") found.hasCalculatedColumn = true;
    else if (FILTERS.has(local) && parent === "filterColumn") found.filtered = true;
  });
  parser.on("closetag", () => path.pop());
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof WorkbookFileError) throw error;
    throw damagedPart(label, undefined, error);
  }
  const [from, to] = ref.split(":");
  let first: { row: number; column: number };
  let last: { row: number; column: number };
  try {
    first = parseCellAddress(from ?? "");
    last = parseCellAddress(to ?? "");
  } catch {
    throw damagedPart(label, `its range (${ref}) is not a range`);
  }
  const count = (name: string, absent: number): number => {
    const value = Number(rootAttributes[name] ?? absent);
    if (!Number.isInteger(value) || value < 0) throw damagedPart(label, `its ${name} (${rootAttributes[name] ?? ""}) is not a count`);
    return value;
  };
  const id = count("id", Number.NaN);
  const name = rootAttributes.displayName ?? rootAttributes.name;
  if (name === undefined || found.root === undefined) throw damagedPart(label, "it has no name");
  if (found.columnNames.length !== last.column - first.column + 1) throw damagedPart(label, `it names ${found.columnNames.length} columns for a range of ${last.column - first.column + 1}`);
  return {
    ...found,
    xml,
    id,
    name,
    top: first.row,
    left: first.column,
    bottom: last.row,
    right: last.column,
    headerRows: count("headerRowCount", 1),
    totalsRows: count("totalsRowCount", 0),
    root: found.root,
    autoFilter: found.autoFilter,
    sortState: found.sortState,
  };
}
