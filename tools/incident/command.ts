/**
 * `npm run incident -- isolate ...`: incident response for either edition (IR-1, IR-2). Reads the
 * stack's outputs from `pulumi stack output --json` (stdin or --outputs), then runs the isolation
 * steps with the AWS SDK using the caller's AWS credentials. See docs/monitoring-audit.md (runbook).
 */
import { launch, readStackOutputs } from "../stacks/launcher";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { parseArgs, UsageError } from "./cli";
import { InstanceIsolation, IsolationError } from "./isolate";
import { assertInstanceOfStack, OutputsError, parseStackOutputs } from "./outputs";

async function isolate(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv);
  const targets = parseStackOutputs(
    readStackOutputs(
      command.outputsFile,
      "incident",
      command.stack,
      (message) => new OutputsError(message),
    ),
    command.stack,
  );
  assertInstanceOfStack(targets, command.instanceId, command.stack);
  const region = targets.region;
  const isolation = new InstanceIsolation(
    {
      ec2: new EC2Client({ region }),
      autoScaling: new AutoScalingClient({ region }),
      elb: new ElasticLoadBalancingV2Client({ region }),
      logs: new CloudWatchLogsClient({ region }),
    },
    targets,
  );
  await isolation.isolate(command);
  return 0;
}

/** Runs the command on `argv` and exits with its code (0 done, 1 failed, 2 bad usage or input). */
export function runIncident(argv: readonly string[]): void {
  launch(() => isolate(argv), { usage: [UsageError, OutputsError], failure: [IsolationError] });
}
