import { rgb } from "pdf-lib";

/**
 * The look every PDF of Interim shares (the invoice and the financial report): landscape pages
 * on the contract's paper, like the G703 form and the invoice sheet, with one set of colours.
 */
export const PAPER = { a4: [841.89, 595.28], letter: [792, 612] } as const;
export const MARGIN = 36;
export const INK = rgb(0.13, 0.13, 0.13);
export const MUTED = rgb(0.4, 0.4, 0.4);
export const FILL = rgb(0.863, 0.902, 0.941);
export const RULE = rgb(0.7, 0.74, 0.8);
export const LEADING = 1.3;
