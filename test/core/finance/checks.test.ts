// Every check of the finance rules: a problem at its path, in words that name the row and say how to fix it.
import { computeFinances, type FinanceInput, type Issue } from "../../../src/core";
import { contract, cost, creditNote, invoice, line, payment, where } from "./helpers";

const documents = [
  invoice("INV-0001", "2026-01-31", "2026-03-02", "1000.00"),
  invoice("INV-0002", "2026-02-28", "2026-03-30", "2000.00"),
  creditNote("CN-0001", "INV-0002", "2026-03-10", "-2000.00"),
  invoice("INV-0003", "2026-03-10", "2026-04-09", "2000.00"),
  invoice("INV-0004", "2026-04-30", "2026-05-30", "-300.00"),
];

function errors(more: Partial<FinanceInput>): Issue[] {
  const outcome = computeFinances(contract({ asOf: "2026-06-30", documents, lines: [line("A", "5000.00")], ...more }));
  if (outcome.ok) throw new Error("expected errors");
  return outcome.errors;
}

describe("the payments' checks", () => {
  test("a payment against a number the log does not hold", () => {
    const [issue] = errors({ payments: [payment("2026-04-01", "INV-9999", "10.00")] });
    expect(issue).toEqual({
      code: "UNKNOWN_DOCUMENT", path: ["payments", 0, "document"],
      message: "Payment 1 (INV-9999): the billing log has no document INV-9999; enter the number of the invoice the client paid.",
    });
  });

  test("a payment against a cancelled invoice or against the credit note", () => {
    const issues = errors({ payments: [payment("2026-04-01", "INV-0003", "10.00"), payment("2026-04-01", "INV-0002", "10.00"), payment("2026-04-01", "CN-0001", "10.00")] });
    expect(where(issues)).toEqual([
      { code: "UNKNOWN_DOCUMENT", path: ["payments", 1, "document"] },
      { code: "UNKNOWN_DOCUMENT", path: ["payments", 2, "document"] },
    ]);
    expect(issues[0]?.message).toBe("Payment 2 (INV-0002): INV-0002 was cancelled by CN-0001; record the payment against the invoice that replaced it.");
    expect(issues[1]?.message).toBe("Payment 3 (CN-0001): CN-0001 is the credit note that cancelled INV-0002; record the payment against the invoice that replaced it.");
  });

  test("a payment dated before its invoice", () => {
    const [issue] = errors({ payments: [payment("2026-03-09", "INV-0003", "10.00")] });
    expect(issue).toEqual({
      code: "PAYMENT_BEFORE_INVOICE", path: ["payments", 0, "date"],
      message: "Payment 1 (INV-0003): it is dated 2026-03-09, before INV-0003 was issued (2026-03-10); check the date and the document number.",
    });
  });

  test("overpaid: the payment that passes the amount due, in date order, not row order", () => {
    // 2026-02-10 600.00, then 2026-02-20 500.00: 1100.00 > 1000.00 at the second by date, the first row.
    const issues = errors({ payments: [payment("2026-02-20", "INV-0001", "500.00"), payment("2026-02-10", "INV-0001", "600.00")] });
    expect(issues).toEqual([
      {
        code: "OVERPAID", path: ["payments", 0, "amount"],
        message: "Payment 1 (INV-0001): it takes what was paid against INV-0001 to 1100.00, beyond its amount due (1000.00); check the amount, and record any excess against the invoice it belongs to.",
      },
    ]);
  });

  test("a payment of exactly the amount due, and a refund of what was paid, pass", () => {
    const outcome = computeFinances(contract({
      asOf: "2026-06-30", documents,
      payments: [payment("2026-02-10", "INV-0001", "1000.00"), payment("2026-02-11", "INV-0001", "-1000.00"), payment("2026-02-12", "INV-0001", "1000.00")],
    }));
    expect(outcome.ok).toBe(true);
  });

  test("a refund of more than was paid", () => {
    const issues = errors({ payments: [payment("2026-04-01", "INV-0003", "100.00"), payment("2026-04-02", "INV-0003", "-100.01")] });
    expect(issues).toEqual([
      {
        code: "OVERPAID", path: ["payments", 1, "amount"],
        message: "Payment 2 (INV-0003): it takes what was paid against INV-0003 to -0.01, past zero and away from its amount due (2000.00): a refund cannot exceed what was paid; check the amount and its sign.",
      },
    ]);
  });

  test("a negative amount due: paid back down to it, never below it, never above zero", () => {
    expect(computeFinances(contract({ asOf: "2026-06-30", documents, payments: [payment("2026-05-10", "INV-0004", "-300.00")] })).ok).toBe(true);
    expect(where(errors({ payments: [payment("2026-05-10", "INV-0004", "-300.01")] }))).toEqual([{ code: "OVERPAID", path: ["payments", 0, "amount"] }]);
    expect(where(errors({ payments: [payment("2026-05-10", "INV-0004", "10.00")] }))).toEqual([{ code: "OVERPAID", path: ["payments", 0, "amount"] }]);
  });

  test("a payment dated after the as-of date is checked too", () => {
    const issues = errors({ payments: [payment("2026-02-10", "INV-0001", "1000.00"), payment("2026-09-01", "INV-0001", "1.00")] });
    expect(where(issues)).toEqual([{ code: "OVERPAID", path: ["payments", 1, "amount"] }]);
  });

  test("a payment in another currency; the contract's, in any case, passes", () => {
    const issues = errors({ payments: [payment("2026-04-01", "INV-0003", "10.00", "usd"), payment("2026-04-01", "INV-0003", "10.00", " eur ")] });
    expect(issues).toEqual([
      {
        code: "WRONG_CURRENCY", path: ["payments", 0, "currency"],
        message: "Payment 1 (INV-0003): it is in USD, but the contract is in EUR; enter the amount received in EUR, or leave the currency blank.",
      },
    ]);
  });

  test("text, too many decimals and blanks in a payment's cells", () => {
    const issues = errors({
      payments: [
        payment("2026-04-01", "INV-0003", "12.345"),
        payment("31/12/2026", "INV-0003", "abc"),
        payment("", "", ""),
        payment("2026-04-01", "INV-0003", "1e20"),
      ],
    });
    expect(issues).toEqual([
      { code: "TOO_MANY_DECIMALS", path: ["payments", 0, "amount"], message: "Payment 1 (INV-0003): the amount is 12.345, which has more decimals than EUR has (2)." },
      { code: "INVALID_OPTION", path: ["payments", 1, "date"], message: 'Payment 2 (INV-0003): the date must be a date written as YYYY-MM-DD, not "31/12/2026".' },
      { code: "NOT_A_NUMBER", path: ["payments", 1, "amount"], message: 'Payment 2 (INV-0003): the amount must be a number, not "abc".' },
      { code: "REQUIRED", path: ["payments", 2, "date"], message: "Payment 3: the date is required." },
      { code: "REQUIRED", path: ["payments", 2, "amount"], message: "Payment 3: the amount is required." },
      { code: "REQUIRED", path: ["payments", 2, "document"], message: "Payment 3: the document number is required." },
      { code: "AMOUNT_TOO_LARGE", path: ["payments", 3, "amount"], message: "Payment 4 (INV-0003): the amount is 1e20, more than the 15 digits an amount may have." },
    ]);
  });
});

describe("the costs' checks", () => {
  test("a line with both a Cost to date cell and Costs rows", () => {
    const issues = errors({ lines: [line("A", "5000.00", { costToDate: "100.00" })], costs: [cost("2026-05-01", "a", "50.00")] });
    expect(issues).toEqual([
      {
        code: "COST_TWICE", path: ["lines", 0, "costToDate"],
        message: "Line 1 (A): its cost is both in the Cost to date column and in rows of the Costs table; keep one: clear the cell, or delete the line's Costs rows.",
      },
    ]);
  });

  test("a cost row for no line, or for none at all", () => {
    const issues = errors({ costs: [cost("2026-05-01", "Z", "50.00"), cost("2026-05-01", " ", "50.00")] });
    expect(issues).toEqual([
      { code: "UNKNOWN_LINE", path: ["costs", 0, "line"], message: 'Cost 1 (line Z): no line of the milestone table has the id "Z"; enter the id of the line the cost belongs to.' },
      { code: "REQUIRED", path: ["costs", 1, "line"], message: "Cost 2: the line id is required." },
    ]);
  });

  test("a category Interim does not know, bad cells in a cost row", () => {
    const issues = errors({ costs: [{ ...cost("2026-05-01", "A", "50.001"), category: "food" as never }, cost("2026-13-01", "A", "x")] });
    expect(where(issues)).toEqual([
      { code: "TOO_MANY_DECIMALS", path: ["costs", 0, "amount"] },
      { code: "INVALID_OPTION", path: ["costs", 0, "category"] },
      { code: "INVALID_OPTION", path: ["costs", 1, "date"] },
      { code: "NOT_A_NUMBER", path: ["costs", 1, "amount"] },
    ]);
    expect(issues[1]?.message).toBe('Cost 1 (line A): the category must be one of labour, subcontract, hardware, licences, travel, other, not "food".');
  });

  test("a supplier's credit is a negative row, but a line's costs may not add up below zero", () => {
    const ok = computeFinances(contract({ asOf: "2026-06-30", lines: [line("A", "5000.00")], costs: [cost("2026-05-01", "A", "50.00"), cost("2026-05-02", "A", "-20.00")] }));
    expect(ok.ok && ok.finances.costToDate).toBe("30.00");
    expect(errors({ costs: [cost("2026-05-01", "A", "-20.00")] })).toEqual([
      { code: "NEGATIVE_AMOUNT", path: ["lines", 0], message: "Line 1 (A): its rows of the Costs table add up to -20.00, below zero; check the credits recorded against it." },
    ]);
  });

  test("bad cells in the lines' finance columns", () => {
    const issues = errors({
      lines: [
        line("A", "5000.00", { costToDate: "-1.00", estimatedCost: "1.001", plannedCompletion: "soon" }),
        line(" a ", "10.00", { estimatedCost: "-5" }),
      ],
    });
    expect(where(issues)).toEqual([
      { code: "NEGATIVE_AMOUNT", path: ["lines", 0, "costToDate"] },
      { code: "TOO_MANY_DECIMALS", path: ["lines", 0, "estimatedCost"] },
      { code: "INVALID_OPTION", path: ["lines", 0, "plannedCompletion"] },
      { code: "DUPLICATE_ID", path: ["lines", 1, "id"] },
      { code: "NEGATIVE_AMOUNT", path: ["lines", 1, "estimatedCost"] },
    ]);
    expect(issues[0]?.message).toBe("Line 1 (A): the cost to date must not be below zero, not -1.00.");
    expect(issues[3]?.message).toBe('Line 2 (a): the id "a" is already used by line 1; every line needs its own id.');
  });
});

describe("the contract's settings", () => {
  test("currency, rounding and minor units come first: nothing is read without them", () => {
    expect(where(errors({ currency: "XYZ" }))).toEqual([{ code: "UNKNOWN_CURRENCY", path: ["currency"] }]);
    expect(where(errors({ currency: " " }))).toEqual([{ code: "REQUIRED", path: ["currency"] }]);
    expect(where(errors({ rounding: "up" as never, minorUnits: 7 }))).toEqual([
      { code: "INVALID_OPTION", path: ["minorUnits"] },
      { code: "INVALID_OPTION", path: ["rounding"] },
    ]);
    // A currency without known minor units is fine when they are given.
    expect(computeFinances(contract({ currency: "XYZ", minorUnits: 2 })).ok).toBe(true);
  });

  test("the as-of date, the payment terms and the advance", () => {
    const issues = errors({ asOf: "2026-02-30", paymentTermsDays: 2.5, advancePaid: "-1" });
    expect(issues).toEqual([
      { code: "INVALID_OPTION", path: ["asOf"], message: 'The as-of date must be a date written as YYYY-MM-DD, not "2026-02-30".' },
      { code: "INVALID_OPTION", path: ["paymentTermsDays"], message: "The payment terms (days) must be a whole number of days, 0 or more, not 2.5." },
      { code: "NEGATIVE_AMOUNT", path: ["advancePaid"], message: "The advance paid must not be below zero, not -1." },
    ]);
    expect(where(errors({ asOf: "" }))).toEqual([{ code: "REQUIRED", path: ["asOf"] }]);
  });

  test("every problem at once, and no figures", () => {
    const issues = errors({
      payments: [payment("2026-04-01", "INV-9999", "1.00")],
      costs: [cost("2026-05-01", "Z", "1.00")],
      lines: [line("A", "5000.00", { costToDate: "x" })],
    });
    expect(issues.map((i) => i.code)).toEqual(["UNKNOWN_DOCUMENT", "NOT_A_NUMBER", "UNKNOWN_LINE"]);
  });
});
