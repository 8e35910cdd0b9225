import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { launchBrowser, watchPage } from "./browser";
import { serveFolder } from "./static-server";

// What the browser tests share: the built preview (`npm run build`, which npm test runs first)
// served on localhost and opened in Debian's Chromium, with the sample inserted.

export const root = path.resolve(__dirname, "../..");
/** Screenshots for a person to look at; .tmp is not committed. */
export const artifacts = path.join(root, ".tmp", "e2e");

export interface PreviewSession {
  context: BrowserContext;
  url: string;
  close: () => Promise<void>;
}

/** Serves dist/preview and starts Chromium: once per test file. */
export async function startPreview(): Promise<PreviewSession> {
  const preview = path.join(root, "dist", "preview");
  if (!existsSync(path.join(preview, "index.html"))) throw new Error("dist/preview holds no build: run `npm run build` first (npm test does).");
  mkdirSync(artifacts, { recursive: true });
  const server = await serveFolder(preview);
  const browser = await launchBrowser().catch(async (error: unknown) => {
    // No session to close later: the server would keep jest from exiting.
    await server.close();
    throw error;
  });
  return {
    context: browser.context,
    url: server.url,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A new page of the preview, in the browser's light or dark scheme, with the sample inserted. */
export async function openPreview(
  session: PreviewSession, scheme?: "light" | "dark", sample = "Insert sample milestone table",
): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> {
  const page = await session.context.newPage();
  const seen = watchPage(page, session.url);
  if (scheme !== undefined) await page.emulateMedia({ colorScheme: scheme });
  await page.goto(session.url);
  await page.getByRole("button", { name: sample }).waitFor();
  await page.getByRole("button", { name: sample }).click();
  await page.getByRole("heading", { name: "Next invoice: INV-0001" }).waitFor();
  return { page, seen };
}

/** Types into a cell of the grid as a person would, then Enter; the cell as "Sheet!A1", on the sheet shown. */
export async function typeInto(page: Page, cell: string, text: string): Promise<void> {
  const input = page.getByRole("textbox", { name: cell, exact: true });
  await input.fill(text);
  await input.press("Enter");
}

/** How far the pane's content is wider than the pane: 0 when nothing scrolls sideways at Excel's narrowest. */
export const overflow = (pane: Locator): Promise<number> => pane.evaluate((element) => element.scrollWidth - element.clientWidth);

/** axe-core's serious and critical findings in the pane. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
    // Fluent's focus manager (tabster) places aria-hidden focus guards that hand focus on at
    // once; axe reports them as focusable hidden elements, which they are by design.
    const result = await run({ include: [["[data-testid=pane]"]], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
