/**
 * A file the command line refuses to touch (read-only, in use, changed meanwhile, an export
 * already there): the file's state, reported as bad input (exit 2), in words naming the file
 * and what to do.
 */
export class FileRefusal extends Error {
  override readonly name = "FileRefusal";
}

/**
 * A system error while reading or writing a file, in plain words: the file, what went wrong,
 * what to do. The system's own text (EACCES, ENOSPC, ...) never reaches a user.
 */
export class FileFailure extends Error {
  override readonly name = "FileFailure";
}

const PLAIN: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "your disk quota is used up",
  EACCES: "permission was denied",
  EPERM: "permission was denied",
  EROFS: "the disk is read-only",
  EISDIR: "a folder of that name is in the way",
  ENOTDIR: "part of the path is not a folder",
  ENOENT: "the folder does not exist",
  EIO: "the disk reported an error",
  EBUSY: "another program is using it",
  EMFILE: "too many files are open",
  ENAMETOOLONG: "the name is too long",
};

/**
 * A system error (one with a code) as a refusal or failure in plain words; `doing` names the
 * step ("writing the backup BOOK.xlsx.bak"). Any other error is returned as it is.
 */
export function fileFailure(error: unknown, doing: string): unknown {
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
  // Only the system's own codes (ENOSPC, EACCES, ...): Interim's errors carry codes of their own and words already.
  if (code === undefined || !/^E[A-Z0-9]+$/.test(code)) return error;
  const why = PLAIN[code] ?? "the system refused it";
  const fix = code === "ENOSPC" || code === "EDQUOT" ? "free some space, then run the command again" : "fix that, then run the command again";
  const message = `${doing} failed: ${why}; ${fix}.`;
  return code === "EACCES" || code === "EPERM" || code === "EROFS" ? new FileRefusal(message) : new FileFailure(message);
}
