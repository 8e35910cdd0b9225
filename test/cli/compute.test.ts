import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BillingResult, Issue } from "../../src/core";
import { type CliRun, ROOT, runInterim } from "./run-cli";

/**
 * The command line as a user gets it: the package is packed as npm would publish it,
 * unpacked into an empty folder, and its `interim` bin is run from there (no node_modules).
 */
let workdir: string;
let bin: string;
jest.setTimeout(120_000);

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "interim-cli-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", workdir], { cwd: ROOT, stdio: "pipe" });
  const tarball = readdirSync(workdir).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined) throw new Error("npm pack made no tarball");
  execFileSync("tar", ["-xzf", join(workdir, tarball), "-C", workdir]);
  const manifest = JSON.parse(readFileSync(join(workdir, "package", "package.json"), "utf8")) as { bin: Record<string, string> };
  bin = join(workdir, "package", manifest.bin["interim"] as string);
}, 60_000);

afterAll(() => rmSync(workdir, { recursive: true, force: true }));

// The packed bin, run as a program (its shebang), the way a shell would.
const interim = (args: string[], input?: string): CliRun => runInterim(args, { script: bin, asProgram: true, cwd: workdir, input });

describe("interim compute, from the packed package", () => {
  test("reproduces the billing rules' example", () => {
    const run = interim(["compute", join(ROOT, "examples/rules-example.json")]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as BillingResult;
    expect(result.summary).toMatchObject({
      originalContractSum: "120000.00",
      netChangeByChangeOrders: "12500.00",
      contractSumToDate: "132500.00",
      totalCompletedAndStoredToDate: "93750.00",
      totalRetention: "9375.00",
      totalEarnedLessRetention: "84375.00",
      previousCertificates: "66100.00",
      currentPaymentDue: "18275.00",
      balanceToFinishIncludingRetention: "48125.00",
    });
    expect(result.lines.map((l) => l.thisPeriod)).toEqual(["0.00", "22500.00", "6250.00"]);
  });

  test("reads the request from standard input with -", () => {
    const request = { currency: "JPY", lines: [{ id: "A", scheduledValue: "1000", percentComplete: "0.3335" }] };
    const run = interim(["compute", "-"], JSON.stringify(request));
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as BillingResult).lines[0]?.completedAndStoredToDate).toBe("334");
  });

  test("an invalid request prints {errors} and exits 2", () => {
    const request = { lines: [{ id: "A", scheduledValue: "100.00", percentComplete: "55" }] };
    const run = interim(["compute", "-"], JSON.stringify(request));
    expect(run.status).toBe(2);
    const output = JSON.parse(run.stdout) as { errors: Issue[] };
    expect(Object.keys(output)).toEqual(["errors"]);
    expect(output.errors[0]).toMatchObject({ code: "PERCENT_OUT_OF_RANGE", path: ["lines", 0, "percentComplete"] });
    expect(output.errors[0]?.message).toMatch(/lines\[0\]\.percentComplete/);
    expect(run.stderr).toMatch(/nothing was computed/);
  });

  test("unreadable JSON is said plainly and exits 2", () => {
    const file = join(workdir, "broken.json");
    writeFileSync(file, '{"lines": [');
    const run = interim(["compute", file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/broken\.json is not valid JSON/);
  });

  test("a missing file is said plainly and exits 2", () => {
    const run = interim(["compute", join(workdir, "nowhere.json")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot read .*nowhere\.json: no such file/);
  });

  test("--help explains every command; an unknown command exits 2", () => {
    const help = interim(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/interim compute REQUEST\.json/);
    expect(help.stdout).toMatch(/Exit status/);
    expect(interim(["compute", "--help"]).stdout).toMatch(/standard input/);
    const unknown = interim(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
