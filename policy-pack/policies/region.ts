import { ResourceValidationPolicy } from "@pulumi/policy";
import { peek, schema, settings, UNKNOWN_VALUE } from "../lib/policy-kit";
import { asString, asStrings, get, has } from "../lib/values";

const regionDefaults = { allowedRegions: [] as string[] };

export const allowedRegions: ResourceValidationPolicy = {
  name: "allowed-regions",
  description:
    "CMP-1: AWS providers and resources that set a region use only the allowed regions (config allowedRegions; no restriction when empty).",
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
    if (allowed.length === 0 || !has(args.props, "region")) {
      return;
    }
    const region = peek(() => asString(get(args.props, "region")));
    if (region === UNKNOWN_VALUE || region === undefined || region.trim() === "") {
      return;
    }
    if (!allowed.includes(region.trim().toLowerCase())) {
      report(
        `CMP-1: ${isProvider ? "provider" : "resource"} '${args.name}' has region "${region}"; use one of the allowed regions ${allowed.join(", ")}.`,
      );
    }
  },
};

export const regionPolicies = [allowedRegions];
