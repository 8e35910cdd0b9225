/**
 * The codes and shapes a party's settings are checked against before an invoice is made:
 * country, electronic address scheme, IBAN, BIC and e-mail. Pure, so that the task pane checks
 * a setting as it is typed by the same rules as Generate.
 */

/**
 * ISO 3166-1 alpha-2, as the EN 16931 code list for BT-40/BT-55 (rule BR-CL-14, CEN validation
 * artefacts 1.3.16) holds it: the officially assigned codes, plus XI (Northern Ireland, for VAT
 * since 2021). Greece's VAT prefix EL is no country code (GR is); it is refused with that hint.
 * A list rather than Intl.DisplayNames: that names user-assigned codes too ("XK", "ZZ") and
 * differs between the browsers Office runs in.
 */
const COUNTRY_CODES = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW").split(" "),
);

/** Why `code` is not a country code Interim accepts, or undefined when it is one. */
export function countryCodeProblem(code: string): string | undefined {
  if (COUNTRY_CODES.has(code)) return undefined;
  if (code === "EL") return `"EL" is Greece's VAT prefix, not its country code; enter GR.`;
  return `"${code}" is not an ISO 3166-1 two-letter country code; enter one such as DE, FR, GB or US.`;
}

/**
 * The Peppol Electronic Address Scheme (EAS) codes, as Peppol BIS Billing 3.0.21 accepts them
 * (rule PEPPOL-EN16931-CL008; the list at https://docs.peppol.eu/poacc/billing/3.0/codelist/eas/,
 * the same codes in the schematron's "eaid" list). It is a subset of the EN 16931 list
 * (BR-CL-25), so a code it holds passes both.
 */
const EAS_CODES = new Set(
  ("0002 0007 0009 0060 0088 0096 0097 0106 0130 0135 0142 0151 0183 0184 0188 0190 0191 0192 0195 0196 0198 0199 " +
    "0200 0201 0204 0208 0209 0210 0211 0216 0218 0221 0225 0230 0235 0240 0242 0244 0245 0246 0248 9910 9913 9914 " +
    "9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 " +
    "9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959").split(" "),
);

export function isEasCode(code: string): boolean {
  return EAS_CODES.has(code);
}

/** "DE89 3704 0044 0532 0130 00" → "DE89370400440532013000": an IBAN as it is stored, without its print spaces. */
export function compactIban(text: string): string {
  return text.replace(/\s+/g, "").toUpperCase();
}

/** ISO 13616: two letters, two check digits, up to 30 letters or digits; valid when the number mod 97 is 1. */
export function ibanProblem(iban: string): string | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) {
    return "is not an IBAN: two letters of the country, two check digits, then the account (such as DE89 3704 0044 0532 0130 00)";
  }
  if (!COUNTRY_CODES.has(iban.slice(0, 2))) return `starts with ${iban.slice(0, 2)}, which is no country code`;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1 ? undefined : "has check digits that do not match the account: a character is mistyped; copy it again from the bank's statement";
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), branch (3, optional). */
export function bicProblem(bic: string): string | undefined {
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    return "is not a BIC (SWIFT code): 8 or 11 letters and digits, such as DEUTDEFF or DEUTDEFF500";
  }
  return COUNTRY_CODES.has(bic.slice(4, 6)) ? undefined : `has ${bic.slice(4, 6)} where its country code goes`;
}

/** The shape EN 16931 and mail programs need: one @, something before it, a domain with a dot after it, no spaces. */
export function isEmailShape(text: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);
}
