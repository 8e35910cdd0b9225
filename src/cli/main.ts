import { ADVANCE_HELP, runAdvance } from "./advance-command";
import { COMPUTE_HELP, runCompute } from "./compute-command";
import { CREDIT_HELP, runCredit } from "./credit-command";
import { INIT_HELP, runInit } from "./init-command";
import { INVOICE_HELP, runInvoice } from "./invoice-command";
import { type CommandOutput, EXIT } from "./io";
import { PAYMENT_HELP, runPayment } from "./payment-command";
import { REPORT_HELP, runReport } from "./report-command";
import { TIMESHEET_HELP, runTimesheet } from "./timesheet-command";

const VERSION = "0.1.0";

interface Command {
  summary: string;
  help: string;
  run: (args: string[], stdin: NodeJS.ReadableStream) => Promise<CommandOutput>;
}

const COMMANDS: Record<string, Command> = {
  compute: { summary: "compute an interim invoice from a JSON request", help: COMPUTE_HELP, run: runCompute },
  init: { summary: "create a workbook with a sample milestone table and settings", help: INIT_HELP, run: runInit },
  invoice: { summary: "generate the next invoice of a workbook (or of every workbook in a folder)", help: INVOICE_HELP, run: runInvoice },
  advance: { summary: "issue the advance (down-payment) invoice of a workbook's contract", help: ADVANCE_HELP, run: runAdvance },
  credit: { summary: "issue a credit note cancelling a workbook's latest invoice", help: CREDIT_HELP, run: runCredit },
  payment: { summary: "record a payment received against an invoice of a workbook", help: PAYMENT_HELP, run: runPayment },
  report: { summary: "receivables, aging, WIP and margin of a workbook (or of every workbook in a folder)", help: REPORT_HELP, run: runReport },
  timesheet: { summary: "import a time tracker's CSV export (Harvest, Toggl, Clockify, Kimai) into a workbook's Timesheet table", help: TIMESHEET_HELP, run: runTimesheet },
};

function usage(): string {
  const list = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  const details = Object.values(COMMANDS).map((c) => c.help);
  return [
    "interim: progress (interim) invoices from a schedule of values.",
    "",
    "Usage: interim <command> [arguments]",
    "",
    "Commands:",
    ...list,
    "",
    "Options:",
    "  -h, --help     show this help (or `interim <command> --help` for one command)",
    "  -v, --version  print the version",
    "",
    ...details.flatMap((d) => [d, ""]),
  ].join("\n");
}

/** Runs one command line and says what to print and how to exit; it never calls process.exit itself. */
export async function main(argv: string[], stdin: NodeJS.ReadableStream): Promise<CommandOutput> {
  const [name, ...args] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const topic = name === "help" ? args[0] : undefined;
    const command = topic === undefined ? undefined : COMMANDS[topic];
    return { status: name === undefined ? EXIT.badInput : EXIT.done, stdout: command ? `${command.help}\n` : usage(), stderr: "" };
  }
  if (name === "-v" || name === "--version") return { status: EXIT.done, stdout: `${VERSION}\n`, stderr: "" };
  const command = COMMANDS[name];
  if (command === undefined) {
    return { status: EXIT.badInput, stdout: "", stderr: `interim: unknown command "${name}".\n\n${usage()}` };
  }
  if (args.includes("--help") || args.includes("-h")) return { status: EXIT.done, stdout: `${command.help}\n`, stderr: "" };
  return command.run(args, stdin);
}
