import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { IssuedInvoice, TimeAppendixRow } from "../../src/core";
import { exporterFor } from "../../src/export";
import { toCsv } from "../../src/export/csv-exporter";
import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { TIME_SHEET } from "../../src/export/xlsx-exporter";
import { type MemoryWorkbook, findSheet } from "../../src/workbook/memory-workbook";
import type { CellValue } from "../../src/workbook/port";
import { cappedTimesheetInvoices, firstInvoice } from "./fixtures";
import { fonts, parseCsv, pdfText, recalculatedCsv, tempDir, withoutCachedResults, writeTemp } from "./tools";

/**
 * The time appendix in every export, with the same hours and cents as the invoice sheet. The
 * fixture (cappedTimesheetInvoices): February, INV-0002, bills Ben's 4 h on A1 at 1000 a day
 * (500.00), and on D1 Ana's 4 h × 110, Carl's 8 h × 100 and his late 2 h × 95 of January.
 */
jest.setTimeout(180_000);

/** The English CSV's columns, as it has always headed them, and those of its time records. */
const CSV_HEADER = [
  "Record", "Item", "Description", "Scheduled value (C)", "From previous application (D)", "This period (E)", "Materials presently stored (F)",
  "Completed and stored to date (G)", "% (G ÷ C)", "Balance to finish (H)", "Retention (I)", "Tax rate", "Amount",
];
const TIME_COLUMNS = ["Person", "Role", "Hours", "Rate", "Per", "Late"];

type Row = [item: string, description: string, amount: string, person: string, role: string, hours: string, rate: string, per: string, late: string];
const FEBRUARY_ROWS: Row[] = [
  ["A1", "Ben Okafor (Architect)", "500.00", "Ben Okafor", "Architect", "4.00", "1000", "day", "no"],
  ["D1", "Ana Silva (Developer)", "440.00", "Ana Silva", "Developer", "4.00", "110", "hour", "no"],
  ["D1", "Carl Wu (Developer)", "800.00", "Carl Wu", "Developer", "8.00", "100", "hour", "no"],
  ["D1", "Carl Wu (Developer), late: dated in a period already billed", "190.00", "Carl Wu", "Developer", "2.00", "95", "hour", "yes"],
];

/** An entry of A1 billed in January and deleted since: the appendix's own row crediting it (3 h at 1000 a day). */
const REMOVED: TimeAppendixRow = { line: "A1", person: undefined, role: undefined, hours: "-3.00", rate: undefined, per: undefined, amount: "-375.00", late: false };

async function xlsxOf(invoice: IssuedInvoice): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await (await exporterFor("xlsx")).generate(invoice)) as unknown as ArrayBuffer);
  return workbook;
}

/** The time appendix as the invoice sheet in the workbook holds it: the rows below its heading. */
function sheetAppendix(workbook: MemoryWorkbook, name: string): CellValue[][] {
  const cells = findSheet(workbook.state, name)?.cells ?? [];
  const heading = cells.findIndex((row) => row[1] === "Time this period: person (role)");
  return cells.slice(heading + 1).filter((row) => typeof row[0] === "string" && row[0] !== "").map((row) => row.slice(0, 6));
}

describe("the time appendix in the exports", () => {
  let february: IssuedInvoice;
  let workbook: MemoryWorkbook;
  beforeAll(async () => {
    ({ february, workbook } = await cappedTimesheetInvoices());
  });

  test("CSV: a time record per row after the lines, its amount in Amount, person, role, hours, rate, per and lateness in the last columns; papaparse reads it back", async () => {
    const text = new TextDecoder().decode(await (await exporterFor("csv")).generate(february, { bom: false }));
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...CSV_HEADER, "Worked, not billed (capped)", "Hours not billed (capped)", ...TIME_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(header!.length);
    expect(rows.map((r) => r[0]).filter((kind, i, all) => kind !== all[i - 1])).toEqual(["document", "line", "time", "summary"]);
    const amount = CSV_HEADER.length - 1;
    const time = rows.filter((r) => r[0] === "time").map((r) => [r[1], r[2], r[amount], ...r.slice(-TIME_COLUMNS.length)]);
    expect(time).toEqual(FEBRUARY_ROWS);
    expect(parseCsv(text)).toEqual(parsed.data);
    expect(text).toMatchSnapshot();
  });

  test("CSV: the row of entries billed before and deleted since has no person, rate or per; without an appendix, no time columns", async () => {
    const rows = parseCsv(toCsv({ ...february, timeAppendix: [...(february.timeAppendix ?? []), REMOVED] }));
    const removed = rows.filter((r) => r[0] === "time").at(-1)!;
    expect([removed[1], removed[2], removed[CSV_HEADER.length - 1], ...removed.slice(-TIME_COLUMNS.length)]).toEqual([
      "A1", "Entries billed before, no longer in the timesheet", "-375.00", "", "", "-3.00", "", "", "no",
    ]);
    const plain = parseCsv(toCsv(await firstInvoice()));
    expect(plain[0]).toEqual(CSV_HEADER);
    expect(plain.some((r) => r[0] === "time")).toBe(false);
  });

  test("xlsx: a sheet Time with the rows as numbers in their formats, and the totals as formulas", async () => {
    const book = await xlsxOf({ ...february, timeAppendix: [...(february.timeAppendix ?? []), REMOVED] });
    expect(book.worksheets.map((s) => s.name)).toEqual(["INV-0002", TIME_SHEET]);
    const sheet = book.getWorksheet(TIME_SHEET)!;
    const values = (r: number): unknown[] => Array.from({ length: 6 }, (_, c) => sheet.getRow(r).getCell(c + 1).value);
    expect(values(1)).toEqual(["Item", "Person (role)", "Hours", "Rate", "Per", "Amount"]);
    expect([2, 3, 4, 5, 6].map(values)).toEqual([
      ["A1", "Ben Okafor (Architect)", 4, 1000, "day", 500],
      ["D1", "Ana Silva (Developer)", 4, 110, "hour", 440],
      ["D1", "Carl Wu (Developer)", 8, 100, "hour", 800],
      ["D1", "Carl Wu (Developer), late: dated in a period already billed", 2, 95, "hour", 190],
      ["A1", "Entries billed before, no longer in the timesheet", -3, null, null, -375],
    ]);
    const total = sheet.getRow(7);
    // 4 + 4 + 8 + 2 − 3 = 15 h; 500 + 440 + 800 + 190 − 375 = 1555.00.
    expect([total.getCell(2).value, total.getCell(3).value, total.getCell(6).value]).toEqual([
      "Total", { formula: "SUM(C2:C6)", result: 15 }, { formula: "SUM(F2:F6)", result: 1555 },
    ]);
    expect([3, 4, 6].map((c) => sheet.getRow(2).getCell(c).numFmt)).toEqual(["#,##0.00##", "#,##0.00", "#,##0.00"]);
    expect(sheet.getRow(2).getCell(1).numFmt).toBe("@");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect((await xlsxOf(await firstInvoice())).worksheets).toHaveLength(1);
  });

  test("xlsx: LibreOffice recalculates the Time sheet's totals to the appendix's hours and amount", async () => {
    const { file, formulas } = await withoutCachedResults(await (await exporterFor("xlsx")).generate(february));
    expect(formulas).toBeGreaterThan(2);
    const rows = parseCsv(recalculatedCsv(writeTemp(tempDir("time-sheet"), "INV-0002.xlsx", file), 2));
    expect(rows[0]?.slice(0, 6)).toEqual(["Item", "Person (role)", "Hours", "Rate", "Per", "Amount"]);
    expect(rows.slice(1, 5).map((r) => r.slice(0, 6))).toEqual([
      ["A1", "Ben Okafor (Architect)", "4.00", "1,000.00", "day", "500.00"],
      ["D1", "Ana Silva (Developer)", "4.00", "110.00", "hour", "440.00"],
      ["D1", "Carl Wu (Developer)", "8.00", "100.00", "hour", "800.00"],
      ["D1", "Carl Wu (Developer), late: dated in a period already billed", "2.00", "95.00", "hour", "190.00"],
    ]);
    const total = rows.find((r) => r[1] === "Total");
    expect([total?.[2], total?.[5]]).toEqual(["18.00", "1,930.00"]);
  });

  test("the invoice sheet, the CSV, the xlsx and the PDF give the same hours and cents, and the sheet the capped line's hours not billed", async () => {
    const fromSheet = sheetAppendix(workbook, "INV-0002").map(([line, who, hours, rate, per, amount]) => [
      line, who, Number(hours).toFixed(2), rate === null ? "" : String(rate), per ?? "", Number(amount).toFixed(2),
    ]);
    const expected = FEBRUARY_ROWS.map(([line, who, amount, , , hours, rate, per]) => [line, who, hours, rate, per, amount] as const);
    expect(fromSheet).toEqual(expected);

    const csv = parseCsv(toCsv(february)).filter((r) => r[0] === "time");
    expect(csv.map((r) => [r[1], r[2], r.at(-4), r.at(-3), r.at(-2), r[CSV_HEADER.length - 1]])).toEqual(expected);

    const time = (await xlsxOf(february)).getWorksheet(TIME_SHEET)!;
    const fromXlsx = [2, 3, 4, 5].map((r) => {
      const cell = (c: number): unknown => time.getRow(r).getCell(c).value;
      return [cell(1), cell(2), Number(cell(3)).toFixed(2), String(cell(4)), cell(5), Number(cell(6)).toFixed(2)];
    });
    expect(fromXlsx).toEqual(expected);

    const pdf = pdfText(writeTemp(tempDir("time-pdf"), "INV-0002.pdf", await toPdf(february, { fonts, paper: "a4" }))).replace(/\s+/g, " ");
    // A long label wraps in its column: its figures follow its first words on the row.
    const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const [line, who, hours, rate, per, amount] of expected) {
      const figures = `${hours} ${Number(rate).toLocaleString("en-US", { minimumFractionDigits: 2 })} ${per} ${amount}`;
      expect(pdf).toMatch(new RegExp(`${escaped(`${line} ${who.split(",")[0] ?? who}`)}[^0-9]{0,60}${escaped(figures)}`));
    }

    // The capped block of the sheet: D1's 1583.75 and 15.28 h beside it, under their headings.
    const cells = findSheet(workbook.state, "INV-0002")?.cells ?? [];
    const heading = cells.find((row) => row[1] === "Worked, not billed (capped)");
    expect(heading?.[3]).toBe("Hours not billed");
    expect(cells.find((row) => row[0] === "D1" && row[2] === 1583.75)?.[3]).toBe(15.28);
  });
});
