// Builders for the finance tests: a contract's input written out field by field is long, and
// each test changes only what it is about. The figures are checked by hand in each test.
import type { CostInput, FinanceDocumentInput, FinanceInput, FinanceLineInput, PaymentInput } from "../../../src/core";

export function invoice(number: string, invoiceDate: string, dueDate: string, totalDue: string, more: Partial<FinanceDocumentInput> = {}): FinanceDocumentInput {
  return {
    number, kind: "invoice", credits: "", invoiceDate, dueDate, totalDue,
    completedAndStoredToDate: "0", retentionHeld: "0", earnedLessRetention: "0", advanceRecovered: "0", lines: [],
    ...more,
  };
}

export function creditNote(number: string, credits: string, invoiceDate: string, totalDue: string): FinanceDocumentInput {
  return { ...invoice(number, invoiceDate, invoiceDate, totalDue), kind: "credit note", credits };
}

export function payment(date: string, document: string, amount: string, currency?: string): PaymentInput {
  return { date, document, amount, currency, reference: "" };
}

export function line(id: string, contractValue: string, more: Partial<FinanceLineInput> = {}): FinanceLineInput {
  return { id, contractValue, costToDate: undefined, estimatedCost: undefined, plannedCompletion: undefined, ...more };
}

export function cost(date: string, lineId: string, amount: string, category: CostInput["category"] = undefined): CostInput {
  return { date, line: lineId, amount, category, description: "" };
}

export function contract(more: Partial<FinanceInput> = {}): FinanceInput {
  return {
    asOf: "2026-12-31", currency: "EUR", paymentTermsDays: 30, advancePaid: "0",
    documents: [], payments: [], lines: [], costs: [],
    ...more,
  };
}

/** The issues as code and path only, for tests about where a problem is. */
export function where(issues: readonly { code: string; path: (string | number)[] }[]): { code: string; path: (string | number)[] }[] {
  return issues.map(({ code, path }) => ({ code, path }));
}
