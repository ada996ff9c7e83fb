/**
 * How a production stack rolls its instances onto a new launch-template version (APP-3, IR-3): the
 * settings the program gives the Auto Scaling group and exports, and the preferences the rollout
 * command (`npm run roll-instances`, run by deploy.yml after `pulumi up`) starts the instance
 * refresh with. No AWS SDK here: the program imports this file, and the command reads it.
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
 * Seconds before the group acts on a failed ELB health check of a new instance (its health check
 * grace period), also the refresh's instance warmup. ELB checks an instance from its registration
 * on, in parallel (EC2 Auto Scaling User Guide, "Set the health check grace period"), so a new
 * instance may be counted unhealthy for up to this long while it boots, without being replaced.
 */
export const HEALTH_CHECK_GRACE_PERIOD_SECONDS = 600;

/** ALB publishes UnHealthyHostCount every minute: the rollout alarm's period. */
const UNHEALTHY_HOSTS_PERIOD_SECONDS = 60;

/** The 5-minute window of the target 5xx alarm, the other rollback alarm (components/monitoring.ts). */
export const TARGET_5XX_WINDOW_SECONDS = 300;

export interface AlarmEvaluation {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/**
 * The rollback alarm on unhealthy targets: breaching in every one-minute period of a window longer
 * than the grace period. A new instance counts as unhealthy after a few failed checks while it
 * boots, for at most the grace period if it is good (the group itself tolerates that long); such a
 * stretch touches at most ceil(grace / 60) + 1 one-minute periods (a partial minute at each end), so
 * one more period than that never fills with a boot. A version whose instances never pass keeps the
 * count above zero past the grace period (the group replaces them launch-before-terminate, and the
 * replacements fail too) and fills it. The operational alarm (5 of 5 minutes) pages earlier.
 */
export function rolloutUnhealthyHostsEvaluation(gracePeriodSeconds: number): AlarmEvaluation {
  if (!Number.isInteger(gracePeriodSeconds) || gracePeriodSeconds < 0) {
    throw new RangeError(`grace period ${gracePeriodSeconds} must be a non-negative integer`);
  }
  const periods = Math.ceil(gracePeriodSeconds / UNHEALTHY_HOSTS_PERIOD_SECONDS) + 2;
  return {
    periodSeconds: UNHEALTHY_HOSTS_PERIOD_SECONDS,
    evaluationPeriods: periods,
    datapointsToAlarm: periods,
  };
}

/**
 * After the last replacement, the refresh keeps watching its alarms this long before it counts as
 * successful (`BakeTime`): the longest rollback alarm's window (the unhealthy-host one, longer than
 * the grace period, or the target 5xx's 5 minutes) plus one period for its datapoints' delay, so a
 * regression that starts right after the last replacement still rolls back.
 */
export function rolloutBakeTimeSeconds(gracePeriodSeconds: number): number {
  const unhealthy = rolloutUnhealthyHostsEvaluation(gracePeriodSeconds);
  const unhealthyWindow = unhealthy.periodSeconds * unhealthy.evaluationPeriods;
  return Math.max(unhealthyWindow, TARGET_5XX_WINDOW_SECONDS) + unhealthy.periodSeconds;
}

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
