import i18next, { type TFunction, type i18n } from "i18next";
import type { MessageArguments, MessageKey } from "./catalog";
import { CATALOGS } from "./catalogs";
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from "./document-language";

/** The labels of one document language. */
export interface DocumentText {
  readonly language: DocumentLanguage;
  /** The label `key` in this language, its placeholders filled with `values` (already formatted for the document); a function, not a method, so it can be passed around alone. */
  readonly t: <K extends MessageKey>(key: K, ...values: MessageArguments<K>) => string;
}

let instance: i18n | undefined;

/**
 * One i18next instance of Interim's own, apart from the global one a host page may use, holding
 * every catalog from the bundle: no backend, no language detector, nothing fetched, so it is
 * ready when `init` returns (`initAsync: false`) in Node and in the task pane alike.
 */
function documents(): i18n {
  if (instance !== undefined) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: Object.fromEntries(DOCUMENT_LANGUAGES.map((language) => [language, { translation: CATALOGS[language] }])),
    lng: "en",
    supportedLngs: DOCUMENT_LANGUAGES,
    // A label missing in a language is a defect the catalog tests catch, never English on a German invoice.
    fallbackLng: false,
    initAsync: false,
    // Keys are flat ("summary.totalRetention"), and labels hold points and colons of their own.
    keySeparator: false,
    nsSeparator: false,
    interpolation: {
      // Documents are PDF, CSV and cells, not HTML: a client named "Smith & Sons" prints as typed.
      escapeValue: false,
      // A value is printed as given, never read for {{placeholders}} or $t() nesting of its own.
      skipOnVariables: true,
    },
  });
  instance = created;
  return created;
}

/** The labels of `language`'s documents, with `t(key, values)` typed by the English catalog. */
export function documentText(language: DocumentLanguage): DocumentText {
  const fixed: TFunction = documents().getFixedT(language);
  return {
    language,
    t: (key, ...values) => fixed(key, values[0]),
  };
}
