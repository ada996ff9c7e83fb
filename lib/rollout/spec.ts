/**
 * How a production stack rolls its instances onto a new launch-template version (APP-3, IR-3): the
 * settings the program gives the Auto Scaling group and exports, and the preferences the rollout
 * command (`npm run roll-instances`, run by deploy.yml after `pulumi up`) starts the instance
 * refresh with. No AWS SDK here: the program imports this file.
 *
 * Why the refresh is not started by `pulumi up`: pulumi-aws (terraform-provider-aws) points the
 * group at the new version with UpdateAutoScalingGroup before it calls StartInstanceRefresh, so an
 * "auto rollback" rolls back to the configuration last saved on the group, which is already the new
 * one (terraform-provider-aws issue 34189; EC2 Auto Scaling User Guide, "Undo changes with a manual
 * or auto rollback": the new instances "match the configuration that you last saved on the Auto
 * Scaling group before starting the instance refresh"). It also returns before the refresh ends, and
 * the next update cancels a running one. So the program leaves the group's version alone after
 * creation, and the rollout command starts the refresh with the new version as its desired
 * configuration, waits for it, and fails the deployment when AWS rolled it back.
 */

/**
 * Replace before terminating: a new instance is launched and healthy before an old one goes
 * (minimum 100 %), and the group may double during a replacement (maximum 200 %, the most AWS
 * allows; the difference may not exceed 100). The group's instance maintenance policy (every
 * replacement, health-check ones included) and the instance refresh use the same values (EC2 Auto
 * Scaling User Guide, "Instance maintenance policies"; "How an instance refresh works": new
 * instances launch before old ones terminate when the minimum healthy percentage is 100).
 */
export const REPLACEMENT_HEALTHY_PERCENTAGE = { minimum: 100, maximum: 200 } as const;

/**
 * After the last replacement, the refresh keeps watching its alarms this long before it counts as
 * successful (`BakeTime`): one full 5-minute evaluation of the target 5xx and unhealthy-host alarms
 * plus their first datapoints' delay, so a regression that shows only under load still rolls back.
 */
export const ROLLOUT_BAKE_TIME_SECONDS = 600;

/** The stack output that carries the rollout specification. */
export const ROLLOUT_OUTPUT = "instanceRollout";

/** What `instanceRollout` holds: everything the rollout command needs besides the region. */
export interface InstanceRolloutSpec {
  readonly autoScalingGroupName: string;
  readonly launchTemplateId: string;
  /**
   * The numbered version to roll out: the template's latest. Never `$Latest`/`$Default`, which
   * AWS cannot roll back to.
   */
  readonly launchTemplateVersion: string;
  /** Seconds a new instance needs before it counts (the group's health-check grace period). */
  readonly instanceWarmupSeconds: number;
  /** CloudWatch alarms that fail the refresh, and so roll it back, when they go to ALARM. */
  readonly alarmNames: readonly string[];
}

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
