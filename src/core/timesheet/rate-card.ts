import type { Fixed } from "../fixed";
import { isReadProblem, readFixed } from "../fixed";
import type { RateCard, RateCardRate } from "./types";

export interface RateInForce {
  rate: Fixed;
  /** Hours the rate pays for: 1 for an hourly rate, the card's hours per day for a daily one. */
  hours: Fixed;
  source: RateCardRate;
}

const ONE: Fixed = { units: 1n, scale: 0 };
const EIGHT: Fixed = { units: 8n, scale: 0 };

/**
 * The rate for a person (or, failing a rate of their own, their role) on a date: the rate with
 * the latest valid-from on or before that date. A person's own rate wins over their role's, as
 * a named exception to the card. ISO dates compare as text.
 */
export function rateInForce(card: RateCard, person: string, role: string | undefined, date: string): RateInForce | undefined {
  const chosen = latest(card.rates.filter((rate) => same(rate.person, person)), date) ??
    (role === undefined ? undefined : latest(card.rates.filter((rate) => rate.person === undefined && same(rate.role, role)), date));
  if (chosen === undefined) return undefined;
  const rate = readFixed(chosen.rate);
  if (isReadProblem(rate)) return undefined;
  return { rate, hours: chosen.per === "hour" ? ONE : hoursPerDay(chosen.hoursPerDay ?? card.hoursPerDay), source: chosen };
}

function hoursPerDay(text: string | undefined): Fixed {
  if (text === undefined) return EIGHT;
  const hours = readFixed(text);
  return isReadProblem(hours) || hours.units <= 0n ? EIGHT : hours;
}

function latest(rates: RateCardRate[], date: string): RateCardRate | undefined {
  let best: RateCardRate | undefined;
  for (const rate of rates) {
    const from = rate.validFrom ?? "";
    if (from > date) continue;
    if (best === undefined || from >= (best.validFrom ?? "")) best = rate;
  }
  return best;
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}
