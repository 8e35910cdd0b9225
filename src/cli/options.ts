import { dateTextProblem } from "../workbook/dates";

/** A command line split into its positional arguments and its --options. */
export interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  /** The options that may be given more than once (`--map A=L1 --map B=L2`), each value in the order given. */
  lists: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Splits arguments by a small spec: options that take a value (`--date D` or `--date=D`), the
 * same that may be repeated (`lists`), and flags. An unknown option is an error, so that a typo
 * never runs a command the person did not mean.
 */
export function parseArgs(
  args: string[],
  spec: { values: readonly string[]; flags: readonly string[]; lists?: readonly string[] },
): ParsedArgs | { error: string } {
  const parsed: ParsedArgs = { positional: [], values: new Map(), lists: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith("--") || arg === "--") {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.flags.includes(name)) {
      if (inline !== undefined) return { error: `--${name} takes no value.` };
      parsed.flags.add(name);
    } else if (spec.values.includes(name) || spec.lists?.includes(name) === true) {
      const value = inline ?? args[(i += 1)];
      if (value === undefined || value === "") return { error: `--${name} needs a value.` };
      if (spec.lists?.includes(name) === true) parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
      else parsed.values.set(name, value);
    } else {
      return { error: `unknown option ${arg}.` };
    }
  }
  return parsed;
}

/** The first of the date options given that is no date Interim accepts, as an error naming the option. */
export function dateOptionsError(parsed: ParsedArgs, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = parsed.values.get(name);
    const wrong = value === undefined ? undefined : dateTextProblem(`--${name}`, value);
    if (wrong !== undefined) return wrong;
  }
  return undefined;
}
