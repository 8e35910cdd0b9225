import { main } from "./main";

main(process.argv.slice(2), process.stdin).then(
  (output) => {
    process.stdout.write(output.stdout);
    process.stderr.write(output.stderr);
    process.exitCode = output.status;
  },
  (error: unknown) => {
    process.stderr.write(`interim: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
