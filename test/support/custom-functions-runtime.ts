/**
 * The two members of Excel's custom-functions runtime that the functions use, with the
 * runtime's own shapes: an Error that is not a JavaScript Error, and the codes of the
 * only errors that can carry a message (#VALUE! and #N/A).
 */
class CustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export function installCustomFunctionsRuntime(): void {
  Object.assign(globalThis, {
    CustomFunctions: {
      Error: CustomFunctionsError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
    },
  });
}

/** What a function call gave: its value, or the cell error Excel would show. */
export function cellResult<T>(call: () => T): { value: T } | { error: string; message: string | undefined } {
  try {
    return { value: call() };
  } catch (thrown) {
    if (thrown instanceof CustomFunctionsError) return { error: thrown.code, message: thrown.message };
    throw thrown;
  }
}

/** The hosts that pass a range argument differently: a blank cell is 0 in desktop Excel, "" in Excel on the web. */
export type FunctionHost = "desktop" | "web";

/**
 * A range argument as the host hands it to a custom function: cells given here as null (blank)
 * arrive as 0 in desktop Excel and as "" in Excel on the web (office-js issues #4702, #5262,
 * #1951), every other value as it is.
 */
export function rangeArgument<T>(cells: readonly (readonly (T | null)[])[], host: FunctionHost): (T | number | string)[][] {
  const blank = host === "desktop" ? 0 : "";
  return cells.map((row) => row.map((cell) => (cell === null ? blank : cell)));
}
