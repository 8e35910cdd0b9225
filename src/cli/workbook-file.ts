import { basename } from "node:path";
import { type WorkbookProblem, describeProblem } from "../workbook/problems";
import { XlsxWorkbook } from "../workbook/xlsx-workbook";
import { WorkbookFileError } from "../workbook/xlsx-file";
import { type ExportFile, type StagedExports, discardExports, exportedNote, placeExports, stageExports } from "./export-files";
import { FileRefusal } from "./file-errors";
import { EXIT } from "./io";
import { type HeldWorkbook, commitWorkbook, holdWorkbook } from "./workbook-commit";

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
  if (error instanceof WorkbookFileError || error instanceof FileRefusal) return { status: EXIT.badInput, out: [], err: [error.message] };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: EXIT.failure, out: [], err: [`${file}: failed, and the workbook was left as it was: ${reason}`] };
}

export function openWorkbook(path: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(path);
}

/**
 * Runs `work` on a workbook held for writing (see holdWorkbook: the real file behind a link,
 * locked, read-only refused), and lets it go whatever happens.
 */
export async function withHeldWorkbook<T>(file: string, work: (held: HeldWorkbook, workbook: XlsxWorkbook) => Promise<T>): Promise<T> {
  const held = await holdWorkbook(file);
  try {
    return await work(held, await XlsxWorkbook.fromBuffer(held.bytes, file));
  } finally {
    await held.release();
  }
}

/** What writing an issued document did: the backup kept, the exports, and any export left under its temporary name. */
export interface WrittenDocument {
  backup: string;
  staged: StagedExports | undefined;
  unplaced: string[];
}

/**
 * Writes an issued document so that the workbook and its exports agree: the exports are
 * written first under temporary names (a full disk or an export already there stops the run
 * with nothing issued), then the workbook is committed, then the exports get their names.
 */
export async function writeDocument(held: HeldWorkbook, workbook: XlsxWorkbook, exports: ExportFile[], folder: string, prefix: string | undefined): Promise<WrittenDocument> {
  const staged = await stageExports(exports, folder, prefix);
  let backup: string;
  try {
    ({ backup } = await commitWorkbook(held, await workbook.toBuffer()));
  } catch (error) {
    await discardExports(staged);
    throw error;
  }
  return { backup, staged, unplaced: await placeExports(staged) };
}

/** The result line's ending, and what to do about exports that could not be named after the workbook was written. */
export function writtenNote(written: WrittenDocument): { note: string; err: string[] } {
  const note = `; written, previous version kept as ${basename(written.backup)}${exportedNote(written.staged)}`;
  return { note, err: written.unplaced.map((line) => `  export not in place: ${line}`) };
}

export function warningLines(warnings: WorkbookProblem[]): string[] {
  return warnings.map((w) => `  warning: ${describeProblem(w)}`);
}
