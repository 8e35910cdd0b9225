import { DOCUMENT_LANGUAGES, type DocumentLanguage } from "../../i18n";

/**
 * The languages the task pane has its own text in: the documents' six. A language missing
 * here, or a key missing in one of them, is shown in English ("where a translation exists",
 * issue 18).
 */
export const PANE_LANGUAGES: readonly DocumentLanguage[] = DOCUMENT_LANGUAGES;
export type PaneLanguage = DocumentLanguage;

/**
 * The pane's language for Office's display language (a tag such as "de-DE"): its primary
 * language subtag when the pane has that language, English otherwise. A region variant
 * (de-AT, fr-CA) takes its language's words: the region changes formats, which Intl takes from
 * the whole tag, not the words.
 */
export function paneLanguageOf(displayLanguage: string): PaneLanguage {
  const primary = displayLanguage.trim().split(/[-_]/)[0]?.toLowerCase() ?? "";
  return PANE_LANGUAGES.find((language) => language === primary) ?? "en";
}

/**
 * The locale the pane formats numbers and dates in: the display language itself, region and
 * all (a de-AT user reads Austrian formats), or English when the tag is not one Intl reads.
 */
export function paneLocaleOf(displayLanguage: string): string {
  try {
    return Intl.getCanonicalLocales(displayLanguage.trim().replace(/_/g, "-"))[0] ?? "en";
  } catch (error) {
    // A malformed tag (RangeError) is not a language: the pane reads in English.
    if (error instanceof RangeError) return "en";
    throw error;
  }
}
