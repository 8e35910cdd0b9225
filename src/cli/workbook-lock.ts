import { hostname, userInfo } from "node:os";
import { open, readFile, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { exists, isCode } from "../workbook/xlsx-file";
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
    const holder = await readFile(path, "utf8").catch((reason: unknown) => {
      if (isCode(reason, "ENOENT")) return "";
      throw reason;
    });
    const [user = "", systemUser = "", host = ""] = holder.split(",");
    const pid = OURS.exec(user)?.[1];
    if (pid === undefined || host !== hostname() || alive(Number(pid))) {
      const name = user === "" ? systemUser : user;
      const who = pid === undefined ? `open in LibreOffice${name === "" ? "" : ` by ${name}`}` : `being billed by another run of interim (process ${pid}${host === hostname() ? "" : ` on ${host}`})`;
      throw new FileRefusal(`${shown} is ${who} (${basename(path)} is beside it); wait for it to finish or close it there, then run the command again.`);
    }
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
