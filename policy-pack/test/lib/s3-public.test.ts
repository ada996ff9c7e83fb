import * as assert from "assert";
import {
  PUBLIC_ACCESS_BLOCK_FLAGS,
  PUBLIC_CANNED_ACLS,
  publicCannedAcl,
  publicGrantee,
} from "../../lib/s3-public";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

describe("lib/s3-public: what makes S3 data public through ACLs (IAM-3)", () => {
  it("IAM-3: the four Block Public Access switches, by their Pulumi names", () => {
    assert.deepStrictEqual(
      [...PUBLIC_ACCESS_BLOCK_FLAGS],
      ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
    );
  });

  it("IAM-3: the public canned ACLs are returned lower-cased and trimmed; private ones are not", () => {
    assert.deepStrictEqual(PUBLIC_CANNED_ACLS, [
      "public-read",
      "public-read-write",
      "authenticated-read",
    ]);
    assert.strictEqual(publicCannedAcl(" Public-Read "), "public-read");
    assert.strictEqual(publicCannedAcl("PUBLIC-READ-WRITE"), "public-read-write");
    assert.strictEqual(publicCannedAcl("authenticated-read"), "authenticated-read");
    for (const acl of ["private", "bucket-owner-full-control", "aws-exec-read", "", undefined, 1]) {
      assert.strictEqual(publicCannedAcl(acl), undefined, String(acl));
    }
  });

  it("IAM-3: a grant to AllUsers or AuthenticatedUsers is public, in either grant shape", () => {
    assert.strictEqual(publicGrantee({ type: "Group", uri: ` ${ALL_USERS} ` }), ALL_USERS);
    assert.strictEqual(
      publicGrantee({ grantee: { type: "Group", uri: AUTHENTICATED } }),
      AUTHENTICATED,
    );
    assert.strictEqual(
      publicGrantee({ uri: "http://acs.amazonaws.com/groups/global/allusers" }),
      "http://acs.amazonaws.com/groups/global/allusers",
    );
  });

  it("IAM-3: other grantees are not public: a canonical user, the log delivery group, a lookalike", () => {
    for (const grant of [
      { type: "CanonicalUser", id: "abc" },
      { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" },
      { type: "Group", uri: `${ALL_USERS}Extra` },
      { type: "Group", uri: "http://example.com/global-AllUsers" },
      { grantee: { type: "CanonicalUser", id: "abc" } },
      undefined,
    ]) {
      assert.strictEqual(publicGrantee(grant), undefined, JSON.stringify(grant));
    }
  });
});
