/**
 * The contract currency the task pane has read from the workbook's settings. The custom
 * functions and the task pane share one runtime, so a currency set here is what a function
 * uses when its own currency argument is blank.
 */
let contractCurrency: string | undefined;

export function setContractCurrency(code: string | undefined): void {
  contractCurrency = code === undefined || code.trim() === "" ? undefined : code.trim().toUpperCase();
}

/** The currency a function computes in: its argument, else the contract's, else USD. */
export function currencyFor(argument: string | null | undefined): string {
  const given = typeof argument === "string" ? argument.trim() : "";
  return given !== "" ? given : (contractCurrency ?? "USD");
}
