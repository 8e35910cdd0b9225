import { SaxesParser } from "saxes";
import { WorkbookFileError } from "../xlsx-file";
import type { Package } from "./package";
import { SPREADSHEETML, damagedPart, partLabel } from "./xml";

/**
 * Text as a cell or shared string stores it (ECMA-376 Part 1 §22.9.2.19, ST_Xstring): a
 * character XML cannot hold, such as a carriage return (XML reads CR LF as LF), is written
 * `_xHHHH_`, and a literal `_x` that would read as one has its underscore written `_x005F_`.
 */
export function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The workbook's shared string table (xl/sharedStrings.xml), which cells of t="s" index into. */
export class SharedStrings {
  private constructor(
    private readonly label: string,
    private readonly part: string | undefined,
    private readonly strings: readonly string[],
  ) {}

  /**
   * Each <si>'s text: its <t>, or the <t> of its rich-text runs joined. Phonetic guides (<rPh>,
   * the reading of East Asian text) are not part of the text a cell shows, so they are left out.
   * Whitespace is kept as written, as Excel shows it.
   */
  static read(pkg: Package, part: string | undefined): SharedStrings {
    if (part === undefined) return new SharedStrings(pkg.label, part, []);
    const strings: string[] = [];
    // Depth inside <si>, <rPh> and <t>: text counts only inside a <t> of an <si>, outside an <rPh>.
    let inItem = false;
    let phonetic = 0;
    let inText = false;
    let current: string[] = [];
    // Only read, never spliced: no positions to track, which halves the time of a large table.
    const parser = new SaxesParser({ xmlns: true, position: false });
    parser.on("opentag", (node) => {
      if (!SPREADSHEETML.has(node.uri)) return;
      if (node.local === "si") {
        inItem = true;
        current = [];
      } else if (node.local === "rPh") phonetic += 1;
      else if (node.local === "t" && inItem && phonetic === 0) inText = true;
    });
    parser.on("closetag", (node) => {
      if (!SPREADSHEETML.has(node.uri)) return;
      if (node.local === "si") {
        strings.push(decodeXstring(current.join("")));
        inItem = false;
      } else if (node.local === "rPh") phonetic -= 1;
      else if (node.local === "t") inText = false;
    });
    const collect = (text: string): void => {
      if (inText) current.push(text);
    };
    parser.on("text", collect);
    parser.on("cdata", collect);
    try {
      parser.write(pkg.text(part)).close();
    } catch (error) {
      throw damagedPart(partLabel(pkg.label, part), undefined, error);
    }
    return new SharedStrings(pkg.label, part, strings);
  }

  text(index: number): string {
    const text = this.strings[index];
    if (text === undefined) {
      const where = this.part === undefined ? "no shared text part" : `only ${this.strings.length} entries in its part ${this.part}`;
      throw new WorkbookFileError(
        "UNREADABLE",
        `${this.label} is damaged: a cell refers to shared text number ${index}, and there is ${where}. Open it in Excel (which offers to repair it) or restore a good copy, then run the command again.`,
      );
    }
    return text;
  }
}
