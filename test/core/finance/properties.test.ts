import fc from "fast-check";
import { Decimal } from "decimal.js";
import { addDays, computeFinances, summariseByCurrency, type ContractFinances, type CostInput, type FinanceDocumentInput, type FinanceInput, type PaymentInput } from "../../../src/core";
import { CURRENCIES, money } from "../arbitraries";
import { cost, creditNote, invoice, line, payment } from "./helpers";

const total = (values: readonly string[]): Decimal => values.reduce((acc, v) => acc.plus(v), new Decimal(0));

/**
 * A random contract whose input is valid: invoices (some cancelled and reissued), payments
 * and refunds that never take a document's paid total past its amount due or below zero,
 * lines with or without an estimate, costs in cells or in rows, planned dates or none.
 */
const contractInput = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    rounding: fc.constantFrom("half-up" as const, "half-even" as const),
    terms: fc.integer({ min: 0, max: 90 }),
    asOfDay: fc.integer({ min: 0, max: 500 }),
    advance: fc.bigInt({ min: 0n, max: 1_000_000n }),
    invoices: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 60 }),
        totalDue: fc.bigInt({ min: -100_000n, max: 10_000_000n }),
        advanceRecovered: fc.bigInt({ min: 0n, max: 100_000n }),
        cancelled: fc.boolean(),
        payments: fc.array(fc.record({ share: fc.integer({ min: 0, max: 100 }), after: fc.integer({ min: 0, max: 60 }), refund: fc.boolean() }), { maxLength: 4 }),
      }),
      { maxLength: 6 },
    ),
    lines: fc.array(
      fc.record({
        value: fc.bigInt({ min: -50_000n, max: 5_000_000n }),
        estimate: fc.option(fc.bigInt({ min: 0n, max: 5_000_000n }), { nil: undefined }),
        cost: fc.bigInt({ min: 0n, max: 6_000_000n }),
        costInRows: fc.boolean(),
        billedShare: fc.integer({ min: 0, max: 100 }),
        planned: fc.option(fc.integer({ min: -60, max: 600 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map((c): FinanceInput => {
    const m = c.currency.minorUnits;
    const start = "2026-01-01";
    const lines = c.lines.map((l, i) =>
      line(`L${i}`, money(l.value, m), {
        estimatedCost: l.estimate === undefined ? undefined : money(l.estimate, m),
        costToDate: l.costInRows ? undefined : money(l.cost, m),
        plannedCompletion: l.planned === undefined ? undefined : addDays(start, l.planned),
      }),
    );
    const costs: CostInput[] = c.lines.flatMap((l, i) =>
      l.costInRows ? [cost(addDays(start, i), `l${i}`, money(l.cost / 2n, m), "labour"), cost(addDays(start, 200 + i), `L${i}`, money(l.cost - l.cost / 2n, m))] : [],
    );
    const billed = c.lines.map((l, i) => ({ id: `L${i}`, completedAndStoredToDate: money((l.value * BigInt(l.billedShare)) / 100n, m) }));
    const documents: FinanceDocumentInput[] = [];
    const payments: PaymentInput[] = [];
    let day = 0;
    c.invoices.forEach((inv, i) => {
      day += inv.gap;
      const number = `INV-${i + 1}`;
      const date = addDays(start, day);
      documents.push(invoice(number, date, addDays(date, c.terms), money(inv.totalDue, m), { advanceRecovered: money(inv.advanceRecovered, m), lines: billed }));
      if (inv.cancelled) {
        documents.push(creditNote(`CN-${i + 1}`, number, date, money(-inv.totalDue, m)));
        return;
      }
      // Paid toward the amount due (either sign), in date order, never past it nor past zero:
      // bigint division cuts toward zero.
      let paid = 0n;
      let paidOn = date;
      for (const p of inv.payments) {
        paidOn = addDays(paidOn, p.after);
        const amount = p.refund ? -((paid * BigInt(p.share)) / 100n) : ((inv.totalDue - paid) * BigInt(p.share)) / 100n;
        paid += amount;
        payments.push(payment(paidOn, number, money(amount, m)));
      }
    });
    return {
      asOf: addDays(start, c.asOfDay), currency: c.currency.code, rounding: c.rounding, paymentTermsDays: c.terms,
      advancePaid: money(c.advance, m), documents, payments, lines, costs,
    };
  });

function finances(input: FinanceInput): ContractFinances {
  const outcome = computeFinances(input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors, null, 2));
  return outcome.finances;
}

describe("properties of the finance figures", () => {
  test("the aging buckets add up to what is outstanding; each invoice's paid and outstanding to its amount due", () => {
    fc.assert(
      fc.property(contractInput, (input) => {
        const f = finances(input);
        expect(total(Object.values(f.aging)).equals(f.outstanding)).toBe(true);
        expect(new Decimal(f.invoicedToDate).minus(f.paidToDate).equals(f.outstanding)).toBe(true);
        expect(total(f.invoices.map((i) => i.amountDue)).equals(f.invoicedToDate)).toBe(true);
        expect(total(f.invoices.filter((i) => i.daysOverdue > 0).map((i) => i.outstanding)).equals(f.overdue)).toBe(true);
        for (const i of f.invoices) {
          expect(new Decimal(i.paid).plus(i.outstanding).equals(i.amountDue)).toBe(true);
          expect(i.bucket === "current").toBe(i.daysOverdue === 0);
        }
      }),
    );
  });

  test("over/under billing is billed less earned, for the contract and each line; earned stays within the contract sum", () => {
    fc.assert(
      fc.property(contractInput, (input) => {
        const f = finances(input);
        const rows = [f, ...f.lines.map((l) => ({ ...l, contractSumToDate: l.contractValue }))];
        for (const row of rows) {
          if (row.earnedRevenue === null) {
            expect([row.overUnderBilling, row.percentCompleteByCost]).toEqual([null, null]);
            continue;
          }
          expect(new Decimal(row.billedToDate).minus(row.earnedRevenue).equals(row.overUnderBilling as string)).toBe(true);
          const percent = new Decimal(row.percentCompleteByCost as string);
          expect(percent.greaterThanOrEqualTo(0) && percent.lessThanOrEqualTo(1)).toBe(true);
          const [low, high] = [Decimal.min(0, row.contractSumToDate), Decimal.max(0, row.contractSumToDate)];
          expect(new Decimal(row.earnedRevenue).greaterThanOrEqualTo(low) && new Decimal(row.earnedRevenue).lessThanOrEqualTo(high)).toBe(true);
        }
        if (f.earnedRevenue !== null) expect(new Decimal(f.earnedRevenue).minus(f.costToDate).equals(f.grossProfitToDate as string)).toBe(true);
        expect(total(f.lines.map((l) => l.costToDate)).equals(f.costToDate)).toBe(true);
      }),
    );
  });

  test("the forecast bills every planned balance once and collects it, with what invoices still owe", () => {
    fc.assert(
      fc.property(contractInput, (input) => {
        const f = finances(input);
        const planned = new Set(input.lines.filter((l) => l.plannedCompletion !== undefined).map((l) => l.id));
        const balances = f.lines.map((l) => ({ id: l.id, balance: new Decimal(l.contractValue).minus(l.billedToDate) }));
        const plannedBalance = balances.filter((b) => planned.has(b.id)).reduce((acc, b) => acc.plus(b.balance), new Decimal(0));
        expect(total(f.forecast.map((month) => month.billing)).equals(plannedBalance)).toBe(true);
        expect(total(f.forecast.map((month) => month.cash)).equals(plannedBalance.plus(f.outstanding))).toBe(true);
        const unplanned = balances.filter((b) => !planned.has(b.id) && !b.balance.isZero());
        expect(f.unplanned.map((u) => [u.id, new Decimal(u.balance).toString()])).toEqual(unplanned.map((b) => [b.id, b.balance.toString()]));
        expect(f.forecast.length).toBeGreaterThan(0);
      }),
    );
  });

  test("the totals of a currency are the sums of its contracts' figures", () => {
    fc.assert(
      fc.property(fc.array(contractInput, { minLength: 1, maxLength: 5 }), (inputs) => {
        const contracts = inputs.map(finances);
        for (const totals of summariseByCurrency(contracts)) {
          const group = contracts.filter((c) => c.currency === totals.currency);
          expect(totals.contracts).toBe(group.length);
          for (const [field, value] of Object.entries(totals)) {
            if (field === "currency" || field === "contracts") continue;
            if (field === "aging") {
              for (const [bucket, sum] of Object.entries(value as Record<string, string>)) {
                expect(total(group.map((c) => c.aging[bucket as keyof ContractFinances["aging"]])).equals(sum)).toBe(true);
              }
              continue;
            }
            const present = group.map((c) => c[field as keyof ContractFinances] as string | null).filter((v): v is string => v !== null);
            if (value === null) expect(present).toEqual([]);
            else expect(total(present).equals(value as string)).toBe(true);
          }
        }
      }),
    );
  });
});
