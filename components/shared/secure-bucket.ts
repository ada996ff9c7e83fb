/**
 * A private, versioned, TLS-only S3 bucket with default encryption and an expiry lifecycle: the
 * shape every log/audit bucket in this project takes (CMP-2, CMP-3). Callers add the statements
 * that let their AWS service deliver into it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, PolicyStatement } from "./iam-documents";
import { KEPT_WITH_ITS_RESOURCE, keptAfterTeardown } from "./stateful";

export type BucketEncryption =
  /** SSE-S3: the only option some log deliveries support (e.g. ALB access logs). */
  | { readonly kind: "SSE-S3" }
  /** SSE-KMS with a customer-managed key; the bucket key cuts KMS request costs. */
  | { readonly kind: "SSE-KMS"; readonly keyArn: pulumi.Input<string> };

export interface SecureBucketArgs {
  readonly encryption: BucketEncryption;
  /** Days after which current objects (and noncurrent versions) expire (CMP-3). */
  readonly expirationDays: number;
  /** Service delivery statements; `bucketArn` is the bucket's ARN. The TLS-only deny is always added. */
  readonly statements: (bucketArn: pulumi.Output<string>) => pulumi.Input<PolicyStatement>[];
  /**
   * Default true: logs are evidence, so neither `pulumi destroy` nor a rename may remove them; the
   * bucket's configuration is kept with it, so a bucket that stays keeps its hardening (CMP-2, CMP-3).
   */
  readonly retain?: boolean;
  /** Lifts `protect` from a retained bucket so `pulumi destroy` can run (it stays retained). Default false. */
  readonly teardown?: boolean;
}

export interface SecureBucket {
  readonly bucket: aws.s3.Bucket;
  readonly policy: aws.s3.BucketPolicy;
  /** Resolves once encryption, public-access block, ownership and policy are in place. */
  readonly ready: pulumi.Resource[];
}

/** The statement every bucket gets: refuse any request not made over TLS (CMP-2). */
export function denyInsecureTransport(bucketArn: pulumi.Output<string>): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export function createSecureBucket(
  name: string,
  args: SecureBucketArgs,
  parent: pulumi.Resource,
): SecureBucket {
  const retain = args.retain ?? true;
  const bucket = new aws.s3.Bucket(
    name,
    { forceDestroy: false },
    { parent, ...(retain ? keptAfterTeardown(args.teardown ?? false) : {}) },
  );
  const child = { parent, ...(retain ? KEPT_WITH_ITS_RESOURCE : {}) };
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: bucket.id,
      rules: [
        args.encryption.kind === "SSE-S3"
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
              bucketKeyEnabled: false,
            }
          : {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: args.encryption.keyArn,
              },
              bucketKeyEnabled: true,
            },
      ],
    },
    child,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    child,
  );
  // ACLs disabled: only the bucket policy decides who may write, and the account owns every object.
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    child,
  );
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    child,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-after-retention",
          status: "Enabled",
          filter: {},
          expiration: { days: args.expirationDays },
          noncurrentVersionExpiration: { noncurrentDays: args.expirationDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { ...child, dependsOn: [versioning] },
  );
  // The public-access block must exist first, or a policy naming a service could be judged public.
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: bucket.id,
      policy: policyDocument([denyInsecureTransport(bucket.arn), ...args.statements(bucket.arn)]),
    },
    { ...child, dependsOn: [publicAccess, ownership] },
  );
  return { bucket, policy, ready: [encryption, versioning, ownership, publicAccess, policy] };
}
