import { Dec, type RetentionInput, type TaxInput, cellToField, isBlankCell, isDecimalText, minorUnitsOf } from "../core";
import { NAMES, type CellValue, type SettingWrite, type TableData } from "./port";
import { PAYMENT_TERMS_LABEL, TAX_ID_LABEL, cellTextProblem } from "./invoice-sheet";
import { type WorkbookProblem, problem, problemAt } from "./problems";

/** The contract settings that travel with the workbook, in the settings table (Setting, Value). */
export interface ContractSettings {
  supplierName: string;
  supplierAddress: string;
  supplierTaxId: string;
  clientName: string;
  clientAddress: string;
  clientTaxId: string;
  contractReference: string;
  purchaseOrder: string;
  currency: string;
  rounding: "half-up" | "half-even";
  retention: RetentionInput;
  tax: TaxInput;
  advance: { amount: string; startsAt?: string; rate?: string } | undefined;
  allowOverbilling: boolean;
  paymentTermsDays: number;
  paymentTerms: string;
  invoicePrefix: string;
  nextInvoiceNumber: number;
  creditNotePrefix: string;
  invoiceTypeCode: string;
}

type Kind = "text" | "currency" | "rate" | "amount" | "whole" | "steps" | "mode" | "rounding" | "taxBase" | "release" | "yesNo";

interface SettingSpec {
  key: string;
  kind: Kind;
  help: string;
}

/** Every setting, in the order the settings sheet lists them. Keys are what a person reads and edits. */
export const SETTINGS: readonly SettingSpec[] = [
  { key: "Supplier name", kind: "text", help: "Your company, as it appears on invoices." },
  { key: "Supplier address", kind: "text", help: "" },
  { key: "Supplier tax id", kind: "text", help: "VAT or tax registration number." },
  { key: "Client name", kind: "text", help: "" },
  { key: "Client address", kind: "text", help: "" },
  { key: "Client tax id", kind: "text", help: "" },
  { key: "Contract reference", kind: "text", help: "" },
  { key: "Purchase order", kind: "text", help: "" },
  { key: "Currency", kind: "currency", help: "ISO 4217 code such as USD, EUR, GBP, JPY." },
  { key: "Rounding", kind: "rounding", help: "half-up (as Excel's ROUND) or half-even." },
  { key: "Retention rate", kind: "rate", help: "Retention withheld on work, such as 10%." },
  { key: "Retention on stored materials", kind: "rate", help: "Blank: the same rate as on work." },
  { key: "Retention steps", kind: "steps", help: "Step-downs such as: 0% 10%; 50% 5% (from project % complete, rate)." },
  { key: "Retention step mode", kind: "mode", help: "whole (the reached rate on all work) or marginal (tiers)." },
  { key: "Retention limit", kind: "amount", help: "Most retention to hold, as an amount." },
  { key: "Retention limit rate", kind: "rate", help: "Most retention to hold, as a share of the contract sum." },
  { key: "Release retention on next invoice", kind: "release", help: "half, all or an amount; cleared once the invoice is issued." },
  { key: "Tax rate", kind: "rate", help: "Such as 20%; lines may have their own tax % column." },
  { key: "Tax base", kind: "taxBase", help: "period (the work billed) or payment (the amount paid)." },
  { key: "Advance payment", kind: "amount", help: "An advance to recover from the invoices (FIDIC 14.2)." },
  { key: "Advance recovery starts at", kind: "rate", help: "Share of the contract sum certified before recovery starts; default 10%." },
  { key: "Advance recovery rate", kind: "rate", help: "Share of each invoice recovered; default 25%." },
  { key: "Allow overbilling", kind: "yesNo", help: "yes to bill a line past its scheduled value (with a warning)." },
  { key: "Payment terms (days)", kind: "whole", help: "" },
  { key: "Payment terms", kind: "text", help: "Text printed on the invoice." },
  { key: "Invoice prefix", kind: "text", help: "Such as INV-; the invoice number is the prefix and 4 digits." },
  { key: "Next invoice number", kind: "whole", help: "Set once; Interim keeps it in step with the billing log." },
  { key: "Credit note prefix", kind: "text", help: "Such as CN-; credit notes are numbered in their own series." },
  { key: "E-invoice type code", kind: "text", help: "380 commercial invoice, 326 partial invoice, 875 partial construction invoice, 876 partial final construction invoice, 877 final construction invoice." },
];

export const DEFAULT_SETTINGS: Record<string, CellValue> = {
  Currency: "USD",
  Rounding: "half-up",
  "Retention step mode": "whole",
  "Tax base": "period",
  "Allow overbilling": "no",
  "Payment terms (days)": 30,
  "Invoice prefix": "INV-",
  "Next invoice number": 1,
  "Credit note prefix": "CN-",
  "E-invoice type code": "380",
};

export const INVOICE_TYPE_CODES = ["380", "326", "875", "876", "877"] as const;

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;
/** Excel's longest sheet name. */
const SHEET_NAME_LIMIT = 31;
/**
 * The numbers Interim issues: whole, from 1, and few enough digits that the number is exact in a
 * cell (Excel keeps 15 significant digits) and written as its digits ("INV-1e+21" otherwise).
 */
const INVOICE_NUMBER_LIMIT = 999_999_999;
/** The longest payment terms: a year. A due date further out is a typo. */
const PAYMENT_DAYS_LIMIT = 365;

/** Where each setting is in the settings table: its data row, and the sheet cell of its value. */
export interface SettingsPlace {
  rowOfKey: Map<string, number>;
  cellOfKey: Map<string, { sheet: string; row: number; column: number }>;
}

/**
 * Reads the settings table: each value checked as its kind requires, every problem reported
 * with the cell of the value. Unknown keys are kept out (a person may add notes).
 */
export function readSettings(table: TableData | undefined): {
  settings: ContractSettings | undefined;
  place: SettingsPlace;
  problems: WorkbookProblem[];
} {
  const place: SettingsPlace = { rowOfKey: new Map(), cellOfKey: new Map() };
  if (table === undefined) {
    return {
      settings: undefined,
      place,
      problems: [problem("NO_SETTINGS", `The workbook has no contract settings (a table named ${NAMES.settingsTable}). Open Contract settings in the task pane, or run interim init, to create them.`)],
    };
  }
  const problems: WorkbookProblem[] = [];
  const raw = new Map<string, CellValue>();
  table.values.slice(1).forEach((row, index) => {
    const key = typeof row[0] === "string" ? row[0].trim() : "";
    const spec = SETTINGS.find((s) => s.key.toLowerCase() === key.toLowerCase());
    if (spec === undefined) return;
    place.rowOfKey.set(spec.key, index);
    place.cellOfKey.set(spec.key, { sheet: table.sheet, row: table.top + 1 + index, column: table.left + 1 });
    raw.set(spec.key, row[1] ?? null);
  });
  const read = new SettingsReader(raw, place, problems);
  const settings: ContractSettings = {
    supplierName: read.cellText("Supplier name"),
    supplierAddress: read.cellText("Supplier address"),
    supplierTaxId: read.cellText("Supplier tax id", TAX_ID_LABEL),
    clientName: read.cellText("Client name"),
    clientAddress: read.cellText("Client address"),
    clientTaxId: read.cellText("Client tax id", TAX_ID_LABEL),
    contractReference: read.cellText("Contract reference"),
    purchaseOrder: read.cellText("Purchase order"),
    currency: read.currency("Currency"),
    rounding: read.choice("Rounding", ["half-up", "half-even"]) ?? "half-up",
    retention: read.retention(),
    tax: { rate: read.rate("Tax rate") ?? "0", base: read.choice("Tax base", ["period", "payment"]) ?? "period" },
    advance: read.advance(),
    allowOverbilling: read.yesNo("Allow overbilling"),
    paymentTermsDays: read.whole("Payment terms (days)", 0, PAYMENT_DAYS_LIMIT) ?? 30,
    paymentTerms: read.cellText("Payment terms", PAYMENT_TERMS_LABEL),
    invoicePrefix: read.prefix("Invoice prefix"),
    nextInvoiceNumber: read.whole("Next invoice number", 1, INVOICE_NUMBER_LIMIT) ?? 1,
    creditNotePrefix: read.prefix("Credit note prefix"),
    invoiceTypeCode: read.choice("E-invoice type code", INVOICE_TYPE_CODES) ?? "380",
  };
  for (const required of ["Supplier name", "Client name"]) {
    if (read.text(required) === "") read.fail(required, "REQUIRED", `${required} is required on an invoice; fill it in.`);
  }
  // With the number the settings give (credit notes never outnumber invoices); planning checks
  // the name of the sheet it writes again, as the billing log may be a number ahead.
  if (settings.invoicePrefix.toLowerCase() === settings.creditNotePrefix.toLowerCase()) {
    read.fail("Credit note prefix", "INVALID_OPTION", `Credit note prefix "${settings.creditNotePrefix}" is the invoice prefix: credit notes are numbered in their own series, so INV-0001 and its credit note would take one sheet name. Give credit notes their own prefix, such as CN-.`);
  }
  if (problems.length === 0) {
    const next = settings.nextInvoiceNumber;
    for (const tooLong of [sheetNameProblem(`Draft ${invoiceNumber(settings, next)}`, "Invoice prefix", place), sheetNameProblem(creditNoteNumber(settings, next), "Credit note prefix", place)]) {
      if (tooLong !== undefined) problems.push(tooLong);
    }
  }
  return { settings: problems.length === 0 ? settings : undefined, place, problems };
}

class SettingsReader {
  constructor(
    private readonly raw: Map<string, CellValue>,
    private readonly place: SettingsPlace,
    private readonly problems: WorkbookProblem[],
  ) {}

  fail(key: string, code: string, message: string): undefined {
    this.problems.push(settingProblem(this.place, key, code, message));
    return undefined;
  }

  private value(key: string): CellValue {
    const value = this.raw.get(key);
    return value === undefined || isBlankCell(value) ? (DEFAULT_SETTINGS[key] ?? null) : value;
  }

  text(key: string): string {
    const value = this.value(key);
    return value === null ? "" : String(value).trim();
  }

  /** A text the invoice sheet writes into a cell, after `label` when it has one. */
  cellText(key: string, label = ""): string {
    const text = this.text(key);
    const tooLong = cellTextProblem(key, text.length, label);
    if (tooLong !== undefined) this.fail(key, "TEXT_TOO_LONG", tooLong);
    return text;
  }

  currency(key: string): string {
    const code = this.text(key).toUpperCase();
    if (minorUnitsOf(code) === undefined) {
      return this.fail(key, "UNKNOWN_CURRENCY", `Currency "${code}" is not an ISO 4217 code Interim knows; use one such as USD, EUR or GBP.`) ?? "USD";
    }
    return code;
  }

  choice<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const text = this.text(key).toLowerCase();
    if ((allowed as readonly string[]).includes(text)) return text as T;
    return this.fail(key, "INVALID_OPTION", `${key} must be ${allowed.join(" or ")}, not "${text}".`);
  }

  rate(key: string): string | undefined {
    const value = this.value(key);
    if (value === null) return undefined;
    const text = typeof value === "string" ? percentText(value) : cellToField(value);
    if (typeof text !== "string" || !isDecimalText(text)) {
      return this.fail(key, "NOT_A_NUMBER", `${key} must be a percentage such as 10%, not "${String(value)}".`);
    }
    const n = new Dec(text);
    if (n.isNegative() || n.greaterThan(1)) {
      const hint = n.lessThanOrEqualTo(100) && n.greaterThan(1) ? ` Did you mean ${text}%? Enter it as ${text}%.` : "";
      return this.fail(key, "PERCENT_OUT_OF_RANGE", `${key} must be a percentage from 0% to 100%, not ${text}.${hint}`);
    }
    return text;
  }

  amount(key: string): string | undefined {
    const value = this.value(key);
    if (value === null) return undefined;
    const text = cellToField(value);
    if (typeof text !== "string" || !/^(\d+\.?\d*|\.\d+)$/.test(text)) {
      return this.fail(key, "NOT_A_NUMBER", `${key} must be an amount of zero or more, not "${String(value)}".`);
    }
    return text;
  }

  whole(key: string, min: number, max: number): number | undefined {
    const value = this.value(key);
    if (value === null) return undefined;
    const text = String(value).trim();
    const n = typeof value === "number" ? value : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      return this.fail(key, "NOT_A_NUMBER", `${key} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}, not "${text}".`);
    }
    return n;
  }

  yesNo(key: string): boolean {
    const value = this.value(key);
    if (typeof value === "boolean") return value;
    const text = this.text(key).toLowerCase();
    if (["yes", "y", "true"].includes(text)) return true;
    if (["no", "n", "false", ""].includes(text)) return false;
    this.fail(key, "INVALID_OPTION", `${key} must be yes or no, not "${text}".`);
    return false;
  }

  prefix(key: string): string {
    const text = this.text(key);
    if (SHEET_NAME_FORBIDDEN.test(text) || text.startsWith("'")) {
      this.fail(key, "INVALID_OPTION", `${key} "${text}" starts the names of the document sheets, and Excel's sheet names hold none of [ ] : * ? / \\ and do not start with an apostrophe; leave those out.`);
    }
    return text;
  }

  retention(): RetentionInput {
    const retention: RetentionInput = {};
    const rate = this.rate("Retention rate");
    const stored = this.rate("Retention on stored materials");
    const steps = this.steps("Retention steps");
    const mode = this.choice("Retention step mode", ["whole", "marginal"]);
    const limit = this.amount("Retention limit");
    const limitRate = this.rate("Retention limit rate");
    const release = this.release("Release retention on next invoice");
    if (rate !== undefined) retention.rate = rate;
    if (stored !== undefined) retention.storedMaterialsRate = stored;
    if (steps !== undefined) {
      retention.steps = steps;
      if (mode !== undefined) retention.mode = mode;
    }
    if (limit !== undefined) retention.limit = limit;
    if (limitRate !== undefined) retention.limitRate = limitRate;
    if (release !== undefined) retention.release = release;
    return retention;
  }

  /** "0% 10%; 50% 5%": pairs of (project % complete from, rate). */
  steps(key: string): { from: string; rate: string }[] | undefined {
    const text = this.text(key);
    if (text === "") return undefined;
    const steps = text.split(";").map((pair) => pair.trim().split(/[\s:]+/).filter((part) => part !== ""));
    if (steps.some((pair) => pair.length !== 2 || pair.some((part) => !/^\d+(\.\d+)?%?$/.test(part)))) {
      return this.fail(key, "INVALID_OPTION", `${key} must be pairs "from rate" separated by ";", such as "0% 10%; 50% 5%", not "${text}".`);
    }
    return steps.map(([from, rate]) => ({ from: percentText(from as string), rate: percentText(rate as string) }));
  }

  release(key: string): string | undefined {
    const text = this.text(key).toLowerCase();
    if (text === "") return undefined;
    if (text === "half" || text === "all") return text;
    return this.amount(key);
  }

  advance(): ContractSettings["advance"] {
    const amount = this.amount("Advance payment");
    const startsAt = this.rate("Advance recovery starts at");
    const rate = this.rate("Advance recovery rate");
    if (amount === undefined || amount === "0") return undefined;
    return { amount, ...(startsAt === undefined ? {} : { startsAt }), ...(rate === undefined ? {} : { rate }) };
  }
}

/** "10%" → "0.1"; "0.1" stays as it is. */
function percentText(text: string): string {
  const trimmed = text.trim();
  const number = trimmed.endsWith("%") ? trimmed.slice(0, -1).trim() : undefined;
  return number !== undefined && /^\d+(\.\d+)?$/.test(number) ? new Dec(number).dividedBy(100).toString() : trimmed;
}

/** A problem at a setting's value cell (or at none, when the settings table lacks the key). */
export function settingProblem(place: SettingsPlace, key: string, code: string, message: string): WorkbookProblem {
  const cell = place.cellOfKey.get(key);
  return cell === undefined ? problem(code, message) : problemAt(code, message, cell.sheet, cell.row, cell.column);
}

/**
 * A document's sheet name over Excel's 31 characters, as a problem at the prefix that makes it
 * so. An invoice's prefix leaves room for its draft's name, "Draft " and the number.
 */
export function sheetNameProblem(name: string, key: "Invoice prefix" | "Credit note prefix", place: SettingsPlace): WorkbookProblem | undefined {
  if (name.length <= SHEET_NAME_LIMIT) return undefined;
  return settingProblem(
    place, key, "SHEET_NAME_TOO_LONG",
    `${key} makes the sheet name "${name}", ${name.length} characters; Excel's sheet names hold at most ${SHEET_NAME_LIMIT}. Shorten ${key} by ${name.length - SHEET_NAME_LIMIT} character${name.length - SHEET_NAME_LIMIT === 1 ? "" : "s"}.`,
  );
}

/** The rows to write for a set of settings: existing keys in place, new keys appended. */
export function settingWrites(values: Record<string, CellValue>, place: SettingsPlace): SettingWrite[] {
  return Object.entries(values).map(([key, value]) => ({ key, value, row: place.rowOfKey.get(key) }));
}

/** The invoice number for a sequence number: prefix and four digits (INV-0007). */
export function invoiceNumber(settings: ContractSettings, sequence: number): string {
  return `${settings.invoicePrefix}${String(sequence).padStart(4, "0")}`;
}

/** The credit note number for a sequence number in the credit notes' own series (CN-0002). */
export function creditNoteNumber(settings: ContractSettings, sequence: number): string {
  return `${settings.creditNotePrefix}${String(sequence).padStart(4, "0")}`;
}
