import { minorUnitsOf } from "./currency";
import { Dec, ZERO, isDecimalText } from "./decimal";
import { CoreInputError, MESSAGES } from "./issues";
import { ROUNDING_MODES, type RoundingMode, formatMoney, roundMoney } from "./rounding";

/**
 * The figures of a single line, for surfaces that compute one cell at a time (the INTERIM.*
 * custom functions). They use the same rounding points as the whole-request computation, and
 * a property test holds them equal to it. Arguments are decimal text; a bad one throws a
 * CoreInputError whose message names the argument and says how to fix it.
 */
interface Money {
  minorUnits: number;
  currency: string;
  rounding: RoundingMode;
}

const moneyByKey = new Map<string, Money>();

/** The currency and rounding of a calculation; the same arguments give the same (shared) object. */
export function moneyOf(currency: string, rounding = "half-up"): Money {
  const key = `${currency}|${rounding}`;
  let money = moneyByKey.get(key);
  if (money === undefined) {
    money = checkedMoney(currency, rounding);
    moneyByKey.set(key, money);
  }
  return money;
}

function checkedMoney(currency: string, rounding: string): Money {
  const code = currency.trim().toUpperCase();
  const minorUnits = minorUnitsOf(code);
  if (minorUnits === undefined) throw new CoreInputError(`currency: ${MESSAGES.UNKNOWN_CURRENCY(code)}`);
  if (!(ROUNDING_MODES as readonly string[]).includes(rounding)) {
    throw new CoreInputError(MESSAGES.INVALID_OPTION("mode", `"${rounding}"`, `"half-up" or "half-even"`));
  }
  return { minorUnits, currency: code, rounding: rounding as RoundingMode };
}

function number(name: string, text: string): Dec {
  if (!isDecimalText(text)) throw new CoreInputError(MESSAGES.NOT_A_NUMBER(name, `"${text}"`));
  return new Dec(text);
}

/** An amount in the currency: no more decimals than it has; not below zero unless allowed. */
function amount(name: string, text: string, money: Money, allowNegative = false): Dec {
  const value = number(name, text);
  if (value.decimalPlaces() > money.minorUnits) {
    throw new CoreInputError(
      `${MESSAGES.TOO_MANY_DECIMALS(name, text, money.currency, money.minorUnits)} Round it first, for example with INTERIM.ROUND.`,
    );
  }
  if (!allowNegative && value.isNegative() && !value.isZero()) throw new CoreInputError(MESSAGES.NEGATIVE_AMOUNT(name, text));
  return value;
}

/** A fraction from 0 to 1, as Excel stores a percentage. */
function fraction(name: string, text: string): Dec {
  const value = number(name, text);
  if (value.isNegative() && !value.isZero()) throw new CoreInputError(MESSAGES.PERCENT_OUT_OF_RANGE(name, text));
  if (value.greaterThan(1)) throw new CoreInputError(MESSAGES.PERCENT_OUT_OF_RANGE(name, text));
  return value;
}

function workToDate(scheduledValue: Dec, percentComplete: Dec, money: Money): Dec {
  return roundMoney(scheduledValue.times(percentComplete), money.minorUnits, money.rounding);
}

function retentionOn(rate: Dec, base: Dec, money: Money): Dec {
  return base.isZero() || rate.isZero() ? ZERO : roundMoney(rate.times(base), money.minorUnits, money.rounding);
}

/** G: round(C × percent complete) + stored materials. */
export function earnedToDate(scheduledValue: string, percentComplete: string, storedMaterials: string, money: Money): string {
  const C = amount("scheduledValue", scheduledValue, money, true);
  const p = fraction("percentComplete", percentComplete);
  const F = amount("storedMaterials", storedMaterials, money);
  return formatMoney(workToDate(C, p, money).plus(F), money.minorUnits);
}

/** The line's net due this period: (G − retention on G) − (D − retention on D). */
export function netDueThisPeriod(
  scheduledValue: string,
  percentComplete: string,
  previouslyCompleted: string,
  retentionRate: string,
  money: Money,
): string {
  const C = amount("scheduledValue", scheduledValue, money, true);
  const p = fraction("percentComplete", percentComplete);
  const D = amount("previouslyCompleted", previouslyCompleted, money, C.isNegative());
  const rate = fraction("retentionRate", retentionRate);
  const G = workToDate(C, p, money);
  const due = G.minus(retentionOn(rate, G, money)).minus(D.minus(retentionOn(rate, D, money)));
  return formatMoney(due, money.minorUnits);
}

/** I: round(rate × work to date) + round(stored rate × stored materials). */
export function retentionHeld(
  workToDateText: string,
  rate: string,
  storedMaterials: string,
  storedRate: string | undefined,
  money: Money,
): string {
  const W = amount("workToDate", workToDateText, money, true);
  const r = fraction("rate", rate);
  const F = amount("storedMaterials", storedMaterials, money);
  const s = storedRate === undefined ? r : fraction("storedRate", storedRate);
  return formatMoney(retentionOn(r, W, money).plus(retentionOn(s, F, money)), money.minorUnits);
}

/** H: C − G. */
export function balanceToFinish(scheduledValue: string, percentComplete: string, storedMaterials: string, money: Money): string {
  const C = amount("scheduledValue", scheduledValue, money, true);
  const p = fraction("percentComplete", percentComplete);
  const F = amount("storedMaterials", storedMaterials, money);
  return formatMoney(C.minus(workToDate(C, p, money).plus(F)), money.minorUnits);
}

/** Tax on one base at one rate, rounded once, as the core does per rate. */
export function taxOn(base: string, rate: string, money: Money): string {
  const B = amount("base", base, money, true);
  const r = fraction("rate", rate);
  return formatMoney(retentionOn(r, B, money), money.minorUnits);
}

/** Any amount rounded to the currency the way the core rounds. */
export function roundAmount(value: string, money: Money): string {
  return formatMoney(roundMoney(number("amount", value), money.minorUnits, money.rounding), money.minorUnits);
}
