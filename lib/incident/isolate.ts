/**
 * IR-1 / IR-2 for production: isolates one app instance with the AWS SDK, in the runbook's order,
 * idempotently (each step first checks, read-only, whether it is already done), and stops at the
 * first failure with the remaining steps as AWS CLI commands. With `dryRun` only the read-only
 * checks run and the plan is printed.
 *
 * Clients are injected so tests drive it with aws-sdk-client-mock.
 */
import {
  AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  CloudWatchLogsClient,
  CreateExportTaskCommand,
  DescribeExportTasksCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  Instance,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
} from "@aws-sdk/client-ec2";
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  TargetDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { logExportPrefix } from "../audit-layout";
import { APP_LOG_GROUPS } from "../names";
import { IsolationTargets } from "./outputs";
import {
  exportTaskName,
  IsolationContext,
  manualCommand,
  quarantineTags,
  snapshotDescription,
  STEP_TITLES,
  StepName,
  STEPS,
} from "./plan";

export interface IncidentClients {
  readonly ec2: EC2Client;
  readonly autoScaling: AutoScalingClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly logs: CloudWatchLogsClient;
}

export interface IsolationRequest {
  readonly stack: string;
  readonly instanceId: string;
  /** Why: goes into the tags and snapshot descriptions. */
  readonly reason: string;
  /** Hours of application log to export, ending now. */
  readonly exportHours: number;
  /** Print the plan after read-only checks; change nothing. */
  readonly dryRun: boolean;
}

export interface StepOutcome {
  readonly step: StepName;
  readonly status: "done" | "skipped" | "planned";
  readonly detail: string;
}

/** A step failed: names it, what was done, and what is left to do by hand. */
export class IsolationError extends Error {
  constructor(
    /** The failed step, or `inspect` when the instance could not even be looked up. */
    readonly step: StepName | "inspect",
    readonly cause: unknown,
    readonly completed: readonly StepOutcome[],
    readonly manual: readonly { step: StepName; command: string }[],
  ) {
    super(
      [
        step === "inspect"
          ? `Looking up the instance failed: ${describeError(cause)}`
          : `Step ${STEPS.indexOf(step) + 1}/${STEPS.length} "${STEP_TITLES[step]}" failed: ${describeError(cause)}`,
        completed.length > 0
          ? `Already done: ${completed.map((outcome) => `${outcome.step} (${outcome.status})`).join(", ")}.`
          : "Nothing was changed.",
        "Left to do by hand, in this order:",
        ...manual.map(
          ({ step: name, command }) =>
            `  ${STEPS.indexOf(name) + 1}. ${STEP_TITLES[name]}:\n      ${command}`,
        ),
      ].join("\n"),
    );
    this.name = "IsolationError";
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  }
  return String(error);
}

interface Inspection {
  readonly instance: Instance;
  readonly volumes: readonly { volumeId: string; device: string }[];
  readonly interfaces: readonly { id: string; groups: readonly string[] }[];
}

/** A step: a read-only check (a reason to skip, or undefined) and the change itself. */
interface Step {
  readonly name: StepName;
  check(): Promise<string | undefined>;
  plan(): string;
  apply(): Promise<string>;
}

export class InstanceIsolation {
  private readonly log: (line: string) => void;
  private readonly now: () => Date;

  constructor(
    private readonly clients: IncidentClients,
    private readonly targets: IsolationTargets,
    options: { log?: (line: string) => void; now?: () => Date } = {},
  ) {
    this.log = options.log ?? ((line) => console.log(line));
    this.now = options.now ?? (() => new Date());
  }

  async isolate(request: IsolationRequest): Promise<StepOutcome[]> {
    const startedAt = this.now();
    const context: IsolationContext = {
      stack: request.stack,
      instanceId: request.instanceId,
      reason: request.reason,
      startedAt,
      exportFrom: new Date(startedAt.getTime() - request.exportHours * 3600 * 1000),
      exportPrefix: logExportPrefix(request.instanceId, startedAt),
      targets: this.targets,
    };
    this.log(
      `${request.dryRun ? "Plan (dry run, nothing is changed)" : "Isolating"} ${request.instanceId} of stack ${request.stack} in ${this.targets.region}: ${request.reason}`,
    );

    let inspection: Inspection;
    try {
      inspection = await this.inspect(request.instanceId);
    } catch (error) {
      throw new IsolationError(
        "inspect",
        error,
        [],
        STEPS.map((step) => ({ step, command: manualCommand(step, context) })),
      );
    }
    const volumeIds = inspection.volumes.map((volume) => volume.volumeId);
    const steps = this.steps(context, inspection);
    const outcomes: StepOutcome[] = [];
    for (const [index, step] of steps.entries()) {
      const label = `[${index + 1}/${steps.length}] ${STEP_TITLES[step.name]}`;
      try {
        const skip = await step.check();
        const outcome: StepOutcome = skip
          ? { step: step.name, status: "skipped", detail: skip }
          : request.dryRun
            ? { step: step.name, status: "planned", detail: step.plan() }
            : { step: step.name, status: "done", detail: await step.apply() };
        outcomes.push(outcome);
        const verb =
          outcome.status === "skipped"
            ? "skipped, already done"
            : outcome.status === "planned"
              ? "would"
              : "done";
        this.log(`${label}: ${verb}: ${outcome.detail}`);
      } catch (error) {
        this.log(`${label}: FAILED`);
        const remaining = steps.slice(index).map((left) => ({
          step: left.name,
          command: manualCommand(left.name, context, volumeIds),
        }));
        throw new IsolationError(step.name, error, outcomes, remaining);
      }
    }
    this.log(
      request.dryRun
        ? "Dry run complete; run again without --dry-run to isolate."
        : `Isolated. Forensics: snapshots tagged QuarantineInstance=${request.instanceId}; logs under s3://${this.targets.auditBucketName}/${context.exportPrefix}/ once the export task completes.`,
    );
    return outcomes;
  }

  private async inspect(instanceId: string): Promise<Inspection> {
    const response = await this.clients.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
    );
    const instance = response.Reservations?.flatMap(
      (reservation) => reservation.Instances ?? [],
    ).find((candidate) => candidate.InstanceId === instanceId);
    if (!instance) {
      throw new Error(`instance ${instanceId} was not found in ${this.targets.region}`);
    }
    return {
      instance,
      volumes: (instance.BlockDeviceMappings ?? [])
        .filter((mapping) => mapping.Ebs?.VolumeId)
        .map((mapping) => ({
          volumeId: mapping.Ebs?.VolumeId as string,
          device: mapping.DeviceName ?? "unknown device",
        })),
      interfaces: (instance.NetworkInterfaces ?? []).map((eni) => ({
        id: eni.NetworkInterfaceId as string,
        groups: (eni.Groups ?? []).map((group) => group.GroupId as string),
      })),
    };
  }

  private steps(context: IsolationContext, inspection: Inspection): Step[] {
    const { ec2, autoScaling, elb, logs } = this.clients;
    const { instanceId, targets } = context;
    const quarantineGroup = targets.quarantineSecurityGroupId;
    const tags = quarantineTags(context);
    let volumesToSnapshot: { volumeId: string; device: string }[] = [];
    let registeredTargets: TargetDescription[] = [];
    let interfacesToMove: string[] = [];

    return [
      {
        name: "tag",
        check: async () => {
          const existing = inspection.instance.Tags ?? [];
          const already = existing.find((tag) => tag.Key === "Quarantine" && tag.Value === "true");
          if (!already) return undefined;
          const since =
            existing.find((tag) => tag.Key === "QuarantineTime")?.Value ?? "an earlier run";
          return `${instanceId} is tagged Quarantine=true since ${since}`;
        },
        plan: () => `tag ${instanceId} ${tags.map((tag) => `${tag.Key}=${tag.Value}`).join(", ")}`,
        apply: async () => {
          await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: tags }));
          return `tagged ${instanceId} Quarantine=true`;
        },
      },
      {
        name: "snapshot",
        check: async () => {
          volumesToSnapshot = [];
          for (const volume of inspection.volumes) {
            const existing = await ec2.send(
              new DescribeSnapshotsCommand({
                OwnerIds: ["self"],
                Filters: [
                  { Name: "volume-id", Values: [volume.volumeId] },
                  { Name: "tag:QuarantineInstance", Values: [instanceId] },
                ],
              }),
            );
            if ((existing.Snapshots ?? []).length === 0) volumesToSnapshot.push(volume);
          }
          if (inspection.volumes.length === 0) return `${instanceId} has no EBS volumes`;
          return volumesToSnapshot.length === 0
            ? `forensic snapshots of ${inspection.volumes.map((volume) => volume.volumeId).join(", ")} exist`
            : undefined;
        },
        plan: () =>
          `snapshot ${volumesToSnapshot.map((volume) => `${volume.volumeId} (${volume.device})`).join(", ")}`,
        apply: async () => {
          const created: string[] = [];
          for (const volume of volumesToSnapshot) {
            const snapshot = await ec2.send(
              new CreateSnapshotCommand({
                VolumeId: volume.volumeId,
                Description: snapshotDescription(context, volume.volumeId, volume.device),
                TagSpecifications: [
                  {
                    ResourceType: "snapshot",
                    Tags: [
                      ...tags,
                      { Key: "QuarantineInstance", Value: instanceId },
                      { Key: "QuarantineVolume", Value: volume.volumeId },
                    ],
                  },
                ],
              }),
            );
            created.push(`${snapshot.SnapshotId} of ${volume.volumeId}`);
          }
          return `started ${created.join(", ")}`;
        },
      },
      {
        name: "detach",
        check: async () => {
          const response = await autoScaling.send(
            new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] }),
          );
          const membership = response.AutoScalingInstances?.[0];
          if (!membership) return `${instanceId} is in no Auto Scaling group`;
          if (membership.AutoScalingGroupName !== targets.autoScalingGroupName) {
            throw new Error(
              `${instanceId} belongs to Auto Scaling group ${membership.AutoScalingGroupName}, not this stack's ${targets.autoScalingGroupName}; check the instance ID and --stack`,
            );
          }
          const state = membership.LifecycleState ?? "";
          return state === "Detaching" || state === "Detached"
            ? `${instanceId} is ${state.toLowerCase()}`
            : undefined;
        },
        plan: () =>
          `detach ${instanceId} from ${targets.autoScalingGroupName} keeping the desired capacity (a replacement launches)`,
        apply: async () => {
          await autoScaling.send(
            new DetachInstancesCommand({
              AutoScalingGroupName: targets.autoScalingGroupName,
              InstanceIds: [instanceId],
              ShouldDecrementDesiredCapacity: false,
            }),
          );
          return `detached ${instanceId} from ${targets.autoScalingGroupName}; the group launches a replacement`;
        },
      },
      {
        name: "deregister",
        check: async () => {
          const response = await elb.send(
            new DescribeTargetHealthCommand({
              TargetGroupArn: targets.targetGroupArn,
              Targets: [{ Id: instanceId }],
            }),
          );
          const live = (response.TargetHealthDescriptions ?? []).filter((description) => {
            const state = description.TargetHealth?.State;
            return state !== "unused" && state !== "draining" && state !== "unhealthy.draining";
          });
          registeredTargets = live.map((description) => description.Target as TargetDescription);
          return registeredTargets.length === 0
            ? `${instanceId} is not registered (or is draining) in the target group`
            : undefined;
        },
        plan: () => `deregister ${instanceId} from ${targets.targetGroupArn}`,
        apply: async () => {
          await elb.send(
            new DeregisterTargetsCommand({
              TargetGroupArn: targets.targetGroupArn,
              Targets: registeredTargets,
            }),
          );
          return `deregistered ${instanceId}; connections drain`;
        },
      },
      {
        name: "quarantine",
        check: async () => {
          interfacesToMove = inspection.interfaces
            .filter((eni) => eni.groups.length !== 1 || eni.groups[0] !== quarantineGroup)
            .map((eni) => eni.id);
          return interfacesToMove.length === 0
            ? `every interface of ${instanceId} is only in ${quarantineGroup}`
            : undefined;
        },
        plan: () => `put ${interfacesToMove.join(", ")} in ${quarantineGroup} only`,
        apply: async () => {
          // ModifyInstanceAttribute refuses instances with several interfaces: then change each one.
          if (inspection.interfaces.length === 1) {
            await ec2.send(
              new ModifyInstanceAttributeCommand({
                InstanceId: instanceId,
                Groups: [quarantineGroup],
              }),
            );
          } else {
            for (const eni of interfacesToMove) {
              await ec2.send(
                new ModifyNetworkInterfaceAttributeCommand({
                  NetworkInterfaceId: eni,
                  Groups: [quarantineGroup],
                }),
              );
            }
          }
          return `${instanceId} is now only in ${quarantineGroup}`;
        },
      },
      {
        name: "export-logs",
        check: async () => {
          const response = await logs.send(new DescribeExportTasksCommand({}));
          const earlier = (response.exportTasks ?? []).find(
            (task) =>
              (task.taskName ?? "").startsWith(`isolate-${instanceId}-`) &&
              ["PENDING", "RUNNING", "COMPLETED"].includes(task.status?.code ?? ""),
          );
          return earlier
            ? `export task ${earlier.taskId} (${earlier.status?.code}) to s3://${earlier.destination}/${earlier.destinationPrefix}`
            : undefined;
        },
        plan: () =>
          `export ${APP_LOG_GROUPS.application} from ${context.exportFrom.toISOString()} to ${context.startedAt.toISOString()} to s3://${targets.auditBucketName}/${context.exportPrefix}/`,
        apply: async () => {
          const task = await logs.send(
            new CreateExportTaskCommand({
              taskName: exportTaskName(context),
              logGroupName: APP_LOG_GROUPS.application,
              from: context.exportFrom.getTime(),
              to: context.startedAt.getTime(),
              destination: targets.auditBucketName,
              destinationPrefix: context.exportPrefix,
            }),
          );
          return `export task ${task.taskId} started to s3://${targets.auditBucketName}/${context.exportPrefix}/`;
        },
      },
    ];
  }
}
