// `npm run bench [-- --runs N] [--stack <stack>]...`: the command is tools/bench/bench.ts.
import { main } from "../tools/bench/bench";
import { StackFileError } from "../tools/stacks/stack-files";

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof StackFileError)) {
    throw error;
  }
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
