import { Policies } from "@pulumi/policy";
import { computePolicies } from "./compute";
import { databasePolicies } from "./database";
import { edgePolicies } from "./edge";
import { identityPolicies } from "./identity";
import { loadBalancingPolicies } from "./loadbalancing";
import { loggingPolicies } from "./logging";
import { networkPolicies } from "./network";
import { networkAclPolicies } from "./network-acl";
import { operationsPolicies } from "./operations";
import { regionPolicies } from "./region";
import { secretsPolicies } from "./secrets";
import { storagePolicies } from "./storage";

/** Every policy of the pack, in the order the engine reports them. */
export const allPolicies: Policies = [
  ...networkPolicies,
  ...networkAclPolicies,
  ...computePolicies,
  ...databasePolicies,
  ...identityPolicies,
  ...loadBalancingPolicies,
  ...edgePolicies,
  ...loggingPolicies,
  ...operationsPolicies,
  ...storagePolicies,
  ...secretsPolicies,
  ...regionPolicies,
];
