import { assertBlocks, assertPasses, res, run } from "../helpers";

const TRAIL = "aws:cloudtrail/trail:Trail";
const good = {
  s3BucketName: "b",
  isMultiRegionTrail: true,
  enableLogging: true,
  enableLogFileValidation: true,
  kmsKeyId: "k",
};

describe("policies/logging", () => {
  it("IAM-3: passes a multi-region, logging, validated, encrypted trail", () => {
    assertPasses(run(res(TRAIL, good)), "cloudtrail-configured");
  });
  for (const [key, value] of [
    ["isMultiRegionTrail", false],
    ["enableLogging", false],
    ["enableLogFileValidation", undefined],
    ["kmsKeyId", undefined],
  ] as const) {
    it(`IAM-3: blocks a trail with ${key} ${String(value)}`, () => {
      assertBlocks(
        run(res(TRAIL, { ...good, [key]: value })),
        "cloudtrail-configured",
        new RegExp(key),
      );
    });
  }
  it("IAM-3: blocks a stack with an instance or database but no trail, unless requireTrailInStack is false", () => {
    const inst = res("aws:ec2/instance:Instance", { ami: "a" }, "web");
    assertBlocks(run([inst]), "stack-has-cloudtrail", /no aws\.cloudtrail\.Trail/);
    assertPasses(run([inst, res(TRAIL, good, "trail")]), "stack-has-cloudtrail");
    assertPasses(
      run([inst], { "stack-has-cloudtrail": { requireTrailInStack: false } }),
      "stack-has-cloudtrail",
    );
    assertPasses(run([res("aws:s3/bucket:Bucket", {}, "b")]), "stack-has-cloudtrail");
  });
  it("MON-2: log retention below the profile minimum blocks (production 90, sandbox 30); never-expire passes", () => {
    const lg = (retentionInDays: unknown) =>
      res("aws:cloudwatch/logGroup:LogGroup", { retentionInDays, kmsKeyId: "k" });
    assertBlocks(run(lg(30)), "log-group-retention", /at least 90/);
    assertPasses(
      run(lg(30), { "log-group-retention": { minLogRetentionDays: 30 } }),
      "log-group-retention",
    );
    assertBlocks(
      run(lg(14), { "log-group-retention": { minLogRetentionDays: 30 } }),
      "log-group-retention",
    );
    assertPasses(run(lg(0)), "log-group-retention");
    assertPasses(run(lg(undefined)), "log-group-retention");
    assertPasses(run(lg("365")), "log-group-retention");
  });
  it("MON-2: blocks a log group without a KMS key", () => {
    assertBlocks(
      run(res("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 90 })),
      "log-group-retention",
      /kmsKeyId/,
    );
  });
});
