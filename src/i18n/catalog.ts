import type { en } from "./catalogs/en";

/** The forms a plural key can take: CLDR's plural categories, as i18next suffixes them. */
export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

type EnglishKey = keyof typeof en;
type SingularKey = Exclude<EnglishKey, `${string}_${PluralCategory}`>;
type BaseOf<K extends string> = K extends `${infer Base}_${PluralCategory}` ? Base : K;
type PluralKey = BaseOf<Exclude<EnglishKey, SingularKey>>;

/**
 * What a language's catalog holds: every key of the English one, and the plural forms its own
 * plural rules use (French has a "many" that English lacks, so those forms are each optional
 * here, and the catalog tests hold each language to its own categories).
 */
export type Catalog = { readonly [K in SingularKey]: string } & { readonly [K in `${PluralKey}_${PluralCategory}`]?: string };

/** A label's key as `t()` takes it: a plural's forms share one key. */
export type MessageKey = BaseOf<EnglishKey>;

/** The names between `{{` and `}}` in a text. */
type PlaceholdersOf<Text extends string> = Text extends `${string}{{${infer Name}}}${infer Rest}` ? Name | PlaceholdersOf<Rest> : never;
type PlaceholdersOfKey<K extends MessageKey> = PlaceholdersOf<(typeof en)[Extract<EnglishKey, K | `${K}_${PluralCategory}`>]>;

/**
 * The values a label needs: each placeholder as text already formatted for the document
 * (a number interpolated raw would print in no locale's format), and `count` for a plural.
 */
export type MessageValues<K extends MessageKey> = { [Name in Exclude<PlaceholdersOfKey<K>, "count">]: string } & (K extends PluralKey
  ? { count: number }
  : unknown);

/** No second argument for a label without placeholders; the values it needs for the others. */
export type MessageArguments<K extends MessageKey> = [PlaceholdersOfKey<K>] extends [never] ? [] : [values: MessageValues<K>];
