import { Dec } from "./decimal";
import { FIXED_ZERO, type Fixed, MAX_DECIMALS, type ReadProblem, compareFixed, fixedText, isFraction, isReadProblem, readFixed, readUnits, scaledText } from "./fixed";
import { MAX_MINOR_UNITS, minorUnitsOf } from "./currency";
import { type Issue, type IssuePath, MESSAGES, describePath } from "./issues";
import {
  type AdvanceInvoiced,
  type AdvancePolicy,
  type Contract,
  type Milestone,
  PROGRESS_FIELDS,
  type Progress,
  type RetentionPolicy,
  type RetentionStep,
  type TaxPolicy,
} from "./request";
import { ROUNDING_MODES, type RoundingMode } from "./rounding";

const REQUEST_FIELDS = [
  "currency", "minorUnits", "rounding", "allowOverbilling", "retention",
  "previousCertificates", "advance", "tax", "lines",
] as const;
const LINE_FIELDS = [
  "id", "description", "scheduledValue", "changeOrder", "capped", "previouslyCompleted", ...PROGRESS_FIELDS,
  "unitPrice", "unit", "storedMaterials", "previousStoredMaterials", "retentionRate", "taxRate",
] as const;
const RETENTION_FIELDS = [
  "rate", "storedMaterialsRate", "steps", "mode", "limit", "limitRate", "release", "previouslyReleased",
] as const;
const STEP_FIELDS = ["from", "rate"] as const;
const ADVANCE_FIELDS = ["amount", "previouslyRecovered", "startsAt", "rate", "invoiced", "settle"] as const;
const INVOICED_FIELDS = ["rate", "amount", "recovered"] as const;
const TAX_FIELDS = ["rate", "base"] as const;
/** FIDIC 14.2 defaults: recovery starts at 10 % of line 3, at 25 % of each gross. */
const ADVANCE_STARTS_AT: Fixed = { units: 1n, scale: 1 };
const ADVANCE_RATE: Fixed = { units: 25n, scale: 2 };


type Fields = Record<string, unknown>;
/** Whether an amount may be below zero. */
type Sign = "any sign" | "not below zero";

/** Reads the fields of one request, collecting every problem rather than stopping at the first. */
class Reader {
  readonly issues: Issue[] = [];
  minorUnits = 2;
  currency = "USD";

  problem(code: Issue["code"], path: IssuePath, message: string): undefined {
    this.issues.push({ code, path, message });
    return undefined;
  }

  object(value: unknown, path: IssuePath, known: readonly string[]): Fields | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return this.problem("NOT_A_LIST", path, MESSAGES.NOT_A_LIST(describePath(path), "an object of fields"));
    }
    for (const key in value) {
      if (!isKnown(known, key)) {
        this.problem("UNKNOWN_FIELD", [...path, key], MESSAGES.UNKNOWN_FIELD(describePath([...path, key]), known));
      }
    }
    return value as Fields;
  }

  /** Any number: a decimal string or a finite JSON number, read exactly. Absent (undefined or null) gives undefined. */
  number(fields: Fields, key: string, path: IssuePath): Fixed | undefined {
    const raw = fields[key];
    if (raw === undefined || raw === null) return undefined;
    const text = textOfNumber(raw);
    const reading = text === undefined ? undefined : readFixed(text);
    return reading === undefined || isReadProblem(reading) ? this.unreadable(raw, text, reading, [...path, key], "number") : reading;
  }

  /** A money amount in minor units: at most the currency's decimals, and not below zero unless allowed. */
  amount(fields: Fields, key: string, path: IssuePath, sign: Sign): bigint | undefined {
    const raw = fields[key];
    if (raw === undefined || raw === null) return undefined;
    const text = textOfNumber(raw);
    const units = text === undefined ? undefined : readUnits(text, this.minorUnits);
    if (typeof units !== "bigint") return this.unreadable(raw, text, units, [...path, key], "amount");
    if (sign === "not below zero" && units < 0n) {
      const at = [...path, key];
      return this.problem("NEGATIVE_AMOUNT", at, MESSAGES.NEGATIVE_AMOUNT(describePath(at), new Dec(text as string).toString()));
    }
    return units;
  }

  /** Reports why a number field could not be read. */
  private unreadable(raw: unknown, text: string | undefined, reading: ReadProblem | undefined, at: IssuePath, kind: "number" | "amount"): undefined {
    if (text === undefined || reading === undefined || reading.problem === "not-a-number") {
      return this.problem("NOT_A_NUMBER", at, MESSAGES.NOT_A_NUMBER(describePath(at), show(raw)));
    }
    if (reading.problem === "too-large") return this.problem("AMOUNT_TOO_LARGE", at, MESSAGES.AMOUNT_TOO_LARGE(describePath(at), text));
    const value = new Dec(text).toString();
    return kind === "number"
      ? this.problem("TOO_MANY_DECIMALS", at, MESSAGES.TOO_MANY_NUMBER_DECIMALS(describePath(at), value, MAX_DECIMALS))
      : this.problem("TOO_MANY_DECIMALS", at, MESSAGES.TOO_MANY_DECIMALS(describePath(at), value, this.currency, this.minorUnits));
  }

  /** A fraction between 0 and 1, as Excel stores a percentage. */
  rate(fields: Fields, key: string, path: IssuePath): Fixed | undefined {
    const value = this.number(fields, key, path);
    if (value === undefined) return undefined;
    if (!isFraction(value)) {
      const at = [...path, key];
      return this.problem("PERCENT_OUT_OF_RANGE", at, MESSAGES.PERCENT_OUT_OF_RANGE(describePath(at), fixedText(value)));
    }
    return value;
  }

  option<T extends string>(fields: Fields, key: string, path: IssuePath, allowed: readonly T[]): T | undefined {
    const raw = fields[key];
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === "string" && (allowed as readonly string[]).includes(raw)) return raw as T;
    const at = [...path, key];
    return this.problem(
      "INVALID_OPTION",
      at,
      MESSAGES.INVALID_OPTION(describePath(at), show(raw), allowed.map((a) => `"${a}"`).join(" or ")),
    );
  }

  flag(fields: Fields, key: string, path: IssuePath): boolean {
    const raw = fields[key];
    if (raw === undefined || raw === null) return false;
    if (typeof raw === "boolean") return raw;
    const at = [...path, key];
    this.problem("INVALID_OPTION", at, MESSAGES.INVALID_OPTION(describePath(at), show(raw), "true or false"));
    return false;
  }

  text(fields: Fields, key: string, path: IssuePath): string | undefined {
    const raw = fields[key];
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === "string") return raw;
    if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
    const at = [...path, key];
    return this.problem("INVALID_OPTION", at, MESSAGES.INVALID_OPTION(describePath(at), show(raw), "text"));
  }
}

/** Whether a field name is one of the known ones; a loop rather than includes, as keys are checked per line. */
function isKnown(known: readonly string[], key: string): boolean {
  for (const name of known) if (name === key) return true;
  return false;
}

/** A number field as text: decimal text as given, a JSON number as JavaScript writes it. */
function textOfNumber(raw: unknown): string | undefined {
  if (typeof raw === "number") return String(raw);
  if (typeof raw !== "string") return undefined;
  // Text that starts and ends with a printable ASCII character has nothing to trim.
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? raw : raw.trim();
}

function show(raw: unknown): string {
  if (typeof raw === "string") return `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"`;
  if (typeof raw === "number" || typeof raw === "boolean" || raw === null) return String(raw);
  return Array.isArray(raw) ? "a list" : "an object";
}

/**
 * Judges a whole request before anything is computed: every problem is reported, each with
 * its code, the path of the field and plain words. Returns the validated contract only when
 * there is no problem.
 */
export function validateRequest(input: unknown): { contract: Contract; issues: [] } | { contract?: undefined; issues: Issue[] } {
  const reader = new Reader();
  const fields = reader.object(input, [], REQUEST_FIELDS);
  if (fields === undefined) return { issues: reader.issues };

  const currencyAndUnits = readCurrency(reader, fields);
  const rounding = reader.option<RoundingMode>(fields, "rounding", [], ROUNDING_MODES) ?? "half-up";
  const allowOverbilling = reader.flag(fields, "allowOverbilling", []);
  const lines = readLines(reader, fields["lines"]);
  const retention = readRetention(reader, fields["retention"], lines);
  const previousCertificates = reader.amount(fields, "previousCertificates", [], "any sign");
  const advance = readAdvance(reader, fields["advance"]);
  const tax = readTax(reader, fields["tax"]);

  if (reader.issues.length > 0 || currencyAndUnits === undefined || lines === undefined || retention === undefined) {
    return { issues: reader.issues };
  }
  return {
    // Written out, not spread: an object of one literal shape keeps its map across garbage
    // collections, so the code optimised for it stays optimised (see docs/decisions/0001).
    contract: {
      currency: currencyAndUnits.currency, minorUnits: currencyAndUnits.minorUnits, rounding, allowOverbilling,
      retention, previousCertificates, advance, tax, lines,
    },
    issues: [],
  };
}

function readCurrency(reader: Reader, fields: Fields): { currency: string; minorUnits: number } | undefined {
  const code = (reader.text(fields, "currency", []) ?? "USD").trim().toUpperCase();
  const given = fields["minorUnits"];
  let minorUnits: number | undefined;
  if (given !== undefined && given !== null) {
    if (typeof given !== "number" || !Number.isInteger(given) || given < 0 || given > MAX_MINOR_UNITS) {
      reader.problem(
        "INVALID_OPTION",
        ["minorUnits"],
        MESSAGES.INVALID_OPTION("minorUnits", show(given), `a whole number from 0 to ${MAX_MINOR_UNITS}`),
      );
      return undefined;
    }
    minorUnits = given;
  } else {
    minorUnits = minorUnitsOf(code);
  }
  if (minorUnits === undefined || !/^[A-Z]{3}$/.test(code)) {
    reader.problem("UNKNOWN_CURRENCY", ["currency"], MESSAGES.UNKNOWN_CURRENCY(code));
    return undefined;
  }
  reader.minorUnits = minorUnits;
  reader.currency = code;
  return { currency: code, minorUnits };
}

function readLines(reader: Reader, raw: unknown): Milestone[] | undefined {
  if (raw === undefined || raw === null) {
    return reader.problem("REQUIRED", ["lines"], MESSAGES.REQUIRED("lines"));
  }
  if (!Array.isArray(raw)) {
    return reader.problem("NOT_A_LIST", ["lines"], MESSAGES.NOT_A_LIST("lines", "a list of milestone lines"));
  }
  if (raw.length === 0) {
    return reader.problem("REQUIRED", ["lines"], "lines must hold at least one milestone line.");
  }
  const lines: Milestone[] = [];
  const firstIndexOfId = new Map<string, number>();
  for (let index = 0; index < raw.length; index += 1) {
    const line = readLine(reader, raw[index] as unknown, index);
    if (line === undefined) continue;
    // Ids that differ only by case or spacing are the same milestone to a person.
    const lower = line.id.toLowerCase();
    const key = SPACE.test(lower) ? lower.replace(SPACES, " ") : lower;
    const first = firstIndexOfId.get(key);
    if (first !== undefined) {
      const at = ["lines", index, "id"];
      reader.problem("DUPLICATE_ID", at, MESSAGES.DUPLICATE_ID(describePath(at), line.id, first));
    } else {
      firstIndexOfId.set(key, index);
    }
    lines.push(line);
  }
  return lines;
}
const SPACE = /\s/;
const SPACES = /\s+/g;

function readLine(reader: Reader, item: unknown, index: number): Milestone | undefined {
  const path = ["lines", index];
  const fields = reader.object(item, path, LINE_FIELDS);
  if (fields === undefined) return undefined;

  const id = reader.text(fields, "id", path)?.trim();
  if (id === undefined || id === "") reader.problem("REQUIRED", [...path, "id"], MESSAGES.REQUIRED(describePath([...path, "id"])));
  const scheduledValue = reader.amount(fields, "scheduledValue", path, "any sign");
  if (fields["scheduledValue"] === undefined || fields["scheduledValue"] === null) {
    reader.problem("REQUIRED", [...path, "scheduledValue"], MESSAGES.REQUIRED(describePath([...path, "scheduledValue"])));
  }
  // A deductive change order (C < 0) carries negative work; on every other line D is never below zero.
  const deductive = scheduledValue !== undefined && scheduledValue < 0n;
  const previouslyCompleted = reader.amount(fields, "previouslyCompleted", path, deductive ? "any sign" : "not below zero") ?? 0n;
  const progress = readProgress(reader, fields, path, deductive);
  const storedMaterials = reader.amount(fields, "storedMaterials", path, "not below zero") ?? 0n;
  const previousStoredMaterials = reader.amount(fields, "previousStoredMaterials", path, "not below zero") ?? 0n;

  const line: Milestone = {
    index,
    id: id ?? "",
    description: reader.text(fields, "description", path) ?? "",
    changeOrder: reader.flag(fields, "changeOrder", path),
    capped: reader.flag(fields, "capped", path),
    scheduledValue: scheduledValue ?? 0n,
    previouslyCompleted,
    progress: progress ?? NO_PROGRESS,
    unit: reader.text(fields, "unit", path),
    storedMaterials,
    previousStoredMaterials,
    retentionRate: reader.rate(fields, "retentionRate", path),
    taxRate: reader.rate(fields, "taxRate", path),
  };
  return id === undefined || id === "" || scheduledValue === undefined ? undefined : line;
}

function readProgress(reader: Reader, fields: Fields, path: IssuePath, deductive: boolean): Progress | undefined {
  let given: ProgressField | undefined;
  for (const key of PROGRESS_FIELDS) {
    if (!isAbsent(fields[key])) {
      if (given !== undefined) {
        const all = PROGRESS_FIELDS.filter((field) => !isAbsent(fields[field]));
        const at = [...path, all[1] as string];
        return reader.problem("AMBIGUOUS_PROGRESS", at, MESSAGES.AMBIGUOUS_PROGRESS(describePath(at), all));
      }
      given = key;
    }
  }
  if (!isAbsent(fields["unitPrice"]) && given !== "quantityToDate") {
    const at = [...path, "quantityToDate"];
    return reader.problem("REQUIRED", at, `${describePath(at)} is required when the line states a unit price.`);
  }
  switch (given) {
    case undefined:
      return NO_PROGRESS;
    case "percentComplete": {
      const fraction = reader.rate(fields, "percentComplete", path);
      return fraction && { kind: "percentComplete", fraction };
    }
    case "completedToDate": {
      const amount = reader.amount(fields, "completedToDate", path, deductive ? "any sign" : "not below zero");
      return amount === undefined ? undefined : { kind: "completedToDate", amount };
    }
    case "thisPeriod": {
      const amount = reader.amount(fields, "thisPeriod", path, "any sign");
      return amount === undefined ? undefined : { kind: "thisPeriod", amount };
    }
    case "quantityToDate": {
      const quantity = reader.number(fields, "quantityToDate", path);
      if (quantity !== undefined && quantity.units < 0n) {
        const at = [...path, "quantityToDate"];
        return reader.problem("NEGATIVE_AMOUNT", at, MESSAGES.NEGATIVE_AMOUNT(describePath(at), fixedText(quantity)));
      }
      const unitPrice = reader.number(fields, "unitPrice", path);
      if (fields["unitPrice"] === undefined || fields["unitPrice"] === null) {
        const at = [...path, "unitPrice"];
        return reader.problem("REQUIRED", at, MESSAGES.REQUIRED_UNIT_PRICE(describePath(at)));
      }
      return quantity && unitPrice && { kind: "quantityToDate", quantity, unitPrice };
    }
  }
}

type ProgressField = (typeof PROGRESS_FIELDS)[number];
/** Most lines state no progress or one way: one object for every line that states none. */
const NO_PROGRESS: Progress = { kind: "none" };

/** A field left out: undefined, or null as JSON gives it. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function readRetention(reader: Reader, raw: unknown, lines: Milestone[] | undefined): RetentionPolicy | undefined {
  const path = ["retention"];
  const none: RetentionPolicy = {
    rate: FIXED_ZERO, storedMaterialsRate: undefined, steps: [], mode: "whole",
    limit: undefined, limitRate: undefined, release: undefined, previouslyReleased: 0n,
  };
  if (raw === undefined || raw === null) return none;
  const fields = reader.object(raw, path, RETENTION_FIELDS);
  if (fields === undefined) return undefined;
  const steps = readSteps(reader, fields["steps"]);
  const lineWithRate = lines?.find((line) => line.retentionRate !== undefined);
  if (steps !== undefined && steps.length > 0 && lineWithRate !== undefined) {
    const at = ["lines", lineWithRate.index, "retentionRate"];
    reader.problem("CONFLICTING_RETENTION", at, MESSAGES.CONFLICTING_RETENTION(describePath(at)));
  }
  return {
    rate: reader.rate(fields, "rate", path) ?? FIXED_ZERO,
    storedMaterialsRate: reader.rate(fields, "storedMaterialsRate", path),
    steps: steps ?? [],
    mode: reader.option(fields, "mode", path, ["whole", "marginal"] as const) ?? "whole",
    limit: reader.amount(fields, "limit", path, "not below zero"),
    limitRate: reader.rate(fields, "limitRate", path),
    release: readRelease(reader, fields),
    previouslyReleased: reader.amount(fields, "previouslyReleased", path, "not below zero") ?? 0n,
  };
}

function readSteps(reader: Reader, raw: unknown): RetentionStep[] | undefined {
  const path = ["retention", "steps"];
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    return reader.problem("NOT_A_LIST", path, MESSAGES.NOT_A_LIST(describePath(path), "a list of {from, rate}"));
  }
  const steps: RetentionStep[] = [];
  raw.forEach((item: unknown, index) => {
    const at = [...path, index];
    const fields = reader.object(item, at, STEP_FIELDS);
    if (fields === undefined) return;
    const from = reader.rate(fields, "from", at);
    const rate = reader.rate(fields, "rate", at);
    if (from === undefined && (fields["from"] === undefined || fields["from"] === null)) {
      reader.problem("REQUIRED", [...at, "from"], MESSAGES.REQUIRED(describePath([...at, "from"])));
    }
    if (rate === undefined && (fields["rate"] === undefined || fields["rate"] === null)) {
      reader.problem("REQUIRED", [...at, "rate"], MESSAGES.REQUIRED(describePath([...at, "rate"])));
    }
    if (from === undefined || rate === undefined) return;
    const previous = steps[steps.length - 1];
    if (previous !== undefined && compareFixed(from, previous.from) <= 0) {
      reader.problem(
        "INVALID_OPTION",
        [...at, "from"],
        MESSAGES.INVALID_OPTION(describePath([...at, "from"]), fixedText(from), `greater than the previous step's from (${fixedText(previous.from)})`),
      );
    }
    steps.push({ from, rate });
  });
  return steps;
}

function readRelease(reader: Reader, fields: Fields): RetentionPolicy["release"] {
  const raw = fields["release"];
  if (raw === "half" || raw === "all") return raw;
  return reader.amount(fields, "release", ["retention"], "not below zero");
}

function readAdvance(reader: Reader, raw: unknown): AdvancePolicy | undefined {
  const path = ["advance"];
  if (raw === undefined || raw === null) return undefined;
  const fields = reader.object(raw, path, ADVANCE_FIELDS);
  if (fields === undefined) return undefined;
  const amount = reader.amount(fields, "amount", path, "not below zero");
  if (fields["amount"] === undefined || fields["amount"] === null) {
    reader.problem("REQUIRED", [...path, "amount"], MESSAGES.REQUIRED("advance.amount"));
  }
  const previouslyRecovered = reader.amount(fields, "previouslyRecovered", path, "not below zero") ?? 0n;
  const startsAt = reader.rate(fields, "startsAt", path) ?? ADVANCE_STARTS_AT;
  const rate = reader.rate(fields, "rate", path) ?? ADVANCE_RATE;
  const settle = reader.flag(fields, "settle", path);
  const invoiced = amount === undefined ? undefined : readAdvanceInvoiced(reader, fields["invoiced"], amount, previouslyRecovered);
  return amount === undefined ? undefined : { amount, previouslyRecovered, startsAt, rate, invoiced, settle };
}

/**
 * The advance invoice's net amount per rate: the rates each once, adding up to the advance, and
 * what was recovered at each adding up to what was recovered before, none past its amount.
 */
function readAdvanceInvoiced(reader: Reader, raw: unknown, amount: bigint, previouslyRecovered: bigint): AdvanceInvoiced[] | undefined {
  const path = ["advance", "invoiced"];
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) {
    return reader.problem("NOT_A_LIST", path, MESSAGES.NOT_A_LIST(describePath(path), "a list of {rate, amount, recovered}"));
  }
  const before = reader.issues.length;
  const invoiced: AdvanceInvoiced[] = [];
  raw.forEach((item, index) => {
    const at = [...path, index];
    const fields = reader.object(item, at, INVOICED_FIELDS);
    if (fields === undefined) return;
    if (fields["rate"] === undefined || fields["rate"] === null) reader.problem("REQUIRED", [...at, "rate"], MESSAGES.REQUIRED(describePath([...at, "rate"])));
    if (fields["amount"] === undefined || fields["amount"] === null) reader.problem("REQUIRED", [...at, "amount"], MESSAGES.REQUIRED(describePath([...at, "amount"])));
    const rate = reader.rate(fields, "rate", at);
    const share = reader.amount(fields, "amount", at, "not below zero");
    const recovered = reader.amount(fields, "recovered", at, "not below zero") ?? 0n;
    if (rate === undefined || share === undefined) return;
    if (invoiced.some((other) => compareFixed(other.rate, rate) === 0)) {
      reader.problem("ADVANCE_MISMATCH", [...at, "rate"], MESSAGES.ADVANCE_MISMATCH(describePath([...at, "rate"]), `the rate ${fixedText(rate)} is listed twice`));
    }
    if (recovered > share) {
      reader.problem("ADVANCE_MISMATCH", [...at, "recovered"], MESSAGES.ADVANCE_MISMATCH(describePath([...at, "recovered"]), `${scaledText(recovered, reader.minorUnits)} recovered is more than the ${scaledText(share, reader.minorUnits)} invoiced at that rate`));
    }
    invoiced.push({ rate, amount: share, recovered });
  });
  if (reader.issues.length > before) return undefined;
  const sum = (part: (entry: AdvanceInvoiced) => bigint): bigint => invoiced.reduce((total, entry) => total + part(entry), 0n);
  if (sum((entry) => entry.amount) !== amount) {
    reader.problem("ADVANCE_MISMATCH", path, MESSAGES.ADVANCE_MISMATCH(describePath(path), `its amounts add up to ${scaledText(sum((entry) => entry.amount), reader.minorUnits)}, not the advance of ${scaledText(amount, reader.minorUnits)}`));
  }
  if (sum((entry) => entry.recovered) !== previouslyRecovered) {
    reader.problem("ADVANCE_MISMATCH", path, MESSAGES.ADVANCE_MISMATCH(describePath(path), `what it says was recovered adds up to ${scaledText(sum((entry) => entry.recovered), reader.minorUnits)}, not advance.previouslyRecovered, ${scaledText(previouslyRecovered, reader.minorUnits)}`));
  }
  return invoiced;
}

function readTax(reader: Reader, raw: unknown): TaxPolicy {
  const path = ["tax"];
  const fields = raw === undefined || raw === null ? {} : reader.object(raw, path, TAX_FIELDS) ?? {};
  return {
    rate: reader.rate(fields, "rate", path) ?? FIXED_ZERO,
    base: reader.option(fields, "base", path, ["period", "payment"] as const) ?? "period",
  };
}
