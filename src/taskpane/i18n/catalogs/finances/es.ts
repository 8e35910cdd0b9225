import type { PaneCatalog } from "../../pane-catalog";

/** The pane's finances text in this language (see ../es.ts). */
export const finances = {} as const satisfies PaneCatalog;
