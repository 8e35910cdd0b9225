import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type * as Core from "../src/core";
import { benchContract, type ContractKind } from "./contracts";
import { benchBundles } from "./bundle-bench";
import { loadBundledCore } from "./core-bundle";
import { benchCli } from "./cli-bench";
import { benchFinances } from "./finance-bench";
import { benchFloatBaseline } from "./float-baseline";
import { benchFunctions } from "./functions-bench";
import { benchPdf } from "./pdf-bench";
import { benchPreview } from "./preview-bench";
import { benchReport } from "./report-bench";
import { benchSpreadsheetBaseline } from "./spreadsheet-baseline";
import { benchTimesheet } from "./timesheet-bench";
import { type Row, heapGrowthMiB, medianMs } from "./measure";
import { benchWorkbook } from "./workbook-bench";

/**
 * npm run bench: measures the budgets of the product and writes docs/benchmarks.md.
 * Timings are reported, never asserted: they depend on the machine. --quick runs fewer
 * repetitions for development. --only GROUP[,GROUP] runs those groups of rows alone (core,
 * functions, workbook, float, pdf, cli, preview, bundles, spreadsheet, finances, timesheet, report) in
 * full and prints them without writing docs/benchmarks.md, whose table is one whole run's.
 */
const quick = process.argv.includes("--quick");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? undefined : new Set((process.argv[onlyAt + 1] ?? "").split(","));
const GROUPS = ["core", "functions", "workbook", "float", "pdf", "cli", "preview", "bundles", "spreadsheet", "finances", "timesheet", "report"];
const unknown = [...(only ?? [])].filter((group) => !GROUPS.includes(group));
if (unknown.length > 0 || only?.size === 0) throw new Error(`--only takes groups among ${GROUPS.join(", ")}; not ${unknown.join(", ") || "nothing"}`);
const wanted = (group: string): boolean => only === undefined || only.has(group);

const rows: Row[] = [];
// --quick leaves out 100,000 lines, the slowest figure, to finish within a minute.
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const timeBudgets = new Map([
  [10_000, 100],
  [100_000, 1500],
]);
const lines = (n: number): string => `${n.toLocaleString("en-US")} lines`;

function benchCore(kind: ContractKind, computeInvoice: typeof Core.computeInvoice): void {
  const measured: { size: number; ms: number; allocated: number }[] = [];
  for (const size of sizes) {
    const request = JSON.parse(JSON.stringify(benchContract(size, kind))) as unknown;
    const runs = quick ? (size >= 100_000 ? 3 : 5) : size >= 100_000 ? 7 : 21;
    const compute = (): void => {
      const outcome = computeInvoice(request);
      if (!outcome.ok) throw new Error(`the bench contract is invalid: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    };
    const ms = medianMs(compute, runs, quick ? 1 : 3, "steady");
    const afterCollection = medianMs(compute, runs, 1);
    const memory = heapGrowthMiB(() => computeInvoice(request));
    measured.push({ size, ms, allocated: memory.peak });
    const budget = timeBudgets.get(size);
    rows.push({
      what: `core, ${kind} contract: compute ${lines(size)} (median of ${runs})`,
      figure: `${ms.toFixed(1)} ms (${((ms * 1000) / size).toFixed(1)} µs a line); right after a forced full collection ${afterCollection.toFixed(1)} ms`,
      budget: budget === undefined ? "–" : `< ${budget} ms`,
      within: budget === undefined ? undefined : ms < budget,
    });
    rows.push({
      what: `core, ${kind} contract: heap for ${lines(size)}, allocated while computing (kept by the result)`,
      figure: `${memory.peak.toFixed(1)} MiB (${memory.retained.toFixed(1)} MiB)`,
      budget: "linear in lines",
      within: undefined,
    });
  }
  const first = measured[0];
  const last = measured[measured.length - 1];
  if (first === undefined || last === undefined) return;
  const growth = last.size / first.size;
  const timeRatio = last.ms / first.ms;
  const memoryRatio = last.allocated / first.allocated;
  rows.push({
    what: `core, ${kind} contract: growth from ${lines(first.size)} to ${lines(last.size)} (×${growth})`,
    figure: `time ×${timeRatio.toFixed(1)}, memory allocated ×${memoryRatio.toFixed(1)}`,
    budget: `linear: about ×${growth}`,
    within: timeRatio < growth * 2 && memoryRatio < growth * 2,
  });
}

/**
 * The machine's own speed: a fixed loop of integer additions, timed at the start and at the
 * end of the run. These machines are shared, and their speed drifts by a fifth or more within
 * minutes; a slow reference says the figures of that run are slow with it.
 */
function referenceLoopMs(): number {
  const start = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < 300_000_000; i += 1) sum += i & 7;
  if (sum < 0) throw new Error("unreachable: keeps the loop from being optimised away");
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const before = referenceLoopMs();
  const core = wanted("core") || wanted("float") || wanted("finances") ? await loadBundledCore() : undefined;
  if (core !== undefined && wanted("core")) {
    benchCore("typical", core.computeInvoice);
    benchCore("every-feature", core.computeInvoice);
  }
  if (wanted("functions")) rows.push(...(await benchFunctions(quick)));
  if (wanted("workbook")) rows.push(...(await benchWorkbook(quick)));
  if (core !== undefined && wanted("float")) rows.push(...benchFloatBaseline(quick, core.computeInvoice));
  if (wanted("pdf")) rows.push(...(await benchPdf(quick)));
  if (wanted("cli")) rows.push(...(await benchCli(quick)));
  if (wanted("preview")) rows.push(...(await benchPreview(quick)));
  if (wanted("bundles")) rows.push(...benchBundles());
  if (!quick && wanted("spreadsheet")) rows.push(...(await benchSpreadsheetBaseline(quick)));
  if (core !== undefined && wanted("finances")) rows.push(...(await benchFinances(quick, core)));
  if (wanted("timesheet")) rows.push(...(await benchTimesheet(quick)));
  if (wanted("report")) rows.push(...benchReport(quick));
  rows.push({
    what: "machine: a fixed loop of 300,000,000 integer additions, at the start and at the end of this run",
    figure: `${before.toFixed(0)} ms, ${referenceLoopMs().toFixed(0)} ms`,
    budget: "reference",
    within: undefined,
  });
  if (only === undefined) writeReport();
  else process.stdout.write(`${rows.map(tableRow).join("\n")}\n`);
}

function tableRow(r: Row): string {
  return `| ${r.what} | ${r.figure} | ${r.budget} | ${r.within === undefined ? "" : r.within ? "yes" : "**no**"} |`;
}

function writeReport(): void {
  const cpu = cpus()[0]?.model ?? "unknown processor";
  const text = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ` +
      `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. ` +
      "Timings are medians over repeated runs in one process; they are reported, never asserted in CI.",
    "The core is measured as the product runs it, bundled by webpack in production mode (bench/core-bundle.ts),",
    "in repeated runs one after another, each paying for its own garbage collection; its budgets are judged on",
    "that. The figure right after a forced full collection is given beside it: such a collection makes V8 discard",
    "code optimised for objects that no longer exist, and the run after it pays to optimise that code again.",
    "The typical contract is what the add-in sends for most contracts (flat retention, line 7 from the",
    "billing log); the every-feature contract adds marginal step-down retention, an advance and a",
    "derived line 7 (see bench/contracts.ts).",
    "The finance rows time the core's figures of one large contract against LibreOffice recalculating the same WIP",
    "and aging as native formulas (SUMIFS, MIN, ROUND, IF, MAX; both give the same totals, to the cent), less its",
    "time to load and save that workbook without them; and `interim report` over a folder of workbooks against",
    "LibreOffice opening, recalculating and saving the same workbooks. Their budgets are ratios in the same run: the",
    "core at most ×0.05 of the recalculation (it reads each cost row once, where SUMIFS reads every row for every",
    "line: a core not twenty times faster has lost that), and the report at most as long as LibreOffice, which",
    "computes none of the report's figures (see bench/finance-bench.ts and bench/report-bench.ts).",
    "The timesheet rows time `interim invoice` on a 1,000-line contract billed from 100,000 timesheet rows (open, read,",
    "price each entry at the rate in force, bill, write the invoice sheet, its time appendix and the billing log, save)",
    "against LibreOffice opening, recalculating and saving the same hours and amounts to date as native formulas",
    "(MAXIFS and SUMIFS for each entry's rate, SUMIFS per line; every line the same to the cent): Interim at most ×0.5",
    "of LibreOffice's time, both end to end (see bench/timesheet-bench.ts).",
    "",
    "| what | figure | budget | within |",
    "| --- | --- | --- | --- |",
    ...rows.map(tableRow),
    "",
  ].join("\n");
  writeFileSync(new URL("../docs/benchmarks.md", import.meta.url), text);
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
