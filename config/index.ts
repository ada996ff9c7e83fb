/**
 * The only place the program reads configuration. Components receive `Settings`, never
 * `pulumi.Config`, so every rule is enforced once, before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { validateConfig, ValidationResult } from "./validate";

export * from "./types";
export { ConfigError, CONFIG_KEYS, PROJECT_NAME, validateConfig } from "./validate";
export { EDITIONS, COMPLIANCE_FLOORS, COMMON_DEFAULTS } from "./editions";

/** Reads the stack's config (and `aws:region`) and validates it; warnings go to the Pulumi log. */
export function loadSettings(): ValidationResult {
  const raw = pulumi.runtime.allConfig();
  const region = raw["aws:region"] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const result = validateConfig(raw, {
    region,
    stack: pulumi.getStack(),
    project: pulumi.getProject(),
  });
  result.warnings.forEach((warning) => pulumi.log.warn(warning));
  return result;
}
