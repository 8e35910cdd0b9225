import type { en } from "./catalogs/en";

/** The forms a plural key can take: CLDR's plural categories, as i18next suffixes them. */
export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/**
 * The types below are written over a source catalog `Source` (an English catalog `as const`),
 * so that the documents' catalogs and the task pane's are typed by one set of rules.
 */
type KeyIn<Source> = keyof Source & string;
type SingularKeyIn<Source> = Exclude<KeyIn<Source>, `${string}_${PluralCategory}`>;
type BaseOf<K extends string> = K extends `${infer Base}_${PluralCategory}` ? Base : K;
type PluralKeyIn<Source> = BaseOf<Exclude<KeyIn<Source>, SingularKeyIn<Source>>>;

/**
 * What a language's catalog holds: every key of the source, and the plural forms its own
 * plural rules use (French has a "many" that English lacks, so those forms are each optional
 * here, and the catalog tests hold each language to its own categories).
 */
export type CatalogOf<Source> = { readonly [K in SingularKeyIn<Source>]: string } & {
  readonly [K in `${PluralKeyIn<Source>}_${PluralCategory}`]?: string;
};

/** A label's key as `t()` takes it: a plural's forms share one key. */
export type MessageKeyOf<Source> = BaseOf<KeyIn<Source>>;

/** The names between `{{` and `}}` in a text. */
type PlaceholdersOf<Text> = Text extends `${string}{{${infer Name}}}${infer Rest}` ? Name | PlaceholdersOf<Rest> : never;
type PlaceholdersOfKey<Source, K extends string> = PlaceholdersOf<Source[Extract<KeyIn<Source>, K | `${K}_${PluralCategory}`>]>;

/**
 * The values a label needs: each placeholder as text already formatted for its reader (a
 * number interpolated raw would print in no locale's format), and `count` for a plural.
 */
export type MessageValuesOf<Source, K extends MessageKeyOf<Source>> = { [Name in Exclude<PlaceholdersOfKey<Source, K>, "count">]: string } & (K extends PluralKeyIn<Source>
  ? { count: number }
  : unknown);

/** No second argument for a label without placeholders; the values it needs for the others. */
export type MessageArgumentsOf<Source, K extends MessageKeyOf<Source>> = [PlaceholdersOfKey<Source, K>] extends [never] ? [] : [values: MessageValuesOf<Source, K>];

/** The documents' catalogs, typed by the English one. */
export type Catalog = CatalogOf<typeof en>;
export type MessageKey = MessageKeyOf<typeof en>;
export type MessageValues<K extends MessageKey> = MessageValuesOf<typeof en, K>;
export type MessageArguments<K extends MessageKey> = MessageArgumentsOf<typeof en, K>;
