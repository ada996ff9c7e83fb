// The pack's policy settings derived from the catalogue: the code defaults of the configurable
// policies, and the `--policy-pack-config` files (config/<edition>.json) the generator writes.
import type { Catalogue, Edition } from "./types";

/**
 * The edition whose values are the code defaults: the stricter one, so a stack judged without a
 * config file is held to production.
 */
export const DEFAULT_EDITION: Edition = "production";

/** Each configurable policy's settings for one edition (and, for regions, the code default). */
export function policySettings(catalogue: Catalogue, edition: Edition) {
  const c = catalogue.controls;
  return {
    "sg-world-ingress-only-port-80": {
      allowedWorldPorts: [c["NET-1"].values.worldPort],
      publicHttps: c["NET-1"].values.publicHttps,
    },
    "sg-no-admin-ports-from-internet": { adminPorts: [...c["NET-5"].values.adminPorts] },
    "nacl-no-admin-ports-from-internet": { adminPorts: [...c["NET-5"].values.adminPorts] },
    "stack-has-quarantine-security-group": {
      requireQuarantineGroup: c["IR-1"].values.requireQuarantineGroup,
    },
    "ec2-no-key-pair": { allowSshKeyPair: c["ACC-2"].values.allowSshKeyPair },
    "ec2-public-instances-limit": {
      maxPublicInstances: c["NET-2"].values.maxPublicInstances[edition],
    },
    "rds-storage-encrypted": {
      requireCustomerManagedKey: c["DATA-2"].values.requireCustomerManagedKey[edition],
    },
    "rds-backup-retention": {
      minBackupRetentionDays: c["DATA-3"].values.minBackupRetentionDays[edition],
    },
    "iam-no-privileged-managed-policies": {
      deniedManagedPolicies: [...c["IAM-2"].values.deniedManagedPolicies],
    },
    "lb-tls-policy": { allowedSslPolicies: [...c["APP-2"].values.allowedSslPolicies] },
    "lb-internet-listeners": {
      adminPorts: [...c["NET-5"].values.adminPorts],
      tlsPassthroughPorts: [...c["APP-2"].values.tlsPassthroughPorts],
    },
    "stack-has-cloudtrail": { requireTrailInStack: c["IAM-3"].values.requireTrailInStack },
    "log-group-retention": {
      minLogRetentionDays: c["MON-2"].values.minLogRetentionDays[edition],
      requireKms: c["MON-2"].values.requireKms,
    },
    "config-recorder-records-everything": {
      globalResourceTypesRecordedElsewhere: c["MON-3"].values.globalResourceTypesRecordedElsewhere,
    },
    "stack-has-os-patching": {
      requirePatchingInStack: c["APP-4"].values.requirePatchingInStack,
    },
    "secrets-rotation-max-days": { maxRotationDays: c["APP-1"].values.maxRotationDays },
    "allowed-regions": { allowedRegions: [...c["CMP-1"].values.allowedRegions[edition]] },
  };
}

export type PolicySettings = ReturnType<typeof policySettings>;
export type ConfigurablePolicy = keyof PolicySettings;

/**
 * The policies' code defaults: the default edition's settings, except data residency, which the
 * pack leaves open (a region list is an organisation's decision, stated in its config file).
 */
export function policyDefaults(catalogue: Catalogue): PolicySettings {
  return {
    ...policySettings(catalogue, DEFAULT_EDITION),
    "allowed-regions": {
      allowedRegions: [...catalogue.controls["CMP-1"].values.defaultAllowedRegions],
    },
  };
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** Levels the catalogue decides per edition; every other policy keeps its code level. */
export function policyLevels(
  catalogue: Catalogue,
  edition: Edition,
): Readonly<Record<string, EnforcementLevel>> {
  return {
    // DATA-4: Multi-AZ is reported, not enforced, where the edition leaves it optional.
    "rds-multi-az": catalogue.controls["DATA-4"].values.multiAzRequired[edition]
      ? "mandatory"
      : "advisory",
  };
}

/**
 * Deployment decisions a reviewer reads in every profile (who reaches the app from the internet,
 * SSH, data residency): stated in each config file even where they equal the defaults.
 */
const STATED_IN_EVERY_PROFILE: readonly ConfigurablePolicy[] = [
  "sg-world-ingress-only-port-80",
  "ec2-no-key-pair",
  "allowed-regions",
];

/** What the generator needs of a policy (structurally a @pulumi/policy Policy). */
export interface PolicyLevelSource {
  readonly name: string;
  readonly enforcementLevel?: EnforcementLevel;
}

export type PackConfigEntry = EnforcementLevel | Readonly<Record<string, unknown>>;
export type PackConfig = Readonly<Record<string, PackConfigEntry>>;

function fullConfig(
  catalogue: Catalogue,
  edition: Edition,
  policies: readonly PolicyLevelSource[],
): Record<string, PackConfigEntry> {
  const settings: Readonly<Record<string, Readonly<Record<string, unknown>>>> = policySettings(
    catalogue,
    edition,
  );
  const levels = policyLevels(catalogue, edition);
  const config: Record<string, PackConfigEntry> = {};
  for (const policy of policies) {
    const level = levels[policy.name] ?? policy.enforcementLevel ?? "advisory";
    const own = settings[policy.name];
    config[policy.name] = own === undefined ? level : { enforcementLevel: level, ...own };
  }
  return config;
}

/**
 * The `--policy-pack-config` file of an edition: the default edition's states every policy
 * explicitly; another edition's states only what it changes, plus the deployment decisions.
 */
export function packConfigFrom(
  catalogue: Catalogue,
  edition: Edition,
  policies: readonly PolicyLevelSource[],
): PackConfig {
  const full = fullConfig(catalogue, edition, policies);
  if (edition === DEFAULT_EDITION) {
    return full;
  }
  const defaults = fullConfig(catalogue, DEFAULT_EDITION, policies);
  const stated: readonly string[] = STATED_IN_EVERY_PROFILE;
  return Object.fromEntries(
    Object.entries(full).filter(
      ([name, entry]) =>
        stated.includes(name) || JSON.stringify(entry) !== JSON.stringify(defaults[name]),
    ),
  );
}
