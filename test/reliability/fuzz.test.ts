import fc from "fast-check";
import { Decimal } from "decimal.js";
import { computeInvoice } from "../../src/core";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";
import { copyState } from "../workbook/helpers";

const fields = [
  "id", "description", "scheduledValue", "changeOrder", "previouslyCompleted", "percentComplete", "completedToDate",
  "thisPeriod", "quantityToDate", "unitPrice", "unit", "storedMaterials", "previousStoredMaterials", "retentionRate", "taxRate",
];
/** Values of every kind a request or a cell can hold, with the awkward ones over-represented. */
const awkward = fc.oneof(
  fc.constantFrom("0", "-0", "1e308", "NaN", "Infinity", "-1", "0.005", "100.00", "1,000", " 12 ", "", "#N/A", "55", "0.55", "yes"),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const hostileLine = fc.dictionary(fc.constantFrom(...fields, "extra"), awkward, { maxKeys: 8 });
const hostileRequest = fc.record(
  {
    currency: fc.oneof(fc.constantFrom("USD", "JPY", "KWD", "XYZ", "usd"), awkward),
    rounding: fc.oneof(fc.constantFrom("half-up", "half-even"), awkward),
    retention: fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom("rate", "storedMaterialsRate", "limit", "limitRate", "release", "mode", "steps"), awkward, { maxKeys: 4 })),
    tax: fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom("rate", "base"), awkward, { maxKeys: 2 })),
    previousCertificates: awkward,
    lines: fc.oneof(fc.array(hostileLine, { maxLength: 6 }), awkward),
  },
  { requiredKeys: [] },
);

function assertNoNaN(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toMatch(/NaN|Infinity/);
}

describe("fuzzing", () => {
  test("random requests through the core: never a crash, never NaN; a reconciled result or problems", () => {
    fc.assert(
      fc.property(fc.oneof(hostileRequest, fc.anything()), (request) => {
        const outcome = computeInvoice(request);
        if (!outcome.ok) {
          expect(outcome.errors.length).toBeGreaterThan(0);
          for (const e of outcome.errors) expect(e.message.length).toBeGreaterThan(10);
          return;
        }
        assertNoNaN(outcome.result);
        const s = outcome.result.summary;
        const d = (x: string): Decimal => new Decimal(x);
        expect(d(s.totalDue).equals(d(s.currentPaymentDue).plus(s.tax))).toBe(true);
        expect(d(s.currentPaymentDue).equals(d(s.totalEarnedLessRetention).minus(s.previousCertificates).minus(s.advanceRecovery))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  const headers = fc.shuffledSubarray(
    ["Id", "Description", "Scheduled value", "% complete", "Completed to date", "This period", "Hours", "Hourly rate", "Stored materials", "Change order", "Retention %", "Tax %", "Notes"],
    { minLength: 1 },
  );
  const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constantFrom<CellValue>(null, "", 0, 1, 0.5, 55, -3, 1e308, "#N/A", "#DIV/0!", "yes", "no", "M1", "m1 ", "שלב 1", "<script>alert(1)</script>", "=1+1"),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1000, max: 100000 }),
    fc.string({ maxLength: 6 }),
    fc.boolean(),
  );

  test("random tables through the workbook flow: an invoice or problems at cells, and nothing written on problems", async () => {
    await fc.assert(
      fc.asyncProperty(headers, fc.array(fc.array(cellValue, { minLength: 13, maxLength: 13 }), { maxLength: 8 }), async (header, rows) => {
        const workbook = new MemoryWorkbook();
        await workbook.createMilestoneTable(NAMES.milestones, NAMES.milestones, [header, ...rows.map((r) => r.slice(0, header.length))]);
        await workbook.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
        const before = copyState(workbook.state);
        const outcome = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
        if (outcome.ok) {
          assertNoNaN(outcome.result);
          return;
        }
        expect(copyState(workbook.state) === before).toBe(true);
        for (const p of outcome.problems) {
          expect(p.message.length).toBeGreaterThan(10);
          if (p.sheet !== undefined) expect(p.cell).toMatch(/^[A-Z]+\d+$/);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
