// `npm run pack-fixtures [-- --check]`: the command is tools/simulate/pack-fixtures.ts.
import { main } from "../tools/simulate/pack-fixtures";
import { launch } from "../tools/stacks/launcher";

launch(() => main(process.argv.slice(2)), { usage: [], failure: [] });
