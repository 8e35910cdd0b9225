import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Package } from "../../../src/workbook/ooxml/package";
import { readZip, type Zip } from "../../../src/workbook/xlsx-file";

/**
 * A workbook as openpyxl (Debian's python3-openpyxl) saves it, with absolute relationship targets
 * (/xl/worksheets/sheet1.xml): Contract, "Log book" with a chart in its drawing, Lines with a
 * table, and a chart sheet; global names, names local to Log book and Lines, structure protection,
 * Lines the active tab.
 */
const OPENPYXL_WORKBOOK = `
import openpyxl, sys
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table
from openpyxl.workbook.protection import WorkbookProtection
wb = openpyxl.Workbook()
a = wb.active
a.title = "Contract"
a.append(["Rate", 1])
b = wb.create_sheet("Log book")
for i in range(1, 5): b.append([i, i * 2])
chart = BarChart()
chart.add_data(Reference(b, min_col=2, min_row=1, max_row=4))
b.add_chart(chart, "D2")
c = wb.create_sheet("Lines")
c.append(["Item", "Amount"])
c.append(["one", 2])
c.add_table(Table(displayName="Lines", ref="A1:B2"))
cs = wb.create_chartsheet("Chart")
chart2 = BarChart()
chart2.add_data(Reference(c, min_col=2, min_row=1, max_row=2))
cs.add_chart(chart2)
wb.defined_names.append(DefinedName("LogStart", attr_text="'Log book'!$A$1"))
wb.defined_names.append(DefinedName("Rate", attr_text="Contract!$B$1"))
wb.defined_names.append(DefinedName("Text", attr_text='"Log book!A1"'))
wb.defined_names.append(DefinedName("LinesStart", localSheetId=2, attr_text="Lines!$A$1"))
wb.defined_names.append(DefinedName("LogLocal", localSheetId=1, attr_text="'Log book'!$B$1"))
wb.active = 2
wb.security = WorkbookProtection(lockStructure=True)
wb.save(sys.argv[1])
`;

export function openpyxlWorkbook(dir: string): string {
  const file = join(dir, "openpyxl.xlsx");
  execFileSync("/usr/bin/python3", ["-c", OPENPYXL_WORKBOOK, file], { stdio: "pipe", timeout: 60_000 });
  return file;
}

export interface Loaded {
  zip: Zip;
  pkg: Package;
}

export function load(file: string): Loaded {
  return fromBytes(file, readFileSync(file));
}

export function fromBytes(label: string, bytes: Buffer): Loaded {
  const zip = readZip(label, bytes);
  return { zip, pkg: Package.fromZip(label, zip) };
}

/** Writes a package and reads it back from the file, as another program would. */
export function written(pkg: Package, file: string): Loaded {
  writeFileSync(file, pkg.toBuffer());
  return load(file);
}

export function raw(zip: Zip, part: string): Buffer | undefined {
  const entry = zip.entries.find(({ name }) => name === part);
  return entry === undefined ? undefined : zip.raw(entry);
}

export const WORKSHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Hello</t></is></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>`;

/** Styles as small as Excel opens: one font, fill pair, border and cell format. */
export const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
