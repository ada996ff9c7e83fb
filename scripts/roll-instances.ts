// `npm run roll-instances -- --stack <stack>` (APP-3, IR-3): the command is tools/rollout/command.ts.
import { runRollInstances } from "../tools/rollout/command";

runRollInstances(process.argv.slice(2));
