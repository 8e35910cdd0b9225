import type { CatalogOf, MessageArgumentsOf, MessageKeyOf } from "../../i18n";
import type { en } from "./catalogs/en";

/**
 * A language's pane catalog: any of the English keys, none of its own. Unlike the documents'
 * catalogs, a key may be missing: the pane shows it in English, which issue 18 allows ("where a
 * translation exists"), and the catalog test lists what each language lacks.
 */
export type PaneCatalog = Partial<CatalogOf<typeof en>>;

/** A key of the pane's text, as `t()` takes it. */
export type PaneKey = MessageKeyOf<typeof en>;

/** The values a key's placeholders need, each already formatted for the reader; none for a plain label. */
export type PaneArguments<K extends PaneKey> = MessageArgumentsOf<typeof en, K>;
