import type { PaneCatalog } from "../../pane-catalog";

/** The pane's timesheet text in this language (see ../nl.ts). */
export const timesheet = {} as const satisfies PaneCatalog;
