import type { Catalog } from "../catalog";
import type { DocumentLanguage } from "../document-language";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { it } from "./it";
import { nl } from "./nl";

/** Every language's catalog, bundled: the documents never wait for a file or the network. */
export const CATALOGS: Readonly<Record<DocumentLanguage, Catalog>> = { en, de, fr, es, nl, it };
