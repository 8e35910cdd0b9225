import type { IssuedInvoice } from "../../src/core";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState, findSheet, setCell } from "../../src/workbook/memory-workbook";
import { issueAdvanceInvoice } from "../../src/workbook/plan-advance-invoice";
import { NAMES, type CellValue, type WorkbookPort } from "../../src/workbook/port";
import { SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";

/**
 * A German construction contract of 300,000.00 (EUR, VAT 19 %, retention 5 %) with an advance of
 * 30,000.00, recovered at 10 % of each application's gross once a tenth of the contract is
 * certified: the worked example of test/core/worked/advance-and-final-invoices.test.ts, billed
 * from a workbook. The parties hold what Peppol between German parties and XRechnung ask for.
 */
export const ADVANCE_MILESTONES: CellValue[][] = [
  ["Id", "Description", "Scheduled value", "% complete"],
  ["A", "Foundations", 123456.78, 0],
  ["B", "Structure", 98765.43, 0],
  ["C", "Finishes", 77777.79, 0],
];

export const ADVANCE_SETTINGS: Record<string, CellValue> = {
  ...SAMPLE_SETTINGS,
  "Supplier name": "Bau Nord GmbH",
  "Supplier street": "Leopoldstraße 1",
  "Supplier city": "München",
  "Supplier post code": "80802",
  "Supplier country": "DE",
  "Supplier tax id": "DE987654321",
  "Supplier electronic address": "DE987654321",
  "Supplier electronic address scheme": "9930",
  "Supplier contact name": "Eva Bauer",
  "Supplier contact phone": "+49 89 1234567",
  "Supplier contact email": "rechnung@baunord.example",
  "Supplier IBAN": "DE89 3704 0044 0532 0130 00",
  "Supplier BIC": "COBADEFFXXX",
  "Client name": "Hafen Logistik AG",
  "Client tax id": "DE123456789",
  "Client electronic address": "DE123456789",
  "Buyer reference": "04011000-12345-34",
  "Contract reference": "BV-2026-07",
  "Purchase order": "",
  "Retention rate": 0.05,
  "Tax rate": 0.19,
  "Advance payment": 30000,
  "Advance recovery rate": 0.1,
  "Payment terms": "Zahlbar innerhalb von 30 Tagen ohne Abzug.",
};

/** Creates the contract in an empty workbook: its milestone table, its settings and an empty billing log. */
export async function advanceContract(port: WorkbookPort, settings: Record<string, CellValue> = {}): Promise<void> {
  await port.createMilestoneTable(NAMES.milestones, NAMES.milestones, ADVANCE_MILESTONES);
  await port.writeSettings(settingsRows({ ...ADVANCE_SETTINGS, ...settings }), true);
  await port.createBillingLog("EUR");
}

/** The % complete of each line after each progress invoice of the worked example, and the invoices' dates. */
export const PROGRESS: { date: string; percent: Record<"A" | "B" | "C", number> }[] = [
  { date: "2026-08-31", percent: { A: 1, B: 0, C: 0 } },
  { date: "2026-09-30", percent: { A: 1, B: 0.6, C: 0 } },
  { date: "2026-10-31", percent: { A: 1, B: 1, C: 0.5 } },
];
export const FINAL = { date: "2026-11-30", percent: { A: 1, B: 1, C: 1 } };
export const ADVANCE_DATE = "2026-07-01";

/** The worked example's German supplier moved to Lyon: a French supplier, for French law's mentions (decision 0037). */
export const SUPPLIER_IN_LYON: Readonly<Record<string, CellValue>> = {
  "Supplier name": "Bâtiments du Rhône SAS",
  "Supplier street": "12 quai Saint-Antoine",
  "Supplier city": "Lyon",
  "Supplier post code": "69002",
  "Supplier country": "FR",
  // SIREN 303265045 (Luhn), key 40 = (12 + 3 × (SIREN mod 97)) mod 97.
  "Supplier tax id": "FR40303265045",
  "Supplier electronic address": "FR40303265045",
  "Supplier electronic address scheme": "9957",
  "Supplier IBAN": "FR14 2004 1010 0505 0001 3M02 606",
  "Supplier BIC": "PSSTFRPPLIL",
};

/** The worked example issued through an in-memory workbook: the advance invoice, the three progress invoices and the final invoice. */
export async function issueWorkedExample(settings: Record<string, CellValue> = {}): Promise<{ workbook: MemoryWorkbook; documents: IssuedInvoice[] }> {
  const workbook = new MemoryWorkbook(emptyState());
  await advanceContract(workbook, settings);
  const advance = await issueAdvanceInvoice(workbook, { date: ADVANCE_DATE });
  if (!advance.ok) throw new Error(JSON.stringify(advance.problems, null, 2));
  const documents = [advance.issued];
  for (const step of [...PROGRESS, FINAL]) {
    for (const [id, percent] of Object.entries(step.percent)) setCellOfLine(workbook, id, percent);
    const outcome = await generateInvoice(workbook, { invoiceDate: step.date, final: step === FINAL });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
    documents.push(outcome.issued);
  }
  return { workbook, documents };
}

/** A line's % complete, typed into the milestone table. */
function setCellOfLine(workbook: MemoryWorkbook, id: string, percent: number): void {
  const sheet = findSheet(workbook.state, NAMES.milestones);
  const row = sheet?.cells.findIndex((cells) => cells[0] === id) ?? -1;
  if (sheet === undefined || row < 0) throw new Error(`no line ${id}`);
  setCell(sheet, row, 3, percent);
}
