import type { ContractFinances, InvoiceReceivable } from "../core/finance/types";
import type { PaymentWrite, WorkbookPort, WorkbookSnapshot } from "./port";
import type { WorkbookProblem } from "./problems";

// INTERFACE STUB: implemented by the workbook-finance work; signatures are the contract other layers code against.

export interface FinanceOptions {
  /** The milestone table (or sheet); default Milestones. */
  table?: string;
  /** ISO date; default today. */
  asOf?: string;
}

export type FinanceReadOutcome =
  | {
      ok: true;
      finances: ContractFinances;
      /** The contract reference (settings), or "" */
      contract: string;
      /** The client's name (settings), or "" */
      client: string;
      /** The core's warnings placed at their cells (EXPECTED_LOSS, COST_OVER_ESTIMATE, COST_WITHOUT_ESTIMATE). */
      warnings: WorkbookProblem[];
    }
  | { ok: false; problems: WorkbookProblem[] };

/** The contract's receivables, WIP, margin and forecast from one read of the workbook; every bad cell a problem at its address. */
export function readFinances(snapshot: WorkbookSnapshot, options: FinanceOptions = {}): FinanceReadOutcome {
  void snapshot;
  void options;
  throw new Error("not implemented");
}

/** A payment as a person enters it: amounts as decimal text ("1000", "-250.50" for a refund), dates ISO. */
export interface PaymentEntry {
  document: string;
  amount: string;
  date: string;
  reference: string;
  /** Blank: the contract currency. */
  currency?: string;
}

export type PaymentPlan =
  | { ok: true; write: PaymentWrite; /** The document's receivable once the payment is recorded (as of the payment date). */ receivable: InvoiceReceivable }
  | { ok: false; problems: WorkbookProblem[] };

/** Works out the Payments row to write; a payment the finance rules refuse (unknown document, before the invoice, overpaid...) is a problem naming the field. */
export function planPayment(snapshot: WorkbookSnapshot, entry: PaymentEntry, options: FinanceOptions = {}): PaymentPlan {
  void snapshot;
  void entry;
  void options;
  throw new Error("not implemented");
}

/** Record payment: one read, then (when nothing is wrong) one write into the Payments table. */
export async function recordPayment(port: WorkbookPort, entry: PaymentEntry, options: FinanceOptions = {}): Promise<PaymentPlan> {
  const plan = planPayment(await port.read(options.table ?? "Milestones"), entry, options);
  if (plan.ok) await port.appendPayment(plan.write);
  return plan;
}
