import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { LibreOffice } from "../test/cli/libreoffice";
import { xlsxOf } from "./cli-bench";
import type { Row } from "./measure";

/**
 * What a user would otherwise do: a G703 template of native formulas (ROUND, SUM) over the same
 * 10,000 lines, recalculated and saved by LibreOffice headless, against `interim invoice` on a
 * workbook of the same lines. Both are timed end to end, as a person waits for them.
 */
async function templateOf(file: string, lines: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("G703");
  sheet.addRow(["Item", "Description", "Scheduled value", "Previously completed", "% complete", "Stored materials", "Completed and stored to date", "This period", "Balance to finish", "Retention", "Tax"]);
  for (let i = 0; i < lines; i += 1) {
    const r = i + 2;
    sheet.addRow([
      `M${i + 1}`, `Milestone ${i + 1}`, 1000 + (i % 97) * 12.5, 0, (i % 10) / 10, i % 5 === 0 ? 40 : 0,
      { formula: `ROUND(C${r}*E${r},2)+F${r}` }, { formula: `G${r}-D${r}` }, { formula: `C${r}-G${r}` },
      { formula: `ROUND(0.05*(G${r}-F${r}),2)+ROUND(0.05*F${r},2)` }, { formula: `H${r}*${i % 7 === 0 ? "0.09" : "0.19"}` },
    ]);
  }
  const last = lines + 1;
  const totals = lines + 3;
  sheet.getCell(`B${totals}`).value = "Totals";
  for (const column of ["C", "G", "H", "I", "J"]) sheet.getCell(`${column}${totals}`).value = { formula: `SUM(${column}2:${column}${last})` };
  sheet.getCell(`B${totals + 1}`).value = "Tax";
  sheet.getCell(`K${totals + 1}`).value = { formula: `ROUND(SUMIF(K2:K${last},"<>0"),2)` };
  sheet.getCell(`B${totals + 2}`).value = "Total due";
  sheet.getCell(`K${totals + 2}`).value = { formula: `G${totals}-J${totals}+K${totals + 1}` };
  await workbook.xlsx.writeFile(file);
}

/**
 * The baseline at 10,000 lines (Interim at most as long as LibreOffice) and, in a full run, at
 * 100,000 (at most twice as long: Interim then writes a 100,000-line invoice sheet and 100,000
 * log rows besides reading and checking, where LibreOffice only recalculates and saves one
 * sheet, and LibreOffice's start-up, most of its time at 10,000 lines, no longer counts).
 */
export async function benchSpreadsheetBaseline(quick: boolean): Promise<Row[]> {
  const rows = [await baselineOf(10_000, quick ? 1 : 3, 1)];
  if (!quick) rows.push(await baselineOf(100_000, 1, 2));
  return rows;
}

async function baselineOf(lines: number, runs: number, budget: number): Promise<Row> {
  const folder = mkdtempSync(join(tmpdir(), "interim-baseline-"));
  try {
    const office = new LibreOffice(folder);
    const template = join(folder, "template.xlsx");
    await templateOf(template, lines);
    const book = join(folder, "book.xlsx");
    await xlsxOf(book, lines);
    // A first conversion starts LibreOffice's profile; then the timed run.
    office.convert(template, "xlsx", join(folder, "warm"));
    const recalc: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      office.convert(template, "xlsx", join(folder, `out-${run}`));
      recalc.push(performance.now() - started);
    }
    const started = performance.now();
    const result = spawnSync(process.execPath, [resolve(__dirname, "../dist/cli/interim.js"), "invoice", book, "--date", "2026-09-30"], { encoding: "utf8" });
    const interim = performance.now() - started;
    if (result.status !== 0) throw new Error(`interim invoice failed: ${result.stderr}`);
    recalc.sort((a, b) => a - b);
    const native = recalc[Math.floor(recalc.length / 2)] as number;
    return {
      what: `baseline: a native G703 template (ROUND, SUM) of ${lines.toLocaleString("en-US")} lines recalculated and saved by LibreOffice headless, against interim invoice on the same lines (both end to end)`,
      figure: `LibreOffice ${(native / 1000).toFixed(2)} s; interim invoice ${(interim / 1000).toFixed(2)} s (×${(interim / native).toFixed(1)}), with the sheet, the log and the checks`,
      budget: budget === 1 ? "interim at most as long (×1.0)" : `interim at most ×${budget.toFixed(1)}`,
      within: interim <= native * budget,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
