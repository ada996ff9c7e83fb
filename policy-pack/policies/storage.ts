import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { forTypes, PolicyResource, RefIndex, runChecks } from "../lib/policy-kit";
import { publicAllowFindings } from "../lib/iam";
import { asBool, asList, asString, get, has, show } from "../lib/values";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_ACLS = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = /\/global\/(AllUsers|AuthenticatedUsers)$/i;

export const s3PublicAccessBlockFlags: ResourceValidationPolicy = {
  name: "s3-public-access-block-flags",
  description:
    "IAM-3: S3 public-access blocks set all four flags (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets) to true.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(PUBLIC_ACCESS_BLOCK, (props, args, report) => {
    runChecks(
      ...FLAGS.map((flag) => () => {
        const v = get(props, flag);
        if (asBool(v) !== true) {
          report(
            `IAM-3: public access block '${args.name}' has ${flag} ${show(v)}; set all four flags to true.`,
          );
        }
      }),
    );
  }),
};

export const s3BucketHasPublicAccessBlock: StackValidationPolicy = {
  name: "s3-bucket-has-public-access-block",
  description:
    "IAM-3: Every S3 bucket in the stack has an aws.s3.BucketPublicAccessBlock (matched by its bucket reference).",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const buckets = args.resources.filter((r) => BUCKETS.includes(r.type));
    if (buckets.length === 0) {
      return;
    }
    const index = new RefIndex(buckets);
    const covered = new Set<PolicyResource>();
    for (const pab of args.resources) {
      if (pab.type !== PUBLIC_ACCESS_BLOCK) {
        continue;
      }
      const { found, unknown } = index.lookup(pab, "bucket");
      if (unknown) {
        return; // its bucket is not known yet: decided at update
      }
      found.forEach((b) => covered.add(b));
    }
    for (const b of buckets) {
      if (!covered.has(b)) {
        report(
          `IAM-3: S3 bucket '${b.name}' has no aws.s3.BucketPublicAccessBlock in this stack; add one with bucket set to it and all four flags true.`,
          b.urn,
        );
      }
    }
  },
};

function grantFindings(grants: unknown): string[] {
  const out: string[] = [];
  for (const g of asList(grants)) {
    const uri = asString(get(g, "uri")) ?? asString(get(get(g, "grantee"), "uri"));
    if (uri && PUBLIC_GRANTEES.test(uri.trim())) {
      out.push(uri.trim());
    }
  }
  return out;
}

export const s3NoPublicAcl: ResourceValidationPolicy = {
  name: "s3-no-public-acl",
  description:
    "IAM-3: No S3 bucket or bucket ACL grants access to AllUsers/AuthenticatedUsers (canned public-read, public-read-write, authenticated-read or grants).",
  enforcementLevel: "mandatory",
  validateResource: forTypes([...BUCKETS, ...BUCKET_ACLS], (props, args, report) => {
    runChecks(
      () => {
        const acl = (asString(get(props, "acl")) ?? "").trim().toLowerCase();
        if (PUBLIC_ACLS.includes(acl)) {
          report(
            `IAM-3: '${args.name}' has acl "${acl}"; use "private" (or no ACL) with a BucketPublicAccessBlock.`,
          );
        }
      },
      () => {
        const grants = [
          ...asList(get(props, "grants")),
          ...asList(get(get(props, "accessControlPolicy"), "grants")),
        ];
        const hits = grantFindings(grants);
        if (hits.length > 0) {
          report(
            `IAM-3: '${args.name}' grants access to ${hits.join(", ")}; remove the public grant.`,
          );
        }
      },
    );
  }),
};

export const s3NoPublicBucketPolicy: ResourceValidationPolicy = {
  name: "s3-no-public-bucket-policy",
  description:
    'IAM-3: No S3 bucket policy allows everyone (Principal "*") without a Condition; grant AWS services or accounts by name instead.',
  enforcementLevel: "mandatory",
  validateResource: forTypes([BUCKET_POLICY, ...BUCKETS], (props, args, report) => {
    if (!has(props, "policy")) {
      return;
    }
    for (const f of publicAllowFindings(get(props, "policy"))) {
      report(
        `IAM-3: '${args.name}' policy statement ${f.statementIndex} has ${f.reason}; name the principals (e.g. a service such as cloudtrail.amazonaws.com) or add a Condition.`,
      );
    }
  }),
};

export const storagePolicies = [
  s3PublicAccessBlockFlags,
  s3BucketHasPublicAccessBlock,
  s3NoPublicAcl,
  s3NoPublicBucketPolicy,
];
