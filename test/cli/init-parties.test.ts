import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { runInit } from "../../src/cli/init-command";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";

describe("interim init: the sample contract's parties, ready for an e-invoice", () => {
  test("the new workbook's settings give each party an address, electronic address and scheme, and the supplier a contact and bank account", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "interim-init-")), "contract.xlsx");
    expect((await runInit([file])).status).toBe(0);
    const outcome = await generateInvoice(await XlsxWorkbook.fromBuffer(readFileSync(file)), { invoiceDate: "2026-09-30" });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
    const { supplier, client, vatTreatment } = outcome.issued;
    expect(supplier).toMatchObject({
      street: "12 Harbour Street", city: "Bristol", postCode: "BS1 4DJ", country: "GB", taxId: "GB123456789",
      electronicAddress: { id: "GB123456789", scheme: "9932" },
      contact: { name: "Amelia Hart", phone: "+44 117 496 0123", email: "billing@northwind.example" },
      bank: { iban: "GB29NWBK60161331926819", bic: "NWBKGB2L" },
    });
    expect(client).toMatchObject({ street: "Hafenstraße 8", city: "Hamburg", postCode: "20457", country: "DE", electronicAddress: { id: "DE987654321", scheme: "9930" } });
    expect(vatTreatment).toEqual({ kind: "standard" });

    // Post codes and schemes are Text cells, so that a person typing 01067 or 0088 keeps the zeros.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const formats = new Map<string, string>();
    book.getWorksheet("Contract")?.eachRow((row) => formats.set(row.getCell(1).text, row.getCell(2).numFmt));
    for (const key of ["Supplier post code", "Client post code", "Supplier electronic address scheme", "Client electronic address scheme"]) expect(formats.get(key)).toBe("@");
    expect(formats.get("Supplier city")).toBeUndefined();
  });
});
