import ExcelJS from "exceljs";
import type { FinanceInput } from "../src/core";

/** An ISO date as Excel's serial, so that the formulas compare days as numbers. */
const serialOf = (iso: string): number => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
const BUCKETS = ["current", "1-30", "31-60", "61-90", "over-90"] as const;

/** Where the Totals sheet holds each contract figure: its row (column B), by the name the core gives the figure. */
export const TOTAL_ROWS = [
  "contractSumToDate", "billedToDate", "estimatedCost", "costToDate", "percentCompleteByCost", "earnedRevenue",
  "overUnderBilling", "estimatedGrossProfit", "estimatedMargin", "grossProfitToDate",
  "invoicedToDate", "paidToDate", "outstanding", "overdue", ...BUCKETS,
] as const;
export type TotalName = (typeof TOTAL_ROWS)[number];

/**
 * The same contract as a workbook of native formulas, as someone would keep it without Interim:
 * per line, cost to date as SUMIFS over the cost rows dated on or before the as-of date, then
 * % complete by cost, earned revenue and over/under billing; per invoice, paid as SUMIFS of its
 * payments, outstanding, days overdue and the aging bucket (IF, MAX); the contract's figures on
 * a Totals sheet (B1 holds the as-of date). With `formulas` false, every formula cell holds
 * nothing: the same workbook to load and save, to tell LibreOffice's recalculation from its
 * start-up, loading and saving.
 */
export async function writeFinanceSheets(file: string, input: FinanceInput, formulas = true): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const f = (formula: string): ExcelJS.CellFormulaValue | null => (formulas ? { formula, date1904: false } : null);
  const totals = workbook.addWorksheet("Totals");
  const linesSheet = workbook.addWorksheet("Lines");
  const costs = workbook.addWorksheet("Costs");
  const invoices = workbook.addWorksheet("Invoices");
  const payments = workbook.addWorksheet("Payments");
  const asOf = "Totals!$B$1";

  const lastLine = input.lines.length + 1;
  const lastCost = input.costs.length + 1;
  const last = input.documents[input.documents.length - 1];
  const billedOf = new Map((last?.lines ?? []).map((line) => [line.id, Number(line.completedAndStoredToDate)]));
  linesSheet.addRow(["Id", "Contract value", "Estimated cost", "Billed to date", "Cost to date", "% complete by cost", "Earned revenue", "Over/under billing"]);
  input.lines.forEach((line, i) => {
    const r = i + 2;
    linesSheet.addRow([
      line.id, Number(line.contractValue), line.estimatedCost === undefined ? null : Number(line.estimatedCost), billedOf.get(line.id) ?? 0,
      f(`SUMIFS(Costs!$C$2:$C$${lastCost},Costs!$B$2:$B$${lastCost},A${r},Costs!$A$2:$A$${lastCost},"<="&${asOf})`),
      f(`IF(C${r}="","",MIN(1,E${r}/C${r}))`),
      f(`IF(C${r}="","",MIN(B${r},ROUND(B${r}*E${r}/C${r},2)))`),
      f(`IF(C${r}="","",D${r}-G${r})`),
    ]);
  });
  costs.addRow(["Date", "Line", "Amount"]);
  for (const cost of input.costs) costs.addRow([serialOf(cost.date), cost.line, Number(cost.amount)]);

  const lastPayment = input.payments.length + 1;
  const lastInvoice = input.documents.length + 1;
  invoices.addRow(["Number", "Invoice date", "Due date", "Total due", "Completed and stored to date", "Paid", "Outstanding", "Days overdue", "Bucket"]);
  input.documents.forEach((document, j) => {
    const r = j + 2;
    invoices.addRow([
      document.number, serialOf(document.invoiceDate), serialOf(document.dueDate), Number(document.totalDue), Number(document.completedAndStoredToDate),
      f(`SUMIFS(Payments!$C$2:$C$${lastPayment},Payments!$B$2:$B$${lastPayment},A${r},Payments!$A$2:$A$${lastPayment},"<="&${asOf})`),
      f(`D${r}-F${r}`),
      f(`IF(G${r}>0,MAX(0,${asOf}-C${r}),0)`),
      f(`IF(H${r}=0,"current",IF(H${r}<=30,"1-30",IF(H${r}<=60,"31-60",IF(H${r}<=90,"61-90","over-90"))))`),
    ]);
  });
  payments.addRow(["Date", "Document", "Amount"]);
  for (const payment of input.payments) payments.addRow([serialOf(payment.date), payment.document, Number(payment.amount)]);

  const row = (name: TotalName): number => TOTAL_ROWS.indexOf(name) + 2;
  const b = (name: TotalName): string => `B${row(name)}`;
  const formulasOf: Record<TotalName, string> = {
    contractSumToDate: `SUM(Lines!B2:B${lastLine})`,
    // The last invoice dated on or before the as-of date (the log is in date order).
    billedToDate: `INDEX(Invoices!E2:E${lastInvoice},MATCH(${asOf},Invoices!B2:B${lastInvoice},1))`,
    estimatedCost: `SUM(Lines!C2:C${lastLine})`,
    costToDate: `SUM(Lines!E2:E${lastLine})`,
    percentCompleteByCost: `ROUND(MIN(1,${b("costToDate")}/${b("estimatedCost")}),4)`,
    earnedRevenue: `MIN(${b("contractSumToDate")},ROUND(${b("contractSumToDate")}*${b("costToDate")}/${b("estimatedCost")},2))`,
    overUnderBilling: `${b("billedToDate")}-${b("earnedRevenue")}`,
    estimatedGrossProfit: `${b("contractSumToDate")}-${b("estimatedCost")}`,
    estimatedMargin: `ROUND(${b("estimatedGrossProfit")}/${b("contractSumToDate")},4)`,
    grossProfitToDate: `${b("earnedRevenue")}-${b("costToDate")}`,
    invoicedToDate: `SUM(Invoices!D2:D${lastInvoice})`,
    paidToDate: `SUM(Invoices!F2:F${lastInvoice})`,
    outstanding: `SUM(Invoices!G2:G${lastInvoice})`,
    overdue: `SUMIFS(Invoices!G2:G${lastInvoice},Invoices!H2:H${lastInvoice},">0")`,
    ...(Object.fromEntries(BUCKETS.map((bucket) => [bucket, `SUMIFS(Invoices!G2:G${lastInvoice},Invoices!I2:I${lastInvoice},"${bucket}")`])) as Record<(typeof BUCKETS)[number], string>),
  };
  totals.addRow(["As of", serialOf(input.asOf)]);
  for (const name of TOTAL_ROWS) totals.addRow([name, f(formulasOf[name])]);
  await workbook.xlsx.writeFile(file);
}
