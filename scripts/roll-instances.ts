/**
 * `npm run roll-instances -- --stack <stack>`: after `pulumi up` on a production stack, rolls the
 * Auto Scaling group onto the stack's launch template version with auto rollback and waits for the
 * result (APP-3, IR-3; lib/rollout). deploy.yml runs it after every production `up`. Reads the
 * stack's outputs from `pulumi stack output --json` (stdin or --outputs) and uses the caller's AWS
 * credentials.
 */
import { launch, readStackOutputs } from "./shared/launcher";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { parseArgs, parseRolloutOutputs, UsageError } from "../lib/rollout/cli";
import { InstanceRollout, RolloutError } from "../lib/rollout/refresh";
import { RolloutSpecError } from "../lib/rollout/spec";

async function main(): Promise<number> {
  const command = parseArgs(process.argv.slice(2));
  const { region, spec } = parseRolloutOutputs(
    readStackOutputs(
      command.outputsFile,
      "roll-instances",
      command.stack,
      (message) => new RolloutSpecError(message),
    ),
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
}

launch(main, { usage: [UsageError, RolloutSpecError], failure: [RolloutError] });
