import { readFileSync } from "node:fs";
import path from "node:path";
import { computeInvoice } from "../../src/core";
import { toCsv } from "../../src/export/csv-exporter";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { sampleWorkbook, setMilestone } from "../workbook/helpers";

const dist = path.resolve(__dirname, "../../dist");

/** The directives of the Content-Security-Policy of a built page. */
function policyOf(page: string): Map<string, string[]> {
  const html = readFileSync(path.join(dist, page), "utf8");
  const content = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1];
  if (content === undefined) throw new Error(`${page} has no Content-Security-Policy`);
  return new Map(content.split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values]));
}

describe("the add-in's surface", () => {
  test.each(["taskpane.html", "download.html", "preview/index.html"])("%s allows only itself and Microsoft's office.js CDN", (page) => {
    const policy = policyOf(page);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    for (const [, values] of policy) {
      expect(values).not.toContain("'unsafe-eval'");
      for (const value of values) if (value.startsWith("http")) expect(value).toBe("https://appsforoffice.microsoft.com");
    }
  });
});

describe("very long and hostile strings", () => {
  test("a 100,000-character description goes through the core; the workbook flow takes a cell's worth and refuses more at its cell", async () => {
    const long = `Très long — ${"x".repeat(100_000)} — fin`;
    const outcome = computeInvoice({ lines: [{ id: "1", description: long, scheduledValue: "100.00", percentComplete: "0.5" }] });
    expect(outcome.ok && outcome.result.lines[0]?.description).toBe(long);
    // An Excel cell holds at most 32,767 characters: the invoice sheet could not hold this one.
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M1", "Description", long);
    expect(await generateInvoice(workbook, { invoiceDate: "2026-09-30" })).toMatchObject({ ok: false, problems: [{ code: "TEXT_TOO_LONG", sheet: "Milestones" }] });
    const fits = `Très long — ${"x".repeat(32_000)} — fin`;
    setMilestone(workbook.state, "M1", "Description", fits);
    const issued = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    expect(issued.ok && issued.result.lines[0]?.description).toBe(fits);
  });

  test("a description that starts with a formula is neutralised in the CSV, but kept in the invoice", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M1", "Description", '=HYPERLINK("http://example.invalid","click")');
    const issued = await generateInvoice(workbook, { invoiceDate: "2026-09-30" });
    if (!issued.ok) throw new Error("no invoice");
    expect(issued.result.lines[0]?.description).toBe('=HYPERLINK("http://example.invalid","click")');
    const csv = toCsv(issued.issued);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
