import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const flags = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};

describe("policies/storage", () => {
  it("IAM-3: blocks a bucket without a public access block (stack level)", () => {
    assertBlocks(run(res(BUCKET, {}, "logs")), "s3-bucket-has-public-access-block", /'logs'/);
  });
  it("IAM-3: matches the block by bucket id, bucket name or resource name", () => {
    assertPasses(
      run([res(BUCKET, {}, "logs"), res(PAB, { bucket: "logs-id", ...flags }, "pab")]),
      "s3-bucket-has-public-access-block",
    );
    assertPasses(
      run([
        res(BUCKET, { bucket: "acme-logs" }, "logs"),
        res(PAB, { bucket: "acme-logs", ...flags }, "pab"),
      ]),
      "s3-bucket-has-public-access-block",
    );
    assertPasses(
      run([
        res("aws:s3/bucketV2:BucketV2", {}, "logs"),
        res(PAB, { bucket: "logs", ...flags }, "pab"),
      ]),
      "s3-bucket-has-public-access-block",
    );
    assertBlocks(
      run([res(BUCKET, {}, "logs"), res(PAB, { bucket: "other-id", ...flags }, "pab")]),
      "s3-bucket-has-public-access-block",
    );
  });
  it("IAM-3: blocks a public access block with a flag off", () => {
    assertBlocks(
      run(res(PAB, { bucket: "b", ...flags, restrictPublicBuckets: false })),
      "s3-public-access-block-flags",
      /restrictPublicBuckets/,
    );
  });
  it("IAM-3: blocks public canned ACLs and AllUsers grants", () => {
    assertBlocks(run(res(BUCKET, { acl: "public-read" })), "s3-no-public-acl");
    assertBlocks(
      run(res("aws:s3/bucketAclV2:BucketAclV2", { bucket: "b", acl: "PUBLIC-READ-WRITE" })),
      "s3-no-public-acl",
    );
    assertBlocks(
      run(
        res("aws:s3/bucketAcl:BucketAcl", {
          bucket: "b",
          accessControlPolicy: {
            grants: [
              {
                grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
                permission: "READ",
              },
            ],
            owner: { id: "x" },
          },
        }),
      ),
      "s3-no-public-acl",
    );
    assertPasses(run(res(BUCKET, { acl: "private" })), "s3-no-public-acl");
  });
});

describe("policies/storage: each public-access flag, ACL and grant (IAM-3)", () => {
  const FLAGS = "s3-public-access-block-flags";
  const ACL = "s3-no-public-acl";
  const HAS = "s3-bucket-has-public-access-block";
  it("IAM-3: all four flags true pass; each flag off or missing blocks on its own", () => {
    assertPasses(run(res(PAB, { bucket: "b", ...flags })), FLAGS);
    for (const flag of Object.keys(flags)) {
      const off = run(res(PAB, { bucket: "b", ...flags, [flag]: false }, "pab"));
      assert.deepStrictEqual(
        hits(off, FLAGS, "mandatory").map((v) => v.message),
        [`IAM-3: public access block 'pab' has ${flag} false; set all four flags to true.`],
      );
      const missing = run(res(PAB, { bucket: "b", ...flags, [flag]: undefined }));
      assertBlocks(missing, FLAGS, new RegExp(`has ${flag} `));
    }
    assert.strictEqual(hits(run(res(PAB, { bucket: "b" })), FLAGS, "mandatory").length, 4);
  });
  it("IAM-3: a public access block whose bucket is unknown at preview is decided at update", () => {
    const stack = [res(BUCKET, {}, "logs"), res(PAB, { bucket: UNKNOWN.string, ...flags }, "pab")];
    assert.deepStrictEqual(hits(run(stack, {}, true), HAS), []);
    assertBlocks(
      run([res(BUCKET, {}, "logs"), res(PAB, { bucket: "x", ...flags }, "pab")], {}, true),
      HAS,
      /^IAM-3: S3 bucket 'logs' has no aws.s3.BucketPublicAccessBlock/,
    );
    assertPasses(run(res(PAB, { bucket: "b", ...flags })), HAS);
  });
  it("IAM-3: a bucket named by its bucket property is not its own block", () => {
    assertBlocks(run(res(BUCKET, { bucket: "acme-logs" }, "logs")), HAS, /'logs'/);
  });
  it("IAM-3: every bucket needs its own block", () => {
    const r = run([
      res(BUCKET, {}, "a"),
      res("aws:s3/bucketV2:BucketV2", {}, "b"),
      res(PAB, { bucket: "a-id", ...flags }, "pab"),
      res("aws:sns/topic:Topic", { name: "alerts" }, "t"),
    ]);
    assert.deepStrictEqual(
      hits(r, HAS, "mandatory").map((v) => v.message.split(" has ")[0]),
      ["IAM-3: S3 bucket 'b'"],
    );
  });
  const acls: Array<[string, boolean]> = [
    ["public-read", true],
    [" Public-Read-Write ", true],
    ["authenticated-read", true],
    ["private", false],
    ["log-delivery-write", false],
    ["bucket-owner-full-control", false],
  ];
  for (const [acl, blocks] of acls) {
    it(`IAM-3: canned ACL ${JSON.stringify(acl)} ${blocks ? "blocks" : "passes"}`, () => {
      const r = run(res(BUCKET, { acl }, "logs"));
      if (blocks) {
        assertBlocks(r, ACL, new RegExp(`^IAM-3: 'logs' has acl "${acl.trim().toLowerCase()}"`));
      } else {
        assertPasses(r, ACL);
      }
    });
  }
  const uri = (group: string) => `http://acs.amazonaws.com/groups/${group}`;
  it("IAM-3: grants to AllUsers or AuthenticatedUsers block (inline on the bucket or in an ACL)", () => {
    assertBlocks(
      run(
        res(
          BUCKET,
          { grants: [{ type: "Group", uri: uri("global/AllUsers"), permissions: ["READ"] }] },
          "b",
        ),
      ),
      ACL,
      /^IAM-3: 'b' grants access to http:\/\/acs\.amazonaws\.com\/groups\/global\/AllUsers;/,
    );
    assertBlocks(
      run(
        res("aws:s3/bucketAclV2:BucketAclV2", {
          bucket: "b",
          accessControlPolicy: {
            grants: [
              {
                grantee: { type: "Group", uri: ` ${uri("global/authenticatedusers")} ` },
                permission: "READ",
              },
            ],
          },
        }),
      ),
      ACL,
      /grants access to http:\/\/acs\.amazonaws\.com\/groups\/global\/authenticatedusers;/,
    );
    const both = run(
      res(BUCKET, {
        acl: "public-read",
        grants: [{ type: "Group", uri: uri("global/AllUsers"), permissions: ["READ"] }],
      }),
    );
    assert.strictEqual(hits(both, ACL, "mandatory").length, 2);
  });
  it("IAM-3: grants to the log-delivery group or a canonical user pass", () => {
    assertPasses(
      run(
        res(BUCKET, {
          grants: [
            { type: "Group", uri: uri("s3/LogDelivery"), permissions: ["WRITE"] },
            { type: "Group", uri: `${uri("global/AllUsers")}/x`, permissions: ["READ"] },
            { type: "CanonicalUser", id: "abc", permissions: ["FULL_CONTROL"] },
          ],
        }),
      ),
      ACL,
    );
  });
  it("IAM-3: an inline Bucket.policy open to everyone blocks; restricted to the organization passes", () => {
    const policy = (extra: Record<string, unknown>) =>
      JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "s3:GetObject",
            Resource: "*",
            ...extra,
          },
        ],
      });
    assertBlocks(
      run(res(BUCKET, { policy: policy({}) }, "site")),
      "s3-no-public-bucket-policy",
      /^IAM-3: 'site' policy statement 0 has Allow to Principal "\*"/,
    );
    assertPasses(
      run(
        res(BUCKET, {
          policy: policy({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }),
        }),
      ),
      "s3-no-public-bucket-policy",
    );
  });
});

describe("policies/secrets", () => {
  const R = "aws:secretsmanager/secretRotation:SecretRotation";
  it("APP-1: blocks rotation beyond 90 days or without rules; passes 30 days and rate(30 days)", () => {
    assertBlocks(
      run(res(R, { secretId: "s", rotationRules: { automaticallyAfterDays: 120 } })),
      "secrets-rotation-max-days",
      /120/,
    );
    assertBlocks(run(res(R, { secretId: "s" })), "secrets-rotation-max-days");
    assertBlocks(
      run(res(R, { secretId: "s", rotationRules: { scheduleExpression: "rate(180 days)" } })),
      "secrets-rotation-max-days",
    );
    assertPasses(
      run(res(R, { secretId: "s", rotationRules: { automaticallyAfterDays: 30 } })),
      "secrets-rotation-max-days",
    );
    assertPasses(
      run(res(R, { secretId: "s", rotationRules: { scheduleExpression: "rate(30 days)" } })),
      "secrets-rotation-max-days",
    );
  });
  it("APP-1: an RDS-managed password needs no SecretRotation resource", () => {
    assertPasses(
      run(res("aws:rds/instance:Instance", { manageMasterUserPassword: true })),
      "secrets-rotation-max-days",
    );
  });
});

describe("policies/region", () => {
  const cfg = { "allowed-regions": { allowedRegions: ["eu-west-1", "eu-central-1"] } };
  it("CMP-1: blocks a provider and a resource outside allowedRegions", () => {
    assertBlocks(
      run(res("pulumi:providers:aws", { region: "us-east-1" }, "use1"), cfg),
      "allowed-regions",
      /provider 'use1'.*us-east-1/,
    );
    assertBlocks(
      run(res("aws:s3/bucket:Bucket", { region: "ap-south-1" }), cfg),
      "allowed-regions",
    );
  });
  it("CMP-1: passes allowed regions, resources without a region, and any region when the list is empty", () => {
    assertPasses(run(res("pulumi:providers:aws", { region: "eu-west-1" }), cfg), "allowed-regions");
    assertPasses(run(res("aws:s3/bucket:Bucket", {}), cfg), "allowed-regions");
    assertPasses(run(res("pulumi:providers:aws", { region: "us-east-1" })), "allowed-regions");
  });
});

describe("policies/storage: bucket policies", () => {
  const doc = (st: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: [st] });
  it('IAM-3: blocks a bucket policy that allows Principal "*" (string or AWS list) without a Condition', () => {
    assertBlocks(
      run(
        res("aws:s3/bucketPolicy:BucketPolicy", {
          bucket: "b",
          policy: doc({
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::b/*",
          }),
        }),
      ),
      "s3-no-public-bucket-policy",
    );
    assertBlocks(
      run(
        res("aws:s3/bucketPolicy:BucketPolicy", {
          bucket: "b",
          policy: {
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: ["*"] },
                Action: ["s3:GetObject"],
                Resource: "*",
              },
            ],
          },
        }),
      ),
      "s3-no-public-bucket-policy",
    );
  });
  it('IAM-3: passes a TLS-only Deny to "*", a service principal and a conditioned Allow', () => {
    const ok = {
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::b/*",
        },
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::b/*",
          Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
        },
      ],
    };
    assertPasses(
      run(res("aws:s3/bucketPolicy:BucketPolicy", { bucket: "b", policy: ok })),
      "s3-no-public-bucket-policy",
    );
  });
});
