import { computeAdvanceRecovery, type AdvanceFigures, type AdvanceTaxDeducted } from "./advance";
import { fixedText } from "./fixed";
import { type Issue, type IssuePath, MESSAGES, describePath } from "./issues";
import { computeLineWork, thisPeriodOf, type LineWork } from "./progress";
import type { Contract, Milestone } from "./request";
import type { BillingResult, ComputeOutcome, InvoiceLine } from "./result";
import { type LineRetention, computeRetention, computeRetentionHeld, type RetentionFigures } from "./retention";
import { formatFraction, formatMoney, roundToMinorUnits } from "./rounding";
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

/** Every figure of an application in minor units, before it is written as text; errors that only the arithmetic can show. */
interface ApplicationFigures {
  work: LineWork[];
  retention: RetentionFigures;
  retentionReleased: bigint;
  originalContractSum: bigint;
  netChangeByChangeOrders: bigint;
  contractSumToDate: bigint;
  totalCompletedAndStoredToDate: bigint;
  totalRetention: bigint;
  totalEarnedLessRetention: bigint;
  previousCertificates: bigint;
  advance: AdvanceFigures | undefined;
  currentPaymentDue: bigint;
  taxes: TaxGroup[];
  /** Per rate, the advance recovered and the VAT an advance invoice already charged on it; undefined when none is deducted. */
  advanceTaxDeducted: AdvanceTaxDeducted[] | undefined;
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
  let originalContractSum = 0n;
  let netChangeByChangeOrders = 0n;
  for (let i = 0; i < contract.lines.length; i += 1) {
    const line = contract.lines[i] as Milestone;
    const w = computeLineWork(line, minorUnits, rounding);
    work[i] = w;
    judgeLine(contract, line, w, errors, warnings);
    if (line.changeOrder) netChangeByChangeOrders += line.scheduledValue;
    else originalContractSum += line.scheduledValue;
    taxBases.add(line.taxRate ?? contract.tax.rate, w.completedAndStoredToDate, w.previousCompletedAndStored);
  }
  // Σ G and Σ previous G over all lines are the sums of the rates' sums.
  const { toDate: totalCompletedAndStoredToDate, previous: previousCompletedAndStored } = taxBases.total();
  const contractSumToDate = originalContractSum + netChangeByChangeOrders;

  const retention = computeRetention(contract.lines, work, contract.retention, contractSumToDate, money);
  const held = heldAfterEarlierReleases(retention, contract, errors);
  const retentionReleased = releaseOf(contract, held, errors);
  const totalRetention = held - retentionReleased;
  const totalEarnedLessRetention = totalCompletedAndStoredToDate - totalRetention;

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
  const currentPaymentDue = totalEarnedLessRetention - previousCertificates - (advance?.recovery ?? 0n);

  const taxes = computeTax(taxBases, contract.tax, currentPaymentDue, minorUnits, rounding);
  // The period base taxes the whole work of the period, the part the advance paid for included:
  // the VAT an advance invoice charged on that part is deducted. The payment base (line 8) leaves
  // the recovered advance out already, so its VAT is not charged twice and nothing is deducted.
  const advanceTaxDeducted = contract.tax.base === "period" ? advance?.taxDeducted?.filter((d) => d.recovered !== 0n || d.tax !== 0n) : undefined;

  return {
    work, retention, retentionReleased, originalContractSum, netChangeByChangeOrders, contractSumToDate,
    totalCompletedAndStoredToDate, totalRetention, totalEarnedLessRetention, previousCertificates, advance,
    currentPaymentDue, taxes, advanceTaxDeducted, errors, warnings,
  };
}

function judgeLine(contract: Contract, line: Milestone, work: LineWork, errors: Issue[], warnings: Issue[]): void {
  const { minorUnits } = contract;
  const C = line.scheduledValue;
  // On a capped line G never passes C; what is judged there is D + F, which the cap cannot cut.
  const cappedLine = line.capped && C >= 0n;
  const judged = cappedLine ? work.previouslyCompleted + work.storedMaterials : work.completedAndStoredToDate;
  if (C >= 0n && judged > C) {
    const path = pathOfProgress(line);
    const field = `${describePath(path)} (line "${line.id}")`;
    const message = (cappedLine ? MESSAGES.OVERBILLED_CAPPED : MESSAGES.OVERBILLED)(field, formatMoney(judged, minorUnits), formatMoney(C, minorUnits));
    (contract.allowOverbilling ? warnings : errors).push({ code: "OVERBILLED", path, message });
  }
  if (work.workedNotBilled > 0n) {
    const path = ["lines", line.index];
    warnings.push({
      code: "CAPPED",
      path,
      message: MESSAGES.CAPPED(
        `${describePath(path)} (line "${line.id}")`,
        formatMoney(work.workToDate + work.workedNotBilled, minorUnits),
        formatMoney(work.workToDate, minorUnits),
        formatMoney(work.workedNotBilled, minorUnits),
      ),
    });
  }
  // Work goes backwards when this period moves away from the scheduled value: below zero on an
  // ordinary line, above zero on a deductive change order (whose work is negative by nature).
  // E = work to date − D, so its sign is how the two compare.
  const backwards = line.scheduledValue < 0n
    ? work.workToDate > work.previouslyCompleted
    : work.workToDate < work.previouslyCompleted;
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
function heldAfterEarlierReleases(retention: RetentionFigures, contract: Contract, errors: Issue[]): bigint {
  const held = retention.onCompletedWork + retention.onStoredMaterials - contract.retention.previouslyReleased;
  // Retention on deductive work is negative by nature: only a release can be too large.
  if (held < 0n && contract.retention.previouslyReleased > 0n) {
    const path = ["retention", "previouslyReleased"];
    const { minorUnits } = contract;
    errors.push({
      code: "RELEASE_EXCEEDS_RETENTION",
      path,
      message: MESSAGES.RELEASE_EXCEEDS_RETENTION(
        describePath(path),
        formatMoney(contract.retention.previouslyReleased, minorUnits),
        formatMoney(held + contract.retention.previouslyReleased, minorUnits),
      ),
    });
    return 0n;
  }
  return held;
}

function releaseOf(contract: Contract, held: bigint, errors: Issue[]): bigint {
  const release = contract.retention.release;
  if (release === undefined) return 0n;
  // Retention on deductive work is negative: there is only something to release above zero.
  const releasable = held > 0n ? held : 0n;
  if (release === "all") return releasable;
  // Half is held × 5 / 10: the exact half one decimal further, rounded to the minor unit.
  if (release === "half") return roundToMinorUnits(releasable * 5n, contract.minorUnits + 1, contract.minorUnits, contract.rounding);
  if (release > releasable) {
    const path = ["retention", "release"];
    errors.push({
      code: "RELEASE_EXCEEDS_RETENTION",
      path,
      message: MESSAGES.RELEASE_EXCEEDS_RETENTION(
        describePath(path),
        formatMoney(release, contract.minorUnits),
        formatMoney(releasable, contract.minorUnits),
      ),
    });
    return 0n;
  }
  return release;
}

/** Line 6 of the same contract as it stood on the previous application (E = 0, F = previous stored, no release). */
function derivePreviousCertificates(contract: Contract, contractSumToDate: bigint, previousCompletedAndStored: bigint): bigint {
  // As the lines stood then: work to date D, stored materials as they were.
  const work = contract.lines.map((line) => ({ workToDate: line.previouslyCompleted, storedMaterials: line.previousStoredMaterials }));
  const retention = computeRetentionHeld(contract.lines, work, contract.retention, contractSumToDate, contract);
  const held = retention.onCompletedWork + retention.onStoredMaterials - contract.retention.previouslyReleased;
  return previousCompletedAndStored - held;
}

function toResult(contract: Contract, figures: ApplicationFigures): BillingResult {
  const money = (amount: bigint): string => formatMoney(amount, contract.minorUnits);
  const defaultTaxRate = fixedText(contract.tax.rate);
  const lines = contract.lines.map((line, i) => toInvoiceLine(line, figures, i, money, defaultTaxRate));
  const taxableAmount = figures.taxes.reduce((total, t) => total + t.taxableAmount, 0n);
  const deducted = figures.advanceTaxDeducted ?? [];
  // The VAT this document charges: per rate on its base, less what the advance invoice already charged.
  const tax = figures.taxes.reduce((total, t) => total + t.tax, 0n) - deducted.reduce((total, d) => total + d.tax, 0n);
  const { retention } = figures;
  return {
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
      advanceRecovery: money(figures.advance?.recovery ?? 0n),
      currentPaymentDue: money(figures.currentPaymentDue),
      balanceToFinishIncludingRetention: money(figures.contractSumToDate - figures.totalEarnedLessRetention),
      taxableAmount: money(taxableAmount),
      tax: money(tax),
      totalDue: money(figures.currentPaymentDue + tax),
    },
    taxBreakdown: figures.taxes.map((t) => ({
      rate: fixedText(t.rate),
      taxableAmount: money(t.taxableAmount),
      tax: money(t.tax),
    })),
    warnings: figures.warnings,
    ...(figures.advanceTaxDeducted === undefined
      ? {}
      : { advanceTaxDeducted: deducted.map((d) => ({ rate: fixedText(d.rate), recovered: money(d.recovered), tax: money(d.tax) })) }),
    advance:
      contract.advance === undefined || figures.advance === undefined
        ? undefined
        : {
            amount: money(contract.advance.amount),
            previouslyRecovered: money(contract.advance.previouslyRecovered),
            recovery: money(figures.advance.recovery),
            outstanding: money(figures.advance.outstanding),
          },
  };
}

function toInvoiceLine(
  line: Milestone,
  figures: ApplicationFigures,
  i: number,
  money: (amount: bigint) => string,
  defaultTaxRate: string,
): InvoiceLine {
  const w = figures.work[i] as LineWork;
  const r = figures.retention.lines[i] as LineRetention;
  const C = line.scheduledValue;
  const G = w.completedAndStoredToDate;
  // Most lines have no stored materials: their retention is the retention on work, written once.
  const retentionOnWork = money(r.onWork);
  const quantity = line.progress.kind === "quantityToDate" ? line.progress : undefined;
  return {
    id: line.id,
    description: line.description,
    changeOrder: line.changeOrder,
    scheduledValue: money(C),
    previouslyCompleted: money(w.previouslyCompleted),
    thisPeriod: money(thisPeriodOf(w)),
    storedMaterials: money(w.storedMaterials),
    completedAndStoredToDate: money(G),
    percentComplete: formatFraction(G, C),
    balanceToFinish: money(C - G),
    retention: r.onStoredMaterials === 0n ? retentionOnWork : money(r.onWork + r.onStoredMaterials),
    retentionOnWork,
    retentionOnStoredMaterials: money(r.onStoredMaterials),
    taxRate: line.taxRate === undefined ? defaultTaxRate : fixedText(line.taxRate),
    // Every line has the same fields (undefined where they do not apply, which JSON leaves out):
    // lines of one shape keep the code optimised for them through garbage collections.
    quantityToDate: quantity === undefined ? undefined : fixedText(quantity.quantity),
    unitPrice: quantity === undefined ? undefined : fixedText(quantity.unitPrice),
    unit: line.unit,
    workedNotBilled: line.capped ? money(w.workedNotBilled) : undefined,
  };
}
