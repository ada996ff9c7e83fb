/**
 * Validation of the `instanceRollout` stack output the rollout command reads, against the program's
 * output schema: the command refuses one it cannot roll out, naming every problem.
 */
import { InstanceRolloutSpec, ROLLOUT_OUTPUT } from "../../components/shared/rollout";
import { instanceRolloutSchema } from "../../stack-outputs";

export class RolloutSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RolloutSpecError";
  }
}

/** Each field's problem, in the words of the command's earlier checks. */
const PROBLEMS: Readonly<Record<keyof InstanceRolloutSpec, (value: unknown) => string>> = {
  autoScalingGroupName: () => "autoScalingGroupName must be a non-empty string",
  launchTemplateId: () => "launchTemplateId must be a non-empty string",
  launchTemplateVersion: (value) =>
    typeof value === "string" && value.length > 0
      ? `launchTemplateVersion "${value}" must be a version number (AWS cannot roll back to $Latest or $Default)`
      : "launchTemplateVersion must be a non-empty string",
  instanceWarmupSeconds: () => "instanceWarmupSeconds must be a non-negative integer",
  alarmNames: () => "alarmNames must be a list of alarm names",
};

/** Validates the `instanceRollout` stack output; reports every problem at once. */
export function parseRolloutSpec(value: unknown): InstanceRolloutSpec {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new RolloutSpecError(
      `The stack output ${ROLLOUT_OUTPUT} is missing or not an object; is this a production stack deployed with the current program?`,
    );
  }
  const parsed = instanceRolloutSchema.safeParse(value);
  if (parsed.success) {
    return parsed.data;
  }
  const record = value as Record<string, unknown>;
  const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  const problems = (Object.keys(PROBLEMS) as (keyof InstanceRolloutSpec)[])
    .filter((field) => fields.has(field))
    .map((field) => PROBLEMS[field](record[field]));
  throw new RolloutSpecError(
    `The stack output ${ROLLOUT_OUTPUT} is invalid: ${problems.join("; ")}.`,
  );
}
