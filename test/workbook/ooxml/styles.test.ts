import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { dateFormatKind } from "../../../src/workbook/number-formats";
import { Package } from "../../../src/workbook/ooxml/package";
import { StylesPart } from "../../../src/workbook/ooxml/styles";
import { parseXml } from "../../../src/workbook/ooxml/xml";
import { WorkbookFileError, packZip, storedPart } from "../../../src/workbook/xlsx-file";
import { LibreOffice } from "../../cli/libreoffice";

const PART = "xl/styles.xml";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function fixture(name: string): string {
  return readFileSync(join(__dirname, "fixtures", name), "utf8");
}

/** A package holding this styles part, and the part read from it. */
function stylesOf(xml: string): { pkg: Package; styles: StylesPart } {
  const pkg = Package.create(xml);
  return { pkg, styles: StylesPart.read(pkg, PART) };
}

/** The text of a list's entries (fonts, cellXfs, ...) in a written part, by their local names, whatever the prefix. */
function entries(xml: string, list: string): string[] {
  const elements = parseXml("test", PART, xml);
  const parent = elements.find((element) => element.local === list && element.parent === elements[0]);
  return elements.filter((element) => element.parent !== undefined && element.parent === parent).map((element) => xml.slice(element.start, element.end));
}

function count(xml: string, list: string): string | undefined {
  return parseXml("test", PART, xml).find((element) => element.local === list)?.attributes.count?.value;
}

const INVOICE_STYLES = [
  { bold: true, fill: "#DDEBF7", borderBottom: true, wrap: true },
  { numberFormat: "yyyy-mm-dd" },
  { numberFormat: '#,##0.00 "€";[Red]-#,##0.00 "€"' },
  { numberFormat: "0.00%", bold: true },
];

describe("StylesPart.numberFormat", () => {
  it("gives built-in codes for the ids Excel writes without a numFmt: dates for 14 and 22, times for 45-47", () => {
    const { styles } = stylesOf(fixture("styles-excel.xml"));
    expect(styles.numberFormat(0)).toBe("General");
    expect(styles.numberFormat(1)).toBe("mm-dd-yy");
    expect(styles.numberFormat(2)).toBe("m/d/yy h:mm");
    expect(styles.numberFormat(3)).toBe("[h]:mm:ss");
    expect(styles.numberFormat(4)).toBe("General");
    expect(styles.numberFormat(5)).toBe("General");
    for (const id of [14, 15, 16, 17, 22, 27, 31, 57]) expect(dateFormatKind(builtIn(id))).toBe("date");
    for (const id of [18, 19, 20, 21, 45, 46, 47]) expect(dateFormatKind(builtIn(id))).toBe("time");
    for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 37, 40, 48, 49]) expect(dateFormatKind(builtIn(id))).toBeUndefined();
  });

  it("gives a custom code, decoded, and General for an id with no code", () => {
    const { styles } = stylesOf(fixture("styles-libreoffice.xml"));
    // LibreOffice writes General as custom format 164, and escapes the dashes of a date.
    expect(styles.numberFormat(0)).toBe("General");
    expect(styles.numberFormat(2)).toBe("0.00%");
    expect(styles.numberFormat(4)).toBe("yyyy\\-mm\\-dd");
    expect(dateFormatKind(styles.numberFormat(4))).toBe("date");
    const prefixed = stylesOf(fixture("styles-prefixed.xml")).styles;
    expect(prefixed.numberFormat(1)).toBe('#,##0.00 "€"');
  });
});

/** The code of a built-in format id, through a part whose one cell format uses it. */
function builtIn(id: number): string {
  return stylesOf(`<styleSheet xmlns="${MAIN}"><cellXfs count="1"><xf numFmtId="${id}"/></cellXfs></styleSheet>`).styles.numberFormat(0);
}

describe("StylesPart.xfOf", () => {
  it("gives 0 for an empty style, one index for equal styles, and leaves an unchanged part as it was", () => {
    const { pkg, styles } = stylesOf(fixture("styles-excel.xml"));
    expect(styles.xfOf({})).toBe(0);
    expect(styles.xfOf({ numberFormat: "General", bold: false, wrap: false })).toBe(0);
    styles.save();
    expect(pkg.text(PART)).toBe(fixture("styles-excel.xml"));
    const header = styles.xfOf({ bold: true, fill: "#ddebf7", borderBottom: true, wrap: true });
    expect(header).toBe(5);
    expect(styles.xfOf({ wrap: true, borderBottom: true, fill: "#DDEBF7", bold: true })).toBe(5);
    expect(styles.xfOf({ numberFormat: "yyyy-mm-dd" })).toBe(6);
    expect(styles.xfOf({ numberFormat: "yyyy-mm-dd" })).toBe(6);
    expect(styles.numberFormat(6)).toBe("yyyy-mm-dd");
  });

  it("splices new entries into an Excel-written part, keeping every other byte (dxfs, extLst, mc:Ignorable)", () => {
    const original = fixture("styles-excel.xml");
    const { pkg, styles } = stylesOf(original);
    const indexes = INVOICE_STYLES.map((style) => styles.xfOf(style));
    expect(indexes).toEqual([5, 6, 7, 8]);
    styles.save();
    const xml = pkg.text(PART);
    // numFmts was missing: it is created as the first child of styleSheet, ids from 164.
    expect(xml).toContain(
      `x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="#,##0.00 &quot;€&quot;;[Red]-#,##0.00 &quot;€&quot;"/></numFmts><fonts count="3" x14ac:knownFonts="1">`,
    );
    expect(entries(xml, "fonts")[2]).toBe(`<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`);
    expect(entries(xml, "fills")[2]).toBe(`<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>`);
    expect(entries(xml, "borders")[1]).toBe(`<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border>`);
    expect(entries(xml, "cellXfs").slice(5)).toEqual([
      `<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`,
      `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      `<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      `<xf numFmtId="10" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>`,
    ]);
    expect([count(xml, "fills"), count(xml, "borders"), count(xml, "cellXfs")]).toEqual(["3", "2", "9"]);
    // Everything from cellStyles on (dxfs, tableStyles, extLst) is the original text.
    const tail = original.slice(original.indexOf("<cellStyles"));
    expect(xml.endsWith(tail)).toBe(true);
    expect(xml.slice(xml.indexOf("<cellStyleXfs"), xml.indexOf("<cellXfs"))).toBe(original.slice(original.indexOf("<cellStyleXfs"), original.indexOf("<cellXfs")));
  });

  it("reuses a number format, font, fill and cell format already in the part (openpyxl's, or its own from an earlier run)", () => {
    const { pkg, styles } = stylesOf(fixture("styles-openpyxl.xml"));
    // openpyxl wrote numFmt 164 yyyy-mm-dd, and its cell formats with attributes of its own (pivotButton="0"): the format is reused.
    expect(styles.xfOf({ numberFormat: "yyyy-mm-dd" })).toBe(5);
    styles.save();
    expect(count(pkg.text(PART), "numFmts")).toBe("1");
    expect(entries(pkg.text(PART), "cellXfs")[5]).toBe(`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    const first = INVOICE_STYLES.map((style) => styles.xfOf(style));
    styles.save();
    const written = pkg.text(PART);
    expect(count(written, "numFmts")).toBe("2");
    // The next run on the written file finds every style it needs there and changes nothing.
    const again = StylesPart.read(pkg, PART);
    expect(INVOICE_STYLES.map((style) => again.xfOf(style))).toEqual(first);
    again.save();
    expect(pkg.text(PART)).toBe(written);
  });

  it("adds to a LibreOffice-written part: its font 0 made bold, a custom id after LibreOffice's own", () => {
    const original = fixture("styles-libreoffice.xml");
    const { pkg, styles } = stylesOf(original);
    expect(styles.xfOf({ bold: true, numberFormat: "dd.mm.yyyy" })).toBe(6);
    styles.save();
    const xml = pkg.text(PART);
    expect(entries(xml, "numFmts")[3]).toBe(`<numFmt numFmtId="167" formatCode="dd.mm.yyyy"/>`);
    expect(entries(xml, "fonts")[5]).toBe(`<font><b/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/><charset val="1"/></font>`);
    expect(entries(xml, "cellXfs")[6]).toBe(`<xf numFmtId="167" fontId="5" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>`);
    expect(xml.slice(xml.indexOf("<cellStyles"))).toBe(original.slice(original.indexOf("<cellStyles")));
  });

  it("writes new entries of an x:-prefixed part (Open XML SDK) with its prefix, whitespace kept", () => {
    const original = fixture("styles-prefixed.xml");
    const { pkg, styles } = stylesOf(original);
    expect(styles.xfOf({ numberFormat: '#,##0.00 "€"', bold: true, fill: "#FFF2CC", wrap: true })).toBe(2);
    styles.save();
    const xml = pkg.text(PART);
    expect(entries(xml, "fonts")[1]).toBe(`<x:font><x:b/>\n      <x:sz val="11" />\n      <x:name val="Calibri" />\n    </x:font>`);
    expect(xml).toContain(`<x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFFFF2CC"/><x:bgColor indexed="64"/></x:patternFill></x:fill></x:fills>`);
    expect(xml).toContain(`<x:xf numFmtId="164" fontId="1" fillId="2" borderId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyAlignment="1"><x:alignment vertical="top" wrapText="1"/></x:xf></x:cellXfs>`);
    expect(xml).toContain(`<x:cellXfs count="3">`);
    // Every element still in the spreadsheetml namespace: nothing unprefixed slipped in.
    expect(parseXml("test", PART, xml).every((element) => element.uri === MAIN)).toBe(true);
  });

  it("creates the lists a sparse part lacks at their schema positions, with the entries Excel reserves first", () => {
    const { pkg, styles } = stylesOf(`<styleSheet xmlns="${MAIN}"><dxfs count="0"/></styleSheet>`);
    expect(styles.xfOf({ bold: true, fill: "#000000", borderBottom: true, numberFormat: "0.0" })).toBe(1);
    styles.save();
    const xml = pkg.text(PART);
    const order = parseXml("test", PART, xml).filter((element) => element.parent?.local === "styleSheet").map((element) => element.local);
    expect(order).toEqual(["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]);
    expect(entries(xml, "fills").map((fill) => /patternType="(\w+)"/.exec(fill)?.[1])).toEqual(["none", "gray125", "solid"]);
    expect(entries(xml, "cellXfs")).toEqual([`<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`, `<xf numFmtId="164" fontId="1" fillId="2" borderId="1" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"/>`]);
  });

  it("reads and extends a Strict Open XML part in its own namespace", () => {
    const strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    const { pkg, styles } = stylesOf(`<styleSheet xmlns="${strict}"><numFmts count="1"><numFmt numFmtId="170" formatCode="d/m/yyyy"/></numFmts><cellXfs count="1"><xf numFmtId="170"/></cellXfs></styleSheet>`);
    expect(styles.numberFormat(0)).toBe("d/m/yyyy");
    expect(styles.xfOf({ numberFormat: "0.000" })).toBe(1);
    styles.save();
    expect(entries(pkg.text(PART), "numFmts")[1]).toBe(`<numFmt numFmtId="171" formatCode="0.000"/>`);
    expect(parseXml("test", PART, pkg.text(PART)).every((element) => element.uri === strict)).toBe(true);
  });

  it("opens a self-closing list or part to add to it", () => {
    const { pkg, styles } = stylesOf(`<styleSheet xmlns="${MAIN}"><fonts count="1"><font/></fonts><cellXfs count="0"/></styleSheet>`);
    expect(styles.xfOf({ bold: true })).toBe(0);
    styles.save();
    expect(pkg.text(PART)).toBe(`<styleSheet xmlns="${MAIN}"><fonts count="2"><font/><font><b/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellXfs count="1"><xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/></cellXfs></styleSheet>`);
    const empty = stylesOf(`<x:styleSheet xmlns:x="${MAIN}"/>`);
    expect(empty.styles.xfOf({ wrap: true })).toBe(1);
    empty.styles.save();
    expect(entries(empty.pkg.text(PART), "cellXfs")[1]).toBe(`<x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyAlignment="1"><x:alignment vertical="top" wrapText="1"/></x:xf>`);
  });

  it("escapes a format code and drops the control characters Excel refuses", () => {
    const { pkg, styles } = stylesOf(StylesPart.emptyXml);
    styles.xfOf({ numberFormat: '"<a & b>"\u0001 0' });
    styles.save();
    expect(pkg.text(PART)).toContain(`<numFmt numFmtId="164" formatCode="&quot;&lt;a &amp; b&gt;&quot; 0"/>`);
  });

  it("refuses a fill that is not #RRGGBB as a programming error, and a part that is not a stylesheet as damage", () => {
    const { styles } = stylesOf(StylesPart.emptyXml);
    expect(() => styles.xfOf({ fill: "blue" })).toThrow(/#RRGGBB/);
    expect(() => stylesOf(`<worksheet xmlns="${MAIN}"/>`)).toThrow(WorkbookFileError);
    expect(() => stylesOf(`<styleSheet xmlns="${MAIN}"><fonts>`)).toThrow(/, part xl\/styles\.xml is damaged: it is not well-formed XML\. Open the workbook in Excel/);
  });
});

describe("StylesPart without a styles part", () => {
  it("starts from the empty stylesheet and creates the part on save", () => {
    const pkg = Package.create(StylesPart.emptyXml);
    pkg.delete(PART);
    const styles = StylesPart.read(pkg, undefined);
    expect(styles.part).toBe(PART);
    expect(styles.numberFormat(0)).toBe("General");
    styles.save();
    expect(pkg.text(PART)).toBe(StylesPart.emptyXml);
    expect(StylesPart.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
  });
});

describe("the written styles in LibreOffice", () => {
  it("shows every new cell format (number format, bold, fill, wrap, bottom border), on an Excel-written, a prefixed and a new workbook's part", async () => {
    const workdir = mkdtempSync(join(tmpdir(), "interim-styles-"));
    const office = new LibreOffice(workdir);
    const sources: [string, string][] = [["excel", fixture("styles-excel.xml")], ["prefixed", fixture("styles-prefixed.xml")], ["new", StylesPart.emptyXml]];
    for (const [source, xml] of sources) {
      const { pkg, styles } = stylesOf(xml);
      const xfs = INVOICE_STYLES.map((style) => styles.xfOf(style));
      styles.save();
      const file = join(workdir, `${source}.xlsx`);
      writeFileSync(file, tinyWorkbook(pkg.text(PART), xfs));
      office.convert(file, "xlsx", join(workdir, "out"));
      // Each conversion takes seconds: the text as shown is checked once.
      if (source === "excel") expect(office.sheets(file, true).get("Sheet1")?.[0]).toEqual(["Header", "2026-01-14", "1,234.50 €", "12.50%"]);
      // What LibreOffice saves back says how it read each format.
      const sheet = await readBack(join(workdir, "out", `${source}.xlsx`));
      const header = sheet?.getCell("A1");
      expect(header?.font.bold).toBe(true);
      expect(header?.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
      expect(header?.alignment).toMatchObject({ wrapText: true, vertical: "top" });
      expect(header?.border.bottom?.style).toBe("thin");
      expect(sheet?.getCell("B1").numFmt).toMatch(/^yyyy\\?-mm\\?-dd$/);
      expect(sheet?.getCell("C1").numFmt).toContain("€");
      expect(sheet?.getCell("D1").font.bold).toBe(true);
    }
  }, 120_000);
});

/** A workbook of one sheet whose row 1 holds a text and three numbers, each cell in one of `xfs`. */
function tinyWorkbook(stylesXml: string, xfs: readonly number[]): Buffer {
  const part = (name: string, xml: string): ReturnType<typeof storedPart> => storedPart(name, Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`, "utf8"));
  const cells = [`<c r="A1" s="${xfs[0]}" t="inlineStr"><is><t>Header</t></is></c>`, `<c r="B1" s="${xfs[1]}"><v>46036</v></c>`, `<c r="C1" s="${xfs[2]}"><v>1234.5</v></c>`, `<c r="D1" s="${xfs[3]}"><v>0.125</v></c>`];
  const relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const types = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  return packZip([
    part(
      "[Content_Types].xml",
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${types}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${types}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${StylesPart.contentType}"/></Types>`,
    ),
    part("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part("xl/workbook.xml", `<workbook xmlns="${MAIN}" xmlns:r="${relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${relationships}/styles" Target="styles.xml"/></Relationships>`,
    ),
    part("xl/worksheets/sheet1.xml", `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${cells.join("")}</row></sheetData></worksheet>`),
    storedPart("xl/styles.xml", Buffer.from(stylesXml, "utf8")),
  ]);
}

async function readBack(file: string): Promise<ExcelJS.Worksheet | undefined> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets[0];
}
