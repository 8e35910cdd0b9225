import { lineKey } from "../finance/line-key";
import type { Fixed } from "../fixed";
import { fixedText } from "../fixed";

/**
 * What makes two rows the same entry: date, person, line, hours and note, compared the way a
 * person would (trimmed, regardless of case; 7.50 h is 7.5 h). None of the four tools puts an
 * id of its own in every export, so this is the identity Interim can rely on.
 */
export function entryIdentity(date: string, person: string, line: string, hours: Fixed, note: string): string {
  return [date, normalise(person), lineKey(line), fixedText(hours), normalise(note)].join("|");
}

/**
 * The stable key of an entry: its identity and its occurrence among entries with the same
 * identity, in timesheet order ("…|#2"). The billing log records the keys it billed, so an
 * entry is billed once whatever period it is dated in, and the same import twice adds nothing.
 */
export function entryKey(identity: string, occurrence: number): string {
  return `${identity}|#${occurrence}`;
}

/** The identity a key was made from. */
export function identityOfKey(key: string): string {
  return key.slice(0, key.lastIndexOf("|#"));
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}
