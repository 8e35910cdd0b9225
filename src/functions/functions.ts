import {
  balanceToFinish,
  earnedToDate,
  moneyOf,
  netDueThisPeriod,
  retentionHeld,
  roundAmount,
  taxOn,
} from "../core";
import { cellCall, numberText, toCell } from "./cell-call";
import { currencyFor } from "./contract-currency";
import { agingTable, outstandingOf } from "./receivable-ranges";
import { invoiceTable, summaryTable } from "./spilled-tables";
import { wipTable } from "./wip-table";

// Each function is a few lines over the billing core. Optional parameters arrive as null when
// left out (TypeScript defaults do not apply); rates are fractions, as Excel stores a
// percentage. The metadata generator reads the JSDoc below into functions.json, so the text
// is what a user sees in Excel's formula autocomplete.

/**
 * Work completed and stored to date (G): scheduled value × % complete, rounded to the currency, plus stored materials.
 * @customfunction EARNED
 * @param scheduledValue The line's scheduled value (C).
 * @param percentComplete Work completed to date as a fraction of the scheduled value: 45% or 0.45.
 * @param [storedMaterials] Materials presently stored and not yet installed (F). Default 0.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns Completed and stored to date (G).
 */
export function earned(scheduledValue: number, percentComplete: number, storedMaterials?: number, currency?: string): number {
  return cellCall(() =>
    toCell(earnedToDate(numberText(scheduledValue), numberText(percentComplete), numberText(storedMaterials), moneyOf(currencyFor(currency)))),
  );
}

/**
 * The line's net amount due this period: work to date less its retention, minus previously completed less its retention.
 * @customfunction DUE
 * @param scheduledValue The line's scheduled value (C).
 * @param percentComplete Work completed to date as a fraction of the scheduled value: 45% or 0.45.
 * @param previouslyCompleted Work completed on earlier applications (D).
 * @param [retentionRate] Retention withheld on work, as a fraction: 10% or 0.10. Default 0.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns Net amount due this period for the line.
 */
export function due(
  scheduledValue: number,
  percentComplete: number,
  previouslyCompleted: number,
  retentionRate?: number,
  currency?: string,
): number {
  return cellCall(() =>
    toCell(
      netDueThisPeriod(
        numberText(scheduledValue),
        numberText(percentComplete),
        numberText(previouslyCompleted),
        numberText(retentionRate),
        moneyOf(currencyFor(currency)),
      ),
    ),
  );
}

/**
 * Retention held on a line (I): rate × work to date plus stored rate × stored materials, each rounded to the currency.
 * @customfunction RETENTION
 * @param workToDate Work completed to date, without stored materials (D + E).
 * @param rate Retention rate on work, as a fraction: 10% or 0.10.
 * @param [storedMaterials] Materials presently stored (F). Default 0.
 * @param [storedRate] Retention rate on stored materials. Default: the rate on work.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns Retention held (I).
 */
export function retention(workToDate: number, rate: number, storedMaterials?: number, storedRate?: number, currency?: string): number {
  return cellCall(() =>
    toCell(
      retentionHeld(
        numberText(workToDate),
        numberText(rate),
        numberText(storedMaterials),
        typeof storedRate === "number" ? numberText(storedRate) : undefined,
        moneyOf(currencyFor(currency)),
      ),
    ),
  );
}

/**
 * Balance to finish (H): scheduled value less work completed and stored to date.
 * @customfunction BALANCE
 * @param scheduledValue The line's scheduled value (C).
 * @param percentComplete Work completed to date as a fraction of the scheduled value: 45% or 0.45.
 * @param [storedMaterials] Materials presently stored (F). Default 0.
 * @returns Balance to finish (H), in the contract's currency.
 */
export function balance(scheduledValue: number, percentComplete: number, storedMaterials?: number): number {
  return cellCall(() =>
    toCell(balanceToFinish(numberText(scheduledValue), numberText(percentComplete), numberText(storedMaterials), moneyOf(currencyFor(null)))),
  );
}

/**
 * Tax on a base at a rate, rounded once to the currency, as Interim taxes each rate of an invoice.
 * @customfunction TAX
 * @param base The taxable amount.
 * @param rate The tax rate as a fraction: 21% or 0.21.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns The tax.
 */
export function tax(base: number, rate: number, currency?: string): number {
  return cellCall(() => toCell(taxOn(numberText(base), numberText(rate), moneyOf(currencyFor(currency)))));
}

/**
 * Rounds an amount to the currency's minor units the way Interim rounds (USD 2 decimals, JPY 0, KWD 3).
 * @customfunction ROUND
 * @param amount The amount to round.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @param [mode] "half-up" (default, as Excel's ROUND) or "half-even".
 * @returns The rounded amount.
 */
export function round(amount: number, currency?: string, mode?: string): number {
  return cellCall(() => toCell(roundAmount(numberText(amount), moneyOf(currencyFor(currency), mode || "half-up"))));
}

/**
 * The G703 continuation sheet of a milestone range: a header row and one row per line (C, D, E, F, G, %, H, I),
 * and the amount worked but not billed when a line is capped.
 * @customfunction INVOICE
 * @param milestones The milestone table with its header row: id, scheduled value, % complete (or completed to date, or this period), previously completed, stored materials, capped...
 * @param [retentionRate] Retention withheld on work, as a fraction: 10% or 0.10. Default 0.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns The G703 table, spilled.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the metadata generator knows any[][] as a range of mixed values
export function invoice(milestones: any[][], retentionRate?: number, currency?: string): any[][] {
  return invoiceTable(milestones, { retentionRate, previousCertificates: null, currency: currencyFor(currency) });
}

/**
 * The G702 summary of a milestone range: one row per line of the application for payment, label and amount.
 * @customfunction SUMMARY
 * @param milestones The milestone table with its header row: id, scheduled value, % complete (or completed to date, or this period), previously completed, stored materials...
 * @param [retentionRate] Retention withheld on work, as a fraction: 10% or 0.10. Default 0.
 * @param [previousCertificates] Line 7, the total of earlier certificates. Default: derived from previously completed.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns The G702 summary, spilled as label and amount.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the metadata generator knows any[][] as a range of mixed values
export function summary(milestones: any[][], retentionRate?: number, previousCertificates?: number, currency?: string): any[][] {
  return summaryTable(milestones, { retentionRate, previousCertificates, currency: currencyFor(currency) });
}

/**
 * Work in progress by the cost-to-cost method: contract sum, billed, estimated and actual cost, % complete, earned revenue, over/under billing and margin.
 * @customfunction WIP
 * @param milestones The milestone table with its header row (Milestones[#All]): id, scheduled value, "Estimated cost", "Cost to date"...
 * @param [billedToDate] Completed and stored to date on the last invoice (its line 4). Default 0.
 * @param [certifiedToDate] Earned less retention on the last invoice (its line 6). Default 0.
 * @param [currency] ISO 4217 currency code. Default: the contract's currency, else USD.
 * @returns The WIP figures, spilled as label and value; empty where no line has an estimated cost.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the metadata generator knows any[][] as a range of mixed values
export function wip(milestones: any[][], billedToDate?: number, certifiedToDate?: number, currency?: string): any[][] {
  return wipTable(milestones, { billedToDate, certifiedToDate, currency: currencyFor(currency) });
}

/**
 * What the client still owes: the invoices in force less the payments received against them, for the contract or one document.
 * @customfunction OUTSTANDING
 * @param invoices The billing log with its header row: InterimInvoices[#All].
 * @param payments The Payments table with its header row: Payments[#All].
 * @param [asOf] Count the invoices and payments dated up to this date. Default: today when the ranges last changed; give TODAY() to follow the calendar.
 * @param [document] An invoice number: what is outstanding on that invoice alone. Default: the whole contract.
 * @returns The amount outstanding.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the metadata generator knows any[][] as a range of mixed values
export function outstanding(invoices: any[][], payments: any[][], asOf?: number, document?: string): number {
  return outstandingOf(invoices, payments, { asOf, paymentTermsDays: null }, document);
}

/**
 * The contract's outstanding by how late it is: current, 1-30, 31-60, 61-90 and over 90 days past the due date.
 * @customfunction AGING
 * @param invoices The billing log with its header row: InterimInvoices[#All].
 * @param payments The Payments table with its header row: Payments[#All].
 * @param [asOf] Count the invoices and payments dated up to this date, and the days overdue at it. Default: today when the ranges last changed; give TODAY() to follow the calendar.
 * @param [paymentTermsDays] Days from invoice date to due date, for a billing log without its Due date column. Default 30.
 * @returns The aging buckets, spilled as label and amount; they add up to the outstanding.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the metadata generator knows any[][] as a range of mixed values
export function aging(invoices: any[][], payments: any[][], asOf?: number, paymentTermsDays?: number): any[][] {
  return agingTable(invoices, payments, { asOf, paymentTermsDays });
}
