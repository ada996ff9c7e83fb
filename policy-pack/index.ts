import "./lib/fast-start"; // must precede @pulumi/policy: trims the engine's start-up, changes nothing else
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

// Constructing the pack starts the engine's gRPC server and prints its port: nothing else here.
new PolicyPack("decision-control-guard", {
  description:
    "Decision Control security controls (NET, IAM, DATA, APP, ACC, MON, CMP, IR) for any AWS program.",
  enforcementLevel: "mandatory",
  policies: allPolicies,
});
