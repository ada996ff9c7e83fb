/**
 * `npm run roll-instances -- --stack <stack>`: after `pulumi up` on a production stack, rolls the
 * Auto Scaling group onto the stack's launch template version with auto rollback and waits for the
 * result (APP-3, IR-3; lib/rollout). deploy.yml runs it after every production `up`. Reads the
 * stack's outputs from `pulumi stack output --json` (stdin or --outputs) and uses the caller's AWS
 * credentials.
 */
import * as fs from "fs";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { parseArgs, parseRolloutOutputs, UsageError } from "../lib/rollout/cli";
import { InstanceRollout, RolloutError } from "../lib/rollout/refresh";
import { RolloutSpecError } from "../lib/rollout/spec";

function readOutputs(file: string | undefined, stack: string): string {
  if (file !== undefined) {
    return fs.readFileSync(file, "utf8");
  }
  if (process.stdin.isTTY) {
    throw new RolloutSpecError(
      `No stack outputs: pipe them in (pulumi stack output --json --stack ${stack} | npm run roll-instances -- ...) or pass --outputs <file>.`,
    );
  }
  return fs.readFileSync(0, "utf8");
}

async function main(): Promise<number> {
  try {
    const command = parseArgs(process.argv.slice(2));
    const { region, spec } = parseRolloutOutputs(
      readOutputs(command.outputsFile, command.stack),
      command.stack,
    );
    const rollout = new InstanceRollout(new AutoScalingClient({ region }), spec, {
      withAlarms: command.withAlarms,
      pollSeconds: command.pollSeconds,
      timeoutMinutes: command.timeoutMinutes,
      log: (line) => console.log(line),
    });
    const outcome = await rollout.run();
    console.log(
      outcome.kind === "up-to-date"
        ? `Nothing to roll: launch template version ${outcome.version} is in service.`
        : `Rolled out launch template version ${outcome.version} (instance refresh ${outcome.refreshId}).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RolloutSpecError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof RolloutError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
