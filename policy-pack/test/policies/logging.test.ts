import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

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
    ["enableLogging", false],
    ["enableLogFileValidation", undefined],
    ["kmsKeyId", undefined],
    ["kmsKeyId", ""],
    ["kmsKeyId", "  "],
  ] as const) {
    it(`IAM-3: blocks a trail with ${key} ${JSON.stringify(value)}`, () => {
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
  it("IAM-3: a single-region trail passes the per-trail check (which trail is multi-region is a stack question)", () => {
    assertPasses(run(res(TRAIL, { ...good, isMultiRegionTrail: false })), "cloudtrail-configured");
  });
  it("IAM-3: a kmsKeyId unknown at preview is a key", () => {
    const r = run(res(TRAIL, { ...good, kmsKeyId: UNKNOWN.string }), {}, true);
    assert.strictEqual(hits(r, "cloudtrail-configured").length, 0);
  });

  describe("stack level: one multi-region trail with every management event (IAM-3)", () => {
    const inst = res("aws:ec2/instance:Instance", { ami: "a" }, "web");
    const trail = (name: string, props: Record<string, unknown>) =>
      res(TRAIL, { ...good, ...props }, name);
    const dataTrail = trail("data", {
      isMultiRegionTrail: false,
      eventSelectors: [
        {
          readWriteType: "All",
          includeManagementEvents: false,
          dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::b/"] }],
        },
      ],
    });
    it("IAM-3: a supplemental single-region data-event trail next to the multi-region trail passes", () => {
      assertPasses(run([inst, trail("main", {}), dataTrail]), "stack-has-cloudtrail");
      assertPasses(run([inst, trail("main", {}), dataTrail]), "cloudtrail-configured");
    });
    it("IAM-3: blocks when no trail is multi-region", () => {
      assertBlocks(
        run([inst, trail("main", { isMultiRegionTrail: false })]),
        "stack-has-cloudtrail",
        /no trail that is multi-region and records read and write management events: 'main' is not multi-region \(isMultiRegionTrail false\)/,
      );
      assertBlocks(run([inst, dataTrail]), "stack-has-cloudtrail", /'data' is not multi-region/);
    });
    it("IAM-3: blocks a multi-region trail that drops management events or records read-only ones", () => {
      assertBlocks(
        run([inst, trail("main", { eventSelectors: [{ readWriteType: "ReadOnly" }] })]),
        "stack-has-cloudtrail",
        /'main' eventSelectors record read-only management events only/,
      );
      assertBlocks(
        run([inst, trail("main", { eventSelectors: [{ includeManagementEvents: false }] })]),
        "stack-has-cloudtrail",
        /no management events/,
      );
      assertBlocks(
        run([
          inst,
          trail("main", {
            advancedEventSelectors: [
              { name: "data", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] },
            ],
          }),
        ]),
        "stack-has-cloudtrail",
        /advancedEventSelectors record no management events/,
      );
      assertBlocks(
        run([inst, trail("main", { enableLogging: false })]),
        "stack-has-cloudtrail",
        /enableLogging false/,
      );
    });
    it("IAM-3: passes management events recorded through advanced selectors", () => {
      assertPasses(
        run([
          inst,
          trail("main", {
            advancedEventSelectors: [
              {
                name: "mgmt",
                fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
              },
            ],
          }),
        ]),
        "stack-has-cloudtrail",
      );
    });
    it("IAM-3: a trail whose selectors are unknown at preview never blocks", () => {
      const r = run([inst, trail("main", { eventSelectors: UNKNOWN.array })], {}, true);
      assert.strictEqual(hits(r, "stack-has-cloudtrail", "mandatory").length, 0);
    });
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

  describe("AWS Config (MON-3)", () => {
    const RECORDER = "aws:cfg/recorder:Recorder";
    const STATUS = "aws:cfg/recorderStatus:RecorderStatus";
    const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
    const recorder = (recordingGroup: unknown) =>
      res(RECORDER, { roleArn: "arn:aws:iam::1:role/config", recordingGroup }, "rec");
    const channel = res(CHANNEL, { s3BucketName: "audit" }, "chan");

    it("MON-3: passes a recorder for all supported types (global types too) and an enabled status", () => {
      assertPasses(
        run(recorder({ allSupported: true, includeGlobalResourceTypes: true })),
        "config-recorder-all-supported",
      );
      assertPasses(run(recorder({ allSupported: "true" })), "config-recorder-all-supported");
      assertPasses(run(res(STATUS, { name: "rec", isEnabled: true })), "config-recorder-enabled");
    });
    it("MON-3: blocks a recorder with allSupported false, unset, or no recordingGroup", () => {
      assertBlocks(
        run(recorder({ allSupported: false, resourceTypes: ["AWS::EC2::Instance"] })),
        "config-recorder-all-supported",
        /^MON-3: config recorder 'rec' has recordingGroup\.allSupported false; set recordingGroup\.allSupported to true/,
      );
      assertBlocks(run(recorder({})), "config-recorder-all-supported", /allSupported unset/);
      assertBlocks(run(recorder(undefined)), "config-recorder-all-supported", /unset/);
    });
    it("MON-3: malformed recordingGroup values block without throwing", () => {
      for (const g of [[{ allSupported: true }], "all", 1, null, { allSupported: "yes" }]) {
        assertBlocks(run(recorder(g)), "config-recorder-all-supported");
      }
    });
    it("MON-3: blocks a recorder status with isEnabled false, unset or malformed", () => {
      for (const isEnabled of [false, "false", undefined, null, 1, ["true"]]) {
        assertBlocks(
          run(res(STATUS, { name: "rec", isEnabled }, "status")),
          "config-recorder-enabled",
          /^MON-3: config recorder status 'status' has isEnabled .*; set isEnabled to true/,
        );
      }
    });
    it("MON-3: an allSupported or isEnabled unknown at preview is the engine's advisory, never a block", () => {
      const r = run(
        [recorder({ allSupported: UNKNOWN.boolean }), res(STATUS, { isEnabled: UNKNOWN.boolean })],
        {},
        true,
      );
      for (const name of ["config-recorder-all-supported", "config-recorder-enabled"]) {
        assert.strictEqual(hits(r, name, "mandatory").length, 0, name);
        assert.strictEqual(hits(r, name, "advisory").length, 1, name);
      }
      assert.strictEqual(
        hits(run(recorder(UNKNOWN.object), {}, true), "config-recorder-all-supported", "mandatory")
          .length,
        0,
      );
    });
    it("MON-3: a stack with a recorder needs a delivery channel", () => {
      const rec = recorder({ allSupported: true });
      assertBlocks(
        run([rec]),
        "config-recorder-has-delivery-channel",
        /^MON-3: the stack has config recorder 'rec' but no aws\.cfg\.DeliveryChannel/,
      );
      assertPasses(run([rec, channel]), "config-recorder-has-delivery-channel");
      assertPasses(run([channel]), "config-recorder-has-delivery-channel");
      assertPasses(
        run([res("aws:s3/bucket:Bucket", {}, "b")]),
        "config-recorder-has-delivery-channel",
      );
    });
  });
});
