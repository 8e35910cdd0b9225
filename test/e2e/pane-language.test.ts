import { existsSync } from "node:fs";
import path from "node:path";
import { launchBrowser, watchPage } from "./browser";
import { serveFolder } from "./static-server";

// The built preview in a German Chromium: the pane reads navigator.language, as it reads
// Office's display language in Excel, loads its German catalog from its own server, and shows
// its text and figures in German.

const preview = path.resolve(__dirname, "../..", "dist", "preview");

jest.setTimeout(120_000);

let server: Awaited<ReturnType<typeof serveFolder>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!existsSync(path.join(preview, "index.html"))) throw new Error("dist/preview holds no build: run `npm run build` first (npm test does).");
  server = await serveFolder(preview);
  browser = await launchBrowser("de-DE");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("shows a German browser the pane in German", async () => {
  const page = await browser.context.newPage();
  const seen = watchPage(page, server.url);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Beispiel-Meilensteintabelle einfügen" }).click();
  await page.getByRole("heading", { name: "Nächste Rechnung: INV-0001" }).waitFor();
  await page.getByRole("tab", { name: "Vertrag" }).waitFor();
  await page.getByRole("button", { name: "Rechnung INV-0001 erstellen" }).waitFor();
  // The sample's figure the English browser test reads as €94,999.75.
  expect(await page.getByTestId("preview-total-due").textContent()).toBe("94.999,75\u00a0€");
  expect(seen).toEqual({ errors: [], external: [] });
});
