import { generateInvoice } from "../../src/workbook/generate-invoice";
import { findSheet, findTable, type MemoryState, type MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue } from "../../src/workbook/port";
import { readSettings } from "../../src/workbook/settings";
import { bicProblem, ibanProblem } from "../../src/workbook/party-codes";
import { cellAddress } from "../../src/workbook/a1";
import { copyState, sampleWorkbook, setMilestone, setSetting } from "./helpers";

/** Where a setting's value is, as a person selects it: "Contract!B7". */
function cellOfSetting(state: MemoryState, key: string): string {
  const table = findTable(state, NAMES.settingsTable)!;
  const sheet = findSheet(state, table.sheet)!;
  const row = sheet.cells.findIndex((cells, r) => r > table.top && cells[table.left] === key);
  if (row < 0) throw new Error(`no setting ${key}`);
  return `${table.sheet}!${cellAddress(row, table.left + 1)}`;
}

async function issued(workbook: MemoryWorkbook) {
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome.issued;
}

/** Generates with the given settings: the problems, each with its cell, and proof that nothing was written. */
async function problemsWith(settings: Record<string, CellValue>) {
  const workbook = await sampleWorkbook();
  for (const [key, value] of Object.entries(settings)) setSetting(workbook.state, key, value);
  const before = copyState(workbook.state);
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (outcome.ok) throw new Error("generated an invoice from bad settings");
  expect(copyState(workbook.state)).toBe(before);
  return outcome.problems.map((p) => ({ code: p.code, at: `${p.sheet ?? ""}!${p.cell ?? ""}`, message: p.message }));
}

describe("a party's structured data and the VAT treatment, from the contract settings", () => {
  test("the sample's parties reach the issued invoice whole, and print the address they always printed", async () => {
    const invoice = await issued(await sampleWorkbook());
    expect(invoice.supplier).toEqual({
      name: "Northwind Consulting Ltd", address: "12 Harbour Street, Bristol BS1 4DJ, United Kingdom", taxId: "GB123456789",
      street: "12 Harbour Street", city: "Bristol", postCode: "BS1 4DJ", country: "GB",
      electronicAddress: { id: "GB123456789", scheme: "9932" },
      contact: { name: "Amelia Hart", phone: "+44 117 496 0123", email: "billing@northwind.example" },
      bank: { iban: "GB29NWBK60161331926819", bic: "NWBKGB2L" },
    });
    expect(invoice.client).toEqual({
      name: "Contoso Logistics GmbH", address: "Hafenstraße 8, 20457 Hamburg, Germany", taxId: "DE987654321",
      street: "Hafenstraße 8", city: "Hamburg", postCode: "20457", country: "DE",
      electronicAddress: { id: "DE987654321", scheme: "9930" }, contact: { name: "", phone: "", email: "" }, bank: undefined,
    });
    expect(invoice.vatTreatment).toEqual({ kind: "standard" });
    expect(invoice.buyerReference).toBe("");
  });

  test("an older settings table, without the new rows, still bills with its one-text addresses", () => {
    const old: CellValue[][] = [["Setting", "Value"], ["Supplier name", "Acme"], ["Supplier address", "1 Main St, Springfield"], ["Client name", "Client"], ["Client address", "2 Side St"]];
    const { settings, problems } = readSettings({ name: NAMES.settingsTable, sheet: NAMES.settingsSheet, top: 0, left: 0, values: old });
    expect(problems).toEqual([]);
    expect(settings?.supplierAddress).toBe("1 Main St, Springfield");
    expect(settings?.clientAddress).toBe("2 Side St");
    expect(settings?.supplier).toEqual({ street: "", city: "", postCode: "", country: "", electronicAddress: undefined, contact: { name: "", phone: "", email: "" }, bank: undefined });
    expect(settings?.vatTreatment).toEqual({ kind: "standard" });
  });

  test("the buyer reference, a scheme Excel turned into a number, and spaced IBAN and BIC are read as meant", async () => {
    const workbook = await sampleWorkbook();
    setSetting(workbook.state, "Buyer reference", "04011000-12345-67");
    setSetting(workbook.state, "Client electronic address", "5790000435968");
    setSetting(workbook.state, "Client electronic address scheme", 88);
    setSetting(workbook.state, "Supplier IBAN", "de89 3704 0044 0532 0130 00");
    setSetting(workbook.state, "Supplier BIC", "cobadeff xxx");
    const invoice = await issued(workbook);
    expect(invoice.buyerReference).toBe("04011000-12345-67");
    expect(invoice.client.electronicAddress).toEqual({ id: "5790000435968", scheme: "0088" });
    expect(invoice.supplier.bank).toEqual({ iban: "DE89370400440532013000", bic: "COBADEFFXXX" });
  });

  test("reverse charge, exempt, zero-rated and export at 0 % reach the issued invoice", async () => {
    for (const [typed, expected] of [
      ["reverse charge", { kind: "reverse-charge" }],
      ["Exempt", { kind: "exempt", reason: "Exempt under Article 135(1)(b), Directive 2006/112/EC" }],
      ["zero-rated", { kind: "zero-rated" }],
      ["export", { kind: "export" }],
    ] as const) {
      const workbook = await sampleWorkbook();
      setSetting(workbook.state, "VAT treatment", typed);
      setSetting(workbook.state, "Tax rate", 0);
      setMilestone(workbook.state, "L1", "Tax %", 0);
      if (expected.kind === "exempt") setSetting(workbook.state, "VAT exemption reason", expected.reason);
      const invoice = await issued(workbook);
      expect(invoice.vatTreatment).toEqual(expected);
      expect(invoice.result.summary.tax).toBe("0.00");
    }
  });

  test("each bad party setting is a problem at its cell, saying what to enter, and nothing is written", async () => {
    const workbook = await sampleWorkbook();
    const at = (key: string) => cellOfSetting(workbook.state, key);
    expect(await problemsWith({
      "Supplier country": "XX", "Client country": "el", "Supplier IBAN": "GB29 NWBK 6016 1331 9268 18", "Supplier BIC": "NWBK",
      "Supplier electronic address scheme": "1234", "Client electronic address scheme": null, "Supplier contact email": "billing at northwind",
    })).toEqual(expect.arrayContaining([
      { code: "UNKNOWN_COUNTRY", at: at("Supplier country"), message: expect.stringContaining('"XX" is not an ISO 3166-1 two-letter country code') },
      { code: "UNKNOWN_COUNTRY", at: at("Client country"), message: expect.stringContaining("enter GR") },
      { code: "INVALID_IBAN", at: at("Supplier IBAN"), message: expect.stringContaining("check digits that do not match") },
      { code: "INVALID_BIC", at: at("Supplier BIC"), message: expect.stringContaining("8 or 11 letters and digits") },
      { code: "UNKNOWN_SCHEME", at: at("Supplier electronic address scheme"), message: expect.stringContaining('"1234" is not a code of the Peppol Electronic Address Scheme list') },
      { code: "REQUIRED", at: at("Client electronic address scheme"), message: expect.stringContaining("needs its scheme") },
      { code: "INVALID_EMAIL", at: at("Supplier contact email"), message: expect.stringContaining("is not an e-mail address") },
    ]));
  });

  test("a scheme without its address, a BIC without an IBAN, a street without city or country", async () => {
    const workbook = await sampleWorkbook();
    const at = (key: string) => cellOfSetting(workbook.state, key);
    expect(await problemsWith({ "Client electronic address": null, "Supplier IBAN": null, "Client city": null, "Client country": null })).toEqual([
      { code: "REQUIRED", at: at("Client city"), message: expect.stringContaining("Fill in the city") },
      { code: "REQUIRED", at: at("Client country"), message: expect.stringContaining("EN 16931 BR-09, BR-11") },
      { code: "REQUIRED", at: at("Client electronic address"), message: expect.stringContaining("fill in the address, or clear the scheme") },
      { code: "REQUIRED", at: at("Supplier IBAN"), message: expect.stringContaining("a BIC names the bank, not the account") },
    ].sort((a, b) => a.at.localeCompare(b.at, "en", { numeric: true })));
  });

  test("what the VAT treatment asks of the other settings and of each line's Tax %", async () => {
    const workbook = await sampleWorkbook();
    const at = (key: string) => cellOfSetting(workbook.state, key);
    expect(await problemsWith({ "VAT treatment": "exempt" })).toEqual([
      { code: "REQUIRED", at: at("VAT exemption reason"), message: expect.stringContaining("an exempt invoice must say why") },
      { code: "TAX_RATE_NOT_ZERO", at: at("Tax rate"), message: "VAT treatment is exempt: such a supply is taxed at 0 %, the buyer or the law accounts for the VAT. Set Tax rate to 0%." },
    ]);
    expect(await problemsWith({ "VAT treatment": "reverse charge", "Client tax id": null, "Tax rate": 0 })).toEqual([
      { code: "REQUIRED", at: at("Client tax id"), message: expect.stringContaining("Fill in Client tax id") },
    ]);
    expect(await problemsWith({ "VAT exemption reason": "Article 135" })).toEqual([
      { code: "INVALID_OPTION", at: at("VAT exemption reason"), message: expect.stringContaining("Clear it, or set VAT treatment to exempt") },
    ]);
    // L1 (licences) has its own Tax % of 9 %: the sample's ninth column, row 8.
    expect(await problemsWith({ "VAT treatment": "zero-rated", "Tax rate": 0 })).toEqual([
      { code: "TAX_RATE_NOT_ZERO", at: "Milestones!I8", message: 'VAT treatment is zero-rated: such a supply is taxed at 0 %, the buyer or the law accounts for the VAT. Set "Tax %" of line "L1" to 0%.' },
    ]);
  });
});

describe("IBAN (ISO 13616) and BIC (ISO 9362)", () => {
  test("IBANs of several countries pass their mod-97 check; one changed or swapped digit does not", () => {
    for (const iban of ["DE89370400440532013000", "GB29NWBK60161331926819", "FR1420041010050500013M02606", "BE71096123456769", "NL91ABNA0417164300"]) {
      expect(ibanProblem(iban)).toBeUndefined();
      const changed = iban.slice(0, -1) + String((Number(iban.slice(-1)) + 1) % 10);
      const swapped = iban.slice(0, 6) + iban[7] + iban[6] + iban.slice(8);
      expect(ibanProblem(changed)).toMatch(/check digits/);
      if (swapped !== iban) expect(ibanProblem(swapped)).toMatch(/check digits/);
    }
    expect(ibanProblem("DE89")).toMatch(/is not an IBAN/);
    expect(ibanProblem("ZZ89370400440532013000")).toMatch(/no country code/);
  });

  test("a BIC is 8 or 11 characters with a country code in the middle", () => {
    expect(bicProblem("DEUTDEFF")).toBeUndefined();
    expect(bicProblem("DEUTDEFF500")).toBeUndefined();
    expect(bicProblem("DEUTDEF")).toMatch(/8 or 11/);
    expect(bicProblem("DEUTZZFF")).toMatch(/ZZ where its country code goes/);
  });
});
