import type { PaneCatalog } from "../../pane-catalog";

/** The pane's finances text in this language (see ../fr.ts). */
export const finances = {} as const satisfies PaneCatalog;
