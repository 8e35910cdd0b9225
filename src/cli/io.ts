import { readFile } from "node:fs/promises";

/** What a command prints and the status it ends with: 0 done, 1 failure, 2 bad input. */
export interface CommandOutput {
  status: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export const EXIT = { done: 0, failure: 1, badInput: 2 } as const;

/** The status of a run over several files: a failure (1) outranks bad input (2), as the one that needs someone to look. */
export function worst(a: 0 | 1 | 2, b: 0 | 1 | 2): 0 | 1 | 2 {
  if (a === EXIT.failure || b === EXIT.failure) return EXIT.failure;
  return a === EXIT.badInput || b === EXIT.badInput ? EXIT.badInput : EXIT.done;
}

/** Lines of output as printed: each ended by a line break, nothing when there are none. */
export function lines(list: string[]): string {
  return list.length === 0 ? "" : `${list.join("\n")}\n`;
}

/** Reads a file, or standard input when the name is "-". */
export async function readInput(name: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (name !== "-") return readFile(name, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
