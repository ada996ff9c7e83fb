/** The live checks of the network items: IP restrictions, flow logs, security groups, SSH keys. */
import { DescribeFlowLogsCommand, DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { CATALOGUE } from "../../../policy-pack/controls";
import { isOnlyAllowedPort, parseCidr } from "../../../policy-pack/lib/semantics";
import { call, groupRules } from "../context";
import {
  check,
  cidrText,
  covers,
  describeLiveRule,
  instancesOrNeed,
  isWorld,
  LiveCheck,
  liveRange,
  PlannedRule,
} from "./check";

const WORLD_PORT = CATALOGUE.controls["NET-1"].values.worldPort;
const SSH_PORT = CATALOGUE.controls["ACC-2"].values.sshPort;

/** Item 1, NET-1. */
export const liveIpRestrictions = check(async (found, ctx) => {
  const rules = (await groupRules(ctx)).filter((rule) => !rule.IsEgress);
  const trusted = parseCidr(ctx.settings.allowedCidr)?.text;
  const fromTrusted = rules.filter(
    (rule) => cidrText(rule.CidrIpv4 ?? rule.CidrIpv6 ?? "") === trusted,
  );
  if (found.require(fromTrusted, `ingress rule from allowedCidr ${ctx.settings.allowedCidr}`)) {
    fromTrusted.forEach((rule) =>
      found.fact(`${rule.SecurityGroupRuleId}: ${describeLiveRule(ctx, rule)}`),
    );
  }
  rules
    .filter(isWorld)
    .forEach((rule) =>
      isOnlyAllowedPort(liveRange(rule), [WORLD_PORT])
        ? found.fact(`${rule.SecurityGroupRuleId}: ${describeLiveRule(ctx, rule)} (HTTP only)`)
        : found.need(
            `${rule.SecurityGroupRuleId}: ${describeLiveRule(ctx, rule)}: the internet may reach port ${WORLD_PORT} only`,
          ),
    );
});

/** Item 10, NET-3. */
export const liveFlowLogs = check(async (found, ctx) => {
  const logs =
    (
      await call(ctx, "ec2:DescribeFlowLogs", () =>
        ctx.clients.ec2.send(
          new DescribeFlowLogsCommand({
            Filter: [{ Name: "resource-id", Values: [ctx.outputs.vpcId] }],
          }),
        ),
      )
    ).FlowLogs ?? [];
  const active = logs.filter((log) => log.FlowLogStatus === "ACTIVE" && log.TrafficType === "ALL");
  if (active.length === 0) {
    found.need(`VPC ${ctx.outputs.vpcId}: no ACTIVE flow log of ALL traffic`);
  }
  active.forEach((log) =>
    log.DeliverLogsStatus === "FAILED"
      ? found.need(`${log.FlowLogId}: delivery FAILED (${log.DeliverLogsErrorMessage})`)
      : found.fact(
          `${log.FlowLogId}: ACTIVE, ALL traffic to ${log.LogDestination ?? log.LogGroupName}`,
        ),
  );
});

/** Item 11, NET-4/NET-5: the deployed rules are exactly the planned ones; the default group is empty. */
export function liveSecurityGroups(planned: readonly PlannedRule[]): LiveCheck {
  return check(async (found, ctx) => {
    const actual = (await groupRules(ctx)).map((rule) => describeLiveRule(ctx, rule));
    planned
      .filter((rule) => !actual.includes(rule))
      .forEach((rule) => found.need(`planned rule not deployed: ${rule}`));
    actual
      .filter((rule) => !planned.includes(rule))
      .forEach((rule) => found.need(`rule not in the plan: ${rule}`));
    actual
      .filter((rule) => planned.includes(rule))
      .forEach((rule) => found.fact(`as planned: ${rule}`));
    const defaults =
      (
        await call(ctx, "ec2:DescribeSecurityGroups", () =>
          ctx.clients.ec2.send(
            new DescribeSecurityGroupsCommand({
              Filters: [
                { Name: "vpc-id", Values: [ctx.outputs.vpcId] },
                { Name: "group-name", Values: ["default"] },
              ],
            }),
          ),
        )
      ).SecurityGroups ?? [];
    defaults.forEach((group) =>
      (group.IpPermissions ?? []).length + (group.IpPermissionsEgress ?? []).length === 0
        ? found.fact(`default group ${group.GroupId}: no rules`)
        : found.need(`default group ${group.GroupId} has rules`),
    );
  });
}

/** Item 14, ACC-2. */
export const liveSshKeys = check(async (found, ctx) => {
  for (const instance of await instancesOrNeed(ctx, found)) {
    if (!instance.KeyName) {
      found.fact(`${instance.InstanceId}: no key pair`);
    } else if (!ctx.settings.ssh.enabled) {
      found.need(`${instance.InstanceId}: key pair ${instance.KeyName} while SSH is disabled`);
    } else {
      found.fact(`${instance.InstanceId}: key pair ${instance.KeyName} (SSH enabled)`);
    }
  }
  const port22 = (await groupRules(ctx)).filter((rule) => !rule.IsEgress && covers(rule, SSH_PORT));
  if (port22.length === 0) {
    found.fact(`no rule admits port ${SSH_PORT}`);
  }
  const trusted = parseCidr(ctx.settings.allowedCidr)?.text;
  port22.forEach((rule) =>
    ctx.settings.ssh.enabled && cidrText(rule.CidrIpv4 ?? rule.CidrIpv6 ?? "") === trusted
      ? found.fact(`${describeLiveRule(ctx, rule)} (SSH enabled)`)
      : found.need(`${describeLiveRule(ctx, rule)}: port ${SSH_PORT} open`),
  );
});
