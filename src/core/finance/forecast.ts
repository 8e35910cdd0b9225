import { addDays } from "../dates";
import { type Issue, MESSAGES } from "../issues";
import { monthOf, nextMonth } from "./dates";
import { type ReadLine, readBilledByLine, readLines } from "./read-lines";
import { FinanceReader, readAsOf, readMoney } from "./reader";
import type { FinanceInput, ForecastMonth, InvoiceReceivable, UnplannedLine } from "./types";

export interface ForecastInput extends Pick<FinanceInput, "asOf" | "currency" | "minorUnits" | "rounding" | "paymentTermsDays" | "lines"> {
  /** By lineKey(id): each line's G on the last invoice in force dated on or before the as-of date. */
  billedByLine: ReadonlyMap<string, string>;
  /** The invoices still (partly) unpaid: when and how much. */
  receivables: readonly Pick<InvoiceReceivable, "dueDate" | "outstanding">[];
}

export type ForecastOutcome = { ok: true; forecast: ForecastMonth[]; unplanned: UnplannedLine[] } | { ok: false; errors: Issue[] };

/** Billing and cash expected per month after the as-of date, after checking the input. */
export function computeForecast(input: ForecastInput): ForecastOutcome {
  const read = readMoney(input);
  if ("errors" in read) return { ok: false, errors: read.errors };
  const reader = new FinanceReader(read.money);
  const asOf = readAsOf(reader, input.asOf);
  const paymentTermsDays = readPaymentTerms(reader, input.paymentTermsDays);
  const lines = readLines(reader, input.lines);
  const billedByLine = readBilledByLine(reader, input.billedByLine);
  const receivables = input.receivables.map((r, i) => ({
    dueDate: reader.date(r.dueDate, ["receivables", i, "dueDate"], `Receivable ${i + 1}: the due date`) ?? "",
    outstanding: reader.amount(r.outstanding, ["receivables", i, "outstanding"], `Receivable ${i + 1}: the amount outstanding`, "any sign") ?? 0n,
  }));
  if (reader.issues.length > 0 || asOf === undefined || paymentTermsDays === undefined) return { ok: false, errors: reader.issues };
  return { ok: true, ...forecastOf(reader, { asOf, paymentTermsDays, lines, billedByLine, receivables }) };
}

/** The payment terms: a whole number of days, 0 or more. */
export function readPaymentTerms(reader: FinanceReader, days: number): number | undefined {
  if (Number.isInteger(days) && days >= 0) return days;
  return reader.problem("INVALID_OPTION", ["paymentTermsDays"], MESSAGES.INVALID_OPTION("The payment terms (days)", String(days), "a whole number of days, 0 or more"));
}

export interface ForecastBasis {
  asOf: string;
  paymentTermsDays: number;
  lines: readonly ReadLine[];
  billedByLine: ReadonlyMap<string, bigint>;
  receivables: readonly { dueDate: string; outstanding: bigint }[];
}

/**
 * From the month holding the day after the as-of date to the last month with a figure (at
 * least one month): each planned line bills its balance to finish in its month of planned
 * completion, and is paid the payment terms later; what invoices still owe comes in on their
 * due dates. Anything planned or due before the first month is counted in the first month,
 * since it can no longer happen earlier.
 */
export function forecastOf(reader: FinanceReader, basis: ForecastBasis): { forecast: ForecastMonth[]; unplanned: UnplannedLine[] } {
  const firstDay = `${monthOf(addDays(basis.asOf, 1))}-01`;
  const first = monthOf(firstDay);
  const billing = new Map<string, bigint>();
  const cash = new Map<string, bigint>();
  const add = (figures: Map<string, bigint>, month: string, units: bigint): void => {
    const at = month < first ? first : month;
    figures.set(at, (figures.get(at) ?? 0n) + units);
  };
  for (const receivable of basis.receivables) {
    if (receivable.outstanding !== 0n) add(cash, monthOf(receivable.dueDate), receivable.outstanding);
  }
  const unplanned: UnplannedLine[] = [];
  for (const line of basis.lines) {
    const balance = line.contractValue - (basis.billedByLine.get(line.key) ?? 0n);
    if (balance === 0n) continue;
    if (line.plannedCompletion === undefined) {
      unplanned.push({ id: line.id, balance: reader.format(balance) });
      continue;
    }
    const billed = line.plannedCompletion < firstDay ? firstDay : line.plannedCompletion;
    add(billing, monthOf(billed), balance);
    add(cash, monthOf(addDays(billed, basis.paymentTermsDays)), balance);
  }
  let last = first;
  for (const figures of [billing, cash]) {
    for (const [month, units] of figures) if (units !== 0n && month > last) last = month;
  }
  const forecast: ForecastMonth[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    forecast.push({ month, billing: reader.format(billing.get(month) ?? 0n), cash: reader.format(cash.get(month) ?? 0n) });
  }
  return { forecast, unplanned };
}
