/** The pane's history text in English (see ../en.ts). */
export const history = {} as const;
