/**
 * The evidence and traffic steps of an isolation: snapshot, tag, detach, deregister, export the log
 * (IR-1, IR-2). Each check is read-only and says why the step is already done.
 */
import {
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  CreateExportTaskCommand,
  DescribeExportTasksCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DescribeSnapshotsCommand,
} from "@aws-sdk/client-ec2";
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  TargetDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { ProductionTargets } from "./outputs";
import { exportTaskName, quarantineTags, snapshotDescription } from "./plan";
import { Step, StepEnv } from "./step";
import { QUARANTINE_TAG } from "../../components/shared/quarantine-tags";

export function snapshotStep(env: StepEnv): Step {
  const { ec2 } = env.clients;
  const { context, inspection } = env;
  const { instanceId } = context;
  let volumesToSnapshot: { volumeId: string; device: string }[] = [];
  return {
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
                  ...quarantineTags(context),
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
  };
}

export function tagStep(env: StepEnv): Step {
  const { ec2 } = env.clients;
  const { instanceId } = env.context;
  const tags = quarantineTags(env.context);
  return {
    name: "tag",
    check: async () => {
      const existing = env.inspection.instance.Tags ?? [];
      const already = existing.find((tag) => tag.Key === QUARANTINE_TAG && tag.Value === "true");
      if (!already) return undefined;
      const since = existing.find((tag) => tag.Key === "QuarantineTime")?.Value ?? "an earlier run";
      return `${instanceId} is tagged Quarantine=true since ${since}`;
    },
    plan: () => `tag ${instanceId} ${tags.map((tag) => `${tag.Key}=${tag.Value}`).join(", ")}`,
    apply: async () => {
      await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: tags }));
      return `tagged ${instanceId} Quarantine=true`;
    },
  };
}

export function detachStep(env: StepEnv, targets: ProductionTargets): Step {
  const { autoScaling } = env.clients;
  const { instanceId } = env.context;
  return {
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
  };
}

export function deregisterStep(env: StepEnv, targets: ProductionTargets): Step {
  const { elb } = env.clients;
  const { instanceId } = env.context;
  let registeredTargets: TargetDescription[] = [];
  return {
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
  };
}

export function exportLogsStep(env: StepEnv): Step {
  const { logs } = env.clients;
  const { context } = env;
  const { instanceId, targets } = context;
  return {
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
      `export ${targets.applicationLogGroupName} from ${context.exportFrom.toISOString()} to ${context.startedAt.toISOString()} to s3://${targets.auditBucketName}/${context.exportPrefix}/`,
    apply: async () => {
      const task = await logs.send(
        new CreateExportTaskCommand({
          taskName: exportTaskName(context),
          logGroupName: targets.applicationLogGroupName,
          from: context.exportFrom.getTime(),
          to: context.startedAt.getTime(),
          destination: targets.auditBucketName,
          destinationPrefix: context.exportPrefix,
        }),
      );
      return `export task ${task.taskId} started to s3://${targets.auditBucketName}/${context.exportPrefix}/`;
    },
  };
}
