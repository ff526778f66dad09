/**
 * Run a command's main(argv) and exit with its code; an unexpected error is one line and exit 2.
 * Exits only once stdout and stderr have flushed: on a pipe their writes are asynchronous, and
 * process.exit right after a large write cuts the output at 64 KiB.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  const exitAfterFlush = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
    console.error(`error: ${(err as Error).message}`);
    exitAfterFlush(2);
  });
}
