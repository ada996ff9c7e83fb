/**
 * The stack outputs the incident command needs, read from `pulumi stack output --json` (piped on
 * stdin or saved to a file), each checked against the program's output schema. Parsing is pure so
 * it is tested without the pulumi binary.
 */
import { StackOutputName, stackOutputFields } from "../../stack-outputs";

interface CommonTargets {
  /** IR-1: the empty quarantine security group. */
  readonly quarantineSecurityGroupId: string;
  /** IR-2: exports of the app log go to `exports/` in this bucket. */
  readonly auditBucketName: string;
  /** IR-2: the group exported; named per creation, so only the outputs know its name. */
  readonly applicationLogGroupName: string;
  readonly region: string;
}

/** Production: the instance leaves its Auto Scaling group and target group before it is cut off. */
export interface ProductionTargets extends CommonTargets {
  readonly edition: "production";
  readonly autoScalingGroupName: string;
  readonly targetGroupArn: string;
}

/** Sandbox: one instance, no Auto Scaling group or load balancer; the command refuses any other. */
export interface SandboxTargets extends CommonTargets {
  readonly edition: "sandbox";
  readonly instanceId: string;
}

export type IsolationTargets = ProductionTargets | SandboxTargets;
export type Edition = IsolationTargets["edition"];

const COMMON: readonly (keyof CommonTargets)[] = [
  "quarantineSecurityGroupId",
  "auditBucketName",
  "applicationLogGroupName",
  "region",
];
const PER_EDITION = {
  production: ["autoScalingGroupName", "targetGroupArn"],
  sandbox: ["instanceId"],
} as const satisfies Record<Edition, readonly StackOutputName[]>;

export class OutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputsError";
  }
}

const isEdition = (value: unknown): value is Edition =>
  stackOutputFields.shape.edition.safeParse(value).success;

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
  const edition = isEdition(record.edition) ? record.edition : undefined;
  const expected = [...COMMON, ...(edition ? PER_EDITION[edition] : [])];
  const missing = [
    ...(edition ? [] : ["edition"]),
    ...expected.filter((name) => !stackOutputFields.shape[name].safeParse(record[name]).success),
  ];
  if (missing.length > 0) {
    throw new OutputsError(
      `The outputs of stack ${stack} lack ${missing.join(", ")}; is this a stack deployed with the current program?`,
    );
  }
  return Object.fromEntries([
    ["edition", edition],
    ...expected.map((name) => [name, record[name]]),
  ]) as unknown as IsolationTargets;
}

/**
 * A sandbox stack has exactly one instance, named in its outputs: any other ID is a typo or the
 * wrong stack. (Production instances are checked against the Auto Scaling group by the detach step.)
 */
export function assertInstanceOfStack(
  targets: IsolationTargets,
  instanceId: string,
  stack: string,
): void {
  if (targets.edition === "sandbox" && targets.instanceId !== instanceId) {
    throw new OutputsError(
      `Stack ${stack} is a sandbox whose only instance is ${targets.instanceId} (output instanceId), not ${instanceId}; check --instance and --stack.`,
    );
  }
}
