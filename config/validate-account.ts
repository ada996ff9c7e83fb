/**
 * Where the stack may run (CMP-1) and what exists once per account rather than per stack: the
 * multi-region trail (IAM-3) and AWS Config's recording of global (IAM) types (MON-3). A second
 * region or account needs neither again (README, Operations, "A second region or account").
 */
import { COMMON_DEFAULTS } from "./editions";
import { RawConfig } from "./raw-config";
import { ConfigReport, configKey as key } from "./report";
import * as rules from "./rules";
import { CLOUD_TRAIL_MODES, CloudTrailMode, Settings } from "./types";

/** CMP-1: `aws:region` is set and among `allowedRegions`. */
export function validateRegions(
  input: RawConfig,
  region: string | undefined,
  report: ConfigReport,
): Pick<Settings, "region" | "allowedRegions"> {
  const allowedRegions = input.allowedRegions ?? (region ? [region] : []);
  if (input.allowedRegions !== undefined && input.allowedRegions.length === 0) {
    report.issue(
      ["allowedRegions"],
      `is empty; list the regions data may live in, e.g. ["eu-west-1"] (CMP-1).`,
    );
  }
  (input.allowedRegions ?? []).forEach((name, index) =>
    report.check(["allowedRegions", String(index)], name, rules.regionRule),
  );
  if (!region) {
    report.issueAt(
      "aws:region",
      `is required; set it with "pulumi config set aws:region <region>" (CMP-1).`,
    );
  } else if (!allowedRegions.includes(region)) {
    report.issueAt(
      "aws:region",
      `"${region}" is not in ${key(["allowedRegions"])} (${allowedRegions.join(", ")}); deploy to an allowed region or add it there deliberately (CMP-1).`,
    );
  }
  return { region: region as string, allowedRegions };
}

/** The account-wide trail and recorder, built by this stack or elsewhere. */
export function validateAccountScope(
  input: RawConfig,
  report: ConfigReport,
): Pick<Settings, "accountBaseline" | "cloudTrail" | "recordGlobalResourceTypes"> {
  const accountBaseline = input.accountBaseline ?? COMMON_DEFAULTS.accountBaseline;
  const cloudTrail = input.cloudTrail ?? COMMON_DEFAULTS.cloudTrail;
  if (!(CLOUD_TRAIL_MODES as readonly string[]).includes(cloudTrail)) {
    report.issue(
      ["cloudTrail"],
      `"${cloudTrail}" is not a trail mode; set "create" (this stack builds the account's multi-region trail) or "existing" (the account's trail is built elsewhere: the stack of its first region, an organization trail, Control Tower) (IAM-3).`,
    );
  }
  if (!accountBaseline && input.cloudTrail === undefined) {
    report.warn(
      `${key(["cloudTrail"])}: unset, so this stack builds its own multi-region trail although ${key(["accountBaseline"])} is false. If the account's trail is also built elsewhere (Control Tower, an organization trail, the account's first stack), set "existing": CloudTrail charges for every copy of management events after the first. Set "create" to keep this stack's trail and silence this warning (IAM-3).`,
    );
  }
  if (!accountBaseline && input.recordGlobalResourceTypes !== undefined) {
    report.warn(
      `${key(["recordGlobalResourceTypes"])}: ignored because ${key(["accountBaseline"])} is false; this stack builds no AWS Config recorder (MON-3).`,
    );
  }
  return {
    accountBaseline,
    cloudTrail: cloudTrail as CloudTrailMode,
    recordGlobalResourceTypes:
      input.recordGlobalResourceTypes ?? COMMON_DEFAULTS.recordGlobalResourceTypes,
  };
}
