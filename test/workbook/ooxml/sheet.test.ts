import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SheetPart } from "../../../src/workbook/ooxml/sheet";
import { Package } from "../../../src/workbook/ooxml/package";
import { SharedStrings } from "../../../src/workbook/ooxml/shared-strings";
import { WorkbookFileError, readZip } from "../../../src/workbook/xlsx-file";

const fixture = (name: string): string => readFileSync(join(__dirname, "fixtures", name), "utf8");
const strings = (texts: readonly string[]): { text(index: number): string } => ({ text: (index) => texts[index] ?? "" });
const noStrings = strings([]);
/** libreoffice.xlsx: LibreOffice's save of openpyxl's workbook; libreoffice-sheet.xml is its sheet1. */
const libreOfficePackage = (): Package => Package.fromZip("libreoffice.xlsx", readZip("libreoffice.xlsx", readFileSync(join(__dirname, "fixtures", "libreoffice.xlsx"))));
const LIBREOFFICE_STRINGS = SharedStrings.read(libreOfficePackage(), "xl/sharedStrings.xml");

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** As the Open XML SDK writes: x: prefix, rows and cells without r, shared formulas, rich and phonetic inline text, an extLst. */
const PREFIXED =
  `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
  `<x:dimension ref="A1:C3"/><x:sheetData>` +
  `<x:row><x:c t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>Bold</x:t></x:r><x:r><x:t xml:space="preserve"> tail</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ボ</x:t></x:rPh></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>\n` +
  `<x:row hidden="1" spans="1:3"><x:c r="A2"><x:v>3</x:v></x:c><x:c r="B2"><x:f t="shared" ref="B2:B3" si="0">A2*2</x:f><x:v>6</x:v></x:c><x:c r="C2" t="e"><x:v>#N/A</x:v></x:c></x:row>\n` +
  `<x:row><x:c><x:v>4</x:v></x:c><x:c><x:f t="shared" si="0"/></x:c><x:c t="d"><x:v>2026-01-31T12:00:00</x:v></x:c></x:row>` +
  `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A5:B6"/></x:mergeCells>` +
  `<x:extLst><x:ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></x:ext></x:extLst></x:worksheet>`;

function reread(part: SheetPart, shared = noStrings): SheetPart {
  return SheetPart.parse("T.xlsx, part xl/worksheets/sheet1.xml", part.toXml(), shared);
}

describe("reading a worksheet", () => {
  test("as openpyxl writes it: inline strings, a date, a formula never calculated, a hidden row, merges, protection", () => {
    const xml = fixture("openpyxl-sheet.xml");
    const sheet = SheetPart.parse("O.xlsx, part xl/worksheets/sheet1.xml", xml, noStrings);
    expect(sheet.cell(0, 0)).toEqual({ value: "Invoice", style: 0 });
    expect(sheet.cell(1, 0)?.value).toBe(" INV-0001 ");
    expect(sheet.cell(1, 1)?.value).toBe(1250.5);
    expect(sheet.cell(1, 2)).toEqual({ value: 46053, style: 1 });
    expect(sheet.cell(2, 2)?.value).toBe(true);
    expect(sheet.cell(3, 1)).toEqual({ value: null, style: 0, uncalculatedFormula: "SUM(B2:B3)" });
    expect(sheet.cell(3, 0)).toBeUndefined();
    expect(sheet.rowHidden(4)).toBe(true);
    expect(sheet.rowHidden(3)).toBe(false);
    expect(sheet.merges()).toEqual([{ top: 5, left: 0, rows: 1, columns: 3 }]);
    expect(sheet.isProtected()).toBe(true);
    expect([sheet.lastRow, sheet.lastColumn]).toEqual([5, 2]);
    expect(sheet.changed).toBe(false);
    expect(sheet.toXml()).toBe(xml);
  });

  test("as LibreOffice writes it: shared strings, cached formula results, styled empty cells, sheet=\"true\"", () => {
    const sheet = SheetPart.parse("L.xlsx, part xl/worksheets/sheet1.xml", fixture("libreoffice-sheet.xml"), LIBREOFFICE_STRINGS);
    expect(sheet.cell(1, 0)?.value).toBe(" INV-0001 ");
    expect(sheet.cell(3, 1)).toEqual({ value: 1250.6, style: 0 });
    expect(sheet.cell(2, 2)?.value).toBe(true);
    expect(sheet.cell(5, 2)).toEqual({ value: null, style: 2 });
    expect(sheet.rowHidden(4)).toBe(true);
    expect(sheet.rowHidden(0)).toBe(false);
    expect(sheet.isProtected()).toBe(true);
    expect([sheet.lastRow, sheet.lastColumn]).toEqual([5, 2]);
  });

  test("with an x: prefix and no r attributes: rich text without phonetic runs, shared formulas, errors, ISO dates", () => {
    const sheet = SheetPart.parse("X.xlsx, part xl/worksheets/sheet1.xml", PREFIXED, noStrings);
    expect(sheet.cell(0, 0)?.value).toBe("Bold tail");
    expect(sheet.cell(0, 1)?.value).toBe(2);
    expect(sheet.cell(1, 1)?.value).toBe(6);
    expect(sheet.cell(1, 2)?.value).toBe("#N/A");
    expect(sheet.cell(2, 1)).toEqual({ value: null, style: 0, uncalculatedFormula: "" });
    expect(sheet.cell(2, 2)?.value).toBe(46053.5);
    expect(sheet.rowHidden(1)).toBe(true);
    expect(sheet.merges()).toEqual([{ top: 4, left: 0, rows: 2, columns: 2 }]);
    expect(sheet.isProtected()).toBe(false);
  });

  test("a damaged part names the part and what to do, never the parser's words", () => {
    const read = (xml: string): unknown => SheetPart.parse("B.xlsx, part xl/worksheets/sheet2.xml", xml, noStrings);
    for (const xml of [
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>`,
      `<worksheet xmlns="${MAIN}"><sheetData><row r="2"/><row r="1"/></sheetData></worksheet>`,
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="b"><v>yes</v></c></row></sheetData></worksheet>`,
      `<worksheet xmlns="${MAIN}"/>`,
    ]) {
      expect(() => read(xml)).toThrow(WorkbookFileError);
      expect(() => read(xml)).toThrow(/^B\.xlsx, part xl\/worksheets\/sheet2\.xml is damaged: .*\. Open the workbook in Excel .*then run the command again\.$/);
    }
  });
});

describe("writing a worksheet", () => {
  test("a changed row is rebuilt around its untouched cells' text; other rows and elements keep their bytes", () => {
    const sheet = SheetPart.parse("X.xlsx, part xl/worksheets/sheet1.xml", PREFIXED, noStrings);
    sheet.setCell(1, 0, 30);
    sheet.setCell(3, 4, "new");
    const xml = sheet.toXml();
    expect(sheet.changed).toBe(true);
    expect(xml).toContain(`<x:row hidden="1"><x:c r="A2"><x:v>30</x:v></x:c><x:c r="B2"><x:f t="shared" ref="B2:B3" si="0">A2*2</x:f><x:v>6</x:v></x:c><x:c r="C2" t="e"><x:v>#N/A</x:v></x:c></x:row>\n`);
    expect(xml).toContain(`<x:row><x:c><x:v>4</x:v></x:c><x:c><x:f t="shared" si="0"/></x:c><x:c t="d"><x:v>2026-01-31T12:00:00</x:v></x:c></x:row><x:row r="4"><x:c r="E4" t="inlineStr"><x:is><x:t>new</x:t></x:is></x:c></x:row></x:sheetData>`);
    expect(xml).toContain(`<x:dimension ref="A1:E4"/>`);
    expect(xml.startsWith(PREFIXED.slice(0, PREFIXED.indexOf("<x:dimension")))).toBe(true);
    expect(xml.endsWith(PREFIXED.slice(PREFIXED.indexOf("</x:sheetData>")))).toBe(true);
    const again = reread(sheet);
    expect(again.cell(0, 0)?.value).toBe("Bold tail");
    expect(again.cell(1, 0)?.value).toBe(30);
    expect(again.cell(2, 2)?.value).toBe(46053.5);
    expect(again.cell(3, 4)?.value).toBe("new");
    expect([again.lastRow, again.lastColumn]).toEqual([3, 4]);
  });

  test("values as Excel reads them: numbers round-trip, booleans, escaped text, kept spaces, literal _x escapes", () => {
    const sheet = SheetPart.blank();
    const values = [1e-7, 0.1 + 0.2, -12345678901234.5, 2 ** 53, true, false, "a & <b> \"c\"", "  padded ", "_x0041_ stays", "bell\u0007 gone", "line\r\nbreak"];
    values.forEach((value, column) => sheet.setCell(0, column, value, column === 0 ? 3 : undefined));
    const xml = sheet.toXml();
    expect(xml).toContain(`<c r="A1" s="3"><v>1e-7</v></c>`);
    expect(xml).toContain(`<c r="E1" t="b"><v>1</v></c>`);
    expect(xml).toContain(`<is><t>a &amp; &lt;b&gt; "c"</t></is>`);
    expect(xml).toContain(`<t xml:space="preserve">  padded </t>`);
    expect(xml).not.toContain("\u0007");
    const again = reread(sheet);
    expect(values.map((_, column) => again.cell(0, column)?.value)).toEqual([...values.slice(0, 9), "bell gone", "line\r\nbreak"]);
    expect(again.cell(0, 0)?.style).toBe(3);
    expect(() => sheet.setCell(0, 0, Number.NaN)).toThrow(RangeError);
  });

  test("the last row and column follow what is written and cleared", () => {
    const sheet = SheetPart.parse("O.xlsx, part xl/worksheets/sheet1.xml", fixture("openpyxl-sheet.xml"), noStrings);
    expect([sheet.lastRow, sheet.lastColumn]).toEqual([5, 2]);
    sheet.setCell(9, 1, 1);
    expect([sheet.lastRow, sheet.lastColumn]).toEqual([9, 2]);
    sheet.setCell(9, 1, null);
    expect([sheet.lastRow, sheet.lastColumn]).toEqual([5, 2]);
    sheet.setCell(5, 0, "");
    expect([sheet.lastRow, sheet.lastColumn]).toEqual([4, 2]);
  });

  test("null clears a value and its formula but keeps the style; style undefined keeps s", () => {
    const sheet = SheetPart.parse("L.xlsx, part xl/worksheets/sheet1.xml", fixture("libreoffice-sheet.xml"), LIBREOFFICE_STRINGS);
    sheet.setCell(3, 1, null, 7);
    sheet.setCell(1, 2, 46054);
    const again = reread(sheet, LIBREOFFICE_STRINGS);
    expect(again.cell(3, 1)).toEqual({ value: null, style: 7 });
    expect(again.cell(1, 2)).toEqual({ value: 46054, style: 1 });
    expect(again.toXml()).toContain(`<c r="B4" s="7"/>`);
    expect(again.toXml()).toContain(`<c r="C6" s="2"/></row></sheetData><sheetProtection sheet="true"/>`);
  });

  test("new elements go to their CT_Worksheet position, with the root's prefixes", () => {
    const sheet = SheetPart.blank();
    sheet.addTablePart("rId3");
    sheet.protect();
    sheet.setPageSetup({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
    sheet.setColumnWidth(2, 18.5);
    sheet.setRowHeight(4, 30);
    const xml = sheet.toXml();
    const order = [...xml.matchAll(/<(\w+)/g)].map((m) => m[1]).filter((name) => name !== "c" && name !== "col" && name !== "pageSetUpPr" && name !== "tablePart");
    expect(order).toEqual(["worksheet", "sheetPr", "dimension", "cols", "sheetData", "row", "sheetProtection", "pageMargins", "pageSetup", "tableParts"]);
    expect(xml).toContain(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
    expect(xml).toContain(`<cols><col min="3" max="3" width="18.5" customWidth="1"/></cols>`);
    expect(xml).toContain(`<row r="5" ht="30" customHeight="1"></row>`);
    expect(xml).toContain(`<sheetProtection sheet="1" objects="1" scenarios="1"/>`);
    expect(xml).toContain(`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`);
    expect(xml).toContain(`<tableParts count="1"><tablePart r:id="rId3"/></tableParts></worksheet>`);
    expect(reread(sheet).isProtected()).toBe(true);
  });

  test("in a sheet as Excel 365 writes one, new elements land between the ones that are there; extensions keep their bytes", () => {
    const excel =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr" ` +
      `xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{1D0B2F5A-0000-0000-0000-000000000000}">` +
      `<sheetPr codeName="Sheet1"><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1:B2"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData><row r="1" spans="1:2" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>` +
      `<row r="2" spans="1:2" x14ac:dyDescent="0.25"><c r="A2" cm="1"><f t="array" ref="A2:A3">SEQUENCE(2)</f><v>1</v></c></row></sheetData>` +
      `<conditionalFormatting sqref="B1:B9"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>` +
      `<hyperlinks><hyperlink ref="B1" location="Contract!A1" display="Contract"/></hyperlinks><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<headerFooter><oddFooter>&amp;P</oddFooter></headerFooter><legacyDrawing r:id="rId2"/>` +
      `<mc:AlternateContent><mc:Choice Requires="x14"><controls><mc:AlternateContent><mc:Choice Requires="x14"><control shapeId="1025" r:id="rId3" name="Check Box 1"/></mc:Choice></mc:AlternateContent></controls></mc:Choice></mc:AlternateContent>` +
      `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext></extLst></worksheet>`;
    const sheet = SheetPart.parse("E.xlsx, part xl/worksheets/sheet1.xml", excel, strings(["Invoice"]));
    expect(sheet.cell(0, 0)?.value).toBe("Invoice");
    expect(sheet.cell(1, 0)?.value).toBe(1);
    sheet.setPageSetup({ paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    sheet.protect();
    sheet.setColumnWidth(1, 14);
    sheet.addTablePart("rId4");
    sheet.setCell(0, 1, 2);
    const xml = sheet.toXml();
    expect(xml).toContain(`<sheetPr codeName="Sheet1"><tabColor rgb="FF00B050"/><pageSetUpPr fitToPage="1"/></sheetPr>`);
    expect(xml).toContain(`x14ac:dyDescent="0.25"/><cols><col min="2" max="2" width="14" customWidth="1"/></cols><sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>`);
    expect(xml).toContain(`<c r="A2" cm="1"><f t="array" ref="A2:A3">SEQUENCE(2)</f><v>1</v></c></row></sheetData><sheetProtection sheet="1" objects="1" scenarios="1"/><conditionalFormatting `);
    expect(xml).toContain(`footer="0.3"/><pageSetup paperSize="9" fitToWidth="1" fitToHeight="0"/><headerFooter>`);
    expect(xml).toContain(`</mc:AlternateContent><tableParts count="1"><tablePart r:id="rId4"/></tableParts><extLst>`);
    expect(xml.endsWith(excel.slice(excel.indexOf("<extLst>")))).toBe(true);
  });

  test("prefixed parts get prefixed elements; a root without r declares it on the new element", () => {
    const sheet = SheetPart.parse("X.xlsx, part xl/worksheets/sheet1.xml", PREFIXED, noStrings);
    sheet.addTablePart("rId1");
    sheet.addTablePart("rId2");
    sheet.protect();
    const xml = sheet.toXml();
    expect(xml).toContain(
      `</x:sheetData><x:sheetProtection sheet="1" objects="1" scenarios="1"/><x:mergeCells count="1"><x:mergeCell ref="A5:B6"/></x:mergeCells>` +
        `<x:tableParts count="2"><x:tablePart xmlns:r="${RELS}" r:id="rId1"/><x:tablePart xmlns:r="${RELS}" r:id="rId2"/></x:tableParts><x:extLst>`,
    );
    expect(xml.endsWith(PREFIXED.slice(PREFIXED.indexOf("<x:extLst>")))).toBe(true);
  });

  test("existing elements are edited in place: LibreOffice's page setup and fitToPage, openpyxl's cols and protection", () => {
    const libre = SheetPart.parse("L.xlsx, part xl/worksheets/sheet1.xml", fixture("libreoffice-sheet.xml"), LIBREOFFICE_STRINGS);
    libre.setPageSetup({ paperSize: 1, fitToWidth: 1, fitToHeight: 0 });
    const xml = libre.toXml();
    expect(xml).toContain(`<sheetPr filterMode="false"><pageSetUpPr fitToPage="1"/></sheetPr>`);
    expect(xml).toContain(`<pageSetup paperSize="1" scale="100" fitToWidth="1" fitToHeight="0" pageOrder="downThenOver" orientation="portrait" `);
    expect(xml.replace(/<sheetPr.*?<\/sheetPr>/, "").replace(/<pageSetup [^>]*>/, "")).toBe(
      fixture("libreoffice-sheet.xml").replace(/<sheetPr.*?<\/sheetPr>/, "").replace(/<pageSetup [^>]*>/, ""),
    );

    const openpyxl = SheetPart.parse("O.xlsx, part xl/worksheets/sheet1.xml", fixture("openpyxl-sheet.xml"), noStrings);
    openpyxl.setColumnWidth(0, 30);
    openpyxl.setColumnWidth(3, 12);
    openpyxl.setPageSetup({ paperSize: 9, fitToWidth: 1 });
    openpyxl.protect();
    const written = openpyxl.toXml();
    expect(written).toContain(`<cols><col width="30" customWidth="1" min="1" max="1"/><col min="4" max="4" width="12" customWidth="1"/></cols>`);
    expect(written).toContain(`<pageSetUpPr fitToPage="1"/>`);
    expect(written).toContain(`<sheetProtection selectLockedCells="0" selectUnlockedCells="0" sheet="1" objects="1" insertRows="1"`);
    expect(written).toContain(`<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><pageSetup paperSize="9" fitToWidth="1"/></worksheet>`);
  });

  test("the cell holding a shared formula's text is not written over: the cells sharing it would break", () => {
    const sheet = SheetPart.parse("X.xlsx, part xl/worksheets/sheet1.xml", PREFIXED, noStrings);
    expect(() => sheet.setCell(1, 1, 5)).toThrow(WorkbookFileError);
    expect(() => sheet.setCell(1, 1, 5)).toThrow(/cell B2 holds the formula that the cells B2:B3 share/);
    expect(sheet.changed).toBe(false);
    sheet.setCell(2, 1, 5);
    expect(reread(sheet).cell(2, 1)?.value).toBe(5);
  });

  test("text longer than Excel opens is refused", () => {
    const sheet = SheetPart.blank();
    sheet.setCell(0, 0, "x".repeat(32_767));
    expect(() => sheet.setCell(0, 1, "x".repeat(32_768))).toThrow(RangeError);
  });

  test("a width inside a <col> range splits the range, keeping its other attributes", () => {
    const xml = `<worksheet xmlns="${MAIN}"><cols><col min="1" max="5" width="9" style="4" customWidth="1"/></cols><sheetData/></worksheet>`;
    const sheet = SheetPart.parse("C.xlsx, part xl/worksheets/sheet1.xml", xml, noStrings);
    sheet.setColumnWidth(2, 20);
    expect(sheet.toXml()).toContain(
      `<cols><col min="1" max="2" width="9" style="4" customWidth="1"/><col min="3" max="3" width="20" style="4" customWidth="1"/><col min="4" max="5" width="9" style="4" customWidth="1"/></cols><sheetData/>`,
    );
  });
});

describe("size", () => {
  function milestoneSheet(rows: number): string {
    const body: string[] = [];
    for (let r = 1; r <= rows; r += 1) {
      // As Excel writes a milestone table: shared text, styled numbers, a formula, inline text.
      body.push(
        `<row r="${r}" spans="1:10"><c r="A${r}" t="s"><v>${r % 50}</v></c><c r="B${r}" s="3"><v>${r * 1.5}</v></c><c r="C${r}" s="4"><v>0.25</v></c>` +
          `<c r="D${r}" s="3"><f>B${r}*C${r}</f><v>${r * 0.375}</v></c><c r="E${r}"><v>46053</v></c><c r="F${r}" t="inlineStr"><is><t>Item ${r}</t></is></c>` +
          `<c r="G${r}"><v>1</v></c><c r="H${r}"><v>2</v></c><c r="I${r}"><v>3</v></c><c r="J${r}" t="b"><v>0</v></c></row>`,
      );
    }
    return `<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><dimension ref="A1:J${rows}"/><sheetData>${body.join("")}</sheetData></worksheet>`;
  }

  test("a 10,000-line sheet (about 2 MB) is read, and one changed row leaves the rows after it as they were", () => {
    const xml = milestoneSheet(10_000);
    expect(xml.length).toBeGreaterThan(1_800_000);
    const texts = Array.from({ length: 50 }, (_, i) => `Milestone ${i}`);
    const sheet = SheetPart.parse("M.xlsx, part xl/worksheets/sheet1.xml", xml, strings(texts));
    expect(sheet.cell(9_999, 1)?.value).toBe(15_000);
    expect(sheet.cell(9_999, 3)?.value).toBe(3750);
    sheet.setCell(5_000, 1, 1);
    const written = sheet.toXml();
    expect(written.length).toBeLessThan(xml.length);
    expect(written).toContain(xml.slice(xml.indexOf(`<row r="5002"`)));
  });

  test("a new 100,000-row sheet is built and reads back (its speed is the bench's: npm run bench)", () => {
    const sheet = SheetPart.blank();
    for (let row = 0; row < 100_000; row += 1) {
      sheet.setCell(row, 0, `Line ${row}`);
      sheet.setCell(row, 1, row * 2.5, 3);
    }
    expect(sheet.toXml()).toContain(`<dimension ref="A1:B100000"/>`);
    expect(reread(sheet).cell(99_999, 1)?.value).toBe(249_997.5);
  }, 30_000);
});

const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((path) => existsSync(path));

(soffice === undefined ? describe.skip : describe)("LibreOffice opens a written sheet", () => {
  test("values, a new row and page setup survive into LibreOffice's own reading", () => {
    const folder = mkdtempSync(join(tmpdir(), "interim-sheet-"));
    try {
      const pkg = libreOfficePackage();
      const sheet = SheetPart.parse("libreoffice.xlsx, part xl/worksheets/sheet1.xml", pkg.text("xl/worksheets/sheet1.xml"), LIBREOFFICE_STRINGS);
      sheet.setCell(2, 1, 99.25);
      sheet.setCell(7, 0, "a & b");
      sheet.setCell(7, 3, true);
      sheet.setColumnWidth(3, 25);
      sheet.setPageSetup({ paperSize: 1, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
      pkg.set("xl/worksheets/sheet1.xml", sheet.toXml());
      writeFileSync(join(folder, "edited.xlsx"), pkg.toBuffer());
      execFileSync(soffice as string, [`-env:UserInstallation=file://${folder}/profile`, "--headless", "--convert-to", "csv", "--outdir", folder, join(folder, "edited.xlsx")], { timeout: 60_000, stdio: "ignore" });
      const csv = readFileSync(join(folder, "edited.csv"), "utf8").trim().split(/\r?\n/);
      expect(csv[2]).toBe("INV-0002,99.25,TRUE,");
      expect(csv[7]).toBe("a & b,,,TRUE");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 90_000);

  test("a prefixed sheet without r attributes, written, reads back in LibreOffice", () => {
    const folder = mkdtempSync(join(tmpdir(), "interim-sheet-"));
    try {
      const pkg = libreOfficePackage();
      const sheet = SheetPart.parse("X.xlsx, part xl/worksheets/sheet1.xml", PREFIXED, noStrings);
      sheet.setCell(0, 1, 7.5);
      sheet.setCell(4, 0, "new row");
      sheet.setRowHeight(4, 28);
      sheet.protect();
      pkg.set("xl/worksheets/sheet1.xml", sheet.toXml());
      writeFileSync(join(folder, "prefixed.xlsx"), pkg.toBuffer());
      execFileSync(soffice as string, [`-env:UserInstallation=file://${folder}/profile`, "--headless", "--convert-to", "csv", "--outdir", folder, join(folder, "prefixed.xlsx")], { timeout: 60_000, stdio: "ignore" });
      const csv = readFileSync(join(folder, "prefixed.csv"), "utf8").trim().split(/\r?\n/);
      expect(csv[0]).toBe("Bold tail,7.5,");
      expect(csv[1]).toBe("3,6,#N/A");
      expect(csv[4]).toBe("new row,,");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 90_000);
});
