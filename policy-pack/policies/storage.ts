import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { forTypes, PolicyResource, RefIndex, runChecks } from "../lib/policy-kit";
import { publicStatementFindings } from "../lib/resource-policy";
import { asBool, asList, asString, get, show } from "../lib/values";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
/**
 * Every @pulumi/aws v7 type that carries an S3 bucket or access-point policy, and where: inline on the
 * bucket (deprecated but accepted), separate policy resources, access points (inline or separate),
 * S3 on Outposts bucket policies and Multi-Region Access Point policies.
 */
const S3_POLICY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [BUCKET_POLICY]: ["policy"],
  "aws:s3/bucket:Bucket": ["policy"],
  "aws:s3/bucketV2:BucketV2": ["policy"],
  "aws:s3/accessPoint:AccessPoint": ["policy"],
  "aws:s3control/accessPointPolicy:AccessPointPolicy": ["policy"],
  "aws:s3control/bucketPolicy:BucketPolicy": ["policy"],
  "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy": ["details", "policy"],
};
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
    'IAM-3, IAM-2: No S3 bucket or access-point policy (s3.BucketPolicy, inline Bucket/BucketV2 policy, s3.AccessPoint, s3control AccessPointPolicy, BucketPolicy and MultiRegionAccessPointPolicy) allows everyone: Principal "*" needs a condition that restricts the caller (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceAccount/SourceArn, aws:SourceIp narrower than the internet, ...; aws:SecureTransport does not), and Allow with NotPrincipal is public.',
  enforcementLevel: "mandatory",
  validateResource: forTypes(Object.keys(S3_POLICY_FIELDS), (props, args, report) => {
    const path = S3_POLICY_FIELDS[args.type];
    const doc = path.reduce<unknown>((v, k) => get(v, k), props);
    for (const f of publicStatementFindings(doc)) {
      report(
        `IAM-3: '${args.name}' ${path.join(".")} statement ${f.statementIndex} has ${f.reason}; name the principals (e.g. a service such as cloudtrail.amazonaws.com with aws:SourceArn) or add a condition that restricts the caller (aws:SourceVpce, aws:PrincipalOrgID).`,
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
