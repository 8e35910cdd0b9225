import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Package } from "../../../src/workbook/ooxml/package";
import { SharedStrings } from "../../../src/workbook/ooxml/shared-strings";
import { SheetPart } from "../../../src/workbook/ooxml/sheet";
import { TablePart } from "../../../src/workbook/ooxml/table";
import { WorkbookFileError, readZip } from "../../../src/workbook/xlsx-file";

const fixture = (name: string): string => readFileSync(join(__dirname, "fixtures", name), "utf8");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** As Excel writes a table with a total row, a calculated column, an active filter and a sort, here with the x: prefix the Open XML SDK uses. */
const EXCEL_LIKE =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<x:table xmlns:x="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr xr3" ` +
  `xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" ` +
  `id="3" xr:uid="{00000000-000C-0000-FFFF-FFFF00000000}" name="Table3" displayName="Billing_log" ref="B2:D7" totalsRowCount="1">` +
  `<x:autoFilter ref="B2:D6"><x:filterColumn colId="1"><x:filters><x:filter val="10"/></x:filters></x:filterColumn><x:sortState ref="B3:D6"><x:sortCondition ref="B3:B6"/></x:sortState></x:autoFilter>` +
  `<x:tableColumns count="3"><x:tableColumn id="1" name="Invoice" totalsRowLabel="Total"/><x:tableColumn id="2" name="Net_x000A_amount"/>` +
  `<x:tableColumn id="3" name="Gross" totalsRowFunction="sum"><x:calculatedColumnFormula>Billing_log[[#This Row],[Net_x000A_amount]]*1.2</x:calculatedColumnFormula></x:tableColumn></x:tableColumns>` +
  `<x:tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
  `<x:extLst><x:ext uri="{504A1905-F514-4f6f-8877-14C23A59335A}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:table altText="Log"/></x:ext></x:extLst></x:table>`;

const label = "B.xlsx, part xl/tables/table1.xml";

describe("reading a table", () => {
  test("as openpyxl writes it: no declaration, a header row, no total row", () => {
    const table = TablePart.parse(label, fixture("openpyxl-table.xml"));
    expect([table.id, table.name, table.top, table.left, table.bottom, table.right]).toEqual([1, "BillingLog", 0, 0, 3, 2]);
    expect([table.headerRow, table.totalsRow, table.hasCalculatedColumn, table.filtered, table.changed]).toEqual([true, false, false, false, false]);
    expect(table.columnNames).toEqual(["Invoice", "Amount & tax", "Due"]);
  });

  test("as LibreOffice writes it: totalsRowCount 0 is no total row", () => {
    const table = TablePart.parse(label, fixture("libreoffice-table.xml"));
    expect([table.name, table.bottom, table.totalsRow, table.filtered]).toEqual(["BillingLog", 3, false, false]);
  });

  test("as Excel writes it, prefixed: displayName, a total row, a calculated column, an active filter, _x escapes", () => {
    const table = TablePart.parse(label, EXCEL_LIKE);
    expect([table.id, table.name, table.top, table.left, table.bottom, table.right]).toEqual([3, "Billing_log", 1, 1, 6, 3]);
    expect([table.headerRow, table.totalsRow, table.hasCalculatedColumn, table.filtered]).toEqual([true, true, true, true]);
    expect(table.columnNames).toEqual(["Invoice", "Net\namount", "Gross"]);
  });

  test("a filter column that only hides its button filters nothing; headerRowCount 0 is no header", () => {
    const xml = `<table xmlns="${MAIN}" id="2" name="T" ref="A1:B3" headerRowCount="0"><autoFilter ref="A1:B3"><filterColumn colId="0" hiddenButton="1"/></autoFilter><tableColumns count="2"><tableColumn id="1" name="A"/><tableColumn id="2" name="B"/></tableColumns></table>`;
    const table = TablePart.parse(label, xml);
    expect([table.name, table.headerRow, table.filtered]).toEqual(["T", false, false]);
  });

  test("a damaged table names the part and what to do", () => {
    for (const xml of [
      `<table xmlns="${MAIN}" id="1" name="T" ref="A1:B3"><tableColumns count="2"><tableColumn id="1" name="A"/></tableColumns></table>`,
      `<table xmlns="${MAIN}" id="1" name="T" ref="nowhere"><tableColumns/></table>`,
      `<table xmlns="${MAIN}" id="1" name="T" ref="A1:A2"><tableColumns>`,
      `<worksheet xmlns="${MAIN}"/>`,
    ]) {
      expect(() => TablePart.parse(label, xml)).toThrow(WorkbookFileError);
      expect(() => TablePart.parse(label, xml)).toThrow(/^B\.xlsx, part xl\/tables\/table1\.xml is damaged: .*\. Open the workbook in Excel .*then run the command again\.$/);
    }
  });
});

describe("writing a table", () => {
  test("new data rows move ref and the autoFilter's ref; every other byte stays", () => {
    const original = fixture("openpyxl-table.xml");
    const table = TablePart.parse(label, original);
    table.setDataBottom(9);
    expect([table.bottom, table.changed]).toEqual([9, true]);
    expect(table.toXml()).toBe(original.replace('ref="A1:C4" headerRowCount', 'ref="A1:C10" headerRowCount').replace('<autoFilter ref="A1:C4"/>', '<autoFilter ref="A1:C10"/>'));
    expect(TablePart.parse(label, table.toXml()).bottom).toBe(9);
  });

  test("with a total row: ref takes it in, the filter stops above it, the sort covers the data rows", () => {
    const table = TablePart.parse(label, EXCEL_LIKE);
    table.setDataBottom(10);
    expect(table.bottom).toBe(11);
    const xml = table.toXml();
    expect(xml).toBe(EXCEL_LIKE.replace('ref="B2:D7"', 'ref="B2:D12"').replace('<x:autoFilter ref="B2:D6">', '<x:autoFilter ref="B2:D11">').replace('<x:sortState ref="B3:D6">', '<x:sortState ref="B3:D11">').replace('<x:sortCondition ref="B3:B6"/>', '<x:sortCondition ref="B3:B11"/>'));
  });

  test("the same bottom changes nothing; a table keeps one data row, as Excel does", () => {
    const table = TablePart.parse(label, fixture("libreoffice-table.xml"));
    table.setDataBottom(3);
    expect(table.changed).toBe(false);
    table.setDataBottom(-1);
    expect(table.bottom).toBe(1);
    expect(table.toXml()).toContain(`ref="A1:C2" headerRowCount="1"`);
  });

  test("a new table as Excel writes one, its names escaped", () => {
    const table = TablePart.create(4, "Invoice_7", 2, 1, 5, ["Line", "A & B", "_x0041_"]);
    expect(table.changed).toBe(true);
    expect(table.toXml()).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
        `<table xmlns="${MAIN}" id="4" name="Invoice_7" displayName="Invoice_7" ref="B3:D6" totalsRowShown="0"><autoFilter ref="B3:D6"/>` +
        `<tableColumns count="3"><tableColumn id="1" name="Line"/><tableColumn id="2" name="A &amp; B"/><tableColumn id="3" name="_x005F_x0041_"/></tableColumns>` +
        `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    );
    const again = TablePart.parse(label, table.toXml());
    expect([again.id, again.name, again.top, again.left, again.bottom, again.right, again.headerRow, again.totalsRow]).toEqual([4, "Invoice_7", 2, 1, 5, 3, true, false]);
    expect(again.columnNames).toEqual(["Line", "A & B", "_x0041_"]);
    expect(TablePart.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml");
  });

  test("a new table's columns need distinct names", () => {
    expect(() => TablePart.create(1, "T", 0, 0, 3, ["A", "a"])).toThrow(RangeError);
    expect(() => TablePart.create(1, "T", 0, 0, 3, [])).toThrow(RangeError);
  });
});

const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((path) => existsSync(path));

(soffice === undefined ? describe.skip : describe)("LibreOffice reads a written table", () => {
  test("a new table over a sheet's rows, and it keeps it when it saves the workbook", () => {
    const folder = mkdtempSync(join(tmpdir(), "interim-table-"));
    try {
      const pkg = Package.fromZip("libreoffice.xlsx", readZip("libreoffice.xlsx", readFileSync(join(__dirname, "fixtures", "libreoffice.xlsx"))));
      const sheetName = "xl/worksheets/sheet1.xml";
      const sheet = SheetPart.parse("libreoffice.xlsx, part xl/worksheets/sheet1.xml", pkg.text(sheetName), SharedStrings.read(pkg, "xl/sharedStrings.xml"));
      const table = TablePart.create(1, "Billing_log", 0, 0, 2, ["Invoice", "Amount", "Date"]);
      table.setDataBottom(3);
      const part = pkg.freePartName((n) => `xl/tables/table${n}.xml`);
      pkg.set(part, table.toXml());
      pkg.setContentType(part, TablePart.contentType);
      sheet.addTablePart(pkg.addRelationship(sheetName, "table", part));
      pkg.set(sheetName, sheet.toXml());
      writeFileSync(join(folder, "table.xlsx"), pkg.toBuffer());
      execFileSync(soffice as string, [`-env:UserInstallation=file://${folder}/profile`, "--headless", "--convert-to", "xlsx", "--outdir", join(folder, "out"), join(folder, "table.xlsx")], { timeout: 60_000, stdio: "ignore" });
      const saved = Package.fromZip("saved.xlsx", readZip("saved.xlsx", readFileSync(join(folder, "out", "table.xlsx"))));
      const [tablePart] = saved.targetsOfKind("xl/worksheets/sheet1.xml", "table");
      expect(tablePart).toBeDefined();
      const kept = TablePart.parse("saved.xlsx", saved.text(tablePart as string));
      expect([kept.name, kept.top, kept.left, kept.bottom, kept.right, kept.columnNames]).toEqual(["Billing_log", 0, 0, 3, 2, ["Invoice", "Amount", "Date"]]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 90_000);
});
