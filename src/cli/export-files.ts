import { lstat, mkdir, unlink } from "node:fs/promises";
import { basename, join } from "node:path";
import type { IssuedInvoice } from "../core";
import { EXPORT_FORMATS, type ExportFormat, type FontSource, exportFileName, exporterFor } from "../export";
import { fileFontSource } from "../export/pdf/file-font-source";
import { isCode } from "../workbook/xlsx-file";
import { FileRefusal, fileFailure } from "./file-errors";
import { placeNew, writeNew } from "./workbook-commit";

/** An export made and not yet written: its file name and bytes. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/** The formats of a --format list ("pdf,csv"), each once; or what is wrong with it. */
export function parseFormats(list: string | undefined): ExportFormat[] | { error: string } {
  const formats = (list ?? "").split(",").map((f) => f.trim().toLowerCase()).filter((f) => f !== "");
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) return { error: `unknown format ${unknown.join(", ")}; the formats are ${EXPORT_FORMATS.join(", ")}.` };
  return [...new Set(formats)] as ExportFormat[];
}

/**
 * Makes every export of an issued document in memory, before the workbook is saved: an export
 * that fails (an ExportError) then leaves the workbook as it was.
 */
export function makeExports(issued: IssuedInvoice, formats: ExportFormat[]): Promise<ExportFile[]> {
  return Promise.all(
    formats.map(async (format) => {
      const exporter = await exporterFor(format);
      return { name: exportFileName(issued, exporter), bytes: await exporter.generate(issued, { fonts: cliFonts() }) };
    }),
  );
}

/** Exports written under temporary names in their folder, waiting for the workbook's commit. */
export interface StagedExports {
  folder: string;
  files: { name: string; temporary: string; path: string }[];
}

/**
 * Writes the exports into `folder` under temporary names, before the workbook is written:
 * a full disk or a folder Interim cannot write to then stops the run with nothing issued. An
 * export file already there is never overwritten: the run is refused before anything is
 * written. `prefix` (the workbook's name, with --all) keeps the names of different workbooks apart.
 */
export async function stageExports(exports: ExportFile[], folder: string, prefix: string | undefined): Promise<StagedExports | undefined> {
  if (exports.length === 0) return undefined;
  const files = exports.map(({ name }) => {
    const named = prefix === undefined ? name : `${prefix}-${name}`;
    return { name: named, temporary: join(folder, `.${named}.${process.pid}.interim-tmp`), path: join(folder, named) };
  });
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    if (isCode(error, "EEXIST")) throw new FileRefusal(`${folder} is a file, not a folder: give --out a folder, then run the command again.`);
    throw fileFailure(error, `Making the export folder ${folder}`);
  });
  for (const { path } of files) {
    if (await present(path)) throw new FileRefusal(`${path} already exists, and Interim never overwrites an export. Move it away, or choose another folder with --out, then run the command again.`);
  }
  const written = new Set<string>();
  try {
    for (const [index, file] of files.entries()) await writeNew(file.temporary, exports[index]?.bytes ?? new Uint8Array(), 0o666, written);
  } catch (error) {
    await discardExports({ folder, files: files.filter((f) => written.has(f.temporary)) });
    throw fileFailure(error, `Writing the exports into ${folder}`);
  }
  return { folder, files };
}

/** Removes staged exports: the workbook was not written. */
export async function discardExports(staged: StagedExports | undefined): Promise<void> {
  for (const { temporary } of staged?.files ?? []) await unlink(temporary);
}

/**
 * Gives the staged exports their names, after the workbook is written. What could not be named
 * (the name taken meanwhile, the folder gone) stays under its temporary name and is reported,
 * so the invoice issued is never without its files.
 */
export async function placeExports(staged: StagedExports | undefined): Promise<string[]> {
  const left: string[] = [];
  for (const file of staged?.files ?? []) {
    try {
      await placeNew(file.temporary, file.path);
    } catch (error) {
      const reason = fileFailure(error, `Naming ${file.name}`);
      left.push(`${file.name} is in ${staged?.folder ?? ""} as ${basename(file.temporary)} (${reason instanceof Error ? reason.message : String(reason)} Rename it to ${file.name} yourself.)`);
    }
  }
  return left;
}

/** "; exported INV-0001.pdf, INV-0001.xml to DIR", or nothing. */
export function exportedNote(staged: StagedExports | undefined): string {
  return staged === undefined ? "" : `; exported ${staged.files.map((e) => e.name).join(", ")} to ${staged.folder}`;
}

async function present(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (isCode(error, "ENOENT")) return false;
    throw error;
  }
}

/** The PDF's fonts, read from beside the bundled command, or from node_modules when run from the repository. */
export function cliFonts(): FontSource {
  return fileFontSource([join(__dirname, "fonts"), join(__dirname, "..", "..", "node_modules"), join(process.cwd(), "node_modules")]);
}
