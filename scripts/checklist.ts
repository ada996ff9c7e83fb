// `npm run checklist -- --stack <stack> ...`: the command is tools/checklist/cli.ts.
import { main } from "../tools/checklist/cli";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
