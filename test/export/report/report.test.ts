import { mkdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildFinanceReport, reportFiles, toReportJson, toReportText } from "../../../src/export/report";
import { toReportCsv } from "../../../src/export/report/report-csv";
import { toReportPdf } from "../../../src/export/report/report-pdf";
import { toReportXlsx } from "../../../src/export/report/report-xlsx";
import { LibreOffice } from "../../cli/libreoffice";
import { fonts, parseCsv, pdfInfo, pdfText, tempDir, tool, writeTemp } from "../tools";
import { HOSTILE_CLIENT, HOSTILE_CONTRACT, contracts, threeContracts } from "./fixtures";

jest.setTimeout(180_000);

/** The totals of the fixtures, added up by hand. */
const EUR_TOTALS = {
  currency: "EUR", contracts: 2, contractSumToDate: "274500.00", billedToDate: "119087.50", certifiedToDate: "113133.12",
  invoicedToDate: "134259.75", paidToDate: "100000.00", outstanding: "34259.75", overdue: "34259.75",
  aging: { current: "0.00", "1-30": "22359.75", "31-60": "11900.00", "61-90": "0.00", "over-90": "0.00" },
  retentionHeld: "5954.38", advanceOutstanding: "0.00", estimatedCost: "190000.00", costToDate: "90000.00",
  earnedRevenue: "129766.67", overUnderBilling: "-10679.17", estimatedGrossProfit: "84500.00", grossProfitToDate: "39766.67",
};
const USD_TOTALS = {
  currency: "USD", contracts: 1, contractSumToDate: "80000.00", billedToDate: "20000.00", certifiedToDate: "19000.00",
  invoicedToDate: "19000.00", paidToDate: "19000.00", outstanding: "0.00", overdue: "0.00",
  aging: { current: "0.00", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00", "over-90": "0.00" },
  retentionHeld: "1000.00", advanceOutstanding: "0.00", estimatedCost: null, costToDate: "0.00",
  earnedRevenue: null, overUnderBilling: null, estimatedGrossProfit: null, grossProfitToDate: null,
};

describe("the report as JSON", () => {
  test("the rules' shape, its fields in the rules' order, totals per currency, and the failures", () => {
    const json = JSON.parse(toReportJson(threeContracts())) as Record<string, unknown> & { contracts: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(["asOf", "contracts", "totals", "failures"]);
    expect(json.asOf).toBe("2026-12-31");
    expect(Object.keys(json.contracts[0] ?? {})).toEqual([
      "file", "contract", "client", "currency", "contractSumToDate", "billedToDate", "certifiedToDate", "invoicedToDate", "paidToDate",
      "outstanding", "overdue", "aging", "retentionHeld", "advanceOutstanding", "estimatedCost", "costToDate", "percentCompleteByCost",
      "earnedRevenue", "overUnderBilling", "estimatedGrossProfit", "estimatedMargin", "grossProfitToDate", "invoices", "forecast", "warnings",
    ]);
    expect(json.contracts[0]).toMatchObject({ file: "a.xlsx", contract: "CT-2026-014", client: "Contoso", percentCompleteByCost: "0.4667", estimatedMargin: "0.3318" });
    expect(Object.keys(json.contracts[0]?.aging ?? {})).toEqual(["current", "1-30", "31-60", "61-90", "over-90"]);
    expect(json.contracts[0]?.invoices).toEqual([
      { number: "INV-0001", invoiceDate: "2026-11-30", dueDate: "2026-12-30", amountDue: "122359.75", paid: "100000.00", outstanding: "22359.75", daysOverdue: 1, bucket: "1-30" },
    ]);
    expect(json.contracts[1]?.warnings).toEqual([{ code: "COST_OVER_ESTIMATE", message: "Line M2: the cost to date is above its estimated cost.", sheet: "Milestones", cell: "F3" }]);
    expect(json.contracts[2]).toMatchObject({ estimatedCost: null, percentCompleteByCost: null, earnedRevenue: null, overUnderBilling: null });
    expect(json.totals).toEqual([EUR_TOTALS, USD_TOTALS]);
    expect(json.failures).toEqual([{ file: "broken.xlsx", problems: [{ code: "NOT_XLSX", message: "broken.xlsx is not an .xlsx workbook.", sheet: null, cell: null }] }]);
  });

  test("with every workbook read, failures is an empty list", () => {
    expect(JSON.parse(toReportJson(buildFinanceReport("2026-12-31", contracts, [])))).toMatchObject({ failures: [] });
  });
});

describe("the report as text", () => {
  const text = toReportText(threeContracts());
  const lines = text.split("\n");
  const row = (start: string): string[] => lines.find((l) => l.startsWith(start))?.split(/\s{2,}/) ?? [];

  test("each contract's figures, over or under billing in words, its overdue invoices and warnings", () => {
    expect(lines[0]).toBe("Financial report as of 2026-12-31: 3 of 4 workbooks read.");
    expect(text).toMatch(/^a\.xlsx: contract CT-2026-014, Contoso, in EUR$/m);
    expect(text).toMatch(/^ {2}Over billing +4,320\.83 {3}billed ahead of the work \(a liability\)$/m);
    expect(text).toMatch(/^ {2}Under billing +15,000\.00 {3}earned but not yet billed \(an asset\): invoice it$/m);
    expect(text).toMatch(/^ {2}% complete \(by cost\) +46\.67%$/m);
    expect(text).toMatch(/^ {2}Estimated gross profit +74,500\.00 {3}margin 33\.18%$/m);
    expect(text).toMatch(/^ {4}INV-0001 {2}due 2026-11-30 {2}31 days overdue {2}11,900\.00 outstanding$/m);
    expect(text).toMatch(/^ {2}warning: Milestones!F3: Line M2: the cost to date is above its estimated cost\.$/m);
    expect(text).toMatch(/^ {2}Lines with no planned completion: M9 \(balance 2,500\.00\)$/m);
    expect(text).toMatch(/^ {2}Estimated cost +n\/a {3}no line has an estimated cost: no WIP figures$/m);
    expect(text).toMatch(/^Not in this report \(each problem is listed on standard error\): broken\.xlsx\.$/m);
  });

  test("the WIP schedule, the aging report and the totals per currency, one row per contract and a total per currency", () => {
    expect(text).toMatch(/^WIP schedule as of 2026-12-31$/m);
    expect(row("a.xlsx  ")).toEqual(["a.xlsx", "CT-2026-014", "Contoso", "EUR", "224,500.00", "150,000.00", "70,000.00", "46.67%", "104,766.67", "109,087.50", "4,320.83", "0.00", "34,766.67"]);
    expect(row("c.xlsx  ")).toEqual(["c.xlsx", "US-7", "Fabrikam", "USD", "80,000.00", "n/a", "0.00", "n/a", "n/a", "20,000.00", "n/a", "n/a", "n/a"]);
    const totals = lines.filter((l) => l.startsWith("Total EUR (2 contracts)")).map((l) => l.split(/\s{2,}/));
    expect(totals[0]).toEqual(["Total EUR (2 contracts)", "EUR", "274,500.00", "190,000.00", "90,000.00", "129,766.67", "119,087.50", "4,320.83", "15,000.00", "39,766.67"]);
    expect(totals[1]).toEqual(["Total EUR (2 contracts)", "EUR", "0.00", "22,359.75", "11,900.00", "0.00", "0.00", "34,259.75", "34,259.75"]);
    expect(text).toMatch(/^Aging of receivables as of 2026-12-31$/m);
    expect(row("USD  ")).toEqual(["USD", "1", "80,000.00", "20,000.00", "19,000.00", "19,000.00", "0.00", "0.00", "1,000.00", "0.00"]);
  });
});

describe("the report as CSV", () => {
  test("two RFC 4180 tables that parse back: plain decimals, a Record column, formula-like text neutralised", () => {
    const { wip, aging } = toReportCsv(threeContracts());
    for (const csv of [wip, aging]) {
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.slice(1).replace(/\r\n/g, "")).not.toMatch(/\n/);
    }
    const rows = parseCsv(wip.slice(1));
    expect(rows[0]).toEqual([
      "Record", "Workbook", "Contract", "Client", "Currency", "Contract sum", "Estimated cost", "Cost to date", "% complete", "Earned revenue",
      "Billed to date", "Over billing", "Under billing", "Gross profit to date",
    ]);
    for (const r of rows) expect(r).toHaveLength(14);
    expect(rows[1]).toEqual(["contract", "a.xlsx", "CT-2026-014", "Contoso", "EUR", "224500.00", "150000.00", "70000.00", "0.4667", "104766.67", "109087.50", "4320.83", "0.00", "34766.67"]);
    expect(rows[2]?.slice(1, 4)).toEqual(["b.xlsx", `'${HOSTILE_CONTRACT}`, HOSTILE_CLIENT]);
    expect(rows[3]).toEqual(["contract", "c.xlsx", "US-7", "Fabrikam", "USD", "80000.00", "", "0.00", "", "", "20000.00", "", "", ""]);
    expect(rows[4]).toEqual(["total", "Total EUR (2 contracts)", "", "", "EUR", "274500.00", "190000.00", "90000.00", "", "129766.67", "119087.50", "4320.83", "15000.00", "39766.67"]);
    expect(rows[5]?.slice(0, 2)).toEqual(["total", "Total USD (1 contract)"]);
    const agingRows = parseCsv(aging.slice(1));
    expect(agingRows[0]).toEqual(["Record", "Workbook", "Contract", "Client", "Currency", "Current", "1-30 days", "31-60 days", "61-90 days", "Over 90 days", "Outstanding", "Overdue"]);
    expect(agingRows[2]).toEqual(["contract", "b.xlsx", `'${HOSTILE_CONTRACT}`, HOSTILE_CLIENT, "EUR", "0.00", "0.00", "11900.00", "0.00", "0.00", "11900.00", "11900.00"]);
  });
});

describe("the report as an .xlsx workbook", () => {
  test("numbers, dates and percentages under number formats; totals are SUMIFs that LibreOffice recalculates to the core's figures", async () => {
    const bytes = await toReportXlsx(threeContracts());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["WIP schedule", "Aging", "Invoices"]);
    const wip = workbook.getWorksheet("WIP schedule")!;
    expect(wip.getCell("A1").value).toBe("WIP schedule as of 2026-12-31");
    expect(wip.getCell("A2").value).toBe("Not in this report (the workbooks could not be read): broken.xlsx");
    expect(wip.getRow(3).values).toEqual([undefined, "Workbook", "Contract", "Client", "Currency", "Contract sum", "Estimated cost", "Cost to date", "% complete", "Earned revenue", "Billed to date", "Over billing", "Under billing", "Gross profit to date"]);
    expect(wip.getCell("E4").value).toBe(224500);
    expect(wip.getCell("E4").numFmt).toBe("#,##0.00");
    expect(wip.getCell("H4").value).toBe(0.4667);
    expect(wip.getCell("H4").numFmt).toBe("0.00%");
    expect(wip.getCell("B5").value).toBe(HOSTILE_CONTRACT);
    expect(wip.getCell("F6").value).toBeNull();
    expect(wip.getCell("E7").value).toEqual({ formula: 'SUMIF($D$4:$D$6,"EUR",E$4:E$6)', result: 274500 });
    expect(wip.getCell("L7").value).toEqual({ formula: 'SUMIF($D$4:$D$6,"EUR",L$4:L$6)', result: 15000 });
    expect(wip.getCell("F8").value).toBeNull();
    const invoices = workbook.getWorksheet("Invoices")!;
    expect(invoices.getCell("F4").value).toEqual(new Date("2026-11-30T00:00:00Z"));
    expect(invoices.getCell("F4").numFmt).toBe("yyyy-mm-dd");
    expect(invoices.getCell("K5").value).toBe(31);

    // The formulas without their cached results: what LibreOffice shows can only be its own sum.
    let formulas = 0;
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.formula) {
        cell.value = { formula: cell.formula, date1904: false };
        formulas++;
      }
    })));
    // WIP: 8 amounts for EUR, 3 for USD (its other figures have no estimated cost: blank, no formula); aging: 7 each.
    expect(formulas).toBe(8 + 3 + 2 * 7);
    const dir = tempDir("report-xlsx");
    const sheets = new LibreOffice(dir).sheets(writeTemp(dir, "report.xlsx", Buffer.from(await workbook.xlsx.writeBuffer())));
    const recalculated = sheets.get("WIP schedule")!;
    expect(recalculated[6]?.slice(0, 13)).toEqual(["Total EUR (2 contracts)", "", "", "EUR", "274500", "190000", "90000", "", "129766.67", "119087.5", "4320.83", "15000", "39766.67"]);
    expect(recalculated[7]?.slice(4, 7)).toEqual(["80000", "", "0"]);
    expect(sheets.get("Aging")![6]?.slice(4, 11)).toEqual(["0", "22359.75", "11900", "0", "0", "34259.75", "34259.75"]);
    expect(sheets.get("Invoices")![3]?.slice(4, 7)).toEqual(["INV-0001", "2026-11-30", "2026-12-30"]);
  });
});

describe("the report as a PDF", () => {
  test("landscape, the WIP schedule, the aging and the totals per currency, readable as text", async () => {
    const dir = tempDir("report-pdf");
    const file = writeTemp(dir, "report.pdf", await toReportPdf(threeContracts(), { fonts }));
    expect(pdfInfo(file).pageSize).toMatch(/^841\.89 x 595\.28 pts/);
    const text = pdfText(file);
    expect(text).toMatch(/Financial report as of 2026-12-31/);
    expect(text).toMatch(/3 of 4 workbooks read/);
    expect(text).toMatch(/WIP schedule as of 2026-12-31/);
    expect(text).toMatch(/a\.xlsx +CT-2026-014 +Contoso +EUR +224,500\.00 +150,000\.00 +70,000\.00 +46\.67% +104,766\.67 +109,087\.50 +4,320\.83 +0\.00 +34,766\.67/);
    expect(text).toMatch(/Total EUR \(2 contracts\) +EUR +274,500\.00 +190,000\.00 +90,000\.00 +129,766\.67 +119,087\.50 +4,320\.83 +15,000\.00 +39,766\.67/);
    expect(text).toMatch(/Aging of receivables as of 2026-12-31/);
    expect(text).toMatch(/Totals per currency as of 2026-12-31/);
    expect(text).toMatch(/USD +1 +80,000\.00 +20,000\.00 +19,000\.00 +19,000\.00 +0\.00 +0\.00 +1,000\.00 +0\.00/);
    expect(text).toMatch(/Not in this report \(the workbooks could not be read\): broken\.xlsx/);
    expect(text).toMatch(/Page 1 of 1/);
    // Its page as a picture, to look at (.tmp/finance-report-1.png).
    const pictures = path.join(__dirname, "../../../.tmp");
    mkdirSync(pictures, { recursive: true });
    tool("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", file, path.join(pictures, "finance-report")]);
  });

  test("Letter when every contract prints on Letter; a long report repeats the table header on each page", async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...contracts[2]!, file: `contract-${String(i + 1).padStart(2, "0")}.xlsx` }));
    const dir = tempDir("report-pdf-long");
    const file = writeTemp(dir, "long.pdf", await toReportPdf(buildFinanceReport("2026-12-31", many, []), { fonts }));
    const info = pdfInfo(file);
    expect(info.pageSize).toMatch(/^792 x 612 pts/);
    expect(info.pages).toBeGreaterThan(2);
    const second = pdfText(file, "-f", "2", "-l", "2");
    expect(second).toMatch(/WIP schedule as of 2026-12-31, continued|Aging of receivables as of 2026-12-31, continued/);
    expect(second).toMatch(/Workbook +Contract +Client +Currency/);
    expect(pdfText(file)).toMatch(/contract-60\.xlsx/);
  });
});

describe("the report's files", () => {
  test("named after the date, the CSV as two files", async () => {
    const files = await reportFiles(threeContracts(), ["xlsx", "csv", "pdf"], { fonts });
    expect(files.map((f) => f.name)).toEqual(["interim-report-2026-12-31.xlsx", "interim-report-2026-12-31-wip.csv", "interim-report-2026-12-31-aging.csv", "interim-report-2026-12-31.pdf"]);
  });
});
