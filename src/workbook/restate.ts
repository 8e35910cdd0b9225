import {
  type AdvancePayment, type BillingRequest, type BillingResult, type FinalStatement, type MilestoneInput, type PrecedingInvoice,
  addAmounts, advanceRecoveredByRate, chargedByRate, computeAdvanceInvoice, computeFinalInvoice, computeInvoice, formatAmount, lineKey, minorUnitsOf, readMilestoneTable,
  subtractAmount,
} from "../core";
import type { CarryForward, LoggedInvoice } from "./billing-log";
import type { TableData } from "./port";
import { type WorkbookProblem, problem } from "./problems";
import type { ContractSettings } from "./settings";

/** An invoice in force, its figures computed again from the billing log. */
export interface Restated {
  logged: LoggedInvoice;
  result: BillingResult;
  /** What an advance invoice states of the advance; undefined for the other kinds. */
  advance: AdvancePayment | undefined;
  /** What a final invoice states of the whole contract; undefined for the other kinds. */
  statement: FinalStatement | undefined;
}

/**
 * An invoice in force (by its place in `log.active`), computed again by the core from what the
 * billing log recorded for it (each line's C, D, E and F, or an advance invoice's net per rate)
 * and what the invoices in force before it left, with the line details of the milestone table
 * and the contract settings. The log keeps the amounts but not the descriptions, the tax rates
 * or the tax per rate; a restatement is used only when it gives back every amount the log
 * recorded for the invoice, so a credit note never states figures other than those it cancels,
 * and a final invoice lists each partial invoice as it was issued. `purpose` ends the problem's
 * message with what to do.
 */
export function restateDocument(log: CarryForward, index: number, table: TableData | undefined, settings: ContractSettings, purpose: string): Restated | WorkbookProblem {
  const logged = log.active[index];
  if (logged === undefined) return problem("NOTHING_TO_CREDIT", "There is no issued invoice in force to restate.");
  const before = log.active.slice(0, index);
  const outcome = logged.kind === "advance invoice" ? restateAdvance(logged, log, settings) : restateWork(logged, before, log, table, settings, purpose);
  const failed = (what: string): WorkbookProblem => {
    const cannot = cannotRestate(logged, what);
    return { ...cannot, message: `${cannot.message} ${purpose}` };
  };
  if ("code" in outcome) return outcome.code === "CANNOT_RESTATE_CAUSE" ? failed(outcome.message) : outcome;
  const differs = ([
    ["earned less retention", logged.earnedLessRetention, outcome.result.summary.totalEarnedLessRetention],
    ["current payment due", logged.currentPaymentDue, outcome.result.summary.currentPaymentDue],
    ["tax", logged.tax, outcome.result.summary.tax],
    ["total due", logged.totalDue, outcome.result.summary.totalDue],
  ] as const).find(([, was, now]) => !isZero(subtractAmount(was, now)));
  if (differs !== undefined) return failed(`${differs[0]} ${formatAmount(differs[1], minorUnitsOf(logged.currency) ?? 2)} on ${logged.number}, ${differs[2]} now`);
  return { logged, ...outcome };
}

/** Every invoice in force, oldest first, restated (see restateDocument); the first problem when one does not restate. */
export function restateInForce(log: CarryForward, table: TableData | undefined, settings: ContractSettings, purpose: string, count = log.active.length): Restated[] | WorkbookProblem {
  const restated: Restated[] = [];
  for (let index = 0; index < count; index += 1) {
    const one = restateDocument(log, index, table, settings, purpose);
    if ("code" in one) return one;
    restated.push(one);
  }
  return restated;
}

/** A restatement's figures, or why the core could not restate them (code CANNOT_RESTATE_CAUSE, its words in the message), or a problem of its own. */
type Outcome = Omit<Restated, "logged"> | WorkbookProblem;

const cause = (message: string): WorkbookProblem => problem("CANNOT_RESTATE_CAUSE", message);

/** An advance invoice: its net per rate as its line rows recorded it, taxed again. */
function restateAdvance(logged: LoggedInvoice, log: CarryForward, settings: ContractSettings): Outcome {
  const byRate = log.advanceInvoice?.invoice === logged ? log.advanceInvoice.byRate : [];
  if (byRate.length === 0) return cause("its line rows do not give the advance per VAT rate");
  const outcome = computeAdvanceInvoice({
    currency: logged.currency,
    rounding: settings.rounding,
    tax: settings.tax,
    advance: { amount: addAmounts(byRate.map((r) => r.amount)), invoiced: byRate.map((r) => ({ rate: r.rate, amount: r.amount })) },
    // The contract as the log recorded it when the advance was invoiced: the split is the one invoiced.
    lines: [{ id: "contract", scheduledValue: logged.contractSumToDate }],
  });
  if (!outcome.ok) return cause(outcome.errors.map((e) => e.message).join(" "));
  return { result: outcome.result, advance: outcome.advance, statement: undefined };
}

/** A progress or final invoice: its lines from the log, the state before it from the invoices in force before it. */
function restateWork(
  logged: LoggedInvoice, before: LoggedInvoice[], log: CarryForward, table: TableData | undefined, settings: ContractSettings, purpose: string,
): Outcome {
  const details = new Map((table === undefined ? [] : readMilestoneTable(table.values).lines).map((line) => [lineKey(String(line.id)), line]));
  const work = before.filter((entry) => entry.kind !== "advance invoice");
  const previous = work[work.length - 1];
  const previousStored = new Map((previous?.lines ?? []).map((l) => [lineKey(l.id), l.storedMaterials]));
  const lines: MilestoneInput[] = logged.lines.map((l) => {
    const detail = details.get(lineKey(l.id));
    return {
      id: l.id, scheduledValue: l.scheduledValue, previouslyCompleted: l.previouslyCompleted, thisPeriod: l.thisPeriod,
      storedMaterials: l.storedMaterials, previousStoredMaterials: previousStored.get(lineKey(l.id)) ?? "0",
      ...(detail?.description === undefined ? {} : { description: detail.description }),
      ...(detail?.changeOrder === undefined ? {} : { changeOrder: detail.changeOrder }),
      ...(detail?.retentionRate === undefined ? {} : { retentionRate: detail.retentionRate }),
      ...(detail?.taxRate === undefined ? {} : { taxRate: detail.taxRate }),
    };
  });
  // The release the invoice made is the logged amount; the setting that asked for it was cleared.
  const retention = { ...settings.retention };
  delete retention.release;
  const released = addAmounts(work.map((i) => i.retentionReleased));
  const recoveries = work.map((i) => i.advanceRecovered);
  const advanceInvoice = log.advanceInvoice !== undefined && before.includes(log.advanceInvoice.invoice) ? log.advanceInvoice : undefined;
  const advanceAmount = advanceInvoice === undefined ? settings.advance?.amount : addAmounts(advanceInvoice.byRate.map((r) => r.amount));
  const request: BillingRequest = {
    currency: logged.currency,
    rounding: settings.rounding,
    // The invoice is issued: a line billed past its scheduled value is restated, not judged again.
    allowOverbilling: true,
    retention: {
      ...retention,
      ...(isZero(logged.retentionReleased) ? {} : { release: logged.retentionReleased }),
      ...(isZero(released) ? {} : { previouslyReleased: released }),
    },
    tax: settings.tax,
    ...(settings.advance === undefined || advanceAmount === undefined
      ? {}
      : {
          advance: {
            ...settings.advance,
            amount: advanceAmount,
            previouslyRecovered: addAmounts(recoveries),
            ...(advanceInvoice === undefined
              ? {}
              : { invoiced: advanceRecoveredByRate(advanceInvoice.byRate, recoveries, minorUnitsOf(logged.currency) ?? 2, settings.rounding) }),
          },
        }),
    ...(previous === undefined ? {} : { previousCertificates: previous.earnedLessRetention }),
    lines,
  };
  if (logged.kind === "final invoice") {
    // A final invoice deducts the partial invoices before it, as each was issued.
    const preceding = restateInForce(log, table, settings, purpose, before.length);
    if (!Array.isArray(preceding)) return preceding;
    const outcome = computeFinalInvoice(request, preceding.map(precedingOf));
    if (!outcome.ok) return cause(outcome.errors.map((e) => e.message).join(" "));
    return { result: outcome.result, advance: undefined, statement: outcome.statement };
  }
  const outcome = computeInvoice(request);
  if (!outcome.ok) return cause(outcome.errors.map((e) => e.message).join(" "));
  return { result: outcome.result, advance: undefined, statement: undefined };
}

/** A partial invoice as a final invoice lists it: its number, date, and what it charged per rate. */
export function precedingOf(restated: Restated): PrecedingInvoice {
  return { number: restated.logged.number, invoiceDate: restated.logged.invoiceDate, byRate: chargedByRate(restated.result) };
}

const isZero = (amount: string): boolean => /^-?0*(\.0*)?$/.test(amount);

function cannotRestate(logged: LoggedInvoice, what: string): WorkbookProblem {
  return problem(
    "CANNOT_RESTATE",
    `Interim restates ${logged.number} from the billing log with the contract settings and the milestone table's line details (Tax %, Retention %, Change order), and they no longer give its figures (${what}): one of them changed since ${logged.number} was issued.`,
  );
}
