// Every way a program can write a security-group rule, reduced to one shape.
import { internetCidrs } from "./cidr";
import { peek, UNKNOWN_VALUE } from "./policy-kit";
import { PortRange, ruleRange } from "./ports";
import { asBool, asString, asStrings, get, inlineRuleReaders } from "./values";

export const T = {
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
} as const;

export const SG_RULE_TYPES: readonly string[] = Object.values(T);

export interface SgRule {
  direction: "ingress" | "egress";
  /** Where the rule sits, for messages: "ingress[2]", "cidrIpv4"... */
  where: string;
  range: PortRange;
  /** CIDRs (IPv4 and IPv6) as written. */
  cidrs: string[];
  /** Security-group references (source/destination groups). */
  groupRefs: string[];
  /** Prefix-list IDs as written (empty when not known yet: see `prefixListsUnknown`). */
  prefixLists: string[];
  /** True when the rule names prefix lists whose IDs are not known yet (preview). */
  prefixListsUnknown: boolean;
  /** The resource property the prefix lists were read from (the key of its property dependencies). */
  prefixListKey: string;
  self: boolean;
}

export interface RuleRead {
  rule?: SgRule;
  /** Set when this rule could not be read (an unknown value at preview); rethrow after the others. */
  error?: unknown;
}

/**
 * Prefix-list IDs, read apart from the rest of the rule: a list created in the same stack has an ID
 * unknown at preview, and that must not hide the rule's ports and CIDRs (judged per resource).
 */
function prefixListsOf(read: () => string[]): {
  prefixLists: string[];
  prefixListsUnknown: boolean;
} {
  const ids = peek(read);
  return ids === UNKNOWN_VALUE
    ? { prefixLists: [], prefixListsUnknown: true }
    : { prefixLists: ids, prefixListsUnknown: false };
}

function inlineRule(raw: unknown, direction: "ingress" | "egress", where: string): SgRule {
  return {
    direction,
    where,
    range: ruleRange(get(raw, "protocol"), get(raw, "fromPort"), get(raw, "toPort")),
    cidrs: [...asStrings(get(raw, "cidrBlocks")), ...asStrings(get(raw, "ipv6CidrBlocks"))],
    groupRefs: asStrings(get(raw, "securityGroups")),
    ...prefixListsOf(() => asStrings(get(raw, "prefixListIds"))),
    prefixListKey: direction,
    self: asBool(get(raw, "self")) === true,
  };
}

/**
 * Reads the rules of one resource of any SG-rule-bearing type, one thunk per rule so that an
 * unknown value in one rule does not hide the others.
 */
export function ruleReaders(type: string, props: unknown): Array<() => SgRule | undefined> {
  switch (type) {
    case T.securityGroup:
    case T.defaultSecurityGroup: {
      return inlineRuleReaders(props, inlineRule);
    }
    case T.securityGroupRule:
      return [
        () => {
          // Stryker disable next-line StringLiteral: any text but "ingress"/"egress" reads as no rule (equivalent)
          const kind = (asString(get(props, "type")) ?? "").trim().toLowerCase();
          const direction =
            kind === "egress" ? "egress" : kind === "ingress" ? "ingress" : undefined;
          if (!direction) {
            return undefined;
          }
          const source = asString(get(props, "sourceSecurityGroupId"));
          return {
            direction,
            where: "rule",
            range: ruleRange(get(props, "protocol"), get(props, "fromPort"), get(props, "toPort")),
            cidrs: [
              ...asStrings(get(props, "cidrBlocks")),
              ...asStrings(get(props, "ipv6CidrBlocks")),
            ],
            groupRefs: source ? [source] : [],
            ...prefixListsOf(() => asStrings(get(props, "prefixListIds"))),
            prefixListKey: "prefixListIds",
            self: asBool(get(props, "self")) === true,
          };
        },
      ];
    case T.ingressRule:
    case T.egressRule:
      return [
        () => {
          const ref = asString(get(props, "referencedSecurityGroupId"));
          return {
            direction: type === T.ingressRule ? "ingress" : "egress",
            where: "rule",
            range: ruleRange(
              get(props, "ipProtocol"),
              get(props, "fromPort"),
              get(props, "toPort"),
            ),
            cidrs: [asString(get(props, "cidrIpv4")), asString(get(props, "cidrIpv6"))].filter(
              (c): c is string => c !== undefined,
            ),
            groupRefs: ref ? [ref] : [],
            ...prefixListsOf(() => {
              const pl = asString(get(props, "prefixListId"));
              return pl ? [pl] : [];
            }),
            prefixListKey: "prefixListId",
            self: false,
          };
        },
      ];
    default:
      return [];
  }
}

/** The internet-wide CIDRs of a rule. */
export function worldCidrs(rule: SgRule): string[] {
  return internetCidrs(rule.cidrs);
}

/** The security group a separate rule resource belongs to (its `securityGroupId`). */
export function ruleGroupKey(type: string): string | undefined {
  return type === T.securityGroupRule || type === T.ingressRule || type === T.egressRule
    ? "securityGroupId"
    : undefined;
}
