// CMP-1: data copied to another region through nested fields.
import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { readPath } from "../../lib/paths";
import { DATA_REGION_FIELDS, regionOf } from "../../lib/regions";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const P = "allowed-regions";
const cfg = { [P]: { allowedRegions: ["eu-west-1", "eu-central-1"] } };

/** Props holding `value` at `path` ("a.b[].c" -> { a: { b: [{ c: value }] } }). */
function propsAt(path: string, value: unknown): Record<string, unknown> {
  const steps = path.split(".");
  let node: unknown = value;
  for (let i = steps.length - 1; i >= 0; i--) {
    const list = steps[i].endsWith("[]");
    const key = steps[i].replace(/\[\]$/, "");
    node = { [key]: list ? [node] : node };
  }
  return node as Record<string, unknown>;
}

function valueFor(form: "region" | "arn", region: string): string {
  return form === "arn" ? `arn:aws:svc:${region}:123456789012:thing/x` : region;
}

describe("policies/region: CMP-1 data sent to other regions through nested fields", () => {
  for (const f of DATA_REGION_FIELDS) {
    it(`CMP-1: ${f.type.split(":").pop()} ${f.path} outside the allowed regions blocks; inside passes`, () => {
      const out = run(res(f.type, propsAt(f.path, valueFor(f.form, "us-east-1"))), cfg);
      assertBlocks(
        out,
        P,
        new RegExp(
          `^CMP-1: resource 'subject' sends .* to region "us-east-1" \\(${f.path.replace(/\[\]/g, "\\[0\\]").replace(/\./g, "\\.")}\\); use one of the allowed regions eu-west-1, eu-central-1`,
        ),
      );
      assertPasses(run(res(f.type, propsAt(f.path, valueFor(f.form, "eu-central-1"))), cfg), P);
    });
  }
  // The same fields spelled out, so that a wrong type, path or form in the table fails here even
  // though the loop above reads the table it tests.
  const literal: Array<[string, string, "region" | "arn"]> = [
    ["aws:dynamodb/table:Table", "replicas[].regionName", "region"],
    ["aws:dynamodb/table:Table", "globalTableWitness.regionName", "region"],
    ["aws:dynamodb/globalTable:GlobalTable", "replicas[].regionName", "region"],
    [
      "aws:ecr/replicationConfiguration:ReplicationConfiguration",
      "replicationConfiguration.rules[].destinations[].region",
      "region",
    ],
    ["aws:secretsmanager/secret:Secret", "replicas[].region", "region"],
    ["aws:backup/plan:Plan", "rules[].copyActions[].destinationVaultArn", "arn"],
    ["aws:efs/replicationConfiguration:ReplicationConfiguration", "destination.region", "region"],
    ["aws:rds/snapshotCopy:SnapshotCopy", "destinationRegion", "region"],
    ["aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", "destinationRegion", "region"],
    ["aws:redshift/snapshotCopy:SnapshotCopy", "destinationRegion", "region"],
    [
      "aws:dlm/lifecyclePolicy:LifecyclePolicy",
      "policyDetails.schedules[].crossRegionCopyRules[].target",
      "region",
    ],
    [
      "aws:dlm/lifecyclePolicy:LifecyclePolicy",
      "policyDetails.schedules[].crossRegionCopyRules[].targetRegion",
      "region",
    ],
    [
      "aws:dlm/lifecyclePolicy:LifecyclePolicy",
      "policyDetails.action.crossRegionCopies[].target",
      "region",
    ],
    [
      "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
      "distributions[].region",
      "region",
    ],
    ["aws:dsql/cluster:Cluster", "multiRegionProperties.witnessRegion", "region"],
    ["aws:dsql/clusterPeering:ClusterPeering", "witnessRegion", "region"],
    ["aws:keyspaces/keyspace:Keyspace", "replicationSpecification.regionLists[]", "region"],
    ["aws:ssmincidents/replicationSet:ReplicationSet", "regions[].name", "region"],
    ["aws:ssmincidents/replicationSet:ReplicationSet", "region[].name", "region"],
    ["aws:securitylake/dataLake:DataLake", "configuration.region", "region"],
    [
      "aws:securitylake/dataLake:DataLake",
      "configuration.replicationConfiguration.regions[]",
      "region",
    ],
    ["aws:ssm/resourceDataSync:ResourceDataSync", "s3Destination.region", "region"],
    ["aws:cloudformation/stackInstances:StackInstances", "regions[]", "region"],
    ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "rules[].destination.bucket", "arn"],
    ["aws:s3/bucket:Bucket", "replicationConfiguration.rules[].destination.bucket", "arn"],
    [
      "aws:s3/bucketV2:BucketV2",
      "replicationConfigurations[].rules[].destinations[].bucket",
      "arn",
    ],
    ["aws:storagegateway/nfsFileShare:NfsFileShare", "bucketRegion", "region"],
    ["aws:storagegateway/smbFileShare:SmbFileShare", "bucketRegion", "region"],
    [
      "aws:observabilityadmin/centralizationRuleForOrganization:CentralizationRuleForOrganization",
      "rule.destination.region",
      "region",
    ],
    [
      "aws:redshift/dataShareConsumerAssociation:DataShareConsumerAssociation",
      "consumerRegion",
      "region",
    ],
    ["aws:datasync/task:Task", "destinationLocationArn", "arn"],
    ["aws:sns/topicSubscription:TopicSubscription", "endpoint", "arn"],
    ["aws:cloudwatch/eventTarget:EventTarget", "arn", "arn"],
    ["aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", "destinationArn", "arn"],
  ];
  it("CMP-1: the table holds exactly the fields spelled out here", () => {
    assert.deepStrictEqual(
      DATA_REGION_FIELDS.map((f) => [f.type, f.path, f.form]),
      literal,
    );
  });
  for (const [type, path, form] of literal) {
    it(`CMP-1: ${type} ${path} (${form}) in us-east-1 blocks, in eu-central-1 passes`, () => {
      const where = path.replace(/\[\]/g, "[0]");
      const [message] = assertBlocks(
        run(res(type, propsAt(path, valueFor(form, "us-east-1"))), cfg),
        P,
      );
      assert.ok(
        message.includes(`to region "us-east-1" (${where}); `),
        `${message} names ${where}`,
      );
      // An ARN names a destination; a region code a replica.
      assert.match(
        message,
        form === "arn" ? /cross-region destination\.$/ : /cross-region replica\.$/,
      );
      assertPasses(run(res(type, propsAt(path, valueFor(form, "eu-central-1"))), cfg), P);
      if (form === "arn") {
        // A bare region code in an ARN field names no region.
        assertPasses(run(res(type, propsAt(path, "us-east-1")), cfg), P);
      }
    });
  }
  it("CMP-1: every replica of a list is judged, and region codes in any case", () => {
    const r = run(
      res("aws:dynamodb/table:Table", {
        replicas: [
          { regionName: "eu-west-1" },
          { regionName: "US-EAST-1" },
          { regionName: "ap-south-1" },
        ],
      }),
      cfg,
    );
    assert.strictEqual(hits(r, P, "mandatory").length, 2);
  });
  it("CMP-1: an S3 bucket ARN names no region (not judged); an access-point ARN does", () => {
    const rule = (bucket: string) =>
      res("aws:s3/bucketReplicationConfig:BucketReplicationConfig", {
        bucket: "src",
        role: "r",
        rules: [{ status: "Enabled", destination: { bucket } }],
      });
    assertPasses(run(rule("arn:aws:s3:::replica-bucket"), cfg), P);
    assertBlocks(
      run(rule("arn:aws:s3:us-west-2:123456789012:accesspoint/ap"), cfg),
      P,
      /replicated objects to region "us-west-2"/,
    );
  });
  it("CMP-1: an in-stack destination bucket in another region is caught on the bucket or its provider", () => {
    assertBlocks(
      run(res("aws:s3/bucket:Bucket", { region: "us-east-1" }, "replica"), cfg),
      P,
      /resource 'replica' has region "us-east-1"/,
    );
  });
  it("CMP-1: AWS Backup copy actions: the region inside the vault ARN decides", () => {
    const plan = (arn: string) =>
      res("aws:backup/plan:Plan", {
        name: "p",
        rules: [
          { ruleName: "daily", targetVaultName: "v", copyActions: [{ destinationVaultArn: arn }] },
        ],
      });
    assertBlocks(
      run(plan("arn:aws:backup:us-east-1:123456789012:backup-vault:dr"), cfg),
      P,
      /copies of the backups to region "us-east-1" \(rules\[0\]\.copyActions\[0\]\.destinationVaultArn\)/,
    );
    assertPasses(run(plan("arn:aws:backup:eu-central-1:123456789012:backup-vault:dr"), cfg), P);
  });
  it("CMP-1: the provider's own region outside the allowed regions blocks; inside (any case or spacing) passes", () => {
    const provider = (region: unknown) => res("pulumi:providers:aws", { region }, "prov");
    assertBlocks(
      run(provider("us-east-1"), cfg),
      P,
      /^CMP-1: provider 'prov' has region "us-east-1"; use one of the allowed regions eu-west-1, eu-central-1\.$/,
    );
    assertBlocks(run(provider(" US-EAST-1 "), cfg), P);
    for (const region of ["eu-west-1", " EU-Central-1 ", "", "  ", undefined]) {
      assertPasses(run(provider(region), cfg), P);
    }
    assertPasses(run(provider("eu-west-1"), { [P]: { allowedRegions: [" EU-WEST-1 "] } }), P);
    assertBlocks(run(provider("eu-central-1"), { [P]: { allowedRegions: [" EU-WEST-1 "] } }), P);
    assertPasses(run(provider(UNKNOWN.string), cfg, true), P);
  });
  it("CMP-1: a resource's region field is judged; other providers' resources are not", () => {
    assertBlocks(
      run(res("aws:sqs/queue:Queue", { region: "us-east-1" }, "q"), cfg),
      P,
      /^CMP-1: resource 'q' has region "us-east-1"/,
    );
    assertPasses(run(res("random:index/randomId:RandomId", { region: "us-east-1" }), cfg), P);
    assertPasses(run(res("pulumi:providers:gcp", { region: "us-east1" }), cfg), P);
    assertPasses(
      run(res("random:index/randomId:RandomId", { replicas: [{ regionName: "us-east-1" }] }), cfg),
      P,
    );
  });
  it("CMP-1: nested destinations: DynamoDB replicas[].regionName, ECR destinations[].region, Secrets Manager replicas[].region", () => {
    assertBlocks(
      run(res("aws:dynamodb/table:Table", { replicas: [{ regionName: "us-west-2" }] }), cfg),
      P,
      /global-table replica to region "us-west-2" \(replicas\[0\]\.regionName\)/,
    );
    assertPasses(
      run(res("aws:dynamodb/table:Table", { replicas: [{ regionName: "eu-west-1" }] }), cfg),
      P,
    );
    const ecr = (region: string) =>
      res("aws:ecr/replicationConfiguration:ReplicationConfiguration", {
        replicationConfiguration: {
          rules: [{ destinations: [{ region: "eu-west-1", registryId: "1" }, { region }] }],
        },
      });
    assertBlocks(
      run(ecr("us-east-1"), cfg),
      P,
      /\(replicationConfiguration\.rules\[0\]\.destinations\[1\]\.region\)/,
    );
    assertPasses(run(ecr("eu-central-1"), cfg), P);
    const secret = (region: string) =>
      res("aws:secretsmanager/secret:Secret", { replicas: [{ region, kmsKeyId: "k" }] });
    assertBlocks(run(secret("us-east-1"), cfg), P, /\(replicas\[0\]\.region\)/);
    assertPasses(run(secret("eu-west-1"), cfg), P);
  });
  it("CMP-1: nothing is judged when allowedRegions is empty (the org-wide default)", () => {
    assertPasses(
      run(res("aws:secretsmanager/secret:Secret", { replicas: [{ region: "us-east-1" }] })),
      P,
    );
  });
  it("CMP-1: a destination unknown at preview is the engine's advisory; a known one beside it blocks", () => {
    const r = run(
      res("aws:secretsmanager/secret:Secret", {
        replicas: [{ region: UNKNOWN.string }, { region: "us-east-1" }],
      }),
      cfg,
      true,
    );
    assertBlocks(r, P, /us-east-1/);
    assert.match(
      hits(r, P, "advisory")[0]?.message ?? "",
      /can't run policy 'allowed-regions' during preview.*replicas\[0\]/,
    );
  });
  it("CMP-1: the deprecated list spelling of ssmincidents.ReplicationSet.region is a nested field, not a region", () => {
    assertBlocks(
      run(
        res("aws:ssmincidents/replicationSet:ReplicationSet", { region: [{ name: "us-east-1" }] }),
        cfg,
      ),
      P,
      /region\[0\]\.name/,
    );
  });
});

describe("lib/paths and lib/regions", () => {
  it("CMP-1: readPath walks lists and objects, skipping missing parts", () => {
    assert.deepStrictEqual(readPath({ a: [{ b: 1 }, {}, { b: 2 }] }, "a[].b").values, [
      { where: "a[0].b", value: 1 },
      { where: "a[2].b", value: 2 },
    ]);
    assert.deepStrictEqual(readPath({ a: "x" }, "a[].b").values, []);
    assert.deepStrictEqual(readPath({ a: { b: "x" } }, "a.b").values, [
      { where: "a.b", value: "x" },
    ]);
    assert.deepStrictEqual(readPath(null, "a.b").values, []);
    assert.deepStrictEqual(
      readPath({ r: ["x", "y"] }, "r[]").values.map((v) => v.value),
      ["x", "y"],
    );
  });
  const table: Array<[unknown, "region" | "arn", string | undefined]> = [
    ["eu-west-1", "region", "eu-west-1"],
    [" EU-WEST-1 ", "region", "eu-west-1"],
    ["", "region", undefined],
    ["eu-west-1", "arn", undefined],
    ["arn:aws:backup:us-east-1:1:backup-vault:v", "arn", "us-east-1"],
    ["arn:aws:backup:us-east-1:1:backup-vault:v", "region", "us-east-1"],
    ["arn:aws:s3:::bucket", "arn", undefined],
    ["arn:aws-cn:sqs:cn-north-1:1:q", "arn", "cn-north-1"],
    ["https://hooks.example.com", "arn", undefined],
    [42, "region", undefined],
    ["   ", "region", undefined],
    ["arn:aws:backup:US-EAST-1:1:backup-vault:v", "arn", "us-east-1"],
    [" arn:aws:backup:us-east-1:1:backup-vault:v", "arn", "us-east-1"],
    ["arn:aws:s3:::bucket", "region", undefined],
    ["arn:aws", "arn", undefined],
    ["arn:aws", "region", undefined],
  ];
  for (const [value, form, expected] of table) {
    it(`CMP-1: regionOf(${JSON.stringify(value)}, ${form}) = ${expected}`, () => {
      assert.strictEqual(regionOf(value, form), expected);
    });
  }
});
