import { MAX_MINOR_UNITS, minorUnitsOf } from "../currency";
import { isIsoDate } from "../dates";
import { type ReadProblem, readUnits } from "../fixed";
import { type Issue, type IssuePath, MESSAGES } from "../issues";
import { ROUNDING_MODES, type RoundingMode, formatMoney } from "../rounding";
import type { FinanceInput } from "./types";

/** The contract's currency as the finance figures count in it. */
export interface Money {
  currency: string;
  minorUnits: number;
  rounding: RoundingMode;
}

/** Whether an amount may be below zero. */
export type Sign = "any sign" | "not below zero";

/**
 * Reads the fields of a finance input, collecting every problem rather than stopping at the
 * first. Each problem's message names the row as a person reads it ("Payment 3 (INV-0009): the
 * amount"); the workbook layer puts the cell's address in front.
 */
export class FinanceReader {
  readonly issues: Issue[] = [];

  constructor(readonly money: Money) {}

  problem(code: Issue["code"], path: IssuePath, message: string): undefined {
    this.issues.push({ code, path, message });
    return undefined;
  }

  /** An amount in whole minor units of the contract currency; blank is a problem (REQUIRED). */
  amount(text: string, path: IssuePath, name: string, sign: Sign): bigint | undefined {
    const trimmed = text.trim();
    if (trimmed === "") return this.problem("REQUIRED", path, MESSAGES.REQUIRED(name));
    const units = readUnits(trimmed, this.money.minorUnits);
    if (typeof units !== "bigint") return this.unreadable(units, trimmed, path, name);
    if (sign === "not below zero" && units < 0n) return this.problem("NEGATIVE_AMOUNT", path, MESSAGES.NEGATIVE_AMOUNT(name, trimmed));
    return units;
  }

  /** An amount that may be absent (a blank cell of an optional column). */
  optionalAmount(text: string | undefined, path: IssuePath, name: string, sign: Sign): bigint | undefined {
    return text === undefined || text.trim() === "" ? undefined : this.amount(text, path, name, sign);
  }

  private unreadable(reading: ReadProblem, text: string, path: IssuePath, name: string): undefined {
    if (reading.problem === "not-a-number") return this.problem("NOT_A_NUMBER", path, MESSAGES.NOT_A_NUMBER(name, `"${text}"`));
    if (reading.problem === "too-large") return this.problem("AMOUNT_TOO_LARGE", path, MESSAGES.AMOUNT_TOO_LARGE(name, text));
    const { currency, minorUnits } = this.money;
    return this.problem("TOO_MANY_DECIMALS", path, MESSAGES.TOO_MANY_DECIMALS(name, text, currency, minorUnits));
  }

  /** An ISO date (YYYY-MM-DD); blank is a problem (REQUIRED). */
  date(text: string, path: IssuePath, name: string): string | undefined {
    const trimmed = text.trim();
    if (trimmed === "") return this.problem("REQUIRED", path, MESSAGES.REQUIRED(name));
    if (!isIsoDate(trimmed)) return this.problem("INVALID_OPTION", path, MESSAGES.INVALID_OPTION(name, `"${trimmed}"`, "a date written as YYYY-MM-DD"));
    return trimmed;
  }

  optionalDate(text: string | undefined, path: IssuePath, name: string): string | undefined {
    return text === undefined || text.trim() === "" ? undefined : this.date(text, path, name);
  }

  /** The amount as the edges carry it: exactly the currency's minor units. */
  format(units: bigint): string {
    return formatMoney(units, this.money.minorUnits);
  }
}

/**
 * The currency, minor units and rounding of a contract, or its problems: nothing else can be
 * read without them.
 */
export function readMoney(input: Pick<FinanceInput, "currency" | "minorUnits" | "rounding">): { money: Money } | { errors: Issue[] } {
  const errors: Issue[] = [];
  const currency = input.currency.trim().toUpperCase();
  let minorUnits = input.minorUnits;
  if (minorUnits !== undefined && !(Number.isInteger(minorUnits) && minorUnits >= 0 && minorUnits <= MAX_MINOR_UNITS)) {
    errors.push({
      code: "INVALID_OPTION", path: ["minorUnits"],
      message: MESSAGES.INVALID_OPTION("The currency's minor units", String(minorUnits), `a whole number from 0 to ${MAX_MINOR_UNITS}`),
    });
  }
  minorUnits ??= minorUnitsOf(currency);
  if (minorUnits === undefined) {
    errors.push({
      code: currency === "" ? "REQUIRED" : "UNKNOWN_CURRENCY", path: ["currency"],
      message: currency === "" ? MESSAGES.REQUIRED("The contract currency") : `The contract ${MESSAGES.UNKNOWN_CURRENCY(currency)}`,
    });
  }
  const rounding = input.rounding ?? "half-up";
  if (!ROUNDING_MODES.includes(rounding)) {
    errors.push({ code: "INVALID_OPTION", path: ["rounding"], message: MESSAGES.INVALID_OPTION("The rounding", `"${String(rounding)}"`, `"half-up" or "half-even"`) });
  }
  if (errors.length > 0 || minorUnits === undefined) return { errors };
  return { money: { currency, minorUnits, rounding } };
}

/** The as-of date, required by every figure. */
export function readAsOf(reader: FinanceReader, asOf: string): string | undefined {
  return reader.date(asOf, ["asOf"], "The as-of date");
}

/** How the problems name a row: "Payment 3 (INV-0009)", "Cost 2 (line A)", "Line 4 (B)", 1-based as a person counts. */
export function rowName(kind: "Payment" | "Cost" | "Line" | "Document", index: number, label: string): string {
  const trimmed = label.trim();
  const shown = kind === "Cost" ? `line ${trimmed}` : trimmed;
  return trimmed === "" ? `${kind} ${index + 1}` : `${kind} ${index + 1} (${shown})`;
}
