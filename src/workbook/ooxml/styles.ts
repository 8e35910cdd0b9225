import type { Package } from "./package";
import { SPREADSHEETML, appendChild, attribute, damagedPart, escapeXmlAttribute, parseXml, partLabel, qualified, withAttributes, withChildText, type XmlElement } from "./xml";

// xl/styles.xml, read for the number formats of cells and extended with the few cell formats
// Interim writes. Every byte already there is kept (dxfs, extLst, x14 styles, mc:Ignorable):
// new entries are spliced in at the end of their lists, so the indexes cells use stay valid.

/** What Interim gives a cell it writes (see CellBlock in port.ts). fill is "#RRGGBB". */
export interface CellStyle {
  numberFormat?: string;
  bold?: boolean;
  fill?: string;
  wrap?: boolean;
  borderBottom?: boolean;
}

/** The children of <styleSheet> in the order ECMA-376 (CT_Stylesheet) requires: Excel calls a file in another order corrupt. */
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/** The lists Interim adds to, and the element each holds. */
const LISTS = { numFmts: "numFmt", fonts: "font", fills: "fill", borders: "border", cellXfs: "xf" } as const;
type ListName = keyof typeof LISTS;

/** The first custom number format id: lower ids are built in. */
const FIRST_CUSTOM_FORMAT = 164;

/**
 * The codes of the built-in number formats (ECMA-376 Part 1 §18.8.30), which a file uses by id
 * without writing them. 27-36 and 50-58 are East Asian dates and times whose code depends on
 * the locale; the Japanese ones stand for all, as what matters is that a date reads as a date.
 */
const BUILT_IN_FORMATS = new Map<number, string>([
  [0, "General"],
  [1, "0"],
  [2, "0.00"],
  [3, "#,##0"],
  [4, "#,##0.00"],
  [9, "0%"],
  [10, "0.00%"],
  [11, "0.00E+00"],
  [12, "# ?/?"],
  [13, "# ??/??"],
  [14, "mm-dd-yy"],
  [15, "d-mmm-yy"],
  [16, "d-mmm"],
  [17, "mmm-yy"],
  [18, "h:mm AM/PM"],
  [19, "h:mm:ss AM/PM"],
  [20, "h:mm"],
  [21, "h:mm:ss"],
  [22, "m/d/yy h:mm"],
  [27, '[$-411]ge.m.d'],
  [28, '[$-411]ggge"年"m"月"d"日"'],
  [29, '[$-411]ggge"年"m"月"d"日"'],
  [30, "m/d/yy"],
  [31, 'yyyy"年"m"月"d"日"'],
  [32, 'h"時"mm"分"'],
  [33, 'h"時"mm"分"ss"秒"'],
  [34, 'yyyy"年"m"月"'],
  [35, 'm"月"d"日"'],
  [36, "[$-411]ge.m.d"],
  [37, "#,##0 ;(#,##0)"],
  [38, "#,##0 ;[Red](#,##0)"],
  [39, "#,##0.00;(#,##0.00)"],
  [40, "#,##0.00;[Red](#,##0.00)"],
  [45, "mm:ss"],
  [46, "[h]:mm:ss"],
  [47, "mmss.0"],
  [48, "##0.0E+0"],
  [49, "@"],
  [50, "[$-411]ge.m.d"],
  [51, '[$-411]ggge"年"m"月"d"日"'],
  [52, 'yyyy"年"m"月"'],
  [53, 'm"月"d"日"'],
  [54, '[$-411]ggge"年"m"月"d"日"'],
  [55, 'yyyy"年"m"月"'],
  [56, 'm"月"d"日"'],
  [57, "[$-411]ge.m.d"],
  [58, '[$-411]ggge"年"m"月"d"日"'],
]);

/**
 * Built-in formats a new cell may use by id: those that show the same in every locale. The
 * dates (14-22) show in the reader's own date order, so a date code is always written out.
 */
const SHARED_BUILT_INS = new Map([0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 49].map((id) => [BUILT_IN_FORMATS.get(id) ?? "", id]));

/** The font of a new workbook. No theme colour or font scheme: a workbook Interim creates has no theme part to refer to. */
const DEFAULT_FONT = (q: Qualify, bold = false): string => `<${q("font")}>${bold ? `<${q("b")}/>` : ""}<${q("sz")} val="11"/><${q("name")} val="Calibri"/><${q("family")} val="2"/></${q("font")}>`;

type Qualify = (local: string) => string;

/** What a list holds when the part has none of it: the entries Excel expects first (fills 0 and 1 are reserved). */
const SEEDS: Record<ListName, (q: Qualify) => string[]> = {
  numFmts: () => [],
  fonts: (q) => [DEFAULT_FONT(q)],
  fills: (q) => [`<${q("fill")}><${q("patternFill")} patternType="none"/></${q("fill")}>`, `<${q("fill")}><${q("patternFill")} patternType="gray125"/></${q("fill")}>`],
  borders: (q) => [`<${q("border")}><${q("left")}/><${q("right")}/><${q("top")}/><${q("bottom")}/><${q("diagonal")}/></${q("border")}>`],
  cellXfs: (q) => [`<${q("xf")} numFmtId="0" fontId="0" fillId="0" borderId="0"/>`],
};

const unprefixed: Qualify = (local) => local;

interface List {
  element: XmlElement | undefined;
  /** Each entry's markup: those in the part, then (when the part has no such list) its seeds, then those added. */
  entries: string[];
  /** How many of `entries` the part holds. */
  stored: number;
}

const EMPTY_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1">${DEFAULT_FONT(unprefixed)}</fonts><fills count="2">${SEEDS.fills(unprefixed).join("")}</fills><borders count="1">${SEEDS.borders(unprefixed).join("")}</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

export class StylesPart {
  /** The minimal styles.xml a new workbook starts with, as Excel writes it (less the theme references). */
  static readonly emptyXml = EMPTY_XML;
  static readonly contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

  private readonly q: Qualify;
  private readonly lists: Record<ListName, List>;
  /** Number format codes by id: the part's numFmts, then those added. */
  private readonly formats = new Map<number, string>();
  /** The number format id of each of cellXfs' entries. */
  private readonly xfFormats: number[];
  /** Whether a cellStyleXfs entry exists for new cell formats to be based on (xfId="0"). */
  private readonly hasCellStyle: boolean;
  /** The children of <styleSheet> in the spreadsheetml namespace, for where a missing list goes. */
  private readonly sections: readonly XmlElement[];
  private readonly boldFont: string;
  private dirty: boolean;

  private constructor(
    private readonly pkg: Package,
    readonly part: string,
    private readonly text: string,
    private readonly root: XmlElement,
    elements: readonly XmlElement[],
    existed: boolean,
  ) {
    this.dirty = !existed;
    this.q = (local) => qualified(root, local);
    const ofMain = (element: XmlElement, parent: XmlElement, local: string): boolean => element.parent === parent && element.local === local && SPREADSHEETML.has(element.uri);
    this.sections = elements.filter((element) => element.parent === root && SPREADSHEETML.has(element.uri));
    const child = (local: string): XmlElement | undefined => this.sections.find((element) => element.local === local);
    const children = (list: XmlElement | undefined, local: string): XmlElement[] => (list === undefined ? [] : elements.filter((element) => ofMain(element, list, local)));
    const read = (name: ListName): List => {
      const element = child(name);
      const entries = children(element, LISTS[name]).map((entry) => text.slice(entry.start, entry.end));
      return { element, entries: element === undefined ? SEEDS[name](this.q) : entries, stored: entries.length };
    };
    this.lists = { numFmts: read("numFmts"), fonts: read("fonts"), fills: read("fills"), borders: read("borders"), cellXfs: read("cellXfs") };
    for (const format of children(this.lists.numFmts.element, "numFmt")) {
      const id = Number(attribute(format, "numFmtId"));
      const code = attribute(format, "formatCode");
      if (Number.isInteger(id) && code !== undefined) this.formats.set(id, code);
    }
    const xfs = children(this.lists.cellXfs.element, "xf");
    this.xfFormats = this.lists.cellXfs.element === undefined ? [0] : xfs.map((xf) => Number(attribute(xf, "numFmtId") ?? 0) || 0);
    this.hasCellStyle = children(child("cellStyleXfs"), "xf").length > 0;
    const fonts = children(this.lists.fonts.element, "font");
    const firstFont = fonts[0];
    this.boldFont = firstFont === undefined ? DEFAULT_FONT(this.q, true) : this.withBold(firstFont, children(firstFont, "b"));
  }

  /** part undefined: the package has no styles part (the standard allows that); one is created on save, and the caller relates it. */
  static read(pkg: Package, part: string | undefined): StylesPart {
    const name = part ?? (pkg.has("xl/styles.xml") ? pkg.freePartName((n) => `xl/styles${n}.xml`) : "xl/styles.xml");
    let text = part === undefined ? EMPTY_XML : pkg.text(part);
    let elements = parseXml(pkg.label, name, text);
    let root = elements[0];
    if (root === undefined || root.local !== "styleSheet" || !SPREADSHEETML.has(root.uri)) {
      throw damagedPart(partLabel(pkg.label, name), "it holds something other than the workbook's cell formats");
    }
    if (root.selfClosing) {
      // An empty <styleSheet/> is opened once here, so that lists can go inside it; the part is written only if one does.
      text = appendChild(text, root, "");
      elements = parseXml(pkg.label, name, text);
      root = elements[0] ?? root;
    }
    return new StylesPart(pkg, name, text, root, elements, part !== undefined);
  }

  /** The number format code of cellXfs[xf]: its custom code, or a built-in one; "General" for an id with no code and for an xf that is absent. */
  numberFormat(xf: number): string {
    const id = this.xfFormats[xf];
    if (id === undefined) return "General";
    return this.formats.get(id) ?? BUILT_IN_FORMATS.get(id) ?? "General";
  }

  /** The xf index for a new cell with this style; 0 for an empty style. Equal styles share one index, and an identical entry already in the part is reused. */
  xfOf(style: CellStyle): number {
    const q = this.q;
    const numFmtId = style.numberFormat === undefined ? 0 : this.formatId(style.numberFormat);
    const fontId = style.bold === true ? this.add("fonts", this.boldFont) : 0;
    const fillId = style.fill === undefined ? 0 : this.add("fills", this.fillMarkup(style.fill));
    const borderId =
      style.borderBottom === true
        ? this.add("borders", `<${q("border")}><${q("left")}/><${q("right")}/><${q("top")}/><${q("bottom")} style="thin"><${q("color")} indexed="64"/></${q("bottom")}><${q("diagonal")}/></${q("border")}>`)
        : 0;
    const wrap = style.wrap === true;
    if (numFmtId === 0 && fontId === 0 && fillId === 0 && borderId === 0 && !wrap) return 0;
    // Attributes in the order Excel writes them, each apply* where the entry differs from the Normal style.
    const attributes = [
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"`,
      this.hasCellStyle ? ` xfId="0"` : "",
      numFmtId === 0 ? "" : ` applyNumberFormat="1"`,
      fontId === 0 ? "" : ` applyFont="1"`,
      fillId === 0 ? "" : ` applyFill="1"`,
      borderId === 0 ? "" : ` applyBorder="1"`,
      wrap ? ` applyAlignment="1"` : "",
    ].join("");
    const xf = wrap ? `<${q("xf")} ${attributes}><${q("alignment")} vertical="top" wrapText="1"/></${q("xf")}>` : `<${q("xf")} ${attributes}/>`;
    const before = this.lists.cellXfs.entries.length;
    const index = this.add("cellXfs", xf);
    if (index === before) this.xfFormats.push(numFmtId);
    return index;
  }

  /** Puts the part into the package when anything was added (always when the package had none). */
  save(): void {
    if (this.dirty) this.pkg.set(this.part, this.toXml());
  }

  /** An entry's index in its list, added at the end when the list has no identical one. */
  private add(name: ListName, markup: string): number {
    const entries = this.lists[name].entries;
    const found = entries.indexOf(markup);
    if (found >= 0) return found;
    entries.push(markup);
    this.dirty = true;
    return entries.length - 1;
  }

  /** A format's id: 0 for General, one in the part with this code, a built-in one that shows alike everywhere, or a new custom one. */
  private formatId(code: string): number {
    if (code.toLowerCase() === "general") return 0;
    for (const [id, existing] of this.formats) if (existing === code) return id;
    const builtIn = SHARED_BUILT_INS.get(code);
    if (builtIn !== undefined && !this.formats.has(builtIn)) return builtIn;
    const id = Math.max(FIRST_CUSTOM_FORMAT - 1, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    this.add("numFmts", `<${this.q("numFmt")} numFmtId="${id}" formatCode="${escapeXmlAttribute(code)}"/>`);
    return id;
  }

  private fillMarkup(fill: string): string {
    if (!/^#[0-9A-Fa-f]{6}$/.test(fill)) throw new Error(`A cell fill is a colour written #RRGGBB, not ${JSON.stringify(fill)}.`);
    const q = this.q;
    return `<${q("fill")}><${q("patternFill")} patternType="solid"><${q("fgColor")} rgb="FF${fill.slice(1).toUpperCase()}"/><${q("bgColor")} indexed="64"/></${q("patternFill")}></${q("fill")}>`;
  }

  /** A copy of a font made bold: any <b> it has taken out, <b/> put first (where Excel writes it). */
  private withBold(font: XmlElement, bold: readonly XmlElement[]): string {
    const text = this.text;
    const b = `<${this.q("b")}/>`;
    if (font.selfClosing) return withChildText(text.slice(font.start, font.end), b);
    let inside = "";
    let at = font.openEnd;
    for (const element of bold) {
      inside += text.slice(at, element.start);
      at = element.end;
    }
    inside += text.slice(at, font.closeStart);
    return `${text.slice(font.start, font.openEnd)}${b}${inside}${text.slice(font.closeStart, font.end)}`;
  }

  /** The part's text with the entries added: each list's new entries before its end and its count updated, a list it lacked created at its schema position. */
  private toXml(): string {
    const edits: { from: number; to: number; markup: string }[] = [];
    const text = this.text;
    for (const [name, list] of Object.entries(this.lists) as [ListName, List][]) {
      const added = list.entries.slice(list.stored).join("");
      if (added === "") continue;
      const count = list.entries.length;
      const element = list.element;
      if (element === undefined) {
        const at = this.insertionPoint(name);
        edits.push({ from: at, to: at, markup: `<${this.q(name)} count="${count}">${added}</${this.q(name)}>` });
      } else if (element.selfClosing) {
        edits.push({ from: element.start, to: element.end, markup: withChildText(withAttributes(text.slice(element.start, element.end), { count: String(count) }), added) });
      } else {
        edits.push({ from: element.start, to: element.openEnd, markup: withAttributes(text.slice(element.start, element.openEnd), { count: String(count) }) });
        edits.push({ from: element.closeStart, to: element.closeStart, markup: added });
      }
    }
    // Insertions at one point stay in the order made (schema order), before a replacement starting there.
    edits.sort((a, b) => a.from - b.from || a.to - a.from - (b.to - b.from));
    let at = 0;
    let out = "";
    for (const edit of edits) {
      out += text.slice(at, edit.from) + edit.markup;
      at = edit.to;
    }
    return out + text.slice(at);
  }

  /** Where a list the part lacks goes: before the first child that follows it in the schema, else at the end of <styleSheet>. */
  private insertionPoint(name: ListName): number {
    const later = STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(name) + 1);
    return this.sections.find((section) => later.includes(section.local))?.start ?? this.root.closeStart;
  }
}
