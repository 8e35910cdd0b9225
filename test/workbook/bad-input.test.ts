import { generateInvoice } from "../../src/workbook/generate-invoice";
import { findSheet, findTable, setCell, type MemoryState, type MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { copyState, sampleWorkbook, setMilestone, setSetting } from "./helpers";

/** Generates on a broken workbook: it must report exactly where, and write nothing. */
async function problemsOf(workbook: MemoryWorkbook, options = { invoiceDate: "2026-10-31" }) {
  const before = copyState(workbook.state);
  const outcome = await generateInvoice(workbook, options);
  if (outcome.ok) throw new Error("generated an invoice from bad input");
  expect(copyState(workbook.state)).toBe(before);
  return outcome.problems.map((p) => ({ code: p.code, at: p.sheet === undefined ? undefined : `${p.sheet}!${p.cell}`, message: p.message }));
}

function logCell(state: MemoryState, table: string, row: number, header: string): { set: (v: string | number | null) => void } {
  const t = findTable(state, table)!;
  const sheet = findSheet(state, t.sheet)!;
  const column = (sheet.cells[t.top] ?? []).indexOf(header);
  return { set: (v) => setCell(sheet, t.top + row, column, v) };
}

describe("bad input is reported at its cell and nothing is written", () => {
  test("no milestone table", async () => {
    const workbook = await sampleWorkbook();
    expect(await problemsOf(workbook, { invoiceDate: "2026-10-31", table: "Schedule" } as never)).toEqual([
      expect.objectContaining({ code: "NO_TABLE", at: undefined, message: expect.stringMatching(/no milestone table or sheet named "Schedule"/) }),
    ]);
  });

  test("a required column is missing", async () => {
    const workbook = await sampleWorkbook();
    setCell(findSheet(workbook.state, "Milestones")!, 0, 2, "Notes");
    expect(await problemsOf(workbook)).toEqual([
      { code: "MISSING_COLUMN", at: "Milestones!A1", message: 'The table has no Scheduled value column; add a column headed "Scheduled value".' },
    ]);
  });

  test("text in a number cell, a percentage typed as 55, an Excel error value, duplicate ids", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M2", "Scheduled value", "24,000 EUR");
    setMilestone(workbook.state, "M3", "% complete", 55);
    setMilestone(workbook.state, "M4", "% complete", "#DIV/0!");
    setMilestone(workbook.state, "M5", "Id", " m1 ");
    expect(await problemsOf(workbook)).toEqual([
      { code: "NOT_A_NUMBER", at: "Milestones!C3", message: '"Scheduled value" must be a number, not "24,000 EUR".' },
      { code: "PERCENT_OUT_OF_RANGE", at: "Milestones!D4", message: '"% complete" must be a fraction between 0 and 1 (0.10 is 10 %), not 55. Did you mean 55 %? Enter 55% or 0.55.' },
      { code: "NOT_A_NUMBER", at: "Milestones!D5", message: '"% complete" must be a number, not "#DIV/0!".' },
      { code: "DUPLICATE_ID", at: "Milestones!A6", message: '"Id" "m1" is already used by line 1; every line needs its own id.' },
    ]);
  });

  test("blank rows inside the table are skipped, not billed and not an error", async () => {
    const workbook = await sampleWorkbook();
    const sheet = findSheet(workbook.state, "Milestones")!;
    sheet.cells.splice(3, 0, Array(9).fill(null) as null[]);
    findTable(workbook.state, NAMES.milestones)!.rows += 1;
    const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(outcome.ok && outcome.result.lines).toHaveLength(8);
  });

  test("a half-filled row is a problem at its empty cell", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M4", "Scheduled value", null);
    expect(await problemsOf(workbook)).toEqual([{ code: "REQUIRED", at: "Milestones!C5", message: '"Scheduled value" is required.' }]);
  });

  test("settings missing or wrong", async () => {
    const workbook = await sampleWorkbook();
    setSetting(workbook.state, "Currency", "EURO");
    setSetting(workbook.state, "Retention rate", 5);
    setSetting(workbook.state, "Client name", "");
    expect(await problemsOf(workbook)).toEqual([
      { code: "UNKNOWN_CURRENCY", at: "Contract!B28", message: 'Currency "EURO" is not an ISO 4217 code Interim knows; use one such as USD, EUR or GBP.' },
      { code: "PERCENT_OUT_OF_RANGE", at: "Contract!B30", message: "Retention rate must be a percentage from 0% to 100%, not 5. Did you mean 5%? Enter it as 5%." },
      { code: "REQUIRED", at: "Contract!B16", message: "Client name is required on an invoice; fill it in." },
    ]);
    const none = await sampleWorkbook();
    none.state.tables = none.state.tables.filter((t) => t.name !== NAMES.settingsTable);
    expect(await problemsOf(none)).toEqual([expect.objectContaining({ code: "NO_SETTINGS" })]);
  });

  describe("a billing log edited by hand", () => {
    test("text typed into the blank row of an empty log is reported at its cell", async () => {
      const workbook = await sampleWorkbook();
      logCell(workbook.state, NAMES.invoicesTable, 1, "Sheet").set("my note");
      logCell(workbook.state, NAMES.linesTable, 1, "Line").set(" ");
      expect(await problemsOf(workbook)).toEqual([
        expect.objectContaining({ code: "LOG_EDITED", at: "Billing log!X2", message: expect.stringMatching(/^Row 2 of the billing log's lines table \(InterimInvoiceLines\) holds " " but is no invoice Interim recorded/) }),
        expect.objectContaining({ code: "LOG_EDITED", at: "Billing log!H2", message: expect.stringMatching(/^Row 2 of the billing log's invoices table \(InterimInvoices\) holds "my note"/) }),
      ]);
    });


    async function issuedOnce(): Promise<MemoryWorkbook> {
      const workbook = await sampleWorkbook();
      const first = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
      expect(first.ok).toBe(true);
      return workbook;
    }

    test("an amount changed", async () => {
      const workbook = await issuedOnce();
      logCell(workbook.state, NAMES.invoicesTable, 1, "Earned less retention").set(90000);
      expect(await problemsOf(workbook)).toEqual([
        expect.objectContaining({ code: "LOG_EDITED", at: "Billing log!T2", message: expect.stringMatching(/^Billing log row 2 \(INV-0001\) does not match what Interim recorded/) }),
      ]);
    });

    test("a line row deleted", async () => {
      const workbook = await issuedOnce();
      const lines = findTable(workbook.state, NAMES.linesTable)!;
      const sheet = findSheet(workbook.state, lines.sheet)!;
      for (let c = lines.left; c < lines.left + lines.columns; c += 1) setCell(sheet, lines.top + lines.rows - 1, c, null);
      lines.rows -= 1;
      expect((await problemsOf(workbook)).map((p) => p.code)).toEqual(["LOG_EDITED"]);
    });

    test("the next number set out of step", async () => {
      const workbook = await issuedOnce();
      setSetting(workbook.state, "Next invoice number", 7);
      expect(await problemsOf(workbook)).toEqual([
        { code: "NUMBER_OUT_OF_STEP", at: "Contract!B48", message: "Next invoice number is 7, but the last invoice in the billing log is INV-0001; set it to 2 so that numbers have no gap and no duplicate." },
      ]);
    });

    test("a billed line removed from the table", async () => {
      const workbook = await issuedOnce();
      setMilestone(workbook.state, "M5", "Id", "M6");
      expect((await problemsOf(workbook)).map((p) => [p.code, p.message])).toEqual([
        ["BILLED_LINE_MISSING", 'Line "M5" was billed on INV-0001 but is no longer in the milestone table; put it back (a finished line stays in the table at 100 %).'],
      ]);
    });
  });
});
