import { cellAddress } from "./a1";

/** A problem found in the workbook, with the cell to select to fix it. */
export interface WorkbookProblem {
  code: string;
  message: string;
  /** The sheet and A1 cell to select, when the problem is in a cell. */
  sheet: string | undefined;
  cell: string | undefined;
}

export function problemAt(code: string, message: string, sheet: string, row: number, column: number): WorkbookProblem {
  return { code, message, sheet, cell: cellAddress(row, column) };
}

export function problem(code: string, message: string): WorkbookProblem {
  return { code, message, sheet: undefined, cell: undefined };
}

/** "'Contract'!B7: message", the way a person finds it. */
export function describeProblem(p: WorkbookProblem): string {
  return p.sheet === undefined ? p.message : `${p.sheet}!${p.cell ?? ""}: ${p.message}`;
}
