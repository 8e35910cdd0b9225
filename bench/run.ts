import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { computeInvoice } from "../src/core";
import { benchContract } from "./contracts";
import { heapGrowthMiB, medianMs } from "./measure";

/**
 * npm run bench: measures the budgets of the product and writes docs/benchmarks.md.
 * Timings are reported, never asserted: they depend on the machine. --quick runs fewer
 * repetitions for development.
 */
const quick = process.argv.includes("--quick");

interface Row {
  what: string;
  figure: string;
  budget: string;
  within: boolean | undefined;
}

const rows: Row[] = [];
const sizes = [1_000, 10_000, 100_000];
const budgets = new Map([
  [10_000, 100],
  [100_000, 1500],
]);
const perLine: { size: number; ms: number; peak: number; retained: number }[] = [];

for (const size of sizes) {
  const request = JSON.parse(JSON.stringify(benchContract(size))) as unknown;
  const runs = quick ? (size >= 100_000 ? 3 : 5) : size >= 100_000 ? 7 : 21;
  const ms = medianMs(() => {
    const outcome = computeInvoice(request);
    if (!outcome.ok) throw new Error(`the bench contract is invalid: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  }, runs);
  const memory = heapGrowthMiB(() => computeInvoice(request));
  perLine.push({ size, ms, ...memory });
  const budget = budgets.get(size);
  rows.push({
    what: `core: compute, ${size.toLocaleString("en-US")} lines (median of ${runs})`,
    figure: `${ms.toFixed(1)} ms`,
    budget: budget === undefined ? "–" : `< ${budget} ms`,
    within: budget === undefined ? undefined : ms < budget,
  });
  rows.push({
    what: `core: heap while computing, ${size.toLocaleString("en-US")} lines (retained by the result)`,
    figure: `${memory.peak.toFixed(1)} MiB (${memory.retained.toFixed(1)} MiB)`,
    budget: "linear in lines",
    within: undefined,
  });
}

const first = perLine[0];
const last = perLine[perLine.length - 1];
if (first !== undefined && last !== undefined) {
  const growth = last.size / first.size;
  const timeRatio = last.ms / first.ms;
  const memoryRatio = last.retained / first.retained;
  rows.push({
    what: `core: growth from ${first.size.toLocaleString("en-US")} to ${last.size.toLocaleString("en-US")} lines (×${growth})`,
    figure: `time ×${timeRatio.toFixed(1)}, retained memory ×${memoryRatio.toFixed(1)}`,
    budget: `linear: about ×${growth}`,
    within: timeRatio < growth * 2 && memoryRatio < growth * 2,
  });
}

const cpu = cpus()[0]?.model ?? "unknown processor";
const header = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ` +
    `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. ` +
    "Timings are medians over repeated runs on one core; they are reported, not asserted in CI.",
  "",
  "| what | figure | budget | within |",
  "| --- | --- | --- | --- |",
];
const table = rows.map((r) => `| ${r.what} | ${r.figure} | ${r.budget} | ${r.within === undefined ? "" : r.within ? "yes" : "**no**"} |`);
const text = [...header, ...table, ""].join("\n");
writeFileSync(new URL("../docs/benchmarks.md", import.meta.url), text);
process.stdout.write(text);
