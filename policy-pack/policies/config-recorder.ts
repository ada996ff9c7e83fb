// MON-3: an AWS Config recorder records everything: every supported type, global IAM types included,
// and no exclusion strategy.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes, runChecks, schema, settings } from "../lib/policy-kit";
import { asBool, asStrings, asString, elementReaders, get, show } from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";

const RECORDER = "aws:cfg/recorder:Recorder";
const ALL_SUPPORTED = "ALL_SUPPORTED_RESOURCE_TYPES";

const recorderDefaults = POLICY_DEFAULTS["config-recorder-records-everything"];

export const configRecorderRecordsEverything: ResourceValidationPolicy = {
  name: "config-recorder-records-everything",
  description:
    'MON-3: AWS Config recorders leave nothing out: recordingGroup.includeGlobalResourceTypes true (IAM users, groups, roles and policies are global types, recorded only when asked; set globalResourceTypesRecordedElsewhere where another region of the account records them), no recording strategy other than "ALL_SUPPORTED_RESOURCE_TYPES", and no exclusionByResourceTypes.',
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      globalResourceTypesRecordedElsewhere: {
        type: "boolean",
        description:
          "The account records the global IAM types in one other region (AWS's advice, to avoid duplicate items); recorders here may leave them out.",
      },
    },
    recorderDefaults,
  ),
  validateResource: forTypes(RECORDER, (props, args, report) => {
    const cfg = settings(args, recorderDefaults);
    const group = get(props, "recordingGroup");
    // Stryker disable next-line StringLiteral: message text
    const subject = `config recorder '${args.name}'`;
    runChecks(
      () => {
        if (cfg.globalResourceTypesRecordedElsewhere === true) {
          return;
        }
        const v = get(group, "includeGlobalResourceTypes");
        if (asBool(v) !== true) {
          report(
            `MON-3: ${subject} has recordingGroup.includeGlobalResourceTypes ${show(v)}, so IAM users, groups, roles and policies go unrecorded; set it to true in one region of the account (and globalResourceTypesRecordedElsewhere true in the others' policy config).`,
          );
        }
      },
      ...elementReaders(get(group, "recordingStrategies")).map((read, i) => () => {
        const v = get(read(), "useOnly");
        const strategy = (asString(v) ?? "").trim().toUpperCase();
        if (strategy !== ALL_SUPPORTED) {
          report(
            `MON-3: ${subject} has recordingGroup.recordingStrategies[${i}].useOnly ${show(v)}, which records only a chosen or a reduced set of types; use "${ALL_SUPPORTED}" (or drop recordingStrategies) with allSupported true.`,
          );
        }
      }),
      ...elementReaders(get(group, "exclusionByResourceTypes")).map((read, i) => () => {
        const types = asStrings(get(read(), "resourceTypes"));
        if (types.length > 0) {
          report(
            `MON-3: ${subject} excludes ${show(types)} (recordingGroup.exclusionByResourceTypes[${i}]); remove the exclusion so every supported type is recorded.`,
          );
        }
      }),
    );
  }),
};

export const configRecorderPolicies = [configRecorderRecordsEverything];
