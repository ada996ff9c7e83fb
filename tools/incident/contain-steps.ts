/**
 * IR-1: the network steps that cut the instance off, including the connections it already has:
 * network ACL deny entries, the untrack swap, the quarantine group, and the transient group's
 * deletion. Why each is needed: ./nacl.ts and ./untrack.ts. Each check is read-only.
 */
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  SecurityGroup,
} from "@aws-sdk/client-ec2";
import { DenyEntry, DenyPlan, planDenyEntries } from "./nacl";
import { onlyIn, replaceGroups, Step, StepEnv } from "./step";
import { missingUntrackRules, untrackGroupDescription, untrackGroupName } from "./untrack";

/** What the untrack step leaves for the deletion step, so a dry run plans both consistently. */
interface UntrackState {
  groupId?: string;
  /** The untrack step will create the group (dry run: it has not). */
  willCreate: boolean;
}

/** The deny entries this isolation relies on (new and earlier), for the cleanup reminder. */
export interface ContainmentRecord {
  denyEntries: readonly DenyEntry[];
}

export function containmentSteps(env: StepEnv, record: ContainmentRecord): Step[] {
  const untrack: UntrackState = { willCreate: false };
  return [
    denyNaclStep(env, record),
    untrackStep(env, untrack),
    quarantineStep(env),
    dropUntrackStep(env, untrack),
  ];
}

function denyNaclStep(env: StepEnv, record: ContainmentRecord): Step {
  const { ec2 } = env.clients;
  const { context, inspection, facts } = env;
  const addresses = [...new Set(inspection.interfaces.flatMap((eni) => eni.addresses))];
  const ownSubnets = [...new Set(inspection.interfaces.map((eni) => eni.subnetId))];
  facts.addresses = addresses;
  let plan: DenyPlan = { create: [], present: [], aclIds: [] };
  return {
    name: "deny-nacl",
    check: async () => {
      if (addresses.length === 0) return `${context.instanceId} has no private address`;
      const response = await ec2.send(
        new DescribeNetworkAclsCommand({
          Filters: [{ Name: "vpc-id", Values: [inspection.vpcId] }],
        }),
      );
      plan = planDenyEntries(response.NetworkAcls ?? [], ownSubnets, addresses);
      facts.denyEntries = plan.create;
      record.denyEntries = [...plan.present, ...plan.create];
      if (plan.aclIds.length === 0) {
        return `no network ACL of ${inspection.vpcId} serves a subnet other than the instance's, so none can filter its traffic`;
      }
      return plan.create.length === 0
        ? `${addresses.join(", ")} already denied in ${plan.aclIds.join(", ")}`
        : undefined;
    },
    plan: () => `deny ${describeEntries(plan.create)} (all protocols, before every allow rule)`,
    apply: async () => {
      for (const entry of plan.create) {
        const family = entry.cidr.includes(":")
          ? { Ipv6CidrBlock: entry.cidr }
          : { CidrBlock: entry.cidr };
        await ec2.send(
          new CreateNetworkAclEntryCommand({
            NetworkAclId: entry.networkAclId,
            RuleNumber: entry.ruleNumber,
            Egress: entry.egress,
            Protocol: "-1",
            RuleAction: "deny",
            ...family,
          }),
        );
      }
      return `denied ${describeEntries(plan.create)}; its connections into other subnets (NAT gateway, load balancer, database) stop now`;
    },
  };
}

function describeEntries(entries: readonly DenyEntry[]): string {
  return entries
    .map(
      (entry) =>
        `${entry.cidr} in ${entry.networkAclId} (${entry.egress ? "outbound" : "inbound"} rule ${entry.ruleNumber})`,
    )
    .join(", ");
}

async function findUntrackGroup(env: StepEnv): Promise<SecurityGroup | undefined> {
  const response = await env.clients.ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: "vpc-id", Values: [env.inspection.vpcId] },
        {
          Name: "group-name",
          Values: [untrackGroupName(env.context.stack, env.context.instanceId)],
        },
      ],
    }),
  );
  return response.SecurityGroups?.[0];
}

function untrackStep(env: StepEnv, untrack: UntrackState): Step {
  const { ec2 } = env.clients;
  const { context, inspection } = env;
  const { instanceId, stack, targets } = context;
  const name = untrackGroupName(stack, instanceId);
  let toMove: string[] = [];
  return {
    name: "untrack",
    check: async () => {
      // A quarantined interface is never moved back into an allow-all group, whatever happens.
      const open = inspection.interfaces.filter(
        (eni) => !onlyIn(eni, targets.quarantineSecurityGroupId),
      );
      if (open.length === 0) {
        return `every interface of ${instanceId} is already only in ${targets.quarantineSecurityGroupId}`;
      }
      const existing = await findUntrackGroup(env);
      untrack.groupId = existing?.GroupId;
      untrack.willCreate = existing === undefined;
      toMove = open
        .filter((eni) => !existing || !onlyIn(eni, existing.GroupId as string))
        .map((eni) => eni.id);
      return toMove.length === 0
        ? `every interface not yet quarantined is in ${existing?.GroupId} already`
        : undefined;
    },
    plan: () =>
      `${untrack.groupId ? `reuse ${untrack.groupId}` : `create ${name}`} (all protocols from and to 0.0.0.0/0 and ::/0) and move ${toMove.join(", ")} into it`,
    apply: async () => {
      if (!untrack.groupId) {
        const created = await ec2.send(
          new CreateSecurityGroupCommand({
            GroupName: name,
            Description: untrackGroupDescription(instanceId),
            VpcId: inspection.vpcId,
            TagSpecifications: [
              {
                ResourceType: "security-group",
                Tags: [
                  { Key: "Name", Value: name },
                  { Key: "Purpose", Value: "IR-1 transient untrack group" },
                  { Key: "QuarantineInstance", Value: instanceId },
                ],
              },
            ],
          }),
        );
        untrack.groupId = created.GroupId as string;
      }
      const groupId = untrack.groupId;
      // Read back: a new group already has an allow-all egress rule, and a rerun may find some.
      const described = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
      const missing = missingUntrackRules(described.SecurityGroups?.[0] ?? {});
      if (missing.ingress.length > 0) {
        await ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: groupId,
            IpPermissions: missing.ingress,
          }),
        );
      }
      if (missing.egress.length > 0) {
        await ec2.send(
          new AuthorizeSecurityGroupEgressCommand({
            GroupId: groupId,
            IpPermissions: missing.egress,
          }),
        );
      }
      await replaceGroups(env, toMove, groupId);
      return `moved ${toMove.join(", ")} into ${groupId} (allow-all): their open flows are untracked now`;
    },
  };
}

function quarantineStep(env: StepEnv): Step {
  const { instanceId, targets } = env.context;
  const quarantineGroup = targets.quarantineSecurityGroupId;
  let toMove: string[] = [];
  return {
    name: "quarantine",
    check: async () => {
      toMove = env.inspection.interfaces
        .filter((eni) => !onlyIn(eni, quarantineGroup))
        .map((eni) => eni.id);
      return toMove.length === 0
        ? `every interface of ${instanceId} is only in ${quarantineGroup}`
        : undefined;
    },
    plan: () => `put ${toMove.join(", ")} in ${quarantineGroup} only`,
    apply: async () => {
      await replaceGroups(env, toMove, quarantineGroup);
      return `${instanceId} is now only in ${quarantineGroup}; its untracked flows are cut`;
    },
  };
}

function dropUntrackStep(env: StepEnv, untrack: UntrackState): Step {
  const { ec2 } = env.clients;
  const name = untrackGroupName(env.context.stack, env.context.instanceId);
  return {
    name: "drop-untrack",
    check: async () => {
      if (untrack.groupId || untrack.willCreate) return undefined;
      // The untrack step did not look (the instance was quarantined already): a leftover of a
      // run that stopped before this step may still exist.
      untrack.groupId = (await findUntrackGroup(env))?.GroupId;
      return untrack.groupId ? undefined : `no transient group ${name} is left`;
    },
    plan: () => `delete ${untrack.groupId ?? name} once no interface uses it`,
    apply: async () => {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: untrack.groupId }));
      return `deleted ${untrack.groupId}`;
    },
  };
}
