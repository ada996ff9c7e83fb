/**
 * What the live checks share: the wrapper that turns "cannot look" into an unverified note (a
 * permission or a missing output reports "cannot verify", never PASS), and the comparable text of
 * a security group rule. The checks themselves are per domain, as the evidence under mocks is.
 */
import { SecurityGroupRule } from "@aws-sdk/client-ec2";
import {
  coversPort,
  icmpText,
  isInternetCidr,
  parseCidr,
  PortRange,
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

/**
 * A CIDR in the pack's one spelling; an IPv4-mapped IPv6 range keeps its own text, since a
 * `cidrIpv6` rule never matches the IPv4 range it spells (SecurityGroupRule keeps the two apart).
 */
export function cidrText(network: string): string {
  const parsed = parseCidr(network);
  return parsed && !parsed.ipv4Mapped ? parsed.text : network;
}

/** A network peer (CIDR in one spelling, or a prefix-list id) as planned and deployed rules name it. */
export function networkPeer(network: string): string {
  return `cidr:${cidrText(network)}`;
}

function peerOf(ctx: LiveContext, rule: SecurityGroupRule): string {
  if (rule.ReferencedGroupInfo?.GroupId) {
    return `sg:${roleOf(ctx, rule.ReferencedGroupInfo.GroupId)}`;
  }
  return networkPeer(rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.PrefixListId ?? "?");
}

/**
 * One rule's comparable text, its protocol and ports read by the pack (`6` is `tcp`), every
 * protocol spelled `-1` as AWS reports it, an ICMP rule by its type and code.
 */
export function ruleText(
  role: string,
  direction: "ingress" | "egress",
  range: PortRange,
  peer: string,
): PlannedRule {
  const all = range.protocol === "all";
  const ports = all ? "all" : (icmpText(range) ?? `${range.from}-${range.to}`);
  return `${role} ${direction} ${all ? "-1" : range.protocol} ${ports} ${peer}`;
}

/** The ports a deployed rule opens, by the pack's reading. */
export const liveRange = (rule: SecurityGroupRule): PortRange =>
  ruleRange(rule.IpProtocol, rule.FromPort, rule.ToPort);

export function describeLiveRule(ctx: LiveContext, rule: SecurityGroupRule): PlannedRule {
  return ruleText(
    roleOf(ctx, rule.GroupId),
    rule.IsEgress ? "egress" : "ingress",
    liveRange(rule),
    peerOf(ctx, rule),
  );
}

export const isWorld = (rule: SecurityGroupRule): boolean =>
  isInternetCidr(rule.CidrIpv4 ?? rule.CidrIpv6);
export const covers = (rule: SecurityGroupRule, port: number): boolean =>
  coversPort(liveRange(rule), port);

/** The IDs of the running app instances; none is recorded as missing evidence. */
export async function instanceIdsOrNeed(ctx: LiveContext, found: Findings): Promise<string[]> {
  return (await instancesOrNeed(ctx, found))
    .map((instance) => instance.InstanceId)
    .filter((id): id is string => id !== undefined);
}

export async function instancesOrNeed(
  ctx: LiveContext,
  found: Findings,
): Promise<Awaited<ReturnType<typeof appInstances>>> {
  const instances = await appInstances(ctx);
  found.require(instances, "running app instance");
  return instances;
}
