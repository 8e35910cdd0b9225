import { toPdf } from "../../src/export/pdf/pdf-exporter";
import { generateInvoice } from "../../src/workbook/generate-invoice";
import { MemoryWorkbook, emptyState } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { FEBRUARY, JANUARY, appendRows, contract } from "../support/timesheet-contract";
import { fonts, pdfText, tempDir, writeTemp } from "./tools";

jest.setTimeout(60_000);

/** pdftotext's words joined by single spaces, so that wrapped and aligned text compares simply. */
const words = (text: string): string => text.replace(/\s+/g, " ");

test("the PDF of an invoice billed from the timesheet has its time appendix: each person's hours, rate and amount, the late entry said to be late", async () => {
  const workbook = new MemoryWorkbook(emptyState());
  await contract(workbook, JANUARY);
  expect(await generateInvoice(workbook, { invoiceDate: "2027-01-31", periodEnd: "2027-01-31" })).toMatchObject({ ok: true });
  appendRows(workbook, NAMES.timesheetTable, FEBRUARY);
  const february = await generateInvoice(workbook, { invoiceDate: "2027-02-28", periodEnd: "2027-02-28" });
  if (!february.ok) throw new Error(JSON.stringify(february.problems));
  const text = words(pdfText(writeTemp(tempDir("pdf-time"), "INV-0002.pdf", await toPdf(february.issued, { fonts, paper: "a4" }))));
  expect(text).toContain("Time this period Item Person (role) Hours Rate Per Amount");
  expect(text).toContain("A1 Ben Okafor (Architect) 4.00 1,000.00 day 500.00");
  expect(text).toContain("D1 Ana Silva (Developer) 4.00 110.00 hour 440.00");
  expect(text).toContain("D1 Carl Wu (Developer) 8.00 100.00 hour 800.00");
  expect(text).toMatch(/D1 Carl Wu \(Developer\), late: .*2\.00 95\.00 hour 190\.00/);
});
