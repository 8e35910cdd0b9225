import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Package } from "../../../src/workbook/ooxml/package";
import { SharedStrings, decodeXstring } from "../../../src/workbook/ooxml/shared-strings";
import { StylesPart } from "../../../src/workbook/ooxml/styles";
import { WorkbookFileError } from "../../../src/workbook/xlsx-file";

const PART = "xl/sharedStrings.xml";

function sharedStrings(xml: string): SharedStrings {
  const pkg = Package.create(StylesPart.emptyXml);
  pkg.set(PART, xml);
  return SharedStrings.read(pkg, PART);
}

function texts(strings: SharedStrings, count: number): string[] {
  return Array.from({ length: count }, (_, i) => strings.text(i));
}

/** As Excel writes it: a rich-text entry (runs with their fonts), Japanese text with its reading (rPh), a CR LF kept as _x000D_. */
const EXCEL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6"><si><t>Contract</t></si><si><r><t xml:space="preserve">Pay </t></r><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t>within 30 days</t></r><r><rPr><sz val="11"/><rFont val="Calibri"/></rPr><t xml:space="preserve"> &amp; no later</t></r></si><si><t>工事</t><rPh sb="0" eb="2"><t>コウジ</t></rPh><phoneticPr fontId="1"/></si><si><t>line 1_x000D_
line 2</t></si><si><t xml:space="preserve">  indented  </t></si><si><t/></si></sst>`;

describe("SharedStrings", () => {
  it("reads plain, rich (runs joined) and phonetic (reading left out) text as Excel writes it", () => {
    const strings = sharedStrings(EXCEL);
    expect(texts(strings, 6)).toEqual(["Contract", "Pay within 30 days & no later", "工事", "line 1\r\nline 2", "  indented  ", ""]);
  });

  it("reads a part the Open XML SDK writes, every element prefixed x:", () => {
    const strings = sharedStrings(
      `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"><x:si><x:t>One</x:t></x:si><x:si><x:r><x:rPr><x:b /></x:rPr><x:t>Two</x:t></x:r><x:r><x:t xml:space="preserve"> three</x:t></x:r></x:si></x:sst>`,
    );
    expect(texts(strings, 2)).toEqual(["One", "Two three"]);
  });

  it("reads a Strict Open XML part (its own namespace)", () => {
    const strings = sharedStrings(`<sst xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><si><t>Strict</t></si></sst>`);
    expect(strings.text(0)).toBe("Strict");
  });

  it("ignores elements of other namespaces named like spreadsheetml's", () => {
    const strings = sharedStrings(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:o="urn:other"><si><t>kept</t><o:t>not text</o:t></si></sst>`);
    expect(strings.text(0)).toBe("kept");
  });

  it("reads what LibreOffice saves (xml:space on every entry, a literal _x written _x005F_x)", () => {
    const strings = sharedStrings(readFileSync(join(__dirname, "fixtures", "shared-strings-libreoffice.xml"), "utf8"));
    expect(texts(strings, 5)).toEqual(["line1\nline2", "x", "y", "  lead", "_x0041_ literal"]);
  });

  it("refuses an index past the table, and any index when the workbook has no shared strings, as damage", () => {
    const strings = sharedStrings(EXCEL);
    expect(() => strings.text(6)).toThrow(WorkbookFileError);
    expect(() => strings.text(6)).toThrow(/is damaged: a cell refers to shared text number 6, and there is only 6 entries in its part xl\/sharedStrings.xml/);
    const none = SharedStrings.read(Package.create(StylesPart.emptyXml), undefined);
    expect(() => none.text(0)).toThrow(/no shared text part/);
  });

  it("names the part of a malformed table, and no parser words reach the user", () => {
    const error = (() => {
      try {
        sharedStrings(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>open</si></sst>`);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WorkbookFileError);
    expect((error as WorkbookFileError).code).toBe("UNREADABLE");
    expect((error as WorkbookFileError).message).toMatch(/^The new workbook, part xl\/sharedStrings\.xml is damaged: it is not well-formed XML\. Open the workbook in Excel/);
  });

  it("reads 100,000 strings, rich ones joined (how fast is the bench's: npm run bench)", () => {
    // One in ten rich (two runs), as a workbook of pasted, partly bolded descriptions would have.
    const items = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 9 ? `<si><r><t>Line ${i}</t></r><r><rPr><b/></rPr><t xml:space="preserve"> bold</t></r></si>` : `<si><t>Milestone ${i} &amp; works</t></si>`));
    const xml = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="100000">${items.join("")}</sst>`;
    const strings = sharedStrings(xml);
    expect(strings.text(99_999)).toBe("Line 99999 bold");
    expect(strings.text(99_998)).toBe("Milestone 99998 & works");
  });
});

describe("decodeXstring", () => {
  it("decodes _xHHHH_ escapes (either case of hex) and leaves _x005F_ before one as a literal", () => {
    expect(decodeXstring("a_x000D__x000A_b")).toBe("a\r\nb");
    expect(decodeXstring("tab_x0009_here_x000d_")).toBe("tab\there\r");
    expect(decodeXstring("_x005F_x000D_")).toBe("_x000D_");
    expect(decodeXstring("_xD83D__xDE00_")).toBe("😀");
  });

  it("leaves text that only looks like an escape as it is", () => {
    expect(decodeXstring("_x00D_ _x000G_ x000D_ _X000D_ plain")).toBe("_x00D_ _x000G_ x000D_ _X000D_ plain");
  });
});
