import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { type PreviewSession, artifacts, axeViolations, openPreview, overflow, root, startPreview } from "./preview-page";

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

/** The README's example exports: November, then December (which repeats an entry of November and holds a late one). */
const example = (month: string): string => path.join(root, "examples", "timesheets", `harvest-2026-${month}.csv`);
const SAMPLE = "Insert sample billed from a timesheet";

const T1 = "T1 — Data migration support (time and materials, capped)";
/** The export's project and tasks, each offered a line the first time. */
const TASKS = ["Contoso data migration / Migration", "Contoso data migration / Project management"];

/** The preview's amount this period on a line, by its id. */
const thisPeriod = (pane: Locator, id: string) => pane.getByRole("rowheader", { name: new RegExp(`^${id} `) }).locator("xpath=following-sibling::td[1]");

/** How a person works the pane: with the mouse, or with the keyboard alone. */
type Hands = "mouse" | "keyboard";

async function activate(control: Locator, hands: Hands): Promise<void> {
  if (hands === "mouse") return control.click();
  await control.focus();
  await control.press("Enter");
}

/** November chosen as the period, the import panel open with November's export chosen, and each of its tasks mapped to T1. */
async function mapNovemberToT1(page: Page, hands: Hands): Promise<Locator> {
  const pane = page.getByTestId("pane");
  await pane.getByLabel("Invoice date").fill("2026-11-30");
  await pane.getByLabel("Period end").fill("2026-11-30");
  await thisPeriod(pane, "T1").filter({ hasText: "€0.00" }).waitFor();

  await activate(pane.getByRole("button", { name: "Import timesheet" }), hands);
  await chooseFile(page, pane, example("11"), hands);
  await activate(pane.getByRole("button", { name: "Import harvest-2026-11.csv" }), hands);

  for (const task of TASKS) {
    const choice = pane.getByRole("combobox", { name: task });
    await activate(choice, hands);
    if (hands === "mouse") {
      await page.getByRole("option", { name: T1 }).click();
    } else {
      // Typing finds the option by its text, as in any list box.
      await page.keyboard.type("T1");
      await page.keyboard.press("Enter");
    }
    await choice.filter({ hasText: T1 }).waitFor();
  }
  return pane;
}

async function chooseFile(page: Page, pane: Locator, file: string, hands: Hands): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  // "Choose another file…" once a file was chosen.
  await activate(pane.getByRole("button", { name: /^Choose (CSV|another) file…$/ }), hands);
  await (await chooser).setFiles(file);
}

describe("Import timesheet in the preview, in Chromium", () => {
  it("the README's months: November imported and mapped, previewed and issued; December bills exactly its new hours", async () => {
    const { page, seen } = await openPreview(session, undefined, SAMPLE);
    const pane = await mapNovemberToT1(page, "mouse");
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
    await section.getByText(/Imported 6 entries from harvest-2026-11\.csv \(Harvest\): T1 31 h\./).waitFor();
    // Worked by hand: 27 h at the consultant's 115.00 and 3 h at the senior consultant's 140.00 (the
    // Rates table); the hour of project management is not billable: 3,105.00 + 420.00 = 3,525.00.
    await thisPeriod(pane, "T1").filter({ hasText: "€3,525.00" }).waitFor();
    await pane.screenshot({ path: path.join(artifacts, "pane-timesheet-imported.png") });
    await pane.getByRole("button", { name: "Generate invoice INV-0001" }).click();
    await pane.getByText("INV-0001 issued", { exact: true }).waitFor();

    await chooseFile(page, pane, example("12"), "mouse");
    await pane.getByRole("button", { name: "Import harvest-2026-12.csv" }).click();
    // One entry of the export was imported in November: 5 of its 6 are new, and no project asks for a line again.
    await section.getByText(/Imported 5 entries from harvest-2026-12\.csv \(Harvest\): T1 22\.5 h/).waitFor();
    await pane.getByLabel("Invoice date").fill("2026-12-31");
    await pane.getByLabel("Period end").fill("2026-12-31");
    // The late 4 h of 27 November at November's 115.00 = 460.00, December's 15.5 h at 120.00 = 1,860.00
    // and 2 h at 140.00 = 280.00: 2,600.00, and nothing on the lines whose progress did not move.
    await thisPeriod(pane, "T1").filter({ hasText: "€2,600.00" }).waitFor();
    await thisPeriod(pane, "M1").filter({ hasText: "€0.00" }).waitFor();
    await expect(overflow(pane)).resolves.toBe(0);
    await page.screenshot({ path: path.join(artifacts, "preview-timesheet-december.png") });

    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it("maps the projects with the keyboard alone, with no serious accessibility violations in dark", async () => {
    const { page, seen } = await openPreview(session, "dark", SAMPLE);
    const pane = await mapNovemberToT1(page, "keyboard");
    await expect(axeViolations(page)).resolves.toEqual([]);
    await pane.getByRole("region", { name: "Import timesheet" }).screenshot({ path: path.join(artifacts, "pane-timesheet-mapping-dark.png") });
    expect(seen.errors).toEqual([]);
  });
});
