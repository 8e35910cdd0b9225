import fc from "fast-check";
import { exporterFor } from "../../src/export";
import { neutralise, toCsv } from "../../src/export/csv-exporter";
import { HOSTILE, firstInvoice, thirdInvoice, unicodeInvoice } from "./fixtures";
import { parseCsv } from "./tools";

/** The English CSV's columns, as it has always headed them. */
const CSV_HEADER = [
  "Record", "Item", "Description", "Scheduled value (C)", "From previous application (D)", "This period (E)", "Materials presently stored (F)",
  "Completed and stored to date (G)", "% (G ÷ C)", "Balance to finish (H)", "Retention (I)", "Tax rate", "Amount",
];

const record = (rows: string[][], kind: string, item: string): string[] | undefined => rows.find((r) => r[0] === kind && r[1] === item);
const amountOf = (rows: string[][], item: string): string | undefined => record(rows, "summary", item)?.[CSV_HEADER.length - 1];

describe("CSV export", () => {
  test("RFC 4180 with a UTF-8 byte order mark; round-trips through a parser with every line and summary figure", async () => {
    const invoice = await firstInvoice();
    const bytes = await (await exporterFor("csv")).generate(invoice);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CSV_HEADER);
    for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
    expect(record(rows, "document", "clientAddress")?.[2]).toBe("Hafenstraße 8, 20457 Hamburg, Germany");
    const lines = rows.filter((r) => r[0] === "line");
    expect(lines.map((r) => r.slice(1, 11))).toEqual(invoice.result.lines.map((l) => [
      l.id, l.description, l.scheduledValue, l.previouslyCompleted, l.thisPeriod, l.storedMaterials, l.completedAndStoredToDate, l.percentComplete, l.balanceToFinish, l.retention,
    ]));
    expect(amountOf(rows, "8")).toBe("80833.12");
    expect(amountOf(rows, "totalDue")).toBe("94999.75");
    expect(rows.filter((r) => r[1] === "tax").map((r) => r.slice(-2))).toEqual([["0.09", "1800.00"], ["0.19", "12366.63"]]);
    expect(new TextDecoder().decode(await (await exporterFor("csv")).generate(invoice, { bom: false })).startsWith("Record,")).toBe(true);
  });

  test("text that a spreadsheet would run as a formula is neutralised; quotes, commas and line breaks survive", async () => {
    const invoice = await unicodeInvoice();
    const rows = parseCsv(toCsv(invoice));
    expect(record(rows, "document", "supplierAddress")?.[2]).toBe(`'${HOSTILE.supplierAddress}`);
    expect(record(rows, "document", "contractReference")?.[2]).toBe(`'${HOSTILE.contractReference}`);
    expect(record(rows, "document", "purchaseOrder")?.[2]).toBe(`'${HOSTILE.purchaseOrder}`);
    expect(record(rows, "line", "M4")?.[2]).toBe(`'${HOSTILE.formulaDescription}`);
    expect(record(rows, "line", "M3")?.[2]).toBe(HOSTILE.controlDescription);
    expect(record(rows, "document", "clientName")?.[2]).toBe(HOSTILE.clientName);
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutralise(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralise("Plain -1 text")).toBe("Plain -1 text");
  });

  test("a negative amount stays a number: amounts are never neutralised", async () => {
    const invoice = await thirdInvoice();
    const negative = { ...invoice, result: { ...invoice.result, lines: invoice.result.lines.map((l, i) => (i === 0 ? { ...l, thisPeriod: "-1250.00" } : l)) } };
    const rows = parseCsv(toCsv(negative));
    expect(record(rows, "line", invoice.result.lines[0]!.id)?.[5]).toBe("-1250.00");
    expect(amountOf(rows, "retentionReleased")).toBe("11165.00");
  });

  test("property: any text round-trips through the CSV, neutralised exactly when it starts like a formula", async () => {
    const invoice = await firstInvoice();
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), fc.string(), (description, name) => {
      const changed = { ...invoice, supplier: { ...invoice.supplier, name }, result: { ...invoice.result, lines: [{ ...invoice.result.lines[0]!, description }] } };
      const rows = parseCsv(toCsv(changed));
      expect(record(rows, "line", "M1")?.[2]).toBe(neutralise(description));
      expect(record(rows, "document", "supplierName")?.[2]).toBe(neutralise(name));
      for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
    }), { numRuns: 300 });
  });
});
