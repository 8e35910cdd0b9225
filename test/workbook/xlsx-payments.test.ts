/**
 * A payment recorded in an .xlsx file: the file opens in LibreOffice and in exceljs with the
 * payment as written, every part the payment does not change is copied byte for byte, and the
 * host parses only the sheets it needs (those of its tables).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { isoToSerial } from "../../src/workbook/dates";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { NAMES, PAYMENT_HEADERS, type TableAppend } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { readZip } from "../../src/workbook/xlsx-file";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { LibreOffice } from "../cli/libreoffice";
import { portValue } from "../cli/xlsx-state";
import { loadXlsx } from "../support/exceljs-file";

let workdir: string;
let office: LibreOffice;
beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "interim-payments-"));
  office = new LibreOffice(workdir);
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const FIVE = [0, 1, 2, 3, 4];
const FIRST: TableAppend = {
  table: "payments",
  rows: [[isoToSerial("2026-12-15"), "INV-0001", 100000, "EUR", "Wire 4711"]],
  placement: { discard: [], fillFirstRow: true, columns: FIVE, width: 5 },
  create: true,
  currency: "EUR",
};
const SECOND: TableAppend = {
  table: "payments",
  rows: [[isoToSerial("2027-01-10"), "INV-0001", 22359.75, "EUR", "0042"]],
  placement: { discard: [], fillFirstRow: false, columns: FIVE, width: 5 },
  create: false,
  currency: "EUR",
};

/** The sample contract with its first invoice issued, as an .xlsx file. */
async function invoicedContract(): Promise<Buffer> {
  const workbook = XlsxWorkbook.create();
  await insertSample(workbook);
  expect(await generateInvoice(workbook, { invoiceDate: "2026-11-30" })).toMatchObject({ ok: true });
  return workbook.toBuffer();
}

async function withPayment(bytes: Buffer, write: TableAppend): Promise<Buffer> {
  const workbook = await XlsxWorkbook.fromBuffer(bytes);
  await workbook.appendRows([write]);
  return workbook.toBuffer();
}

/** Each part of a package by name, as stored (compressed bytes): the same bytes mean the part was copied, not rewritten. */
function storedParts(bytes: Buffer): Map<string, Buffer> {
  const zip = readZip("workbook", bytes);
  return new Map(zip.entries.map((entry) => [entry.name, zip.raw(entry)]));
}

/** The parts of `after` that differ from `before`'s, and those `after` adds. */
function partChanges(before: Buffer, after: Buffer): { changed: string[]; added: string[] } {
  const old = storedParts(before);
  const changed: string[] = [];
  const added: string[] = [];
  for (const [name, bytes] of storedParts(after)) {
    const was = old.get(name);
    if (was === undefined) added.push(name);
    else if (!was.equals(bytes)) changed.push(name);
  }
  return { changed: changed.sort(), added: added.sort() };
}

/** The worksheet part of a sheet, by its name in the workbook. */
async function sheetPart(bytes: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const book = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(book)?.[1];
  const target = id === undefined ? undefined : new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  if (target === undefined) throw new Error(`no sheet ${name}`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

async function damaged(bytes: Buffer, part: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file(part, "<worksheet");
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("a payment recorded in an .xlsx file", () => {
  it("adds the Payments sheet and table and changes no other part but the workbook's lists of sheets and parts; a later payment changes only its sheet and table", async () => {
    const invoiced = await invoicedContract();
    const first = await withPayment(invoiced, FIRST);
    const created = partChanges(invoiced, first);
    // The cell formats are the billing log's, already in the styles: only the lists of sheets and parts change.
    expect(created.changed).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml"]);
    const paymentsPart = await sheetPart(first, NAMES.paymentsSheet);
    expect(created.added).toEqual([paymentsPart, paymentsPart.replace("worksheets/", "worksheets/_rels/").replace(/\.xml$/, ".xml.rels"), expect.stringMatching(/^xl\/tables\/table\d+\.xml$/)].sort());
    const second = await withPayment(first, SECOND);
    const appended = partChanges(first, second);
    expect(appended.added).toEqual([]);
    expect(appended.changed).toEqual([paymentsPart, created.added.find((part) => part.startsWith("xl/tables/"))].sort());
  });

  it("opens in exceljs with the payments, their formats and the table grown over them", async () => {
    const bytes = await withPayment(await withPayment(await invoicedContract(), FIRST), SECOND);
    const sheet = (await loadXlsx(bytes)).getWorksheet(NAMES.paymentsSheet);
    if (sheet === undefined) throw new Error("no Payments sheet");
    const rows = [1, 2, 3].map((r) => FIVE.map((c) => portValue(sheet.getCell(r, c + 1).value)));
    expect(rows).toEqual([[...PAYMENT_HEADERS], FIRST.rows[0], SECOND.rows[0]]);
    expect(FIVE.map((c) => sheet.getCell(3, c + 1).numFmt)).toEqual(["yyyy-mm-dd", "@", "#,##0.00", "@", "@"]);
    // exceljs's typings leave out the table model it reads.
    const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables[NAMES.paymentsTable]?.table;
    expect(table?.tableRef).toBe("A1:E3");
  });

  it("opens in LibreOffice, which shows the dates as dates, the amounts with separators and a reference as typed", async () => {
    const file = join(workdir, "paid.xlsx");
    writeFileSync(file, await withPayment(await withPayment(await invoicedContract(), FIRST), SECOND));
    const sheets = office.sheets(file, true);
    expect(sheets.get(NAMES.paymentsSheet)).toEqual([
      [...PAYMENT_HEADERS],
      ["2026-12-15", "INV-0001", "100,000.00", "EUR", "Wire 4711"],
      ["2027-01-10", "INV-0001", "22,359.75", "EUR", "0042"],
    ]);
    expect(sheets.get(NAMES.logSheet)?.[1]?.[0]).toBe("INV-0001");
  }, 120_000);
});

describe("the .xlsx host reads only the sheets it needs", () => {
  it("never parses a sheet without its tables, and parses the one holding the Payments table", async () => {
    const invoiced = await invoicedContract();
    const notes = await XlsxWorkbook.fromBuffer(invoiced);
    await notes.createMilestoneTable("Remarks", "Notes", [["Remark"], ["call the client"]]);
    const withNotes = await notes.toBuffer();
    const brokenNotes = await damaged(withNotes, await sheetPart(withNotes, "Notes"));
    const snapshot = await (await XlsxWorkbook.fromBuffer(brokenNotes)).read(NAMES.milestones);
    expect([snapshot.payments, snapshot.costs, snapshot.invoices?.values[1]?.[0]]).toEqual([undefined, undefined, "INV-0001"]);
    const paid = await withPayment(invoiced, FIRST);
    const brokenPayments = await damaged(paid, await sheetPart(paid, NAMES.paymentsSheet));
    await expect((await XlsxWorkbook.fromBuffer(brokenPayments)).read(NAMES.milestones)).rejects.toThrow(/is damaged/);
  });
});
