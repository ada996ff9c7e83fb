/**
 * The architecture as a Mermaid flowchart, drawn from the registered resources rather than from a
 * hand-kept picture: security groups (with what runs in them) placed in their subnet tier, traffic
 * paths from the security-group rules with their ports, and the components that carry no traffic
 * (keys, logging, audit, monitoring) alongside.
 */
import { isInternetCidr, parseCidr } from "../../policy-pack/lib/semantics";
import { computeResources } from "./compute";
import {
  findById,
  idOf,
  isReferencedBy,
  ofType,
  portsLabel,
  prop,
  ResourceView,
  securityGroupRules,
  strings,
  T,
  tag,
} from "./resources";
import { owningComponent } from "./summary";

const TIER_TITLES: Record<string, string> = {
  public: "Public subnets",
  private: "Private subnets (NAT egress)",
  isolated: "Isolated subnets (no internet route)",
  vpc: "VPC",
};
const TIER_BY_GROUP: Record<string, string> = { loadBalancer: "public", database: "isolated" };

function nodeId(prefix: string, text: string): string {
  return `${prefix}_${text.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

interface Member {
  readonly text: string;
  readonly subnetIds: readonly string[];
}

function members(
  resources: readonly ResourceView[],
  byUrn: ReadonlyMap<string, ResourceView>,
): Map<string, Member[]> {
  const result = new Map<string, Member[]>();
  const add = (
    groupIds: readonly string[],
    resource: ResourceView,
    subnetIds: readonly string[],
    what: string,
  ): void => {
    const component = owningComponent(resource, byUrn).split(" ")[0].split(":").pop();
    for (const id of groupIds) {
      result.set(id, [
        ...(result.get(id) ?? []),
        {
          text: `${what} ${resource.name}${component && component !== "(stack)" ? ` (${component})` : ""}`,
          subnetIds,
        },
      ]);
    }
  };
  const groups = ofType(resources, T.autoScalingGroup);
  for (const host of computeResources(resources)) {
    const asg = groups.find((group) => prop(group, "launchTemplate.id") === idOf(host.resource));
    const subnets = asg ? strings(prop(asg, "vpcZoneIdentifiers")) : host.subnetIds;
    add(
      host.securityGroupIds,
      asg ?? host.resource,
      subnets,
      asg ? "EC2 Auto Scaling" : host.resource.type === T.instance ? "EC2" : "Launch template",
    );
  }
  for (const lb of ofType(resources, T.loadBalancer)) {
    add(strings(prop(lb, "securityGroups")), lb, strings(prop(lb, "subnets")), "ALB");
  }
  for (const db of ofType(resources, T.dbInstance)) {
    const subnetGroup = ofType(resources, T.dbSubnetGroup).find((group) =>
      isReferencedBy(group, prop(db, "dbSubnetGroupName")),
    );
    add(
      strings(prop(db, "vpcSecurityGroupIds")),
      db,
      subnetGroup ? strings(prop(subnetGroup, "subnetIds")) : [],
      `RDS ${String(prop(db, "engine") ?? "")}`.trim(),
    );
  }
  return result;
}

function tierOf(
  group: ResourceView,
  groupMembers: readonly Member[],
  resources: readonly ResourceView[],
): string {
  // Search subnets only: under mocks a route table and a subnet of the same logical name share an id.
  const subnets = ofType(resources, T.subnet);
  const tiers = groupMembers.flatMap((member) =>
    member.subnetIds
      .map((id) => findById(subnets, id))
      .map((subnet) => (subnet ? tag(subnet, "Tier") : undefined)),
  );
  const known = tiers.find(
    (tierName): tierName is string => tierName !== undefined && tierName in TIER_TITLES,
  );
  return known ?? TIER_BY_GROUP[tag(group, "Tier") ?? ""] ?? "vpc";
}

/** Mermaid `flowchart LR` source; `allowedCidr` labels the trusted source. */
export function architectureDiagram(
  resources: readonly ResourceView[],
  allowedCidr: string,
): string {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const groups = ofType(resources, T.securityGroup);
  const membership = members(resources, byUrn);
  const lines = [
    "flowchart LR",
    `  internet((${quote("Internet 0.0.0.0/0")}))`,
    `  trusted([${quote(`Trusted CIDR ${allowedCidr}`)}])`,
  ];
  const peers = new Map<string, string>();
  // A CIDR, or a prefix list drawn by its id.
  const peerNode = (network: string): string => {
    if (isInternetCidr(network)) {
      return "internet";
    }
    if (parseCidr(network)?.text === parseCidr(allowedCidr)?.text) {
      return "trusted";
    }
    const id = nodeId("cidr", network);
    if (!peers.has(id)) {
      peers.set(id, `  ${id}([${quote(network)}])`);
    }
    return id;
  };

  const byTier = new Map<string, string[]>();
  for (const group of groups) {
    const groupMembers = membership.get(idOf(group)) ?? [];
    const role = tag(group, "Tier") ?? group.name;
    const body =
      groupMembers.length > 0
        ? groupMembers.map((member) => member.text).join("<br/>")
        : role === "quarantine"
          ? "no rules: isolation target (IR-1)"
          : "no members";
    const tierName = tierOf(group, groupMembers, resources);
    byTier.set(tierName, [
      ...(byTier.get(tierName) ?? []),
      `    ${nodeId("sg", idOf(group))}[${quote(`SG ${role}<br/>${body}`)}]`,
    ]);
  }
  lines.push(`  subgraph vpc[${quote("VPC")}]`);
  for (const [tierName, nodes] of byTier) {
    if (tierName === "vpc") {
      lines.push(...nodes.map((node) => node.slice(2)));
      continue;
    }
    lines.push(
      `    subgraph tier_${tierName}[${quote(TIER_TITLES[tierName])}]`,
      ...nodes.map((node) => `  ${node}`),
      "    end",
    );
  }
  lines.push("  end");

  const edges = new Set<string>();
  for (const rule of securityGroupRules(resources)) {
    const group = findById(groups, rule.groupId);
    if (!group) {
      continue;
    }
    const ports = portsLabel(rule.range);
    const networks = [...rule.cidrs, ...rule.prefixLists];
    const self = nodeId("sg", idOf(group));
    if (rule.direction === "ingress") {
      networks.forEach((network) =>
        edges.add(`  ${peerNode(network)} -->|${quote(ports)}| ${self}`),
      );
      rule.peerGroups.forEach((ref) =>
        edges.add(`  ${nodeId("sg", ref)} -->|${quote(ports)}| ${self}`),
      );
    } else {
      // Group-to-group egress mirrors an ingress rule already drawn; only egress to networks adds a path.
      networks.forEach((network) =>
        edges.add(`  ${self} -.->|${quote(`out ${ports}`)}| ${peerNode(network)}`),
      );
    }
  }

  const quiet = resources.filter(
    (resource) =>
      !resource.custom &&
      !resources.some(
        (child) =>
          child.parent === resource.urn &&
          (child.type === T.securityGroup || membership.has(idOf(child))),
      ),
  );
  const trafficComponents = new Set([...membership.values()].flat().map((member) => member.text));
  const support = quiet.filter(
    (component) =>
      ![...trafficComponents].some((text) => text.includes(`(${component.type.split(":").pop()})`)),
  );
  if (support.length > 0) {
    lines.push(`  subgraph support[${quote("Keys, logging, audit, monitoring")}]`);
    support.forEach((component) =>
      lines.push(
        `    ${nodeId("c", component.name)}[${quote(`${component.type.split(":").pop()}<br/>${component.name}`)}]`,
      ),
    );
    lines.push("  end");
  }
  return [...lines, ...peers.values(), ...edges].join("\n");
}
