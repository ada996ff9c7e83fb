/**
 * The policy pack as the governance program enforces it: its name, the version the groups pin,
 * and each edition's profile. Everything comes from policy-pack/ itself (one source): the version
 * is policy-pack/package.json's, the version `pulumi policy publish` publishes; the profiles are
 * the pack's config files, imported, never copied.
 */
import packageJson from "../policy-pack/package.json";
import production from "../policy-pack/config/production.json";
import sandbox from "../policy-pack/config/sandbox.json";

/** The name policy-pack/index.ts gives `new PolicyPack(...)` (a test holds the two together). */
export const PACK_NAME = "decision-control-guard";

/** The version tag every group pins: bumping the pack's version is what rolls enforcement forward. */
export const PACK_VERSION: string = packageJson.version;

/** A pack config file: per policy, an enforcement level or an object with one and properties. */
export type PackProfile = Readonly<Record<string, unknown>>;

/** The pack's profile per Decision Control edition. */
export const PROFILES = { sandbox, production } as const satisfies Record<string, PackProfile>;

export type Edition = keyof typeof PROFILES;
export const EDITIONS = Object.keys(PROFILES) as Edition[];

/** The stricter profile: what stacks outside the edition groups (the org default) get. */
export const STRICTEST_EDITION: Edition = "production";

/** One policy's entry as the Pulumi Cloud API takes it: `enforcementLevel` plus properties. */
export type ServicePolicyConfig = Readonly<Record<string, unknown>>;

/**
 * A profile in the shape Pulumi Cloud's policy-group API stores: every entry an object. A level
 * string ("mandatory") becomes `{ enforcementLevel: "mandatory" }`, as `pulumi policy enable
 * --config` converts a config file before sending it (pulumi/pulumi pkg/cmd/pulumi/policy/
 * policy_enable.go, marshalAnalyzerPolicyConfig); objects pass unchanged.
 */
export function toServiceConfig(profile: PackProfile): Record<string, ServicePolicyConfig> {
  const config: Record<string, ServicePolicyConfig> = {};
  for (const [policy, entry] of Object.entries(profile)) {
    config[policy] =
      typeof entry === "string"
        ? { enforcementLevel: entry }
        : { ...(entry as Record<string, unknown>) };
  }
  return config;
}
