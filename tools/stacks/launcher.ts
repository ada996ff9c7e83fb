/**
 * What the operator commands that act on a deployed stack share: reading `pulumi stack output
 * --json` (a file or stdin) and one exit-code convention (0 done, 1 the operation failed, 2 bad
 * usage or input, nothing changed).
 */
import * as fs from "fs";

type ErrorClass = abstract new (...args: never[]) => Error;

/** Stack outputs from `file`, else stdin; `missing` builds the error for a terminal with no pipe. */
export function readStackOutputs(
  file: string | undefined,
  command: string,
  stack: string,
  missing: (message: string) => Error,
): string {
  if (file !== undefined) {
    return fs.readFileSync(file, "utf8");
  }
  if (process.stdin.isTTY) {
    throw missing(
      `No stack outputs: pipe them in (pulumi stack output --json --stack ${stack} | npm run ${command} -- ...) or pass --outputs <file>.`,
    );
  }
  return fs.readFileSync(0, "utf8");
}

/**
 * Runs `body` and exits: its code, or 2 for an error of a `usage` class, 1 for a `failure` class
 * (message only, no stack trace), 1 with the whole error for anything unexpected.
 */
export function launch(
  body: () => Promise<number>,
  errors: { readonly usage: readonly ErrorClass[]; readonly failure: readonly ErrorClass[] },
): void {
  const known = (error: unknown, classes: readonly ErrorClass[]) =>
    classes.some((errorClass) => error instanceof errorClass);
  body().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (known(error, errors.usage)) {
        console.error((error as Error).message);
        process.exit(2);
      }
      if (known(error, errors.failure)) {
        console.error((error as Error).message);
        process.exit(1);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
