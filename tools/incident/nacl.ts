/**
 * IR-1: which network ACL entries cut a quarantined instance's open connections. Pure, so the
 * choice of ACLs and rule numbers is tested without AWS.
 *
 * Why a network ACL at all: changing an instance's security groups does not interrupt its tracked
 * connections, and connections through a NAT gateway (all of a production instance's internet
 * traffic) are tracked automatically whatever the rules, so the untrack swap cannot cut them. A
 * network ACL is stateless: "Adding a network ACL that blocks traffic in either direction breaks
 * existing connections" (EC2 User Guide, "Amazon EC2 security group connection tracking").
 *
 * Why per-address entries in the ACLs of the OTHER subnets: an inbound ACL rule matches only the
 * source address and an outbound rule only the destination, and ACLs are evaluated "when traffic
 * enters and leaves the subnet, not as it is routed within a subnet" (VPC User Guide, "Control
 * traffic to subnets using network ACLs"). So `<instance IP>/32` denied inbound and outbound in the
 * ACL of the NAT gateway's, the load balancer's and the database's subnets drops exactly the
 * instance's packets where they enter those subnets and the replies where they leave, and nothing
 * else: the NAT gateway, the load balancer nodes and every other host keep working. The same entry
 * in an ACL that serves only the instance's own subnet would match nothing, and a subnet-wide deny
 * (0.0.0.0/0) would cut the NAT gateway, the load balancer nodes or the replacement instances that
 * share the subnet: this module never plans one.
 */
import { NetworkAcl, NetworkAclEntry } from "@aws-sdk/client-ec2";
import { normalizeProtocol, parseCidr } from "../../policy-pack/lib/semantics";

/** Rule numbers AWS accepts (1 to 32766); 32767 is the unmodifiable `*` deny. */
export const FIRST_RULE_NUMBER = 1;

export interface DenyEntry {
  readonly networkAclId: string;
  /** Outbound rule (matches the destination) or inbound rule (matches the source). */
  readonly egress: boolean;
  readonly ruleNumber: number;
  /** `a.b.c.d/32` or `x:y::z/128`. */
  readonly cidr: string;
}

export interface DenyPlan {
  /** Entries to create, in order. */
  readonly create: readonly DenyEntry[];
  /** Equivalent entries found already (an earlier run). */
  readonly present: readonly DenyEntry[];
  /** The ACLs that carry the entries: every ACL of the VPC serving a subnet other than the instance's. */
  readonly aclIds: readonly string[];
}

export class NoFreeRuleNumberError extends Error {
  constructor(networkAclId: string, egress: boolean, firstAllow: number) {
    super(
      `network ACL ${networkAclId} has no free ${egress ? "outbound" : "inbound"} rule number below its first allow rule (${firstAllow}), so a deny entry cannot take precedence; free a number below ${firstAllow} or renumber that allow rule`,
    );
    this.name = "NoFreeRuleNumberError";
  }
}

const isIpv6 = (address: string): boolean => parseCidr(address)?.kind === "ipv6";

/** The address as a one-host range, in the pack's spelling (`/32` or `/128`). */
export function hostCidr(address: string): string {
  return parseCidr(address)?.text ?? `${address}/${isIpv6(address) ? 128 : 32}`;
}

/**
 * The entry's range of the address's family, in the pack's one spelling, so `2001:DB8::5/128` and
 * `2001:db8::5/128` match. An IPv6 entry never matches IPv4 packets (NetworkAclEntry keeps
 * cidrBlock and ipv6CidrBlock apart), so an IPv4-mapped IPv6 range is not the IPv4 host's deny.
 */
function cidrOf(entry: NetworkAclEntry, ipv6: boolean): string | undefined {
  const parsed = parseCidr(ipv6 ? entry.Ipv6CidrBlock : entry.CidrBlock);
  return parsed && !parsed.ipv4Mapped ? parsed.text : undefined;
}

/** An allow rule of the address's family can match it; the deny must be evaluated before it. */
function firstAllowFor(
  entries: readonly NetworkAclEntry[],
  egress: boolean,
  ipv6: boolean,
): number | undefined {
  const numbers = entries
    .filter(
      (entry) =>
        entry.Egress === egress &&
        entry.RuleAction === "allow" &&
        (ipv6 ? entry.Ipv6CidrBlock !== undefined : entry.CidrBlock !== undefined),
    )
    .map((entry) => entry.RuleNumber ?? Number.MAX_SAFE_INTEGER);
  return numbers.length > 0 ? Math.min(...numbers) : undefined;
}

/**
 * The ACLs to use, and per ACL, direction and address either an equivalent deny entry already in
 * place (all protocols, exactly that host, before every allow rule of its family) or a new one at
 * the lowest free rule number. Rule numbers are per ACL and direction; IPv4 and IPv6 share them.
 */
export function planDenyEntries(
  acls: readonly NetworkAcl[],
  ownSubnetIds: readonly string[],
  addresses: readonly string[],
): DenyPlan {
  const own = new Set(ownSubnetIds);
  const covering = acls.filter((acl) =>
    (acl.Associations ?? []).some((association) => !own.has(association.SubnetId ?? "")),
  );
  const create: DenyEntry[] = [];
  const present: DenyEntry[] = [];
  for (const acl of covering) {
    const networkAclId = acl.NetworkAclId as string;
    const entries = acl.Entries ?? [];
    for (const egress of [false, true]) {
      const used = new Set(
        entries.filter((entry) => entry.Egress === egress).map((entry) => entry.RuleNumber),
      );
      for (const address of addresses) {
        const cidr = hostCidr(address);
        const firstAllow = firstAllowFor(entries, egress, isIpv6(address));
        // Nothing of this family is allowed: the ACL's `*` rule already drops it.
        if (firstAllow === undefined) continue;
        const existing = entries.find(
          (entry) =>
            entry.Egress === egress &&
            entry.RuleAction === "deny" &&
            normalizeProtocol(entry.Protocol) === "all" &&
            cidrOf(entry, isIpv6(address)) === cidr &&
            (entry.RuleNumber ?? Number.MAX_SAFE_INTEGER) < firstAllow,
        );
        if (existing) {
          present.push({ networkAclId, egress, ruleNumber: existing.RuleNumber as number, cidr });
          continue;
        }
        let ruleNumber = FIRST_RULE_NUMBER;
        while (used.has(ruleNumber)) ruleNumber += 1;
        if (ruleNumber >= firstAllow) {
          throw new NoFreeRuleNumberError(networkAclId, egress, firstAllow);
        }
        used.add(ruleNumber);
        create.push({ networkAclId, egress, ruleNumber, cidr });
      }
    }
  }
  return { create, present, aclIds: covering.map((acl) => acl.NetworkAclId as string) };
}
