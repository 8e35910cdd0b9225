import { hostname, userInfo } from "node:os";
import { open, readFile, realpath, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { exists, isCode, openHandleOf } from "../workbook/xlsx-file";
import { FileRefusal } from "./file-errors";

/**
 * The lock of one run of the command line on a workbook: LibreOffice's own lock file,
 * `.~lock.BOOK.xlsx#` beside the workbook, created exclusively (O_CREAT|O_EXCL), so that a
 * second `interim` run, and LibreOffice opening the workbook, both see it is in use. Its line
 * is in LibreOffice's format (user name, system user, host, time, profile;), the user name
 * saying "Interim (process N)", which LibreOffice shows in its "Document in use" dialog and from
 * which a lock left by a killed run on this host is recognised as stale and taken over.
 */
export interface WorkbookLock {
  path: string;
  release(): Promise<void>;
}

const OURS = /^Interim \(process (\d+)\)$/;

export function lockFileOf(workbook: string): string {
  return join(dirname(workbook), `.~lock.${basename(workbook)}#`);
}

export async function lockWorkbook(workbook: string, shown: string): Promise<WorkbookLock> {
  const path = lockFileOf(workbook);
  const line = lockLine();
  try {
    await create(path, line);
  } catch (error) {
    if (!isCode(error, "EEXIST")) throw error;
    const who = await lockHolder(path);
    if (who !== undefined) throw new FileRefusal(`${shown} is ${who} (${basename(path)} is beside it); wait for it to finish or close it there, then run the command again.`);
    // Left by a run that was killed: take it over.
    await unlink(path);
    await create(path, line).catch((reason: unknown) => {
      throw isCode(reason, "EEXIST") ? new FileRefusal(`${shown} is being billed by another run of interim; wait for it to finish, then run the command again.`) : reason;
    });
  }
  return {
    path,
    async release() {
      // Only our own lock is removed: never one another program wrote after ours went missing.
      const now = await readFile(path, "utf8").catch((error: unknown) => {
        if (isCode(error, "ENOENT")) return "";
        throw error;
      });
      if (now === line) await unlink(path);
    },
  };
}

/**
 * Who holds a lock file, in words ("open in LibreOffice by Ana", "being billed by another run of
 * interim (process 7)"); undefined when there is none, or when it was left by a run of this host
 * that was killed (stale).
 */
async function lockHolder(path: string): Promise<string | undefined> {
  const holder = await readFile(path, "utf8").catch((reason: unknown) => {
    if (isCode(reason, "ENOENT")) return undefined;
    throw reason;
  });
  if (holder === undefined) return undefined;
  const [user = "", systemUser = "", host = ""] = holder.split(",");
  const pid = OURS.exec(user)?.[1];
  if (pid !== undefined && host === hostname() && !alive(Number(pid))) return undefined;
  const name = user === "" ? systemUser : user;
  return pid === undefined ? `open in LibreOffice${name === "" ? "" : ` by ${name}`}` : `being billed by another run of interim (process ${pid}${host === hostname() ? "" : ` on ${host}`})`;
}

/**
 * Whether a workbook is in use, in words, for a run that only reads it (a dry run): its lock
 * file's holder (a stale one is no one), Excel's owner file, or another process holding it open.
 */
export async function inUseBy(workbook: string): Promise<string | undefined> {
  const target = await realpath(workbook);
  const locked = await lockHolder(lockFileOf(target));
  if (locked !== undefined) return locked;
  const owner = await excelOwnerFile(target);
  if (owner !== undefined) return `open in a spreadsheet program (${owner} is beside it)`;
  const holder = await openHandleOf(target);
  return holder === undefined ? undefined : `open in another program (process ${holder})`;
}

/** Excel's owner file of an open workbook, ~$BOOK.xlsx (its first two characters replaced on long names), when one is beside it. */
export async function excelOwnerFile(workbook: string): Promise<string | undefined> {
  const name = basename(workbook);
  for (const owner of [`~$${name}`, `~$${name.slice(2)}`]) if (await exists(join(dirname(workbook), owner))) return owner;
  return undefined;
}

async function create(path: string, line: string): Promise<void> {
  const file = await open(path, "wx", 0o644);
  try {
    await file.writeFile(line);
  } finally {
    await file.close();
  }
}

function lockLine(): string {
  const now = new Date();
  const two = (n: number): string => String(n).padStart(2, "0");
  const time = `${two(now.getDate())}.${two(now.getMonth() + 1)}.${now.getFullYear()} ${two(now.getHours())}:${two(now.getMinutes())}`;
  return `Interim (process ${process.pid}),${userInfo().username},${hostname()},${time},;`;
}

/** Whether a process of this host is running (signal 0 tests it without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, "EPERM");
  }
}
