import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  ADMIN_AND_DATABASE_PORTS,
  coveredPorts,
  describeRange,
  isOnlyAllowedPort,
} from "../lib/ports";
import { scanPrefixLists } from "../lib/prefix-lists";
import {
  dependenciesOf,
  forTypes,
  notKnownYet,
  peek,
  PolicyResource,
  RefIndex,
  remediateType,
  runChecks,
  schema,
  settings,
  UNKNOWN_VALUE,
} from "../lib/policy-kit";
import { ruleGroupKey, ruleReaders, SG_RULE_TYPES, SgRule, T, worldCidrs } from "../lib/sg-rules";
import { asList, asNumber, asString, get, show } from "../lib/values";
import { WORKLOAD_TYPES } from "./compute";
import { POLICY_DEFAULTS } from "../controls/defaults";

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const VPC = "aws:ec2/vpc:Vpc";
const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";

/** Runs `each` over every rule of a resource; one unreadable rule does not hide the others. */
function eachRule(type: string, props: unknown, each: (rule: SgRule) => void): void {
  runChecks(
    ...ruleReaders(type, props).map((read) => () => {
      const rule = read();
      if (rule) {
        each(rule);
      }
    }),
  );
}

function ruleLabel(rule: SgRule): string {
  return rule.where === "rule" ? `the ${rule.direction} rule` : `${rule.where}`;
}

/** Where a rule reaches the internet: its own CIDRs, or the entries of a prefix list it names. */
interface Exposure {
  rule: SgRule;
  /** The resource holding the rule. */
  owner: string;
  world: string[];
  /** The prefix list the world CIDRs come from, if any. */
  via?: string;
}

function sourceOf(e: Exposure): string {
  // Stryker disable next-line StringLiteral,ConditionalExpression: message wording only
  return e.via ? `${e.world.join(", ")} (entries of ${e.via})` : e.world.join(", ");
}

/** A message when the exposure breaks the policy; `undefined` when it does not. */
type Judge<C> = (e: Exposure, cfg: C) => string | undefined;

/**
 * A policy over security-group rules that judges both the rule's own CIDRs (per resource) and the
 * entries of the prefix lists it names (once per stack, where lists and their entries meet), with
 * the same judge and the same config.
 */
function exposurePolicy<C extends object>(
  policy: Omit<ResourceValidationPolicy, "validateResource" | "configSchema"> & {
    configSchema?: ResourceValidationPolicy["configSchema"];
  },
  defaults: C,
  judge: Judge<C>,
): ResourceValidationPolicy & StackValidationPolicy {
  return {
    ...policy,
    validateResource: forTypes(SG_RULE_TYPES, (props, args, report) => {
      const cfg = settings(args, defaults);
      eachRule(args.type, props, (rule) => {
        const world = worldCidrs(rule);
        const message =
          world.length > 0 ? judge({ rule, owner: args.name, world }, cfg) : undefined;
        if (message) {
          report(message);
        }
      });
    }),
    validateStack: (args, report) => {
      const cfg = settings(args, defaults);
      const scan = scanPrefixLists(args.resources, SG_RULE_TYPES, ruleReaders);
      for (const { resource, rule, world, via } of scan.exposures) {
        const message = judge({ rule, owner: resource.name, world, via }, cfg);
        if (message) {
          report(message, resource.urn);
        }
      }
      if (scan.unknown.length > 0) {
        // Entries not known yet: the engine's advisory at preview, judged at update.
        throw notKnownYet(scan.unknown[0]);
      }
    },
  };
}

function numbers(v: unknown): number[] {
  return asList(v)
    .map(asNumber)
    .filter((n): n is number => n !== undefined);
}

// ---- NET-1 / NET-4: the internet only on port 80 ----------------------------------------------

const worldIngressDefaults = POLICY_DEFAULTS["sg-world-ingress-only-port-80"];

export const sgWorldIngressOnlyPort80 = exposurePolicy(
  {
    name: "sg-world-ingress-only-port-80",
    description:
      "NET-1, NET-4: Security groups admit the internet (any IPv4 wider than /8 or IPv6 wider than /32, as a CIDR or as an entry of a prefix list the rule names) only on TCP port 80 (Let's Encrypt challenge / HTTPS redirect); 443 from the internet only where the profile says the app is public.",
    enforcementLevel: "mandatory",
    configSchema: schema(
      {
        allowedWorldPorts: {
          type: "array",
          items: { type: "number" },
          description: "Single TCP ports the internet may reach (NET-1: only 80).",
        },
        publicHttps: {
          type: "boolean",
          description: "Allow TCP 443 from the internet (an internet-facing ALB of a public app).",
        },
      },
      worldIngressDefaults,
    ),
  },
  worldIngressDefaults,
  (e, cfg) => {
    const allowed = numbers(cfg.allowedWorldPorts);
    if (cfg.publicHttps === true) {
      allowed.push(443);
    }
    if (e.rule.direction !== "ingress" || isOnlyAllowedPort(e.rule.range, allowed)) {
      return undefined;
    }
    return (
      `NET-1: ${ruleLabel(e.rule)} of '${e.owner}' admits ${sourceOf(e)} on ${describeRange(e.rule.range)}; ` +
      // Stryker disable next-line StringLiteral,ConditionalExpression,LogicalOperator: message wording only
      `the internet may reach only TCP ${allowed.join("/") || "(none)"}, so restrict the source to the allowedCidr (e.g. a /32 or the corporate CIDR)${e.via ? " in the prefix list" : ""} or a security group.`
    );
  },
);

// ---- NET-5 / ACC-2: never admin or database ports from the internet ---------------------------

const adminDefaults = POLICY_DEFAULTS["sg-no-admin-ports-from-internet"];

export const sgNoAdminPortsFromInternet = exposurePolicy(
  {
    name: "sg-no-admin-ports-from-internet",
    description: `NET-5, ACC-2: No security-group rule (port range or all-protocol included, CIDRs or prefix-list entries) opens SSH, RDP or database ports (${ADMIN_AND_DATABASE_PORTS.join(", ")}) to the internet.`,
    enforcementLevel: "mandatory",
    configSchema: schema(
      {
        adminPorts: {
          type: "array",
          items: { type: "number" },
          description: "Ports that must never be reachable from the internet.",
        },
      },
      adminDefaults,
    ),
  },
  adminDefaults,
  (e, cfg) => {
    if (e.rule.direction !== "ingress") {
      return undefined;
    }
    const hit = coveredPorts(e.rule.range, numbers(cfg.adminPorts));
    if (hit.length === 0) {
      return undefined;
    }
    return (
      `NET-5: ${ruleLabel(e.rule)} of '${e.owner}' opens ${describeRange(e.rule.range)} (covering ${hit.join(", ")}) to ${sourceOf(e)}; ` +
      `remove it and use SSM Session Manager for shell access and the app tier's security group for databases.`
    );
  },
);

export const sgNoWorldAllProtocolEgress = exposurePolicy(
  {
    name: "sg-no-world-all-protocol-egress",
    description:
      "NET-5: No security group allows all-protocol (-1) egress to the internet (CIDRs or prefix-list entries); open only the ports the tier needs (e.g. TCP 443/80).",
    enforcementLevel: "mandatory",
  },
  {},
  (e) => {
    if (e.rule.direction !== "egress" || e.rule.range.protocol !== "all") {
      return undefined;
    }
    return (
      `NET-5: ${ruleLabel(e.rule)} of '${e.owner}' allows all protocols to ${sourceOf(e)}; ` +
      `replace it with egress rules for the needed TCP ports only (e.g. 443 and 80).`
    );
  },
);

export const sgPrefixListOutsideStack: StackValidationPolicy = {
  name: "sg-prefix-list-outside-stack",
  description:
    "NET-1, NET-5: A security-group rule that admits a prefix list defined outside the stack (or egresses to it on all protocols) is reported for review: its entries cannot be judged here (AWS-managed lists such as com.amazonaws.global.cloudfront.origin-facing are expected).",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const scan = scanPrefixLists(args.resources, SG_RULE_TYPES, ruleReaders);
    for (const { resource, rule, via } of scan.external) {
      if (rule.direction === "egress" && rule.range.protocol !== "all") {
        continue;
      }
      report(
        `NET-1: ${ruleLabel(rule)} of '${resource.name}' ${rule.direction === "ingress" ? "admits" : "allows all protocols to"} ${via} on ${describeRange(rule.range)}; its entries cannot be judged in this stack, so check that none covers the internet (no 0.0.0.0/0, ::/0 or halves of them), or define the list in this stack.`,
        resource.urn,
      );
    }
  },
};

export const defaultSgNoRules: ResourceValidationPolicy = {
  name: "default-sg-no-rules",
  description: "NET-5: The VPC's default security group has no ingress or egress rules.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(T.defaultSecurityGroup, (props, args, report) => {
    runChecks(
      ...(["ingress", "egress"] as const).map((key) => () => {
        const n = asList(get(props, key)).length;
        if (n > 0) {
          report(
            `NET-5: default security group '${args.name}' has ${n} ${key} rule(s); set ${key} to [] so nothing can use the default group.`,
          );
        }
      }),
    );
  }),
};

/** A VPC resource: its `defaultSecurityGroupId` output is the default security group. */
const VPC_TYPES: readonly string[] = [VPC, DEFAULT_VPC];
const GROUP_TYPES: readonly string[] = [T.securityGroup, T.defaultSecurityGroup];

/**
 * The VPCs whose default security group a rule attaches to through `vpc.defaultSecurityGroupId`:
 * its `securityGroupId` is computed from a VPC and from no security group (a VPC's only output that
 * is a security group ID is its default group's).
 */
function defaultGroupViaVpc(rule: PolicyResource, key: string): PolicyResource[] {
  const deps = dependenciesOf(rule, key);
  if (deps.some((d) => GROUP_TYPES.includes(d.type))) {
    return [];
  }
  return deps.filter((d) => VPC_TYPES.includes(d.type));
}

export const defaultSgNoSeparateRules: StackValidationPolicy = {
  name: "default-sg-no-separate-rules",
  description:
    "NET-5: No separate rule resource (aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule/EgressRule) adds a rule to the default security group, whether it names an aws.ec2.DefaultSecurityGroup or a VPC's defaultSecurityGroupId.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const defaults = args.resources.filter((r) => r.type === T.defaultSecurityGroup);
    const index = new RefIndex(defaults);
    for (const r of args.resources) {
      const key = ruleGroupKey(r.type);
      // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, a lookup under no key finds nothing (equivalent)
      if (!key) {
        continue;
      }
      for (const target of index.lookup(r, key).found) {
        report(
          `NET-5: rule '${r.name}' adds a rule to default security group '${target.name}'; attach it to a dedicated security group instead.`,
          r.urn,
        );
      }
      for (const vpc of defaultGroupViaVpc(r, key)) {
        report(
          `NET-5: rule '${r.name}' adds a rule to the default security group of VPC '${vpc.name}' (its ${key} is the VPC's defaultSecurityGroupId); attach it to a dedicated aws.ec2.SecurityGroup instead and keep the default group empty.`,
          r.urn,
        );
      }
    }
  },
};

export const vpcDefaultSgAdopted: StackValidationPolicy = {
  name: "vpc-default-sg-adopted",
  description:
    "NET-5: Every VPC of the stack adopts its default security group with an aws.ec2.DefaultSecurityGroup and no rules; until then it keeps the rules AWS creates (all traffic from the group itself, all egress) (advisory).",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const vpcs = args.resources.filter((r) => VPC_TYPES.includes(r.type));
    // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, nothing to report without a VPC (equivalent)
    if (vpcs.length === 0) {
      return;
    }
    const index = new RefIndex(vpcs);
    const adopted = new Set<PolicyResource>();
    for (const g of args.resources) {
      if (g.type !== T.defaultSecurityGroup) {
        continue;
      }
      const vpcId = peek(() => get(g.props, "vpcId"));
      if (vpcId === undefined || vpcId === null) {
        // Without vpcId the resource adopts the default VPC's group.
        vpcs.filter((v) => v.type === DEFAULT_VPC).forEach((v) => adopted.add(v));
        continue;
      }
      const { found, unknown } = index.lookup(g, "vpcId");
      if (unknown) {
        return; // a group whose VPC is not known yet may be any VPC's
      }
      found.forEach((v) => adopted.add(v));
    }
    for (const vpc of vpcs) {
      if (!adopted.has(vpc)) {
        report(
          `NET-5: VPC '${vpc.name}' leaves its default security group as AWS creates it (all traffic from members, all egress); add an aws.ec2.DefaultSecurityGroup with vpcId set to it and no ingress or egress, so anything attached to it by default is cut off (Security Hub EC2.2).`,
          vpc.urn,
        );
      }
    }
  },
};

// ---- NET-3: flow logs ---------------------------------------------------------------------------

export const vpcFlowLogTrafficAll: ResourceValidationPolicy = {
  name: "vpc-flow-log-traffic-all",
  description:
    "NET-3: VPC flow logs capture traffic type ALL (remediable: set enforcement to 'remediate' to rewrite trafficType to ALL).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(FLOW_LOG, (props, args, report) => {
    const traffic = get(props, "trafficType");
    if ((asString(traffic) ?? "").trim().toUpperCase() !== "ALL") {
      report(
        `NET-3: flow log '${args.name}' has trafficType ${show(traffic)}; set trafficType to "ALL" so rejected and accepted traffic are both recorded.`,
      );
    }
  }),
  // Safe and unambiguous: widening what is logged never changes what is reachable.
  remediateResource: remediateType(FLOW_LOG, (props) => {
    if ((asString(get(props, "trafficType")) ?? "").toUpperCase() === "ALL") {
      return undefined;
    }
    return { ...props, trafficType: "ALL" };
  }),
};

export const vpcHasFlowLog: StackValidationPolicy = {
  name: "vpc-has-flow-log",
  description: "NET-3: Every VPC in the stack has a flow log with traffic type ALL.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const vpcs = args.resources.filter((r) => r.type === VPC);
    // Stryker disable next-line ConditionalExpression,BlockStatement: fast path, nothing to report without a VPC (equivalent)
    if (vpcs.length === 0) {
      return;
    }
    const index = new RefIndex(vpcs);
    const covered = new Set<PolicyResource>();
    let anyUnknown = false;
    for (const fl of args.resources) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: only a FlowLog has trafficType "ALL" and a vpcId (equivalent)
      if (fl.type !== FLOW_LOG) {
        continue;
      }
      const traffic = peek(() => asString(get(fl.props, "trafficType")));
      // An unknown traffic type is judged by vpc-flow-log-traffic-all; it does not count as missing.
      if (traffic !== UNKNOWN_VALUE && (traffic ?? "").toUpperCase() !== "ALL") {
        continue;
      }
      const { found, unknown } = index.lookup(fl, "vpcId");
      found.forEach((v) => covered.add(v));
      anyUnknown = anyUnknown || unknown;
    }
    if (anyUnknown) {
      return; // a flow log whose VPC is not known yet may be any VPC's: decided at update
    }
    for (const vpc of vpcs) {
      if (!covered.has(vpc)) {
        report(
          `NET-3: VPC '${vpc.name}' has no flow log with trafficType "ALL" in this stack; add an aws.ec2.FlowLog with vpcId set to it, trafficType "ALL" and a CloudWatch Logs destination.`,
          vpc.urn,
        );
      }
    }
  },
};

// ---- IR-1: an empty quarantine security group ------------------------------------------------

const quarantineDefaults = POLICY_DEFAULTS["stack-has-quarantine-security-group"];

/** Inline rules of a group: their count, or UNKNOWN_VALUE when the list is not known (preview). */
function inlineRuleCount(g: PolicyResource): number | typeof UNKNOWN_VALUE {
  let total = 0;
  for (const key of ["ingress", "egress"]) {
    const n = peek(() => {
      const v = get(g.props, key);
      // Anything but an empty list (a malformed single value included) is not an empty group.
      return v === undefined || v === null ? 0 : Array.isArray(v) ? v.length : 1;
    });
    if (n === UNKNOWN_VALUE) {
      return UNKNOWN_VALUE;
    }
    // Stryker disable next-line AssignmentOperator: counts are never negative, so only 0 sums to 0 either way (equivalent)
    total += n;
  }
  return total;
}

export const stackHasQuarantineSecurityGroup: StackValidationPolicy = {
  name: "stack-has-quarantine-security-group",
  description:
    "IR-1: A stack with EC2 instances, Spot instance requests or Auto Scaling groups also has an empty quarantine security group (an aws.ec2.SecurityGroup with no inline ingress/egress and no separate rule resource attached) to isolate a compromised instance (unless requireQuarantineGroup is false).",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      requireQuarantineGroup: {
        type: "boolean",
        description:
          "Require an empty security group in any stack with EC2 instances or Auto Scaling groups.",
      },
    },
    quarantineDefaults,
  ),
  validateStack: (args, report) => {
    if (settings(args, quarantineDefaults).requireQuarantineGroup !== true) {
      return;
    }
    const workload = args.resources.find((r) => WORKLOAD_TYPES.includes(r.type));
    if (!workload) {
      return;
    }
    const groups = args.resources.filter((r) => r.type === T.securityGroup);
    const index = new RefIndex(groups);
    const withRules = new Set<PolicyResource>();
    for (const r of args.resources) {
      const key = ruleGroupKey(r.type);
      // Stryker disable next-line ConditionalExpression: fast path, a lookup under no key finds nothing (equivalent)
      if (key) {
        // A rule whose group is not known yet (preview) marks nothing: decided at update.
        index.lookup(r, key).found.forEach((g) => withRules.add(g));
      }
    }
    // A group whose inline rules are not known yet (preview) may be empty: decided at update.
    const emptyOrMaybe = (g: PolicyResource) => {
      if (withRules.has(g)) {
        return false;
      }
      const n = inlineRuleCount(g);
      return n === 0 || n === UNKNOWN_VALUE;
    };
    if (groups.some(emptyOrMaybe)) {
      return;
    }
    report(
      `IR-1: the stack has ${workload.type} '${workload.name}' but none of its ${groups.length} security group(s) is empty (each has inline ingress/egress or a separate rule attached); add an aws.ec2.SecurityGroup with no ingress, no egress and no rule resources, to move a compromised instance into (or set requireQuarantineGroup false).`,
    );
  },
};

export const networkPolicies = [
  sgWorldIngressOnlyPort80,
  sgNoAdminPortsFromInternet,
  sgNoWorldAllProtocolEgress,
  sgPrefixListOutsideStack,
  defaultSgNoRules,
  defaultSgNoSeparateRules,
  vpcDefaultSgAdopted,
  vpcFlowLogTrafficAll,
  vpcHasFlowLog,
  stackHasQuarantineSecurityGroup,
];

/** Exposed for the database module's stack check. */
export function rulesOf(r: PolicyResource): SgRule[] {
  const out: SgRule[] = [];
  eachRule(r.type, r.props, (rule) => out.push(rule));
  return out;
}
