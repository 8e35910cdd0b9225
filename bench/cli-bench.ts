import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { XlsxWorkbook } from "../src/workbook/xlsx-workbook";
import { fillLargeWorkbook } from "../test/support/large-workbook";
import type { Row } from "./measure";

const bin = resolve(__dirname, "../dist/cli/interim.js");

/** A new .xlsx with the sample settings and a milestone table of `count` lines. */
export async function xlsxOf(file: string, count: number): Promise<void> {
  const workbook = XlsxWorkbook.create(file);
  await fillLargeWorkbook(workbook, count);
  await workbook.save();
}

/** `interim invoice` on a 10,000-line .xlsx, end to end from the built command (npm run build first). */
export async function benchCli(quick: boolean): Promise<Row[]> {
  if (!existsSync(bin)) throw new Error("build the command line first: npm run build");
  const folder = mkdtempSync(join(tmpdir(), "interim-bench-"));
  try {
    const times: number[] = [];
    let split = "";
    for (let run = 0; run < (quick ? 1 : 3); run += 1) {
      const file = join(folder, `big-${run}.xlsx`);
      await xlsxOf(file, 10_000);
      const started = performance.now();
      const result = spawnSync(process.execPath, [bin, "invoice", file, "--date", "2026-09-30", "--timings"], { encoding: "utf8" });
      times.push(performance.now() - started);
      if (result.status !== 0) throw new Error(`interim invoice failed: ${result.stderr}`);
      split = result.stderr.trim();
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)] as number;
    const rows: Row[] = [{ what: `command line: interim invoice on a 10,000-line .xlsx, end to end (median of ${times.length}; ${split})`, figure: `${(ms / 1000).toFixed(2)} s`, budget: "< 5 s", within: ms < 5000 }];
    if (!quick) rows.push(...(await benchLargeCli(folder)));
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Budgets for `interim invoice` on 100,000 lines (docs/decisions/0028): its time, and the heap
 * it is run within. The copying writer measured 16.5 s for the first invoice and 31.6 s for the
 * next (its log then holds 100,000 lines) within 2 GB, on two shared cores (exceljs took 90 s
 * and about 3 GB for the first); the budgets leave room for a slower machine.
 */
const LARGE_SECONDS = 45;
const LARGE_HEAP_MB = 2048;

/**
 * `interim invoice` on a 100,000-line .xlsx, run within a heap of LARGE_HEAP_MB: a run that
 * needs more fails (V8 ends it), so the memory budget holds as the time one does. Then a
 * later invoice of the same contract, which reads the 100,000 lines the first left in the log.
 */
async function benchLargeCli(folder: string): Promise<Row[]> {
  const file = join(folder, "large.xlsx");
  await xlsxOf(file, 100_000);
  const run = (what: string, args: string[]): Row => {
    const started = performance.now();
    const result = spawnSync(process.execPath, [`--max-old-space-size=${LARGE_HEAP_MB}`, bin, "invoice", file, ...args, "--timings"], { encoding: "utf8" });
    const ms = performance.now() - started;
    const fits = result.status === 0;
    return {
      what: `command line: interim invoice on a 100,000-line .xlsx, ${what}, within a ${LARGE_HEAP_MB} MB heap, end to end (${fits ? result.stderr.trim() : `failed: exit ${String(result.status ?? result.signal)}`})`,
      figure: `${(ms / 1000).toFixed(1)} s`,
      budget: `< ${LARGE_SECONDS} s, heap ≤ ${LARGE_HEAP_MB} MB`,
      within: fits && ms < LARGE_SECONDS * 1000,
    };
  };
  // The second bills nothing new (--allow-zero): what it measures is reading and extending a log of 100,000 lines.
  return [run("the first invoice", ["--date", "2026-09-30"]), run("the next month's, over its billing log", ["--date", "2026-10-31", "--allow-zero"])];
}
