/**
 * Validation of the `instanceRollout` stack output the rollout command reads: the program writes
 * it (components/shared/rollout.ts holds its shape), the command refuses one it cannot roll out.
 */
import { InstanceRolloutSpec, ROLLOUT_OUTPUT } from "../../components/shared/rollout";

export class RolloutSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RolloutSpecError";
  }
}

const NUMBERED_VERSION = /^[1-9]\d*$/;

/** Validates the `instanceRollout` stack output; reports every problem at once. */
export function parseRolloutSpec(value: unknown): InstanceRolloutSpec {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new RolloutSpecError(
      `The stack output ${ROLLOUT_OUTPUT} is missing or not an object; is this a production stack deployed with the current program?`,
    );
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (name: keyof InstanceRolloutSpec): string => {
    const field = record[name];
    if (typeof field !== "string" || field.length === 0) {
      problems.push(`${name} must be a non-empty string`);
      return "";
    }
    return field;
  };
  const spec = {
    autoScalingGroupName: text("autoScalingGroupName"),
    launchTemplateId: text("launchTemplateId"),
    launchTemplateVersion: text("launchTemplateVersion"),
    instanceWarmupSeconds: record.instanceWarmupSeconds as number,
    alarmNames: record.alarmNames as string[],
  };
  if (spec.launchTemplateVersion && !NUMBERED_VERSION.test(spec.launchTemplateVersion)) {
    problems.push(
      `launchTemplateVersion "${spec.launchTemplateVersion}" must be a version number (AWS cannot roll back to $Latest or $Default)`,
    );
  }
  if (!Number.isInteger(spec.instanceWarmupSeconds) || spec.instanceWarmupSeconds < 0) {
    problems.push("instanceWarmupSeconds must be a non-negative integer");
  }
  if (
    !Array.isArray(spec.alarmNames) ||
    !spec.alarmNames.every((name) => typeof name === "string" && name.length > 0)
  ) {
    problems.push("alarmNames must be a list of alarm names");
  }
  if (problems.length > 0) {
    throw new RolloutSpecError(
      `The stack output ${ROLLOUT_OUTPUT} is invalid: ${problems.join("; ")}.`,
    );
  }
  return spec;
}
