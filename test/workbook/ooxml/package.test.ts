import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { Package, relationshipKind, relationshipType } from "../../../src/workbook/ooxml/package";
import { WorkbookPart } from "../../../src/workbook/ooxml/workbook-part";
import { WorkbookFileError, packZip, readZip, storedPart } from "../../../src/workbook/xlsx-file";
import { LibreOffice } from "../../cli/libreoffice";
import { STYLES, WORKSHEET, fromBytes, load, openpyxlWorkbook, raw, written } from "./package-files";

const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

let dir: string;
let openpyxl: string;
jest.setTimeout(120_000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "interim-package-"));
  openpyxl = openpyxlWorkbook(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("relationship types", () => {
  it("are known by their last segment, transitional or Strict", () => {
    expect(relationshipKind("http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet")).toBe("worksheet");
    expect(relationshipKind("http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet")).toBe("worksheet");
    expect(relationshipType("table")).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/table");
    expect(relationshipType("core-properties")).toBe("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties");
  });
});

describe("a package openpyxl saved (absolute targets)", () => {
  it("names the parts its relationships point to, and their content types", () => {
    const { pkg } = load(openpyxl);
    expect(pkg.targetsOfKind("", "officeDocument")).toEqual(["xl/workbook.xml"]);
    expect(pkg.targetsOfKind("xl/workbook.xml", "worksheet")).toEqual(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]);
    expect(pkg.targetsOfKind("xl/workbook.xml", "styles")).toEqual(["xl/styles.xml"]);
    expect(pkg.targetsOfKind("xl/worksheets/sheet3.xml", "table")).toEqual(["xl/tables/table1.xml"]);
    expect(pkg.relationships("xl/tables/table1.xml")).toEqual([]);
    expect(pkg.contentType("xl/tables/table1.xml")).toBe(TABLE_TYPE);
    expect(pkg.contentType("XL/Tables/Table1.xml")).toBe(TABLE_TYPE);
    expect(pkg.contentType("xl/_rels/workbook.xml.rels")).toBe("application/vnd.openxmlformats-package.relationships+xml");
    expect(pkg.contentType("xl/media/image1.png")).toBeUndefined();
    expect(pkg.changed).toBe(false);
  });

  it("writes every part it did not change as the same compressed bytes, [Content_Types].xml first", () => {
    const { zip, pkg } = load(openpyxl);
    const sheet = pkg.text("xl/worksheets/sheet1.xml");
    pkg.set("xl/worksheets/sheet1.xml", sheet.replace("<v>1</v>", "<v>2</v>"));
    expect(pkg.changed).toBe(true);
    const again = written(pkg, join(dir, "one-change.xlsx"));
    expect(again.zip.entries[0]?.name).toBe("[Content_Types].xml");
    expect(again.zip.entries.map(({ name }) => name).sort()).toEqual(zip.entries.map(({ name }) => name).sort());
    for (const entry of zip.entries) {
      const copy = again.zip.entries.find(({ name }) => name === entry.name);
      if (entry.name === "xl/worksheets/sheet1.xml") {
        expect(again.zip.text(copy ?? entry)).toContain("<v>2</v>");
      } else {
        expect(copy?.crc).toBe(entry.crc);
        expect(raw(again.zip, entry.name)?.equals(zip.raw(entry))).toBe(true);
      }
    }
  });

  it("adds a relationship with the first free Id, relative to its source, keeping the other relationships' bytes", () => {
    const { pkg } = load(openpyxl);
    const before = pkg.text("xl/_rels/workbook.xml.rels");
    expect(pkg.addRelationship("xl/workbook.xml", "sharedStrings", "xl/sharedStrings.xml")).toBe("rId7");
    const after = pkg.text("xl/_rels/workbook.xml.rels");
    expect(after.startsWith(before.slice(0, before.lastIndexOf("</Relationships>")))).toBe(true);
    expect(pkg.relationships("xl/workbook.xml").at(-1)).toEqual({
      id: "rId7",
      type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
      target: "sharedStrings.xml",
      external: false,
    });

    // A part with no relationships yet gets its .rels part; the target climbs out of its folder.
    expect(pkg.has("xl/worksheets/_rels/sheet1.xml.rels")).toBe(false);
    expect(pkg.addRelationship("xl/worksheets/sheet1.xml", "table", "xl/tables/table2.xml")).toBe("rId1");
    expect(pkg.relationships("xl/worksheets/sheet1.xml")[0]?.target).toBe("../tables/table2.xml");
    expect(pkg.targetsOfKind("xl/worksheets/sheet1.xml", "table")).toEqual(["xl/tables/table2.xml"]);

    pkg.removeRelationship("xl/workbook.xml", "rId2");
    expect(pkg.relationships("xl/workbook.xml").map(({ id }) => id)).toEqual(["rId1", "rId3", "rId4", "rId5", "rId6", "rId7"]);
    expect(pkg.addRelationship("xl/workbook.xml", "worksheet", "xl/worksheets/sheet9.xml")).toBe("rId2");
  });

  it("deletes a part with its content type and its relationships", () => {
    const { pkg } = load(openpyxl);
    pkg.delete("xl/drawings/drawing1.xml");
    expect(pkg.has("xl/drawings/drawing1.xml")).toBe(false);
    expect(pkg.has("xl/drawings/_rels/drawing1.xml.rels")).toBe(false);
    expect(pkg.text("[Content_Types].xml")).not.toContain("drawing1.xml");
    expect(pkg.contentType("xl/drawings/drawing1.xml")).toBe("application/xml");
    expect(pkg.contentType("xl/drawings/drawing2.xml")).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
    expect(pkg.parts()).not.toContain("xl/drawings/drawing1.xml");
  });

  it("sets one Override per part, and finds free part names whatever their case", () => {
    const { pkg } = load(openpyxl);
    pkg.setContentType("XL/Tables/TABLE1.xml", "application/x-test");
    expect(pkg.contentType("xl/tables/table1.xml")).toBe("application/x-test");
    expect(pkg.text("[Content_Types].xml").match(/table1\.xml/gi)).toHaveLength(1);
    expect(pkg.freePartName((n) => `XL/Worksheets/Sheet${n}.xml`)).toBe("XL/Worksheets/Sheet4.xml");
  });

  it("refuses a damaged part by its name, without the parser's words", () => {
    const { pkg } = load(openpyxl);
    pkg.set("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id='rId1'></Relationships>");
    expect(() => pkg.relationships("xl/workbook.xml")).toThrow(WorkbookFileError);
    expect(() => pkg.relationships("xl/workbook.xml")).toThrow(/, part xl\/_rels\/workbook\.xml\.rels is damaged: it is not well-formed XML/);
    const noTypes = readZip("book.xlsx", packZip([storedPart("xl/workbook.xml", Buffer.from("<workbook/>"))]));
    expect(() => Package.fromZip("book.xlsx", noTypes)).toThrow(/book\.xlsx is damaged: it has no part \[Content_Types\]\.xml/);
  });

  it("deflates a large part fast and reads it back intact", () => {
    const { pkg } = load(openpyxl);
    const big = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(60_000)}</sheetData></worksheet>`;
    pkg.set("xl/worksheets/sheet2.xml", big);
    const again = fromBytes("big.xlsx", pkg.toBuffer());
    expect(again.pkg.text("xl/worksheets/sheet2.xml")).toBe(big);
    expect(again.zip.entries.find(({ name }) => name === "xl/worksheets/sheet2.xml")?.method).toBe(8);
  });
});

describe("prefixed package parts (as the Open XML SDK writes them)", () => {
  it("reads them and writes new elements with their prefixes", () => {
    const pkg = Package.create(STYLES);
    pkg.set("_rels/.rels", `<?xml version="1.0"?><pr:Relationships xmlns:pr="http://schemas.openxmlformats.org/package/2006/relationships"><pr:Relationship Id="R1a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></pr:Relationships>`);
    pkg.set(
      "[Content_Types].xml",
      `<?xml version="1.0"?><ct:Types xmlns:ct="http://schemas.openxmlformats.org/package/2006/content-types"><ct:Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><ct:Default Extension="xml" ContentType="application/xml"/><ct:Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></ct:Types>`,
    );
    expect(pkg.targetsOfKind("", "officeDocument")).toEqual(["xl/workbook.xml"]);
    expect(pkg.addRelationship("", "extended-properties", "docProps/app.xml")).toBe("rId1");
    expect(pkg.text("_rels/.rels")).toContain(`<pr:Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></pr:Relationships>`);
    pkg.setContentType("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
    expect(pkg.text("[Content_Types].xml")).toContain(`<ct:Override PartName="/xl/styles.xml"`);
    expect(pkg.contentType("xl/workbook.xml")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
  });
});

describe("a new workbook's package", () => {
  it("opens in LibreOffice and in exceljs once it has a sheet", async () => {
    const pkg = Package.create(STYLES);
    const workbook = WorkbookPart.read(pkg);
    const sheet = workbook.addSheet("Invoice & Co");
    expect(sheet).toEqual({ name: "Invoice & Co", part: "xl/worksheets/sheet1.xml", relationshipId: "rId2", sheetId: 1, state: "visible", kind: "worksheet" });
    pkg.set(sheet.part ?? "", WORKSHEET);
    workbook.save();
    expect(pkg.contentType("xl/worksheets/sheet1.xml")).toBe(WORKSHEET_TYPE);
    expect(pkg.text("docProps/core.xml")).toContain("<dc:creator>Interim</dc:creator>");
    const file = join(dir, "new.xlsx");
    const { pkg: again } = written(pkg, file);
    expect(again.parts()[0]).toBe("[Content_Types].xml");

    expect(new LibreOffice(dir).sheets(file)).toEqual(new Map([["Invoice & Co", [["Hello", "42"]]]]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map(({ name }) => name)).toEqual(["Invoice & Co"]);
    expect(book.getWorksheet("Invoice & Co")?.getCell("B1").value).toBe(42);
  });
});
