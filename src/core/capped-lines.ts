import type { InvoiceLine } from "./result";

export type CappedLine = InvoiceLine & { workedNotBilled: string };

/**
 * The capped lines a document lists with the amount worked but not billed: every capped line
 * once any of them has worked past its cap, none while all are within it. A line within its cap
 * bills as any other, so a block of zeros would only push the summary to a later page.
 */
export function cappedLinesShown(lines: readonly InvoiceLine[]): CappedLine[] {
  const capped = lines.filter((line): line is CappedLine => line.workedNotBilled !== undefined);
  return capped.some((line) => !/^0+(\.0+)?$/.test(line.workedNotBilled)) ? capped : [];
}
