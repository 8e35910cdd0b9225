import type { PaneCatalog } from "../../pane-catalog";

/** The pane's history text in this language (see ../de.ts). */
export const history = {} as const satisfies PaneCatalog;
