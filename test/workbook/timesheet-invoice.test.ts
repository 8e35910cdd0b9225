/**
 * Invoices billed from the Timesheet table (issue 17, decision 0034): the hours to date become
 * the lines' progress, the billed time table records what each invoice billed, and the next
 * invoice bills exactly the hours not billed before, a late entry included, in memory and in an
 * .xlsx file saved and reopened between invoices.
 */
import fc from "fast-check";
import { addDays, isoToSerial } from "../../src/workbook/dates";
import { issueCreditNote } from "../../src/workbook/credit-note";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, type MemoryState, emptyState, findSheet, setCell } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import { BILLED_TIME_HEADERS, NAMES, type CellValue, type WorkbookPort } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { editXlsx } from "../support/exceljs-file";
import { fakeExcelRun } from "../support/fake-excel";
import { FEBRUARY, JANUARY, appendRows, contract } from "../support/timesheet-contract";
import { copyState } from "./helpers";

const day = isoToSerial;
/** A workbook host, and how a person adds rows to its Timesheet table and changes a line's % complete between invoices. */
interface Book {
  port: () => WorkbookPort;
  addEntries: (rows: CellValue[][]) => Promise<void>;
  setProgress: (row: number, value: number) => Promise<void>;
  billedTime: () => Promise<CellValue[][] | undefined>;
}

async function memoryBook(timesheet: CellValue[][]): Promise<Book & { workbook: MemoryWorkbook }> {
  const workbook = new MemoryWorkbook(emptyState());
  await contract(workbook, timesheet);
  return {
    workbook,
    port: () => workbook,
    addEntries: (rows) => {
      appendRows(workbook, NAMES.timesheetTable, rows);
      return Promise.resolve();
    },
    setProgress: (row, value) => {
      setCell(findSheet(workbook.state, NAMES.milestones)!, row, 3, value);
      return Promise.resolve();
    },
    billedTime: async () => (await workbook.read(NAMES.milestones)).billedTime?.values,
  };
}

/** The .xlsx host, saved and reopened before each step; rows typed through exceljs, as a person's edit in another program. */
async function xlsxBook(timesheet: CellValue[][]): Promise<Book> {
  const created = XlsxWorkbook.create();
  await contract(created, timesheet);
  let bytes = await created.toBuffer();
  let current = await XlsxWorkbook.fromBuffer(bytes);
  const edit = async (change: Parameters<typeof editXlsx>[1]): Promise<void> => {
    bytes = await editXlsx(await current.toBuffer(), change);
    current = await XlsxWorkbook.fromBuffer(bytes);
  };
  return {
    port: () => current,
    addEntries: (rows) => edit((workbook) => {
      const sheet = workbook.getWorksheet("Timesheet")!;
      // exceljs's typings leave out the table model it reads and writes.
      const { table } = (sheet as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables[NAMES.timesheetTable]!;
      const bottom = Number(/(\d+)$/.exec(table.tableRef)![1]);
      rows.forEach((row, r) => row.forEach((value, c) => (sheet.getCell(bottom + 1 + r, 1 + c).value = value)));
      table.tableRef = table.tableRef.replace(/\d+$/, String(bottom + rows.length));
    }),
    setProgress: (row, value) => edit((workbook) => void (workbook.getWorksheet(NAMES.milestones)!.getCell(row + 1, 4).value = value)),
    billedTime: async () => (await current.read(NAMES.milestones)).billedTime?.values,
  };
}

async function issue(book: Book, date: string) {
  const outcome = await generateInvoice(book.port(), { invoiceDate: date, periodEnd: date });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome;
}

describe.each([
  ["in memory", memoryBook],
  ["in an .xlsx file", xlsxBook],
])("Invoices from a timesheet, %s", (_, open) => {
  /*
   * Hand-checked. January, to 2027-01-31 (the entry of 2027-02-02 and the non-billable one not counted):
   *   A1: 7.5 h + 3 h = 10.5 h at 1000 a day of 8 h (125 an hour) = 1312.50
   *   D1: Ana 8 h × 110 (her own rate) = 880.00; Carl 6.25 h × 95 = 593.75; Carl 1.5 h × 120 (the entry's rate) = 180.00
   *       15.75 h, 1653.75
   *   F1: 50 % of 10000 = 5000.00
   *   G = 7966.25; retention 131.25 + 165.38 (165.375) + 500.00 = 796.63; line 6 = 7169.62 = line 8;
   *   tax 20 % × 7966.25 = 1593.25; total due 8762.87.
   * February, to 2027-02-28: Ana 4 h × 110 = 440.00 (2027-02-02), Carl 8 h × 100 (February's rate) = 800.00,
   * Ben 4 h × 125 = 500.00, and the late entry Carl 2 h × 95 (January's rate) = 190.00; F1 to 80 %.
   *   A1: 14.5 h, 1812.50 to date (4 h, 500.00 this period)
   *   D1: 29.75 h, 3083.75 to date (14 h, 1430.00 this period)
   *   F1: 8000.00 (3000.00 this period)
   *   G = 12896.25; retention 181.25 + 308.38 (308.375) + 800.00 = 1289.63; line 6 = 11606.62;
   *   line 7 = 7169.62, line 8 = 4437.00; tax 20 % × 4930.00 = 986.00; total due 5423.00.
   * 18 new hours in all: exactly those not billed in January.
   */
  test("the first invoice bills January's hours; the second bills February's and the late one, and nothing twice", async () => {
    const book = await open(JANUARY);
    const first = await issue(book, "2027-01-31");
    expect(first.result.lines.map((l) => [l.id, l.thisPeriod])).toEqual([["A1", "1312.50"], ["D1", "1653.75"], ["F1", "5000.00"]]);
    expect(first.result.summary).toMatchObject({
      totalCompletedAndStoredToDate: "7966.25", totalRetention: "796.63", totalEarnedLessRetention: "7169.62",
      currentPaymentDue: "7169.62", tax: "1593.25", totalDue: "8762.87",
    });
    const afterFirst = await book.billedTime();
    expect(afterFirst?.[0]).toEqual([...BILLED_TIME_HEADERS]);
    expect(afterFirst?.slice(1, 3)).toEqual([["INV-0001", "A1", 10.5, 1312.5, null, null], ["INV-0001", "D1", 15.75, 1653.75, null, null]]);
    // Five entries billed, by key; the non-billable one and the one after the period end are not.
    expect(afterFirst?.slice(3).map((row) => [row[4], row[5]])).toEqual([
      ["2027-01-05|ben okafor|a1|7.5|context diagram|#1", "billed"],
      ["2027-01-06|ben okafor|a1|3|review|#1", "billed"],
      ["2027-01-12|ana silva|d1|8|api|#1", "billed"],
      ["2027-01-13|carl wu|d1|6.25|api tests|#1", "billed"],
      ["2027-01-20|carl wu|d1|1.5|on-site support|#1", "billed"],
    ]);

    await book.addEntries(FEBRUARY);
    await book.setProgress(3, 0.8);
    const second = await issue(book, "2027-02-28");
    expect(second.result.lines.map((l) => [l.id, l.previouslyCompleted, l.thisPeriod])).toEqual([
      ["A1", "1312.50", "500.00"], ["D1", "1653.75", "1430.00"], ["F1", "5000.00", "3000.00"],
    ]);
    expect(second.result.summary).toMatchObject({
      totalCompletedAndStoredToDate: "12896.25", totalRetention: "1289.63", totalEarnedLessRetention: "11606.62",
      previousCertificates: "7169.62", currentPaymentDue: "4437.00", tax: "986.00", totalDue: "5423.00",
    });
    expect(second.time?.newEntries).toHaveLength(4);
    expect(second.time?.lateEntries.map((entry) => [entry.date, entry.person, entry.hours, entry.rateApplied])).toEqual([["2027-01-28", "Carl Wu", "2", "95"]]);
    expect(second.time?.lines.map((l) => [l.line, l.hoursThisPeriod, l.amountThisPeriod])).toEqual([["A1", "4.00", "500.00"], ["D1", "14.00", "1430.00"]]);
    const afterSecond = (await book.billedTime())!.filter((row) => row[0] === "INV-0002");
    expect(afterSecond.slice(0, 2)).toEqual([["INV-0002", "A1", 14.5, 1812.5, null, null], ["INV-0002", "D1", 29.75, 3083.75, null, null]]);
    expect(afterSecond.slice(2).map((row) => row[4])).toEqual([
      "2027-02-02|ana silva|d1|4|auth|#1", "2027-02-10|carl wu|d1|8|reports|#1", "2027-02-11|ben okafor|a1|4|data model|#1", "2027-01-28|carl wu|d1|2|bug fix|#1",
    ]);

    // Nothing new in March: the hours billed are not billed again.
    expect(await generateInvoice(book.port(), { invoiceDate: "2027-03-31", periodEnd: "2027-03-31" })).toMatchObject({ ok: false, problems: [{ code: "NOTHING_BILLED" }] });
  });

  test("a timesheet pasted twice is refused, naming the rows, and nothing is written", async () => {
    const book = await open([...JANUARY, ...JANUARY.slice(0, 2)]);
    const outcome = await generateInvoice(book.port(), { invoiceDate: "2027-01-31", periodEnd: "2027-01-31" });
    expect(outcome).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ code: "DUPLICATE_ENTRY", sheet: "Timesheet", cell: "A2", message: expect.stringMatching(/^Rows 2, 9 are the same entry .* 2 times, and no earlier import had it/) }),
        expect.objectContaining({ code: "DUPLICATE_ENTRY", sheet: "Timesheet", cell: "A3", message: expect.stringMatching(/^Rows 3, 10 are the same entry/) }),
      ],
    });
    expect(await book.billedTime()).toBeUndefined();
  });
});

describe("Invoices from a timesheet through Office.js", () => {
  /** Page setup lives apart in the fake (Excel keeps it in the page layout); the rest must be identical. */
  const withoutPageSetup = (state: MemoryState): string => copyState({ ...state, sheets: state.sheets.map((sheet) => ({ ...sheet, layout: undefined })) });

  test("three round trips an invoice, and the same workbook as in memory, billed time table included", async () => {
    const excel = emptyState();
    const fake = fakeExcelRun(excel);
    const office = new OfficeWorkbook(fake.run);
    const memory = await memoryBook(JANUARY);
    await contract(office, JANUARY);
    expect(withoutPageSetup(excel)).toBe(withoutPageSetup(memory.workbook.state));
    for (const [date, entries] of [["2027-01-31", []], ["2027-02-28", FEBRUARY]] as const) {
      for (const state of [excel, memory.workbook.state]) appendRows(new MemoryWorkbook(state), NAMES.timesheetTable, [...entries]);
      const syncs = fake.syncCount();
      const [a, b] = [await generateInvoice(office, { invoiceDate: date, periodEnd: date }), await generateInvoice(memory.workbook, { invoiceDate: date, periodEnd: date })];
      expect(a).toEqual(b);
      expect(a.ok).toBe(true);
      expect(fake.syncCount() - syncs).toBe(3);
      expect(withoutPageSetup(excel)).toBe(withoutPageSetup(memory.workbook.state));
    }
    expect((await office.read(NAMES.milestones)).billedTime?.values.filter((row) => row[0] === "INV-0002" && row[4] === null)).toEqual([
      ["INV-0002", "A1", 14.5, 1812.5, null, null], ["INV-0002", "D1", 29.75, 3083.75, null, null],
    ]);
  });
});

describe("The invoice sheet's time appendix", () => {
  test("February's invoice lists each person's new hours per line, the late entry as such, adding up to the lines' period", async () => {
    const book = await memoryBook(JANUARY);
    await issue(book, "2027-01-31");
    await book.addEntries(FEBRUARY);
    await issue(book, "2027-02-28");
    const sheet = findSheet(book.workbook.state, "INV-0002")!;
    const top = sheet.cells.findIndex((row) => row[1] === "Time this period: person (role)");
    expect(sheet.cells.slice(top, top + 5).map((row) => row.slice(0, 6))).toEqual([
      ["Item", "Time this period: person (role)", "Hours", "Rate", "Per", "Amount"],
      ["A1", "Ben Okafor (Architect)", 4, 1000, "day", 500],
      ["D1", "Ana Silva (Developer)", 4, 110, "hour", 440],
      ["D1", "Carl Wu (Developer)", 8, 100, "hour", 800],
      ["D1", "Carl Wu (Developer), late: dated in a period already billed", 2, 95, "hour", 190],
    ]);
    expect(sheet.layout?.printArea).toBe(`A1:J${top + 5}`);
  });
});

describe("The billed time table across credit notes, failed commits and edits by hand", () => {
  test("an invoice cancelled by a credit note bills nothing: the next invoice bills its hours, once", async () => {
    const book = await memoryBook(JANUARY);
    await issue(book, "2027-01-31");
    await book.addEntries(FEBRUARY);
    await issue(book, "2027-02-28");
    expect(await issueCreditNote(book.workbook, { date: "2027-03-01" })).toMatchObject({ ok: true, cancels: "INV-0002" });
    const again = await generateInvoice(book.workbook, { invoiceDate: "2027-03-01", periodEnd: "2027-02-28" });
    expect(again).toMatchObject({ ok: true, number: "INV-0003" });
    if (!again.ok) return;
    expect(again.result.lines.map((l) => [l.id, l.thisPeriod])).toEqual([["A1", "500.00"], ["D1", "1430.00"], ["F1", "0.00"]]);
    expect(again.time?.newEntries).toHaveLength(4);
    expect(again.time?.lateEntries).toHaveLength(1);
  });

  test("rows a failed commit left of the next invoice are replaced; a row typed by hand is a problem at its cell", async () => {
    const book = await memoryBook(JANUARY);
    await issue(book, "2027-01-31");
    appendRows(book.workbook, NAMES.billedTimeTable, [["INV-0002", "A1", 99, 99, null, null]]);
    await book.addEntries(FEBRUARY);
    await issue(book, "2027-02-28");
    const rows = (await book.billedTime())!.filter((row) => row[0] === "INV-0002");
    expect(rows.slice(0, 2)).toEqual([["INV-0002", "A1", 14.5, 1812.5, null, null], ["INV-0002", "D1", 29.75, 3083.75, null, null]]);
    expect(rows).toHaveLength(6);

    appendRows(book.workbook, NAMES.billedTimeTable, [["INV-0099", null, null, null, "2027-03-01|x|a1|1||#1", "billed"]]);
    const before = copyState(book.workbook.state);
    // The header, INV-0001's 2 lines and 5 entries, INV-0002's 2 lines and 4 entries: the typed row is row 15.
    expect(await generateInvoice(book.workbook, { invoiceDate: "2027-03-31", periodEnd: "2027-03-31", allowZeroInvoice: true })).toMatchObject({
      ok: false, problems: [{ code: "LOG_EDITED", sheet: NAMES.billedTimeSheet, cell: "A15", message: expect.stringContaining("Row 15 of the billed time table") }],
    });
    expect(copyState(book.workbook.state)).toBe(before);
  });
});

describe("Property: over any months of entries, typed late or on time, every billable hour is billed once", () => {
  /** Hourly rates in whole units and hours in quarters: every amount is exact in cents, so the total is known without rounding. */
  const PEOPLE = [
    { person: "Ana Silva", role: "Developer", cents: () => 11_000 },
    { person: "Carl Wu", role: "Developer", cents: (date: string) => (date >= "2027-02-01" ? 10_000 : 9_500) },
    { person: "Ben Okafor", role: "Architect", cents: () => 12_500 },
  ];
  const MONTH_ENDS = ["2027-01-31", "2027-02-28", "2027-03-31"];
  const entry = fc.record({
    person: fc.integer({ min: 0, max: 2 }),
    line: fc.constantFrom("A1", "D1"),
    quarters: fc.integer({ min: 1, max: 40 }),
    /** The day worked, from 2027-01-01, and how many months later the entry was typed (0: in its own month). */
    day: fc.integer({ min: 0, max: 89 }),
    lateBy: fc.integer({ min: 0, max: 2 }),
    billable: fc.boolean(),
    note: fc.constantFrom("", "API", "Review"),
  });

  test("the invoices' periods add up to the hours × rates of the billable entries, and each is billed by one invoice", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 25 }), async (entries) => {
        const rows = entries.map((e, i) => {
          const date = addDays("2027-01-01", e.day);
          const typedIn = Math.min(2, MONTH_ENDS.findIndex((end) => date <= end) + e.lateBy);
          const { person, role } = PEOPLE[e.person]!;
          // The entry's index in its note tells entries apart: a paste is another test's business.
          return { typedIn, date, e, row: [day(date), person, role, e.line, e.quarters / 4, null, e.billable ? "Yes" : "No", `${e.note} ${i}`] as CellValue[] };
        });
        const book = await memoryBook([]);
        const billed = new Map<string, bigint>([["A1", 0n], ["D1", 0n]]);
        for (const [month, end] of MONTH_ENDS.entries()) {
          await book.addEntries(rows.filter((r) => r.typedIn === month).map((r) => r.row));
          const outcome = await generateInvoice(book.workbook, { invoiceDate: end, periodEnd: end, allowZeroInvoice: true });
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
          for (const line of outcome.result.lines.filter((l) => billed.has(l.id))) billed.set(line.id, (billed.get(line.id) ?? 0n) + BigInt(line.thisPeriod.replace(".", "")));
        }
        for (const line of ["A1", "D1"]) {
          const expected = rows
            .filter((r) => r.e.billable && r.e.line === line)
            .reduce((sum, r) => sum + (BigInt(r.e.quarters) * BigInt(PEOPLE[r.e.person]!.cents(r.date))) / 4n, 0n);
          expect(billed.get(line)).toBe(expected);
        }
        const keys = ((await book.billedTime()) ?? []).slice(1).map((row) => row[4]).filter((key) => key !== null);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toHaveLength(rows.filter((r) => r.e.billable).length);
      }),
      { numRuns: 40 },
    );
  });
});

describe("Timesheet problems in memory, each at its cell, nothing written", () => {
  test("the sample's time-and-materials line T1 moved to a timesheet: its typed hours and hourly rate are each a problem at its cell", async () => {
    const workbook = new MemoryWorkbook(emptyState());
    await insertSample(workbook);
    await workbook.createMilestoneTable(NAMES.ratesTable, "Rates", [["Role", "Rate"], ["Analyst", 115]]);
    await workbook.createMilestoneTable(NAMES.timesheetTable, "Timesheet", [["Date", "Person", "Role", "Line", "Hours"], [day("2026-09-10"), "Ana Silva", "Analyst", "T1", 6]]);
    const before = copyState(workbook.state);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({
      ok: false,
      problems: [
        { code: "PROGRESS_AND_TIMESHEET", sheet: NAMES.milestones, cell: "E7", message: expect.stringContaining('Line "T1" has hours in the Timesheet table, which give its progress (690.00 to date), and "Hours to date" typed as well') },
        { code: "PROGRESS_AND_TIMESHEET", sheet: NAMES.milestones, cell: "F7", message: expect.stringContaining('and "Hourly rate" typed as well; clear the cell, and put the rate in the Rates table') },
      ],
    });
    expect(copyState(workbook.state)).toBe(before);
  });

  const TESTER = [day("2027-01-21"), "Dana Reyes", "Tester", "Z9", 1, null, "Yes", "Smoke test"];

  test("an entry without a rate in force", async () => {
    const book = await memoryBook([...JANUARY, TESTER]);
    const before = copyState(book.workbook.state);
    expect(await generateInvoice(book.workbook, { invoiceDate: "2027-01-31", periodEnd: "2027-01-31" })).toMatchObject({
      ok: false,
      problems: [{ code: "NO_RATE", sheet: "Timesheet", cell: "F9", message: expect.stringContaining("Row 9: the rate card has no rate for Dana Reyes (Tester) in force on 2027-01-21") }],
    });
    expect(copyState(book.workbook.state)).toBe(before);
  });

  test("progress typed on a line the timesheet gives, and an entry on a line the contract lacks", async () => {
    const book = await memoryBook([...JANUARY, TESTER]);
    appendRows(book.workbook, NAMES.ratesTable, [["Tester", null, 80, "hour", null]]);
    setCell(findSheet(book.workbook.state, NAMES.milestones)!, 1, 3, 0.4);
    const before = copyState(book.workbook.state);
    expect(await generateInvoice(book.workbook, { invoiceDate: "2027-01-31", periodEnd: "2027-01-31" })).toMatchObject({
      ok: false,
      problems: [
        { code: "PROGRESS_AND_TIMESHEET", sheet: NAMES.milestones, cell: "D2", message: expect.stringContaining('Line "A1" has hours in the Timesheet table') },
        { code: "UNKNOWN_LINE", sheet: "Timesheet", cell: "D9", message: expect.stringContaining('line "Z9", which the milestone table does not have') },
      ],
    });
    expect(copyState(book.workbook.state)).toBe(before);
  });
});
