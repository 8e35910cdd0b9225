import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LibreOffice } from "../test/cli/libreoffice";
import type { Row } from "./measure";

const bin = resolve(__dirname, "../dist/cli/interim.js");
const WORKBOOKS = 200;

/**
 * `interim report` may take at most as long as LibreOffice opening, recalculating and saving
 * the same workbooks. That baseline computes none of the report's figures (the workbooks hold
 * values; their finance figures are nobody's formulas): it is the least a spreadsheet program
 * does to show one contract's workbook, so a report that needs longer to read them and work out
 * every contract's receivables, WIP and forecast reads too slowly.
 */
const RATIO_BUDGET = 1;

/**
 * `interim report --json` over a folder of sample-sized workbooks, each made as a person makes
 * one (interim init, interim invoice, interim payment; then copied), against LibreOffice
 * headless converting the same folder in one process. Both end to end, as a person waits.
 */
export function benchReport(quick: boolean): Row[] {
  if (!existsSync(bin)) throw new Error("build the command line first: npm run build");
  const folder = mkdtempSync(join(tmpdir(), "interim-report-bench-"));
  try {
    const books = join(folder, "books");
    mkdirSync(books);
    const first = join(books, "contract-001.xlsx");
    interim("init", first);
    interim("invoice", first, "--date", "2026-11-30");
    interim("payment", first, "--invoice", "INV-0001", "--amount", "1000", "--date", "2026-12-15");
    for (let i = 2; i <= WORKBOOKS; i += 1) copyFileSync(first, join(books, `contract-${String(i).padStart(3, "0")}.xlsx`));

    const times: number[] = [];
    for (let run = 0; run < (quick ? 1 : 3); run += 1) {
      const started = performance.now();
      const report = interim("report", books, "--as-of", "2026-12-31", "--json");
      times.push(performance.now() - started);
      const contracts = (JSON.parse(report) as { contracts: unknown[] }).contracts.length;
      if (contracts !== WORKBOOKS) throw new Error(`interim report read ${contracts} contracts of ${WORKBOOKS}`);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)] as number;
    const rows: Row[] = [{ what: `command line: interim report --json over a folder of ${WORKBOOKS} sample workbooks (init, invoice, payment), end to end (median of ${times.length})`, figure: `${(ms / 1000).toFixed(2)} s (${(ms / WORKBOOKS).toFixed(0)} ms a workbook)`, budget: quick ? "–" : "against LibreOffice, below", within: undefined }];
    if (quick) return rows;

    const office = new LibreOffice(folder);
    const files = readdirSync(books).filter((name) => name.endsWith(".xlsx")).map((name) => join(books, name));
    // A first conversion sets up LibreOffice's profile.
    office.convert(first, "xlsx", join(folder, "warm"));
    const started = performance.now();
    office.convert(files, "xlsx", join(folder, "converted"), 15 * 60_000);
    const native = performance.now() - started;
    if (readdirSync(join(folder, "converted")).length !== WORKBOOKS) throw new Error("LibreOffice did not convert every workbook");
    rows.push({
      what: `baseline: LibreOffice headless opening, recalculating and saving the same ${WORKBOOKS} workbooks in one process, against interim report (both end to end)`,
      figure: `LibreOffice ${(native / 1000).toFixed(1)} s; interim report ${(ms / 1000).toFixed(1)} s (×${(ms / native).toFixed(2)}), with every contract's figures`,
      budget: `interim at most ×${RATIO_BUDGET.toFixed(1)}`,
      within: ms <= native * RATIO_BUDGET,
    });
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs the built command; its standard output, or a failure naming the command and what it said. */
function interim(...args: string[]): string {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`interim ${args[0] ?? ""} failed (${String(result.status ?? result.signal)}): ${result.stderr}`);
  return result.stdout;
}
