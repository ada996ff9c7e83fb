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
  ];
  for (const [value, form, expected] of table) {
    it(`CMP-1: regionOf(${JSON.stringify(value)}, ${form}) = ${expected}`, () => {
      assert.strictEqual(regionOf(value, form), expected);
    });
  }
});
