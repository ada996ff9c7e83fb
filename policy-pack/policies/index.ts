import { Policies } from "@pulumi/policy";
import { computePolicies } from "./compute";
import { databasePolicies } from "./database";
import { identityPolicies } from "./identity";
import { loadBalancingPolicies } from "./loadbalancing";
import { loggingPolicies } from "./logging";
import { withMetadata } from "./metadata";
import { networkPolicies } from "./network";
import { operationsPolicies } from "./operations";
import { regionPolicies } from "./region";
import { secretsPolicies } from "./secrets";
import { storagePolicies } from "./storage";

/**
 * Every policy of the pack, in the order the engine reports them, each with its severity, tags,
 * remediation steps and framework reference (policies/metadata.ts).
 */
export const allPolicies: Policies = [
  ...networkPolicies,
  ...computePolicies,
  ...databasePolicies,
  ...identityPolicies,
  ...loadBalancingPolicies,
  ...loggingPolicies,
  ...operationsPolicies,
  ...storagePolicies,
  ...secretsPolicies,
  ...regionPolicies,
].map(withMetadata);
