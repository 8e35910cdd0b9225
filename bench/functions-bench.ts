import { installCustomFunctionsRuntime } from "../test/support/custom-functions-runtime";
import { type Row, medianMs } from "./measure";

/** INTERIM.DUE: the cost of one call over 100,000 calls with distinct arguments. */
export async function benchFunctions(quick: boolean): Promise<Row[]> {
  installCustomFunctionsRuntime();
  const { due } = await import("../src/functions/functions");
  const calls = 100_000;
  const args = Array.from({ length: calls }, (_, i) => [1000 + i * 7.31, (i % 1000) / 1000, Math.floor(i * 3.1) / 100, 0.1] as const);
  const ms = medianMs(() => {
    for (const [c, p, d, r] of args) due(Math.round(c * 100) / 100, p, d, r);
  }, quick ? 3 : 7);
  const perCall = (ms * 1000) / calls;
  return [{ what: `functions: INTERIM.DUE, one call (median of runs of ${calls.toLocaleString("en-US")} calls)`, figure: `${perCall.toFixed(2)} µs`, budget: "< 10 µs", within: perCall < 10 }];
}
