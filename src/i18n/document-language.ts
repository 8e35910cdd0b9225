import { DOCUMENT_LANGUAGES, type DocumentLanguage } from "../core";

// The list is the core's, so that an issued document carries its language without the core knowing the catalogs.
export { DOCUMENT_LANGUAGES, type DocumentLanguage };

/**
 * The locale whose conventions each language's documents follow: the country whose law and
 * practice its catalog's terms come from. English numbers read the same in en-GB and en-US;
 * its dates are not formatted by locale at all (see formatDocumentDate).
 */
export const DOCUMENT_LOCALES: Readonly<Record<DocumentLanguage, string>> = {
  en: "en-GB",
  de: "de-DE",
  fr: "fr-FR",
  es: "es-ES",
  nl: "nl-NL",
  it: "it-IT",
};

/**
 * Each language's name in English, which the setting's problems and the settings table use, and
 * in itself, as the task pane offers it beside the English one.
 */
export const DOCUMENT_LANGUAGE_NAMES: Readonly<Record<DocumentLanguage, { english: string; own: string }>> = {
  en: { english: "English", own: "English" },
  de: { english: "German", own: "Deutsch" },
  fr: { english: "French", own: "Français" },
  es: { english: "Spanish", own: "Español" },
  nl: { english: "Dutch", own: "Nederlands" },
  it: { english: "Italian", own: "Italiano" },
};

/** Each language's name in itself, as a person may type it in the setting besides the English one. */
const OWN_NAMES: Readonly<Record<DocumentLanguage, readonly string[]>> = {
  en: [],
  de: ["deutsch"],
  fr: ["français", "francais"],
  es: ["español", "espanol", "castellano"],
  nl: ["nederlands"],
  it: ["italiano"],
};

/**
 * The language tags with a region that a person may type for each language: the one whose
 * formats the documents use, and for English both sides of the Atlantic, which format
 * numbers alike. Another region's formats differ (de-CH writes 1'234.50, de-AT groups with a
 * space, nl-BE dates 31/03/2027), so its tag is refused rather than printed in another
 * country's way.
 */
const REGIONS: Readonly<Record<DocumentLanguage, readonly string[]>> = {
  en: ["gb", "us"],
  de: ["de"],
  fr: ["fr"],
  es: ["es"],
  nl: ["nl"],
  it: ["it"],
};

export type DocumentLanguageProblemCode = "UNKNOWN_DOCUMENT_LANGUAGE" | "UNSUPPORTED_REGION";

export type DocumentLanguageOutcome =
  | { ok: true; language: DocumentLanguage }
  | { ok: false; code: DocumentLanguageProblemCode; message: string };

const isDocumentLanguage = (text: string): text is DocumentLanguage => (DOCUMENT_LANGUAGES as readonly string[]).includes(text);

const CHOICES = `${new Intl.ListFormat("en", { type: "disjunction" }).format(DOCUMENT_LANGUAGES.map((l) => DOCUMENT_LANGUAGE_NAMES[l].english))} (or its code: ${DOCUMENT_LANGUAGES.join(", ")})`;

/**
 * The document language a setting's text names: a language's name in English or in itself
 * ("German", "Deutsch"), its code ("de") or its code with its region ("de-DE", "de_DE"),
 * whatever the case and the spaces around it. Anything else is a problem that says what to type.
 */
export function parseDocumentLanguage(text: string): DocumentLanguageOutcome {
  const typed = text.trim().toLowerCase();
  const named = DOCUMENT_LANGUAGES.find((l) => l === typed || DOCUMENT_LANGUAGE_NAMES[l].english.toLowerCase() === typed || OWN_NAMES[l].includes(typed));
  if (named !== undefined) return { ok: true, language: named };
  const tag = /^([a-z]{2})[-_]([a-z]{2})$/.exec(typed);
  const [, code = "", region = ""] = tag ?? [];
  if (isDocumentLanguage(code)) {
    if (REGIONS[code].includes(region)) return { ok: true, language: code };
    return {
      ok: false,
      code: "UNSUPPORTED_REGION",
      message: `The document language "${text.trim()}" asks for that region's formats, which Interim does not write: enter "${code}" for ${DOCUMENT_LANGUAGE_NAMES[code].english} documents, which follow ${DOCUMENT_LOCALES[code]}.`,
    };
  }
  const what = typed === "" ? "The document language is blank" : `"${text.trim()}" is not a language Interim writes documents in`;
  return { ok: false, code: "UNKNOWN_DOCUMENT_LANGUAGE", message: `${what}: enter ${CHOICES}.` };
}
