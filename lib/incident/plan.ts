/**
 * The isolation steps in the order the runbook prescribes (IR-1, IR-2), their titles, and the AWS CLI
 * command that does each by hand, printed when the command stops at a failed step.
 */
import { APP_LOG_GROUPS } from "../names";
import { IsolationTargets } from "./outputs";

export const STEPS = [
  "tag",
  "snapshot",
  "detach",
  "deregister",
  "quarantine",
  "export-logs",
] as const;
export type StepName = (typeof STEPS)[number];

export const STEP_TITLES: Readonly<Record<StepName, string>> = {
  tag: "tag the instance as quarantined",
  snapshot: "snapshot every attached EBS volume",
  detach: "detach it from the Auto Scaling group (a replacement launches)",
  deregister: "deregister it from the target group",
  quarantine: "replace its security groups with the quarantine group",
  "export-logs": "export the application log to the audit bucket",
};

export interface IsolationContext {
  readonly stack: string;
  readonly instanceId: string;
  readonly reason: string;
  readonly startedAt: Date;
  /** Start of the exported log window. */
  readonly exportFrom: Date;
  readonly exportPrefix: string;
  readonly targets: IsolationTargets;
}

/** Tags on the instance and its snapshots; values are capped at EC2's 256 characters. */
export function quarantineTags(context: IsolationContext): { Key: string; Value: string }[] {
  return [
    { Key: "Quarantine", Value: "true" },
    { Key: "QuarantineReason", Value: context.reason.slice(0, 256) },
    { Key: "QuarantineTime", Value: context.startedAt.toISOString() },
  ];
}

/** EC2 caps snapshot descriptions at 255 characters. */
export function snapshotDescription(
  context: IsolationContext,
  volumeId: string,
  device: string,
): string {
  return `Forensic snapshot of ${volumeId} (${device}) of ${context.instanceId}, ${context.startedAt.toISOString()}: ${context.reason}`.slice(
    0,
    255,
  );
}

export function exportTaskName(context: IsolationContext): string {
  return `isolate-${context.instanceId}-${context.startedAt.toISOString().replace(/[:.]/g, "-")}`;
}

const quote = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;

/** The AWS CLI equivalent of a step, for the operator to run by hand after a failure. */
export function manualCommand(
  step: StepName,
  context: IsolationContext,
  volumeIds: readonly string[] = [],
): string {
  const { instanceId, targets } = context;
  const region = `--region ${targets.region}`;
  switch (step) {
    case "tag":
      return `aws ec2 create-tags ${region} --resources ${instanceId} --tags ${quarantineTags(
        context,
      )
        .map((tag) => quote(`Key=${tag.Key},Value=${tag.Value}`))
        .join(" ")}`;
    case "snapshot":
      return (volumeIds.length > 0 ? volumeIds : ["<volume-id>"])
        .map(
          (volume) =>
            `aws ec2 create-snapshot ${region} --volume-id ${volume} --description ${quote(snapshotDescription(context, volume, "volume"))}`,
        )
        .join("\n      ");
    case "detach":
      return `aws autoscaling detach-instances ${region} --instance-ids ${instanceId} --auto-scaling-group-name ${targets.autoScalingGroupName} --no-should-decrement-desired-capacity`;
    case "deregister":
      return `aws elbv2 deregister-targets ${region} --target-group-arn ${targets.targetGroupArn} --targets Id=${instanceId}`;
    case "quarantine":
      return `aws ec2 modify-instance-attribute ${region} --instance-id ${instanceId} --groups ${targets.quarantineSecurityGroupId}   # several ENIs: aws ec2 modify-network-interface-attribute --network-interface-id <eni> --groups ${targets.quarantineSecurityGroupId}`;
    case "export-logs":
      return `aws logs create-export-task ${region} --task-name ${exportTaskName(context)} --log-group-name ${APP_LOG_GROUPS.application} --from ${context.exportFrom.getTime()} --to ${context.startedAt.getTime()} --destination ${targets.auditBucketName} --destination-prefix ${context.exportPrefix}`;
  }
}
