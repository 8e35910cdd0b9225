import { Dec, type DocumentLanguage, type Party, type RetentionInput, type TaxInput, type VatTreatment, cellToField, isBlankCell, isDecimalText, minorUnitsOf } from "../core";
import { DOCUMENT_LOCALES, documentText, parseDocumentLanguage } from "../i18n";
import { NAMES, type CellValue, type SettingWrite, type TableData } from "./port";
import { cellTextProblem } from "./invoice-sheet";
import { type WorkbookProblem, problem, problemAt } from "./problems";
import { bicProblem, compactIban, countryCodeProblem, ibanProblem, isEasCode, isEmailShape } from "./party-codes";

/** A party's structured data from the settings: each text "" when not given. */
export type PartyDetails = Pick<Party, "street" | "city" | "postCode" | "country" | "electronicAddress" | "contact" | "bank">;

/** The contract settings that travel with the workbook, in the settings table (Setting, Value). */
export interface ContractSettings {
  supplierName: string;
  /** The address as the invoice prints it: the structured rows composed where given, else the one-text "Supplier address". */
  supplierAddress: string;
  supplierTaxId: string;
  supplier: PartyDetails;
  clientName: string;
  /** As supplierAddress, for the client. */
  clientAddress: string;
  clientTaxId: string;
  client: PartyDetails;
  /** The buyer's reference (BT-10), such as a Leitweg-ID; "" when not given. */
  buyerReference: string;
  vatTreatment: VatTreatment;
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
  /** The language of the contract's documents: their labels, dates and numbers. */
  language: DocumentLanguage;
  /** The yearly rate of the penalties for paying late, as a fraction ("0.12"), that a French supplier's invoices state; undefined for the law's own rate. */
  latePaymentInterest: string | undefined;
}

type Kind =
  | "text" | "currency" | "rate" | "amount" | "whole" | "steps" | "mode" | "rounding" | "taxBase" | "release" | "yesNo"
  | "country" | "code" | "scheme" | "email" | "iban" | "bic" | "vatTreatment" | "language";

interface SettingSpec {
  key: string;
  kind: Kind;
  help: string;
}

/** Every setting, in the order the settings sheet lists them. Keys are what a person reads and edits. */
export const SETTINGS: readonly SettingSpec[] = [
  { key: "Supplier name", kind: "text", help: "Your company, as it appears on invoices." },
  { key: "Supplier street", kind: "text", help: "Street and number. With city, post code and country, this is the address invoices and e-invoices carry." },
  { key: "Supplier city", kind: "text", help: "" },
  { key: "Supplier post code", kind: "code", help: "" },
  { key: "Supplier country", kind: "country", help: "ISO two-letter code such as DE, FR, GB." },
  { key: "Supplier address", kind: "text", help: "The address in one text, as older workbooks hold it; used only while street, city and post code are blank." },
  { key: "Supplier tax id", kind: "text", help: "VAT or tax registration number." },
  { key: "Supplier electronic address", kind: "text", help: "Where you receive e-invoices (Peppol participant id), such as 0088:5790000435968 without the 0088:." },
  { key: "Supplier electronic address scheme", kind: "scheme", help: "Its Peppol EAS code: 0088 GLN, 0208 Belgian company number, 9930 German VAT number, 0204 Leitweg-ID, ..." },
  { key: "Supplier contact name", kind: "text", help: "Who answers questions about the invoice." },
  { key: "Supplier contact phone", kind: "text", help: "" },
  { key: "Supplier contact email", kind: "email", help: "" },
  { key: "Supplier IBAN", kind: "iban", help: "The account to pay into; printed and sent as the credit transfer's account." },
  { key: "Supplier BIC", kind: "bic", help: "The bank's SWIFT code; optional within SEPA." },
  { key: "Client name", kind: "text", help: "" },
  { key: "Client street", kind: "text", help: "" },
  { key: "Client city", kind: "text", help: "" },
  { key: "Client post code", kind: "code", help: "" },
  { key: "Client country", kind: "country", help: "ISO two-letter code such as DE, FR, GB." },
  { key: "Client address", kind: "text", help: "The address in one text, as older workbooks hold it; used only while street, city and post code are blank." },
  { key: "Client tax id", kind: "text", help: "" },
  { key: "Client electronic address", kind: "text", help: "Where the client receives e-invoices (its Peppol participant id, without the scheme)." },
  { key: "Client electronic address scheme", kind: "scheme", help: "Its Peppol EAS code, such as 0088, 9930 or 0204." },
  { key: "Contract reference", kind: "text", help: "" },
  { key: "Purchase order", kind: "text", help: "" },
  { key: "Buyer reference", kind: "text", help: "The reference the client asks invoices to quote; for a German public buyer, its Leitweg-ID." },
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
  { key: "VAT treatment", kind: "vatTreatment", help: "standard; reverse charge (the client accounts for the VAT); exempt (give the reason); zero-rated; export (outside the EU). All but standard take a tax rate of 0%." },
  { key: "VAT exemption reason", kind: "text", help: "For an exempt supply: the law that exempts it, printed on the invoice, such as \"Exempt under Article 135(1)(b), Directive 2006/112/EC\"." },
  { key: "Advance payment", kind: "amount", help: "An advance to recover from the invoices (FIDIC 14.2)." },
  { key: "Advance recovery starts at", kind: "rate", help: "Share of the contract sum certified before recovery starts; default 10%." },
  { key: "Advance recovery rate", kind: "rate", help: "Share of each invoice recovered; default 25%." },
  { key: "Allow overbilling", kind: "yesNo", help: "yes to bill a line past its scheduled value (with a warning)." },
  { key: "Payment terms (days)", kind: "whole", help: "" },
  { key: "Payment terms", kind: "text", help: "Text printed on the invoice." },
  { key: "Invoice prefix", kind: "text", help: "Such as INV-; the invoice number is the prefix and 4 digits." },
  { key: "Next invoice number", kind: "whole", help: "Set once; Interim keeps it in step with the billing log." },
  { key: "Credit note prefix", kind: "text", help: "Such as CN-; credit notes are numbered in their own series." },
  { key: "E-invoice type code", kind: "text", help: "The codes the client accepts: 380 commercial invoice; 326 partial invoice (between German parties); 875, 876 or 877 construction invoices (progress invoices 875 or 876, the final invoice 877). An advance invoice is always 386, a credit note 381." },
  // Last, so that the settings before it keep the rows they had in the tables Interim made before it existed.
  { key: "Document language", kind: "language", help: "The language of the invoices and credit notes, their dates and amounts: English, German, French, Spanish, Dutch or Italian (or Deutsch, Français, de, fr, ...). Blank is English." },
  // After the document language, for the same reason: every setting before it keeps its row.
  { key: "Late payment interest", kind: "rate", help: "For a supplier in France: the yearly rate of the penalties for paying late that its invoices state, such as 12%; at least three times the French legal interest rate. Blank states the law's own rate, the ECB's refinancing rate plus 10 points." },
];

export const DEFAULT_SETTINGS: Record<string, CellValue> = {
  Currency: "USD",
  Rounding: "half-up",
  "Retention step mode": "whole",
  "Tax base": "period",
  "VAT treatment": "standard",
  "Allow overbilling": "no",
  "Payment terms (days)": 30,
  "Invoice prefix": "INV-",
  "Next invoice number": 1,
  "Credit note prefix": "CN-",
  "E-invoice type code": "380",
};

export const INVOICE_TYPE_CODES = ["380", "326", "875", "876", "877"] as const;

/** The VAT treatments as a person chooses them, and what each is on the issued document. */
export const VAT_TREATMENTS = ["standard", "reverse charge", "exempt", "zero-rated", "export"] as const;
const VAT_KIND_OF: Record<(typeof VAT_TREATMENTS)[number], VatTreatment["kind"]> = {
  standard: "standard", "reverse charge": "reverse-charge", exempt: "exempt", "zero-rated": "zero-rated", export: "export",
};

/** A treatment as the VAT treatment setting names it ("reverse charge"). */
export function vatTreatmentName(treatment: VatTreatment): string {
  return VAT_TREATMENTS.find((name) => VAT_KIND_OF[name] === treatment.kind) ?? treatment.kind;
}

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
  // First: the sheet writes some settings after a label, in this language, and a cell holds only so much.
  const language = read.language("Document language");
  const { t } = documentText(language);
  const taxIdLabel = t("party.taxId", { taxId: "" });
  const supplier = read.party("Supplier");
  const client = read.party("Client");
  const settings: ContractSettings = {
    supplierName: read.cellText("Supplier name"),
    supplierAddress: addressOf(supplier, read.cellText("Supplier address"), language),
    supplierTaxId: read.cellText("Supplier tax id", taxIdLabel),
    supplier,
    clientName: read.cellText("Client name"),
    clientAddress: addressOf(client, read.cellText("Client address"), language),
    clientTaxId: read.cellText("Client tax id", taxIdLabel),
    client,
    buyerReference: read.cellText("Buyer reference"),
    vatTreatment: read.vatTreatment(),
    contractReference: read.cellText("Contract reference"),
    purchaseOrder: read.cellText("Purchase order"),
    currency: read.currency("Currency"),
    rounding: read.choice("Rounding", ["half-up", "half-even"]) ?? "half-up",
    retention: read.retention(),
    tax: { rate: read.rate("Tax rate") ?? "0", base: read.choice("Tax base", ["period", "payment"]) ?? "period" },
    advance: read.advance(),
    allowOverbilling: read.yesNo("Allow overbilling"),
    paymentTermsDays: read.whole("Payment terms (days)", 0, PAYMENT_DAYS_LIMIT) ?? 30,
    paymentTerms: read.cellText("Payment terms", t("payment.terms", { terms: "" })),
    invoicePrefix: read.prefix("Invoice prefix"),
    nextInvoiceNumber: read.whole("Next invoice number", 1, INVOICE_NUMBER_LIMIT) ?? 1,
    creditNotePrefix: read.prefix("Credit note prefix"),
    invoiceTypeCode: read.choice("E-invoice type code", INVOICE_TYPE_CODES) ?? "380",
    language,
    latePaymentInterest: read.rate("Late payment interest"),
  };
  for (const required of ["Supplier name", "Client name"]) {
    if (read.text(required) === "") read.fail(required, "REQUIRED", `${required} is required on an invoice; fill it in.`);
  }
  checkVatTreatment(settings, read);
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

  /** A party's structured rows; a blank row is "" (or undefined for the electronic address and bank). */
  party(who: "Supplier" | "Client"): PartyDetails {
    const street = this.cellText(`${who} street`);
    const city = this.cellText(`${who} city`);
    const postCode = this.cellText(`${who} post code`);
    const country = this.country(`${who} country`);
    if ((street !== "" || postCode !== "") && city === "") {
      this.fail(`${who} city`, "REQUIRED", `${who} city is blank while ${street === "" ? "the post code" : "the street"} is given: the invoice's address is read from the street, city and post code rows once one is filled. Fill in the city.`);
    }
    if ((street !== "" || city !== "" || postCode !== "") && country === "") {
      this.fail(`${who} country`, "REQUIRED", `${who} country is blank while the address is given: an e-invoice must state each party's country (EN 16931 BR-09, BR-11). Enter its two-letter code, such as DE.`);
    }
    const supplier = who === "Supplier";
    return {
      street, city, postCode, country,
      electronicAddress: this.electronicAddress(who),
      contact: supplier
        ? { name: this.cellText("Supplier contact name"), phone: this.cellText("Supplier contact phone"), email: this.email("Supplier contact email") }
        : { name: "", phone: "", email: "" },
      bank: supplier ? this.bank() : undefined,
    };
  }

  country(key: string): string {
    const code = this.text(key).toUpperCase();
    if (code === "") return "";
    const wrong = countryCodeProblem(code);
    return wrong === undefined ? code : (this.fail(key, "UNKNOWN_COUNTRY", `${key}: ${wrong}`) ?? "");
  }

  /** The address and its scheme, both or neither. Excel keeps a scheme typed as 0088 as the number 88: its zeros are put back. */
  electronicAddress(who: "Supplier" | "Client"): PartyDetails["electronicAddress"] {
    const idKey = `${who} electronic address`;
    const schemeKey = `${who} electronic address scheme`;
    const id = this.cellText(idKey);
    const typed = this.text(schemeKey);
    const scheme = /^\d{1,3}$/.test(typed) ? typed.padStart(4, "0") : typed;
    if (id === "" && scheme === "") return undefined;
    if (scheme === "") return this.fail(schemeKey, "REQUIRED", `${idKey} "${id}" needs its scheme, the Peppol EAS code that says what kind of id it is (0088 GLN, 9930 German VAT number, 0204 Leitweg-ID, ...). Fill in ${schemeKey}.`);
    if (!isEasCode(scheme)) return this.fail(schemeKey, "UNKNOWN_SCHEME", `${schemeKey} "${scheme}" is not a code of the Peppol Electronic Address Scheme list; enter one such as 0088 (GLN), 0208 (Belgian company number) or 9930 (German VAT number), as your Peppol access point gives it.`);
    if (id === "") return this.fail(idKey, "REQUIRED", `${schemeKey} is ${scheme} but ${idKey} is blank: fill in the address, or clear the scheme.`);
    return { id, scheme };
  }

  email(key: string): string {
    const text = this.cellText(key);
    if (text === "" || isEmailShape(text)) return text;
    return this.fail(key, "INVALID_EMAIL", `${key} "${text}" is not an e-mail address such as billing@example.com.`) ?? "";
  }

  /** The supplier's account: an IBAN (ISO 13616 checksum) and, optionally, a BIC (ISO 9362). */
  bank(): PartyDetails["bank"] {
    const iban = compactIban(this.text("Supplier IBAN"));
    const bic = this.text("Supplier BIC").replace(/\s+/g, "").toUpperCase();
    const ibanWrong = iban === "" ? undefined : ibanProblem(iban);
    const bicWrong = bic === "" ? undefined : bicProblem(bic);
    if (ibanWrong !== undefined) this.fail("Supplier IBAN", "INVALID_IBAN", `Supplier IBAN "${iban}" ${ibanWrong}.`);
    if (bicWrong !== undefined) this.fail("Supplier BIC", "INVALID_BIC", `Supplier BIC "${bic}" ${bicWrong}.`);
    if (iban === "" && bic !== "") this.fail("Supplier IBAN", "REQUIRED", "Supplier BIC is given but Supplier IBAN is blank: a BIC names the bank, not the account. Fill in the IBAN, or clear the BIC.");
    return iban === "" || ibanWrong !== undefined || bicWrong !== undefined ? undefined : { iban, bic };
  }

  /** Blank is English, the language of every document before the setting existed. */
  language(key: string): DocumentLanguage {
    const text = this.text(key);
    if (text === "") return "en";
    const parsed = parseDocumentLanguage(text);
    return parsed.ok ? parsed.language : (this.fail(key, parsed.code, `${key}: ${parsed.message}`) ?? "en");
  }

  vatTreatment(): VatTreatment {
    const chosen = this.choice("VAT treatment", VAT_TREATMENTS) ?? "standard";
    const kind = VAT_KIND_OF[chosen];
    return kind === "exempt" ? { kind, reason: this.cellText("VAT exemption reason") } : { kind };
  }

  advance(): ContractSettings["advance"] {
    const amount = this.amount("Advance payment");
    const startsAt = this.rate("Advance recovery starts at");
    const rate = this.rate("Advance recovery rate");
    if (amount === undefined || amount === "0") return undefined;
    return { amount, ...(startsAt === undefined ? {} : { startsAt }), ...(rate === undefined ? {} : { rate }) };
  }
}

/** Where the city goes before the post code ("Bristol BS1 4DJ"); elsewhere the post code comes first ("20457 Hamburg"). */
const CITY_FIRST = new Set(["GB", "IE", "US", "CA", "AU", "NZ", "IM", "JE", "GG"]);

/**
 * The address the invoice prints: the structured rows in one line where any is given, else the
 * one-text address. The country is named in the document's language by CLDR (Deutschland,
 * Allemagne, Alemania), as a letter's reader names it; the e-invoice sends its code.
 */
function addressOf(details: PartyDetails, oneText: string, language: DocumentLanguage): string {
  const { street, city, postCode, country } = details;
  if (street === "" && city === "" && postCode === "") return oneText;
  const place = (CITY_FIRST.has(country) ? `${city} ${postCode}` : `${postCode} ${city}`).trim();
  const countryName = country === "" ? "" : (new Intl.DisplayNames([DOCUMENT_LOCALES[language]], { type: "region" }).of(country) ?? country);
  return [street, place, countryName].filter((part) => part !== "").join(", ");
}

/**
 * What the VAT treatment asks of the other settings: an exempt supply states its reason, a
 * reverse charge names the client's VAT id (the customer accounts for the VAT under it), and a
 * supply that is not standard-rated is taxed at 0 % (a line's own Tax % is checked with the lines).
 */
function checkVatTreatment(settings: ContractSettings, read: SettingsReader): void {
  const treatment = settings.vatTreatment;
  const reason = read.text("VAT exemption reason");
  if (treatment.kind === "exempt" && reason === "") {
    read.fail("VAT exemption reason", "REQUIRED", "VAT treatment is exempt, and an exempt invoice must say why (EN 16931 BR-E-10): enter the law that exempts the supply, such as \"Exempt under Article 135(1)(b), Directive 2006/112/EC\".");
  }
  if (treatment.kind !== "exempt" && reason !== "") {
    read.fail("VAT exemption reason", "INVALID_OPTION", `VAT exemption reason is given but VAT treatment is ${vatTreatmentName(treatment)}: the reason belongs to an exempt supply. Clear it, or set VAT treatment to exempt.`);
  }
  if (treatment.kind === "reverse-charge" && settings.clientTaxId === "") {
    read.fail("Client tax id", "REQUIRED", "VAT treatment is reverse charge, so the invoice must give the client's VAT id, under which the client accounts for the VAT (EN 16931 BR-AE-02). Fill in Client tax id.");
  }
  if (treatment.kind !== "standard" && !new Dec(String(settings.tax.rate ?? "0")).isZero()) {
    read.fail("Tax rate", "TAX_RATE_NOT_ZERO", nonStandardRateMessage(treatment, "Tax rate"));
  }
}

/** Why a rate other than 0 does not go with a treatment that is not standard, and what to do. */
export function nonStandardRateMessage(treatment: VatTreatment, what: string): string {
  return `VAT treatment is ${vatTreatmentName(treatment)}: such a supply is taxed at 0 %, the buyer or the law accounts for the VAT. Set ${what} to 0%.`;
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
