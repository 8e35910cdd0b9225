import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import fc from "fast-check";
import { DOCUMENT_LANGUAGES, DocumentFormatError, formatDocumentAmount, formatDocumentDate, formatDocumentPercent } from "../../src/i18n";

const ROOT = resolve(__dirname, "../..");

/** The spaces Intl writes: French groups digits with a narrow no-break space; German, French and Spanish set a no-break space before %. */
const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("formatDocumentAmount", () => {
  test("each language's separators", () => {
    expect(DOCUMENT_LANGUAGES.map((language) => formatDocumentAmount("1234567.89", language, 2))).toEqual([
      "1,234,567.89", "1.234.567,89", `1${NNBSP}234${NNBSP}567,89`, "1.234.567,89", "1.234.567,89", "1.234.567,89",
    ]);
  });

  test("four-digit amounts are grouped too, so that a column reads alike (Spanish and Italian would leave them bare)", () => {
    expect(DOCUMENT_LANGUAGES.map((language) => formatDocumentAmount("1234.56", language, 2))).toEqual([
      "1,234.56", "1.234,56", `1${NNBSP}234,56`, "1.234,56", "1.234,56", "1.234,56",
    ]);
  });

  test("a credit's sign, the currency's minor units, and no negative zero", () => {
    expect(formatDocumentAmount("-27360.00", "de", 2)).toBe("-27.360,00");
    expect(formatDocumentAmount("-0.00", "fr", 2)).toBe("0,00");
    expect(formatDocumentAmount("1234567", "it", 0)).toBe("1.234.567");
    expect(formatDocumentAmount("1234.567", "nl", 3)).toBe("1.234,567");
    expect(formatDocumentAmount("5", "es", 2)).toBe("5,00");
  });

  test("no digit is lost: the decimal text is formatted, not a double made from it", () => {
    expect(formatDocumentAmount("12345678901234.56", "de", 2)).toBe("12.345.678.901.234,56");
    // The largest amount the core accepts, with its cents: through a double it would print 1.000.000.000.000.000,00.
    expect(formatDocumentAmount("999999999999999.99", "de", 2)).toBe("999.999.999.999.999,99");
    // Past a double's 15 to 17 significant digits: Number() would print 123.456.789.012.345.680,00.
    expect(formatDocumentAmount("123456789012345678.91", "de", 2)).toBe("123.456.789.012.345.678,91");
  });

  test("any amount reads back to the same digits in every language", () => {
    // Every length of whole part alike, up to 20 digits: a double keeps only 15 to 17.
    const whole = fc.integer({ min: 1, max: 20 }).chain((length) => fc.stringMatching(new RegExp(`^[1-9]\\d{${length - 1}}$`)));
    const amount = fc.tuple(fc.boolean(), whole, fc.stringMatching(/^\d{2}$/)).map(([negative, digits, cents]) => `${negative ? "-" : ""}${digits}.${cents}`);
    fc.assert(
      fc.property(amount, fc.constantFrom(...DOCUMENT_LANGUAGES), (text, language) => {
        const mark = language === "en" ? "." : ",";
        const kept = [...formatDocumentAmount(text, language, 2)].filter((c) => /[-\d]/.test(c) || c === mark);
        expect(kept.join("").replace(mark, ".")).toBe(text);
      }),
    );
  });

  test("refuses what is not the core's decimal text, and never rounds", () => {
    const codeOf = (run: () => string): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return error instanceof DocumentFormatError ? error.code : "another error";
      }
    };
    expect(codeOf(() => formatDocumentAmount("1234.565", "de", 2))).toBe("NOT_WHOLE_IN_MINOR_UNITS");
    for (const text of ["1,234.50", "1e5", "", " 12.00", "+12.00", "12."]) expect(codeOf(() => formatDocumentAmount(text, "de", 2))).toBe("NOT_A_DECIMAL");
    expect(codeOf(() => formatDocumentPercent("19%", "de"))).toBe("NOT_A_DECIMAL");
  });
});

describe("formatDocumentPercent", () => {
  test("each language's percent sign and spacing", () => {
    expect(DOCUMENT_LANGUAGES.map((language) => formatDocumentPercent("0.19", language))).toEqual([
      "19%", `19${NBSP}%`, `19${NBSP}%`, `19${NBSP}%`, "19%", "19%",
    ]);
  });

  test("every decimal a rate has, and at least those asked for", () => {
    expect(formatDocumentPercent("0.055", "fr")).toBe(`5,5${NBSP}%`);
    expect(formatDocumentPercent("0.123456", "en")).toBe("12.3456%");
    expect(formatDocumentPercent("0.6000", "de", 2)).toBe(`60,00${NBSP}%`);
    expect(formatDocumentPercent("0.60005", "en", 2)).toBe("60.005%");
    expect(formatDocumentPercent("0", "nl")).toBe("0%");
  });
});

describe("formatDocumentDate", () => {
  test("each language's date; English keeps ISO 8601", () => {
    expect(DOCUMENT_LANGUAGES.map((language) => formatDocumentDate("2027-03-31", language))).toEqual([
      "2027-03-31", "31.03.2027", "31/03/2027", "31/03/2027", "31-03-2027", "31/03/2027",
    ]);
    expect(formatDocumentDate("2028-02-29", "de")).toBe("29.02.2028");
  });

  test("the calendar date, whatever the time zone the document is made in", () => {
    // Jest's process.env is a copy: a time zone takes effect only in a Node started with it.
    const script = `const { formatDocumentDate } = require("./src/i18n"); console.log(["de", "fr", "nl"].map((l) => formatDocumentDate("2027-01-01", l)).join(" "));`;
    for (const zone of ["Pacific/Honolulu", "Pacific/Kiritimati"]) {
      const run = spawnSync(process.execPath, ["--import", "tsx", "--eval", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TZ: zone } });
      expect({ zone, out: run.stdout.trim(), err: run.stderr }).toEqual({ zone, out: "01.01.2027 01/01/2027 01-01-2027", err: "" });
    }
  });

  test("refuses what is not an ISO date", () => {
    for (const text of ["2027-02-30", "31.03.2027", "2027-3-31", ""]) {
      expect(() => formatDocumentDate(text, "fr")).toThrow(DocumentFormatError);
    }
  });
});
