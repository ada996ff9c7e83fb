/** Items 1 (NET-1), 10 (NET-3), 11 (NET-4, NET-5) and 14 (ACC-2): what the network lets in. */
import {
  coversPort,
  isInternetCidr,
  isOnlyAllowedPort,
  parseCidr,
  worldCidrs,
} from "../../../policy-pack/lib/semantics";
import { CATALOGUE } from "../../../policy-pack/controls";
import { computeResources } from "../compute";
import {
  asBoolean,
  asNumber,
  describeRule,
  findByArn,
  findById,
  idOf,
  list,
  ofType,
  prop,
  securityGroupRules,
  StackSgRule,
  strings,
  T,
  tag,
} from "../resources";
import { EvidenceGatherer, Findings, StackFacts } from "./findings";

/** Port the internet may reach (NET-1: the Let's Encrypt challenge and the redirect to HTTPS). */
const WORLD_PORT = CATALOGUE.controls["NET-1"].values.worldPort;
const SSH_PORT = CATALOGUE.controls["ACC-2"].values.sshPort;
const DATABASE_PORT = CATALOGUE.controls["NET-4"].values.databasePort;

function sameCidr(a: string, b: string): boolean {
  return parseCidr(a)?.text === parseCidr(b)?.text;
}

/** NET-1: the only rule the internet may match admits TCP port 80 alone. */
function onlyWorldPort(rule: StackSgRule): boolean {
  return isOnlyAllowedPort(rule.range, [WORLD_PORT]);
}

function ingress(facts: StackFacts): StackSgRule[] {
  return securityGroupRules(facts.resources).filter((rule) => rule.direction === "ingress");
}

/** Item 1, NET-1: the trusted CIDR is not the internet, and the internet reaches port 80 at most. */
export const ipRestrictions: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const { allowedCidr } = facts.settings;
  if (isInternetCidr(allowedCidr)) {
    found.need(
      `decision-control:allowedCidr is ${allowedCidr}, the internet or a large part of it`,
    );
  } else {
    found.fact(`decision-control:allowedCidr = ${allowedCidr}`, undefined, { allowedCidr });
  }
  const rules = ingress(facts);
  const trusted = rules.filter((rule) => rule.cidrs.some((cidr) => sameCidr(cidr, allowedCidr)));
  if (found.require(trusted, `ingress rule from allowedCidr ${allowedCidr}`)) {
    trusted.forEach((rule) => found.fact(describeRule(rule), rule.resource));
  }
  // An ALB whose scheme does not fit allowedCidr admits the range on paper and nobody in practice.
  for (const alb of ofType(facts.resources, T.loadBalancer)) {
    const scheme = asBoolean(prop(alb, "internal")) ? "internal" : "internet-facing";
    found.check(
      scheme === facts.settings.albScheme,
      alb,
      scheme === "internal"
        ? `internal ALB (private addresses, private subnets): clients in ${allowedCidr} reach it over VPN or Direct Connect`
        : `internet-facing ALB (public subnets): clients in ${allowedCidr} reach it over the internet`,
      `the ALB is ${scheme}, but clients in ${allowedCidr} can reach only an ${facts.settings.albScheme} one`,
      { internal: prop(alb, "internal"), subnets: prop(alb, "subnets") },
    );
  }
  for (const rule of rules.filter((candidate) => worldCidrs(candidate).length > 0)) {
    found.check(
      onlyWorldPort(rule),
      rule.resource,
      `${describeRule(rule)} (HTTP only: ACME challenge and redirect)`,
      `${describeRule(rule)}: the internet may reach port ${WORLD_PORT} only`,
    );
  }
  return found;
};

/** Item 10, NET-3: every VPC has a flow log of ALL traffic into a log group with retention. */
export const flowLogs: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const vpcs = ofType(facts.resources, T.vpc);
  found.require(vpcs, "VPC");
  for (const vpc of vpcs) {
    const logs = ofType(facts.resources, T.flowLog).filter(
      (log) => prop(log, "vpcId") === idOf(vpc),
    );
    const all = logs.filter((log) => prop(log, "trafficType") === "ALL");
    if (all.length === 0) {
      found.need("no flow log with trafficType ALL", vpc);
    }
    for (const log of all) {
      const destination = prop(log, "logDestination");
      const group = findByArn(ofType(facts.resources, T.logGroup), destination);
      const retention = group ? asNumber(prop(group, "retentionInDays")) : undefined;
      found.fact(
        `flow log of ALL traffic from ${vpc.name} to ${String(prop(log, "logDestinationType") ?? "cloud-watch-logs")} ${String(destination ?? "")}`,
        log,
        { trafficType: "ALL", logDestination: destination },
      );
      if (prop(log, "logDestinationType") === "s3") {
        continue;
      }
      if (group && retention !== undefined && retention > 0) {
        found.fact(`retention ${retention} days`, group, {
          retentionInDays: retention,
          kmsKeyId: prop(group, "kmsKeyId"),
        });
      } else {
        found.need(
          `the flow log's log group ${String(destination)} has no retention in the stack`,
          log,
        );
      }
    }
  }
  return found;
};

function databaseGroupIds(facts: StackFacts): Set<string> {
  const ids = new Set<string>();
  ofType(facts.resources, T.dbInstance).forEach((db) =>
    strings(prop(db, "vpcSecurityGroupIds")).forEach((id) => ids.add(id)),
  );
  ofType(facts.resources, T.securityGroup)
    .filter((group) => tag(group, "Tier") === "database")
    .forEach((group) => ids.add(idOf(group)));
  return ids;
}

/** Item 11, NET-4 and NET-5: the rule table, the closed default group, nothing admin-facing open. */
export const securityGroupsLeastPrivilege: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const vpcs = ofType(facts.resources, T.vpc);
  found.require(vpcs, "VPC");
  for (const vpc of vpcs) {
    const closed = ofType(facts.resources, T.defaultSecurityGroup).find(
      (group) => prop(group, "vpcId") === idOf(vpc),
    );
    if (!closed) {
      found.need("the default security group is not managed (and emptied) by the stack", vpc);
      continue;
    }
    const inline = [...list(prop(closed, "ingress")), ...list(prop(closed, "egress"))];
    found.check(
      inline.length === 0,
      closed,
      "default security group has no rules",
      "the default security group keeps rules",
      { ingress: prop(closed, "ingress"), egress: prop(closed, "egress") },
    );
  }
  const rules = securityGroupRules(facts.resources);
  found.require(rules, "security-group rule");
  const dbGroups = databaseGroupIds(facts);
  for (const rule of rules) {
    const group = findById(facts.resources, rule.groupId);
    const where = group ? `${group.name}: ` : "";
    if (rule.direction === "egress") {
      if (rule.range.protocol === "all" && worldCidrs(rule).length > 0) {
        found.need(
          `${where}${describeRule(rule)}: unrestricted all-protocol egress`,
          rule.resource,
        );
      }
      continue;
    }
    if (worldCidrs(rule).length > 0 && !onlyWorldPort(rule)) {
      found.need(
        `${where}${describeRule(rule)}: the internet may reach port ${WORLD_PORT} only`,
        rule.resource,
      );
    } else if (
      rule.groupId &&
      dbGroups.has(rule.groupId) &&
      (rule.cidrs.length > 0 ||
        rule.prefixLists.length > 0 ||
        !coversPort(rule.range, DATABASE_PORT))
    ) {
      found.need(
        `${where}${describeRule(rule)}: the database admits PostgreSQL from the app tier's group only`,
        rule.resource,
      );
    } else {
      found.fact(`${where}${describeRule(rule)}`, rule.resource);
    }
  }
  return found;
};

/** Item 14, ACC-2: SSH off by default (no key pair, no port 22); when on, 22 only from allowedCidr. */
export const sshKeys: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const { ssh, allowedCidr } = facts.settings;
  found.fact(`decision-control:ssh.enabled = ${ssh.enabled}`, undefined, {
    enabled: ssh.enabled,
    keyName: ssh.keyName,
  });
  const compute = computeResources(facts.resources);
  found.require(compute, "instance or launch template");
  for (const view of compute) {
    if (view.keyName === undefined) {
      found.fact("no key pair", view.resource, { keyName: null });
    } else {
      found.check(
        ssh.enabled && view.keyName === ssh.keyName,
        view.resource,
        `key pair ${view.keyName} (SSH explicitly enabled)`,
        `key pair ${view.keyName} while SSH is not enabled in the config`,
        { keyName: view.keyName },
      );
    }
  }
  ofType(facts.resources, T.keyPair).forEach((pair) =>
    ssh.enabled
      ? found.fact("key pair resource (SSH explicitly enabled)", pair)
      : found.need("a key pair resource while SSH is disabled", pair),
  );
  const port22 = ingress(facts).filter((rule) => coversPort(rule.range, SSH_PORT));
  if (port22.length === 0) {
    found.fact(`no security-group rule admits port ${SSH_PORT}`);
  }
  for (const rule of port22) {
    const onlyTrusted =
      rule.peerGroups.length === 0 &&
      rule.prefixLists.length === 0 &&
      rule.cidrs.length > 0 &&
      rule.cidrs.every((cidr) => sameCidr(cidr, allowedCidr));
    found.check(
      ssh.enabled && onlyTrusted,
      rule.resource,
      `${describeRule(rule)} (SSH enabled, trusted CIDR only)`,
      ssh.enabled
        ? `${describeRule(rule)}: port ${SSH_PORT} only from allowedCidr ${allowedCidr}`
        : `${describeRule(rule)}: port ${SSH_PORT} open while SSH is disabled`,
    );
  }
  return found;
};
