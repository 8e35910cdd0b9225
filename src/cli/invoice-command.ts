import { basename, dirname, join, resolve } from "node:path";
import type { ExportFormat } from "../export";
import { ExportError } from "../export/export-error";
import { DATE_RANGE } from "../workbook/dates";
import { generateInvoice } from "../workbook/generate-invoice";
import { type GenerateOptions, planInvoice } from "../workbook/plan-invoice";
import { NAMES } from "../workbook/port";
import { makeExports, parseFormats } from "./export-files";
import { type CommandOutput, EXIT, lines, worst } from "./io";
import { dateOptionsError, parseArgs } from "./options";
import { printInvoice, printTimesheet } from "./print-invoice";
import { workbooksIn } from "./workbook-folder";
import { inUseBy } from "./workbook-lock";
import { type FileOutcome, done, errorOutcome, openWorkbook, problemsOutcome, warningLines, withHeldWorkbook, writeDocument, writtenNote } from "./workbook-file";

/** The subfolder of an --all folder its exports go to by default: never among the workbooks the next run reads. */
const BATCH_EXPORTS = "exports";

export const INVOICE_HELP = `interim invoice BOOK.xlsx [--table NAME] [--date D] [--period-end D] [--out DIR]
                [--format pdf,csv,xml,xrechnung,facturx,xlsx] [--dry-run] [--draft] [--allow-zero] [--final] [--timings]
interim invoice --all DIR [same options]

Generates the next interim invoice of the workbook exactly as the Excel add-in does: reads the
milestone table (an Excel table, or a sheet whose first row holds the headers; --table names
either, default ${NAMES.milestones}), the contract settings and the billing log; writes the
invoice sheet and the log entry into the workbook; and exports the formats asked for into
--out (default: the workbook's folder). Dates are YYYY-MM-DD, from ${DATE_RANGE.first} to
${DATE_RANGE.last}: --date is the invoice date
(default today, never before the last document in the billing log), --period-end the end of
the period billed (never after the invoice date; default the month just ended, or the
invoice date on a month's last day or once that month is billed).
--dry-run prints the invoice and writes nothing; --draft writes a draft sheet and records
nothing in the billing log. An invoice that bills nothing (0.00) is refused unless
--allow-zero asks for it. --final issues the final invoice (Schlussrechnung, facture de solde):
the period's figures as a progress invoice's, the whole contract's price and VAT per rate, and
every earlier invoice in force (the advance invoice among them) listed and deducted; it recovers
what is left of the advance, settles the VAT's rounding, and may bill nothing more. A progress
invoice that completes every line says the final invoice may follow. --all DIR does every .xlsx in the folder, one line per file, and
goes on past a file that fails (the reports interim report writes are not contracts and are left
out); a workbook with nothing to bill is skipped; its exports are
named after each workbook (BOOK-INV-0001.pdf) in DIR/exports unless --out says otherwise. --timings
prints, on standard error, the time spent reading the file, on Interim's own work and on
writing it.

The workbook is never left half-written: it is written to a temporary file in its folder,
the previous version is kept as BOOK.xlsx.bak, and the temporary file then replaces it. A run
locks the workbook (.~lock.BOOK.xlsx#, as LibreOffice does) and writes through a link to it;
exports are written before the workbook, and an export file already there is never replaced.
A read-only workbook or folder is refused.
Only what the invoice changes is written; every other part of the workbook (charts, pivot
tables, macros, comments, ...) is kept byte for byte. A file that is not an .xlsx, is
password-protected or is open in a spreadsheet program is refused and left as it is.

Exit status: 0 done; 2 bad input (problems in the workbook, each printed as Sheet!Cell:
message, or a file refused); 1 any other failure. With --all, the worst status of any file.`;

const SPEC = { values: ["table", "date", "period-end", "out", "format", "all"], flags: ["dry-run", "draft", "timings", "allow-zero", "final"] } as const;

interface InvoiceOptions {
  generate: GenerateOptions;
  out: string | undefined;
  formats: ExportFormat[];
  dryRun: boolean;
  timings: boolean;
  /**
   * One of the workbooks of --all: a workbook with nothing to bill is skipped, not refused, and
   * its exports are named after it (BOOK-INV-0001.pdf) in `exports` unless --out says otherwise.
   */
  batch: { exports: string } | undefined;
}

export async function runInvoice(args: string[]): Promise<CommandOutput> {
  const parsed = parseArgs(args, SPEC);
  const usage = (message: string): CommandOutput => ({ status: EXIT.badInput, stdout: "", stderr: `interim invoice: ${message}\n\n${INVOICE_HELP}\n` });
  if ("error" in parsed) return usage(parsed.error);
  const dateError = dateOptionsError(parsed, ["date", "period-end"]);
  if (dateError !== undefined) return usage(dateError);
  const formats = parseFormats(parsed.values.get("format"));
  if ("error" in formats) return usage(formats.error);
  const options: InvoiceOptions = {
    generate: {
      ...(parsed.values.has("table") ? { table: parsed.values.get("table") } : {}),
      ...(parsed.values.has("date") ? { invoiceDate: parsed.values.get("date") } : {}),
      ...(parsed.values.has("period-end") ? { periodEnd: parsed.values.get("period-end") } : {}),
      draft: parsed.flags.has("draft"),
      allowZeroInvoice: parsed.flags.has("allow-zero"),
      final: parsed.flags.has("final"),
    },
    out: parsed.values.get("out"),
    formats,
    dryRun: parsed.flags.has("dry-run"),
    timings: parsed.flags.has("timings"),
    batch: undefined,
  };
  const folder = parsed.values.get("all");
  if (folder !== undefined) {
    if (parsed.positional.length > 0) return usage("give either one workbook or --all DIR, not both.");
    if (formats.includes("xlsx") && options.out !== undefined && resolve(options.out) === resolve(folder)) {
      return usage(`--format xlsx with --out ${options.out} would put exported workbooks among the contracts, and the next --all run would take them for contracts; leave --out out (exports go to ${join(folder, BATCH_EXPORTS)}) or name another folder.`);
    }
    return invoiceAll(folder, { ...options, batch: { exports: join(folder, BATCH_EXPORTS) } });
  }
  if (parsed.positional.length !== 1) return usage("give one workbook (or --all DIR).");
  const outcome = await invoiceOne(parsed.positional[0] as string, options);
  return { status: outcome.status, stdout: lines(outcome.out), stderr: lines(outcome.err) };
}

/** One workbook: read, plan, write the sheet and the log, export, save. */
export async function invoiceOne(file: string, options: InvoiceOptions): Promise<FileOutcome> {
  const clock = timer();
  try {
    if (options.dryRun) {
      const workbook = await openWorkbook(file);
      clock.lap("read");
      const plan = planInvoice(await workbook.read(options.generate.table ?? NAMES.milestones), options.generate);
      clock.lap("interim work");
      if (!plan.ok) return problemsOutcome(file, plan.problems);
      // A dry run writes nothing, so a workbook in use is read as it was last saved, and said so.
      const busy = await inUseBy(file);
      const inUse = busy === undefined ? [] : [`  note: ${file} is ${busy}; the dry run read the version saved on disk.`];
      return done(
        [...printInvoice(plan.issued), ...printTimesheet(plan.time), ...finalNote(plan.suggestFinal, file), "", `(dry run: ${file} was not changed)`],
        [...inUse, ...warningLines(plan.warnings), ...clock.report(options.timings)],
      );
    }
    return await withHeldWorkbook(file, async (held, workbook) => {
      clock.lap("read");
      const outcome = await generateInvoice(workbook, options.generate);
      if (!outcome.ok) {
        const [only] = outcome.problems;
        // In a month-end batch, a contract with no progress is an ordinary result, not a failure.
        if (options.batch !== undefined && outcome.problems.length === 1 && only?.code === "NOTHING_BILLED") return done([`${file}: skipped, nothing written: ${only.message}`]);
        return problemsOutcome(file, outcome.problems);
      }
      const exports = await makeExports(outcome.issued, options.formats);
      clock.lap("interim work");
      const folder = options.out ?? options.batch?.exports ?? dirname(resolve(file));
      const written = await writeDocument(held, workbook, exports, folder, options.batch === undefined ? undefined : basename(file).replace(/\.xlsx$/i, ""));
      clock.lap("write");
      const s = outcome.result.summary;
      const what = outcome.draft ? `draft ${outcome.sheet}` : outcome.number;
      const { note, err } = writtenNote(written);
      return {
        status: err.length === 0 ? EXIT.done : EXIT.failure,
        out: [`${file}: ${what}${outcome.issued.kind === "final invoice" ? ", final invoice" : ""}, total due ${s.totalDue} ${outcome.result.currency} (payment due ${s.currentPaymentDue})${note}.`, ...printTimesheet(outcome.time), ...finalNote(outcome.suggestFinal, file)],
        err: [...err, ...warningLines(outcome.warnings), ...clock.report(options.timings)],
      };
    });
  } catch (error) {
    if (error instanceof ExportError) return { status: EXIT.badInput, out: [], err: [`${file}: ${error.message} Nothing was written.`] };
    return errorOutcome(file, error);
  }
}

async function invoiceAll(folder: string, options: InvoiceOptions): Promise<CommandOutput> {
  let names: string[];
  try {
    names = await workbooksIn(folder);
  } catch (reason) {
    return { status: EXIT.badInput, stdout: "", stderr: `interim invoice: ${reason instanceof Error ? reason.message : String(reason)}\n` };
  }
  if (names.length === 0) return { status: EXIT.badInput, stdout: "", stderr: `interim invoice: ${folder} holds no .xlsx workbook.\n` };
  const progress = process.stderr.isTTY === true;
  const out: string[] = [];
  const err: string[] = [];
  let status: 0 | 1 | 2 = EXIT.done;
  let failed = 0;
  for (const [index, name] of names.entries()) {
    if (progress) process.stderr.write(`\r\u001b[K[${index + 1}/${names.length}] ${name}`);
    // One workbook at a time, in order: each is read, written and renamed on its own.
    const outcome = await invoiceOne(join(folder, name), options);
    out.push(outcome.status === EXIT.done ? (outcome.out[0] ?? `${name}: done`) : `${join(folder, name)}: ${outcome.status === EXIT.badInput ? "not done (bad input)" : "failed"}: ${outcome.err[0] ?? ""}`);
    err.push(...outcome.err);
    status = worst(status, outcome.status);
    if (outcome.status !== EXIT.done) failed += 1;
  }
  if (progress) process.stderr.write("\r\u001b[K");
  out.push(`${names.length - failed} of ${names.length} workbook(s) done${failed > 0 ? `, ${failed} not` : ""}.`);
  return { status, stdout: lines(out), stderr: lines(err) };
}

/** Said when a progress invoice completes every line: the final invoice may follow (it is never chosen for the person). */
function finalNote(suggest: boolean, file: string): string[] {
  return suggest ? [`  every line is complete: the final invoice (interim invoice ${file} --final) states the whole contract and deducts the partial invoices.`] : [];
}

function timer(): { lap: (name: string) => void; report: (on: boolean) => string[] } {
  let last = performance.now();
  const laps: [string, number][] = [];
  return {
    lap(name) {
      const now = performance.now();
      laps.push([name, now - last]);
      last = now;
    },
    report: (on) => (on ? [`  timings: ${laps.map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(", ")}`] : []),
  };
}
