import { readdir } from "node:fs/promises";
import { fileFailure } from "./file-errors";

/** The workbooks `interim report` writes (interim-report-2026-12-31.xlsx): a report, never a contract. */
const REPORT_WORKBOOK = /^interim-report-.*\.xlsx$/i;

/**
 * The contracts of a folder, in name order: every .xlsx directly in it (not in its subfolders),
 * but not Excel's owner files (~$BOOK.xlsx), hidden files (a lock, a temporary file), nor the
 * reports `interim report` writes beside them, so that a report in the folder never fails the
 * next month-end run.
 */
export async function workbooksIn(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch((error: unknown) => {
    throw fileFailure(error, `Reading the folder ${folder}`);
  });
  return names.filter((name) => /\.xlsx$/i.test(name) && !name.startsWith("~$") && !name.startsWith(".") && !REPORT_WORKBOOK.test(name)).sort();
}
