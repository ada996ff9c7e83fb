// `npm run bench [-- --runs N] [--stack <stack>]... [--floor N]`: the command is tools/bench/bench.ts.
import { BenchUsageError, main } from "../tools/bench/bench";
import { ProjectRuntimeError } from "../tools/bench/runner";
import { launch } from "../tools/stacks/launcher";
import { StackFileError } from "../tools/stacks/stack-files";

launch(
  async () => {
    main(process.argv.slice(2));
    return 0;
  },
  { usage: [StackFileError, BenchUsageError, ProjectRuntimeError], failure: [] },
);
