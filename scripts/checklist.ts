// `npm run checklist -- --stack <stack> ...`: the command is tools/checklist/cli.ts.
import { main } from "../tools/checklist/cli";
import { launch } from "../tools/stacks/launcher";

launch(() => main(process.argv.slice(2)), { usage: [], failure: [] });
