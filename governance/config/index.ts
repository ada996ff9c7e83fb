/** The only place the governance program reads configuration. */
import * as pulumi from "@pulumi/pulumi";
import { GovernanceSettings, validateGovernanceConfig } from "./validate";

export * from "./validate";

export function loadSettings(): GovernanceSettings {
  return validateGovernanceConfig(pulumi.runtime.allConfig());
}
