import type { IssuedInvoice } from "../../src/core";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState } from "../../src/workbook/memory-workbook";
import { NAMES, type CellValue } from "../../src/workbook/port";
import { SAMPLE_MILESTONES, SAMPLE_SETTINGS, settingsRows } from "../../src/workbook/sample";
import { addMilestoneColumn, sampleWorkbook, setMilestone, setSetting } from "../workbook/helpers";
import { FEBRUARY, JANUARY, appendRows, contract } from "../support/timesheet-contract";

/** Issued invoices made the way the add-in makes them: the sample workbook, then Generate. */

async function issue(workbook: MemoryWorkbook, invoiceDate: string, draft = false): Promise<IssuedInvoice> {
  const outcome = await generateInvoice(workbook, { invoiceDate, ...(draft ? { draft: true } : {}) });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
  return outcome.issued;
}

/** INV-0001 of the sample contract (EUR, retention 5 %, VAT 19 % and 9 %): total due 94999.75. */
export async function firstInvoice(): Promise<IssuedInvoice> {
  return issue(await sampleWorkbook(), "2026-09-30");
}

/** INV-0003: the third period, retention released in full; INV-0001 and INV-0002 precede it. */
export async function thirdInvoice(): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  await issue(workbook, "2026-09-30");
  for (const [id, value] of [["M2", 1], ["M3", 0.6], ["M4", 0.2], ["CO1", 1]] as const) setMilestone(workbook.state, id, "% complete", value);
  setMilestone(workbook.state, "T1", "Hours to date", 80);
  await issue(workbook, "2026-10-31");
  for (const id of ["M3", "M4", "M5"]) setMilestone(workbook.state, id, "% complete", 1);
  setMilestone(workbook.state, "T1", "Hours to date", 120);
  setSetting(workbook.state, "Release retention on next invoice", "all");
  return issue(workbook, "2026-11-30");
}

/**
 * INV-0001 of the sample (M3 made capped too, within its cap), its time line T1 capped with 140 hours at 115.00
 * worked: 16100.00, of which its 15000.00 is billed and 1100.00 is worked but not billed.
 */
export async function cappedInvoice(): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  setMilestone(workbook.state, "M3", "Capped", "yes");
  setMilestone(workbook.state, "T1", "Hours to date", 140);
  return issue(workbook, "2026-09-30");
}

/**
 * The consultancy's contract billed from its timesheet (test/support/timesheet-contract.ts), its
 * development line D1 capped at 1500.00, and the January and February invoices.
 * January: D1 worked 1653.75 in 15.75 h by date: Ana 8 h × 110 = 880.00 (12th), Carl 6.25 h × 95
 * = 593.75 (13th), Carl 1.5 h × 120 typed on the entry = 180.00 (20th); it bills 1500.00, and the
 * 153.75 not billed is 153.75 / 180 of the 20th's 1.5 h: 1.28125, 1.28 h. A1 bills 10.5 h at
 * 1000 a day of 8 h, 1312.50. February: D1 bills nothing more; 1583.75 is not billed, the
 * 1.28125 h and the 14 h since (the late 2 h of January, Ana's 4 h, Carl's 8 h): 15.28 h.
 * The workbook holds both invoice sheets.
 */
export async function cappedTimesheetInvoices(): Promise<{ january: IssuedInvoice; february: IssuedInvoice; workbook: MemoryWorkbook }> {
  const workbook = new MemoryWorkbook(emptyState());
  await contract(workbook, JANUARY);
  addMilestoneColumn(workbook.state, "Capped", { D1: "yes" });
  setMilestone(workbook.state, "D1", "Scheduled value", 1500);
  const issueAt = async (date: string): Promise<IssuedInvoice> => {
    const outcome = await generateInvoice(workbook, { invoiceDate: date, periodEnd: date });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems, null, 2));
    return outcome.issued;
  };
  const january = await issueAt("2027-01-31");
  appendRows(workbook, NAMES.timesheetTable, FEBRUARY);
  return { january, february: await issueAt("2027-02-28"), workbook };
}

/** The second period of a contract with an advance payment of 30000 recovered at 25 %. */
export async function invoiceWithAdvance(): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  setSetting(workbook.state, "Advance payment", 30000);
  await issue(workbook, "2026-09-30");
  for (const [id, value] of [["M2", 1], ["M3", 0.6]] as const) setMilestone(workbook.state, id, "% complete", value);
  return issue(workbook, "2026-10-31");
}

/** Names and descriptions in many scripts, and text that tries to be a formula or markup. */
export const HOSTILE = {
  supplierName: "Société Générale de Bâtiment Čapek & Fils",
  supplierAddress: "=HYPERLINK(\"http://x\";\"click\"), 3 rue <Molière> & \"Co\", 75001 Paris, France",
  clientName: "北京建设工程有限公司 (東京支店) あいう",
  clientAddress: "אבי כהן בע\"מ, רחוב הרצל 12, תל אביב",
  contractReference: "+CT-2026/014 'quoted'",
  purchaseOrder: "@PO\t88412",
  arabicDescription: "أعمال الخرسانة المسلحة",
  cjkDescription: "钢结构安装 (鋼構造)",
  controlDescription: "Bell\u0007 and form feed\u000C, escape\u001B, line\nbreak, carriage\rreturn",
  formulaDescription: "-2+3+cmd|' /C calc'!A0",
};

export async function unicodeInvoice(): Promise<IssuedInvoice> {
  const workbook = await sampleWorkbook();
  setSetting(workbook.state, "Supplier name", HOSTILE.supplierName);
  setSetting(workbook.state, "Supplier address", HOSTILE.supplierAddress);
  setSetting(workbook.state, "Client name", HOSTILE.clientName);
  setSetting(workbook.state, "Client address", HOSTILE.clientAddress);
  // As an older workbook holds them: the one-text addresses print while the structured rows are blank.
  for (const who of ["Supplier", "Client"]) for (const row of ["street", "city", "post code"]) setSetting(workbook.state, `${who} ${row}`, null);
  setSetting(workbook.state, "Contract reference", HOSTILE.contractReference);
  setSetting(workbook.state, "Purchase order", HOSTILE.purchaseOrder);
  setMilestone(workbook.state, "M1", "Description", HOSTILE.arabicDescription);
  setMilestone(workbook.state, "M2", "Description", HOSTILE.cjkDescription);
  setMilestone(workbook.state, "M3", "Description", HOSTILE.controlDescription);
  setMilestone(workbook.state, "M4", "Description", HOSTILE.formulaDescription);
  return issue(workbook, "2026-09-30");
}

/** A contract of `count` lines in the sample's settings, the first period billed. */
export async function longInvoice(count: number): Promise<IssuedInvoice> {
  const workbook = new MemoryWorkbook();
  const rows: CellValue[][] = [SAMPLE_MILESTONES[0]!];
  for (let i = 1; i <= count; i++) {
    rows.push([`L${String(i).padStart(3, "0")}`, `Work package ${i}: supply and install, floor ${1 + (i % 12)}`, 1000 + 37 * i, (i % 10) / 10, null, null, null, i % 25 === 0 ? "yes" : "no", null]);
  }
  await workbook.createMilestoneTable(NAMES.milestones, NAMES.milestones, rows);
  await workbook.writeSettings(settingsRows(SAMPLE_SETTINGS), true);
  return issue(workbook, "2026-09-30");
}

/** A credit note cancelling an invoice: its figures are the ones it credits. */
export function creditNoteOf(invoice: IssuedInvoice): IssuedInvoice {
  return { ...invoice, number: "CN-0001", kind: "credit note", credits: invoice.number, invoiceTypeCode: "381", precedingInvoices: [] };
}

/** A draft of the first period, as Generate makes it with the draft option. */
export async function draftInvoice(): Promise<IssuedInvoice> {
  return issue(await sampleWorkbook(), "2026-09-30", true);
}

/** An ideograph outside the BMP (a surrogate pair) that Noto Sans SC has: pdftotext reads it back. */
export const ASTRAL_IDEOGRAPH = "𠂉";
/** A family (ZWJ sequence), a skin tone, a flag, the ideograph, a face. */
const EMOJI = ["👨‍👩‍👧", "👍🏽", "🇩🇪", ASTRAL_IDEOGRAPH, "😀"];

/** `count` graphemes of emoji without a space: nowhere to break a line but between graphemes. */
export function emojiText(count: number): string {
  return Array.from({ length: count }, (_, i) => EMOJI[i % EMOJI.length]).join("");
}

/** `count` Chinese ideographs without a space, as Chinese is written. */
export function cjkText(count: number): string {
  return Array.from({ length: count }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 37) % 5000))).join("");
}

/** INV-0001 with `description` as the description of its first line. */
export async function invoiceWithDescription(description: string): Promise<IssuedInvoice> {
  const invoice = await firstInvoice();
  const lines = invoice.result.lines.map((line, i) => (i === 0 ? { ...line, description } : line));
  return { ...invoice, result: { ...invoice.result, lines } };
}
