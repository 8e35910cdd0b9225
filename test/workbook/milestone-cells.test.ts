import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findSheet, setCell } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import type { CellValue, WorkbookPort } from "../../src/workbook/port";
import { insertSample } from "../../src/workbook/sample";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { LibreOffice } from "../cli/libreoffice";
import { editXlsx } from "../support/exceljs-file";
import { fakeExcelRun } from "../support/fake-excel";
import { copyState } from "./helpers";

/** Cells of the sample's Milestones sheet to change, by address, as a person types them. */
type Edits = Record<string, CellValue>;

const PORTS = ["in-memory", "Office.js", "xlsx", "xlsx resaved by LibreOffice"] as const;
type Port = (typeof PORTS)[number];

const workdir = mkdtempSync(join(tmpdir(), "interim-cells-"));
const libreOffice = new LibreOffice(workdir);

function rowAndColumn(address: string): [number, number] {
  const [, letters = "", digits = ""] = /^([A-Z]+)(\d+)$/.exec(address) ?? [];
  return [Number(digits) - 1, [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1];
}

/** The sample workbook with the edits, in the given port; `unchanged` tells whether anything was written since. */
async function sampleWith(port: Port, edits: Edits): Promise<{ workbook: WorkbookPort; unchanged: () => Promise<boolean> }> {
  if (port === "in-memory" || port === "Office.js") {
    const memory = new MemoryWorkbook(emptyState());
    await insertSample(memory);
    const sheet = findSheet(memory.state, "Milestones");
    if (sheet === undefined) throw new Error("no Milestones sheet");
    for (const [address, value] of Object.entries(edits)) setCell(sheet, ...rowAndColumn(address), value);
    const before = copyState(memory.state);
    const workbook = port === "in-memory" ? memory : new OfficeWorkbook(fakeExcelRun(memory.state).run);
    return { workbook, unchanged: () => Promise.resolve(copyState(memory.state) === before) };
  }
  const created = XlsxWorkbook.create();
  await insertSample(created);
  let bytes = await editXlsx(await created.toBuffer(), (file) => {
    const sheet = file.getWorksheet("Milestones");
    if (sheet === undefined) throw new Error("no Milestones sheet");
    for (const [address, value] of Object.entries(edits)) sheet.getCell(address).value = value;
  });
  if (port === "xlsx resaved by LibreOffice") {
    const file = join(workdir, `edited-${Date.now()}.xlsx`);
    writeFileSync(file, bytes);
    libreOffice.convert(file, "xlsx:Calc MS Excel 2007 XML", join(workdir, "resaved"));
    bytes = readFileSync(join(workdir, "resaved", file.slice(workdir.length + 1)));
  }
  const workbook = await XlsxWorkbook.fromBuffer(bytes);
  const before = (await workbook.toBuffer()).length;
  return { workbook, unchanged: async () => (await workbook.toBuffer()).length === before };
}

async function problemsOf(port: Port, edits: Edits): Promise<{ code: string; at: string; message: string }[]> {
  const { workbook, unchanged } = await sampleWith(port, edits);
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (outcome.ok) throw new Error("an invoice was issued from a table with a problem");
  expect(await unchanged()).toBe(true);
  return outcome.problems.map((p) => ({ code: p.code, at: `${p.sheet ?? ""}!${p.cell ?? ""}`, message: p.message }));
}

async function totalDue(port: Port, edits: Edits): Promise<string> {
  const { workbook } = await sampleWith(port, edits);
  const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.result.summary.totalDue;
}

describe.each(PORTS)("the milestone table's cells as people type them: %s", (port) => {
  // The sample as inserted, billed once per port: what the same figures typed differently must give.
  let sampleTotal: Promise<string> | undefined;
  const unedited = (): Promise<string> => (sampleTotal ??= totalDue(port, {}));

  test("no progress column (renamed) is a problem at the header row naming the headers accepted", async () => {
    expect(await problemsOf(port, { D1: "Done (this month)", E1: "Hours logged" })).toContainEqual({
      code: "MISSING_COLUMN", at: "Milestones!A1",
      message: 'The table has no column for the progress of its lines; add one headed "% complete", "Completed to date", "This period", or "Hours to date" with "Hourly rate".',
    });
  }, 60_000);

  test("headers with a unit in brackets bill as without it", async () => {
    expect(await totalDue(port, { C1: "Scheduled value (EUR)", D1: "% complete (%)", F1: "Hourly rate (€)" })).toBe(await unedited());
  }, 60_000);

  test("a number typed as text that reads two ways is a problem at its cell; one that reads one way is billed", async () => {
    expect(await problemsOf(port, { C3: "24.000" })).toEqual([
      {
        code: "AMBIGUOUS_NUMBER", at: "Milestones!C3",
        message: '"Scheduled value" is the text "24.000", which reads two ways: 24000 with "." separating thousands, or 24 with "." as the decimal mark. Enter the number itself (24000 or 24), not text.',
      },
    ]);
    expect(await totalDue(port, { C3: "24,000.00" })).toBe(await unedited());
  }, 60_000);
});
