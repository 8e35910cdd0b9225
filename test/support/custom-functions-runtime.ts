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
