import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

// Checks the production build that `npm test` makes before running jest (`npm run build`).

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { config: { productionUrl: string } };
const officeJsOrigin = "https://appsforoffice.microsoft.com";

const read = (file: string): string => readFileSync(path.join(dist, file), "utf8");

/** The URL webpack.config.js writes into the production manifest. */
function productionUrl(): string {
  const url = process.env.INTERIM_PUBLIC_URL || pkg.config.productionUrl;
  return url.endsWith("/") ? url : `${url}/`;
}

/** Every http(s) URL written anywhere in a text. */
const urlsIn = (text: string): string[] => text.match(/https?:\/\/[^\s"'<>`)]+/g) ?? [];

/** The src and href attribute values of an HTML page. */
const linksIn = (html: string): string[] =>
  [...html.matchAll(/\s(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");

beforeAll(() => {
  if (!existsSync(path.join(dist, "manifest.xml"))) {
    throw new Error("dist/ holds no build: run `npm run build` first (npm test does).");
  }
});

describe("production build", () => {
  it("is a production build: no local office.js copy", () => {
    expect(existsSync(path.join(dist, "office-js"))).toBe(false);
  });

  it.each(["taskpane.html"])("%s loads office.js from Microsoft's CDN and the rest locally", (page) => {
    const html = read(page);
    const links = linksIn(html);
    expect(links).toContain(`${officeJsOrigin}/lib/1/hosted/office.js`);
    expect(links).toContain("functions.js");
    for (const link of links) {
      const relative = !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith("//");
      expect({ link, allowed: relative || link.startsWith(`${officeJsOrigin}/`) }).toEqual({ link, allowed: true });
      if (relative) expect({ link, exists: existsSync(path.join(dist, link)) }).toEqual({ link, exists: true });
    }
    expect(urlsIn(html).filter((url) => !url.startsWith(officeJsOrigin))).toEqual([]);
  });

  it("runs the task pane and the custom functions in the same page (shared runtime)", () => {
    const links = linksIn(read("taskpane.html"));
    expect(links).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
  });

  it("loads one webpack runtime before the functions and the task pane, so they share module state", () => {
    const scripts = linksIn(read("taskpane.html")).filter((link) => link.endsWith(".js"));
    expect(scripts).toEqual([`${officeJsOrigin}/lib/1/hosted/office.js`, "runtime.js", "functions.js", "taskpane.js"]);
  });

  it("builds the browser preview apart, in dist/preview, loading only its own script", () => {
    const html = read("preview/index.html");
    const links = linksIn(html);
    expect(links).toEqual(["assets/icon-32.png", "preview.js"]);
    for (const link of links) expect({ link, exists: existsSync(path.join(dist, "preview", link)) }).toEqual({ link, exists: true });
    // The CSP names the office.js CDN (one template for all pages), but nothing loads from it.
    expect(urlsIn(html).filter((url) => !url.startsWith(officeJsOrigin))).toEqual([]);
  });

  it("serves the PDF export's fonts beside the pages, never from a CDN", () => {
    for (const folder of [".", "preview"]) {
      expect(existsSync(path.join(dist, folder, "fonts", "NotoSans-Regular.ttf"))).toBe(true);
    }
  });

  const functionIds = ["EARNED", "DUE", "RETENTION", "BALANCE", "TAX", "ROUND", "INVOICE", "SUMMARY", "WIP", "OUTSTANDING", "AGING"];
  const spilledIds = ["INVOICE", "SUMMARY", "WIP", "AGING"];

  it("associates every INTERIM function with its implementation", () => {
    const script = read("functions.js");
    for (const id of functionIds) expect(script).toMatch(new RegExp(`CustomFunctions\\.associate\\("${id}",`));
  });

  interface Parameter {
    name: string;
    description: string;
    type: string;
    optional?: boolean;
    dimensionality?: string;
  }
  interface FunctionMetadata {
    id: string;
    name: string;
    description: string;
    parameters: Parameter[];
    result: { type?: string; dimensionality?: string };
  }
  const metadata = (): FunctionMetadata[] => (JSON.parse(read("functions.json")) as { functions: FunctionMetadata[] }).functions;
  const signature = (f: FunctionMetadata): string =>
    `${f.name}(${f.parameters.map((p) => `${p.optional === true ? "[" : ""}${p.name}${p.dimensionality === "matrix" ? "[][]" : ""}${p.optional === true ? "]" : ""}`).join(", ")})`;

  it("generates functions.json from the JSDoc: every function with its parameters in order", () => {
    expect(metadata().map(signature)).toEqual([
      "EARNED(scheduledValue, percentComplete, [storedMaterials], [currency])",
      "DUE(scheduledValue, percentComplete, previouslyCompleted, [retentionRate], [currency])",
      "RETENTION(workToDate, rate, [storedMaterials], [storedRate], [currency])",
      "BALANCE(scheduledValue, percentComplete, [storedMaterials])",
      "TAX(base, rate, [currency])",
      "ROUND(amount, [currency], [mode])",
      "INVOICE(milestones[][], [retentionRate], [currency])",
      "SUMMARY(milestones[][], [retentionRate], [previousCertificates], [currency])",
      "WIP(milestones[][], [billedToDate], [certifiedToDate], [currency])",
      "OUTSTANDING(invoices[][], payments[][], [asOf], [document])",
      "AGING(invoices[][], payments[][], [asOf], [paymentTermsDays])",
    ]);
    expect(metadata().map((f) => f.id)).toEqual(functionIds);
  });

  it("gives every function and parameter the help text Excel's autocomplete shows", () => {
    for (const f of metadata()) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(5);
    }
  });

  it("spills INVOICE, SUMMARY, WIP and AGING as matrices and returns numbers from the rest", () => {
    for (const f of metadata()) {
      const spilled = spilledIds.includes(f.id);
      expect(f.result).toEqual(spilled ? { dimensionality: "matrix" } : { type: "number" });
      const currency = f.parameters.find((p) => p.name === "currency");
      if (currency !== undefined) expect(currency).toMatchObject({ type: "string", optional: true });
    }
  });

  it("writes a manifest that points at the production URL only", () => {
    const manifest = read("manifest.xml");
    expect(manifest).toContain(`${productionUrl()}taskpane.html`);
    expect(manifest).not.toMatch(/localhost/i);
    const urls = urlsIn(manifest).filter((url) => !url.startsWith("http://schemas.microsoft.com/") && !url.startsWith("http://www.w3.org/"));
    expect(urls.filter((url) => !url.startsWith(productionUrl()))).toEqual([]);
  });

  it("ships the support page that the manifest names, with nothing loaded from elsewhere", () => {
    expect(read("manifest.xml")).toContain(`<SupportUrl DefaultValue="${productionUrl()}support.html"/>`);
    const page = read("support.html");
    expect(page).toContain("<title>Interim: help</title>");
    expect(linksIn(page).filter((link) => !link.startsWith("#"))).toEqual([]);
  });

  it("warns, naming INTERIM_PUBLIC_URL, when the manifest would point at package.json's placeholder", () => {
    // webpack.config.js is CommonJS, as webpack loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../webpack.config.js") as {
      placeholderUrlWarning: (env: Record<string, string | undefined>) => string | undefined;
      PlaceholderUrlWarningPlugin: new () => { apply(compiler: object): void };
    };
    expect(config.placeholderUrlWarning({})).toMatch(new RegExp(`points at ${pkg.config.productionUrl}.*INTERIM_PUBLIC_URL=https://`, "s"));
    expect(config.placeholderUrlWarning({ INTERIM_PUBLIC_URL: "https://intranet.example.com/interim/" })).toBeUndefined();
    // The plugin puts it among the build's warnings, which webpack prints.
    const compilation = { warnings: [] as Error[] };
    const saved = process.env.INTERIM_PUBLIC_URL;
    delete process.env.INTERIM_PUBLIC_URL;
    try {
      new config.PlaceholderUrlWarningPlugin().apply({ hooks: { thisCompilation: { tap: (_: string, run: (c: object) => void) => run(compilation) } } });
    } finally {
      if (saved !== undefined) process.env.INTERIM_PUBLIC_URL = saved;
    }
    expect(compilation.warnings.map((warning) => warning.message)).toEqual([config.placeholderUrlWarning({})]);
  });

  it("copies the icons", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const icon = `assets/icon-${size}.png`;
      expect(readFileSync(path.join(dist, icon)).equals(readFileSync(path.join(root, icon)))).toBe(true);
    }
  });

  it("builds an executable CLI that runs without node_modules", () => {
    const cli = path.join(dist, "cli", "interim.js");
    expect(readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    if (process.platform !== "win32") expect(statSync(cli).mode & 0o111).toBe(0o111);

    const alone = mkdtempSync(path.join(tmpdir(), "interim-cli-"));
    try {
      copyFileSync(cli, path.join(alone, "interim.js"));
      const run = spawnSync(process.execPath, [path.join(alone, "interim.js"), "--help"], {
        cwd: alone,
        input: "",
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(run.error).toBeUndefined();
      expect(run.stderr).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  // Sizes are stable from build to build, so their budgets are checked here; timings are only
  // reported by npm run bench. The pane lays out the invoice sheet it previews, in the contract's
  // document language: i18next and the six catalogs (about 22 KB gzip) are in its first load, and
  // so is the pane's own English text, whole (about 8 KB gzip), the fallback of every language (decision 0035).
  it.each([
    ["taskpane.js", 290],
    ["functions.js", 60],
  ])("keeps %s within its size budget (%i KB gzip)", (file, budgetKb) => {
    const gzipKb = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;
    expect(gzipKb).toBeLessThan(budgetKb);
  });
});
