import { cutInput } from '../engine/params/cut';

/** The most of one error message a runner prints: a message that quotes a huge input stays one short line. */
const MAX_ERROR_CHARS = 600;

/** Print an error as the runners do: one line, `error: ...`, cut to MAX_ERROR_CHARS. */
export function printError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`error: ${cutInput(message, MAX_ERROR_CHARS)}`);
}

/**
 * Run a command's main(argv) and exit with its code; an unexpected error is one line and exit 2.
 * Exits only once stdout and stderr have flushed: on a pipe their writes are asynchronous, and
 * process.exit right after a large write cuts the output at 64 KiB.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  const exitAfterFlush = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
    printError(err);
    exitAfterFlush(2);
  });
}
