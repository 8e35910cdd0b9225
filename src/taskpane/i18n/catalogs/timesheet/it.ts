import type { PaneCatalog } from "../../pane-catalog";

/** The pane's timesheet text in this language (see ../it.ts). */
export const timesheet = {} as const satisfies PaneCatalog;
