import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The project's folder. */
export const ROOT = resolve(__dirname, "../..");

/** The built command line (`npm run build` makes it). */
export const CLI = join(ROOT, "dist/cli/interim.js");

/** For a beforeAll: stops the tests, saying how, when the command line has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error("Build the command line first: npm run build");
}

/** How a run of the command line ended: its exit status (null when killed) and what it printed. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The script to run instead of the built CLI (a copy of it, or the one in a packed package). */
  script?: string;
  /** Run the script as a program, through its shebang line, the way a shell would; by default this test's Node runs it. */
  asProgram?: boolean;
  /** Arguments for Node, before the script's path (not with asProgram). */
  nodeArgs?: string[];
  /** The folder to run in; by default the test's own. */
  cwd?: string;
  /** Variables added to (or replacing some of) this process's environment. */
  env?: Record<string, string>;
  /** Text given on standard input (runInterim only). */
  input?: string;
  /** Milliseconds before the run is killed (its status is then null); 60 s by default. */
  timeout?: number;
}

const DEFAULT_TIMEOUT = 60_000;

/** The program, its arguments and the spawn options both ways of running share. */
function commandLine(args: string[], options: CliOptions): [string, string[], { cwd?: string; env: NodeJS.ProcessEnv; timeout: number }] {
  const script = options.script ?? CLI;
  if (options.asProgram === true && options.nodeArgs !== undefined) throw new Error("nodeArgs need Node to run the script: not with asProgram");
  const spawnOptions = { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeout ?? DEFAULT_TIMEOUT };
  return options.asProgram === true
    ? [script, args, spawnOptions]
    : [process.execPath, [...(options.nodeArgs ?? []), script, ...args], spawnOptions];
}

/** Runs `interim ARGS…` to its end. */
export function runInterim(args: string[], options: CliOptions = {}): CliRun {
  const [command, commandArgs, spawnOptions] = commandLine(args, options);
  const run = spawnSync(command, commandArgs, { ...spawnOptions, input: options.input, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts `interim ARGS…` and returns at once: the process (to signal it) and its run, when it closes. */
export function startInterim(args: string[], options: Omit<CliOptions, "input"> = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const [command, commandArgs, spawnOptions] = commandLine(args, options);
  const child = spawn(command, commandArgs, spawnOptions);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
  return { child, done };
}
