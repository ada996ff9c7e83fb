import { ResourceValidationPolicy } from "@pulumi/policy";
import { readPath } from "../lib/paths";
import { notKnownYet, peek, runChecks, schema, settings, UNKNOWN_VALUE } from "../lib/policy-kit";
import { regionFieldsOf, regionOf } from "../lib/regions";
import { asString, asStrings, get, has } from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";

const regionDefaults = POLICY_DEFAULTS["allowed-regions"];

export const allowedRegions: ResourceValidationPolicy = {
  name: "allowed-regions",
  description:
    "CMP-1: AWS providers and resources that set a region use only the allowed regions (config allowedRegions; no restriction when empty), and no resource replicates or copies its data to another region through a nested field (DynamoDB replicas, ECR replication, Secrets Manager replicas, AWS Backup copy actions, snapshot copies, S3 replication to a regional ARN...; the list is data in lib/regions.ts).",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      allowedRegions: {
        type: "array",
        items: { type: "string" },
        description: "Regions data may live in; empty = any.",
      },
    },
    regionDefaults,
  ),
  validateResource: (args, report) => {
    const isProvider = args.type === "pulumi:providers:aws";
    if (!isProvider && !args.type.startsWith("aws:")) {
      return;
    }
    const allowed = asStrings(settings(args, regionDefaults).allowedRegions).map((r) =>
      r.trim().toLowerCase(),
    );
    if (allowed.length === 0) {
      return;
    }
    const fix = `use one of the allowed regions ${allowed.join(", ")}`;
    runChecks(
      () => {
        if (!has(args.props, "region")) {
          return;
        }
        const region = peek(() => asString(get(args.props, "region")));
        if (region === UNKNOWN_VALUE || region === undefined || region.trim() === "") {
          return;
        }
        if (!allowed.includes(region.trim().toLowerCase())) {
          report(
            `CMP-1: ${isProvider ? "provider" : "resource"} '${args.name}' has region "${region}"; ${fix}.`,
          );
        }
      },
      ...regionFieldsOf(args.type).map((field) => () => {
        const { values, unknownAt } = readPath(args.props, field.path);
        for (const { where, value } of values) {
          const region = regionOf(value, field.form);
          if (region !== undefined && !allowed.includes(region)) {
            report(
              `CMP-1: resource '${args.name}' sends ${field.what} to region "${region}" (${where}); ${fix}, or remove the cross-region ${field.form === "arn" ? "destination" : "replica"}.`,
            );
          }
        }
        if (unknownAt !== undefined) {
          // Judged at update, when the destination is known.
          throw notKnownYet([args.name, unknownAt]);
        }
      }),
    );
  },
};

export const regionPolicies = [allowedRegions];
