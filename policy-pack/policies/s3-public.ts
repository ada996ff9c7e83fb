// IAM-3 (the audit data stays private) beyond buckets: account and access-point public access
// blocks, and objects made public one by one through their ACL.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { forTypes, runChecks } from "../lib/policy-kit";
import { PUBLIC_ACCESS_BLOCK_FLAGS, publicCannedAcl, publicGrantee } from "../lib/s3-public";
import { asBool, elementReaders, get, show } from "../lib/values";

const ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const ACCESS_POINT = "aws:s3/accessPoint:AccessPoint";
const MULTI_REGION_ACCESS_POINT = "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint";
const OBJECTS = [
  "aws:s3/bucketObject:BucketObject",
  "aws:s3/bucketObjectv2:BucketObjectv2",
  "aws:s3/objectCopy:ObjectCopy",
];

/**
 * Where each scope keeps its four switches, and what an unset switch means: false for the account
 * (nothing is blocked until set), true for access points (AWS blocks by default).
 */
const SCOPES: Record<string, { path: string[]; unsetIsOn: boolean; label: string }> = {
  [ACCOUNT_BLOCK]: { path: [], unsetIsOn: false, label: "account public access block" },
  [ACCESS_POINT]: {
    path: ["publicAccessBlockConfiguration"],
    unsetIsOn: true,
    label: "access point",
  },
  [MULTI_REGION_ACCESS_POINT]: {
    path: ["details", "publicAccessBlock"],
    unsetIsOn: true,
    label: "Multi-Region Access Point",
  },
};

export const s3PublicAccessBlockAllScopes: ResourceValidationPolicy = {
  name: "s3-public-access-block-all-scopes",
  description:
    "IAM-3: S3 Block Public Access stays on at every scope besides the bucket: an aws.s3.AccountPublicAccessBlock sets all four flags true (unset means false), and access points (aws.s3.AccessPoint, aws.s3control.MultiRegionAccessPoint) never turn one off.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(Object.keys(SCOPES), (props, args, report) => {
    const scope = SCOPES[args.type];
    const where = scope.path.length > 0 ? `${scope.path.join(".")}.` : "";
    runChecks(
      ...PUBLIC_ACCESS_BLOCK_FLAGS.map((flag) => () => {
        const v = get(
          scope.path.reduce<unknown>((o, k) => get(o, k), props),
          flag,
        );
        const unset = v === undefined || v === null;
        const on = asBool(v) ?? (unset && scope.unsetIsOn);
        if (!on) {
          report(
            `IAM-3: ${scope.label} '${args.name}' has ${where}${flag} ${show(v)}${unset ? " (off)" : ""}; set all four flags (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets) to true.`,
          );
        }
      }),
    );
  }),
};

export const s3NoPublicObjectAcl: ResourceValidationPolicy = {
  name: "s3-no-public-object-acl",
  description:
    "IAM-3: No S3 object (aws.s3.BucketObject, aws.s3.BucketObjectv2, aws.s3.ObjectCopy) is made public through its own ACL: no canned public-read, public-read-write or authenticated-read, no grant to AllUsers/AuthenticatedUsers.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(OBJECTS, (props, args, report) => {
    const fix =
      'remove the ACL (or use "private"/"bucket-owner-full-control"), keep Object Ownership "BucketOwnerEnforced" and Block Public Access on, and share objects with presigned URLs or CloudFront with origin access control.';
    runChecks(
      () => {
        const acl = publicCannedAcl(get(props, "acl"));
        if (acl) {
          report(`IAM-3: object '${args.name}' has acl "${acl}"; ${fix}`);
        }
      },
      ...elementReaders(get(props, "grants")).map((read, i) => () => {
        const uri = publicGrantee(read());
        if (uri) {
          report(`IAM-3: object '${args.name}' grants[${i}] grants access to ${uri}; ${fix}`);
        }
      }),
    );
  }),
};

export const s3PublicPolicies = [s3PublicAccessBlockAllScopes, s3NoPublicObjectAcl];
