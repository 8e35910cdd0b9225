import { chmod, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { crc32, inflateRawSync } from "node:zlib";

// What makes an .xlsx file safe to rewrite: it is one (not encrypted, not something else), it is
// not open in a spreadsheet program, and it holds nothing exceljs would drop when writing it back.

/** Why a file is not opened or not saved. Every one of them is the file's state, not a fault of the product. */
export type WorkbookFileCode = "NOT_FOUND" | "NOT_XLSX" | "ENCRYPTED" | "LOCKED" | "WOULD_LOSE_CONTENT" | "UNREADABLE" | "CHANGED_ON_DISK" | "TOO_LARGE";

export class WorkbookFileError extends Error {
  override readonly name = "WorkbookFileError";
  constructor(
    readonly code: WorkbookFileCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What exceljs 4.4 does not read, so a rewrite would drop it: known by the kind of a part (the
 * last word of its relationship type or of its content type, which is what Excel goes by) or,
 * for a part nothing points to, by the name Excel gives it.
 */
const DROPPED_PARTS: readonly [RegExp, RegExp, string][] = [
  [/^(chart|chartsheet|chartUserShapes|chartshapes|chartstyle|chartcolorstyle)$/i, /^xl\/(charts|chartsheets)\//, "charts"],
  [/^(pivotTable|pivotCacheDefinition|pivotCacheRecords)$/i, /^xl\/(pivotTables|pivotCache)\//, "pivot tables"],
  [/^(slicer|slicerCache|timeline|timelineCache)$/i, /^xl\/(slicers|slicerCaches|timelines|timelineCaches)\//, "slicers or timelines"],
  [/^(externalLink|externalLinkPath)$/i, /^xl\/externalLinks\//, "links to other workbooks"],
  [/^vbaProject$/i, /^xl\/vbaProject\.bin$/, "macros"],
  [/^(oleObject|package)$/i, /^xl\/embeddings\//, "embedded objects"],
  [/^(ctrlProp|controlproperties|control|activeX|activeXControl|activeXControlBinary)$/i, /^xl\/(ctrlProps|activeX)\//, "form controls"],
  [/^(connections|queryTable)$/i, /^xl\/(connections\.xml|queryTables\/)/, "data connections or queries"],
  [/^(powerPivotData|model)$/i, /^xl\/model\//, "a data model"],
  [/^(rdRichValue\w*|richValue\w*|rdArray|rdSupportingPropertyBag\w*)$/i, /^xl\/richData\//, "pictures or data types in cells"],
  [/^sheetMetadata$/i, /^xl\/metadata\.xml$/, "dynamic-array formulas (Excel 365)"],
  [/^(threadedComment|threadedcomments|person)$/i, /^xl\/(threadedComments|persons)\//, "threaded comments"],
  [/^(customXml|customXmlProps|customXmlProperties)$/i, /^customXml\//, "custom XML data"],
];

/** Markup inside parts exceljs does read, but not all of. */
const DROPPED_MARKUP: readonly [RegExp, RegExp, string][] = [
  [/^xl\/drawings\/drawing\d+\.xml$/, /<xdr:(sp|grpSp|cxnSp|graphicFrame)\b/, "shapes or text boxes"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<x14:sparklineGroups\b/, "sparklines"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<x14:dataValidations\b/, "data validation lists that refer to other sheets"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<x14:conditionalFormattings\b/, "conditional formats of newer Excel (such as gradient data bars)"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<c\b[^>]*\bcm="/, "dynamic-array formulas (Excel 365)"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, /<hyperlink\b[^>]*\blocation="/, "links to places in the workbook"],
  [/^xl\/(worksheets\/sheet|tables\/table)\d+\.xml$/, /<filterColumn\b[^>]*[^/]>\s*<(\w+:)?(filters|customFilters|top10|dynamicFilter|colorFilter|iconFilter)\b/, "an active filter"],
  [/^xl\/tables\/table\d+\.xml$/, /<calculatedColumnFormula\b/, "a table's calculated column formula"],
  [/^xl\/(.*\/)?comments?\d*\.xml$/i, /<author>[^<]/, "the authors of comments"],
  [/^xl\/workbook\.xml$/, /<workbookProtection\b[^>]*\b(lockStructure|lockWindows)="(1|true)"/, "the workbook's structure protection (Review > Protect Workbook)"],
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
  /** The part name, without the leading slash some programs write. */
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

export interface Zip {
  entries: ZipEntry[];
  /** An entry's bytes as stored (compressed). */
  raw(entry: ZipEntry): Buffer;
  text(entry: ZipEntry): string;
}

/**
 * How much worksheet XML the command line takes on, as a share of the heap: exceljs holds a
 * workbook in memory at about 30 times its worksheets' XML (measured: 96 MB of it took 2.9 GB).
 */
const HEAP_PER_SHEET_BYTE = 32;

/**
 * The entries of a zip archive from its central directory, with a reader for their bytes.
 * Every entry is checked against its CRC-32 and size, as Excel does: a damaged workbook is
 * refused rather than rewritten with fresh checksums over the damage.
 */
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
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localHeader: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  const raw = (entry: ZipEntry): Buffer => {
    const header = entry.localHeader;
    if (header + 30 > bytes.length || bytes.readUInt32LE(header) !== 0x04034b50) throw unreadable();
    const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    return bytes.subarray(start, start + entry.compressedSize);
  };
  refuseIfTooLarge(path, entries);
  const damaged = (entry: ZipEntry): WorkbookFileError =>
    new WorkbookFileError(
      "UNREADABLE",
      `${path} is damaged: its part ${entry.name} does not match its checksum, so Interim will not rewrite it. Open it in Excel (which offers to repair it) or restore a good copy, then run the command again.`,
    );
  const data = (entry: ZipEntry): Buffer => {
    let content: Buffer;
    try {
      // Never more than the size the directory declares: a part that inflates further is damaged.
      content = entry.method === 8 ? inflateRawSync(raw(entry), { maxOutputLength: Math.max(1, entry.size) }) : raw(entry);
    } catch (error) {
      if (error instanceof WorkbookFileError) throw error;
      throw damaged(entry);
    }
    if (content.length !== entry.size || crc32(content) !== entry.crc) throw damaged(entry);
    return content;
  };
  for (const entry of entries) data(entry);
  return { entries, raw, text: (entry) => data(entry).toString("utf8") };
}

/**
 * Refuses, before reading any of it, a workbook whose worksheets would not fit in memory
 * (such as a sheet filled down to row 1,048,576): the process would otherwise die.
 */
function refuseIfTooLarge(path: string, entries: readonly ZipEntry[]): void {
  const sheets = entries.filter((entry) => /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name));
  const total = sheets.reduce((sum, entry) => sum + entry.size, 0);
  const limit = Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_SHEET_BYTE);
  if (total <= limit) return;
  const largest = sheets.reduce((most, entry) => (entry.size > most.size ? entry : most));
  throw new WorkbookFileError(
    "TOO_LARGE",
    `${path} is too large for the command line: its sheets hold ${megabytes(total)} of cells (the largest, ${largest.name}, ${megabytes(largest.size)}), and it can rewrite at most ${megabytes(limit)}. Nothing was written. Clear the rows no one uses (such as a sheet filled down to its last row) or move them to another workbook, or bill this contract with the Excel add-in.`,
  );
}

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / 1_000_000)} MB`;
}

/**
 * Relationship targets written from the package's root (/xl/tables/table1.xml), as openpyxl
 * does, made relative to their source part, as exceljs expects; other parts unchanged.
 * Undefined when there is none.
 */
export function relativeTargets(zip: Zip): Map<ZipEntry, Buffer> | undefined {
  const changed = new Map<ZipEntry, Buffer>();
  for (const entry of zip.entries) {
    const source = /^(.*?)_rels\/[^/]*\.rels$/.exec(entry.name);
    if (source === null) continue;
    const folder = (source[1] ?? "").split("/").filter((step) => step !== "");
    const text = zip.text(entry);
    const fixed = text.replace(/<Relationship\b[^>]*>/g, (relationship) => {
      if (/\bTargetMode="External"/.test(relationship)) return relationship;
      return relationship.replace(/\bTarget="\/([^"]*)"/, (_, target: string) => `Target="${relativePath(folder, target.split("/"))}"`);
    });
    if (fixed !== text) changed.set(entry, Buffer.from(fixed, "utf8"));
  }
  return changed.size === 0 ? undefined : changed;
}

function relativePath(from: readonly string[], to: readonly string[]): string {
  let shared = 0;
  while (shared < from.length && shared < to.length - 1 && from[shared] === to[shared]) shared += 1;
  return [...from.slice(shared).map(() => ".."), ...to.slice(shared)].join("/");
}

/** An entry of a zip archive to write: its data as stored (compressed with `method`), its CRC-32 and size. */
export interface PackedPart {
  name: string;
  method: number;
  crc: number;
  size: number;
  data: Buffer;
}

/** An entry copied as stored, its compressed bytes and CRC as they were. */
export function copiedPart(zip: Zip, entry: ZipEntry): PackedPart {
  return { name: entry.name, method: entry.method, crc: entry.crc, size: entry.size, data: zip.raw(entry) };
}

/** New content for a part, stored uncompressed (these are a few small XML parts). */
export function storedPart(name: string, content: Buffer): PackedPart {
  return { name, method: 0, crc: crc32(content), size: content.length, data: content };
}

/** A zip archive of the parts, in their order. */
export function packZip(parts: readonly PackedPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name: partName, method, crc, size, data } of parts) {
    const name = Buffer.from(partName, "utf8");
    // Version 2.0, names in UTF-8 (flag 11), dated 1980-01-01 00:00 (the zip format's first day), sizes in the headers.
    const fields = (header: Buffer, at: number): void => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(0x0800, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(0, at + 6);
      header.writeUInt16LE(0x21, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}

/**
 * Parts the package points to from its root that exceljs does not write: custom document
 * properties (where a sensitivity label is kept) and Office's label part. Nothing else refers
 * to them, so they are carried over as they were, with their relationship and content type.
 */
const CARRIED_RELATIONSHIPS = /\/(custom-properties|classificationlabels)$/;

export interface CarriedPart {
  part: PackedPart;
  relationshipType: string;
  contentType: string;
}

export function carriedParts(zip: Zip): CarriedPart[] {
  const root = zip.entries.find((entry) => entry.name === "_rels/.rels");
  const types = zip.entries.find((entry) => entry.name === "[Content_Types].xml");
  if (root === undefined || types === undefined) return [];
  const typesText = zip.text(types);
  const carried: CarriedPart[] = [];
  for (const [relationship] of zip.text(root).matchAll(/<Relationship\b[^>]*>/g)) {
    const type = /\bType="([^"]*)"/.exec(relationship)?.[1] ?? "";
    const target = decodeXml(/\bTarget="([^"]*)"/.exec(relationship)?.[1] ?? "").replace(/^\//, "");
    const entry = zip.entries.find((candidate) => candidate.name === target);
    if (!CARRIED_RELATIONSHIPS.test(type) || entry === undefined) continue;
    const override = [...typesText.matchAll(/<Override\b[^>]*>/g)].find(([element]) => element.includes(`PartName="/${target}"`))?.[0];
    const contentType = override === undefined ? undefined : /\bContentType="([^"]*)"/.exec(override)?.[1];
    if (contentType !== undefined) carried.push({ part: copiedPart(zip, entry), relationshipType: type, contentType });
  }
  return carried;
}

/** A package exceljs wrote, with the carried parts added back: each part, its relationship from the root and its content type. */
export function withCarriedParts(written: Buffer, carried: readonly CarriedPart[]): Buffer {
  if (carried.length === 0) return written;
  const zip = readZip("The written workbook", written);
  const names = new Set(carried.map(({ part }) => part.name));
  const parts = zip.entries.filter((entry) => !names.has(entry.name)).map((entry) => {
    if (entry.name === "_rels/.rels") {
      const relationships = carried.map(({ part, relationshipType }, i) => `<Relationship Id="rIdInterimKept${i + 1}" Type="${relationshipType}" Target="${part.name}"/>`);
      return storedPart(entry.name, Buffer.from(zip.text(entry).replace("</Relationships>", `${relationships.join("")}</Relationships>`), "utf8"));
    }
    if (entry.name === "[Content_Types].xml") {
      const overrides = carried.map(({ part, contentType }) => `<Override PartName="/${part.name}" ContentType="${contentType}"/>`);
      return storedPart(entry.name, Buffer.from(zip.text(entry).replace("</Types>", `${overrides.join("")}</Types>`), "utf8"));
    }
    return copiedPart(zip, entry);
  });
  return packZip([...parts, ...carried.map(({ part }) => part)]);
}

/** What a rewrite by exceljs would lose, in words a person knows; empty when it keeps everything that matters. */
export function droppedContent(zip: Zip): string[] {
  const lost = new Set<string>();
  const kinds = new Set<string>();
  for (const entry of zip.entries) {
    if (entry.name === "[Content_Types].xml") {
      for (const match of zip.text(entry).matchAll(/\bContentType="([^"]*)"/g)) kinds.add(lastWord(match[1] ?? "", ".").replace(/\+xml$/, ""));
    }
    if (entry.name.endsWith(".rels")) {
      for (const match of zip.text(entry).matchAll(/\bType="([^"]*)"/g)) kinds.add(lastWord(match[1] ?? "", "/"));
    }
  }
  for (const [kind, part, what] of DROPPED_PARTS) {
    if ([...kinds].some((k) => kind.test(k)) || zip.entries.some((entry) => part.test(entry.name))) lost.add(what);
  }
  for (const entry of zip.entries) {
    // Each part inflated once, and only when a check looks into it.
    let text: string | undefined;
    const read = (): string => (text ??= zip.text(entry));
    for (const [part, markup, what] of DROPPED_MARKUP) {
      if (!lost.has(what) && part.test(entry.name) && markup.test(read())) lost.add(what);
    }
    if (entry.name === "xl/workbook.xml") for (const name of droppedNames(read())) lost.add(`the name ${name} (a formula, a constant, a name of one sheet, or one hidden or with a comment)`);
  }
  return [...lost];
}

function lastWord(text: string, separator: string): string {
  return text.slice(text.lastIndexOf(separator) + 1);
}

/** Defined names exceljs would drop: anything but global names of absolute cell ranges. */
export function droppedNames(workbookXml: string): string[] {
  const dropped: string[] = [];
  for (const match of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const attributes = match[1] ?? "";
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1] ?? "";
    const text = decodeXml(match[2] ?? "").trim();
    if (PAGE_SETUP_NAMES.has(name.toLowerCase()) || name.toLowerCase() === FILTER_NAME) continue;
    if (/\b(localSheetId|comment)="/.test(attributes) || /\bhidden="(1|true)"/.test(attributes) || !KEPT_NAME_TEXT.test(text)) dropped.push(name);
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

