/**
 * Rolls a production Auto Scaling group onto the launch-template version the stack exports, with
 * the EC2 Auto Scaling instance refresh, and reports how it ended (APP-3, IR-3). The refresh is
 * started with that version as its desired configuration and auto rollback on, so when it fails,
 * or one of the stack's rollout alarms goes to ALARM, AWS puts back the instances and the
 * configuration the group had before (EC2 Auto Scaling User Guide, "Undo changes with a manual or
 * auto rollback"). Progress is read with DescribeInstanceRefreshes until the refresh ends.
 */
import {
  AutoScalingClient,
  AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  InstanceRefresh,
  InstanceRefreshStatus,
  StartInstanceRefreshCommand,
  StartInstanceRefreshCommandInput,
} from "@aws-sdk/client-auto-scaling";
import {
  InstanceRolloutSpec,
  REPLACEMENT_HEALTHY_PERCENTAGE,
  rolloutBakeTimeSeconds,
} from "../../components/shared/rollout";

/** Statuses of a refresh that is still running (DescribeInstanceRefreshes, `Status`). */
const RUNNING: ReadonlySet<string> = new Set<InstanceRefreshStatus>([
  "Pending",
  "InProgress",
  "Baking",
  "Cancelling",
  "RollbackInProgress",
]);

export interface RolloutOptions {
  /** Alarms fail (and roll back) the refresh. False only for a recovery while they are red (IR-3). */
  readonly withAlarms: boolean;
  readonly pollSeconds: number;
  readonly timeoutMinutes: number;
  readonly log: (line: string) => void;
  /** Injected so tests need not wait; defaults to real time. */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly now?: () => number;
}

export type RolloutOutcome =
  | { readonly kind: "up-to-date"; readonly version: string }
  | { readonly kind: "rolled-out"; readonly version: string; readonly refreshId: string };

/** The refresh did not bring the group onto the version; the message says what AWS reported. */
export class RolloutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RolloutError";
  }
}

/** The StartInstanceRefresh request for a spec: desired configuration, replace before terminate. */
export function refreshRequest(
  spec: InstanceRolloutSpec,
  withAlarms: boolean,
): StartInstanceRefreshCommandInput {
  return {
    AutoScalingGroupName: spec.autoScalingGroupName,
    Strategy: "Rolling",
    DesiredConfiguration: {
      LaunchTemplate: {
        LaunchTemplateId: spec.launchTemplateId,
        Version: spec.launchTemplateVersion,
      },
    },
    Preferences: {
      MinHealthyPercentage: REPLACEMENT_HEALTHY_PERCENTAGE.minimum,
      MaxHealthyPercentage: REPLACEMENT_HEALTHY_PERCENTAGE.maximum,
      InstanceWarmup: spec.instanceWarmupSeconds,
      // Resuming after a cancelled refresh replaces only what still runs the old version.
      SkipMatching: true,
      AutoRollback: true,
      ...(withAlarms && spec.alarmNames.length > 0
        ? {
            AlarmSpecification: { Alarms: [...spec.alarmNames] },
            BakeTime: rolloutBakeTimeSeconds(spec.instanceWarmupSeconds),
          }
        : {}),
    },
  };
}

/** True when the group and every instance in it already run the spec's version. */
export function isUpToDate(group: AutoScalingGroup, spec: InstanceRolloutSpec): boolean {
  const current = group.LaunchTemplate;
  return (
    current?.LaunchTemplateId === spec.launchTemplateId &&
    current.Version === spec.launchTemplateVersion &&
    (group.Instances ?? []).every(
      (instance) =>
        instance.LaunchTemplate?.LaunchTemplateId === spec.launchTemplateId &&
        instance.LaunchTemplate.Version === spec.launchTemplateVersion,
    )
  );
}

function describe(refresh: InstanceRefresh): string {
  const reason = refresh.RollbackDetails?.RollbackReason ?? refresh.StatusReason;
  return reason ? `${refresh.Status}: ${reason}` : String(refresh.Status);
}

/** Success, or the RolloutError that says how the refresh ended and what the group runs now. */
function judge(refresh: InstanceRefresh, spec: InstanceRolloutSpec): void {
  const id = refresh.InstanceRefreshId;
  switch (refresh.Status) {
    case "Successful":
      return;
    case "RollbackSuccessful":
      throw new RolloutError(
        `Instance refresh ${id} was rolled back (${describe(refresh)}). The group runs the launch template version it had before; version ${spec.launchTemplateVersion} is not in service. Fix the cause (scaling activities, the alarms, the instances' logs), then deploy again.`,
      );
    case "RollbackFailed":
      throw new RolloutError(
        `Instance refresh ${id} failed and so did its rollback (${describe(refresh)}). The group may run a mix of versions: read "aws autoscaling describe-scaling-activities --auto-scaling-group-name ${spec.autoScalingGroupName}" before anything else.`,
      );
    default:
      throw new RolloutError(
        `Instance refresh ${id} ended ${describe(refresh)}; version ${spec.launchTemplateVersion} is not fully in service.`,
      );
  }
}

export class InstanceRollout {
  private readonly sleep: (milliseconds: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly client: AutoScalingClient,
    private readonly spec: InstanceRolloutSpec,
    private readonly options: RolloutOptions,
  ) {
    this.sleep =
      options.sleep ?? ((milliseconds) => new Promise((done) => setTimeout(done, milliseconds)));
    this.now = options.now ?? Date.now;
  }

  async run(): Promise<RolloutOutcome> {
    const { spec } = this;
    const running = await this.runningRefresh();
    if (running) {
      // One refresh per group at a time: an earlier deployment's (or one started by hand).
      this.options.log(
        `Instance refresh ${running.InstanceRefreshId} is ${running.Status}; waiting for it to end first.`,
      );
      const ended = await this.waitFor(String(running.InstanceRefreshId));
      if (ended.DesiredConfiguration?.LaunchTemplate?.Version === spec.launchTemplateVersion) {
        judge(ended, spec);
        return {
          kind: "rolled-out",
          version: spec.launchTemplateVersion,
          refreshId: String(ended.InstanceRefreshId),
        };
      }
    }
    if (isUpToDate(await this.group(), spec)) {
      this.options.log(
        `${spec.autoScalingGroupName} already runs launch template version ${spec.launchTemplateVersion} on every instance.`,
      );
      return { kind: "up-to-date", version: spec.launchTemplateVersion };
    }
    const started = await this.client.send(
      new StartInstanceRefreshCommand(refreshRequest(spec, this.options.withAlarms)),
    );
    const refreshId = String(started.InstanceRefreshId);
    this.options.log(
      `Started instance refresh ${refreshId}: ${spec.autoScalingGroupName} to launch template version ${spec.launchTemplateVersion}, ${this.options.withAlarms ? `rolled back if ${spec.alarmNames.join(" or ")} goes to ALARM` : "WITHOUT alarms"}.`,
    );
    judge(await this.waitFor(refreshId), spec);
    return { kind: "rolled-out", version: spec.launchTemplateVersion, refreshId };
  }

  private async group(): Promise<AutoScalingGroup> {
    const name = this.spec.autoScalingGroupName;
    const response = await this.client.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
    );
    const group = response.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === name);
    if (!group) {
      throw new RolloutError(
        `Auto Scaling group ${name} not found in this account and region; check the credentials' account and the stack's region.`,
      );
    }
    return group;
  }

  private async runningRefresh(): Promise<InstanceRefresh | undefined> {
    const response = await this.client.send(
      new DescribeInstanceRefreshesCommand({
        AutoScalingGroupName: this.spec.autoScalingGroupName,
      }),
    );
    return (response.InstanceRefreshes ?? []).find((refresh) =>
      RUNNING.has(String(refresh.Status)),
    );
  }

  /** Polls one refresh until it has ended; a timeout leaves it running and says so. */
  private async waitFor(refreshId: string): Promise<InstanceRefresh> {
    const deadline = this.now() + this.options.timeoutMinutes * 60_000;
    let reported = "";
    for (;;) {
      const response = await this.client.send(
        new DescribeInstanceRefreshesCommand({
          AutoScalingGroupName: this.spec.autoScalingGroupName,
          InstanceRefreshIds: [refreshId],
        }),
      );
      const refresh = response.InstanceRefreshes?.find((r) => r.InstanceRefreshId === refreshId);
      if (!refresh) {
        throw new RolloutError(`Instance refresh ${refreshId} is not listed for the group.`);
      }
      const progress = `${refresh.Status} ${refresh.PercentageComplete ?? 0}%`;
      if (progress !== reported) {
        this.options.log(`Instance refresh ${refreshId}: ${progress}`);
        reported = progress;
      }
      if (!RUNNING.has(String(refresh.Status))) {
        return refresh;
      }
      if (this.now() >= deadline) {
        throw new RolloutError(
          `Instance refresh ${refreshId} is still ${refresh.Status} after ${this.options.timeoutMinutes} minutes. It keeps running in AWS: run this command again to keep waiting, or stop it with "aws autoscaling rollback-instance-refresh --auto-scaling-group-name ${this.spec.autoScalingGroupName}".`,
        );
      }
      await this.sleep(this.options.pollSeconds * 1000);
    }
  }
}
