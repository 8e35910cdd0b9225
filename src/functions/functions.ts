import { CoreInputError, roundAmount } from "../core";
import { cellToDecimalText, decimalTextToCell } from "./cell";

// The optional parameters are declared `string`, not `string | null`: the metadata generator
// turns any union into `any`, and `string` lets Excel coerce what a cell holds. At run time
// Excel passes null for an omitted argument and "" for an empty cell; `||` maps both to the
// default.

/**
 * Rounds an amount to the currency's minor units the way Interim's billing core rounds.
 * @customfunction ROUND
 * @param amount The amount to round.
 * @param [currency] ISO 4217 currency code, for example "USD" (default) or "JPY".
 * @param [mode] "half-up" (default, as Excel's ROUND) or "half-even".
 * @returns The rounded amount.
 */
export function round(amount: number, currency?: string, mode?: string): number {
  try {
    return decimalTextToCell(roundAmount(cellToDecimalText(amount), currency || "USD", mode || "half-up"));
  } catch (e) {
    if (e instanceof CoreInputError) {
      throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, e.message);
    }
    throw e;
  }
}
