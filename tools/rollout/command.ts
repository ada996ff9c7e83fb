/**
 * `npm run roll-instances -- --stack <stack>`: after `pulumi up` on a production stack, rolls the
 * Auto Scaling group onto the stack's launch template version with auto rollback and waits for the
 * result (APP-3, IR-3). deploy.yml runs it after every production `up`. Reads the
 * stack's outputs from `pulumi stack output --json` (stdin or --outputs) and uses the caller's AWS
 * credentials.
 */
import { launch, readStackOutputs } from "../stacks/launcher";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { parseArgs, parseRolloutOutputs, UsageError } from "./cli";
import { InstanceRollout, RolloutError } from "./refresh";
import { RolloutSpecError } from "./spec";

async function rollInstances(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv);
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

/** Runs the command on `argv` and exits with its code (0 rolled out, 1 failed, 2 bad usage or outputs). */
export function runRollInstances(argv: readonly string[]): void {
  launch(() => rollInstances(argv), {
    usage: [UsageError, RolloutSpecError],
    failure: [RolloutError],
  });
}
