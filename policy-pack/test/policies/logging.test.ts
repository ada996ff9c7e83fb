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
  it("IAM-3: enableLogging unset is AWS's default (logging); enableLogFileValidation unset blocks", () => {
    const { enableLogging: _l, ...noLogging } = good;
    assertPasses(run(res(TRAIL, noLogging)), "cloudtrail-configured");
    assertPasses(run(res(TRAIL, { ...good, enableLogging: "true" })), "cloudtrail-configured");
    assertPasses(
      run(res(TRAIL, { ...good, enableLogFileValidation: "true" })),
      "cloudtrail-configured",
    );
    const { enableLogFileValidation: _v, ...noValidation } = good;
    assertBlocks(
      run(res(TRAIL, noValidation, "t")),
      "cloudtrail-configured",
      /^IAM-3: trail 't' has enableLogFileValidation unset; set enableLogFileValidation to true/,
    );
    assertBlocks(
      run(res(TRAIL, { ...good, enableLogging: null }, "t")),
      "cloudtrail-configured",
      /^IAM-3: trail 't' has enableLogging null/,
    );
  });
  it('IAM-3: kmsKeyId "" or missing counts as unset; every gap of a trail is reported', () => {
    const { kmsKeyId: _k, ...noKey } = good;
    const messages = assertBlocks(
      run(res(TRAIL, { ...noKey, enableLogging: false, enableLogFileValidation: false }, "t")),
      "cloudtrail-configured",
    );
    assert.strictEqual(messages.length, 3, messages.join(" | "));
    assert.match(
      messages[2],
      /^IAM-3: trail 't' has kmsKeyId unset; set kmsKeyId to a KMS key ARN/,
    );
    assert.match(
      assertBlocks(run(res(TRAIL, { ...good, kmsKeyId: "" }, "t")), "cloudtrail-configured")[0],
      /^IAM-3: trail 't' has kmsKeyId "";/,
    );
    assertPasses(
      run(res(TRAIL, { ...good, kmsKeyId: " arn:aws:kms:eu-west-1:1:key/k " })),
      "cloudtrail-configured",
    );
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
      // The same stack blocks at preview once the selectors are known to drop write events, and
      // an unknown trail beside a known gap still defers the decision.
      assertBlocks(
        run([inst, trail("main", { eventSelectors: [{ readWriteType: "ReadOnly" }] })], {}, true),
        "stack-has-cloudtrail",
        /'main' eventSelectors record read-only management events only/,
      );
      const mixed = run(
        [
          inst,
          trail("main", { isMultiRegionTrail: UNKNOWN.boolean }),
          trail("other", { isMultiRegionTrail: false }),
        ],
        {},
        true,
      );
      assert.strictEqual(hits(mixed, "stack-has-cloudtrail").length, 0);
    });
    it("IAM-3: the stack's message names every trail's gap", () => {
      assertBlocks(
        run([
          inst,
          trail("one", { isMultiRegionTrail: false }),
          trail("two", { eventSelectors: [{ readWriteType: "WriteOnly" }] }),
        ]),
        "stack-has-cloudtrail",
        /^IAM-3: the stack has aws:ec2\/instance:Instance 'web' but no trail that is multi-region and records read and write management events: 'one' is not multi-region \(isMultiRegionTrail false\); 'two' eventSelectors record write-only management events only; /,
      );
      assertBlocks(
        run([inst, trail("main", { isMultiRegionTrail: undefined })]),
        "stack-has-cloudtrail",
        /'main' is not multi-region \(isMultiRegionTrail unset\)/,
      );
      assertPasses(
        run([inst, trail("main", { isMultiRegionTrail: "true" })]),
        "stack-has-cloudtrail",
      );
      assertPasses(
        run([inst, trail("main", { enableLogging: undefined })]),
        "stack-has-cloudtrail",
      );
    });
    it("IAM-3: EC2 instances, RDS instances and clusters, Auto Scaling groups, launch templates and other RDS resources need a trail; the message names the workload first", () => {
      for (const type of [
        "aws:ec2/instance:Instance",
        "aws:rds/instance:Instance",
        "aws:rds/cluster:Cluster",
        "aws:autoscaling/group:Group",
        "aws:ec2/launchTemplate:LaunchTemplate",
        "aws:rds/subnetGroup:SubnetGroup",
      ]) {
        assertBlocks(
          run([res("aws:s3/bucket:Bucket", {}, "b"), res(type, {}, "w")]),
          "stack-has-cloudtrail",
          new RegExp(
            `^IAM-3: the stack has ${type.replace(/\//g, "\\/")} 'w' but no aws\\.cloudtrail\\.Trail`,
          ),
        );
      }
      const stack = [
        res("aws:rds/subnetGroup:SubnetGroup", {}, "subnets"),
        res("aws:ec2/launchTemplate:LaunchTemplate", {}, "lt"),
        res("aws:autoscaling/group:Group", {}, "asg"),
        res("aws:rds/cluster:Cluster", {}, "cluster"),
        res("aws:rds/instance:Instance", {}, "db"),
      ];
      const named = (resources: typeof stack) =>
        assertBlocks(run(resources), "stack-has-cloudtrail")[0].match(/has (\S+) '/)?.[1];
      assert.strictEqual(named([...stack, inst]), "aws:ec2/instance:Instance");
      assert.strictEqual(named(stack), "aws:rds/instance:Instance");
      assert.strictEqual(named(stack.slice(0, 4)), "aws:rds/cluster:Cluster");
      assert.strictEqual(named(stack.slice(0, 3)), "aws:autoscaling/group:Group");
      assert.strictEqual(named(stack.slice(0, 2)), "aws:ec2/launchTemplate:LaunchTemplate");
      assertPasses(
        run([res("aws:lambda/function:Function", {}, "fn"), res("aws:ec2/vpc:Vpc", {}, "vpc")]),
        "stack-has-cloudtrail",
      );
      assertBlocks(
        run([inst], { "stack-has-cloudtrail": { requireTrailInStack: true } }),
        "stack-has-cloudtrail",
      );
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
  it("MON-2: the minimum itself passes, a day less blocks; null is unset; a non-number blocks", () => {
    const lg = (retentionInDays: unknown) =>
      res("aws:cloudwatch/logGroup:LogGroup", { retentionInDays, kmsKeyId: "k" }, "lg");
    assertPasses(run(lg(90)), "log-group-retention");
    assertBlocks(
      run(lg(89)),
      "log-group-retention",
      /^MON-2: log group 'lg' has retentionInDays 89; set it to at least 90 days\.$/,
    );
    assertPasses(run(lg(null)), "log-group-retention");
    assertBlocks(run(lg("forever")), "log-group-retention", /retentionInDays "forever"/);
    assertBlocks(run(lg(-1)), "log-group-retention");
  });
  it('MON-2: kmsKeyId "" blocks, an unknown key at preview passes, requireKms false drops the check', () => {
    const lg = (props: Record<string, unknown>) =>
      res("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 90, ...props }, "lg");
    assertBlocks(
      run(lg({ kmsKeyId: "" })),
      "log-group-retention",
      /^MON-2: log group 'lg' has kmsKeyId unset; set kmsKeyId to a KMS key ARN/,
    );
    assertPasses(run(lg({ kmsKeyId: UNKNOWN.string }), {}, true), "log-group-retention");
    assertPasses(
      run(lg({}), { "log-group-retention": { requireKms: false } }),
      "log-group-retention",
    );
    assertBlocks(
      run(lg({}), { "log-group-retention": { requireKms: true } }),
      "log-group-retention",
    );
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
    it("MON-3: an exclusion strategy (allSupported false) blocks", () => {
      assertBlocks(
        run(
          recorder({
            allSupported: false,
            exclusionByResourceTypes: [{ resourceTypes: ["AWS::EC2::Instance"] }],
            recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }],
          }),
        ),
        "config-recorder-all-supported",
        /allSupported false/,
      );
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
