import { basename } from "node:path";
import { type InvoiceReceivable, formatAmount, groupDigits } from "../core";
import { DATE_RANGE, today } from "../workbook/dates";
import { type PaymentEntry, type PaymentPlan, planPayment, recordPayment } from "../workbook/finances";
import { NAMES } from "../workbook/port";
import { parseAmountOption } from "./amount-option";
import { type CommandOutput, EXIT, lines } from "./io";
import { dateOptionsError, parseArgs } from "./options";
import { commitWorkbook } from "./workbook-commit";
import { type FileOutcome, done, errorOutcome, openWorkbook, problemsOutcome, withHeldWorkbook } from "./workbook-file";
import { inUseBy } from "./workbook-lock";

export const PAYMENT_HELP = `interim payment BOOK.xlsx --invoice NUMBER --amount AMOUNT [--date D] [--reference TEXT]
                [--currency CODE] [--table NAME] [--dry-run]

Records a payment received against an invoice, as the add-in's Record payment does: one row
(date, document, amount, currency, reference) into the ${NAMES.paymentsTable} table, which is created on
its own sheet with the first payment. Then prints the invoice's state once it is recorded:
"INV-0001: 1,000.00 of 12,359.75 paid, 11,359.75 outstanding, due 2026-12-30".
--amount is what the client paid, with a point as the decimal mark (1000, 1000.50), or a
negative amount for a refund (-200). Thousands separators and a decimal comma are read as
in a cell of the milestone table: only where they read one way (1,000.50, 1,000,000, 1.000,50,
12,5). One separator before exactly three digits (1,000 or 1.500) is refused: it is 1000 or
1, 1500 or 1.5, depending on the country; type 1000 or 1.5.
--date is the day the money arrived (YYYY-MM-DD from ${DATE_RANGE.first} to ${DATE_RANGE.last},
default today); --reference the bank's or the client's reference; --currency the currency
paid in (default the contract's: a payment in another currency is refused).
A payment against an unknown or cancelled document, dated before its invoice, or taking
the invoice's paid total above its amount due is refused with the cell or option at fault,
and nothing is written. --dry-run checks the payment and prints the result, writing nothing.
The workbook is written as interim invoice writes it (locked, temporary file,
BOOK.xlsx.bak, rename).

Exit status: 0 done; 2 bad input (the payment refused, problems in the workbook, a file
refused); 1 any other failure.`;

const SPEC = { values: ["invoice", "amount", "date", "reference", "currency", "table"], flags: ["dry-run"] } as const;

export async function runPayment(args: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(args, SPEC);
  const usage = (message: string): CommandOutput => ({ status: EXIT.badInput, stdout: "", stderr: `interim payment: ${message}\n\n${PAYMENT_HELP}\n` });
  if ("error" in parsed) return usage(parsed.error);
  if (parsed.positional.length !== 1) return usage("give one workbook.");
  const document = parsed.values.get("invoice");
  if (document === undefined) return usage("--invoice names the invoice paid (INV-0001).");
  const typed = parsed.values.get("amount");
  if (typed === undefined) return usage("--amount gives the amount paid.");
  const amount = parseAmountOption("amount", typed);
  if ("error" in amount) return usage(amount.error);
  const dateError = dateOptionsError(parsed, ["date"]);
  if (dateError !== undefined) return usage(dateError);
  const currency = parsed.values.get("currency");
  const entry: PaymentEntry = {
    document,
    amount: amount.amount,
    date: parsed.values.get("date") ?? today(),
    reference: parsed.values.get("reference") ?? "",
    ...(currency === undefined ? {} : { currency }),
  };
  const table = parsed.values.get("table");
  const outcome = await recordOne(parsed.positional[0] as string, entry, table === undefined ? {} : { table }, parsed.flags.has("dry-run"));
  return { status: outcome.status, stdout: lines(outcome.out), stderr: lines(outcome.err) };
}

async function recordOne(file: string, entry: PaymentEntry, options: { table?: string }, dryRun: boolean): Promise<FileOutcome> {
  try {
    if (dryRun) {
      const workbook = await openWorkbook(file);
      const plan = planPayment(await workbook.read(options.table ?? NAMES.milestones), entry, options);
      if (!plan.ok) return problemsOutcome(file, plan.problems);
      // A dry run writes nothing, so a workbook in use is read as it was last saved, and said so.
      const busy = await inUseBy(file);
      const inUse = busy === undefined ? [] : [`  note: ${file} is ${busy}; the dry run read the version saved on disk.`];
      return done([`${file}: would record ${paymentText(entry, plan)}.`, receivableText(plan.receivable), `(dry run: ${file} was not changed)`], inUse);
    }
    return await withHeldWorkbook(file, async (held, workbook) => {
      const plan = await recordPayment(workbook, entry, options);
      if (!plan.ok) return problemsOutcome(file, plan.problems);
      const { backup } = await commitWorkbook(held, await workbook.toBuffer());
      return done([`${file}: recorded ${paymentText(entry, plan)}; written, previous version kept as ${basename(backup)}.`, receivableText(plan.receivable)]);
    });
  } catch (error) {
    return errorOutcome(file, error);
  }
}

/** "a payment of 1,000.00 EUR against INV-0001 on 2026-12-15 (reference BANK-7731)", or "a refund of ...". */
function paymentText(entry: PaymentEntry, plan: Extract<PaymentPlan, { ok: true }>): string {
  const refund = entry.amount.startsWith("-");
  const size = inUnitsOf(entry.amount.replace(/^-/, ""), plan.receivable.amountDue);
  const reference = entry.reference === "" ? "" : ` (reference ${entry.reference})`;
  return `${refund ? "a refund" : "a payment"} of ${groupDigits(size)} ${entry.currency ?? plan.write.currency} against ${plan.receivable.number} on ${entry.date}${reference}`;
}

/** "INV-0001: 1,000.00 of 12,359.75 paid, 11,359.75 outstanding, due 2026-12-30", and how late, or that it is settled. */
function receivableText(r: InvoiceReceivable): string {
  const settled = /^-?0+(\.0+)?$/.test(r.outstanding);
  const late = r.daysOverdue > 0 ? `, ${r.daysOverdue} day${r.daysOverdue === 1 ? "" : "s"} overdue` : "";
  return `${r.number}: ${groupDigits(r.paid)} of ${groupDigits(r.amountDue)} paid, ${groupDigits(r.outstanding)} outstanding${settled ? ", paid in full" : `, due ${r.dueDate}${late}`}`;
}

/** An amount as typed ("1000") shown with the minor units of the document's amounts ("1000.00"). */
function inUnitsOf(amount: string, like: string): string {
  const typedDecimals = amount.split(".")[1]?.length ?? 0;
  const decimals = like.split(".")[1]?.length ?? 0;
  return formatAmount(amount, Math.max(typedDecimals, decimals));
}
