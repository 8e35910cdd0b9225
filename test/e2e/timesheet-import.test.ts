import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { type PreviewSession, artifacts, axeViolations, openPreview, overflow, root, startPreview, typeInto } from "./preview-page";

// Import timesheet in the built preview, in Chromium: a Harvest export chosen through the file
// picker, its project mapped to the sample's time-and-materials line T1, and the hours, once
// priced, become T1's amount this period.

jest.setTimeout(120_000);

let session: PreviewSession;

beforeAll(async () => {
  session = await startPreview();
});

afterAll(async () => {
  await session?.close();
});

/** November on the data migration, as Harvest's detailed time report exports it (dates month first). */
const HARVEST = [
  "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,Last Name,Roles",
  "11/03/2026,Contoso Logistics,ERP migration,ERP,Data migration,Mapping workshop,6,Yes,No,Ana,Silva,Analyst",
  "11/10/2026,Contoso Logistics,ERP migration,ERP,Data migration,Load scripts,7.5,Yes,No,Ben,Okafor,Analyst",
  '11/17/2026,Contoso Logistics,ERP migration,ERP,Data migration,"Load test, second run",3.25,Yes,No,Ben,Okafor,Analyst',
].join("\r\n");

const T1 = "T1 — Data migration support (time and materials, capped)";

/** The preview's amount this period on a line, by its id. */
const thisPeriod = (pane: Locator, id: string) => pane.getByRole("rowheader", { name: new RegExp(`^${id} `) }).locator("xpath=following-sibling::td[1]");

/** How a person works the pane: with the mouse, or with the keyboard alone. */
type Hands = "mouse" | "keyboard";

async function activate(control: Locator, hands: Hands): Promise<void> {
  if (hands === "mouse") return control.click();
  await control.focus();
  await control.press("Enter");
}

/**
 * The sample's T1 moved to the timesheet (its typed hours and rate cleared), November chosen as
 * the period, and the import panel open with the Harvest file chosen and its project mapped to T1.
 */
async function mapHarvestToT1(page: Page, hands: Hands): Promise<Locator> {
  const pane = page.getByTestId("pane");
  await typeInto(page, "Milestones!E7", "");
  await typeInto(page, "Milestones!F7", "");
  await pane.getByLabel("Invoice date").fill("2026-11-30");
  await pane.getByLabel("Period end").fill("2026-11-30");
  await thisPeriod(pane, "T1").filter({ hasText: "€0.00" }).waitFor();

  await activate(pane.getByRole("button", { name: "Import timesheet" }), hands);
  const chooser = page.waitForEvent("filechooser");
  await activate(pane.getByRole("button", { name: "Choose CSV file…" }), hands);
  await (await chooser).setFiles({ name: "harvest-2026-11.csv", mimeType: "text/csv", buffer: Buffer.from(HARVEST) });
  await activate(pane.getByRole("button", { name: "Import harvest-2026-11.csv" }), hands);

  const choice = pane.getByRole("combobox", { name: "ERP migration / Data migration" });
  await activate(choice, hands);
  if (hands === "mouse") {
    await page.getByRole("option", { name: T1 }).click();
  } else {
    // Typing finds the option by its text, as in any list box.
    await page.keyboard.type("T1");
    await page.keyboard.press("Enter");
  }
  await choice.filter({ hasText: T1 }).waitFor();
  return pane;
}

describe("Import timesheet in the preview, in Chromium", () => {
  it("maps a Harvest export's project to T1, imports it, and the preview bills its hours at the rate typed", async () => {
    const { page, seen } = await openPreview(session);
    const pane = await mapHarvestToT1(page, "mouse");
    await expect(overflow(pane)).resolves.toBe(0);
    await expect(axeViolations(page)).resolves.toEqual([]);
    const section = pane.getByRole("region", { name: "Import timesheet" });
    // The pane as tall as its content, so that the picture needs no scrolling: from the buttons
    // beside which Import timesheet opens to the end of the panel.
    await page.setViewportSize({ width: 1280, height: await pane.evaluate((element) => element.scrollHeight) });
    const top = (await pane.getByRole("button", { name: "Generate invoice INV-0001" }).boundingBox())?.y ?? 0;
    const bottom = await section.boundingBox().then((box) => (box === null ? 0 : box.y + box.height));
    const picture = { x: 0, y: top - 12, width: 320, height: bottom - top + 24 };
    await page.screenshot({ path: path.join(artifacts, "pane-timesheet-mapping.png"), clip: picture });
    // The README's picture, made again when asked for: INTERIM_DOC_IMAGES=1 npx jest test/e2e.
    if (process.env.INTERIM_DOC_IMAGES === "1") await page.screenshot({ path: path.join(root, "docs", "images", "timesheet-import.png"), clip: picture });

    await pane.getByRole("button", { name: "Import harvest-2026-11.csv" }).click();
    const imported = "Imported 3 entries from harvest-2026-11.csv (Harvest): T1 16.75 h. The mapping is kept on the Timesheet mapping sheet.";
    await section.getByText(imported).waitFor();
    await expect(page.getByRole("status").textContent()).resolves.toBe(imported);

    // The sample has no Rates table: the entries are priced by a rate of their own, typed into
    // the Timesheet table's Rate column (F) as a person would in Excel.
    await pane.getByRole("button", { name: "Open sheet" }).click();
    await page.getByRole("heading", { name: "Workbook: Timesheet" }).waitFor();
    for (const row of [2, 3, 4]) await typeInto(page, `Timesheet!F${row}`, "115");
    // Worked by hand: 6 + 7.5 + 3.25 = 16.75 h at 115.00 = 1,926.25.
    await thisPeriod(pane, "T1").filter({ hasText: "€1,926.25" }).waitFor();
    await expect(overflow(pane)).resolves.toBe(0);
    await pane.screenshot({ path: path.join(artifacts, "pane-timesheet-imported.png") });
    await page.screenshot({ path: path.join(artifacts, "preview-timesheet-imported.png") });

    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it("maps the project with the keyboard alone, with no serious accessibility violations in dark", async () => {
    const { page, seen } = await openPreview(session, "dark");
    const pane = await mapHarvestToT1(page, "keyboard");
    await expect(axeViolations(page)).resolves.toEqual([]);
    await pane.getByRole("region", { name: "Import timesheet" }).screenshot({ path: path.join(artifacts, "pane-timesheet-mapping-dark.png") });
    expect(seen.errors).toEqual([]);
  });
});
