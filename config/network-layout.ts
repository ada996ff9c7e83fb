/**
 * NET-2, set once: the VPC's range and the zones of its subnets. Pure; `validate.ts` names the keys.
 *
 * Neither can change under a running stack: a VPC's primary range and a subnet's range and zone are
 * fixed at creation (EC2 CreateSubnet: "After you create a subnet, you can't change its CIDR block"),
 * so a change replaces them, and RDS refuses a DB subnet group with subnets of another VPC
 * (ModifyDBSubnetGroup `InvalidSubnet`). Both values are therefore explicit keys, never a default or
 * a lookup that could shift under the stack, and the VPC and subnets are `protect`ed: the preview
 * refuses a replacement or removal (README, Operations, "Change the network layout").
 */
import { EditionProfile } from "./editions";

export const NETWORK_RUNBOOK = `README, Operations, "Change the network layout"`;

/** The load balancer and the RDS subnet group need subnets in 2 zones; each tier has 4 slots. */
export const AVAILABILITY_ZONE_COUNT_RANGE = [2, 3] as const;

export interface LayoutIssue {
  /** Path under `decision-control:`, e.g. `["availabilityZones", "1"]`. */
  readonly path: readonly string[];
  readonly message: string;
}

export interface NetworkLayoutInput {
  readonly vpcCidr?: string;
  readonly availabilityZones?: readonly string[];
}

/** The message for a missing `vpcCidr`. */
export function missingVpcCidrMessage(edition: string, profile: EditionProfile): string {
  return `is required, and set once: a VPC's range cannot change without replacing the VPC and everything in it (${NETWORK_RUNBOOK}). A new stack: choose a private range that no network you will connect to uses, e.g. ${profile.legacyVpcCidr}. A stack created before this key was required: set ${profile.legacyVpcCidr}, the range the ${edition} edition gave it (NET-2).`;
}

/** The message for a missing `availabilityZones`. */
export function missingZonesMessage(region: string | undefined): string {
  const example = region ? `[${region}a, ${region}b]` : "[eu-west-1a, eu-west-1b]";
  return `is required, and set once: its zones hold the subnets of every tier, the database, the load balancer and the instances (${NETWORK_RUNBOOK}). A new stack: list 2 or 3 zones your account offers in ${region ?? "aws:region"}, e.g. ${example}. A stack created before this key was required: list the zones of its subnets in subnet order (the runbook shows how to read them); any other list replaces the subnets, which the preview refuses (NET-2).`;
}

/** A zone name must belong to `region`: the region's code followed by one letter. */
export function availabilityZoneIssue(
  zone: string,
  region: string | undefined,
): string | undefined {
  if (region === undefined || new RegExp(`^${escapeRegExp(region)}[a-z]$`).test(zone)) {
    return undefined;
  }
  return `"${zone}" is not an Availability Zone of ${region}: zone names are the region followed by one letter, e.g. ${region}a (Local Zones and Wavelength Zones are not supported) (NET-2).`;
}

/** Count and duplicates of the whole list. */
export function availabilityZoneListIssue(zones: readonly string[]): string | undefined {
  const [min, max] = AVAILABILITY_ZONE_COUNT_RANGE;
  if (zones.length < min || zones.length > max) {
    return `lists ${zones.length} zone${zones.length === 1 ? "" : "s"}; list ${min} or ${max}: the load balancer and the RDS subnet group need subnets in ${min} zones, and the layout has room for ${max} (NET-2).`;
  }
  const repeated = zones.find((zone, index) => zones.indexOf(zone) !== index);
  return repeated === undefined
    ? undefined
    : `lists ${repeated} more than once; each zone holds one subnet of every tier, list it once (NET-2).`;
}

/** Every issue with the set-once layout keys (the CIDR's own format is `rules.vpcCidrRule`'s). */
export function networkLayoutIssues(
  input: NetworkLayoutInput,
  context: { readonly edition: string; readonly profile: EditionProfile; readonly region?: string },
): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  if (input.vpcCidr === undefined) {
    issues.push({
      path: ["vpcCidr"],
      message: missingVpcCidrMessage(context.edition, context.profile),
    });
  }
  const zones = input.availabilityZones;
  if (zones === undefined) {
    issues.push({ path: ["availabilityZones"], message: missingZonesMessage(context.region) });
    return issues;
  }
  const listIssue = availabilityZoneListIssue(zones);
  if (listIssue) {
    issues.push({ path: ["availabilityZones"], message: listIssue });
  }
  zones.forEach((zone, index) => {
    const problem = availabilityZoneIssue(zone, context.region);
    if (problem) {
      issues.push({ path: ["availabilityZones", String(index)], message: problem });
    }
  });
  return issues;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
