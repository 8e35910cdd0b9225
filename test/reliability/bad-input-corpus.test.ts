import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { computeInvoice, type Issue } from "../../src/core";
import { parseCellAddress } from "../../src/workbook/a1";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, findSheet, setCell } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";
import { copyState } from "../workbook/helpers";

/**
 * The bad-input corpus: each file in test/fixtures/bad is a milestone table (with settings and
 * earlier invoices where it matters) or a request, and the exact problems it must report. For
 * a workbook, every problem names its cell and the workbook is left exactly as it was.
 */
interface Expected {
  code: string;
  at?: string | null;
  path?: (string | number)[];
  message: string;
}
interface Case {
  title: string;
  request?: unknown;
  milestones?: CellValue[][] | { repeat: number; bad: { row: number; column: number; value: CellValue } };
  settings?: Record<string, CellValue>;
  before?: { issue: string; edit?: { sheet: string; cell: string; value: CellValue }[]; date?: string };
  expect: Expected[];
}

const folder = path.resolve(__dirname, "../fixtures/bad");
const cases = readdirSync(folder)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [file, JSON.parse(readFileSync(path.join(folder, file), "utf8")) as Case] as const);

function milestonesOf(spec: Case["milestones"]): CellValue[][] {
  if (spec === undefined) throw new Error("a workbook case needs milestones");
  if (Array.isArray(spec)) return spec;
  const rows: CellValue[][] = [["Id", "Description", "Scheduled value", "% complete"]];
  for (let i = 1; i < spec.repeat; i += 1) rows.push([`M${i}`, `Milestone ${i}`, 1000 + (i % 50), (i % 10) / 10]);
  (rows[spec.bad.row] as CellValue[])[spec.bad.column] = spec.bad.value;
  return rows;
}

async function workbookFor(c: Case): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.createMilestoneTable(NAMES.milestones, NAMES.milestones, milestonesOf(c.milestones));
  const { __remove__: remove, ...overrides } = c.settings ?? {};
  await workbook.writeSettings(settingsRows({ ...SAMPLE_SETTINGS, ...overrides }), true);
  if (remove === true) workbook.state.tables = workbook.state.tables.filter((t) => t.name !== NAMES.settingsTable);
  if (c.before !== undefined) {
    const first = await generateInvoice(workbook, { invoiceDate: c.before.issue });
    if (!first.ok) throw new Error(`the case's first invoice failed: ${JSON.stringify(first.problems)}`);
    for (const edit of c.before.edit ?? []) {
      const { row, column } = parseCellAddress(edit.cell);
      setCell(findSheet(workbook.state, edit.sheet)!, row, column, edit.value);
    }
  }
  return workbook;
}

describe("the bad-input corpus", () => {
  test("holds at least 40 cases", () => expect(cases.length).toBeGreaterThanOrEqual(40));

  test.each(cases)("%s", async (_file, c) => {
    if (c.request !== undefined) {
      const outcome = computeInvoice(c.request);
      expect(outcome.ok).toBe(false);
      const errors: Issue[] = outcome.ok ? [] : outcome.errors;
      for (const e of c.expect) {
        expect(errors).toContainEqual({ code: e.code, path: e.path, message: expect.stringMatching(new RegExp(e.message)) });
      }
      return;
    }
    const workbook = await workbookFor(c);
    const before = copyState(workbook.state);
    const outcome = await generateInvoice(workbook, { invoiceDate: c.before?.date ?? "2026-10-31" });
    expect(copyState(workbook.state) === before).toBe(true);
    if (outcome.ok) throw new Error(`"${c.title}" gave an invoice instead of a problem`);
    const found = outcome.problems.map((p) => ({ code: p.code, at: p.sheet === undefined ? null : `${p.sheet}!${p.cell ?? ""}`, message: p.message }));
    expect(found).toHaveLength(c.expect.length);
    for (const e of c.expect) {
      expect(found).toContainEqual({ code: e.code, at: e.at ?? null, message: expect.stringMatching(new RegExp(e.message)) });
    }
  }, 60_000);
});
