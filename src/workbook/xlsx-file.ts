import { chmod, readdir, readlink, realpath, stat } from "node:fs/promises";
import { crc32, inflateRawSync } from "node:zlib";

// An .xlsx file as a zip package: whether it is one (not encrypted, not something else), its
// entries checked as Excel checks them, and writing one.

/** Why a file is not opened or not saved. Every one of them is the file's state, not a fault of the product. */
export type WorkbookFileCode = "NOT_FOUND" | "NOT_XLSX" | "ENCRYPTED" | "WOULD_LOSE_CONTENT" | "CANNOT_WRITE" | "UNREADABLE" | "CHANGED_ON_DISK" | "TOO_LARGE";

export class WorkbookFileError extends Error {
  override readonly name = "WorkbookFileError";
  constructor(
    readonly code: WorkbookFileCode,
    message: string,
  ) {
    super(message);
  }
}

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

