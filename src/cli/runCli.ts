/** Run a command's main(argv) and exit with its code; an unexpected error is one line and exit 2. */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`error: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
