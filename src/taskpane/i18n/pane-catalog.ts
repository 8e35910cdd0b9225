import type { CatalogOf, MessageArgumentsOf, MessageKeyOf } from "../../i18n";
import type { en } from "./catalogs/en";

/**
 * A part of a language's pane catalog (one tab's file, catalogs/<area>/<language>.ts): any of
 * the English keys, none of its own.
 */
export type PaneCatalog = Partial<CatalogOf<typeof en>>;

/**
 * A language's whole pane catalog (catalogs/<language>.ts, its parts spread in): every English
 * key, so a label left untranslated does not compile. Should a catalog fail to load, the pane
 * still falls back to English (pane-text.ts).
 */
export type WholePaneCatalog = CatalogOf<typeof en>;

/** A key of the pane's text, as `t()` takes it. */
export type PaneKey = MessageKeyOf<typeof en>;

/** The values a key's placeholders need, each already formatted for the reader; none for a plain label. */
export type PaneArguments<K extends PaneKey> = MessageArgumentsOf<typeof en, K>;
