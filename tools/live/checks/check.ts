/**
 * What the live checks share: the wrapper that turns "cannot look" into an unverified note (a
 * permission or a missing output reports "cannot verify", never PASS), and the comparable text of
 * a security group rule. The checks themselves are per domain, as the evidence under mocks is.
 */
import { SecurityGroupRule } from "@aws-sdk/client-ec2";
import {
  coversPort,
  isInternetCidr,
  parseCidr,
  ruleRange,
} from "../../../policy-pack/lib/semantics";
import { Findings, ItemEvidence } from "../../checklist";
import { appInstances, LiveContext, stackGroups } from "../context";
import { CannotVerify } from "../retry";

export type LiveCheck = (ctx: LiveContext) => Promise<ItemEvidence>;

/** A rule reduced to comparable text: `<group role> <direction> <protocol> <ports> <peer>`. */
export type PlannedRule = string;

/** Runs `body`; a CannotVerify anywhere in it becomes an unverified note on the item. */
export function check(body: (found: Findings, ctx: LiveContext) => Promise<void>): LiveCheck {
  return async (ctx) => {
    const found = new Findings();
    try {
      await body(found, ctx);
    } catch (error) {
      if (!(error instanceof CannotVerify)) {
        throw error;
      }
      found.cannotVerify(error.message);
    }
    return found;
  };
}

function roleOf(ctx: LiveContext, groupId: string | undefined): string {
  const entry = Object.entries(stackGroups(ctx)).find(([, id]) => id === groupId);
  return entry ? entry[0] : (groupId ?? "?");
}

function peerOf(ctx: LiveContext, rule: SecurityGroupRule): string {
  if (rule.ReferencedGroupInfo?.GroupId) {
    return `sg:${roleOf(ctx, rule.ReferencedGroupInfo.GroupId)}`;
  }
  const cidr = rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.PrefixListId ?? "?";
  return `cidr:${parseCidr(cidr)?.text ?? cidr}`;
}

export function describeLiveRule(ctx: LiveContext, rule: SecurityGroupRule): PlannedRule {
  const protocol = rule.IpProtocol === "-1" ? "-1" : (rule.IpProtocol ?? "?");
  const ports =
    protocol === "-1" || rule.FromPort === -1 ? "all" : `${rule.FromPort}-${rule.ToPort}`;
  return `${roleOf(ctx, rule.GroupId)} ${rule.IsEgress ? "egress" : "ingress"} ${protocol} ${ports} ${peerOf(ctx, rule)}`;
}

export const isWorld = (rule: SecurityGroupRule): boolean =>
  isInternetCidr(rule.CidrIpv4 ?? rule.CidrIpv6);
export const covers = (rule: SecurityGroupRule, port: number): boolean =>
  coversPort(ruleRange(rule.IpProtocol, rule.FromPort, rule.ToPort), port);

export async function instancesOrNeed(
  ctx: LiveContext,
  found: Findings,
): Promise<Awaited<ReturnType<typeof appInstances>>> {
  const instances = await appInstances(ctx);
  found.require(instances, "running app instance");
  return instances;
}
