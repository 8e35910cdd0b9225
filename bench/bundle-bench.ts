import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Row } from "./measure";

/** Bundle sizes of the production build (also checked in test/build.test.ts, where CI fails on them). */
export function benchBundles(): Row[] {
  return [
    ["taskpane.js", 290],
    ["functions.js", 60],
  ].map(([file, budget]) => {
    const kb = gzipSync(readFileSync(resolve(__dirname, "../dist", String(file))), { level: 9 }).length / 1024;
    return { what: `bundle: ${String(file)}, gzip`, figure: `${kb.toFixed(1)} KB`, budget: `< ${String(budget)} KB`, within: kb < Number(budget) };
  });
}
