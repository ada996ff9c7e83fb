/**
 * DATA-1 (account default) and MON-3: settings that exist once per account and region, so exactly
 * one stack per account and region builds them (`accountBaseline: true`, the default); every other
 * stack sharing that account and region sets `accountBaseline: false`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "./shared/aws-context";
import { CONFIG_KEY_PREFIX } from "./shared/audit-layout";
import { managedConfigRules, ManagedRuleSpec } from "./shared/config-rules";
import { policyDocument, serviceTrustPolicy } from "./shared/iam-documents";
import { stackPrefix } from "./shared/names";
import { StackIdentity } from "./shared/stack-identity";

export interface AccountBaselineArgs extends StackIdentity {
  /** The audit bucket Config delivers to, under `config/` (MON-3). */
  readonly auditBucketName: pulumi.Input<string>;
  readonly auditBucketArn: pulumi.Input<string>;
  /**
   * Resources Config's delivery channel must wait for: the audit bucket's policy and encryption
   * (PutDeliveryChannel checks that it can write). Default none.
   */
  readonly auditBucketReady?: readonly pulumi.Resource[];
  /** The stack key that encrypts Config's deliveries (`s3KmsKeyArn`; CMP-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * Record the global IAM resource types (`decision-control:recordGlobalResourceTypes`). They are
   * the same in every region, and each recording region adds its own configuration items, so AWS
   * Config advises one region per account: on there (the default, true), off in the others (MON-3).
   */
  readonly includeGlobalResourceTypes?: boolean;
  /** DATA-4: add `rds-multi-az-support` (production). */
  readonly requireMultiAz: boolean;
  /** DATA-3: minimum backup retention `db-instance-backup-enabled` accepts (the edition floor). */
  readonly backupRetentionMinimum: number;
}

/**
 * - EBS encryption by default (DATA-1). The default key stays the AWS-managed `aws/ebs`: a customer
 *   key as the account default would have to admit the Auto Scaling service-linked role (and any
 *   other stack's launch roles) in its key policy, and would tie every volume in the account and
 *   region to this stack's key. Kept on destroy, so removing the stack never turns it off.
 * - AWS Config (MON-3): a recorder for all supported resource types, a delivery channel to the audit
 *   bucket (SSE-KMS with the stack key), recording on, and the managed rules that mirror the policy
 *   pack. Config uses a role of this stack (trusted by `config.amazonaws.com` for this account, with
 *   the `AWS_ConfigRole` managed policy and write access only to its own prefix and key) instead of
 *   the service-linked role `AWSServiceRoleForConfig`: that role is one per account across all
 *   regions, creating it fails when Config or Security Hub already made it, and deleting it would
 *   break Config in other regions.
 */
export class AccountBaseline extends pulumi.ComponentResource {
  readonly recorder: aws.cfg.Recorder;
  readonly deliveryChannel: aws.cfg.DeliveryChannel;
  readonly rules: readonly aws.cfg.Rule[];
  readonly ruleSpecs: readonly ManagedRuleSpec[];
  readonly configRoleArn: pulumi.Output<string>;

  constructor(name: string, args: AccountBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:baseline:AccountBaseline", name, {}, opts);
    const { accountId, partition } = awsContext(args.region, this);
    const parent = { parent: this };
    const prefix = stackPrefix(args.project, args.stack);

    new aws.ebs.EncryptionByDefault(
      `${name}-ebs-encryption`,
      { enabled: true },
      { parent: this, retainOnDelete: true },
    );

    const role = new aws.iam.Role(
      `${name}-config`,
      {
        description: "AWS Config recorder of this account and region (MON-3)",
        assumeRolePolicy: serviceTrustPolicy("config.amazonaws.com", {
          StringEquals: { "aws:SourceAccount": accountId },
        }),
      },
      parent,
    );
    const managedPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-config-read`,
      {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
      },
      parent,
    );
    const deliveryPolicy = new aws.iam.RolePolicy(
      `${name}-config-deliver`,
      {
        role: role.id,
        policy: policyDocument([
          {
            Sid: "WriteOwnPrefix",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:PutObjectAcl"],
            Resource: pulumi.interpolate`${args.auditBucketArn}/${CONFIG_KEY_PREFIX}/AWSLogs/${accountId}/*`,
            Condition: { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control" } },
          },
          {
            Sid: "CheckBucketAcl",
            Effect: "Allow",
            Action: "s3:GetBucketAcl",
            Resource: args.auditBucketArn,
          },
          {
            Sid: "EncryptDeliveries",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.kmsKeyArn,
          },
        ]),
      },
      parent,
    );
    this.configRoleArn = role.arn;

    this.recorder = new aws.cfg.Recorder(
      `${name}-recorder`,
      {
        name: `${prefix}-recorder`,
        roleArn: role.arn,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: args.includeGlobalResourceTypes ?? true,
        },
      },
      { parent: this, dependsOn: [managedPolicy] },
    );
    this.deliveryChannel = new aws.cfg.DeliveryChannel(
      `${name}-delivery`,
      {
        name: `${prefix}-delivery`,
        s3BucketName: args.auditBucketName,
        s3KeyPrefix: CONFIG_KEY_PREFIX,
        s3KmsKeyArn: args.kmsKeyArn,
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      },
      {
        parent: this,
        dependsOn: [this.recorder, deliveryPolicy, ...(args.auditBucketReady ?? [])],
      },
    );
    const status = new aws.cfg.RecorderStatus(
      `${name}-recording`,
      { name: this.recorder.name, isEnabled: true },
      { parent: this, dependsOn: [this.deliveryChannel] },
    );

    this.ruleSpecs = managedConfigRules({
      requireMultiAz: args.requireMultiAz,
      backupRetentionMinimum: args.backupRetentionMinimum,
    });
    this.rules = this.ruleSpecs.map(
      (spec) =>
        new aws.cfg.Rule(
          `${name}-${spec.name}`,
          {
            name: `${prefix}-${spec.name}`,
            description: `${spec.controls}: AWS managed rule ${spec.name}, the run-time mirror of the policy pack.`,
            source: { owner: "AWS", sourceIdentifier: spec.identifier },
            inputParameters: spec.parameters ? JSON.stringify(spec.parameters) : undefined,
          },
          { parent: this, dependsOn: [this.recorder, status] },
        ),
    );

    this.registerOutputs({ configRoleArn: this.configRoleArn, recorderName: this.recorder.name });
  }
}
