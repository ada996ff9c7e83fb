import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { coveredPorts, describeRange, isOnlyAllowedPort } from "../lib/ports";
import {
  forTypes,
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
import { AUTOSCALING_GROUP, INSTANCE } from "./compute";

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const VPC = "aws:ec2/vpc:Vpc";

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

// ---- NET-1 / NET-4: the internet only on port 80 ----------------------------------------------

const worldIngressDefaults = { allowedWorldPorts: [80], publicHttps: false };

export const sgWorldIngressOnlyPort80: ResourceValidationPolicy = {
  name: "sg-world-ingress-only-port-80",
  description:
    "NET-1, NET-4: Security groups admit the internet (any IPv4 wider than /8 or IPv6 wider than /32) only on TCP port 80 (Let's Encrypt challenge / HTTPS redirect); 443 from the internet only where the profile says the app is public.",
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
  validateResource: forTypes(SG_RULE_TYPES, (props, args, report) => {
    const cfg = settings(args, worldIngressDefaults);
    const allowed = asList(cfg.allowedWorldPorts)
      .map(asNumber)
      .filter((n): n is number => n !== undefined);
    if (cfg.publicHttps === true) {
      allowed.push(443);
    }
    eachRule(args.type, props, (rule) => {
      if (rule.direction !== "ingress") {
        return;
      }
      const world = worldCidrs(rule);
      if (world.length === 0 || isOnlyAllowedPort(rule.range, allowed)) {
        return;
      }
      report(
        `NET-1: ${ruleLabel(rule)} of '${args.name}' admits ${world.join(", ")} on ${describeRange(rule.range)}; ` +
          `the internet may reach only TCP ${allowed.join("/") || "(none)"}, so restrict the source to the allowedCidr (e.g. a /32 or the corporate CIDR) or a security group.`,
      );
    });
  }),
};

// ---- NET-5 / ACC-2: never admin or database ports from the internet ---------------------------

const adminDefaults = { adminPorts: [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200] };

export const sgNoAdminPortsFromInternet: ResourceValidationPolicy = {
  name: "sg-no-admin-ports-from-internet",
  description:
    "NET-5, ACC-2: No security-group rule (port range or all-protocol included) opens SSH, RDP or database ports (22, 3389, 3306, 5432, 1433, 27017, 6379, 9200) to the internet.",
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
  validateResource: forTypes(SG_RULE_TYPES, (props, args, report) => {
    const cfg = settings(args, adminDefaults);
    const ports = asList(cfg.adminPorts)
      .map(asNumber)
      .filter((n): n is number => n !== undefined);
    eachRule(args.type, props, (rule) => {
      if (rule.direction !== "ingress") {
        return;
      }
      const world = worldCidrs(rule);
      if (world.length === 0) {
        return;
      }
      const hit = coveredPorts(rule.range, ports);
      if (hit.length > 0) {
        report(
          `NET-5: ${ruleLabel(rule)} of '${args.name}' opens ${describeRange(rule.range)} (covering ${hit.join(", ")}) to ${world.join(", ")}; ` +
            `remove it and use SSM Session Manager for shell access and the app tier's security group for databases.`,
        );
      }
    });
  }),
};

export const sgNoWorldAllProtocolEgress: ResourceValidationPolicy = {
  name: "sg-no-world-all-protocol-egress",
  description:
    "NET-5: No security group allows all-protocol (-1) egress to the internet; open only the ports the tier needs (e.g. TCP 443/80).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(SG_RULE_TYPES, (props, args, report) => {
    eachRule(args.type, props, (rule) => {
      if (rule.direction !== "egress" || rule.range.protocol !== "all") {
        return;
      }
      const world = worldCidrs(rule);
      if (world.length > 0) {
        report(
          `NET-5: ${ruleLabel(rule)} of '${args.name}' allows all protocols to ${world.join(", ")}; ` +
            `replace it with egress rules for the needed TCP ports only (e.g. 443 and 80).`,
        );
      }
    });
  }),
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

export const defaultSgNoSeparateRules: StackValidationPolicy = {
  name: "default-sg-no-separate-rules",
  description:
    "NET-5: No separate rule resource (aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule/EgressRule) adds a rule to the default security group.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const defaults = args.resources.filter((r) => r.type === T.defaultSecurityGroup);
    if (defaults.length === 0) {
      return;
    }
    const index = new RefIndex(defaults);
    for (const r of args.resources) {
      const key = ruleGroupKey(r.type);
      if (!key) {
        continue;
      }
      for (const target of index.lookup(r, key).found) {
        report(
          `NET-5: rule '${r.name}' adds a rule to default security group '${target.name}'; attach it to a dedicated security group instead.`,
          r.urn,
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
    if (vpcs.length === 0) {
      return;
    }
    const index = new RefIndex(vpcs);
    const covered = new Set<PolicyResource>();
    let anyUnknown = false;
    for (const fl of args.resources) {
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

const quarantineDefaults = { requireQuarantineGroup: true };

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
    total += n;
  }
  return total;
}

export const stackHasQuarantineSecurityGroup: StackValidationPolicy = {
  name: "stack-has-quarantine-security-group",
  description:
    "IR-1: A stack with EC2 instances or Auto Scaling groups also has an empty quarantine security group (an aws.ec2.SecurityGroup with no inline ingress/egress and no separate rule resource attached) to isolate a compromised instance (unless requireQuarantineGroup is false).",
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
    const workload = args.resources.find(
      (r) => r.type === INSTANCE || r.type === AUTOSCALING_GROUP,
    );
    if (!workload) {
      return;
    }
    const groups = args.resources.filter((r) => r.type === T.securityGroup);
    const index = new RefIndex(groups);
    const withRules = new Set<PolicyResource>();
    for (const r of args.resources) {
      const key = ruleGroupKey(r.type);
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
  defaultSgNoRules,
  defaultSgNoSeparateRules,
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
