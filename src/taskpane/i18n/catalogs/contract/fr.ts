import type { PaneCatalog } from "../../pane-catalog";

/** The pane's contract text in this language (see ../fr.ts). */
export const contract = {} as const satisfies PaneCatalog;
