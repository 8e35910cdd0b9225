import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import webpack from "webpack";
import type * as Core from "../src/core";
import { settleHeap } from "./measure";

/**
 * The billing core as the product runs it: bundled by webpack in production mode, as it is in
 * the command line, the task pane and the custom functions, where modules are concatenated
 * and a call between them is a plain call. Through tsx's loader every such call goes through
 * an export getter, which makes the same code about a third slower than anything shipped.
 */
export async function loadBundledCore(): Promise<typeof Core> {
  const folder = mkdtempSync(join(tmpdir(), "interim-core-"));
  try {
    await compile({
      mode: "production",
      context: resolve(__dirname, ".."),
      target: "node20",
      entry: "./src/core/index.ts",
      output: { path: folder, filename: "core.js", library: { type: "commonjs2" } },
      resolve: { extensions: [".ts", ".js"] },
      module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, loader: "ts-loader", options: { transpileOnly: true } }] },
      optimization: { minimize: false },
    });
    const core = createRequire(__filename)(join(folder, "core.js")) as typeof Core;
    // The build leaves a large heap of garbage; the first figures must not pay for it.
    await settleHeap();
    return core;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function compile(config: webpack.Configuration): Promise<void> {
  return new Promise((done, fail) => {
    const compiler = webpack(config);
    compiler.run((error, stats) => {
      compiler.close((closeError) => {
        const failure = error ?? closeError;
        if (failure) fail(failure);
        else if (stats?.hasErrors()) fail(new Error(`the core did not build for the bench:\n${stats.toString("errors-only")}`));
        else done();
      });
    });
  });
}
