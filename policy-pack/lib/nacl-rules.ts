// Every way a program can write a network ACL entry, reduced to one shape (NET-5, CIS AWS
// Foundations 5.1, Security Hub EC2.21). Entries are stateless and evaluated in rule-number order,
// lowest first; the first entry that matches decides.
import { PortRange, ruleRange } from "./ports";
import { asBool, asNumber, asString, get, inlineRuleReaders } from "./values";

export const NACL = {
  acl: "aws:ec2/networkAcl:NetworkAcl",
  defaultAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  rule: "aws:ec2/networkAclRule:NetworkAclRule",
} as const;

export const NACL_TYPES: readonly string[] = Object.values(NACL);

export interface NaclEntry {
  direction: "ingress" | "egress";
  /** For messages: "ingress[2]" on an ACL, "rule" on a NetworkAclRule. */
  where: string;
  /** Evaluation order; an unreadable number sorts last (it can shadow nothing). */
  ruleNumber: number;
  action: "allow" | "deny" | "";
  /** The entry's one CIDR (IPv4 `cidrBlock` or IPv6 `ipv6CidrBlock`); undefined when neither. */
  cidr: string | undefined;
  range: PortRange;
}

function actionOf(v: unknown): NaclEntry["action"] {
  // Stryker disable next-line StringLiteral: any text but "allow"/"deny" reads as no action (equivalent)
  const a = (asString(v) ?? "").trim().toLowerCase();
  return a === "allow" || a === "deny" ? a : "";
}

function entry(
  raw: unknown,
  direction: NaclEntry["direction"],
  where: string,
  keys: { number: string; action: string },
): NaclEntry {
  return {
    direction,
    where,
    ruleNumber: asNumber(get(raw, keys.number)) ?? Number.POSITIVE_INFINITY,
    action: actionOf(get(raw, keys.action)),
    cidr: asString(get(raw, "cidrBlock")) ?? asString(get(raw, "ipv6CidrBlock")),
    range: ruleRange(get(raw, "protocol"), get(raw, "fromPort"), get(raw, "toPort")),
  };
}

/**
 * Reads the entries of one resource of any NACL-bearing type, one thunk per entry so that an entry
 * unknown at preview does not hide the others.
 */
export function naclEntryReaders(type: string, props: unknown): Array<() => NaclEntry> {
  if (type === NACL.acl || type === NACL.defaultAcl) {
    return inlineRuleReaders(props, (element, direction, where) =>
      entry(element, direction, where, { number: "ruleNo", action: "action" }),
    );
  }
  if (type === NACL.rule) {
    return [
      () =>
        entry(props, asBool(get(props, "egress")) === true ? "egress" : "ingress", "rule", {
          number: "ruleNumber",
          action: "ruleAction",
        }),
    ];
  }
  return [];
}
