import type { IssuedInvoice } from "../../src/core";
import { exporterFor } from "../../src/export";
import { SUMMED_COLUMNS, columnTotal, summaryRowsOf } from "../../src/export/document";
import { invoiceWithAdvance, thirdInvoice, unicodeInvoice } from "./fixtures";
import { parseCsv, recalculatedCsv, tempDir, withoutCachedResults, writeTemp } from "./tools";

jest.setTimeout(180_000);

/** Recalculated by LibreOffice: the figure shown beside each label, without thousands separators. */
async function recalculated(invoice: IssuedInvoice, name: string): Promise<{ rows: string[][]; formulas: number }> {
  const bytes = await (await exporterFor("xlsx")).generate(invoice);
  const { file, formulas } = await withoutCachedResults(bytes);
  const rows = parseCsv(recalculatedCsv(writeTemp(tempDir(name), `${name}.xlsx`, file)));
  return { rows: rows.map((r) => r.map((c) => (/^-?[\d,]+(\.\d+)?$/.test(c) ? c.replace(/,/g, "") : c))), formulas };
}

async function expectTotalsRecalculate(invoice: IssuedInvoice, name: string): Promise<void> {
  const { rows, formulas } = await recalculated(invoice, name);
  expect(formulas).toBeGreaterThanOrEqual(SUMMED_COLUMNS.length + 8 + invoice.result.taxBreakdown.length + 1);
  const totals = rows.find((r) => r[1] === "Totals")!;
  expect([totals[2], totals[3], totals[4], totals[5], totals[6], totals[8], totals[9]]).toEqual(SUMMED_COLUMNS.map((c) => columnTotal(invoice, c)));
  for (const row of summaryRowsOf(invoice)) {
    const label = row.line === "" ? `   ${row.label}` : `${row.line}. ${row.label}`;
    expect([label, rows.find((r) => r[1] === label)?.[2]]).toEqual([label, row.amount]);
  }
  for (const tax of invoice.result.taxBreakdown) {
    const row = rows.find((r) => r[1]?.startsWith("Tax at") && r[4] === tax.taxableAmount);
    expect(row?.[2]).toBe(tax.tax);
  }
  expect(rows.find((r) => r[1] === `Total due (${invoice.result.currency})`)?.[2]).toBe(invoice.result.summary.totalDue);
}

describe("xlsx export, recalculated by LibreOffice", () => {
  test("released retention: every total recalculates to the core's figure", async () => {
    await expectTotalsRecalculate(await thirdInvoice(), "third");
  });

  test("advance recovery and two tax rates", async () => {
    await expectTotalsRecalculate(await invoiceWithAdvance(), "advance");
  });

  test("text that looks like a formula is text in the workbook", async () => {
    const invoice = await unicodeInvoice();
    const { rows } = await recalculated(invoice, "unicode");
    expect(rows.some((r) => r[1] === invoice.supplier.address)).toBe(true);
    expect(rows.some((r) => r[1] === invoice.result.lines[3]!.description)).toBe(true);
    expect(rows.some((r) => r[1] === invoice.client.name)).toBe(true);
  });
});
