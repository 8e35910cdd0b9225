import i18next, { type TFunction, type i18n } from "i18next";
import { en } from "./catalogs/en";
import type { PaneArguments, PaneKey, WholePaneCatalog } from "./pane-catalog";
import { type PaneLanguage, paneLanguageOf, paneLocaleOf } from "./pane-language";

/** The pane's own text in one language, and the locale it formats numbers and dates in. */
export interface PaneText {
  readonly language: PaneLanguage;
  /** Office's display language as Intl reads it ("de-AT"): formats follow the region too. */
  readonly locale: string;
  /** The text of `key`, its placeholders filled with `values` (already formatted); a function, so it can be passed around alone. */
  readonly t: <K extends PaneKey>(key: K, ...values: PaneArguments<K>) => string;
}

/**
 * The other languages' catalogs load when the pane opens in that language, each its own
 * chunk: the pane's first load carries English alone (test/build.test.ts holds its budget).
 */
const LOADERS: Readonly<Record<Exclude<PaneLanguage, "en">, () => Promise<WholePaneCatalog>>> = {
  de: () => import(/* webpackChunkName: "pane-de" */ "./catalogs/de").then((module) => module.de),
  fr: () => import(/* webpackChunkName: "pane-fr" */ "./catalogs/fr").then((module) => module.fr),
  es: () => import(/* webpackChunkName: "pane-es" */ "./catalogs/es").then((module) => module.es),
  nl: () => import(/* webpackChunkName: "pane-nl" */ "./catalogs/nl").then((module) => module.nl),
  it: () => import(/* webpackChunkName: "pane-it" */ "./catalogs/it").then((module) => module.it),
};

/**
 * The pane's i18next instance, its own as the documents' is theirs (src/i18n/document-text.ts):
 * other readers, another fallback. Every language has every key (WholePaneCatalog); English is
 * the fallback all the same, as the pane is when a catalog cannot load: a person at the pane is
 * better served by an English word than by a key, where a document must never print either.
 */
function createPaneI18n(): i18n {
  const created = i18next.createInstance();
  void created.init({
    resources: { en: { translation: en } },
    lng: "en",
    fallbackLng: "en",
    initAsync: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: {
      // React escapes what it renders; escaping here too would show "&amp;" in a client's name.
      escapeValue: false,
      // A value (a sheet's name, a client's) is shown as given, never read for {{placeholders}}.
      skipOnVariables: true,
    },
  });
  return created;
}

let instance: i18n | undefined;
const pane = (): i18n => (instance ??= createPaneI18n());

function textOf(language: PaneLanguage, locale: string): PaneText {
  const fixed: TFunction = pane().getFixedT(language);
  return { language, locale, t: (key, ...values) => fixed(key, values[0]) };
}

/** The pane's text in English, ready at once: no catalog to load. */
export function englishPaneText(locale = "en"): PaneText {
  return textOf("en", locale);
}

/** The pane's text for Office's display language (`de-AT`), its catalog loaded first when it is not English. */
export async function loadPaneText(displayLanguage: string): Promise<PaneText> {
  const language = paneLanguageOf(displayLanguage);
  const locale = paneLocaleOf(displayLanguage);
  if (language !== "en" && !pane().hasResourceBundle(language, "translation")) {
    pane().addResourceBundle(language, "translation", await LOADERS[language]());
  }
  return textOf(language, locale);
}
