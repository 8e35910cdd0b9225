/** The pane's timesheet text in English (see ../en.ts). */
export const timesheet = {} as const;
