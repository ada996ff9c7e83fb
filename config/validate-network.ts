/**
 * NET-1, NET-2: who may reach the app (`allowedCidr`), the set-once layout (`vpcCidr`,
 * `availabilityZones`) and the NAT gateways.
 */
import { isSingleHost, ParsedCidr, parseCidr } from "../policy-pack/lib/semantics";
import {
  albSchemeFor,
  clientNetwork,
  clientNetworkIssue,
  clientRangeOverlapsVpcWarning,
} from "./client-network";
import { networkLayoutIssues } from "./network-layout";
import { RawConfig } from "./raw-config";
import { ConfigReport, configKey as key, EditionScope } from "./report";
import * as rules from "./rules";
import { NAT_GATEWAY_MODES, Settings } from "./types";

type NetworkSettings = Pick<
  Settings,
  "allowedCidr" | "albScheme" | "vpcCidr" | "availabilityZones" | "natGateways"
>;

/** The range once its format rule passes: the edition's rules judge only well-formed ranges. */
function wellFormed(value: string | undefined, rule: rules.Rule<string>): ParsedCidr | undefined {
  return value === undefined || rule(value) ? undefined : parseCidr(value);
}

/** The keys' own rules, whatever the edition. */
export function validateNetwork(
  input: RawConfig,
  scope: EditionScope,
  report: ConfigReport,
): NetworkSettings {
  if (input.allowedCidr === undefined) {
    report.issue(
      ["allowedCidr"],
      `is required; set your office or VPN range, e.g. 203.0.113.45/32 (never 0.0.0.0/0).`,
    );
  }
  report.check(["allowedCidr"], input.allowedCidr, rules.allowedCidrRule);
  const allowedCidr = wellFormed(input.allowedCidr, rules.allowedCidrRule);

  // Set once: explicit keys, never a default or a lookup that could shift under a stack.
  networkLayoutIssues(input, scope).forEach((issue) => report.issue(issue.path, issue.message));
  report.check(["vpcCidr"], input.vpcCidr, rules.vpcCidrRule);

  const natGateways = input.natGateways ?? scope.profile.natGateways;
  if (!(NAT_GATEWAY_MODES as readonly string[]).includes(natGateways)) {
    report.issue(
      ["natGateways"],
      `"${natGateways}" is not a NAT mode; set "none", "single" or "perAz".`,
    );
  }
  return {
    allowedCidr: allowedCidr?.text as string,
    // NET-1, NET-2: who can reach the app from allowedCidr decides the production ALB's scheme.
    // Stryker disable next-line StringLiteral: without a well-formed allowedCidr the config is refused (equivalent)
    albScheme: allowedCidr ? albSchemeFor(clientNetwork(allowedCidr)) : "internet-facing",
    // Stryker disable StringLiteral,ArrayDeclaration: a missing vpcCidr or availabilityZones is refused by networkLayoutIssues (equivalent)
    vpcCidr: input.vpcCidr ?? "",
    availabilityZones: input.availabilityZones ?? [],
    // Stryker restore StringLiteral,ArrayDeclaration
    natGateways: natGateways as Settings["natGateways"],
  };
}

/** What the edition asks of the network keys. */
export function networkEditionRules(
  input: RawConfig,
  network: NetworkSettings,
  scope: EditionScope,
  report: ConfigReport,
): void {
  const { edition, profile } = scope;
  const allowedCidr = wellFormed(input.allowedCidr, rules.allowedCidrRule);
  if (edition === "sandbox" && allowedCidr && !isSingleHost(allowedCidr)) {
    report.warn(
      `${key(["allowedCidr"])}: ${allowedCidr.text} admits more than one host; the sandbox edition expects a single /32 (NET-1).`,
    );
  }
  const clientIssue = allowedCidr ? clientNetworkIssue(allowedCidr, edition) : undefined;
  if (clientIssue) {
    report.issue(["allowedCidr"], clientIssue);
  }

  const vpc = wellFormed(input.vpcCidr, rules.vpcCidrRule);
  if (vpc && vpc.prefix > profile.maxVpcPrefixLength) {
    report.issue(
      ["vpcCidr"],
      `"${network.vpcCidr}" gives /${vpc.prefix + 4} subnets, but the ${edition} edition's load balancer needs subnets of /27 or larger with 8 free addresses (ELB guide, "Subnets for your load balancer"); use a prefix from /16 to /${profile.maxVpcPrefixLength}.`,
    );
  }
  const overlap =
    allowedCidr && vpc && !clientIssue
      ? clientRangeOverlapsVpcWarning(allowedCidr, vpc, {
          allowedCidr: key(["allowedCidr"]),
          vpcCidr: key(["vpcCidr"]),
        })
      : undefined;
  if (overlap) {
    report.warn(overlap);
  }

  const { natGateways } = network;
  if (!(NAT_GATEWAY_MODES as readonly string[]).includes(natGateways)) {
    return;
  }
  if (profile.appTierUsesNat && natGateways === "none") {
    report.issue(
      ["natGateways"],
      `"none" is not allowed in the ${edition} edition: its app instances live in private subnets and reach SSM, Secrets Manager, CloudWatch and OS updates only through NAT (NET-2); set "perAz" (the default) or "single".`,
    );
  } else if (!profile.appTierUsesNat && natGateways !== "none") {
    report.warn(
      `${key(["natGateways"])}: "${natGateways}" builds private subnets and NAT gateways (about 32 USD a month each, plus data) that nothing in the ${edition} edition uses: its instance is public and its database isolated. Remove the key unless you add resources to the private subnets.`,
    );
  }
}
