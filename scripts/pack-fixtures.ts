// `npm run pack-fixtures [-- --check]`: the command is tools/simulate/pack-fixtures.ts.
import { main } from "../tools/simulate/pack-fixtures";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
