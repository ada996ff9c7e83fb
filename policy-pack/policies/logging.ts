import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  forTypes,
  peek,
  PolicyResource,
  runChecks,
  schema,
  settings,
  UNKNOWN_VALUE,
} from "../lib/policy-kit";
import { managementCoverage } from "../lib/trail-selectors";
import { asBool, asNumber, asString, get, has, show } from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";
import { CATALOGUE } from "../controls/catalogue";

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export const cloudtrailConfigured: ResourceValidationPolicy = {
  name: "cloudtrail-configured",
  description:
    'IAM-3, CMP-3: Every CloudTrail trail is logging, validates log files and encrypts with a KMS key (kmsKeyId "" is unset). Which trail must be multi-region and record all management events is judged over the stack (stack-has-cloudtrail), so a supplemental single-region data-event trail passes.',
  enforcementLevel: "mandatory",
  validateResource: forTypes(TRAIL, (props, args, report) => {
    const flag = (key: string, fix: string, dflt?: boolean) => () => {
      const v = get(props, key);
      const b = asBool(v) ?? (v === undefined ? dflt : undefined);
      if (b !== true) {
        report(`IAM-3: trail '${args.name}' has ${key} ${show(v)}; ${fix}`);
      }
    };
    runChecks(
      flag("enableLogging", "set enableLogging to true (or leave it unset).", true),
      flag(
        "enableLogFileValidation",
        "set enableLogFileValidation to true so tampering is detectable.",
      ),
      () => {
        const key = has(props, "kmsKeyId")
          ? peek(() => asString(get(props, "kmsKeyId")))
          : undefined;
        if (key !== UNKNOWN_VALUE && (key === undefined || key.trim() === "")) {
          report(
            `IAM-3: trail '${args.name}' has kmsKeyId ${show(get(props, "kmsKeyId"))}; set kmsKeyId to a KMS key ARN so log files are encrypted with it.`,
          );
        }
      },
    );
  }),
};

const trailDefaults = POLICY_DEFAULTS["stack-has-cloudtrail"];
// In the order a message names them: the workload first, then what merely belongs to it.
const AUDITED_PREFIXES = [
  "aws:ec2/instance:",
  "aws:rds/instance:",
  "aws:rds/cluster:",
  "aws:autoscaling/group:",
  "aws:ec2/launchTemplate:",
  "aws:rds/",
];

/** Why a trail is not the stack's baseline trail; undefined when it is; UNKNOWN_VALUE at preview. */
function baselineGap(trail: PolicyResource): string | undefined | typeof UNKNOWN_VALUE {
  return peek(() => {
    const props = trail.props as Record<string, unknown>;
    if (asBool(get(props, "isMultiRegionTrail")) !== true) {
      return `'${trail.name}' is not multi-region (isMultiRegionTrail ${show(get(props, "isMultiRegionTrail"))})`;
    }
    if (asBool(get(props, "enableLogging")) === false) {
      return `'${trail.name}' has enableLogging false`;
    }
    const coverage = managementCoverage(props);
    return coverage.all ? undefined : `'${trail.name}' ${coverage.detail}`;
  });
}

export const stackHasCloudtrail: StackValidationPolicy = {
  name: "stack-has-cloudtrail",
  description:
    "IAM-3: A stack with EC2 or RDS resources has a CloudTrail trail that is multi-region, logging and records read and write management events (eventSelectors readWriteType All with management events, or advancedEventSelectors that select them); other trails beside it, such as single-region data-event trails, pass. requireTrailInStack false where the account baseline provides the trail.",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      requireTrailInStack: {
        type: "boolean",
        description:
          "Require a multi-region, management-event aws.cloudtrail.Trail in any stack with EC2/RDS resources.",
      },
    },
    trailDefaults,
  ),
  validateStack: (args, report) => {
    if (settings(args, trailDefaults).requireTrailInStack !== true) {
      return;
    }
    let audited: PolicyResource | undefined;
    for (const prefix of AUDITED_PREFIXES) {
      audited = args.resources.find((r) => r.type.startsWith(prefix));
      if (audited) {
        break;
      }
    }
    if (!audited) {
      return;
    }
    const trails = args.resources.filter((r) => r.type === TRAIL);
    if (trails.length === 0) {
      report(
        `IAM-3: the stack has ${audited.type} '${audited.name}' but no aws.cloudtrail.Trail; add a multi-region trail with log-file validation and KMS (or set requireTrailInStack false where the account baseline owns it).`,
      );
      return;
    }
    const gaps = trails.map(baselineGap);
    if (gaps.some((g) => g === undefined || g === UNKNOWN_VALUE)) {
      return; // a baseline trail exists, or one is not known yet (decided at update)
    }
    report(
      `IAM-3: the stack has ${audited.type} '${audited.name}' but no trail that is multi-region and records read and write management events: ${gaps.join("; ")}; make one trail isMultiRegionTrail true with readWriteType All and management events included.`,
    );
  },
};

const retentionDefaults = POLICY_DEFAULTS["log-group-retention"];
const MIN_LOG_DAYS = CATALOGUE.controls["MON-2"].values.minLogRetentionDays;

export const logGroupRetention: ResourceValidationPolicy = {
  name: "log-group-retention",
  description: `MON-2, CMP-3: CloudWatch log groups keep logs at least the profile's minimum days (production ${MIN_LOG_DAYS.production}, sandbox ${MIN_LOG_DAYS.sandbox}; never-expire is fine) and are encrypted with a KMS key.`,
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      minLogRetentionDays: {
        type: "number",
        minimum: 1,
        description: "Minimum retentionInDays (0/unset = never expire passes).",
      },
      requireKms: { type: "boolean", description: "Require kmsKeyId on log groups." },
    },
    retentionDefaults,
  ),
  validateResource: forTypes(LOG_GROUP, (props, args, report) => {
    const cfg = settings(args, retentionDefaults);
    const min = asNumber(cfg.minLogRetentionDays) ?? retentionDefaults.minLogRetentionDays;
    runChecks(
      () => {
        const v = get(props, "retentionInDays");
        const days = asNumber(v);
        if (v !== undefined && v !== null && (days === undefined || (days !== 0 && days < min))) {
          report(
            `MON-2: log group '${args.name}' has retentionInDays ${show(v)}; set it to at least ${min} days.`,
          );
        }
      },
      () => {
        if (cfg.requireKms === true) {
          const key = has(props, "kmsKeyId")
            ? peek(() => asString(get(props, "kmsKeyId")))
            : undefined;
          if (key !== UNKNOWN_VALUE && (key === undefined || key === "")) {
            report(
              `MON-2: log group '${args.name}' has kmsKeyId unset; set kmsKeyId to a KMS key ARN (the key policy must allow CloudWatch Logs).`,
            );
          }
        }
      },
    );
  }),
};

// ---- MON-3: AWS Config --------------------------------------------------------------------------

const RECORDER = "aws:cfg/recorder:Recorder";
const RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";
const DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";

export const configRecorderAllSupported: ResourceValidationPolicy = {
  name: "config-recorder-all-supported",
  description:
    "MON-3: AWS Config recorders record every supported resource type (recordingGroup.allSupported true), not a hand-picked list.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(RECORDER, (props, args, report) => {
    const v = get(get(props, "recordingGroup"), "allSupported");
    if (asBool(v) !== true) {
      report(
        `MON-3: config recorder '${args.name}' has recordingGroup.allSupported ${show(v)}; set recordingGroup.allSupported to true (and drop resourceTypes) so every supported resource is recorded.`,
      );
    }
  }),
};

export const configRecorderEnabled: ResourceValidationPolicy = {
  name: "config-recorder-enabled",
  description:
    "MON-3: AWS Config recording is on: every aws.cfg.RecorderStatus has isEnabled true.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(RECORDER_STATUS, (props, args, report) => {
    const v = get(props, "isEnabled");
    if (asBool(v) !== true) {
      report(
        `MON-3: config recorder status '${args.name}' has isEnabled ${show(v)}; set isEnabled to true so the recorder actually records.`,
      );
    }
  }),
};

export const configRecorderHasDeliveryChannel: StackValidationPolicy = {
  name: "config-recorder-has-delivery-channel",
  description:
    "MON-3: A stack with an AWS Config recorder also has an aws.cfg.DeliveryChannel (to S3); without one the recorder cannot start.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const recorder = args.resources.find((r) => r.type === RECORDER);
    if (recorder && !args.resources.some((r) => r.type === DELIVERY_CHANNEL)) {
      report(
        `MON-3: the stack has config recorder '${recorder.name}' but no aws.cfg.DeliveryChannel; add a delivery channel with s3BucketName set to the (private, encrypted) audit bucket.`,
        recorder.urn,
      );
    }
  },
};

export const loggingPolicies = [
  cloudtrailConfigured,
  stackHasCloudtrail,
  logGroupRetention,
  configRecorderAllSupported,
  configRecorderEnabled,
  configRecorderHasDeliveryChannel,
];
