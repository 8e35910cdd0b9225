import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Package } from "../../../src/workbook/ooxml/package";
import { WorkbookPart } from "../../../src/workbook/ooxml/workbook-part";
import { LibreOffice } from "../../cli/libreoffice";
import { STYLES, WORKSHEET, load, openpyxlWorkbook, raw, written } from "./package-files";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

let dir: string;
let office: LibreOffice;
let openpyxl: string;
let libreOffice: string;
jest.setTimeout(120_000);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "interim-workbook-part-"));
  office = new LibreOffice(dir);
  openpyxl = openpyxlWorkbook(dir);
  // LibreOffice saves the same workbook its own way: relative targets, its calcPr and extLst, the chart sheet as a sheet with a chart.
  office.convert(openpyxl, "xlsx", join(dir, "libreoffice"));
  libreOffice = join(dir, "libreoffice", "openpyxl.xlsx");
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a workbook openpyxl saved", () => {
  it("lists its sheets of every kind, its names and its protection", () => {
    const workbook = WorkbookPart.read(load(openpyxl).pkg);
    expect(workbook.part).toBe("xl/workbook.xml");
    expect(workbook.sheets()).toEqual([
      { name: "Contract", part: "xl/worksheets/sheet1.xml", relationshipId: "rId1", sheetId: 1, state: "visible", kind: "worksheet" },
      { name: "Log book", part: "xl/worksheets/sheet2.xml", relationshipId: "rId2", sheetId: 2, state: "visible", kind: "worksheet" },
      { name: "Lines", part: "xl/worksheets/sheet3.xml", relationshipId: "rId3", sheetId: 3, state: "visible", kind: "worksheet" },
      { name: "Chart", part: "xl/chartsheets/sheet1.xml", relationshipId: "rId4", sheetId: 4, state: "visible", kind: "chartsheet" },
    ]);
    expect(workbook.definedNames()).toEqual([
      { name: "LogStart", localSheet: undefined, hidden: false, text: "'Log book'!$A$1" },
      { name: "Rate", localSheet: undefined, hidden: false, text: "Contract!$B$1" },
      { name: "Text", localSheet: undefined, hidden: false, text: '"Log book!A1"' },
      { name: "LinesStart", localSheet: 2, hidden: false, text: "Lines!$A$1" },
      { name: "LogLocal", localSheet: 1, hidden: false, text: "'Log book'!$B$1" },
    ]);
    expect(workbook.structureLocked()).toBe(true);
  });

  it("removes a sheet with its drawing and chart, the names that belong to it, and shifts later sheets' names and the active tab", () => {
    const { pkg } = load(openpyxl);
    const workbook = WorkbookPart.read(pkg);
    workbook.removeSheet("log BOOK");
    workbook.save();
    expect(workbook.sheets().map(({ name }) => name)).toEqual(["Contract", "Lines", "Chart"]);
    for (const part of ["xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml"]) {
      expect(pkg.has(part)).toBe(false);
      expect(pkg.text("[Content_Types].xml")).not.toContain(`"/${part}"`);
    }
    for (const part of ["xl/chartsheets/sheet1.xml", "xl/drawings/drawing2.xml", "xl/charts/chart2.xml", "xl/tables/table1.xml"]) expect(pkg.has(part)).toBe(true);
    expect(pkg.relationships("xl/workbook.xml").map(({ id }) => id)).toEqual(["rId1", "rId3", "rId4", "rId5", "rId6"]);
    expect(workbook.definedNames()).toEqual([
      { name: "Rate", localSheet: undefined, hidden: false, text: "Contract!$B$1" },
      { name: "Text", localSheet: undefined, hidden: false, text: '"Log book!A1"' },
      { name: "LinesStart", localSheet: 1, hidden: false, text: "Lines!$A$1" },
    ]);
    const xml = pkg.text("xl/workbook.xml");
    expect(xml).toContain(`<workbookProtection lockStructure="1"/>`);
    expect(xml).toContain(`tabRatio="600" firstSheet="0" activeTab="1" autoFilterDateGrouping="1"/>`);

    const file = join(dir, "openpyxl-removed.xlsx");
    written(pkg, file);
    const sheets = office.sheets(file);
    expect(sheets.get("Contract")).toEqual([["Rate", "1"]]);
    expect(sheets.get("Lines")).toEqual([
      ["Item", "Amount"],
      ["one", "2"],
    ]);
    expect(sheets.has("Log book")).toBe(false);
  });

  it("keeps a chart another sheet's drawing also shows", () => {
    const { pkg } = load(openpyxl);
    pkg.addRelationship("xl/drawings/drawing2.xml", "chart", "xl/charts/chart1.xml");
    WorkbookPart.read(pkg).removeSheet("Log book");
    expect(pkg.has("xl/drawings/drawing1.xml")).toBe(false);
    expect(pkg.has("xl/charts/chart1.xml")).toBe(true);
    expect(pkg.contentType("xl/charts/chart1.xml")).toBe("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  });

  it("removes a chart sheet with its drawing and chart", () => {
    const { pkg } = load(openpyxl);
    const workbook = WorkbookPart.read(pkg);
    workbook.removeSheet("Chart");
    expect(workbook.sheets().map(({ name }) => name)).toEqual(["Contract", "Log book", "Lines"]);
    for (const part of ["xl/chartsheets/sheet1.xml", "xl/drawings/drawing2.xml", "xl/charts/chart2.xml"]) expect(pkg.has(part)).toBe(false);
    expect(pkg.has("xl/charts/chart1.xml")).toBe(true);
    // The active tab was the last sheet but one: it stays.
    expect(pkg.text("xl/workbook.xml")).toBe(load(openpyxl).pkg.text("xl/workbook.xml"));
    workbook.save();
    expect(pkg.text("xl/workbook.xml")).not.toContain(`name="Chart"`);
    expect(pkg.text("xl/workbook.xml")).toContain(`activeTab="2"`);
  });

  it("refuses a sheet name Excel refuses or has, a sheet it does not have, and a second name of one scope", () => {
    const workbook = WorkbookPart.read(load(openpyxl).pkg);
    expect(() => workbook.addSheet("LINES")).toThrow(/already has a sheet named LINES/);
    expect(() => workbook.removeSheet("Invoice")).toThrow(/has no sheet named Invoice/);
    for (const name of ["", "x".repeat(32), "a/b", "[x]", "'quoted'", "History"]) expect(() => workbook.addSheet(name)).toThrow(/not a sheet name Excel accepts/);
    expect(workbook.addSheet("x".repeat(31)).name).toHaveLength(31);
    expect(() => workbook.addDefinedName("rate", "Contract!$B$2")).toThrow(/already has a name rate/);
    expect(() => workbook.addDefinedName("LINESSTART", "Lines!$A$2", 2)).toThrow(/already has a name LINESSTART/);
    workbook.addDefinedName("LinesStart", "Lines!$A$2", 0);
  });
});

describe("a workbook LibreOffice saved", () => {
  it("takes a new sheet and a name, loses one, recalculates on opening, and copies the rest as stored", () => {
    const { zip, pkg } = load(libreOffice);
    const workbook = WorkbookPart.read(pkg);
    expect(workbook.structureLocked()).toBe(false);
    expect(workbook.sheets().map(({ name, part }) => [name, part])).toEqual([
      ["Contract", "xl/worksheets/sheet1.xml"],
      ["Log book", "xl/worksheets/sheet2.xml"],
      ["Lines", "xl/worksheets/sheet3.xml"],
      ["Chart", "xl/worksheets/sheet4.xml"],
    ]);
    workbook.removeSheet("Log book");
    const invoice = workbook.addSheet("Invoice");
    // sheet2.xml is free again; sheetId never reused.
    expect(invoice).toEqual({ name: "Invoice", part: "xl/worksheets/sheet2.xml", relationshipId: "rId3", sheetId: 5, state: "visible", kind: "worksheet" });
    pkg.set("xl/worksheets/sheet2.xml", WORKSHEET);
    workbook.addDefinedName("Greeting", "Invoice!$A$1");
    workbook.recalculateOnOpen();
    workbook.save();

    const xml = pkg.text("xl/workbook.xml");
    expect(xml).toContain(`<sheet name="Invoice" sheetId="5" r:id="rId3"/></sheets>`);
    expect(xml).toContain(`<definedName name="Greeting">Invoice!$A$1</definedName></definedNames>`);
    expect(xml).toContain(`<calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.0001" fullCalcOnLoad="1"/><extLst>`);
    expect(pkg.contentType(invoice.part ?? "")).toBe(WORKSHEET_TYPE);

    const file = join(dir, "libreoffice-invoice.xlsx");
    const again = written(pkg, file);
    for (const part of ["xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/tables/table1.xml", "docProps/custom.xml"]) {
      expect(raw(again.zip, part)?.equals(raw(zip, part) ?? Buffer.alloc(0))).toBe(true);
    }
    const sheets = office.sheets(file);
    expect([...sheets.keys()].sort()).toEqual(["Chart", "Contract", "Invoice", "Lines"]);
    expect(sheets.get("Invoice")).toEqual([["Hello", "42"]]);
  });
});

/** A workbook as the Open XML SDK writes it: every element prefixed x:, r declared on the root, a calculation chain. */
function prefixedWorkbook(): Package {
  const pkg = Package.create(STYLES);
  for (const n of [1, 2]) {
    pkg.set(`xl/worksheets/sheet${n}.xml`, WORKSHEET);
    pkg.setContentType(`xl/worksheets/sheet${n}.xml`, WORKSHEET_TYPE);
    pkg.addRelationship("xl/workbook.xml", "worksheet", `xl/worksheets/sheet${n}.xml`);
  }
  pkg.set("xl/calcChain.xml", `<calcChain xmlns="${MAIN}"><c r="B1" i="1"/></calcChain>`);
  pkg.setContentType("xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml");
  pkg.addRelationship("xl/workbook.xml", "calcChain", "xl/calcChain.xml");
  pkg.set(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${RELATIONSHIPS}" xmlns:x="${MAIN}"><x:bookViews><x:workbookView activeTab="1"/></x:bookViews>` +
      `<x:sheets><x:sheet name="First" sheetId="1" r:id="rId2"/><x:sheet name="Second" sheetId="7" r:id="rId3"/></x:sheets>` +
      `<x:extLst><x:ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}"/></x:extLst></x:workbook>`,
  );
  return pkg;
}

describe("a prefixed workbook (x:)", () => {
  it("gets new elements with its prefix, at their schema positions, and loses its calculation chain on recalculation", () => {
    const pkg = prefixedWorkbook();
    const workbook = WorkbookPart.read(pkg);
    expect(workbook.sheets().map(({ name, sheetId, part }) => [name, sheetId, part])).toEqual([
      ["First", 1, "xl/worksheets/sheet1.xml"],
      ["Second", 7, "xl/worksheets/sheet2.xml"],
    ]);
    expect(workbook.addSheet("Third")).toMatchObject({ part: "xl/worksheets/sheet3.xml", relationshipId: "rId5", sheetId: 8 });
    workbook.addDefinedName("Print <area>", "Third!$A$1:$B$2", 2);
    workbook.recalculateOnOpen();
    workbook.save();
    expect(pkg.text("xl/workbook.xml")).toBe(
      `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${RELATIONSHIPS}" xmlns:x="${MAIN}"><x:bookViews><x:workbookView activeTab="1"/></x:bookViews>` +
        `<x:sheets><x:sheet name="First" sheetId="1" r:id="rId2"/><x:sheet name="Second" sheetId="7" r:id="rId3"/><x:sheet name="Third" sheetId="8" r:id="rId5"/></x:sheets>` +
        `<x:definedNames><x:definedName name="Print &lt;area&gt;" localSheetId="2">Third!$A$1:$B$2</x:definedName></x:definedNames>` +
        `<x:calcPr fullCalcOnLoad="1"/><x:extLst><x:ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}"/></x:extLst></x:workbook>`,
    );
    expect(pkg.has("xl/calcChain.xml")).toBe(false);
    expect(pkg.targetsOfKind("xl/workbook.xml", "calcChain")).toEqual([]);
    expect(pkg.text("[Content_Types].xml")).not.toContain("calcChain");
  });

  it("removes its first sheet: later names shift, the active tab stays in range, the calculation chain goes", () => {
    const pkg = prefixedWorkbook();
    const workbook = WorkbookPart.read(pkg);
    workbook.addDefinedName("Here", "$A$1", 1);
    workbook.addDefinedName("There", "First!$A$1", 0);
    workbook.removeSheet("FIRST");
    workbook.save();
    expect(workbook.definedNames()).toEqual([{ name: "Here", localSheet: 0, hidden: false, text: "$A$1" }]);
    expect(pkg.text("xl/workbook.xml")).toContain(`<x:workbookView activeTab="0"/>`);
    expect(pkg.has("xl/calcChain.xml")).toBe(false);
    expect(pkg.has("xl/worksheets/sheet1.xml")).toBe(false);
    expect(pkg.has("xl/styles.xml")).toBe(true);

    const file = join(dir, "prefixed.xlsx");
    written(pkg, file);
    expect(office.sheets(file)).toEqual(new Map([["Second", [["Hello", "42"]]]]));
  });
});

/** xl/workbook.xml as Excel 365 writes it: markup-compatibility namespaces, an absPath alternate, a revision pointer, a protected structure, extensions. */
const EXCEL_WORKBOOK =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">` +
  `<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr defaultThemeVersion="202300"/>` +
  `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\me\\Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>` +
  `<xr:revisionPtr revIDLastSave="0" documentId="8_{5F2D7C1E-8B0A-4C1D-9E3F-2A6B7C8D9E0F}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>` +
  `<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="aGFzaA==" workbookSaltValue="c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>` +
  `<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720" xr2:uid="{2E4A6C8E-0A2C-4E6A-8C0E-2A4C6E8A0C2E}"/></bookViews>` +
  `<sheets><sheet name="Contract" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/>` +
  `<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>`;

describe("a workbook Excel saved", () => {
  it("keeps every byte it does not change: names go after the sheets, full calculation on the existing calcPr", () => {
    const pkg = Package.create(STYLES);
    pkg.set("xl/worksheets/sheet1.xml", WORKSHEET);
    const id = pkg.addRelationship("xl/workbook.xml", "worksheet", "xl/worksheets/sheet1.xml");
    const excel = EXCEL_WORKBOOK.replace(`r:id="rId1"`, `r:id="${id}"`);
    pkg.set("xl/workbook.xml", excel);
    const workbook = WorkbookPart.read(pkg);
    expect(workbook.structureLocked()).toBe(true);
    expect(workbook.sheets().map(({ name, part }) => [name, part])).toEqual([["Contract", "xl/worksheets/sheet1.xml"]]);
    workbook.addDefinedName("_xlnm.Print_Area", "Contract!$A$1:$B$1", 0);
    workbook.recalculateOnOpen();
    workbook.save();
    expect(pkg.text("xl/workbook.xml")).toBe(
      excel.replace(
        `</sheets><calcPr calcId="191029"/>`,
        `</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Contract!$A$1:$B$1</definedName></definedNames><calcPr calcId="191029" fullCalcOnLoad="1"/>`,
      ),
    );
  });
});

describe("removing the active sheet", () => {
  it("makes the nearest visible sheet active, never a hidden one", () => {
    const pkg = Package.create(STYLES);
    const workbook = WorkbookPart.read(pkg);
    for (const name of ["Shown", "Active", "Hidden", "Shown too"]) workbook.addSheet(name);
    workbook.save();
    const hidden = pkg.text("xl/workbook.xml").replace(`name="Hidden"`, `name="Hidden" state="hidden"`);
    pkg.set("xl/workbook.xml", hidden.replace("<sheets>", `<bookViews><workbookView activeTab="1"/></bookViews><sheets>`));
    const again = WorkbookPart.read(pkg);
    expect(again.sheets().map(({ state }) => state)).toEqual(["visible", "visible", "hidden", "visible"]);
    again.removeSheet("Active");
    again.save();
    expect(pkg.text("xl/workbook.xml")).toContain(`<workbookView activeTab="2"/>`);
    again.removeSheet("Shown too");
    again.save();
    expect(pkg.text("xl/workbook.xml")).toContain(`<workbookView activeTab="0"/>`);
  });
});

describe("a workbook whose root does not declare the relationships namespace", () => {
  it("declares it on the new sheet", () => {
    const pkg = Package.create(STYLES);
    pkg.set("xl/workbook.xml", `<workbook xmlns="${MAIN}"><sheets/></workbook>`);
    const workbook = WorkbookPart.read(pkg);
    workbook.addSheet("One");
    workbook.save();
    expect(pkg.text("xl/workbook.xml")).toBe(`<workbook xmlns="${MAIN}"><sheets><sheet name="One" sheetId="1" r:id="rId2" xmlns:r="${RELATIONSHIPS}"/></sheets></workbook>`);
    expect(WorkbookPart.read(pkg).sheets()[0]?.part).toBe("xl/worksheets/sheet1.xml");
  });
});
