import { strict as assert } from "assert";
import { Settings } from "../../config";
import { Audit } from "../../components/audit";
import { CIS_METRIC_ALARMS } from "../../components/shared/cis-alarms";
import { ProgramRun, RegisteredResource, runProgramOnce, runWithMocks } from "../harness/program";
import {
  asList,
  dependsOnName,
  iamPatternMatches,
  MOCK_ACCOUNT_ID,
  MOCK_REGION,
  settingsFor,
  statement,
  statementsOf,
  withProvider,
} from "./fixtures";

const KEY_ARN = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/stack-key`;
const TOPIC_ARN = `arn:aws:sns:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:mon-alarms`;
/** The app log groups as `AppLogGroups` names them: per creation, so only their ARNs are known. */
const APP_GROUP_ARNS = ["application", "system"].map(
  (kind) =>
    `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:/aletyx/${kind}/decision-control-production-20260101000000000000000001`,
);

function build(settings: Settings): Promise<ProgramRun> {
  return runWithMocks(settings.stack, {}, () => {
    new Audit(
      "audit",
      {
        project: settings.project,
        stack: settings.stack,
        region: settings.region,
        kmsKeyArn: KEY_ARN,
        retentionDays: settings.logRetentionDays,
        alarmTopicArn: TOPIC_ARN,
        logExportGroupArns: APP_GROUP_ARNS,
      },
      withProvider(),
    );
    return {};
  });
}

const retentionCases = [
  { label: "sandbox", settings: settingsFor("sandbox"), days: 30 },
  { label: "production", settings: settingsFor("production"), days: 90 },
  {
    label: "production, regulated",
    settings: settingsFor("production", { complianceProfile: "regulated" }),
    days: 365,
  },
];

for (const { label, settings, days } of retentionCases) {
  describe(`Audit (${label})`, () => {
    const trail = `decision-control-${settings.stack}-trail`;
    const trailArn = `arn:aws:cloudtrail:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:trail/${trail}`;
    let run: ProgramRun;
    let bucket: RegisteredResource;
    let bucketArn: string;
    before(async () => {
      run = await build(settings);
      assert.equal(run.error, undefined, run.error?.message);
      bucket = run.get("aws:s3/bucket:Bucket", "audit-bucket");
      bucketArn = bucket.state.arn as string;
    });

    it(`CMP-3: audit objects and their noncurrent versions expire after ${days} days`, () => {
      const lifecycle = run.get(
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "audit-bucket-lifecycle",
      );
      const [rule] = lifecycle.inputs.rules as Record<string, unknown>[];
      assert.equal(rule.status, "Enabled");
      assert.ok(
        rule.filter === undefined ||
          Object.keys(rule.filter as object).length === 0 ||
          (rule.filter as { prefix?: string }).prefix === "",
        "applies to every object",
      );
      assert.deepEqual(rule.expiration, { days });
      assert.deepEqual(rule.noncurrentVersionExpiration, { noncurrentDays: days });
    });

    it(`CMP-3: the trail's log group keeps ${days} days, encrypted with the stack key, protected, named per creation`, () => {
      const group = run.get("aws:cloudwatch/logGroup:LogGroup", "audit-trail-logs");
      assert.deepEqual(
        [
          group.inputs.name,
          group.inputs.namePrefix,
          group.inputs.retentionInDays,
          group.inputs.kmsKeyId,
          group.protect,
        ],
        [undefined, `/aws/cloudtrail/decision-control-${settings.stack}-`, days, KEY_ARN, true],
      );
    });

    if (label !== "production") {
      return;
    }

    it("IAM-3: the audit bucket is protected and retained if the stack is destroyed", () => {
      assert.equal(bucket.protect, true);
      assert.equal(bucket.retainOnDelete, true);
      assert.equal(bucket.inputs.forceDestroy, false);
    });

    it("CMP-2: SSE-KMS with the stack key and an S3 bucket key", () => {
      const encryption = run.get(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "audit-bucket-encryption",
      );
      assert.equal(encryption.inputs.bucket, bucket.state.id);
      assert.deepEqual(encryption.inputs.rules, [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
          bucketKeyEnabled: true,
        },
      ]);
    });

    it("IAM-3: versioning on, ACLs disabled (bucket owner enforced), all four public-access blocks", () => {
      assert.deepEqual(
        run.get("aws:s3/bucketVersioning:BucketVersioning", "audit-bucket-versioning").inputs
          .versioningConfiguration,
        { status: "Enabled" },
      );
      assert.deepEqual(
        run.get("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "audit-bucket-ownership")
          .inputs.rule,
        { objectOwnership: "BucketOwnerEnforced" },
      );
      const block = run.get(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "audit-bucket-public-access",
      ).inputs;
      assert.deepEqual(
        [
          block.blockPublicAcls,
          block.blockPublicPolicy,
          block.ignorePublicAcls,
          block.restrictPublicBuckets,
        ],
        [true, true, true, true],
      );
    });

    it("IAM-3: the bucket policy denies every request that is not over TLS", () => {
      const deny = statement(
        run.get("aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy"),
        "DenyInsecureTransport",
      );
      assert.deepEqual(
        [deny.Effect, deny.Principal, deny.Action, deny.Resource, deny.Condition],
        [
          "Deny",
          "*",
          "s3:*",
          [bucketArn, `${bucketArn}/*`],
          { Bool: { "aws:SecureTransport": "false" } },
        ],
      );
    });

    it("IAM-3: only this stack's trail may write AWSLogs/<account>/, with bucket-owner-full-control", () => {
      const policy = run.get("aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy");
      const acl = statement(policy, "CloudTrailAclCheck");
      assert.deepEqual(
        [acl.Action, acl.Resource, acl.Condition],
        ["s3:GetBucketAcl", bucketArn, { StringEquals: { "aws:SourceArn": trailArn } }],
      );
      const write = statement(policy, "CloudTrailWrite");
      assert.deepEqual(
        [write.Principal, write.Action, write.Resource, write.Condition],
        [
          { Service: "cloudtrail.amazonaws.com" },
          "s3:PutObject",
          `${bucketArn}/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
          {
            StringEquals: {
              "s3:x-amz-acl": "bucket-owner-full-control",
              "aws:SourceArn": trailArn,
            },
          },
        ],
      );
    });

    it("MON-3: AWS Config of this account may check the bucket and write only config/AWSLogs/<account>/Config/", () => {
      const policy = run.get("aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy");
      const thisAccount = { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } };
      assert.deepEqual(statement(policy, "ConfigBucketPermissionsCheck").Condition, thisAccount);
      assert.equal(statement(policy, "ConfigBucketPermissionsCheck").Action, "s3:GetBucketAcl");
      assert.equal(statement(policy, "ConfigBucketExistenceCheck").Action, "s3:ListBucket");
      const delivery = statement(policy, "ConfigBucketDelivery");
      assert.deepEqual(
        [delivery.Resource, delivery.Condition],
        [
          `${bucketArn}/config/AWSLogs/${MOCK_ACCOUNT_ID}/Config/*`,
          {
            StringEquals: {
              "s3:x-amz-acl": "bucket-owner-full-control",
              "aws:SourceAccount": MOCK_ACCOUNT_ID,
            },
          },
        ],
      );
    });

    it("IR-2: CloudWatch Logs of this region may export only the app log groups, by their real ARNs, only under exports/", () => {
      const policy = run.get("aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy");
      // The group and its `:*` form, nothing wider: no name-prefix wildcard.
      const groups = APP_GROUP_ARNS.flatMap((arn) => [arn, `${arn}:*`]);
      const write = statement(policy, "LogsExportWrite");
      assert.deepEqual(
        [write.Principal, write.Action, write.Resource, write.Condition],
        [
          { Service: `logs.${MOCK_REGION}.amazonaws.com` },
          "s3:PutObject",
          `${bucketArn}/exports/*`,
          {
            StringEquals: {
              "s3:x-amz-acl": "bucket-owner-full-control",
              "aws:SourceAccount": MOCK_ACCOUNT_ID,
            },
            ArnLike: { "aws:SourceArn": groups },
          },
        ],
      );
      assert.deepEqual(statement(policy, "LogsExportAclCheck").Condition?.ArnLike, {
        "aws:SourceArn": groups,
      });
    });

    it("IAM-3: no other principal is allowed anything on the bucket", () => {
      const allowed = statementsOf(
        run.get("aws:s3/bucketPolicy:BucketPolicy", "audit-bucket-policy"),
      )
        .filter((each) => each.Effect === "Allow")
        .flatMap((each) => asList((each.Principal as Record<string, string>).Service));
      assert.deepEqual([...new Set(allowed)].sort(), [
        "cloudtrail.amazonaws.com",
        "config.amazonaws.com",
        `logs.${MOCK_REGION}.amazonaws.com`,
      ]);
    });

    it("IAM-3: a multi-region, logging trail of read and write management events with log-file validation, KMS-encrypted", () => {
      const resource = run.get("aws:cloudtrail/trail:Trail", "audit-trail");
      const inputs = resource.inputs;
      assert.deepEqual(
        [
          inputs.name,
          inputs.s3BucketName,
          inputs.isMultiRegionTrail,
          inputs.includeGlobalServiceEvents,
          inputs.enableLogging,
          inputs.enableLogFileValidation,
          inputs.kmsKeyId,
        ],
        [trail, bucket.state.id, true, true, true, true, KEY_ARN],
      );
      assert.deepEqual(inputs.eventSelectors, [
        { readWriteType: "All", includeManagementEvents: true },
      ]);
      assert.ok(
        dependsOnName(resource, "audit-bucket-policy"),
        "the trail waits for the bucket policy",
      );
    });

    it("IAM-3: the trail also delivers to its log group through a role CloudTrail assumes with AWS's documented trust (no condition keys CloudTrail does not send), limited to its streams", () => {
      const group = run.get("aws:cloudwatch/logGroup:LogGroup", "audit-trail-logs");
      const resource = run.get("aws:cloudtrail/trail:Trail", "audit-trail");
      const role = run.get("aws:iam/role:Role", "audit-trail-to-logs");
      assert.equal(resource.inputs.cloudWatchLogsGroupArn, `${group.state.arn}:*`);
      assert.equal(resource.inputs.cloudWatchLogsRoleArn, role.state.arn);
      assert.deepEqual(statementsOf(role, "assumeRolePolicy"), [
        {
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]);
      const streams = `${group.state.arn}:log-stream:${MOCK_ACCOUNT_ID}_CloudTrail_${MOCK_REGION}*`;
      const permissions = statementsOf(
        run.get("aws:iam/rolePolicy:RolePolicy", "audit-trail-to-logs"),
      );
      assert.deepEqual(
        permissions.map((each) => [each.Action, each.Resource]),
        [
          ["logs:CreateLogStream", streams],
          ["logs:PutLogEvents", streams],
        ],
      );
    });

    it("IAM-3: CIS metric filters on the trail's log group (its real name) with exact Security Hub patterns, alarming the topic at 1 event", () => {
      const groupName = run.get("aws:cloudwatch/logGroup:LogGroup", "audit-trail-logs").state.name;
      assert.match(String(groupName), /^\/aws\/cloudtrail\/decision-control-production-\d{26}$/);
      assert.deepEqual(
        CIS_METRIC_ALARMS.map((cis) => cis.control),
        ["CloudWatch.1", "CloudWatch.4", "CloudWatch.5", "CloudWatch.6", "CloudWatch.10"],
      );
      for (const cis of CIS_METRIC_ALARMS) {
        const filter = run.get(
          "aws:cloudwatch/logMetricFilter:LogMetricFilter",
          `audit-${cis.suffix}`,
        );
        assert.equal(filter.inputs.logGroupName, groupName);
        assert.equal(filter.inputs.pattern, cis.pattern);
        const alarm = run.get("aws:cloudwatch/metricAlarm:MetricAlarm", `audit-${cis.suffix}`);
        assert.deepEqual(
          [
            alarm.inputs.name,
            alarm.inputs.metricName,
            alarm.inputs.threshold,
            alarm.inputs.comparisonOperator,
            alarm.inputs.alarmActions,
            alarm.inputs.treatMissingData,
          ],
          [
            `decision-control-production-${cis.suffix}`,
            cis.metricName,
            1,
            "GreaterThanOrEqualToThreshold",
            [TOPIC_ARN],
            "notBreaching",
          ],
        );
      }
    });

    it("IAM-3: the CIS patterns carry the event names CIS lists (spot check against typos)", () => {
      const byControl = Object.fromEntries(
        CIS_METRIC_ALARMS.map((cis) => [cis.control, cis.pattern]),
      );
      assert.match(byControl["CloudWatch.1"], /\$\.userIdentity\.type="Root"/);
      assert.match(byControl["CloudWatch.6"], /\$\.errorMessage="Failed authentication"/);
      for (const event of ["StopLogging", "DeleteTrail", "UpdateTrail"])
        assert.ok(byControl["CloudWatch.5"].includes(`($.eventName=${event})`));
      for (const event of [
        "AuthorizeSecurityGroupIngress",
        "RevokeSecurityGroupEgress",
        "DeleteSecurityGroup",
      ])
        assert.ok(byControl["CloudWatch.10"].includes(`($.eventName=${event})`));
      assert.equal((byControl["CloudWatch.4"].match(/\$\.eventName=/g) ?? []).length, 16);
    });
  });
}

describe("Audit without export groups", () => {
  it("IR-2: refuses to be built without the log groups CloudWatch Logs may export (no name wildcard to fall back to)", async () => {
    const settings = settingsFor("production");
    const run = await runWithMocks(settings.stack, {}, () => {
      new Audit(
        "audit",
        {
          project: settings.project,
          stack: settings.stackLabel,
          region: settings.region,
          kmsKeyArn: KEY_ARN,
          retentionDays: settings.logRetentionDays,
          alarmTopicArn: TOPIC_ARN,
          logExportGroupArns: [],
        },
        withProvider(),
      );
      return {};
    });
    assert.match(String(run.error?.message), /logExportGroupArns must name at least one log group/);
  });
});

describe("StackKey for audit delivery", () => {
  it("IR-2: the stack key lets CloudWatch Logs of this region use data keys only for the audit bucket and its exports/ objects, with no condition S3 may not forward", async () => {
    const { StackKey } = await import("../../components/stack-key");
    const bucketArn = "arn:aws:s3:::decision-control-production-audit-bucket-0a1b2c3";
    const run = await runWithMocks("production", {}, () => {
      new StackKey(
        "kms",
        {
          region: MOCK_REGION,
          project: "decision-control",
          stack: "production",
          logExportBucketArn: bucketArn,
        },
        withProvider(),
      );
      return {};
    });
    const exports = statement(
      run.get("aws:kms/key:Key", "kms-key"),
      "CloudWatchLogsExportsToAuditBucket",
    );
    assert.deepEqual(
      [exports.Effect, exports.Principal, exports.Action, exports.Resource, exports.Condition],
      [
        "Allow",
        { Service: `logs.${MOCK_REGION}.amazonaws.com` },
        ["kms:GenerateDataKey", "kms:Decrypt"],
        "*",
        {
          StringLike: {
            "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/exports/*`],
          },
        },
      ],
    );
  });
});

/**
 * The physical name AWS will give a bucket as the program registers it: its `bucket` input, else
 * its `bucketPrefix` plus the provider's 26-character suffix, else pulumi-aws's autoname (the
 * lowercased logical name, `-`, 7 random characters).
 */
function physicalBucketName(bucket: RegisteredResource): string {
  const inputs = bucket.inputs as { bucket?: string; bucketPrefix?: string };
  return (
    inputs.bucket ??
    (inputs.bucketPrefix !== undefined
      ? `${inputs.bucketPrefix}20240101123456789000000001`
      : `${bucket.name.toLowerCase()}-0a1b2c3`)
  );
}

for (const stack of ["sandbox", "production"] as const) {
  describe(`StackKey and the audit bucket in the program (${stack})`, () => {
    it("IR-2: the export grant matches the audit bucket (and objects under exports/) and no other bucket of the stack", async () => {
      const run = await runProgramOnce(stack);
      assert.equal(run.error, undefined, run.error?.message);
      const [key] = run.ofType("aws:kms/key:Key");
      const allowed = asList(
        statement(key, "CloudWatchLogsExportsToAuditBucket").Condition?.StringLike[
          "kms:EncryptionContext:aws:s3:arn"
        ],
      );
      const admits = (arn: string) => allowed.some((pattern) => iamPatternMatches(pattern, arn));
      const buckets = run.ofType("aws:s3/bucket:Bucket");
      const audit = run.get("aws:s3/bucket:Bucket", `decision-control-${stack}-audit-bucket`);
      const auditArn = String(audit.state.arn);
      assert.deepEqual(allowed, [auditArn, `${auditArn}/exports/*`], "the real bucket's ARN");
      assert.ok(admits(auditArn), `${allowed.join(", ")} admits ${auditArn}`);
      assert.ok(admits(`${auditArn}/exports/i-0123/2024-01-01T00-00-00-000Z/000000.gz`));
      assert.ok(!admits(`${auditArn}/AWSLogs/${MOCK_ACCOUNT_ID}/CloudTrail/x.json.gz`));
      const others = [
        ...buckets.filter((bucket) => bucket !== audit).map(physicalBucketName),
        // A bucket anyone could name after ours, and one in another stack.
        `${physicalBucketName(audit)}-copy`,
        `decision-control-${stack}-audit-bucket-logs-0a1b2c3`,
        `decision-control-other-audit-bucket-0a1b2c3`,
      ];
      for (const name of others) {
        const arn = `arn:aws:s3:::${name}`;
        assert.ok(!admits(arn) && !admits(`${arn}/exports/x`), `${arn} is not admitted`);
      }
    });
  });
}
