// What keeps S3 data private beyond the bucket (IAM-3) and what the Config
// recorder leaves out (MON-3).
import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const SCOPES = "s3-public-access-block-all-scopes";
const OBJECT_ACL = "s3-no-public-object-acl";
const RECORDER = "config-recorder-records-everything";

const ACCOUNT = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const AP = "aws:s3/accessPoint:AccessPoint";
const MRAP = "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint";
const allOn = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};

describe("policies/s3-public: Block Public Access at every scope (IAM-3)", () => {
  it("IAM-3: an account block needs all four flags true; an unset flag is off", () => {
    assertPasses(run(res(ACCOUNT, allOn)), SCOPES);
    for (const flag of Object.keys(allOn)) {
      assertBlocks(
        run(res(ACCOUNT, { ...allOn, [flag]: false })),
        SCOPES,
        new RegExp(`account public access block 'subject' has ${flag} false`),
      );
      assertBlocks(
        run(res(ACCOUNT, { ...allOn, [flag]: undefined })),
        SCOPES,
        new RegExp(`${flag} unset \\(off\\)`),
      );
    }
    assert.strictEqual(hits(run(res(ACCOUNT, {})), SCOPES).length, 4);
  });
  it("IAM-3: an access point may leave its flags unset (AWS blocks by default) but never turn one off", () => {
    assertPasses(run(res(AP, { bucket: "b" })), SCOPES);
    assertPasses(run(res(AP, { bucket: "b", publicAccessBlockConfiguration: allOn })), SCOPES);
    assertBlocks(
      run(
        res(AP, {
          bucket: "b",
          publicAccessBlockConfiguration: { ...allOn, restrictPublicBuckets: false },
        }),
      ),
      SCOPES,
      /access point 'subject' has publicAccessBlockConfiguration\.restrictPublicBuckets false/,
    );
    assertBlocks(
      run(
        res(MRAP, {
          details: { name: "m", regions: [], publicAccessBlock: { blockPublicPolicy: "false" } },
        }),
      ),
      SCOPES,
      /Multi-Region Access Point 'subject' has details\.publicAccessBlock\.blockPublicPolicy "false"/,
    );
    assertPasses(run(res(MRAP, { details: { name: "m", regions: [] } })), SCOPES);
  });
  it("IAM-3: an access point's null flag is unset (on); a value that is not a boolean is off at every scope", () => {
    assertPasses(
      run(
        res(AP, {
          bucket: "b",
          publicAccessBlockConfiguration: { ...allOn, blockPublicAcls: null },
        }),
      ),
      SCOPES,
    );
    assertBlocks(
      run(
        res(AP, {
          bucket: "b",
          publicAccessBlockConfiguration: { ...allOn, blockPublicAcls: "yes" },
        }),
      ),
      SCOPES,
      /publicAccessBlockConfiguration\.blockPublicAcls "yes"/,
    );
    assertBlocks(
      run(res(ACCOUNT, { ...allOn, ignorePublicAcls: null })),
      SCOPES,
      /ignorePublicAcls null/,
    );
    assertPasses(run(res(ACCOUNT, { ...allOn, ignorePublicAcls: "TRUE" })), SCOPES);
  });
  it("IAM-3: a flag unknown at preview is the engine's advisory; known flags beside it are judged", () => {
    const r = run(
      res(ACCOUNT, { ...allOn, blockPublicAcls: UNKNOWN.boolean, ignorePublicAcls: false }),
      {},
      true,
    );
    assertBlocks(r, SCOPES, /ignorePublicAcls false/);
    assert.strictEqual(hits(r, SCOPES, "advisory").length, 1);
  });
});

describe("policies/s3-public: object ACLs (IAM-3)", () => {
  for (const type of [
    "aws:s3/bucketObject:BucketObject",
    "aws:s3/bucketObjectv2:BucketObjectv2",
    "aws:s3/objectCopy:ObjectCopy",
  ]) {
    it(`IAM-3: ${type.split(":").pop()} blocks public canned ACLs, passes private ones`, () => {
      for (const acl of ["public-read", "PUBLIC-READ-WRITE", "authenticated-read"]) {
        assertBlocks(
          run(res(type, { bucket: "b", key: "k", acl })),
          OBJECT_ACL,
          /object 'subject' has acl "public-read|object 'subject' has acl "public-read-write"|authenticated-read/,
        );
      }
      for (const acl of [undefined, "private", "bucket-owner-full-control", "aws-exec-read"]) {
        assertPasses(run(res(type, { bucket: "b", key: "k", acl })), OBJECT_ACL);
      }
    });
  }
  it("IAM-3: aws.s3.ObjectCopy grants to AllUsers or AuthenticatedUsers block; a canonical user passes", () => {
    const copy = (grants: unknown[]) =>
      res("aws:s3/objectCopy:ObjectCopy", { bucket: "b", key: "k", source: "s/k", grants });
    assertBlocks(
      run(
        copy([
          {
            type: "Group",
            uri: "http://acs.amazonaws.com/groups/global/AllUsers",
            permissions: ["READ"],
          },
        ]),
      ),
      OBJECT_ACL,
      /grants\[0\] grants access to http:\/\/acs\.amazonaws\.com\/groups\/global\/AllUsers/,
    );
    assertBlocks(
      run(
        copy([
          {
            type: "Group",
            uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
            permissions: ["READ"],
          },
        ]),
      ),
      OBJECT_ACL,
    );
    assertPasses(
      run(copy([{ type: "CanonicalUser", id: "abc", permissions: ["FULL_CONTROL"] }])),
      OBJECT_ACL,
    );
  });
});

describe("policies/config-recorder: the recorder leaves nothing out (MON-3)", () => {
  const recorder = (recordingGroup: unknown) =>
    res("aws:cfg/recorder:Recorder", { roleArn: "r", recordingGroup });
  const everything = { allSupported: true, includeGlobalResourceTypes: true };
  it("MON-3: passes all supported types with global types, and the explicit ALL_SUPPORTED strategy", () => {
    assertPasses(run(recorder(everything)), RECORDER);
    assertPasses(
      run(
        recorder({
          ...everything,
          recordingStrategies: [{ useOnly: " ALL_SUPPORTED_RESOURCE_TYPES " }],
        }),
      ),
      RECORDER,
    );
  });
  it("MON-3: blocks a recorder without global resource types, unless they are recorded in another region", () => {
    assertBlocks(
      run(recorder({ allSupported: true })),
      RECORDER,
      /includeGlobalResourceTypes unset, so IAM users, groups, roles and policies go unrecorded/,
    );
    assertBlocks(
      run(recorder({ allSupported: true, includeGlobalResourceTypes: false })),
      RECORDER,
    );
    assertPasses(
      run(recorder({ allSupported: true }), {
        [RECORDER]: { globalResourceTypesRecordedElsewhere: true },
      }),
      RECORDER,
    );
  });
  it("MON-3: blocks exclusion and inclusion strategies and any excluded type", () => {
    assertBlocks(
      run(
        recorder({
          ...everything,
          recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }],
          exclusionByResourceTypes: [{ resourceTypes: ["AWS::EC2::Instance"] }],
        }),
      ),
      RECORDER,
      /useOnly "EXCLUSION_BY_RESOURCE_TYPES"/,
    );
    assertBlocks(
      run(
        recorder({
          ...everything,
          exclusionByResourceTypes: [{ resourceTypes: ["AWS::IAM::Role"] }],
        }),
      ),
      RECORDER,
      /excludes \["AWS::IAM::Role"\] \(recordingGroup\.exclusionByResourceTypes\[0\]\)/,
    );
    assertBlocks(
      run(
        recorder({
          ...everything,
          recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
        }),
      ),
      RECORDER,
      /INCLUSION_BY_RESOURCE_TYPES/,
    );
    assertPasses(
      run(recorder({ ...everything, exclusionByResourceTypes: [{ resourceTypes: [] }] })),
      RECORDER,
    );
  });
  it("MON-3: an unknown strategy at preview is the engine's advisory; a known exclusion beside it blocks", () => {
    const r = run(
      recorder({
        ...everything,
        recordingStrategies: [{ useOnly: UNKNOWN.string }],
        exclusionByResourceTypes: [{ resourceTypes: ["AWS::S3::Bucket"] }],
      }),
      {},
      true,
    );
    assertBlocks(r, RECORDER, /AWS::S3::Bucket/);
    assert.strictEqual(hits(r, RECORDER, "advisory").length, 1);
  });
});
