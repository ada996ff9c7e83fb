import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { RESOURCE_POLICY_FIELDS } from "../../policies/resource-policies";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const R = "resource-policy-not-public";
const S3 = "s3-no-public-bucket-policy";
const doc = (statement: Record<string, unknown>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*", ...statement }],
  });
const open = doc({ Principal: "*" });
const orgOnly = doc({
  Principal: { AWS: "*" },
  Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
});

describe("policies/resource-policies: IAM-2 resource policies open to the world", () => {
  it("IAM-2: the policy is read from these types and properties", () => {
    // Spelled out, so that an entry dropped or misspelt in the table (which the tests below iterate)
    // fails here.
    assert.deepStrictEqual(RESOURCE_POLICY_FIELDS, {
      "aws:kms/key:Key": "policy",
      "aws:kms/keyPolicy:KeyPolicy": "policy",
      "aws:kms/replicaKey:ReplicaKey": "policy",
      "aws:kms/externalKey:ExternalKey": "policy",
      "aws:kms/replicaExternalKey:ReplicaExternalKey": "policy",
      "aws:secretsmanager/secret:Secret": "policy",
      "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
      "aws:sns/topic:Topic": "policy",
      "aws:sns/topicPolicy:TopicPolicy": "policy",
      "aws:sqs/queue:Queue": "policy",
      "aws:sqs/queuePolicy:QueuePolicy": "policy",
      "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
      "aws:ecr/registryPolicy:RegistryPolicy": "policy",
      "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
      "aws:glacier/vault:Vault": "accessPolicy",
      "aws:glacier/vaultLock:VaultLock": "policy",
      "aws:backup/vaultPolicy:VaultPolicy": "policy",
      "aws:opensearch/domain:Domain": "accessPolicies",
      "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
      "aws:elasticsearch/domain:Domain": "accessPolicies",
      "aws:elasticsearch/domainPolicy:DomainPolicy": "accessPolicies",
      "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
      "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
    });
  });
  for (const [type, key] of Object.entries(RESOURCE_POLICY_FIELDS)) {
    const short = type.replace(/^aws:/, "").replace(/:.*$/, "");
    it(`IAM-2: ${short}.${key} blocks Principal "*" and passes it restricted to the organization`, () => {
      assertBlocks(
        run(res(type, { [key]: open })),
        R,
        new RegExp(`^IAM-2: 'subject' ${key} statement 0 has Allow to Principal`),
      );
      assertPasses(run(res(type, { [key]: orgOnly })), R);
    });
  }
  it("IAM-2: aws:SecureTransport alone does not make a statement private; aws:SourceVpce and a narrow aws:SourceIp do", () => {
    const type = "aws:sqs/queuePolicy:QueuePolicy";
    assertBlocks(
      run(
        res(type, {
          policy: doc({ Principal: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }),
        }),
      ),
      R,
      /does not restrict the caller/,
    );
    assertPasses(
      run(
        res(type, {
          policy: doc({
            Principal: "*",
            Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
          }),
        }),
      ),
      R,
    );
    assertPasses(
      run(
        res(type, {
          policy: doc({
            Principal: "*",
            Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
          }),
        }),
      ),
      R,
    );
    assertBlocks(
      run(
        res(type, {
          policy: doc({
            Principal: "*",
            Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/1" } },
          }),
        }),
      ),
      R,
    );
  });
  it("IAM-2: Allow with NotPrincipal is public; an account or service principal is not", () => {
    const type = "aws:sns/topicPolicy:TopicPolicy";
    assertBlocks(
      run(res(type, { policy: doc({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } }) })),
      R,
      /NotPrincipal/,
    );
    assertPasses(
      run(res(type, { policy: doc({ Principal: { Service: "events.amazonaws.com" } }) })),
      R,
    );
    assertPasses(
      run(res(type, { policy: doc({ Principal: { AWS: "arn:aws:iam::123456789012:root" } }) })),
      R,
    );
  });
  it('IAM-2: a Lambda permission to "*" needs a sourceArn, sourceAccount or principalOrgId (function URLs are public by design)', () => {
    const type = "aws:lambda/permission:Permission";
    const base = { function: "f", action: "lambda:InvokeFunction", principal: "*" };
    assertBlocks(run(res(type, base)), R, /principal "\*" with no sourceArn/);
    for (const k of ["sourceArn", "sourceAccount", "principalOrgId"]) {
      assertPasses(run(res(type, { ...base, [k]: "x" })), R);
    }
    assertPasses(run(res(type, { ...base, principal: "s3.amazonaws.com" })), R);
    assertPasses(
      run(res(type, { ...base, action: "lambda:InvokeFunctionUrl", functionUrlAuthType: "NONE" })),
      R,
    );
    assertBlocks(
      run(res(type, { ...base, principal: " * ", action: " LAMBDA:InvokeFunction " }, "perm")),
      R,
      /^IAM-2: Lambda permission 'perm' grants "lambda:invokefunction" to principal "\*"/,
    );
    assertPasses(run(res(type, { ...base, action: " Lambda:InvokeFunctionURL " })), R);
    assertPasses(run(res(type, { function: "f", principal: "sns.amazonaws.com" })), R);
    assertBlocks(run(res(type, { function: "f", principal: "*" })), R, /grants "" to principal/);
    const r = run(res(type, { ...base, sourceArn: UNKNOWN.string }), {}, true);
    assert.deepStrictEqual(hits(r, R), [], "an unknown sourceArn is a sourceArn");
    assertBlocks(run(res(type, base), {}, true), R, /principal "\*" with no sourceArn/);
  });
  it("IAM-2: every public statement is reported with its index; a resource without a policy passes", () => {
    const type = "aws:kms/key:Key";
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
          Resource: "*",
        },
        { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
        { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Encrypt", Resource: "*" },
      ],
    });
    assert.deepStrictEqual(
      hits(run(res(type, { policy }, "key")), R, "mandatory").map(
        (v) => v.message.split(" has ")[0],
      ),
      ["IAM-2: 'key' policy statement 1", "IAM-2: 'key' policy statement 2"],
    );
    assertPasses(run(res(type, {})), R);
    assertBlocks(
      run(res("aws:opensearch/domain:Domain", { accessPolicies: open }, "search")),
      R,
      /^IAM-2: 'search' accessPolicies statement 0/,
    );
  });
  it("IAM-2: a policy unknown at preview is the engine's advisory", () => {
    const r = run(res("aws:kms/key:Key", { policy: UNKNOWN.string }), {}, true);
    assert.strictEqual(hits(r, R, "mandatory").length, 0);
    assert.strictEqual(hits(r, R, "advisory").length, 1);
  });
});

describe("policies/storage: IAM-3 S3 bucket and access-point policies, by the same helper", () => {
  const types: Array<[string, Record<string, unknown>]> = [
    ["aws:s3/bucketPolicy:BucketPolicy", { bucket: "b" }],
    ["aws:s3/bucket:Bucket", {}],
    ["aws:s3/bucketV2:BucketV2", {}],
    ["aws:s3/accessPoint:AccessPoint", { bucket: "b" }],
    ["aws:s3control/accessPointPolicy:AccessPointPolicy", { accessPointArn: "a" }],
    ["aws:s3control/bucketPolicy:BucketPolicy", { bucket: "b" }],
  ];
  for (const [type, extra] of types) {
    it(`IAM-3: ${type.split(":").pop()} policy blocks Principal "*" and passes it behind aws:SourceVpce`, () => {
      assertBlocks(run(res(type, { ...extra, policy: open })), S3);
      assertPasses(
        run(
          res(type, {
            ...extra,
            policy: doc({
              Principal: "*",
              Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
            }),
          }),
        ),
        S3,
      );
    });
  }
  it("IAM-3: a Multi-Region Access Point policy is read from details.policy", () => {
    const type = "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy";
    assertBlocks(run(res(type, { details: { name: "m", policy: open } })), S3, /details\.policy/);
    assertPasses(run(res(type, { details: { name: "m", policy: orgOnly } })), S3);
  });
  it('IAM-3: aws:SecureTransport on an Allow to "*" no longer makes a bucket policy private', () => {
    assertBlocks(
      run(
        res("aws:s3/bucketPolicy:BucketPolicy", {
          bucket: "b",
          policy: doc({
            Principal: "*",
            Action: "s3:GetObject",
            Condition: { Bool: { "aws:SecureTransport": "true" } },
          }),
        }),
      ),
      S3,
      /aws:SecureTransport/,
    );
  });
});
