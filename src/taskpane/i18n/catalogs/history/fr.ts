import type { PaneCatalog } from "../../pane-catalog";

/** The pane's history text in this language (see ../fr.ts). */
export const history = {} as const satisfies PaneCatalog;
