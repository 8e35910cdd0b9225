import type { CostInput, FinanceDocumentInput, FinanceInput, FinanceLineInput, PaymentInput } from "../src/core";

/** Sizes of the finance bench contract: lines of the milestone table, rows of its Costs table, payments received. */
export interface FinanceSize {
  lines: number;
  costRows: number;
  invoices: number;
  payments: number;
}

export const FINANCE_AS_OF = "2026-12-31";
export const FINANCE_TERMS_DAYS = 30;

const DAY_MS = 86_400_000;
const isoOf = (start: string, days: number): string => new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** Whole cents as the decimal text the core reads. */
const money = (cents: number): string => (cents / 100).toFixed(2);

/**
 * A deterministic contract, in USD, for the finance bench and its spreadsheet baseline: lines
 * with an estimated cost (one in fifty without, as people leave them), cost rows spread over two
 * years and a quarter (some after the as-of date, which must not count), monthly invoices
 * ending in the as-of month and payments against them, the recent ones partly unpaid so that
 * every aging bucket holds something. Amounts are whole cents built from integers, so the
 * baseline's formulas see exactly the same numbers.
 */
export function financeContract(size: FinanceSize): FinanceInput {
  const lines: FinanceLineInput[] = [];
  const billed: { id: string; completedAndStoredToDate: string }[] = [];
  let contractCents = 0;
  let billedCents = 0;
  for (let i = 0; i < size.lines; i += 1) {
    const cents = 100_000 + (i % 97) * 1_250;
    const completed = Math.floor((cents * (i % 11)) / 10);
    contractCents += cents;
    billedCents += completed;
    billed.push({ id: `M${i + 1}`, completedAndStoredToDate: money(completed) });
    lines.push({
      id: `M${i + 1}`,
      contractValue: money(cents),
      costToDate: undefined,
      estimatedCost: i % 50 === 0 ? undefined : money(70_000 + (i % 89) * 925),
      plannedCompletion: i % 3 === 0 ? isoOf(FINANCE_AS_OF, 15 + (i % 180)) : undefined,
    });
  }
  const costs: CostInput[] = [];
  for (let k = 0; k < size.costRows; k += 1) {
    costs.push({
      date: isoOf("2024-10-01", k % 820),
      line: `M${((k * 7_919) % size.lines) + 1}`,
      amount: money(500 + (k % 113) * 37),
      category: undefined,
      description: "",
    });
  }
  // Monthly invoices, the last one dated in the as-of month and billing each line's G (0 to 100 %
  // of its value); the earlier ones bill an even share of its total.
  const documents: FinanceDocumentInput[] = [];
  const perInvoice = Math.floor(contractCents / (size.invoices * 2));
  for (let j = 0; j < size.invoices; j += 1) {
    const invoiceDate = isoOf(FINANCE_AS_OF, -30 * (size.invoices - 1 - j) - 1);
    const last = j === size.invoices - 1;
    const completed = last ? billedCents : Math.floor((billedCents * (j + 1)) / size.invoices);
    documents.push({
      number: `INV-${String(j + 1).padStart(4, "0")}`,
      kind: "invoice",
      credits: "",
      invoiceDate,
      dueDate: isoOf(invoiceDate, FINANCE_TERMS_DAYS),
      totalDue: money(perInvoice + (j % 7) * 101),
      completedAndStoredToDate: money(completed),
      retentionHeld: money(Math.floor(completed / 10)),
      earnedLessRetention: money(completed - Math.floor(completed / 10)),
      advanceRecovered: "0.00",
      lines: last ? billed : [],
    });
  }
  const payments: PaymentInput[] = [];
  const perDocument = Math.ceil(size.payments / size.invoices);
  for (let p = 0; p < size.payments; p += 1) {
    const document = documents[Math.floor(p / perDocument)] as FinanceDocumentInput;
    const part = p % perDocument;
    const due = Math.round(Number(document.totalDue) * 100);
    // The last seven invoices are paid in part, the rest in full over their payments.
    const recent = Math.floor(p / perDocument) >= size.invoices - 7;
    const share = recent ? Math.floor(due / (perDocument * 2)) : part === perDocument - 1 ? due - Math.floor(due / perDocument) * (perDocument - 1) : Math.floor(due / perDocument);
    payments.push({ date: isoOf(document.invoiceDate, 3 + part * 4), document: document.number, amount: money(share), currency: undefined, reference: `R${p + 1}` });
  }
  return { asOf: FINANCE_AS_OF, currency: "USD", paymentTermsDays: FINANCE_TERMS_DAYS, advancePaid: "0", documents, payments, lines, costs };
}
