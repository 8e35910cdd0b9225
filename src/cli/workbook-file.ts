import { type WorkbookProblem, describeProblem } from "../workbook/problems";
import { XlsxWorkbook } from "../workbook/xlsx-workbook";
import { WorkbookFileError } from "../workbook/xlsx-file";
import { EXIT } from "./io";

/** What happened to one workbook: the status to exit with and the lines to print. */
export interface FileOutcome {
  status: 0 | 1 | 2;
  /** The result, for standard output. */
  out: string[];
  /** Problems and failures, for standard error. */
  err: string[];
}

export function done(out: string[], err: string[] = []): FileOutcome {
  return { status: EXIT.done, out, err };
}

/** Problems in the workbook, each with its sheet and cell (Milestones!D4: ...): nothing was written. */
export function problemsOutcome(file: string, problems: WorkbookProblem[]): FileOutcome {
  return {
    status: EXIT.badInput,
    out: [],
    err: [`${file}: ${problems.length} problem(s); nothing was written.`, ...problems.map((p) => `  ${describeProblem(p)}`)],
  };
}

/**
 * A thrown error as an outcome: a file Interim refuses (not an xlsx, encrypted, open
 * elsewhere, content it could not keep) is bad input (2); anything else is a failure (1),
 * and the workbook was left as it was.
 */
export function errorOutcome(file: string, error: unknown): FileOutcome {
  if (error instanceof WorkbookFileError) return { status: EXIT.badInput, out: [], err: [error.message] };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: EXIT.failure, out: [], err: [`${file}: failed, and the workbook was left as it was: ${reason}`] };
}

export function openWorkbook(path: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(path);
}

export function warningLines(warnings: WorkbookProblem[]): string[] {
  return warnings.map((w) => `  warning: ${describeProblem(w)}`);
}
