/** The pane's finances text in English (see ../en.ts). */
export const finances = {} as const;
