/**
 * IR-1: the transient "untrack" security group. Pure, so its name, description and rules are tested
 * without AWS.
 *
 * EC2 User Guide, "Amazon EC2 security group connection tracking": a flow is not tracked when a rule
 * allows it from or to all addresses (0.0.0.0/0 or ::/0) and a rule in the other direction allows
 * all responses, and "an untracked flow of traffic is immediately interrupted if the rule that
 * enables the flow is removed or modified"; a tracked one survives a rule or group change. So the
 * isolate command first moves the instance's interfaces into this group (its open flows become
 * untracked), then into the empty quarantine group (they stop). AWS's own containment runbook,
 * AWSSupport-ContainEC2Instance, does the same with a temporary "all access" group.
 *
 * Caveats from the same page, which is why the command also adds network ACL deny entries
 * (./nacl.ts): ICMP is always tracked, and connections through NAT gateways, Network Load Balancers,
 * Gateway Load Balancers, interface VPC endpoints and the other listed services are "automatically
 * tracked, even if the security group configuration does not otherwise require tracking".
 *
 * Why the command creates the group at isolation time and deletes it seconds later, instead of the
 * program keeping one: a standing group that admits everything from everywhere is one
 * ModifyInstanceAttribute away from exposing any instance, is flagged by every open-ingress check
 * (the pack's NET-1 rules, AWS Config, Security Hub) forever, and needs an exemption that hides
 * real mistakes. Created per incident it exists only while the instance it serves moves through it,
 * its name and tags say which instance, and a failure before its deletion is printed as a command
 * to run.
 */
import { IpPermission, SecurityGroup } from "@aws-sdk/client-ec2";
import { normalizeProtocol, parseCidr } from "../../policy-pack/lib/semantics";

const IPV4_ANYWHERE = "0.0.0.0/0";
const IPV6_ANYWHERE = "::/0";

/** One per instance and VPC (group names are unique per VPC): re-runs find it again. */
export function untrackGroupName(stack: string, instanceId: string): string {
  return `ir-untrack-${stack}-${instanceId}`;
}

/** EC2 descriptions accept only a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$* (255 characters). */
export function untrackGroupDescription(instanceId: string): string {
  return `IR-1 transient: all traffic from and to anywhere so the open flows of ${instanceId} become untracked before it moves to the quarantine group; deleted by the isolate command`;
}

export const UNTRACK_RULE_DESCRIPTION =
  "IR-1 transient untrack rule: all protocols, anywhere (deleted with the group)";

type Direction = "ingress" | "egress";

/** Every address of the family: a /0 of it, however it is spelled. */
const anywhere = (cidr: string | undefined, kind: "ipv4" | "ipv6"): boolean => {
  const parsed = parseCidr(cidr);
  return parsed?.kind === kind && parsed.prefix === 0 && !parsed.ipv4Mapped;
};

const allows = (permissions: readonly IpPermission[] | undefined, ipv6: boolean): boolean =>
  (permissions ?? []).some(
    (permission) =>
      normalizeProtocol(permission.IpProtocol) === "all" &&
      (ipv6
        ? (permission.Ipv6Ranges ?? []).some((range) => anywhere(range.CidrIpv6, "ipv6"))
        : (permission.IpRanges ?? []).some((range) => anywhere(range.CidrIp, "ipv4"))),
  );

/**
 * The all-protocol, all-address rules the group still lacks per direction, as IpPermissions for
 * AuthorizeSecurityGroupIngress/Egress. A new group already carries an allow-all IPv4 egress rule
 * (and IPv6 in some VPCs), so the group is read back rather than assumed.
 */
export function missingUntrackRules(group: SecurityGroup): Record<Direction, IpPermission[]> {
  const missing = (permissions: readonly IpPermission[] | undefined): IpPermission[] => {
    const ipv4 = !allows(permissions, false);
    const ipv6 = !allows(permissions, true);
    if (!ipv4 && !ipv6) return [];
    return [
      {
        IpProtocol: "-1",
        ...(ipv4
          ? { IpRanges: [{ CidrIp: IPV4_ANYWHERE, Description: UNTRACK_RULE_DESCRIPTION }] }
          : {}),
        ...(ipv6
          ? { Ipv6Ranges: [{ CidrIpv6: IPV6_ANYWHERE, Description: UNTRACK_RULE_DESCRIPTION }] }
          : {}),
      },
    ];
  };
  return { ingress: missing(group.IpPermissions), egress: missing(group.IpPermissionsEgress) };
}
