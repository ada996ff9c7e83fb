/**
 * `npm run incident -- isolate ...`: incident response for either edition (IR-1, IR-2). Reads the
 * stack's outputs from `pulumi stack output --json` (stdin or --outputs), then runs the isolation
 * steps with the AWS SDK using the caller's AWS credentials. See docs/monitoring-audit.md (runbook).
 */
import * as fs from "fs";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { parseArgs, UsageError } from "../lib/incident/cli";
import { InstanceIsolation, IsolationError } from "../lib/incident/isolate";
import { assertInstanceOfStack, OutputsError, parseStackOutputs } from "../lib/incident/outputs";

function readOutputs(file: string | undefined, stack: string): string {
  if (file !== undefined) {
    return fs.readFileSync(file, "utf8");
  }
  if (process.stdin.isTTY) {
    throw new OutputsError(
      `No stack outputs: pipe them in (pulumi stack output --json --stack ${stack} | npm run incident -- ...) or pass --outputs <file>.`,
    );
  }
  return fs.readFileSync(0, "utf8");
}

async function main(): Promise<number> {
  try {
    const command = parseArgs(process.argv.slice(2));
    const targets = parseStackOutputs(
      readOutputs(command.outputsFile, command.stack),
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
  } catch (error) {
    if (error instanceof UsageError || error instanceof OutputsError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof IsolationError) {
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
