import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync, writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { findTable, tableValues } from "../../src/workbook/memory-workbook";
import { NAMES } from "../../src/workbook/port";
import { LibreOffice } from "./libreoffice";
import { type CliRun, requireBuiltCli, runInterim, startInterim } from "./run-cli";
import { stateOfXlsx } from "./xlsx-state";

/**
 * The command line's file handling on real files, with the built `interim` in real processes:
 * read-only files and folders, links (the workbook's, and ones planted at BOOK.xlsx.bak), a full
 * disk, exports that would overwrite a file, --all over contracts sharing invoice numbers, and
 * runs racing each other or a save by someone else. Workbooks come from `interim init` and,
 * for the link case, from LibreOffice.
 */
const digest = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
const RAW_CODE = /\b(EACCES|ENOSPC|EEXIST|EPERM|EROFS|ENOENT|EISDIR)\b/;
let workdir: string;
jest.setTimeout(60_000);

beforeAll(() => {
  requireBuiltCli();
  workdir = mkdtempSync(join(tmpdir(), "interim-files-"));
});
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const interim = (args: string[], env: Record<string, string> = {}): CliRun => runInterim(args, { env });
const started = (args: string[], env: Record<string, string> = {}): ReturnType<typeof startInterim> => startInterim(args, { env });

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited 30 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A new contract workbook made by `interim init` in a folder of its own. */
function book(name = "book.xlsx", folder = mkdtempSync(join(workdir, "case-"))): string {
  const file = join(folder, name);
  const run = interim(["init", file]);
  if (run.status !== 0) throw new Error(run.stderr);
  return file;
}

async function invoicesIn(file: string): Promise<unknown[]> {
  const state = await stateOfXlsx(readFileSync(file));
  const table = findTable(state, NAMES.invoicesTable);
  return table === undefined ? [] : tableValues(state, table).slice(1).map((row) => row[0]).filter((n) => n !== null);
}

const leftovers = (folder: string): string[] => readdirSync(folder).filter((name) => name.includes("interim-tmp") || name.startsWith(".~lock."));

describe("read-only", () => {
  test("a read-only workbook (chmod 444) is refused, exit 2, and left as it is, even for root", () => {
    const file = book();
    chmodSync(file, 0o444);
    const before = digest(file);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/book\.xlsx is read-only, so Interim leaves it as it is\. Make it writable/);
    expect(run.stderr).not.toMatch(RAW_CODE);
    expect(digest(file)).toBe(before);
    expect(lstatSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(join(file, ".."))).toEqual(["book.xlsx"]);
    // Reading is not writing: a dry run still prints the invoice.
    expect(interim(["invoice", file, "--date", "2026-09-30", "--dry-run"]).status).toBe(0);
  });

  test("a workbook in a read-only folder is refused, exit 2, and left as it is", () => {
    const file = book();
    const folder = join(file, "..");
    const before = digest(file);
    chmodSync(folder, 0o555);
    try {
      const run = interim(["invoice", file, "--date", "2026-09-30"]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/The folder .* is read-only/);
      expect(run.stderr).not.toMatch(RAW_CODE);
    } finally {
      chmodSync(folder, 0o755);
    }
    expect(digest(file)).toBe(before);
    expect(readdirSync(folder)).toEqual(["book.xlsx"]);
  });
});

describe("links", () => {
  let office: LibreOffice;
  beforeAll(() => {
    office = new LibreOffice(workdir);
  });

  test("a linked workbook (saved by LibreOffice) is billed through the link: the link stays, the backup and lock are beside the real file", async () => {
    const source = book("source.xlsx");
    const real = mkdtempSync(join(workdir, "real-"));
    office.convert(source, "xlsx", real);
    const target = join(real, "source.xlsx");
    const elsewhere = mkdtempSync(join(workdir, "links-"));
    const link = join(elsewhere, "contract.xlsx");
    symlinkSync(target, link);
    const original = digest(target);

    // LibreOffice has the real workbook open: its lock file beside the target is seen through the link.
    writeFileSync(join(real, ".~lock.source.xlsx#"), `Ana Ruiz,ana,${hostname()},01.12.2026 09:15,file:///home/ana/.config/libreoffice/4;`);
    const open = interim(["invoice", link, "--date", "2026-09-30"]);
    expect(open.status).toBe(2);
    expect(open.stderr).toMatch(/contract\.xlsx is open in LibreOffice by Ana Ruiz/);
    expect(digest(target)).toBe(original);
    unlinkSync(join(real, ".~lock.source.xlsx#"));

    const run = interim(["invoice", link, "--date", "2026-09-30"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(await invoicesIn(target)).toEqual(["INV-0001"]);
    expect(digest(`${target}.bak`)).toBe(original);
    expect(readdirSync(elsewhere)).toEqual(["contract.xlsx"]);
    expect(leftovers(real)).toEqual([]);
  }, 180_000);

  test("a BOOK.xlsx.bak planted as a link is replaced, never followed: the file it points to is untouched", async () => {
    const file = book();
    const victim = join(workdir, `victim-${Date.now()}.txt`);
    writeFileSync(victim, "someone else's file\n");
    symlinkSync(victim, `${file}.bak`);
    const original = digest(file);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.status).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("someone else's file\n");
    expect(lstatSync(`${file}.bak`).isSymbolicLink()).toBe(false);
    expect(digest(`${file}.bak`)).toBe(original);
    expect(await invoicesIn(file)).toEqual(["INV-0001"]);
  });

  test("a folder at BOOK.xlsx.bak is refused in words, and the workbook left as it is", () => {
    const file = book();
    mkdirSync(`${file}.bak`);
    const original = digest(file);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/book\.xlsx\.bak is a folder/);
    expect(digest(file)).toBe(original);
    expect(leftovers(join(file, ".."))).toEqual([]);
  });
});

/** A small tmpfs (root in the sandbox and CI may mount one); undefined where the system does not allow it. */
function smallDisk(kilobytes: number): string | undefined {
  const mount = mkdtempSync(join(workdir, "disk-"));
  const tried = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k`, "tmpfs", mount]);
  return tried.status === 0 ? mount : undefined;
}
const unmount = (mount: string): void => void execFileSync("umount", [mount]);
const canMount = ((): boolean => {
  const probe = mkdtempSync(join(tmpdir(), "interim-mount-"));
  const ok = spawnSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", probe]).status === 0;
  if (ok) execFileSync("umount", [probe]);
  rmSync(probe, { recursive: true });
  return ok;
})();

(canMount ? describe : describe.skip)("a full disk (a small tmpfs)", () => {
  test("full at the backup: the previous BOOK.xlsx.bak survives, the workbook is as it was, nothing left behind", () => {
    const source = book();
    const disk = smallDisk(56);
    if (disk === undefined) throw new Error("tmpfs mount failed");
    try {
      const file = join(disk, "book.xlsx");
      copyFileSync(source, file);
      writeFileSync(`${file}.bak`, Buffer.alloc(14_000, 7));
      const original = digest(file);
      const oldBackup = digest(`${file}.bak`);
      const run = interim(["invoice", file, "--date", "2026-09-30"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Writing the backup book\.xlsx\.bak failed: the disk is full; free some space, then run the command again\./);
      expect(run.stderr).not.toMatch(RAW_CODE);
      expect(digest(file)).toBe(original);
      expect(digest(`${file}.bak`)).toBe(oldBackup);
      expect(leftovers(disk)).toEqual([]);
    } finally {
      unmount(disk);
    }
  });

  test("--out on a full disk: nothing is issued, the workbook is as it was, and it says so", async () => {
    const file = book();
    const disk = smallDisk(8);
    if (disk === undefined) throw new Error("tmpfs mount failed");
    try {
      const original = digest(file);
      const run = interim(["invoice", file, "--date", "2026-09-30", "--format", "pdf,xlsx", "--out", disk]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Writing the exports into .* failed: the disk is full/);
      expect(run.stderr).toMatch(/the workbook was left as it was/);
      expect(digest(file)).toBe(original);
      expect(await invoicesIn(file)).toEqual([]);
      expect(readdirSync(disk)).toEqual([]);
    } finally {
      unmount(disk);
    }
  });
});

describe("exports", () => {
  test("an export file already there is never overwritten: refused before anything is written", async () => {
    const file = book();
    const folder = join(file, "..");
    writeFileSync(join(folder, "INV-0001.csv"), "my own notes\n");
    const original = digest(file);
    const run = interim(["invoice", file, "--date", "2026-09-30", "--format", "pdf,csv"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/INV-0001\.csv already exists, and Interim never overwrites an export/);
    expect(readFileSync(join(folder, "INV-0001.csv"), "utf8")).toBe("my own notes\n");
    expect(digest(file)).toBe(original);
    expect(await invoicesIn(file)).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(["INV-0001.csv", "book.xlsx"]);
  });

  test("--all over contracts that share invoice numbers: exports named per workbook in DIR/exports, never read as contracts next month", () => {
    const folder = mkdtempSync(join(workdir, "month-"));
    book("alpha.xlsx", folder);
    book("beta.xlsx", folder);
    const first = interim(["invoice", "--all", folder, "--date", "2026-09-30", "--format", "csv,xlsx"]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(readdirSync(join(folder, "exports")).sort()).toEqual(["alpha-INV-0001.csv", "alpha-INV-0001.xlsx", "beta-INV-0001.csv", "beta-INV-0001.xlsx"]);
    // Next month: the two contracts only (nothing billed since, so each is skipped), no export taken for a contract.
    const next = interim(["invoice", "--all", folder, "--date", "2026-10-31", "--format", "csv,xlsx"]);
    expect(next.status).toBe(0);
    expect(next.stdout).toMatch(/2 of 2 workbook\(s\) done\./);
    // Exported workbooks put among the contracts on purpose are refused up front.
    const mixed = interim(["invoice", "--all", folder, "--format", "xlsx", "--out", folder]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/would put exported workbooks among the contracts/);
  });
});

describe("concurrency", () => {
  test("two runs on one workbook: the second is refused while the first holds it; exactly one invoice", async () => {
    const file = book();
    const signal = join(workdir, `pause-${Date.now()}`);
    const first = started(["invoice", file, "--date", "2026-09-30"], { INTERIM_TEST_BEFORE_RENAME: signal });
    await until(() => existsSync(signal), "the first run to reach its rename");
    const second = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/book\.xlsx is being billed by another run of interim \(process \d+\)/);
    unlinkSync(signal);
    const done = await first.done;
    expect(done.status).toBe(0);
    expect(await invoicesIn(file)).toEqual(["INV-0001"]);
    expect(leftovers(join(file, ".."))).toEqual([]);
  });

  test("eight runs started at once: exactly one issues the invoice, the others refuse clearly", async () => {
    const file = book();
    const runs = await Promise.all(Array.from({ length: 8 }, () => started(["invoice", file, "--date", "2026-09-30"]).done));
    expect(runs.filter((run) => run.status === 0)).toHaveLength(1);
    for (const run of runs.filter((r) => r.status !== 0)) {
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/being billed by another run of interim|nothing was written|Nothing was billed since INV-0001/);
    }
    expect(await invoicesIn(file)).toEqual(["INV-0001"]);
    expect(leftovers(join(file, ".."))).toEqual([]);
  }, 120_000);

  test("a save by someone else between the check and the rename is kept: the run refuses, nothing overwritten", async () => {
    const file = book();
    const signal = join(workdir, `pause-${Date.now()}`);
    const run = started(["invoice", file, "--date", "2026-09-30"], { INTERIM_TEST_BEFORE_RENAME: signal });
    await until(() => existsSync(signal), "the run to reach its rename");
    // Someone saves the workbook in place, keeping its size and (to the millisecond) its time.
    const saved = readFileSync(file);
    const middle = saved.length >> 1;
    saved.writeUInt8((saved.readUInt8(middle) + 1) % 256, middle);
    const stat = lstatSync(file);
    writeFileSync(file, saved);
    execFileSync("touch", ["-d", stat.mtime.toISOString(), file]);
    const theirs = digest(file);
    unlinkSync(signal);
    const done = await run.done;
    expect(done.status).toBe(2);
    expect(done.stderr).toMatch(/book\.xlsx was changed by someone else while Interim worked on it; nothing was written/);
    expect(digest(file)).toBe(theirs);
    expect(existsSync(`${file}.bak`)).toBe(false);
    expect(leftovers(join(file, ".."))).toEqual([]);
  });

  test("a lock left by a killed run on this host is taken over, and the run's own lock is gone after it", async () => {
    const file = book();
    const lock = join(file, "..", ".~lock.book.xlsx#");
    writeFileSync(lock, `Interim (process 999999999),someone,${hostname()},01.12.2026 09:15,;`);
    const run = interim(["invoice", file, "--date", "2026-09-30"]);
    expect(run.status).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(await invoicesIn(file)).toEqual(["INV-0001"]);
  });

  test("a dry run writes nothing, so a lock does not stop it: a stale one is no one, a live one is named", () => {
    const file = book();
    const lock = join(file, "..", ".~lock.book.xlsx#");
    writeFileSync(lock, `Interim (process 999999999),someone,${hostname()},01.12.2026 09:15,;`);
    const stale = interim(["invoice", file, "--date", "2026-09-30", "--dry-run"]);
    expect(stale.status).toBe(0);
    expect(stale.stderr).toBe("");
    expect(stale.stdout).toMatch(/dry run: .*book\.xlsx was not changed/);
    writeFileSync(lock, "Ana Lima,ana,laptop,01.12.2026 09:15,file:///home/ana/.config/libreoffice/4;");
    const held = interim(["invoice", file, "--date", "2026-09-30", "--dry-run"]);
    expect(held.status).toBe(0);
    expect(held.stderr).toMatch(/note: .*book\.xlsx is open in LibreOffice by Ana Lima; the dry run read the version saved on disk/);
    // Both locks are left as they were: a dry run takes none over.
    expect(readFileSync(lock, "utf8")).toMatch(/^Ana Lima,/);
  });
});

describe("exit codes", () => {
  test("a billing log its owner protected is a refusal (exit 2) at its cell, not a failure", async () => {
    const file = book();
    expect(interim(["invoice", file, "--date", "2026-09-30"]).status).toBe(0);
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    await workbook.getWorksheet(NAMES.logSheet)?.protect("", {});
    await workbook.xlsx.writeFile(file);
    const original = digest(file);
    const run = interim(["credit", file, "--date", "2026-10-01"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Billing log!A\d+: The sheet Billing log is protected, and Interim writes the billing log there\. Unprotect it/);
    expect(digest(file)).toBe(original);
  });
});
