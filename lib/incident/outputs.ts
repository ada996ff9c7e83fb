/**
 * The stack outputs the incident command needs, read from `pulumi stack output --json` (piped on
 * stdin or saved to a file). Parsing is pure so it is tested without the pulumi binary.
 */

export interface IsolationTargets {
  /** IR-1: the empty quarantine security group. */
  readonly quarantineSecurityGroupId: string;
  readonly autoScalingGroupName: string;
  readonly targetGroupArn: string;
  /** IR-2: exports of the app log go to `exports/` in this bucket. */
  readonly auditBucketName: string;
  readonly region: string;
}

const REQUIRED: readonly (keyof IsolationTargets)[] = [
  "quarantineSecurityGroupId",
  "autoScalingGroupName",
  "targetGroupArn",
  "auditBucketName",
  "region",
];

export class OutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputsError";
  }
}

/** Validates the JSON object `pulumi stack output --json` prints; reports every missing output at once. */
export function parseStackOutputs(text: string, stack: string): IsolationTargets {
  let outputs: unknown;
  try {
    outputs = JSON.parse(text);
  } catch {
    throw new OutputsError(
      `The stack outputs are not JSON. Pipe them in with: pulumi stack output --json --stack ${stack} | npm run incident -- ...`,
    );
  }
  if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) {
    throw new OutputsError(
      "The stack outputs must be the JSON object printed by `pulumi stack output --json`.",
    );
  }
  const record = outputs as Record<string, unknown>;
  if (record.edition === "sandbox") {
    throw new OutputsError(
      `Stack ${stack} is a sandbox: its single instance is quarantined with "pulumi config set decision-control:quarantine true" and "pulumi up" (IR-1), not with this command.`,
    );
  }
  const missing = REQUIRED.filter(
    (name) => typeof record[name] !== "string" || (record[name] as string).length === 0,
  );
  if (missing.length > 0) {
    throw new OutputsError(
      `The outputs of stack ${stack} lack ${missing.join(", ")}; is this a production stack deployed with the current program?`,
    );
  }
  return Object.fromEntries(
    REQUIRED.map((name) => [name, record[name]]),
  ) as unknown as IsolationTargets;
}
