import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser } from "../test/e2e/browser";
import { serveFolder } from "../test/e2e/static-server";
import type { Row } from "./measure";

/** First render of the task pane in the browser preview: from navigation to the welcome's button. */
export async function benchPreview(quick: boolean): Promise<Row[]> {
  const preview = resolve(__dirname, "../dist/preview");
  if (!existsSync(preview)) throw new Error("build the preview first: npm run build");
  const server = await serveFolder(preview);
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (let run = 0; run < (quick ? 3 : 7); run += 1) {
      const page = await browser.context.newPage();
      const started = performance.now();
      await page.goto(server.url);
      await page.getByRole("button", { name: "Insert sample milestone table" }).waitFor();
      times.push(performance.now() - started);
      await page.close();
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)] as number;
    return [{ what: `task pane: first render in the browser preview, Chromium (median of ${times.length})`, figure: `${ms.toFixed(0)} ms`, budget: "< 1000 ms", within: ms < 1000 }];
  } finally {
    await browser.close();
    await server.close();
  }
}
