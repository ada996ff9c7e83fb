/**
 * IAM-3, MON-3 (delivery), CMP-3: the audit bucket, the multi-region CloudTrail trail delivering to
 * it and to CloudWatch Logs, and the CIS metric filters and alarms on the trail's log group.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "./shared/aws-context";
import { AlarmTopic, logMetricAlarm, metricNamespace } from "./shared/alarms";
import { CONFIG_KEY_PREFIX, LOG_EXPORT_PREFIX } from "./shared/audit-layout";
import { CIS_METRIC_ALARMS } from "./shared/cis-alarms";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "./shared/iam-documents";
import { createSecureBucket } from "./shared/secure-bucket";
import { NAMED_ONCE_AT_CREATE, trailLogGroupNamePrefix, trailName } from "./shared/names";
import { StackIdentity } from "./shared/stack-identity";
import { keptAfterTeardown } from "./shared/stateful";

/** Logical name of the audit bucket of an `Audit` component named `auditName`. */
function auditBucketLogicalName(auditName: string): string {
  return `${auditName}-bucket`;
}

/** The identity names the trail and its log group; its region is the trail's home region. */
export interface AuditArgs extends StackIdentity {
  /** The stack key's ARN: bucket default encryption, trail log files and the trail's log group (CMP-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * Days audit objects (current and noncurrent versions) and the trail's log group are kept: the
   * stack's `logRetentionDays`, at least the edition's and profile's MON-2 floor (CMP-3). Must be a value
   * CloudWatch Logs accepts.
   */
  readonly retentionDays: number;
  /** The Monitoring topic; the CIS alarms notify it (IAM-3, MON-1). */
  readonly alarmTopicArn: pulumi.Input<string>;
  /**
   * ARNs (without `:*`) of the log groups CloudWatch Logs may export into the bucket (IR-2): the
   * app's groups (`AppLogGroups.arns`), exactly these, whatever their names. Required, non-empty.
   */
  readonly logExportGroupArns: readonly pulumi.Input<string>[];
  /**
   * Lifts `protect` from the bucket and the trail's log group so `pulumi destroy` can run; both
   * stay retained, the bucket with its configuration (CMP-3). Default false.
   */
  readonly teardown?: boolean;
  /**
   * IAM-3: build the account's multi-region trail, its log group and the CIS alarms on it; default
   * true. False (`cloudTrail: existing`) where the account's trail is built elsewhere: a second
   * trail records every management event again, and only the first copy is free. The bucket then
   * admits no CloudTrail delivery.
   */
  readonly createTrail?: boolean;
}

/** Service deliveries must hand the bucket owner full control of what they write. */
const ownerFullControl = { "s3:x-amz-acl": "bucket-owner-full-control" };

/** IAM-3: what CloudTrail needs on the bucket, for this stack's trail only (`aws:SourceArn`). */
function trailBucketStatements(
  bucketArn: pulumi.Output<string>,
  trailArn: pulumi.Input<string>,
  accountId: pulumi.Input<string>,
): PolicyStatement[] {
  return [
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { ...ownerFullControl, "aws:SourceArn": trailArn } },
    },
  ];
}

/**
 * The audit trail of the account as seen from this stack (IAM-3, CMP-3):
 * - an S3 bucket, SSE-KMS with the stack key and an S3 bucket key, versioned, object ownership
 *   enforced (no ACLs), all public access blocked, objects expiring after the edition's retention,
 *   TLS-only, writable only by this stack's trail, AWS Config of this account (under `config/`) and
 *   CloudWatch Logs exports of the app log groups (under `exports/`, for the incident command);
 *   protected, and retained with its configuration if the stack is destroyed;
 * - a multi-region trail of read and write management events with log-file validation, encrypted
 *   with the stack key, to the bucket and to an encrypted log group;
 * - CIS metric filters and alarms on that log group (root use, IAM policy, CloudTrail and
 *   security-group changes, console sign-in failures).
 * Without `createTrail` only the bucket is built: the trail and its alarms belong where it is built.
 * ALB access logs go to a separate SSE-S3 bucket built by the app tier: ALB log delivery supports
 * only SSE-S3, and this bucket's default is SSE-KMS.
 */
/** Refuses args the audit trail cannot serve. Pure: registers nothing. */
export function validateAuditArgs(name: string, args: Pick<AuditArgs, "logExportGroupArns">): void {
  if (args.logExportGroupArns.length === 0) {
    throw new Error(`Audit ${name}: logExportGroupArns must name at least one log group (IR-2).`);
  }
}

export class Audit extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketPolicy: aws.s3.BucketPolicy;
  /** Encryption, public-access block, ownership and policy: what a writer (Config) must wait for. */
  readonly bucketReady: readonly pulumi.Resource[];
  /** Absent without `createTrail`, as are its log group and ARN. */
  readonly trail?: aws.cloudtrail.Trail;
  readonly trailLogGroup?: aws.cloudwatch.LogGroup;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly trailArn?: pulumi.Output<string>;
  /** Empty without `createTrail`. */
  readonly cisAlarms: readonly aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAuditArgs(name, args);
    super("decision-control:audit:Audit", name, {}, opts);
    const { accountId, partition, region } = awsContext(args.region, this);
    const createTrail = args.createTrail ?? true;
    const expectedTrailArn = pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trailName(args.project, args.stack)}`;

    const thisAccount = { "aws:SourceAccount": accountId };
    const logsPrincipal = `logs.${region}.amazonaws.com`;
    // Exports only of the app's own log groups (the ones the incident command exports), by their
    // real ARNs: the group itself and its `:*` form, which export tasks may present as source.
    const appLogGroupsArn = pulumi.all(
      args.logExportGroupArns.flatMap((arn) => [pulumi.output(arn), pulumi.interpolate`${arn}:*`]),
    );
    // Private, versioned, TLS-only, SSE-KMS with a bucket key, expiring after the retention, and
    // protected + retained: audit records outlive the stack (CMP-3).
    const secure = createSecureBucket(
      auditBucketLogicalName(name),
      {
        encryption: { kind: "SSE-KMS", keyArn: args.kmsKeyArn },
        expirationDays: args.retentionDays,
        retain: true,
        teardown: args.teardown,
        statements: (bucketArn): pulumi.Input<PolicyStatement>[] => [
          ...(createTrail ? trailBucketStatements(bucketArn, expectedTrailArn, accountId) : []),
          {
            Sid: "ConfigBucketPermissionsCheck",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: { StringEquals: thisAccount },
          },
          {
            Sid: "ConfigBucketExistenceCheck",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: "s3:ListBucket",
            Resource: bucketArn,
            Condition: { StringEquals: thisAccount },
          },
          {
            Sid: "ConfigBucketDelivery",
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/${CONFIG_KEY_PREFIX}/AWSLogs/${accountId}/Config/*`,
            Condition: { StringEquals: { ...ownerFullControl, ...thisAccount } },
          },
          {
            Sid: "LogsExportAclCheck",
            Effect: "Allow",
            Principal: { Service: logsPrincipal },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: { StringEquals: thisAccount, ArnLike: { "aws:SourceArn": appLogGroupsArn } },
          },
          {
            Sid: "LogsExportWrite",
            Effect: "Allow",
            Principal: { Service: logsPrincipal },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/${LOG_EXPORT_PREFIX}/*`,
            Condition: {
              StringEquals: { ...ownerFullControl, ...thisAccount },
              ArnLike: { "aws:SourceArn": appLogGroupsArn },
            },
          },
        ],
      },
      this,
    );
    this.bucket = secure.bucket;
    this.bucketPolicy = secure.policy;
    this.bucketReady = secure.ready;
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    const trail = createTrail ? this.createTrail(name, args, accountId, region) : undefined;
    this.trail = trail?.trail;
    this.trailLogGroup = trail?.logGroup;
    this.cisAlarms = trail?.cisAlarms ?? [];
    this.trailArn = this.trail?.arn;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      trailArn: this.trailArn,
    });
  }

  /** IAM-3: the trail, to the bucket and to an encrypted log group, and the CIS alarms on it. */
  private createTrail(
    name: string,
    args: AuditArgs,
    accountId: pulumi.Output<string>,
    region: string,
  ): {
    trail: aws.cloudtrail.Trail;
    logGroup: aws.cloudwatch.LogGroup;
    cisAlarms: aws.cloudwatch.MetricAlarm[];
  } {
    const parent = { parent: this };
    const trailLogGroup = new aws.cloudwatch.LogGroup(
      `${name}-trail-logs`,
      {
        // Per creation (`/aws/cloudtrail/<stack prefix>-<26 characters>`): a teardown keeps the
        // group, and a re-created stack must not meet its name. The trail and the CIS filters
        // below take its real name and ARN.
        namePrefix: trailLogGroupNamePrefix(args.project, args.stack),
        retentionInDays: args.retentionDays,
        kmsKeyId: args.kmsKeyArn,
      },
      {
        parent: this,
        ...keptAfterTeardown(args.teardown ?? false),
        ignoreChanges: [...NAMED_ONCE_AT_CREATE],
      },
    );
    const trailDelivery = new aws.iam.Role(
      `${name}-trail-to-logs`,
      {
        description:
          "Lets CloudTrail deliver this stack's trail to its CloudWatch Logs group (IAM-3)",
        // The trust the CloudTrail guide documents for this role, without conditions: it says
        // confused-deputy prevention does not apply here (aws:SourceArn / aws:SourceAccount are not
        // supported), so a condition on a key CloudTrail may not send could refuse the role and
        // fail CreateTrail. The role's policy below limits it to this trail's own streams.
        assumeRolePolicy: serviceTrustPolicy("cloudtrail.amazonaws.com"),
      },
      parent,
    );
    // CloudTrail names its streams `<account>_CloudTrail_<region>...`; the role may write nothing else.
    const trailStreams = pulumi.interpolate`${trailLogGroup.arn}:log-stream:${accountId}_CloudTrail_${region}*`;
    const trailDeliveryPolicy = new aws.iam.RolePolicy(
      `${name}-trail-to-logs`,
      {
        role: trailDelivery.id,
        policy: policyDocument([
          {
            Sid: "CreateTrailStreams",
            Effect: "Allow",
            Action: "logs:CreateLogStream",
            Resource: trailStreams,
          },
          {
            Sid: "PutTrailEvents",
            Effect: "Allow",
            Action: "logs:PutLogEvents",
            Resource: trailStreams,
          },
        ]),
      },
      parent,
    );

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName(args.project, args.stack),
        s3BucketName: this.bucket.id,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        enableLogFileValidation: true,
        kmsKeyId: args.kmsKeyArn,
        eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
        cloudWatchLogsGroupArn: pulumi.interpolate`${trailLogGroup.arn}:*`,
        cloudWatchLogsRoleArn: trailDelivery.arn,
      },
      // CreateTrail validates bucket access and the log delivery role up front.
      { parent: this, dependsOn: [...this.bucketReady, trailDeliveryPolicy] },
    );

    const topic: AlarmTopic = {
      project: args.project,
      stack: args.stack,
      topicArn: args.alarmTopicArn,
    };
    const cisAlarms = CIS_METRIC_ALARMS.map(
      (cis) =>
        logMetricAlarm(
          name,
          {
            topic,
            logGroupName: trailLogGroup.name,
            suffix: cis.suffix,
            description: cis.description,
            pattern: cis.pattern,
            metricName: cis.metricName,
            namespace: metricNamespace(args.stack),
            periodSeconds: 300,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            // The filters publish only on a matching event: no data means nothing happened.
            treatMissingData: "notBreaching",
          },
          this,
        ).alarm,
    );
    return { trail, logGroup: trailLogGroup, cisAlarms };
  }
}
