import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { IssuedInvoice } from "../core";
import { EXPORT_FORMATS, type ExportFormat, exportFileName, exporterFor } from "../export";
import { fileFontSource } from "../export/pdf/file-font-source";

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
      return { name: exportFileName(issued, exporter), bytes: await exporter.generate(issued, { fonts: fileFontSource(fontFolders()) }) };
    }),
  );
}

/** Writes the exports into `out` (default: the workbook's folder); returns the folder, or undefined when there was nothing to write. */
export async function writeExports(exports: ExportFile[], out: string | undefined, workbook: string): Promise<string | undefined> {
  if (exports.length === 0) return undefined;
  const outDir = out ?? dirname(resolve(workbook));
  await mkdir(outDir, { recursive: true });
  for (const { name, bytes } of exports) await writeSafely(join(outDir, name), bytes);
  return outDir;
}

/** "; exported INV-0001.pdf, INV-0001.xml to DIR", or nothing. */
export function exportedNote(exports: ExportFile[], outDir: string | undefined): string {
  return outDir === undefined ? "" : `; exported ${exports.map((e) => e.name).join(", ")} to ${outDir}`;
}

/** An export file, never half-written: a temporary file beside it, then a rename. */
async function writeSafely(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.interim-tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Where the PDF's fonts are: beside the bundled command, or in node_modules when run from the repository. */
function fontFolders(): string[] {
  return [join(__dirname, "fonts"), join(__dirname, "..", "..", "node_modules"), join(process.cwd(), "node_modules")];
}
