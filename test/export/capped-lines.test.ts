import { spawnSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import { type IssuedInvoice, type Party, addAmounts } from "../../src/core";
import { exporterFor } from "../../src/export";
import { toCii } from "../../src/export/cii/cii-writer";
import { toCsv } from "../../src/export/csv-exporter";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { toUbl } from "../../src/export/ubl/ubl-exporter";
import { cappedInvoice, cappedTimesheetInvoices, firstInvoice } from "./fixtures";
import { fonts, parseCsv, pdfText, tempDir, tool, writeTemp } from "./tools";

/**
 * Every document shows what a capped line worked but did not bill. The fixture: the sample's
 * first invoice with T1 capped at 140 h × 115.00 = 16100.00 worked, 15000.00 billed, 1100.00
 * not; M3 capped and within its cap (0.00).
 */
jest.setTimeout(180_000);
const dir = tempDir("capped");
const VALIDATE = path.join(__dirname, "../../../shared/einvoice-validate/validate.sh");

function expectValid(xml: string, name: string): void {
  const run = spawnSync(VALIDATE, [writeTemp(dir, name, xml)], { encoding: "utf8", timeout: 170_000 });
  const output = `${run.stdout}${run.stderr}`;
  expect({ name, output: output.split("\n").filter((line) => / fatal /.test(line)) }).toEqual({ name, output: [] });
  expect(output).toMatch(/^0 fatal, \d+ warnings$/m);
}

const BRISTOL: Partial<Party> = {
  taxId: "GB123456789", street: "12 Harbour Street", city: "Bristol", postCode: "BS1 4DJ", country: "GB",
  electronicAddress: { id: "GB123456789", scheme: "9932" }, bank: { iban: "GB29NWBK60161331926819", bic: "NWBKGB2L" },
};
const HAMBURG: Partial<Party> = {
  taxId: "DE123456789", street: "Hafenstraße 8", city: "Hamburg", postCode: "20457", country: "DE", electronicAddress: { id: "DE123456789", scheme: "9930" },
};

describe("capped lines in the documents", () => {
  let capped: IssuedInvoice;
  beforeAll(async () => {
    capped = await cappedInvoice();
  });

  test("CSV: a last column with each capped line's amount worked but not billed, blank for the other lines", async () => {
    const rows = parseCsv(toCsv(capped));
    const header = rows[0] ?? [];
    expect(header.at(-1)).toBe("Worked, not billed (capped)");
    const lastOf = (id: string): string | undefined => rows.find((row) => row[0] === "line" && row[1] === id)?.at(-1);
    expect([lastOf("T1"), lastOf("M3"), lastOf("M1")]).toEqual(["1100.00", "0.00", ""]);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    expect(parseCsv(toCsv(await firstInvoice()))[0]).not.toContain("Worked, not billed (capped)");
  });

  test("xlsx: the column beside the helper columns, as a number", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await exporterFor("xlsx")).generate(capped)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let header = 0;
    sheet.eachRow((row, r) => {
      if (row.getCell(13).value === "Worked, not billed (capped)") header = r;
    });
    expect(header).toBeGreaterThan(0);
    const valueOf = (id: string): unknown => {
      let value: unknown;
      sheet.eachRow((row, r) => {
        if (r > header && row.getCell(1).value === id) value = row.getCell(13).value;
      });
      return value;
    };
    expect([valueOf("T1"), valueOf("M3"), valueOf("M1")]).toEqual([1100, 0, null]);
  });

  test("PDF: the capped lines under the table, with the amount worked but not billed", async () => {
    const file = writeTemp(dir, "capped.pdf", await toPdf(capped, { fonts, paper: "a4" }));
    const text = pdfText(file).replace(/\s+/g, " ");
    expect(text).toContain("Worked, not billed (capped)");
    expect(text).toMatch(/T1 Data migration support \(time and materials, capped\) 1,100\.00/);
    expect(text).toMatch(/M3 Build and integration 0\.00/);
    tool("pdftoppm", ["-r", "110", "-png", "-f", "1", "-singlefile", file, path.join(__dirname, "artifacts", "capped-page-1")]);
  });

  test("UBL and CII: the line note (BT-127) states it, and the official validators accept both", () => {
    const invoice = { ...capped, supplier: { ...capped.supplier, ...BRISTOL }, client: { ...capped.client, ...HAMBURG } };
    const note = "Worked but not billed (capped): 1100.00.";
    const ubl = toUbl(invoice);
    const cii = toCii(invoice);
    for (const xml of [ubl, cii]) {
      expect(xml.split(note)).toHaveLength(2);
      expect(xml).not.toContain("Worked but not billed (capped): 0.00");
    }
    expectValid(ubl, "capped-ubl.xml");
    expectValid(cii, "capped-cii.xml");
  });
});

/**
 * A capped line billed from the timesheet shows its hours past the cap beside the amount. The
 * fixture (cappedTimesheetInvoices): D1 capped at 1500.00; January leaves 153.75 and 1.28 h of
 * Carl's 20th not billed, February 1583.75 and 15.28 h.
 */
describe("capped lines billed from the timesheet: the hours not billed in the documents", () => {
  let january: IssuedInvoice;
  let february: IssuedInvoice;
  beforeAll(async () => {
    ({ january, february } = await cappedTimesheetInvoices());
  });

  test("the issued invoice carries each capped timesheet line's hours past the cap to date", () => {
    expect(january.hoursNotBilled).toEqual([{ line: "D1", hours: "1.28" }]);
    expect(february.hoursNotBilled).toEqual([{ line: "D1", hours: "15.28" }]);
    expect(february.result.lines.map((l) => [l.id, l.thisPeriod, l.workedNotBilled])).toEqual([["A1", "500.00", undefined], ["D1", "0.00", "1583.75"], ["F1", "0.00", undefined]]);
  });

  test("the time appendix prices the hours worked: on the capped line its rows are E and the growth of the amount not billed", () => {
    const d1 = (invoice: IssuedInvoice): string[] => (invoice.timeAppendix ?? []).filter((r) => r.line === "D1").map((r) => r.amount);
    // January: 880.00 + 593.75 + 180.00 = 1653.75 = 1500.00 billed + 153.75 not billed.
    expect(addAmounts(d1(january))).toBe(addAmounts(["1500.00", "153.75"]));
    // February: 440.00 + 800.00 + 190.00 = 1430.00 = 0.00 billed + (1583.75 − 153.75).
    expect(addAmounts(d1(february))).toBe(addAmounts(["0.00", "1583.75", "-153.75"]));
  });

  test("CSV: the hours in the column after the amount, blank for the other lines; no such column for a capped line of typed hours", async () => {
    const rows = parseCsv(toCsv(february));
    const header = rows[0] ?? [];
    const at = header.indexOf("Hours not billed (capped)");
    expect(header[at - 1]).toBe("Worked, not billed (capped)");
    const of = (id: string): (string | undefined)[] => {
      const row = rows.find((r) => r[0] === "line" && r[1] === id);
      return [row?.[at - 1], row?.[at]];
    };
    expect([of("A1"), of("D1")]).toEqual([["", ""], ["1583.75", "15.28"]]);
    expect(parseCsv(toCsv(await cappedInvoice()))[0]).not.toContain("Hours not billed (capped)");
  });

  test("xlsx: the hours beside the amount, a number in hours' format", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await exporterFor("xlsx")).generate(january)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("INV-0001")!;
    let d1 = 0;
    sheet.eachRow((row, r) => {
      if (row.getCell(1).value === "D1") d1 = r;
    });
    const header = sheet.getRow(12);
    expect([header.getCell(13).value, header.getCell(14).value]).toEqual(["Worked, not billed (capped)", "Hours not billed (capped)"]);
    const cell = sheet.getRow(d1).getCell(14);
    expect([sheet.getRow(d1).getCell(13).value, cell.value, cell.numFmt]).toEqual([153.75, 1.28, "#,##0.00##"]);
  });

  test("PDF: the capped line's amount and hours under the table", async () => {
    const file = writeTemp(dir, "capped-timesheet.pdf", await toPdf(january, { fonts, paper: "a4" }));
    const text = pdfText(file).replace(/\s+/g, " ");
    expect(text).toContain("Worked, not billed (capped) Amount Hours");
    expect(text).toContain("D1 Development (time) 153.75 1.28");
    // Page 1 the capped line, page 2 the time appendix.
    tool("pdftoppm", ["-r", "110", "-png", "-f", "1", "-l", "2", file, path.join(__dirname, "artifacts", "capped-timesheet-page")]);
  });

  test("UBL and CII: the line note gives the hours with the amount, and the official validators accept both", () => {
    const invoice = { ...february, supplier: { ...february.supplier, ...BRISTOL }, client: { ...february.client, ...HAMBURG } };
    const note = "Worked but not billed (capped): 1583.75 for 15.28 hours.";
    const ubl = toUbl(invoice);
    const cii = toCii(invoice);
    for (const xml of [ubl, cii]) expect(xml.split(note)).toHaveLength(2);
    expectValid(ubl, "capped-timesheet-ubl.xml");
    expectValid(cii, "capped-timesheet-cii.xml");
  });
});
