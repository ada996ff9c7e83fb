// `npx ts-node --swc scripts/stacks.ts [--format text|json|github]`: the command is tools/stacks/cli.ts.
import { main } from "../tools/stacks/cli";

process.exitCode = main(process.argv.slice(2));
