import { computeInvoice } from "../core";
import { type CommandOutput, EXIT, readInput } from "./io";

export const COMPUTE_HELP = `interim compute REQUEST.json
interim compute -            (reads the request from standard input)

Computes one interim invoice (an application for payment) from a JSON request and prints
the result JSON: every G703 line, the G702 summary, the tax breakdown and any warnings.
The request's fields are those of the billing rules: currency, rounding, retention,
previousCertificates, advance, tax and lines.

Exit status: 0 when the invoice was computed; 2 when the request is invalid (the output is
{"errors": [{"code", "path", "message"}, ...]}) or not readable JSON; 1 on any other failure.`;

export async function runCompute(args: string[], stdin: NodeJS.ReadableStream): Promise<CommandOutput> {
  const [name, ...rest] = args;
  if (name === undefined || rest.length > 0) {
    return { status: EXIT.badInput, stdout: "", stderr: `interim compute takes one request file (or - for standard input).\n\n${COMPUTE_HELP}\n` };
  }
  let text: string;
  try {
    text = await readInput(name, stdin);
  } catch (error) {
    const reason = error instanceof Error && "code" in error && error.code === "ENOENT" ? "no such file" : String(error);
    return { status: EXIT.badInput, stdout: "", stderr: `interim compute: cannot read ${name}: ${reason}.\n` };
  }
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    const where = name === "-" ? "standard input" : name;
    const detail = error instanceof SyntaxError ? error.message : String(error);
    return { status: EXIT.badInput, stdout: "", stderr: `interim compute: ${where} is not valid JSON (${detail}).\n` };
  }
  const outcome = computeInvoice(request);
  if (!outcome.ok) {
    const lines = outcome.errors.map((e) => `  ${e.code} at ${e.path.join(".") || "(request)"}: ${e.message}`);
    return {
      status: EXIT.badInput,
      stdout: `${JSON.stringify({ errors: outcome.errors }, null, 2)}\n`,
      stderr: `interim compute: the request has ${outcome.errors.length} problem(s); nothing was computed.\n${lines.join("\n")}\n`,
    };
  }
  return { status: EXIT.done, stdout: `${JSON.stringify(outcome.result, null, 2)}\n`, stderr: "" };
}
