// `npm run incident -- isolate ...` (IR-1, IR-2): the command is tools/incident/command.ts.
import { runIncident } from "../tools/incident/command";

runIncident(process.argv.slice(2));
