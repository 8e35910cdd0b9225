const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Median wall time of `runs` runs of `work`, in milliseconds, after `warmup` unmeasured runs.
 * By default the heap is collected before each run (when node runs with --expose-gc, as npm
 * run bench does), so that a run does not pay for the garbage of the one before: the product
 * computes once per action, with idle time between. "steady" runs one after another, each
 * paying for its own garbage collection as it goes; a forced full collection also makes V8
 * discard code optimised for objects that no longer exist, which the next run then pays to
 * optimise again. A run's own garbage collection is measured either way.
 */
export function medianMs(work: () => unknown, runs: number, warmup = 1, between: "collect" | "steady" = "collect"): number {
  for (let i = 0; i < warmup; i += 1) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (between === "collect") gc?.();
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/**
 * Collects the heap and gives the collector's background work time to finish, so that what
 * comes next does not pay for garbage left before it (a build, say).
 */
export async function settleHeap(): Promise<void> {
  gc?.();
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** The same as medianMs for asynchronous work. */
export async function medianMsAsync(work: () => Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    gc?.();
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** The wall time of one run of `work`, in milliseconds: for work too long to repeat, such as LibreOffice recalculating a large workbook. */
export function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A measured figure against its budget, as a row of docs/benchmarks.md. */
export interface Row {
  what: string;
  figure: string;
  budget: string;
  within: boolean | undefined;
}

/**
 * Heap growth while `work` runs, in MiB: the heap is collected first, then sampled while the
 * work runs on a timer-free basis (before and after, without collecting in between), which
 * includes the garbage it made; this is an upper bound on its peak.
 */
export function heapGrowthMiB(work: () => unknown): { peak: number; retained: number } {
  if (gc === undefined) throw new Error("run the benchmark with node --expose-gc (npm run bench does)");
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = work();
  const after = process.memoryUsage().heapUsed;
  gc();
  const retained = process.memoryUsage().heapUsed;
  void kept;
  return { peak: (after - before) / 2 ** 20, retained: (retained - before) / 2 ** 20 };
}
