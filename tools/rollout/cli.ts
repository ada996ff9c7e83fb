/**
 * Arguments and stack outputs of `npm run roll-instances -- --stack <stack> [options]`. Pure, so
 * both are unit-tested without AWS or the pulumi binary.
 */
import { stackNameOf, stackNameProblem } from "../stacks/stack-files";
import { InstanceRolloutSpec, ROLLOUT_OUTPUT } from "../../components/shared/rollout";
import { parseRolloutSpec, RolloutSpecError } from "./spec";
import { stackOutputFields } from "../../stack-outputs";

export const USAGE = `Usage:
  pulumi stack output --json --stack <stack> | npm run roll-instances -- --stack <stack> [options]

Rolls a production stack's Auto Scaling group onto the launch template version the stack exports
(after "pulumi up"), with auto rollback, and waits for the result (exit 0 rolled out or already
current, 1 failed or rolled back, 2 usage or outputs error).

Options:
  --outputs <file>        stack outputs saved from "pulumi stack output --json" (default: read stdin)
  --without-alarms        no alarm-based rollback: only to recover (IR-3) while an alarm is red
  --poll-seconds <n>      seconds between status reads; default 30
  --timeout-minutes <n>   stop waiting (the refresh keeps running) after this; default 90`;

export interface RolloutCommand {
  readonly stack: string;
  readonly outputsFile?: string;
  readonly withAlarms: boolean;
  readonly pollSeconds: number;
  readonly timeoutMinutes: number;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = "UsageError";
  }
}

const VALUE_FLAGS = ["--stack", "--outputs", "--poll-seconds", "--timeout-minutes"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function wholeNumber(flag: ValueFlag, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

export function parseArgs(argv: readonly string[]): RolloutCommand {
  const values: Partial<Record<ValueFlag, string>> = {};
  let withAlarms = true;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === "--without-alarms") {
      withAlarms = false;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(`Unknown option "${flag}".`);
    }
    const value = argv[index + 1];
    if (value === undefined || value.startsWith("--")) {
      throw new UsageError(`${flag} needs a value.`);
    }
    values[flag as ValueFlag] = value;
    index += 1;
  }
  const stack = values["--stack"];
  if (!stack) throw new UsageError("--stack is required.");
  if (stackNameOf(stack) === undefined) throw new UsageError(stackNameProblem(stack));
  return {
    stack,
    outputsFile: values["--outputs"],
    withAlarms,
    pollSeconds: wholeNumber("--poll-seconds", values["--poll-seconds"] ?? "30", 5, 300),
    timeoutMinutes: wholeNumber("--timeout-minutes", values["--timeout-minutes"] ?? "90", 1, 720),
  };
}

export interface RolloutTarget {
  readonly region: string;
  readonly spec: InstanceRolloutSpec;
}

/** The region and rollout spec from `pulumi stack output --json`; a sandbox has nothing to roll. */
export function parseRolloutOutputs(text: string, stack: string): RolloutTarget {
  let outputs: unknown;
  try {
    outputs = JSON.parse(text);
  } catch {
    throw new RolloutSpecError(
      `The stack outputs are not JSON. Pipe them in with: pulumi stack output --json --stack ${stack} | npm run roll-instances -- --stack ${stack}`,
    );
  }
  if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) {
    throw new RolloutSpecError(
      "The stack outputs must be the JSON object printed by `pulumi stack output --json`.",
    );
  }
  const record = outputs as Record<string, unknown>;
  if (record.edition === "sandbox") {
    throw new RolloutSpecError(
      `Stack ${stack} is a sandbox: "pulumi up" replaces its single instance; there is no group to roll.`,
    );
  }
  const region = stackOutputFields.shape.region.safeParse(record.region);
  if (!region.success) {
    throw new RolloutSpecError(`The outputs of stack ${stack} lack region.`);
  }
  return { region: region.data, spec: parseRolloutSpec(record[ROLLOUT_OUTPUT]) };
}
