import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { access, link, lstat, open, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { exists, isCode, openHandleOf } from "../workbook/xlsx-file";
import { FileFailure, FileRefusal, fileFailure } from "./file-errors";
import { type WorkbookLock, excelOwnerFile, lockWorkbook } from "./workbook-lock";

/**
 * A workbook held for one run of the command line, from its read to its write: the real file
 * behind a symbolic link (written through, the link kept), locked against other runs and
 * LibreOffice, with the fingerprint of the bytes read, so that a save by anyone else before the
 * rename is detected and nothing is overwritten.
 */
export interface HeldWorkbook {
  /** The name the user gave. */
  shown: string;
  /** The real file: what is read, written, locked and backed up. */
  target: string;
  bytes: Buffer;
  release(): Promise<void>;
}

interface Fingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

const held = new WeakMap<HeldWorkbook, { fingerprint: Fingerprint; lock: WorkbookLock }>();

/** Resolves, checks, locks and reads a workbook; refuses (FileRefusal) what it must not write. */
export async function holdWorkbook(file: string): Promise<HeldWorkbook> {
  const target = await realpath(file).catch((error: unknown) => {
    throw isCode(error, "ENOENT") ? new FileRefusal(`${file}: no such file.`) : fileFailure(error, `Reading ${file}`);
  });
  const info = await stat(target);
  if (!info.isFile()) throw new FileRefusal(`${file} is not a file.`);
  await refuseUnlessWritable(file, target, info.mode);
  const lock = await lockWorkbook(target, file).catch((error: unknown) => {
    throw fileFailure(error, `Locking ${file}`);
  });
  try {
    await refuseIfOpenElsewhere(target, file);
    const { bytes, fingerprint } = await readWithFingerprint(target);
    const workbook: HeldWorkbook = { shown: file, target, bytes, release: () => lock.release() };
    held.set(workbook, { fingerprint, lock });
    return workbook;
  } catch (error) {
    await lock.release();
    throw fileFailure(error, `Reading ${file}`);
  }
}

/** Open in Excel (its owner file ~$BOOK.xlsx beside it) or held open by another process. */
async function refuseIfOpenElsewhere(target: string, shown: string): Promise<void> {
  const owner = await excelOwnerFile(target);
  if (owner !== undefined) throw new FileRefusal(`${shown} is open in a spreadsheet program (${owner} is beside it); close it there, then run the command again.`);
  const holder = await openHandleOf(target);
  if (holder !== undefined) throw new FileRefusal(`${shown} is open in another program (process ${holder}); close it there, then run the command again.`);
}

/**
 * Read-only is the owner's protection: a file with no write permission for anyone, or a folder
 * with none (where a rename would replace it), is refused even for root, who the system lets
 * write anyway. A user the system itself denies is refused too.
 */
async function refuseUnlessWritable(file: string, target: string, mode: number): Promise<void> {
  const folder = dirname(target);
  const folderMode = (await stat(folder)).mode;
  const denied = async (path: string, bits: number): Promise<boolean> =>
    (bits & 0o222) === 0 ||
    (await access(path, constants.W_OK).then(
      () => false,
      (error: unknown) => {
        if (isCode(error, "EACCES") || isCode(error, "EPERM") || isCode(error, "EROFS")) return true;
        throw error;
      },
    ));
  if (await denied(target, mode)) {
    throw new FileRefusal(`${file} is read-only, so Interim leaves it as it is. Make it writable (chmod u+w ${file}, or clear Read-only in its properties), then run the command again.`);
  }
  if (await denied(folder, folderMode)) {
    throw new FileRefusal(`The folder ${folder} is read-only, and Interim writes ${basename(target)} there through a new file. Make the folder writable, or copy the workbook to a folder you can write to, then run the command again.`);
  }
}

async function readWithFingerprint(path: string): Promise<{ bytes: Buffer; fingerprint: Fingerprint }> {
  const file = await open(path, "r");
  try {
    const info = await file.stat();
    const bytes = await file.readFile();
    return { bytes, fingerprint: { size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(bytes) } };
  } finally {
    await file.close();
  }
}

/**
 * Writes the new version of a held workbook without ever leaving it, or its backup, half-written,
 * and without following any link someone planted: the new workbook and the new backup each go
 * to a file created exclusively in the workbook's folder (O_CREAT|O_EXCL fails on an existing
 * name, a link included) and synced; the workbook is checked unchanged since it was read (size,
 * time and content); then the backup is renamed over BOOK.xlsx.bak (a rename replaces a link,
 * never what it points to) and the new workbook over the original. Until the last rename the
 * workbook is as it was, and a failure leaves the previous BOOK.xlsx.bak in place.
 */
export async function commitWorkbook(workbook: HeldWorkbook, bytes: Buffer): Promise<{ backup: string }> {
  const state = held.get(workbook);
  if (state === undefined) throw new Error("The workbook is not held.");
  const { target, shown } = workbook;
  const backup = `${target}.bak`;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.interim-tmp`);
  const backupTemporary = join(dirname(target), `.${basename(target)}.bak.${process.pid}.interim-tmp`);
  const mode = (await stat(target)).mode & 0o7777;
  const written = new Set<string>();
  try {
    await writeNew(temporary, bytes, mode, written).catch((error: unknown) => {
      throw fileFailure(error, `Writing the new version of ${shown} (${basename(temporary)})`);
    });
    await writeNew(backupTemporary, workbook.bytes, mode, written).catch((error: unknown) => {
      throw fileFailure(error, `Writing the backup ${basename(backup)}`);
    });
    await pauseForTests();
    await refuseIfChanged(workbook, state.fingerprint);
    await refuseIfDirectory(backup);
    await rename(backupTemporary, backup);
    written.delete(backupTemporary);
    await rename(temporary, target);
    written.delete(temporary);
  } catch (error) {
    for (const path of written) await unlink(path);
    throw fileFailure(error, `Writing ${shown}`);
  }
  return { backup };
}

/** A new file, created exclusively (never through an existing name or link), written and synced. */
export async function writeNew(path: string, bytes: Uint8Array, mode: number, written: Set<string>): Promise<void> {
  const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  written.add(path);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function refuseIfChanged(workbook: HeldWorkbook, before: Fingerprint): Promise<void> {
  const changed = new FileRefusal(`${workbook.shown} was changed by someone else while Interim worked on it; nothing was written. Run the command again.`);
  const now = await stat(workbook.target);
  if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) throw changed;
  if (sha256(await readFile(workbook.target)) !== before.sha256) throw changed;
  await refuseIfOpenElsewhere(workbook.target, workbook.shown);
}

async function refuseIfDirectory(path: string): Promise<void> {
  const info = await lstat(path).catch((error: unknown) => {
    if (isCode(error, "ENOENT")) return undefined;
    throw error;
  });
  if (info?.isDirectory() === true) throw new FileRefusal(`${path} is a folder, where Interim keeps the previous version of the workbook; move it away, then run the command again.`);
}

/**
 * Test-only seam: with INTERIM_TEST_BEFORE_RENAME set to a path, the run creates that file when
 * it is about to check the workbook and rename, and waits until the test deletes it, so a test
 * can save the workbook at exactly that moment. Unset in any real use.
 */
async function pauseForTests(): Promise<void> {
  const signal = process.env.INTERIM_TEST_BEFORE_RENAME;
  if (signal === undefined || signal === "") return;
  const file = await open(signal, "wx");
  await file.close();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!(await exists(signal))) return;
  }
  throw new FileFailure(`The test seam INTERIM_TEST_BEFORE_RENAME (${signal}) was never released.`);
}

/** Places new files under names nobody holds: a link fails if the name exists (EEXIST), so nothing is ever overwritten. */
export async function placeNew(temporary: string, path: string): Promise<void> {
  await link(temporary, path);
  await unlink(temporary);
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
