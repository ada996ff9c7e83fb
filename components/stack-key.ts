import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "./shared/aws-context";
import { policyDocument, PolicyStatement } from "./shared/iam-documents";
import { alarmArnPattern } from "./shared/alarms";
import { LOG_EXPORT_PREFIX } from "./shared/audit-layout";
import { keyAliasNamePrefix, NAMED_ONCE_AT_CREATE, trailName } from "./shared/names";
import { StackIdentity } from "./shared/stack-identity";
import { KEPT_WITH_ITS_RESOURCE, keptAfterTeardown } from "./shared/stateful";

/** The identity names the alias and the trail the policy admits; the Logs principal is regional. */
export interface StackKeyArgs extends StackIdentity {
  /**
   * The audit bucket's ARN: CloudWatch Logs may use the key for S3 objects of that bucket only (IR-2
   * exports). The bucket itself takes no key input (only its encryption configuration does), so the
   * key policy can wait for the real bucket instead of guessing its autoname.
   */
  readonly logExportBucketArn: pulumi.Input<string>;
  /**
   * Days KMS waits before deleting the key if Pulumi ever scheduled it. Default 30 (the maximum).
   * The key is `retainOnDelete`, so `pulumi destroy` never schedules it; see README, Operations.
   */
  readonly deletionWindowInDays?: number;
  /** Lifts `protect` so `pulumi destroy` can run; the key and its alias stay (DATA-3, CMP-3). Default false. */
  readonly teardown?: boolean;
}

/**
 * The stack's customer-managed KMS key (DATA-2, CMP-2): RDS storage and its managed secret, log
 * groups, the audit bucket, CloudTrail and the alarm topic. Rotation on; protected against deletion
 * and replacement, and retained by `pulumi destroy` with its alias: the final snapshot, retained
 * automated backups, audit objects and log groups the stack keeps are encrypted with it, and a
 * deleted key would leave them unreadable ("After a KMS key is deleted, you can no longer decrypt
 * the data that was encrypted under that KMS key", AWS KMS Developer Guide, "Delete an AWS KMS
 * key"). The key policy grants each AWS service only what it needs, narrowed to this
 * account (and, for CloudTrail, to this stack's trail), as the AWS documentation for each service
 * prescribes. EBS volumes use the AWS-managed `aws/ebs` key instead: a customer key there would need
 * the Auto Scaling service-linked role in this policy before that role exists in a new account.
 */
export class StackKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly keyArn: pulumi.Output<string>;
  /** The key's ID, a UUID: its first characters tag this creation of the stack (components/shared/names.ts). */
  readonly keyId: pulumi.Output<string>;
  /** `alias/<stack prefix>-<26 characters>`: per creation, so a kept alias never blocks the next. */
  readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: StackKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:kms:StackKey", name, {}, opts);
    const { accountId, partition, region } = awsContext(args.region, this);
    const trailArn = pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trailName(args.project, args.stack)}`;
    const thisAccount = { "aws:SourceAccount": accountId };

    const statements: pulumi.Input<PolicyStatement>[] = [
      {
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ],
        Resource: "*",
        Condition: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`,
          },
        },
      },
      {
        // IR-2: CloudWatch Logs export tasks write SSE-KMS objects to the audit bucket; the AWS
        // guide for exporting to an SSE-KMS bucket grants these two actions. S3's encryption
        // context pins them to the audit bucket: its ARN with a bucket key (ours), an object ARN
        // under the export prefix without one.
        Sid: "CloudWatchLogsExportsToAuditBucket",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: "*",
        // No aws:SourceAccount / aws:SourceArn here: AWS's export guide grants these two actions
        // unconditioned, and nothing documents that S3 forwards those keys when it calls KMS for
        // the logs principal; a condition that is absent from the request would deny every export
        // at incident time. The encryption context pins the grant to our bucket instead.
        Condition: {
          StringLike: {
            "kms:EncryptionContext:aws:s3:arn": pulumi
              .output(args.logExportBucketArn)
              .apply((bucketArn) => [bucketArn, `${bucketArn}/${LOG_EXPORT_PREFIX}/*`]),
          },
        },
      },
      {
        Sid: "CloudTrailEncryptsThisStacksTrail",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": trailArn },
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${partition}:cloudtrail:*:${accountId}:trail/*`,
          },
        },
      },
      {
        // The audit bucket uses an S3 Bucket Key: CloudTrail then needs kms:Decrypt to create or
        // update an SSE-KMS trail (CloudTrail guide, "Configure AWS KMS key policies for CloudTrail").
        Sid: "CloudTrailDecryptsWithBucketKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      {
        Sid: "CloudWatchAlarmsPublishToEncryptedTopic",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: {
          StringEquals: thisAccount,
          ArnLike: {
            "aws:SourceArn": alarmArnPattern(
              partition,
              region,
              accountId,
              args.project,
              args.stack,
            ),
          },
        },
      },
      {
        Sid: "ConfigDeliversToEncryptedBucket",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: thisAccount },
      },
    ];

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${args.project}/${args.stack}: RDS, secrets, logs, audit trail and alarm topic`,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        // CMP-1: a single-region key; a multi-Region key could be replicated out of allowedRegions.
        multiRegion: false,
        policy: policyDocument(statements),
      },
      { parent: this, ...keptAfterTeardown(args.teardown ?? false) },
    );
    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { namePrefix: keyAliasNamePrefix(args.project, args.stack), targetKeyId: this.key.keyId },
      // The kept key stays findable by name after a teardown; the next creation's alias gets a
      // name of its own (CreateAlias fails with AlreadyExistsException on a taken name).
      { parent: this, ...KEPT_WITH_ITS_RESOURCE, ignoreChanges: [...NAMED_ONCE_AT_CREATE] },
    );
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}
