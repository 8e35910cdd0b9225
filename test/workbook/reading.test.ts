import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";

describe("the names a workbook already uses", () => {
  it("lists every defined name and table name, in an .xlsx file as in memory", async () => {
    const xlsx = XlsxWorkbook.create();
    const memory = new MemoryWorkbook();
    for (const port of [xlsx, memory]) {
      await insertSample(port);
      expect(await generateInvoice(port, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: true });
    }
    xlsx.workbook.definedNames.add("'Settings'!$B$2", "TaxRate");
    memory.state.names.push({ name: "TaxRate", sheet: NAMES.settingsSheet });
    const fromFile = await (await XlsxWorkbook.fromBuffer(await xlsx.toBuffer())).read(NAMES.milestones);
    const inMemory = await memory.read(NAMES.milestones);
    expect(fromFile.definedNames.sort()).toEqual(["InterimSheet_INV_0001", "TaxRate"]);
    expect(fromFile.definedNames.sort()).toEqual(inMemory.definedNames.sort());
    expect(fromFile.tableNames.sort()).toEqual([NAMES.invoicesTable, NAMES.linesTable, NAMES.settingsTable, NAMES.milestones].sort());
    expect(fromFile.tableNames.sort()).toEqual(inMemory.tableNames.sort());
  });
});
