import { computeAdvanceRecovery, type AdvanceFigures } from "./advance";
import { type Dec, ZERO, plus, sum } from "./decimal";
import { type Issue, type IssuePath, MESSAGES, describePath } from "./issues";
import { computeLineWork, previousLineWork, thisPeriodOf, type LineWork } from "./progress";
import type { Contract, Milestone } from "./request";
import type { BillingResult, ComputeOutcome, InvoiceLine } from "./result";
import { computeRetention, computeRetentionHeld, type RetentionFigures } from "./retention";
import { formatFraction, formatMoney, roundMoney } from "./rounding";
import { TaxBases, computeTax, type TaxGroup } from "./tax";
import { validateRequest } from "./validate";

/**
 * The billing core's public entry: judges the whole request, then computes the application.
 * Nothing is computed into a result when any problem is found.
 */
export function computeInvoice(request: unknown): ComputeOutcome {
  const validated = validateRequest(request);
  if (validated.contract === undefined) return { ok: false, errors: validated.issues };
  const figures = computeApplication(validated.contract);
  if (figures.errors.length > 0) return { ok: false, errors: figures.errors };
  return { ok: true, result: toResult(validated.contract, figures) };
}

/** Every figure of an application, unrounded to text; errors that only the arithmetic can show. */
interface ApplicationFigures {
  work: LineWork[];
  retention: RetentionFigures;
  retentionReleased: Dec;
  originalContractSum: Dec;
  netChangeByChangeOrders: Dec;
  contractSumToDate: Dec;
  totalCompletedAndStoredToDate: Dec;
  totalRetention: Dec;
  totalEarnedLessRetention: Dec;
  previousCertificates: Dec;
  advance: AdvanceFigures | undefined;
  currentPaymentDue: Dec;
  taxes: TaxGroup[];
  errors: Issue[];
  warnings: Issue[];
}

/** The unchecked computation over a validated contract. */
function computeApplication(contract: Contract): ApplicationFigures {
  const { minorUnits, rounding } = contract;
  const money = { minorUnits, rounding };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];

  // One pass over the lines: what a line needs only for the sums dies with its iteration.
  const work: LineWork[] = new Array<LineWork>(contract.lines.length);
  const taxBases = new TaxBases();
  let originalContractSum = ZERO;
  let netChangeByChangeOrders = ZERO;
  let totalCompletedAndStoredToDate = ZERO;
  let previousCompletedAndStored = ZERO;
  contract.lines.forEach((line, i) => {
    const w = computeLineWork(line, minorUnits, rounding);
    work[i] = w;
    judgeLine(contract, line, w, errors, warnings);
    if (line.changeOrder) netChangeByChangeOrders = plus(netChangeByChangeOrders, line.scheduledValue);
    else originalContractSum = plus(originalContractSum, line.scheduledValue);
    totalCompletedAndStoredToDate = plus(totalCompletedAndStoredToDate, w.completedAndStoredToDate);
    previousCompletedAndStored = plus(previousCompletedAndStored, w.previousCompletedAndStored);
    taxBases.add(line.taxRate ?? contract.tax.rate, w.completedAndStoredToDate, w.previousCompletedAndStored);
  });
  const contractSumToDate = originalContractSum.plus(netChangeByChangeOrders);

  const retention = computeRetention(contract.lines, work, contract.retention, contractSumToDate, money);
  const held = heldAfterEarlierReleases(retention, contract, errors);
  const retentionReleased = releaseOf(contract, held, errors);
  const totalRetention = held.minus(retentionReleased);
  const totalEarnedLessRetention = totalCompletedAndStoredToDate.minus(totalRetention);

  const previousCertificates =
    contract.previousCertificates ?? derivePreviousCertificates(contract, contractSumToDate, previousCompletedAndStored);
  const advance =
    contract.advance &&
    computeAdvanceRecovery(
      contract.advance,
      totalCompletedAndStoredToDate,
      previousCompletedAndStored,
      contractSumToDate,
      minorUnits,
      rounding,
    );
  const currentPaymentDue = totalEarnedLessRetention.minus(previousCertificates).minus(advance?.recovery ?? ZERO);

  const taxes = computeTax(taxBases, contract.tax, currentPaymentDue, minorUnits, rounding);

  return {
    work, retention, retentionReleased, originalContractSum, netChangeByChangeOrders, contractSumToDate,
    totalCompletedAndStoredToDate, totalRetention, totalEarnedLessRetention, previousCertificates, advance,
    currentPaymentDue, taxes, errors, warnings,
  };
}

function judgeLine(contract: Contract, line: Milestone, work: LineWork, errors: Issue[], warnings: Issue[]): void {
  const { minorUnits } = contract;
  if (line.scheduledValue.greaterThanOrEqualTo(ZERO) && work.completedAndStoredToDate.greaterThan(line.scheduledValue)) {
    const path = pathOfProgress(line);
    const message = MESSAGES.OVERBILLED(
      `${describePath(path)} (line "${line.id}")`,
      formatMoney(work.completedAndStoredToDate, minorUnits),
      formatMoney(line.scheduledValue, minorUnits),
    );
    (contract.allowOverbilling ? warnings : errors).push({ code: "OVERBILLED", path, message });
  }
  // Work goes backwards when this period moves away from the scheduled value: below zero on an
  // ordinary line, above zero on a deductive change order (whose work is negative by nature).
  // E = work to date − D, so its sign is how the two compare.
  const backwards = line.scheduledValue.lessThan(ZERO)
    ? work.workToDate.greaterThan(work.previouslyCompleted)
    : work.workToDate.lessThan(work.previouslyCompleted);
  if (backwards) {
    const path = pathOfProgress(line);
    warnings.push({
      code: "NEGATIVE_PERIOD",
      path,
      message: MESSAGES.NEGATIVE_PERIOD(`${describePath(path)} (line "${line.id}")`, formatMoney(thisPeriodOf(work), minorUnits)),
    });
  }
}

/** The field a problem with a line's progress points to. */
function pathOfProgress(line: Milestone): IssuePath {
  return ["lines", line.index, line.progress.kind === "none" ? "previouslyCompleted" : line.progress.kind];
}

/** Retention held to date before this application's release: 5a + 5b less what earlier applications released. */
function heldAfterEarlierReleases(retention: RetentionFigures, contract: Contract, errors: Issue[]): Dec {
  const held = retention.onCompletedWork.plus(retention.onStoredMaterials).minus(contract.retention.previouslyReleased);
  if (held.lessThan(ZERO)) {
    const path = ["retention", "previouslyReleased"];
    const { minorUnits } = contract;
    errors.push({
      code: "RELEASE_EXCEEDS_RETENTION",
      path,
      message: MESSAGES.RELEASE_EXCEEDS_RETENTION(
        describePath(path),
        formatMoney(contract.retention.previouslyReleased, minorUnits),
        formatMoney(held.plus(contract.retention.previouslyReleased), minorUnits),
      ),
    });
    return ZERO;
  }
  return held;
}

function releaseOf(contract: Contract, held: Dec, errors: Issue[]): Dec {
  const release = contract.retention.release;
  if (release === undefined) return ZERO;
  if (release === "all") return held;
  if (release === "half") return roundMoney(held.dividedBy(2), contract.minorUnits, contract.rounding);
  if (release.greaterThan(held)) {
    const path = ["retention", "release"];
    errors.push({
      code: "RELEASE_EXCEEDS_RETENTION",
      path,
      message: MESSAGES.RELEASE_EXCEEDS_RETENTION(
        describePath(path),
        formatMoney(release, contract.minorUnits),
        formatMoney(held, contract.minorUnits),
      ),
    });
    return ZERO;
  }
  return release;
}

/** Line 6 of the same contract as it stood on the previous application (E = 0, F = previous stored, no release). */
function derivePreviousCertificates(contract: Contract, contractSumToDate: Dec, previousCompletedAndStored: Dec): Dec {
  const work = contract.lines.map(previousLineWork);
  const retention = computeRetentionHeld(contract.lines, work, contract.retention, contractSumToDate, contract);
  const held = retention.onCompletedWork.plus(retention.onStoredMaterials).minus(contract.retention.previouslyReleased);
  return previousCompletedAndStored.minus(held);
}

function toResult(contract: Contract, figures: ApplicationFigures): BillingResult {
  const money = (amount: Dec): string => formatMoney(amount, contract.minorUnits);
  const defaultTaxRate = contract.tax.rate.toString();
  const lines = contract.lines.map((line, i) => toInvoiceLine(line, figures, i, money, defaultTaxRate));
  const taxableAmount = sum(figures.taxes.map((t) => t.taxableAmount));
  const tax = sum(figures.taxes.map((t) => t.tax));
  const { retention } = figures;
  const result: BillingResult = {
    currency: contract.currency,
    minorUnits: contract.minorUnits,
    rounding: contract.rounding,
    lines,
    summary: {
      originalContractSum: money(figures.originalContractSum),
      netChangeByChangeOrders: money(figures.netChangeByChangeOrders),
      contractSumToDate: money(figures.contractSumToDate),
      totalCompletedAndStoredToDate: money(figures.totalCompletedAndStoredToDate),
      retentionOnCompletedWork: money(retention.onCompletedWork),
      retentionOnStoredMaterials: money(retention.onStoredMaterials),
      retentionReleased: money(figures.retentionReleased),
      totalRetention: money(figures.totalRetention),
      totalEarnedLessRetention: money(figures.totalEarnedLessRetention),
      previousCertificates: money(figures.previousCertificates),
      advanceRecovery: money(figures.advance?.recovery ?? ZERO),
      currentPaymentDue: money(figures.currentPaymentDue),
      balanceToFinishIncludingRetention: money(figures.contractSumToDate.minus(figures.totalEarnedLessRetention)),
      taxableAmount: money(taxableAmount),
      tax: money(tax),
      totalDue: money(figures.currentPaymentDue.plus(tax)),
    },
    taxBreakdown: figures.taxes.map((t) => ({
      rate: t.rate.toString(),
      taxableAmount: money(t.taxableAmount),
      tax: money(t.tax),
    })),
    warnings: figures.warnings,
  };
  if (contract.advance !== undefined && figures.advance !== undefined) {
    result.advance = {
      amount: money(contract.advance.amount),
      previouslyRecovered: money(contract.advance.previouslyRecovered),
      recovery: money(figures.advance.recovery),
      outstanding: money(figures.advance.outstanding),
    };
  }
  return result;
}

function toInvoiceLine(
  line: Milestone,
  figures: ApplicationFigures,
  i: number,
  money: (amount: Dec) => string,
  defaultTaxRate: string,
): InvoiceLine {
  const w = figures.work[i] as LineWork;
  const r = figures.retention.lines[i] as { onWork: Dec; onStoredMaterials: Dec };
  const C = line.scheduledValue;
  const G = w.completedAndStoredToDate;
  const invoiceLine: InvoiceLine = {
    id: line.id,
    description: line.description,
    changeOrder: line.changeOrder,
    scheduledValue: money(C),
    previouslyCompleted: money(w.previouslyCompleted),
    thisPeriod: money(thisPeriodOf(w)),
    storedMaterials: money(w.storedMaterials),
    completedAndStoredToDate: money(G),
    percentComplete: formatFraction(G, C),
    balanceToFinish: money(C.minus(G)),
    retention: money(plus(r.onWork, r.onStoredMaterials)),
    retentionOnWork: money(r.onWork),
    retentionOnStoredMaterials: money(r.onStoredMaterials),
    taxRate: line.taxRate === undefined ? defaultTaxRate : line.taxRate.toString(),
  };
  if (line.progress.kind === "quantityToDate") {
    invoiceLine.quantityToDate = line.progress.quantity.toString();
    invoiceLine.unitPrice = line.progress.unitPrice.toString();
  }
  if (line.unit !== undefined) invoiceLine.unit = line.unit;
  return invoiceLine;
}
