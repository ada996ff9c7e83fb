import { Policies } from "@pulumi/policy";
import { computePolicies } from "./compute";
import { databasePolicies } from "./database";
import { databaseExposurePolicies } from "./database-exposure";
import { databaseTlsPolicies } from "./database-tls";
import { identityPolicies } from "./identity";
import { loadBalancingPolicies } from "./loadbalancing";
import { loggingPolicies } from "./logging";
import { networkPolicies } from "./network";
import { operationsPolicies } from "./operations";
import { regionPolicies } from "./region";
import { resourcePolicies } from "./resource-policies";
import { secretsPolicies } from "./secrets";
import { storagePolicies } from "./storage";

/** Every policy of the pack, in the order the engine reports them. */
export const allPolicies: Policies = [
  ...networkPolicies,
  ...computePolicies,
  ...databasePolicies,
  ...databaseExposurePolicies,
  ...databaseTlsPolicies,
  ...identityPolicies,
  ...resourcePolicies,
  ...loadBalancingPolicies,
  ...loggingPolicies,
  ...operationsPolicies,
  ...storagePolicies,
  ...secretsPolicies,
  ...regionPolicies,
];
