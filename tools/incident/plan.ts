/**
 * The isolation steps in the order the runbook prescribes (IR-1, IR-2), their titles, and the AWS CLI
 * command that does each by hand, printed when the command stops at a failed step.
 *
 * Why this order:
 * - snapshot first (IR-2): evidence before anything touches the instance;
 * - detach before any network cut: the group's ELB health checks would otherwise mark the cut-off
 *   instance unhealthy and the group would terminate it, evidence and all;
 * - the network ACL entries before the untrack swap: they cut the connections the swap cannot
 *   (through the NAT gateway, ICMP) and close the instance to every other subnet while its
 *   interfaces briefly sit in the allow-all untrack group;
 * - untrack, then quarantine: only a flow that is untracked when its rule disappears stops at once;
 * - the transient group is deleted once no interface uses it.
 */
import { DenyEntry, hostCidr } from "./nacl";
import { IsolationTargets } from "./outputs";
import { QUARANTINE_TAG_KEYS } from "../../components/shared/quarantine-tags";
import { untrackGroupDescription, untrackGroupName } from "./untrack";

export const STEPS = [
  "snapshot",
  "tag",
  "detach",
  "deregister",
  "deny-nacl",
  "untrack",
  "quarantine",
  "drop-untrack",
  "export-logs",
] as const;
export type StepName = (typeof STEPS)[number];

export const STEP_TITLES: Readonly<Record<StepName, string>> = {
  snapshot: "snapshot every attached EBS volume",
  tag: "tag the instance as quarantined",
  detach: "detach it from the Auto Scaling group (a replacement launches)",
  deregister: "deregister it from the target group",
  "deny-nacl":
    "deny its addresses in the network ACLs of the other subnets (cuts connections through the NAT gateway)",
  untrack:
    "move its interfaces into a transient allow-all group, so their open flows are untracked",
  quarantine:
    "replace its security groups with the quarantine group (untracked flows stop at once)",
  "drop-untrack": "delete the transient untrack group",
  "export-logs": "export the application log to the audit bucket",
};

/** Steps that do not exist in an edition: the sandbox has no Auto Scaling group or load balancer. */
export function notApplicable(step: StepName, targets: IsolationTargets): string | undefined {
  if (targets.edition !== "sandbox") return undefined;
  if (step === "detach") return "the sandbox edition has no Auto Scaling group";
  if (step === "deregister") return "the sandbox edition has no load balancer";
  return undefined;
}

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

/**
 * What the run has learnt so far; the manual commands use it to name real IDs instead of
 * placeholders.
 */
export interface KnownFacts {
  volumeIds?: readonly string[];
  vpcId?: string;
  interfaceIds?: readonly string[];
  addresses?: readonly string[];
  /** The network ACL entries still to create. */
  denyEntries?: readonly DenyEntry[];
}

/** Tags on the instance and its snapshots; values are capped at EC2's 256 characters. */
export function quarantineTags(context: IsolationContext): { Key: string; Value: string }[] {
  const [flag, reason, time] = QUARANTINE_TAG_KEYS;
  return [
    { Key: flag, Value: "true" },
    { Key: reason, Value: context.reason.slice(0, 256) },
    { Key: time, Value: context.startedAt.toISOString() },
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

const cidrFlag = (cidr: string): string =>
  cidr.includes(":") ? "--ipv6-cidr-block" : "--cidr-block";
const quote = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;
const lines = (commands: readonly string[]): string => commands.join("\n      ");

/** `aws ec2 create-network-acl-entry` / `delete-network-acl-entry` for one deny entry. */
export function denyEntryCommand(
  action: "create" | "delete",
  entry: DenyEntry,
  region: string,
): string {
  const common = `aws ec2 ${action}-network-acl-entry --region ${region} --network-acl-id ${entry.networkAclId} --${entry.egress ? "egress" : "ingress"} --rule-number ${entry.ruleNumber}`;
  if (action === "delete") return common;
  return `${common} --protocol -1 --rule-action deny ${cidrFlag(entry.cidr)} ${entry.cidr}`;
}

/** Shell that sets $UNTRACK to the transient group's ID, or "None" when it does not exist. */
function findUntrackGroup(context: IsolationContext, vpcId: string): string {
  return `aws ec2 describe-security-groups --region ${context.targets.region} --filters Name=vpc-id,Values=${vpcId} Name=group-name,Values=${untrackGroupName(context.stack, context.instanceId)} --query 'SecurityGroups[0].GroupId' --output text`;
}

function setGroupsCommands(
  context: IsolationContext,
  interfaceIds: readonly string[] | undefined,
  group: string,
): string[] {
  const region = `--region ${context.targets.region}`;
  return (interfaceIds ?? ["<each network interface of the instance>"]).map(
    (eni) =>
      `aws ec2 modify-network-interface-attribute ${region} --network-interface-id ${eni} --groups ${group}`,
  );
}

/** The AWS CLI equivalent of a step, for the operator to run by hand after a failure. */
export function manualCommand(
  step: StepName,
  context: IsolationContext,
  facts: KnownFacts = {},
): string {
  const { instanceId, targets } = context;
  const region = `--region ${targets.region}`;
  const vpcId = facts.vpcId ?? "<vpc of the instance>";
  switch (step) {
    case "snapshot":
      return lines(
        (facts.volumeIds && facts.volumeIds.length > 0 ? facts.volumeIds : ["<volume-id>"]).map(
          (volume) =>
            `aws ec2 create-snapshot ${region} --volume-id ${volume} --description ${quote(snapshotDescription(context, volume, "volume"))}`,
        ),
      );
    case "tag":
      return `aws ec2 create-tags ${region} --resources ${instanceId} --tags ${quarantineTags(
        context,
      )
        .map((tag) => quote(`Key=${tag.Key},Value=${tag.Value}`))
        .join(" ")}`;
    case "detach":
      return targets.edition === "production"
        ? `aws autoscaling detach-instances ${region} --instance-ids ${instanceId} --auto-scaling-group-name ${targets.autoScalingGroupName} --no-should-decrement-desired-capacity`
        : "nothing to do (sandbox)";
    case "deregister":
      return targets.edition === "production"
        ? `aws elbv2 deregister-targets ${region} --target-group-arn ${targets.targetGroupArn} --targets Id=${instanceId}`
        : "nothing to do (sandbox)";
    case "deny-nacl":
      if (facts.denyEntries) {
        return lines(
          facts.denyEntries.map((entry) => denyEntryCommand("create", entry, targets.region)),
        );
      }
      return lines(
        (facts.addresses ?? ["<each private IPv4 of the instance>"]).flatMap((address) =>
          ["ingress", "egress"].map(
            (direction) =>
              `aws ec2 create-network-acl-entry ${region} --network-acl-id <each network ACL of ${vpcId} serving another subnet> --${direction} --rule-number <a free number below its first allow rule> --protocol -1 --rule-action deny ${cidrFlag(address)} ${hostCidr(address)}`,
          ),
        ),
      );
    case "untrack":
      return lines([
        `UNTRACK=$(${findUntrackGroup(context, vpcId)})`,
        `[ "$UNTRACK" != None ] || UNTRACK=$(aws ec2 create-security-group ${region} --vpc-id ${vpcId} --group-name ${untrackGroupName(context.stack, instanceId)} --description ${quote(untrackGroupDescription(instanceId))} --query GroupId --output text)`,
        `aws ec2 authorize-security-group-ingress ${region} --group-id "$UNTRACK" --ip-permissions '[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}],"Ipv6Ranges":[{"CidrIpv6":"::/0"}]}]'`,
        `aws ec2 authorize-security-group-egress ${region} --group-id "$UNTRACK" --ip-permissions '[{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0"}]}]'   # a new group already allows all IPv4 egress`,
        ...setGroupsCommands(context, facts.interfaceIds, '"$UNTRACK"'),
      ]);
    case "quarantine":
      return lines(
        setGroupsCommands(context, facts.interfaceIds, targets.quarantineSecurityGroupId),
      );
    case "drop-untrack":
      return `aws ec2 delete-security-group ${region} --group-id "$(${findUntrackGroup(context, vpcId)})"`;
    case "export-logs":
      return `aws logs create-export-task ${region} --task-name ${exportTaskName(context)} --log-group-name ${targets.applicationLogGroupName} --from ${context.exportFrom.getTime()} --to ${context.startedAt.getTime()} --destination ${targets.auditBucketName} --destination-prefix ${context.exportPrefix}`;
  }
}
