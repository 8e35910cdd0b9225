import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type * as Core from "../src/core";
import { benchContract, type ContractKind } from "./contracts";
import { benchBundles } from "./bundle-bench";
import { loadBundledCore } from "./core-bundle";
import { benchCli } from "./cli-bench";
import { benchFloatBaseline } from "./float-baseline";
import { benchFunctions } from "./functions-bench";
import { benchPdf } from "./pdf-bench";
import { benchPreview } from "./preview-bench";
import { benchSpreadsheetBaseline } from "./spreadsheet-baseline";
import { type Row, heapGrowthMiB, medianMs } from "./measure";
import { benchWorkbook } from "./workbook-bench";

/**
 * npm run bench: measures the budgets of the product and writes docs/benchmarks.md.
 * Timings are reported, never asserted: they depend on the machine. --quick runs fewer
 * repetitions for development.
 */
const quick = process.argv.includes("--quick");

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
  const { computeInvoice } = await loadBundledCore();
  benchCore("typical", computeInvoice);
  benchCore("every-feature", computeInvoice);
  rows.push(...(await benchFunctions(quick)));
  rows.push(...(await benchWorkbook(quick)));
  rows.push(...benchFloatBaseline(quick, computeInvoice));
  rows.push(...(await benchPdf(quick)));
  rows.push(...(await benchCli(quick)));
  rows.push(...(await benchPreview(quick)));
  rows.push(...benchBundles());
  if (!quick) rows.push(...(await benchSpreadsheetBaseline(quick)));
  rows.push({
    what: "machine: a fixed loop of 300,000,000 integer additions, at the start and at the end of this run",
    figure: `${before.toFixed(0)} ms, ${referenceLoopMs().toFixed(0)} ms`,
    budget: "reference",
    within: undefined,
  });
  writeReport();
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
    "",
    "| what | figure | budget | within |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.budget} | ${r.within === undefined ? "" : r.within ? "yes" : "**no**"} |`),
    "",
  ].join("\n");
  writeFileSync(new URL("../docs/benchmarks.md", import.meta.url), text);
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
