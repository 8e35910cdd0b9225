import { CoreInputError, numberToDecimalText } from "../core";

/** Excel's error for a function, with the message a user sees when hovering over the cell. */
export function cellError(kind: "value" | "notAvailable", message: string): CustomFunctions.Error {
  const code = kind === "value" ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
  return new CustomFunctions.Error(code, message);
}

/** #VALUE! with the first problem and how many more there are: a cell shows one message. */
export function problemsError(messages: readonly string[]): CustomFunctions.Error {
  const [first] = messages;
  if (first === undefined) return cellError("value", "The range could not be computed.");
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more problem${messages.length > 2 ? "s" : ""})` : "";
  return cellError("value", `${first}${more}`);
}

/**
 * Runs one function body: a problem in the arguments becomes #VALUE! with the core's message
 * (which names the argument); anything else is a defect and is rethrown, never turned into 0.
 */
export function cellCall<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CoreInputError) throw cellError("value", error.message);
    throw error;
  }
}

/** An optional number argument: a blank one (null) takes the default. */
export function numberText(value: number | null | undefined, fallback = 0): string {
  return numberToDecimalText(typeof value === "number" ? value : fallback);
}

/** A result amount (decimal text from the core) as the number a cell holds. */
export function toCell(text: string): number {
  return Number(text);
}
