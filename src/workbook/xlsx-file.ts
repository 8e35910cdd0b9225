import { chmod, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { inflateRawSync } from "node:zlib";

// What makes an .xlsx file safe to rewrite: it is one (not encrypted, not something else), it is
// not open in a spreadsheet program, and it holds nothing exceljs would drop when writing it back.

/** Why a file is not opened or not saved. Every one of them is the file's state, not a fault of the product. */
export type WorkbookFileCode = "NOT_FOUND" | "NOT_XLSX" | "ENCRYPTED" | "LOCKED" | "WOULD_LOSE_CONTENT" | "UNREADABLE" | "CHANGED_ON_DISK";

export class WorkbookFileError extends Error {
  override readonly name = "WorkbookFileError";
  constructor(
    readonly code: WorkbookFileCode,
    message: string,
  ) {
    super(message);
  }
}

/** Part names in an .xlsx whose content exceljs 4.4 does not read, so a rewrite would drop it. */
const DROPPED_PARTS: readonly [RegExp, string][] = [
  [/^xl\/(charts|chartsheets)\//, "charts"],
  [/^xl\/(pivotTables|pivotCache)\//, "pivot tables"],
  [/^xl\/(slicers|slicerCaches|timelines|timelineCaches)\//, "slicers or timelines"],
  [/^xl\/externalLinks\//, "links to other workbooks"],
  [/^xl\/vbaProject\.bin$/, "macros"],
  [/^xl\/embeddings\//, "embedded objects"],
  [/^xl\/(ctrlProps|activeX)\//, "form controls"],
  [/^xl\/(connections\.xml|queryTables\/)/, "data connections or queries"],
  [/^xl\/model\//, "a data model"],
  [/^xl\/richData\//, "pictures or data types in cells"],
  [/^xl\/(threadedComments|persons)\//, "threaded comments"],
  [/^customXml\//, "custom XML data"],
];

/** Markup inside parts exceljs does read, but not all of. */
const DROPPED_MARKUP: readonly [RegExp, RegExp, string][] = [
  [/^xl\/drawings\/drawing\d+\.xml$/, /<xdr:(sp|grpSp|cxnSp|graphicFrame)\b/, "shapes or text boxes"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<x14:sparklineGroups\b/, "sparklines"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<x14:dataValidations\b/, "data validation lists that refer to other sheets"],
  // LibreOffice writes this part, empty, into every workbook it saves: only a property is lost.
  [/^docProps\/custom\.xml$/, /<property\b/, "custom document properties (such as a sensitivity label)"],
];

/** A defined name exceljs keeps: global, and one or more absolute cell ranges. */
const KEPT_NAME_TEXT = /^(('(?:[^']|'')+'|[^'!,]+)!)?\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?(,(('(?:[^']|'')+'|[^'!,]+)!)?\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?)*$/;
/** Names exceljs turns into page setup (and back), and the filter name Excel rebuilds from a sheet's filter. */
const PAGE_SETUP_NAMES = new Set(["_xlnm.print_area", "_xlnm.print_titles"]);
export const FILTER_NAME = "_xlnm._filterdatabase";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function refuseUnlessXlsx(path: string, bytes: Buffer): void {
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new WorkbookFileError(
      "ENCRYPTED",
      `${path} is password-protected (encrypted) or an old-style .xls workbook; Interim cannot open it. Remove the password (File > Info > Protect Workbook in Excel) or save it as .xlsx, then run the command again.`,
    );
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new WorkbookFileError("NOT_XLSX", `${path} is not an .xlsx workbook (an .xlsx file is a zip archive, and this one is not).`);
  }
}

/**
 * A workbook open in a spreadsheet program: Excel leaves an owner file ~$BOOK.xlsx beside it,
 * LibreOffice a .~lock.BOOK.xlsx# file; on Linux an open handle of another process shows in /proc.
 */
export async function refuseIfLocked(path: string): Promise<void> {
  const folder = dirname(path);
  const name = basename(path);
  const owners = [`~$${name}`, `~$${name.slice(2)}`, `.~lock.${name}#`];
  for (const owner of owners) {
    if (await exists(join(folder, owner))) {
      throw new WorkbookFileError("LOCKED", `${path} is open in a spreadsheet program (${owner} is beside it); close it there, then run the command again.`);
    }
  }
  const holder = await openHandleOf(path);
  if (holder !== undefined) {
    throw new WorkbookFileError("LOCKED", `${path} is open in another program (process ${holder}); close it there, then run the command again.`);
  }
}

/** The id of another process holding the file open, where the system says so (Linux); undefined elsewhere or when none does. */
export async function openHandleOf(path: string): Promise<number | undefined> {
  if (process.platform !== "linux") return undefined;
  const target = await realpath(path);
  const processes = await readdir("/proc").catch(() => [] as string[]);
  for (const pid of processes) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const descriptors = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of descriptors) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
      if (link === target) return Number(pid);
    }
  }
  return undefined;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

export interface Zip {
  entries: ZipEntry[];
  text(entry: ZipEntry): string;
}

/** The entries of a zip archive from its central directory, with a reader for their text. */
export function readZip(path: string, bytes: Buffer): Zip {
  const unreadable = (): WorkbookFileError => new WorkbookFileError("UNREADABLE", `${path} is damaged: its zip directory cannot be read.`);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength).replace(/^\//, ""),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localHeader: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return {
    entries,
    text(entry) {
      const start = entry.localHeader + 30 + bytes.readUInt16LE(entry.localHeader + 26) + bytes.readUInt16LE(entry.localHeader + 28);
      const data = bytes.subarray(start, start + entry.compressedSize);
      return (entry.method === 8 ? inflateRawSync(data) : data).toString("utf8");
    },
  };
}

/** What a rewrite by exceljs would lose, in words a person knows; empty when it keeps everything that matters. */
export function droppedContent(zip: Zip): string[] {
  const lost = new Set<string>();
  for (const entry of zip.entries) {
    for (const [pattern, what] of DROPPED_PARTS) if (pattern.test(entry.name)) lost.add(what);
    for (const [part, markup, what] of DROPPED_MARKUP) {
      if (!lost.has(what) && part.test(entry.name) && markup.test(zip.text(entry))) lost.add(what);
    }
    if (entry.name === "xl/workbook.xml") for (const name of droppedNames(zip.text(entry))) lost.add(`the name ${name} (a formula, a constant or a name of one sheet)`);
  }
  return [...lost];
}

/** Defined names exceljs would drop: anything but global names of absolute cell ranges. */
export function droppedNames(workbookXml: string): string[] {
  const dropped: string[] = [];
  for (const match of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const attributes = match[1] ?? "";
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1] ?? "";
    const text = decodeXml(match[2] ?? "").trim();
    if (PAGE_SETUP_NAMES.has(name.toLowerCase()) || name.toLowerCase() === FILTER_NAME) continue;
    if (/\blocalSheetId="/.test(attributes) || !KEPT_NAME_TEXT.test(text)) dropped.push(name);
  }
  return dropped;
}


export function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[entity] ?? "");
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isCode(error, "ENOENT")) return false;
    throw error;
  }
}

export async function copyMode(from: string, to: string): Promise<void> {
  await chmod(to, (await stat(from)).mode & 0o7777);
}

export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

