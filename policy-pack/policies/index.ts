import { Policies } from "@pulumi/policy";
import { computePolicies } from "./compute";
import { configRecorderPolicies } from "./config-recorder";
import { databasePolicies } from "./database";
import { edgePolicies } from "./edge";
import { databaseExposurePolicies } from "./database-exposure";
import { databaseTlsPolicies } from "./database-tls";
import { identityPolicies } from "./identity";
import { loadBalancingPolicies } from "./loadbalancing";
import { loggingPolicies } from "./logging";
import { withMetadata } from "./metadata";
import { networkPolicies } from "./network";
import { networkAclPolicies } from "./network-acl";
import { operationsPolicies } from "./operations";
import { regionPolicies } from "./region";
import { s3PublicPolicies } from "./s3-public";
import { resourcePolicies } from "./resource-policies";
import { secretsPolicies } from "./secrets";
import { storagePolicies } from "./storage";

/**
 * Every policy of the pack, in the order the engine reports them, each with its severity, tags,
 * remediation steps and framework reference (policies/metadata.ts).
 */
export const allPolicies: Policies = [
  ...networkPolicies,
  ...networkAclPolicies,
  ...computePolicies,
  ...databasePolicies,
  ...databaseExposurePolicies,
  ...databaseTlsPolicies,
  ...identityPolicies,
  ...resourcePolicies,
  ...loadBalancingPolicies,
  ...edgePolicies,
  ...loggingPolicies,
  ...configRecorderPolicies,
  ...operationsPolicies,
  ...storagePolicies,
  ...s3PublicPolicies,
  ...secretsPolicies,
  ...regionPolicies,
].map(withMetadata);
