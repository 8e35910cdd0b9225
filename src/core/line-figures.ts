import { minorUnitsOf } from "./currency";
import { type Fixed, MAX_DECIMALS, isFraction, isReadProblem, readFixed, unitsOf } from "./fixed";
import { CoreInputError, MESSAGES } from "./issues";
import { ROUNDING_MODES, type RoundingMode, formatMoney, roundProduct, roundToMinorUnits } from "./rounding";

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

function number(name: string, text: string): Fixed {
  const reading = readFixed(text);
  if (!isReadProblem(reading)) return reading;
  if (reading.problem === "not-a-number") throw new CoreInputError(MESSAGES.NOT_A_NUMBER(name, `"${text}"`));
  if (reading.problem === "too-large") throw new CoreInputError(MESSAGES.AMOUNT_TOO_LARGE(name, text));
  throw new CoreInputError(MESSAGES.TOO_MANY_NUMBER_DECIMALS(name, text, MAX_DECIMALS));
}

/** An amount in the currency, in minor units: no more decimals than it has; not below zero unless allowed. */
function amount(name: string, text: string, money: Money, allowNegative = false): bigint {
  const value = number(name, text);
  if (value.scale > money.minorUnits) {
    throw new CoreInputError(
      `${MESSAGES.TOO_MANY_DECIMALS(name, text, money.currency, money.minorUnits)} Round it first, for example with INTERIM.ROUND.`,
    );
  }
  if (!allowNegative && value.units < 0n) throw new CoreInputError(MESSAGES.NEGATIVE_AMOUNT(name, text));
  return unitsOf(value, money.minorUnits);
}

/** A fraction from 0 to 1, as Excel stores a percentage. */
function fraction(name: string, text: string): Fixed {
  const value = number(name, text);
  if (!isFraction(value)) throw new CoreInputError(MESSAGES.PERCENT_OUT_OF_RANGE(name, text));
  return value;
}

/** round(rate × amount) in the calculation's currency and rounding. */
function times(rate: Fixed, amountUnits: bigint, money: Money): bigint {
  return roundProduct(rate, amountUnits, money.minorUnits, money.rounding);
}

/** G: round(C × percent complete) + stored materials. */
export function earnedToDate(scheduledValue: string, percentComplete: string, storedMaterials: string, money: Money): string {
  const C = amount("scheduledValue", scheduledValue, money, true);
  const p = fraction("percentComplete", percentComplete);
  const F = amount("storedMaterials", storedMaterials, money);
  return formatMoney(times(p, C, money) + F, money.minorUnits);
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
  const D = amount("previouslyCompleted", previouslyCompleted, money, C < 0n);
  const rate = fraction("retentionRate", retentionRate);
  const G = times(p, C, money);
  return formatMoney(G - times(rate, G, money) - (D - times(rate, D, money)), money.minorUnits);
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
  return formatMoney(times(r, W, money) + times(s, F, money), money.minorUnits);
}

/** H: C − G. */
export function balanceToFinish(scheduledValue: string, percentComplete: string, storedMaterials: string, money: Money): string {
  const C = amount("scheduledValue", scheduledValue, money, true);
  const p = fraction("percentComplete", percentComplete);
  const F = amount("storedMaterials", storedMaterials, money);
  return formatMoney(C - (times(p, C, money) + F), money.minorUnits);
}

/** Tax on one base at one rate, rounded once, as the core does per rate. */
export function taxOn(base: string, rate: string, money: Money): string {
  const B = amount("base", base, money, true);
  const r = fraction("rate", rate);
  return formatMoney(times(r, B, money), money.minorUnits);
}

/** Any amount rounded to the currency the way the core rounds. */
export function roundAmount(value: string, money: Money): string {
  const v = number("amount", value);
  return formatMoney(roundToMinorUnits(v.units, v.scale, money.minorUnits, money.rounding), money.minorUnits);
}
