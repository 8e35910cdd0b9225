/**
 * ISO 4217 minor units of the active currency codes (list one, as published by the
 * maintenance agency). Codes not listed have no known minor units: a request in such a
 * currency must state `minorUnits` itself.
 */
const ZERO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND";
const FOUR_DECIMALS = "CLF UYW";
const TWO_DECIMALS =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
  "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS " +
  "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL " +
  "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK " +
  "PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS " +
  "TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

const MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ...codes(ZERO_DECIMALS, 0),
  ...codes(TWO_DECIMALS, 2),
  ...codes(THREE_DECIMALS, 3),
  ...codes(FOUR_DECIMALS, 4),
]);

function codes(list: string, minorUnits: number): [string, number][] {
  return list.split(" ").map((code) => [code, minorUnits]);
}

/** The ISO 4217 minor units of `code`, or undefined when the code is not known. */
export function minorUnitsOf(code: string): number | undefined {
  return MINOR_UNITS.get(code.toUpperCase());
}

export const MAX_MINOR_UNITS = 4;

/**
 * Where US Letter is the office paper (the United States and Canada, Mexico, the Philippines,
 * Chile and Colombia): a contract in their currency prints on Letter, every other on A4.
 */
const LETTER_CURRENCIES: ReadonlySet<string> = new Set(["USD", "CAD", "MXN", "PHP", "CLP", "COP"]);

/** The paper a contract in `code` prints on: its invoice sheet and its PDF. */
export function paperOf(code: string): "a4" | "letter" {
  return LETTER_CURRENCIES.has(code.toUpperCase()) ? "letter" : "a4";
}
