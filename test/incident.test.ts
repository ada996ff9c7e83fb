import { strict as assert } from "assert";
import {
  AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  CloudWatchLogsClient,
  CreateExportTaskCommand,
  DescribeExportTasksCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateSnapshotCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  Instance,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
} from "@aws-sdk/client-ec2";
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { parseArgs, UsageError } from "../lib/incident/cli";
import {
  InstanceIsolation,
  IsolationError,
  IsolationRequest,
  StepOutcome,
} from "../lib/incident/isolate";
import { OutputsError, parseStackOutputs } from "../lib/incident/outputs";
import { STEPS, StepName } from "../lib/incident/plan";

const INSTANCE = "i-0123456789abcdef0";
const ASG = "decision-control-production-asg";
const TARGET_GROUP =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dc/73e2d6bc24d8a067";
const QUARANTINE = "sg-0quarantine";
const BUCKET = "decision-control-production-audit-0a1b2c3d";
const NOW = new Date("2024-05-01T10:00:00.000Z");
const TARGETS = {
  quarantineSecurityGroupId: QUARANTINE,
  autoScalingGroupName: ASG,
  targetGroupArn: TARGET_GROUP,
  auditBucketName: BUCKET,
  region: "eu-west-1",
};
const REQUEST: IsolationRequest = {
  stack: "production",
  instanceId: INSTANCE,
  reason: "suspicious outbound traffic",
  exportHours: 24,
  dryRun: false,
};

/** Calls that change something; everything else the command sends must be a read. */
const MUTATING = [
  "CreateTags",
  "CreateSnapshot",
  "DetachInstances",
  "DeregisterTargets",
  "ModifyInstanceAttribute",
  "ModifyNetworkInterfaceAttribute",
  "CreateExportTask",
];

interface Mocks {
  ec2: AwsClientStub<EC2Client>;
  autoScaling: AwsClientStub<AutoScalingClient>;
  elb: AwsClientStub<ElasticLoadBalancingV2Client>;
  logs: AwsClientStub<CloudWatchLogsClient>;
}

function instance(overrides: Partial<Instance> = {}): Instance {
  return {
    InstanceId: INSTANCE,
    Tags: [{ Key: "Name", Value: "decision-control-production-app" }],
    BlockDeviceMappings: [
      { DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-0root" } },
      { DeviceName: "/dev/xvdb", Ebs: { VolumeId: "vol-0data" } },
    ],
    NetworkInterfaces: [{ NetworkInterfaceId: "eni-0primary", Groups: [{ GroupId: "sg-0app" }] }],
    ...overrides,
  };
}

/** A healthy, in-service production instance: every step has work to do. */
function healthyInstance(mocks: Mocks, described: Instance = instance()): void {
  mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [described] }] });
  mocks.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  mocks.ec2.on(CreateTagsCommand).resolves({});
  mocks.ec2
    .on(CreateSnapshotCommand, { VolumeId: "vol-0root" })
    .resolves({ SnapshotId: "snap-0root" });
  mocks.ec2
    .on(CreateSnapshotCommand, { VolumeId: "vol-0data" })
    .resolves({ SnapshotId: "snap-0data" });
  mocks.ec2.on(ModifyInstanceAttributeCommand).resolves({});
  mocks.ec2.on(ModifyNetworkInterfaceAttributeCommand).resolves({});
  mocks.autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({
    AutoScalingInstances: [
      {
        InstanceId: INSTANCE,
        AutoScalingGroupName: ASG,
        LifecycleState: "InService",
        AvailabilityZone: "eu-west-1a",
        HealthStatus: "HEALTHY",
        ProtectedFromScaleIn: false,
      },
    ],
  });
  mocks.autoScaling.on(DetachInstancesCommand).resolves({ Activities: [] });
  mocks.elb.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: INSTANCE, Port: 8080 }, TargetHealth: { State: "healthy" } },
    ],
  });
  mocks.elb.on(DeregisterTargetsCommand).resolves({});
  mocks.logs.on(DescribeExportTasksCommand).resolves({ exportTasks: [] });
  mocks.logs.on(CreateExportTaskCommand).resolves({ taskId: "export-task-1" });
}

/** The same instance after a completed isolation: every check finds its step done. */
function isolatedInstance(mocks: Mocks): void {
  healthyInstance(
    mocks,
    instance({
      Tags: [
        { Key: "Quarantine", Value: "true" },
        { Key: "QuarantineTime", Value: "2024-05-01T09:00:00.000Z" },
      ],
      NetworkInterfaces: [
        { NetworkInterfaceId: "eni-0primary", Groups: [{ GroupId: QUARANTINE }] },
      ],
    }),
  );
  mocks.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: "snap-earlier" }] });
  mocks.autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({ AutoScalingInstances: [] });
  mocks.elb.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      {
        Target: { Id: INSTANCE, Port: 8080 },
        TargetHealth: { State: "unused", Reason: "Target.NotRegistered" },
      },
    ],
  });
  mocks.logs.on(DescribeExportTasksCommand).resolves({
    exportTasks: [
      {
        taskId: "export-earlier",
        taskName: `isolate-${INSTANCE}-2024-05-01T09-00-00-000Z`,
        status: { code: "COMPLETED" },
        destination: BUCKET,
        destinationPrefix: "exports/x",
      },
    ],
  });
}

function setup(): { mocks: Mocks; isolation: InstanceIsolation; lines: string[] } {
  const clients = {
    ec2: new EC2Client({ region: "eu-west-1" }),
    autoScaling: new AutoScalingClient({ region: "eu-west-1" }),
    elb: new ElasticLoadBalancingV2Client({ region: "eu-west-1" }),
    logs: new CloudWatchLogsClient({ region: "eu-west-1" }),
  };
  const mocks: Mocks = {
    ec2: mockClient(clients.ec2),
    autoScaling: mockClient(clients.autoScaling),
    elb: mockClient(clients.elb),
    logs: mockClient(clients.logs),
  };
  const lines: string[] = [];
  const isolation = new InstanceIsolation(clients, TARGETS, {
    log: (line) => lines.push(line),
    now: () => NOW,
  });
  return { mocks, isolation, lines };
}

/** Every AWS call across the four clients, in the order it was sent. */
function journal(mocks: Mocks): { name: string; input: Record<string, unknown> }[] {
  return (
    Object.values(mocks)
      .flatMap((mock: AwsClientStub<EC2Client>) => mock.calls())
      // sinon numbers every spy call globally, so callId orders calls across the four clients.
      .sort(
        (a, b) =>
          (a as unknown as { callId: number }).callId - (b as unknown as { callId: number }).callId,
      )
      .map((call) => {
        const command = call.args[0] as unknown as {
          constructor: { name: string };
          input: Record<string, unknown>;
        };
        return { name: command.constructor.name.replace(/Command$/, ""), input: command.input };
      })
  );
}

const mutations = (mocks: Mocks) => journal(mocks).filter((call) => MUTATING.includes(call.name));
const inputOf = (mocks: Mocks, name: string) => {
  const found = journal(mocks).filter((call) => call.name === name);
  assert.equal(found.length, 1, `exactly one ${name}`);
  return found[0].input;
};

describe("incident isolate (IR-1, IR-2)", () => {
  describe("on an in-service instance", () => {
    let mocks: Mocks;
    let outcomes: StepOutcome[];
    let lines: string[];
    before(async () => {
      const context = setup();
      ({ mocks, lines } = context);
      healthyInstance(mocks);
      outcomes = await context.isolation.isolate(REQUEST);
    });

    it("IR-1/IR-2: tags, snapshots, detaches, deregisters, quarantines, then exports, in that order", () => {
      assert.deepEqual(
        mutations(mocks).map((call) => call.name),
        [
          "CreateTags",
          "CreateSnapshot",
          "CreateSnapshot",
          "DetachInstances",
          "DeregisterTargets",
          "ModifyInstanceAttribute",
          "CreateExportTask",
        ],
      );
      assert.deepEqual(
        outcomes.map((outcome) => [outcome.step, outcome.status]),
        STEPS.map((step) => [step, "done"]),
      );
    });

    it("IR-2: every step checks before it changes anything (reads precede each write)", () => {
      assert.deepEqual(
        journal(mocks).map((call) => call.name),
        [
          "DescribeInstances",
          "CreateTags",
          "DescribeSnapshots",
          "DescribeSnapshots",
          "CreateSnapshot",
          "CreateSnapshot",
          "DescribeAutoScalingInstances",
          "DetachInstances",
          "DescribeTargetHealth",
          "DeregisterTargets",
          "ModifyInstanceAttribute",
          "DescribeExportTasks",
          "CreateExportTask",
        ],
      );
    });

    it("IR-1: tags the instance Quarantine=true with the reason and time", () => {
      assert.deepEqual(inputOf(mocks, "CreateTags"), {
        Resources: [INSTANCE],
        Tags: [
          { Key: "Quarantine", Value: "true" },
          { Key: "QuarantineReason", Value: "suspicious outbound traffic" },
          { Key: "QuarantineTime", Value: NOW.toISOString() },
        ],
      });
    });

    it("IR-2: snapshots each attached volume with a forensic description and quarantine tags", () => {
      const snapshots = journal(mocks)
        .filter((call) => call.name === "CreateSnapshot")
        .map((call) => call.input);
      assert.deepEqual(
        snapshots.map((input) => input.VolumeId),
        ["vol-0root", "vol-0data"],
      );
      for (const input of snapshots) {
        assert.match(
          String(input.Description),
          new RegExp(
            `^Forensic snapshot of ${input.VolumeId} \\(/dev/xvd[ab]\\) of ${INSTANCE}, ${NOW.toISOString()}: suspicious outbound traffic$`,
          ),
        );
        const [spec] = input.TagSpecifications as {
          ResourceType: string;
          Tags: { Key: string; Value: string }[];
        }[];
        assert.equal(spec.ResourceType, "snapshot");
        assert.deepEqual(
          spec.Tags.filter((tag) =>
            ["Quarantine", "QuarantineInstance", "QuarantineVolume"].includes(tag.Key),
          ),
          [
            { Key: "Quarantine", Value: "true" },
            { Key: "QuarantineInstance", Value: INSTANCE },
            { Key: "QuarantineVolume", Value: input.VolumeId },
          ],
        );
      }
    });

    it("IR-1: detaches from this stack's group without decrementing desired capacity, so the group replaces it", () => {
      assert.deepEqual(inputOf(mocks, "DetachInstances"), {
        AutoScalingGroupName: ASG,
        InstanceIds: [INSTANCE],
        ShouldDecrementDesiredCapacity: false,
      });
    });

    it("IR-1: deregisters exactly the registered target (id and port) from the target group", () => {
      assert.deepEqual(inputOf(mocks, "DeregisterTargets"), {
        TargetGroupArn: TARGET_GROUP,
        Targets: [{ Id: INSTANCE, Port: 8080 }],
      });
    });

    it("IR-1: replaces the instance's security groups with the quarantine group only", () => {
      assert.deepEqual(inputOf(mocks, "ModifyInstanceAttribute"), {
        InstanceId: INSTANCE,
        Groups: [QUARANTINE],
      });
    });

    it("IR-2: exports the last 24 hours of /aletyx/application to the audit bucket under exports/<instance>/", () => {
      assert.deepEqual(inputOf(mocks, "CreateExportTask"), {
        taskName: `isolate-${INSTANCE}-2024-05-01T10-00-00-000Z`,
        logGroupName: "/aletyx/application",
        from: NOW.getTime() - 24 * 3600 * 1000,
        to: NOW.getTime(),
        destination: BUCKET,
        destinationPrefix: `exports/${INSTANCE}/2024-05-01T10-00-00-000Z`,
      });
    });

    it("prints one line per step, numbered", () => {
      const stepLines = lines.filter((line) => /^\[\d\/6\]/.test(line));
      assert.equal(stepLines.length, 6);
      assert.ok(stepLines.every((line) => line.includes(": done: ")));
    });
  });

  it("IR-1: an instance with several network interfaces has each interface moved to the quarantine group", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(
      mocks,
      instance({
        NetworkInterfaces: [
          { NetworkInterfaceId: "eni-0primary", Groups: [{ GroupId: "sg-0app" }] },
          { NetworkInterfaceId: "eni-0secondary", Groups: [{ GroupId: QUARANTINE }] },
          {
            NetworkInterfaceId: "eni-0third",
            Groups: [{ GroupId: "sg-0app" }, { GroupId: QUARANTINE }],
          },
        ],
      }),
    );
    await isolation.isolate(REQUEST);
    const moved = journal(mocks)
      .filter((call) => call.name === "ModifyNetworkInterfaceAttribute")
      .map((call) => call.input);
    assert.deepEqual(moved, [
      { NetworkInterfaceId: "eni-0primary", Groups: [QUARANTINE] },
      { NetworkInterfaceId: "eni-0third", Groups: [QUARANTINE] },
    ]);
    assert.equal(
      journal(mocks).filter((call) => call.name === "ModifyInstanceAttribute").length,
      0,
    );
  });

  it("IR-1: re-running on an isolated instance changes nothing and reports every step as already done", async () => {
    const { mocks, isolation } = setup();
    isolatedInstance(mocks);
    const outcomes = await isolation.isolate(REQUEST);
    assert.deepEqual(mutations(mocks), []);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      STEPS.map(() => "skipped"),
    );
    assert.match(outcomes[0].detail, /since 2024-05-01T09:00:00.000Z/);
  });

  it("IR-1: after the group's own deregistration on detach, a draining target is not deregistered again", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.elb.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: INSTANCE, Port: 8080 }, TargetHealth: { State: "draining" } },
      ],
    });
    const outcomes = await isolation.isolate(REQUEST);
    assert.equal(outcomes.find((outcome) => outcome.step === "deregister")?.status, "skipped");
    assert.equal(journal(mocks).filter((call) => call.name === "DeregisterTargets").length, 0);
  });

  it("--dry-run: only reads, prints the plan, changes nothing", async () => {
    const { mocks, isolation, lines } = setup();
    healthyInstance(mocks);
    const outcomes = await isolation.isolate({ ...REQUEST, dryRun: true });
    assert.deepEqual(mutations(mocks), []);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      STEPS.map(() => "planned"),
    );
    assert.ok(lines[0].startsWith("Plan (dry run, nothing is changed)"));
    assert.ok(
      lines.some((line) =>
        line.includes("would: snapshot vol-0root (/dev/xvda), vol-0data (/dev/xvdb)"),
      ),
    );
    assert.ok(
      lines.some((line) =>
        line.includes(`would: detach ${INSTANCE} from ${ASG} keeping the desired capacity`),
      ),
    );
  });

  const failures: { step: StepName; fail: (mocks: Mocks) => void; completed: string[] }[] = [
    {
      step: "tag",
      fail: (m) =>
        m.ec2.on(CreateTagsCommand).rejects(new Error("UnauthorizedOperation: not allowed")),
      completed: [],
    },
    {
      step: "snapshot",
      fail: (m) => m.ec2.on(CreateSnapshotCommand).rejects(new Error("SnapshotLimitExceeded")),
      completed: ["CreateTags"],
    },
    {
      step: "detach",
      fail: (m) =>
        m.autoScaling.on(DetachInstancesCommand).rejects(new Error("ResourceContention")),
      completed: ["CreateTags", "CreateSnapshot", "CreateSnapshot"],
    },
    {
      step: "deregister",
      fail: (m) => m.elb.on(DeregisterTargetsCommand).rejects(new Error("InvalidTarget")),
      completed: ["CreateTags", "CreateSnapshot", "CreateSnapshot", "DetachInstances"],
    },
    {
      step: "quarantine",
      fail: (m) =>
        m.ec2.on(ModifyInstanceAttributeCommand).rejects(new Error("InvalidGroup.NotFound")),
      completed: [
        "CreateTags",
        "CreateSnapshot",
        "CreateSnapshot",
        "DetachInstances",
        "DeregisterTargets",
      ],
    },
    {
      step: "export-logs",
      fail: (m) =>
        m.logs
          .on(CreateExportTaskCommand)
          .rejects(new Error("LimitExceededException: one active export task per account")),
      completed: [
        "CreateTags",
        "CreateSnapshot",
        "CreateSnapshot",
        "DetachInstances",
        "DeregisterTargets",
        "ModifyInstanceAttribute",
      ],
    },
  ];
  for (const { step, fail, completed } of failures) {
    it(`a failing "${step}" step stops the run, names the step and lists it and the rest as commands to run by hand`, async () => {
      const { mocks, isolation } = setup();
      healthyInstance(mocks);
      fail(mocks);
      const error = await isolation.isolate(REQUEST).then(
        () => assert.fail("expected the isolation to fail"),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof IsolationError);
      assert.equal(error.step, step);
      const index = STEPS.indexOf(step);
      assert.match(error.message, new RegExp(`^Step ${index + 1}/6 ".+" failed: `));
      assert.deepEqual(
        error.manual.map((left) => left.step),
        STEPS.slice(index),
      );
      assert.deepEqual(
        mutations(mocks).map((call) => call.name),
        [...completed, ...(step === "snapshot" ? ["CreateSnapshot"] : [mutationOf(step)])],
      );
      assert.ok(error.message.includes("Left to do by hand, in this order:"));
    });
  }

  it("the manual commands are the AWS CLI equivalents of the remaining steps", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.autoScaling.on(DetachInstancesCommand).rejects(new Error("ResourceContention"));
    const error = (await isolation
      .isolate(REQUEST)
      .catch((caught: unknown) => caught)) as IsolationError;
    const commands = Object.fromEntries(error.manual.map((left) => [left.step, left.command]));
    assert.equal(
      commands.detach,
      `aws autoscaling detach-instances --region eu-west-1 --instance-ids ${INSTANCE} --auto-scaling-group-name ${ASG} --no-should-decrement-desired-capacity`,
    );
    assert.equal(
      commands.deregister,
      `aws elbv2 deregister-targets --region eu-west-1 --target-group-arn ${TARGET_GROUP} --targets Id=${INSTANCE}`,
    );
    assert.ok(
      commands.quarantine.startsWith(
        `aws ec2 modify-instance-attribute --region eu-west-1 --instance-id ${INSTANCE} --groups ${QUARANTINE}`,
      ),
    );
    assert.ok(
      commands["export-logs"].includes(
        `--destination ${BUCKET} --destination-prefix exports/${INSTANCE}/`,
      ),
    );
  });

  it("an unknown instance stops before any change, with every step left to do", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const error = (await isolation
      .isolate(REQUEST)
      .catch((caught: unknown) => caught)) as IsolationError;
    assert.ok(error instanceof IsolationError);
    assert.equal(error.step, "inspect");
    assert.match(
      error.message,
      /^Looking up the instance failed: instance i-0123456789abcdef0 was not found in eu-west-1/,
    );
    assert.equal(error.manual.length, 6);
    assert.deepEqual(mutations(mocks), []);
  });

  it("an instance of another Auto Scaling group is not detached (wrong stack or instance)", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.autoScaling.on(DescribeAutoScalingInstancesCommand).resolves({
      AutoScalingInstances: [
        {
          InstanceId: INSTANCE,
          AutoScalingGroupName: "someone-elses-asg",
          LifecycleState: "InService",
          AvailabilityZone: "eu-west-1a",
          HealthStatus: "HEALTHY",
          ProtectedFromScaleIn: false,
        },
      ],
    });
    const error = (await isolation
      .isolate(REQUEST)
      .catch((caught: unknown) => caught)) as IsolationError;
    assert.equal(error.step, "detach");
    assert.match(error.message, /belongs to Auto Scaling group someone-elses-asg/);
    assert.equal(journal(mocks).filter((call) => call.name === "DetachInstances").length, 0);
  });
});

function mutationOf(step: StepName): string {
  const names: Record<StepName, string> = {
    tag: "CreateTags",
    snapshot: "CreateSnapshot",
    detach: "DetachInstances",
    deregister: "DeregisterTargets",
    quarantine: "ModifyInstanceAttribute",
    "export-logs": "CreateExportTask",
  };
  return names[step];
}

describe("incident stack outputs", () => {
  const valid = JSON.stringify({ ...TARGETS, edition: "production", vpcId: "vpc-1" });

  it("reads the five outputs the command needs from `pulumi stack output --json`", () => {
    assert.deepEqual(parseStackOutputs(valid, "production"), TARGETS);
  });

  it("names every missing output at once", () => {
    const { autoScalingGroupName: _asg, auditBucketName: _bucket, ...rest } = TARGETS;
    assert.throws(
      () => parseStackOutputs(JSON.stringify(rest), "production"),
      (error: unknown) =>
        error instanceof OutputsError &&
        /lack autoScalingGroupName, auditBucketName/.test(error.message),
    );
  });

  it("IR-1: refuses a sandbox stack and points to the quarantine config key", () => {
    assert.throws(
      () => parseStackOutputs(JSON.stringify({ ...TARGETS, edition: "sandbox" }), "sandbox"),
      /decision-control:quarantine true/,
    );
  });

  it("explains how to pipe the outputs when the input is not JSON", () => {
    assert.throws(
      () => parseStackOutputs("Current stack is production", "production"),
      /pulumi stack output --json/,
    );
  });
});

describe("incident command line", () => {
  it("parses isolate with its options", () => {
    assert.deepEqual(
      parseArgs([
        "isolate",
        "--stack",
        "production",
        "--instance",
        INSTANCE,
        "--dry-run",
        "--reason",
        "malware",
        "--export-hours",
        "48",
        "--outputs",
        "out.json",
      ]),
      {
        command: "isolate",
        stack: "production",
        instanceId: INSTANCE,
        dryRun: true,
        reason: "malware",
        outputsFile: "out.json",
        exportHours: 48,
      },
    );
  });

  it("defaults: not a dry run, 24 hours of logs, a generic reason, outputs from stdin", () => {
    const parsed = parseArgs(["isolate", "--stack", "production", "--instance", INSTANCE]);
    assert.deepEqual(
      [parsed.dryRun, parsed.exportHours, parsed.reason, parsed.outputsFile],
      [false, 24, "security incident", undefined],
    );
  });

  for (const [label, argv, message] of [
    ["no command", [], /No command given/],
    ["another command", ["terminate", "--stack", "p"], /Unknown command "terminate"/],
    ["no instance", ["isolate", "--stack", "production"], /--instance is required/],
    [
      "a malformed instance ID",
      ["isolate", "--stack", "production", "--instance", "i-xyz"],
      /not an EC2 instance ID/,
    ],
    [
      "an unknown flag",
      ["isolate", "--stack", "production", "--instance", INSTANCE, "--force"],
      /Unknown option "--force"/,
    ],
    [
      "a flag without value",
      ["isolate", "--stack", "--instance", INSTANCE],
      /--stack needs a value/,
    ],
    [
      "too many export hours",
      ["isolate", "--stack", "production", "--instance", INSTANCE, "--export-hours", "500"],
      /1 to 168/,
    ],
  ] as const) {
    it(`rejects ${label} with the usage`, () => {
      assert.throws(
        () => parseArgs(argv),
        (error: unknown) =>
          error instanceof UsageError &&
          message.test(error.message) &&
          error.message.includes("Usage:"),
      );
    });
  }
});
