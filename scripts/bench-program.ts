// `npm run bench [-- --runs N] [--stack <stack>]... [--floor N]`: the command is tools/bench/bench.ts.
import { BenchUsageError, main } from "../tools/bench/bench";
import { ProjectRuntimeError } from "../tools/bench/runner";
import { StackFileError } from "../tools/stacks/stack-files";

try {
  main(process.argv.slice(2));
} catch (error) {
  if (
    !(error instanceof StackFileError) &&
    !(error instanceof BenchUsageError) &&
    !(error instanceof ProjectRuntimeError)
  ) {
    throw error;
  }
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
