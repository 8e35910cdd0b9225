import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { type PreviewSession, artifacts, axeViolations, openPreview as openPage, root, startPreview, typeInto as typeIntoCell } from "./preview-page";

// The built preview (`npm run build`, which npm test runs first) in Debian's Chromium: what a
// person clicks, end to end, with the real bundle and CSP.

jest.setTimeout(120_000);

let session: PreviewSession;

beforeAll(async () => {
  session = await startPreview();
});

afterAll(async () => {
  await session?.close();
});

const openPreview = (scheme?: "light" | "dark") => openPage(session, scheme);

/** Types into a cell of the milestone table as a person would, then Enter. */
const typeInto = (page: Page, cell: string, text: string) => typeIntoCell(page, `Milestones!${cell}`, text);

/** The value beside a label on the shown sheet: how a person reads a total off the grid. */
const besideLabel = (page: Page, label: string) => page.locator("td", { hasText: label }).locator("xpath=following-sibling::td[1]");

const sheetTabs = (page: Page) => page.getByRole("tablist", { name: "Sheets" }).getByRole("tab").allTextContents();

/** The value beside a label in the Finances tab's figures. */
const figure = (panel: Locator, label: string) => panel.getByRole("rowheader", { name: label, exact: true }).locator("xpath=following-sibling::td[1]");

describe("the task pane preview in Chromium", () => {
  it("inserts the sample, takes an edited percentage, generates once and shows the invoice's totals", async () => {
    const { page, seen } = await openPreview();
    const pane = page.getByTestId("pane");
    expect(await pane.evaluate((element) => element.getBoundingClientRect().width)).toBe(320);
    // Worked by hand in test/taskpane/app.test.tsx: the sample's first invoice is 94,999.75.
    await expect(page.getByTestId("preview-total-due").textContent()).resolves.toBe("€94,999.75");

    // M3 (Build and integration, 96,000) from 25 % to 50 %: 24,000 more work, 1,200 more
    // retention, 4,560 more tax at 19 %: total due 122,359.75.
    await typeInto(page, "D4", "50%");
    await page.getByTestId("preview-total-due").filter({ hasText: "€122,359.75" }).waitFor();
    await pane.screenshot({ path: path.join(artifacts, "pane-preview.png") });

    await page.getByRole("button", { name: "Generate invoice INV-0001" }).click();
    await pane.getByText("INV-0001 issued", { exact: true }).waitFor();
    await expect(page.getByRole("status").textContent()).resolves.toBe("INV-0001 issued. Amount due €122,359.75. Written to the sheet INV-0001 and the billing log.");
    await pane.screenshot({ path: path.join(artifacts, "pane-after-generate.png") });

    await page.getByRole("button", { name: "Open sheet" }).click();
    await page.getByRole("heading", { name: "Workbook: INV-0001 (protected)" }).waitFor();
    await expect(besideLabel(page, "4. Total completed and stored to date (G)").textContent()).resolves.toBe("109,087.50");
    await expect(besideLabel(page, "5. Total retention").textContent()).resolves.toBe("5,454.38");
    await expect(besideLabel(page, "8. Current payment due").textContent()).resolves.toBe("103,633.12");
    await expect(besideLabel(page, "Total due (EUR)").textContent()).resolves.toBe("122,359.75");
    await page.screenshot({ path: path.join(artifacts, "preview-after-generate.png") });

    // A second click the same day bills nothing: the period is already billed (on a month's last
    // day), or the days since bring no progress (on any other day).
    await page.getByRole("button", { name: /^Generate invoice/ }).click();
    await page.getByText("Nothing was written: fix these first").waitFor();
    await page.getByText(/The period ending .* is already billed: INV-0001 covers|Nothing was billed since INV-0001/).waitFor();
    expect(await sheetTabs(page)).toEqual(["Milestones", "Contract", "Billing log", "INV-0001"]);

    await pane.getByRole("tab", { name: "History" }).click();
    await pane.getByRole("row", { name: /INV-0001/ }).waitFor();
    await pane.screenshot({ path: path.join(artifacts, "pane-history.png") });

    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it("shows a bad percentage as a problem, writes nothing, and selecting it focuses the cell", async () => {
    const { page, seen } = await openPreview();
    await typeInto(page, "D3", "55");
    const select = page.getByRole("button", { name: "Select Milestones!D3" });
    await select.waitFor();
    await expect(page.getByRole("listitem").filter({ has: select }).textContent()).resolves.toMatch(/not 55\. Did you mean 55 %\?/);

    await page.getByRole("button", { name: "Generate invoice" }).click();
    await page.getByText("Nothing was written: fix these first").waitFor();
    expect(await sheetTabs(page)).toEqual(["Milestones", "Contract", "Billing log"]);

    const pane = page.getByTestId("pane");
    await pane.getByRole("tab", { name: "Contract" }).click();
    await pane.getByRole("tab", { name: "Invoice" }).click();
    await select.click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("Milestones!D3");
    await page.screenshot({ path: path.join(artifacts, "preview-problem.png") });

    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it("bills a chosen period, exports, and cancels the invoice with a credit note whose exports download too, all within 320 px", async () => {
    const { page, seen } = await openPreview();
    const pane = page.getByTestId("pane");
    /** Nothing in the pane is wider than the pane: no sideways scrolling at Excel's narrowest. */
    const overflow = () => pane.evaluate((element) => element.scrollWidth - element.clientWidth);

    await pane.getByLabel("Invoice date").fill("2026-03-31");
    await pane.getByLabel("Period end").fill("2026-03-15");
    await pane.getByText(/to 2026-03-15, dated 2026-03-31\.$/).waitFor();
    await expect(overflow()).resolves.toBe(0);
    await pane.screenshot({ path: path.join(artifacts, "pane-dates.png") });

    await pane.getByRole("button", { name: "Generate invoice INV-0001" }).click();
    await pane.getByText("INV-0001 issued", { exact: true }).waitFor();
    const csv = page.waitForEvent("download");
    await pane.getByRole("button", { name: "Export INV-0001 as CSV" }).click();
    expect((await csv).suggestedFilename()).toBe("INV-0001.csv");

    await pane.getByRole("button", { name: "Credit note: cancel INV-0001" }).click();
    await pane.getByLabel("Credit note date").waitFor();
    await expect(overflow()).resolves.toBe(0);
    await pane.screenshot({ path: path.join(artifacts, "pane-credit-note-confirm.png") });
    await pane.getByRole("button", { name: "Issue credit note for INV-0001" }).click();
    await pane.getByText("CN-0001 issued", { exact: true }).waitFor();
    const pdf = page.waitForEvent("download");
    await pane.getByRole("button", { name: "Export CN-0001 as PDF" }).click();
    const download = await pdf;
    expect(download.suggestedFilename()).toBe("CN-0001.pdf");
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await expect(overflow()).resolves.toBe(0);
    await pane.screenshot({ path: path.join(artifacts, "pane-after-credit-note.png") });
    expect(await sheetTabs(page)).toEqual(["Milestones", "Contract", "Billing log", "INV-0001", "CN-0001"]);

    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it("records a payment on the Finances tab and shows the outstanding fall, with its charts, within 320 px", async () => {
    const { page, seen } = await openPreview();
    const pane = page.getByTestId("pane");
    const overflow = () => pane.evaluate((element) => element.scrollWidth - element.clientWidth);
    await pane.getByRole("button", { name: "Generate invoice INV-0001" }).click();
    await pane.getByText("INV-0001 issued", { exact: true }).waitFor();

    await pane.getByRole("tab", { name: "Finances" }).click();
    const finances = pane.getByRole("tabpanel", { name: "Finances" });
    // The sample's first invoice, worked by hand in test/taskpane/app.test.tsx: 94,999.75, nothing paid yet.
    await expect(figure(finances, "Outstanding").textContent()).resolves.toBe("€94,999.75");
    await finances.getByRole("img", { name: /^Outstanding by days overdue: Not yet due €94,999\.75/ }).waitFor();
    await expect(finances.locator(".recharts-bar-rectangle").count()).resolves.toBeGreaterThan(0);

    await finances.getByRole("button", { name: "Record payment for INV-0001" }).click();
    const amount = finances.getByLabel("Amount (EUR)");
    await expect(amount.inputValue()).resolves.toBe("94999.75");
    await amount.fill("50000");
    await finances.getByLabel("Reference").fill("BANK-2026-001");
    await finances.getByRole("button", { name: "Record payment", exact: true }).click();
    await finances.getByText("€50,000.00 recorded against INV-0001. Outstanding on it now €44,999.75.").waitFor();
    await figure(finances, "Outstanding").filter({ hasText: "€44,999.75" }).waitFor();
    await expect(figure(finances, "Paid").textContent()).resolves.toBe("€50,000.00");
    expect(await sheetTabs(page)).toEqual(["Milestones", "Contract", "Billing log", "INV-0001", "Payments"]);
    await expect(overflow()).resolves.toBe(0);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // As tall as the pane's content, to show the whole tab in one picture.
    await page.setViewportSize({ width: 1280, height: await pane.evaluate((element) => element.scrollHeight) });
    // The pointer off the pane: a chart's tooltip would cover its bars.
    await page.mouse.move(1200, 10);
    await pane.screenshot({ path: path.join(artifacts, "pane-finances.png") });
    // The README's picture, made again when asked for: INTERIM_DOC_IMAGES=1 npx jest test/e2e.
    if (process.env.INTERIM_DOC_IMAGES === "1") await pane.screenshot({ path: path.join(root, "docs", "images", "finances.png") });
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);

    // The preview takes the browser's theme when it opens: the dark one is another page.
    const dark = await openPreview("dark");
    const darkPane = dark.page.getByTestId("pane");
    await darkPane.getByRole("button", { name: "Generate invoice INV-0001" }).click();
    await darkPane.getByText("INV-0001 issued", { exact: true }).waitFor();
    await darkPane.getByRole("tab", { name: "Finances" }).click();
    await darkPane.getByRole("img", { name: /^Outstanding by days overdue:/ }).waitFor();
    await expect(axeViolations(dark.page)).resolves.toEqual([]);
    await dark.page.setViewportSize({ width: 1280, height: await darkPane.evaluate((element) => element.scrollHeight) });
    await darkPane.screenshot({ path: path.join(artifacts, "pane-finances-dark.png") });
    expect(dark.seen.errors).toEqual([]);
  });

  it("has no serious accessibility violations (axe-core), in light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, seen } = await openPreview();
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await page.getByRole("button", { name: "Insert sample milestone table" }).click();
      await page.getByRole("heading", { name: "Next invoice: INV-0001" }).waitFor();
      const violations = await axeViolations(page);
      expect({ scheme, violations }).toEqual({ scheme, violations: [] });
      if (scheme === "dark") await page.getByTestId("pane").screenshot({ path: path.join(artifacts, "pane-dark.png") });
      expect(seen.external).toEqual([]);
      expect(seen.errors).toEqual([]);
    }
  });
});
