import { readFile } from "node:fs/promises";

/** What a command prints and the status it ends with: 0 done, 1 failure, 2 bad input. */
export interface CommandOutput {
  status: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export const EXIT = { done: 0, failure: 1, badInput: 2 } as const;

/** Reads a file, or standard input when the name is "-". */
export async function readInput(name: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (name !== "-") return readFile(name, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
