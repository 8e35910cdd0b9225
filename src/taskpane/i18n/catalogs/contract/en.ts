/** The pane's contract text in English (see ../en.ts). */
export const contract = {} as const;
