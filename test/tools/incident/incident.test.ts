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
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  Instance,
  InstanceNetworkInterface,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  NetworkAcl,
} from "@aws-sdk/client-ec2";
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { parseArgs, UsageError } from "../../../tools/incident/cli";
import {
  InstanceIsolation,
  IsolationError,
  IsolationRequest,
  StepOutcome,
} from "../../../tools/incident/isolate";
import {
  assertInstanceOfStack,
  IsolationTargets,
  OutputsError,
  parseStackOutputs,
  ProductionTargets,
  SandboxTargets,
} from "../../../tools/incident/outputs";
import { STEPS, StepName } from "../../../tools/incident/plan";

const INSTANCE = "i-0123456789abcdef0";
const ASG = "decision-control-production-asg";
const TARGET_GROUP =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dc/73e2d6bc24d8a067";
const QUARANTINE = "sg-0quarantine";
const UNTRACK = "sg-0untrack";
const UNTRACK_NAME = `ir-untrack-production-${INSTANCE}`;
const BUCKET = "decision-control-production-audit-0a1b2c3d";
const VPC = "vpc-0main";
const OWN_SUBNET = "subnet-0private-a";
const ACL = "acl-0default";
const ADDRESS = "10.0.64.10";
const NOW = new Date("2024-05-01T10:00:00.000Z");
/** Named per creation by the program; the incident command takes it from the stack outputs. */
const APP_LOG_GROUP = "/aletyx/application/decision-control-production-20240101000000000000000001";
const PRODUCTION: ProductionTargets = {
  edition: "production",
  quarantineSecurityGroupId: QUARANTINE,
  autoScalingGroupName: ASG,
  targetGroupArn: TARGET_GROUP,
  auditBucketName: BUCKET,
  applicationLogGroupName: APP_LOG_GROUP,
  region: "eu-west-1",
};
const SANDBOX: SandboxTargets = {
  edition: "sandbox",
  quarantineSecurityGroupId: QUARANTINE,
  instanceId: INSTANCE,
  auditBucketName: BUCKET,
  applicationLogGroupName: APP_LOG_GROUP,
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
  "CreateNetworkAclEntry",
  "CreateSecurityGroup",
  "AuthorizeSecurityGroupIngress",
  "AuthorizeSecurityGroupEgress",
  "ModifyInstanceAttribute",
  "ModifyNetworkInterfaceAttribute",
  "DeleteSecurityGroup",
  "CreateExportTask",
];

/** What a full isolation of a single-interface production instance changes, in order. */
const FULL_RUN = [
  "CreateSnapshot",
  "CreateSnapshot",
  "CreateTags",
  "DetachInstances",
  "DeregisterTargets",
  "CreateNetworkAclEntry",
  "CreateNetworkAclEntry",
  "CreateSecurityGroup",
  "AuthorizeSecurityGroupIngress",
  "AuthorizeSecurityGroupEgress",
  "ModifyInstanceAttribute",
  "ModifyInstanceAttribute",
  "DeleteSecurityGroup",
  "CreateExportTask",
];

interface Mocks {
  ec2: AwsClientStub<EC2Client>;
  autoScaling: AwsClientStub<AutoScalingClient>;
  elb: AwsClientStub<ElasticLoadBalancingV2Client>;
  logs: AwsClientStub<CloudWatchLogsClient>;
}

function networkInterface(
  id: string,
  groups: string[],
  address = ADDRESS,
): InstanceNetworkInterface {
  return {
    NetworkInterfaceId: id,
    SubnetId: OWN_SUBNET,
    Groups: groups.map((GroupId) => ({ GroupId })),
    PrivateIpAddress: address,
    PrivateIpAddresses: [{ PrivateIpAddress: address, Primary: true }],
  };
}

function instance(overrides: Partial<Instance> = {}): Instance {
  return {
    InstanceId: INSTANCE,
    VpcId: VPC,
    SubnetId: OWN_SUBNET,
    Tags: [{ Key: "Name", Value: "decision-control-production-app" }],
    BlockDeviceMappings: [
      { DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-0root" } },
      { DeviceName: "/dev/xvdb", Ebs: { VolumeId: "vol-0data" } },
    ],
    NetworkInterfaces: [networkInterface("eni-0primary", ["sg-0app"])],
    ...overrides,
  };
}

/** The VPC's default network ACL as this program leaves it: every subnet, allow all at rule 100. */
function defaultAcl(extraEntries: NonNullable<NetworkAcl["Entries"]> = []): NetworkAcl {
  const entries = (egress: boolean) => [
    {
      RuleNumber: 100,
      Protocol: "-1",
      RuleAction: "allow" as const,
      Egress: egress,
      CidrBlock: "0.0.0.0/0",
    },
    {
      RuleNumber: 32767,
      Protocol: "-1",
      RuleAction: "deny" as const,
      Egress: egress,
      CidrBlock: "0.0.0.0/0",
    },
  ];
  return {
    NetworkAclId: ACL,
    VpcId: VPC,
    IsDefault: true,
    Associations: [OWN_SUBNET, "subnet-0public-a", "subnet-0isolated-a"].map((SubnetId) => ({
      SubnetId,
      NetworkAclId: ACL,
    })),
    Entries: [...entries(false), ...entries(true), ...extraEntries],
  };
}

/** The transient group as DescribeSecurityGroups shows it right after CreateSecurityGroup. */
const freshUntrackGroup = {
  GroupId: UNTRACK,
  GroupName: UNTRACK_NAME,
  VpcId: VPC,
  IpPermissions: [],
  IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
};
const completeUntrackGroup = {
  ...freshUntrackGroup,
  IpPermissions: [
    { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
  ],
  IpPermissionsEgress: [
    { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
  ],
};

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
  mocks.ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [defaultAcl()] });
  mocks.ec2.on(CreateNetworkAclEntryCommand).resolves({});
  mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  mocks.ec2
    .on(DescribeSecurityGroupsCommand, { GroupIds: [UNTRACK] })
    .resolves({ SecurityGroups: [freshUntrackGroup] });
  mocks.ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: UNTRACK });
  mocks.ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
  mocks.ec2.on(AuthorizeSecurityGroupEgressCommand).resolves({ Return: true });
  mocks.ec2.on(ModifyInstanceAttributeCommand).resolves({});
  mocks.ec2.on(ModifyNetworkInterfaceAttributeCommand).resolves({});
  mocks.ec2.on(DeleteSecurityGroupCommand).resolves({ Return: true });
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
      NetworkInterfaces: [networkInterface("eni-0primary", [QUARANTINE])],
    }),
  );
  mocks.ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: "snap-earlier" }] });
  mocks.ec2.on(DescribeNetworkAclsCommand).resolves({
    NetworkAcls: [
      defaultAcl([
        {
          RuleNumber: 1,
          Protocol: "-1",
          RuleAction: "deny",
          Egress: false,
          CidrBlock: `${ADDRESS}/32`,
        },
        {
          RuleNumber: 1,
          Protocol: "-1",
          RuleAction: "deny",
          Egress: true,
          CidrBlock: `${ADDRESS}/32`,
        },
      ]),
    ],
  });
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

function setup(targets: IsolationTargets = PRODUCTION): {
  mocks: Mocks;
  isolation: InstanceIsolation;
  lines: string[];
} {
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
  const isolation = new InstanceIsolation(clients, targets, {
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
const inputsOf = (mocks: Mocks, name: string) =>
  journal(mocks)
    .filter((call) => call.name === name)
    .map((call) => call.input);
const inputOf = (mocks: Mocks, name: string) => {
  const found = inputsOf(mocks, name);
  assert.equal(found.length, 1, `exactly one ${name}`);
  return found[0];
};
const failure = (promise: Promise<unknown>): Promise<IsolationError> =>
  promise.then(
    () => assert.fail("expected the isolation to fail"),
    (caught: unknown) => {
      assert.ok(caught instanceof IsolationError, String(caught));
      return caught;
    },
  );

describe("incident isolate (IR-1, IR-2)", () => {
  describe("on an in-service production instance", () => {
    let mocks: Mocks;
    let outcomes: StepOutcome[];
    let lines: string[];
    before(async () => {
      const context = setup();
      ({ mocks, lines } = context);
      healthyInstance(mocks);
      outcomes = await context.isolation.isolate(REQUEST);
    });

    it("IR-1/IR-2: snapshots first, then tags, detaches, deregisters, denies in the ACLs, untracks, quarantines, drops the transient group, exports", () => {
      assert.deepEqual(
        mutations(mocks).map((call) => call.name),
        FULL_RUN,
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
          "DescribeSnapshots",
          "DescribeSnapshots",
          "CreateSnapshot",
          "CreateSnapshot",
          "CreateTags",
          "DescribeAutoScalingInstances",
          "DetachInstances",
          "DescribeTargetHealth",
          "DeregisterTargets",
          "DescribeNetworkAcls",
          "CreateNetworkAclEntry",
          "CreateNetworkAclEntry",
          "DescribeSecurityGroups",
          "CreateSecurityGroup",
          "DescribeSecurityGroups",
          "AuthorizeSecurityGroupIngress",
          "AuthorizeSecurityGroupEgress",
          "ModifyInstanceAttribute",
          "ModifyInstanceAttribute",
          "DeleteSecurityGroup",
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
      const snapshots = inputsOf(mocks, "CreateSnapshot");
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

    it("IR-1: denies the instance's address, all protocols, inbound and outbound, before the ACL's allow rule (cuts NAT-gateway flows the swap cannot)", () => {
      assert.deepEqual(inputOf(mocks, "DescribeNetworkAcls"), {
        Filters: [{ Name: "vpc-id", Values: [VPC] }],
      });
      assert.deepEqual(inputsOf(mocks, "CreateNetworkAclEntry"), [
        {
          NetworkAclId: ACL,
          RuleNumber: 1,
          Egress: false,
          Protocol: "-1",
          RuleAction: "deny",
          CidrBlock: `${ADDRESS}/32`,
        },
        {
          NetworkAclId: ACL,
          RuleNumber: 1,
          Egress: true,
          Protocol: "-1",
          RuleAction: "deny",
          CidrBlock: `${ADDRESS}/32`,
        },
      ]);
    });

    it("IR-1: the transient untrack group is created in the instance's VPC, named and tagged for the instance", () => {
      const created = inputOf(mocks, "CreateSecurityGroup");
      assert.equal(created.GroupName, UNTRACK_NAME);
      assert.equal(created.VpcId, VPC);
      assert.match(String(created.Description), /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
      const [spec] = created.TagSpecifications as {
        ResourceType: string;
        Tags: { Key: string; Value: string }[];
      }[];
      assert.equal(spec.ResourceType, "security-group");
      assert.ok(
        spec.Tags.some((tag) => tag.Key === "QuarantineInstance" && tag.Value === INSTANCE),
      );
    });

    it("IR-1: the untrack group admits all protocols from and to 0.0.0.0/0 and ::/0 (what makes flows untracked), added before any interface moves in", () => {
      const ingress = inputOf(mocks, "AuthorizeSecurityGroupIngress") as {
        GroupId: string;
        IpPermissions: {
          IpProtocol: string;
          IpRanges?: { CidrIp: string }[];
          Ipv6Ranges?: { CidrIpv6: string }[];
        }[];
      };
      assert.equal(ingress.GroupId, UNTRACK);
      assert.deepEqual(
        ingress.IpPermissions.map((permission) => [
          permission.IpProtocol,
          permission.IpRanges?.map((range) => range.CidrIp),
          permission.Ipv6Ranges?.map((range) => range.CidrIpv6),
        ]),
        [["-1", ["0.0.0.0/0"], ["::/0"]]],
      );
      // The new group's own allow-all IPv4 egress rule is kept; only IPv6 is added.
      const egress = inputOf(mocks, "AuthorizeSecurityGroupEgress") as typeof ingress;
      assert.deepEqual(
        egress.IpPermissions.map((permission) => [
          permission.IpProtocol,
          permission.IpRanges,
          permission.Ipv6Ranges?.map((range) => range.CidrIpv6),
        ]),
        [["-1", undefined, ["::/0"]]],
      );
    });

    it("IR-1: untrack precedes quarantine: the instance is put in the untrack group, then in the quarantine group only", () => {
      assert.deepEqual(inputsOf(mocks, "ModifyInstanceAttribute"), [
        { InstanceId: INSTANCE, Groups: [UNTRACK] },
        { InstanceId: INSTANCE, Groups: [QUARANTINE] },
      ]);
    });

    it("IR-1: the transient group is deleted after the instance left it, so no allow-all group remains", () => {
      assert.deepEqual(inputOf(mocks, "DeleteSecurityGroup"), { GroupId: UNTRACK });
      const names = journal(mocks).map((call) => call.name);
      assert.ok(
        names.lastIndexOf("ModifyInstanceAttribute") < names.indexOf("DeleteSecurityGroup"),
      );
    });

    it("IR-2: exports the last 24 hours of the stack's application log group (named by its outputs) to the audit bucket under exports/<instance>/", () => {
      assert.deepEqual(inputOf(mocks, "CreateExportTask"), {
        taskName: `isolate-${INSTANCE}-2024-05-01T10-00-00-000Z`,
        logGroupName: APP_LOG_GROUP,
        from: NOW.getTime() - 24 * 3600 * 1000,
        to: NOW.getTime(),
        destination: BUCKET,
        destinationPrefix: `exports/${INSTANCE}/2024-05-01T10-00-00-000Z`,
      });
    });

    it("prints one line per step, numbered, and how to remove the ACL entries once the instance is gone", () => {
      const stepLines = lines.filter((line) => /^\[\d\/9\]/.test(line));
      assert.equal(stepLines.length, 9);
      assert.ok(stepLines.every((line) => line.includes(": done: ")));
      const summary = lines[lines.length - 1];
      assert.ok(
        summary.includes(
          `aws ec2 delete-network-acl-entry --region eu-west-1 --network-acl-id ${ACL} --ingress --rule-number 1`,
        ),
      );
      assert.ok(
        summary.includes(
          `aws ec2 delete-network-acl-entry --region eu-west-1 --network-acl-id ${ACL} --egress --rule-number 1`,
        ),
      );
      assert.ok(!summary.includes("decision-control:quarantine"), "production has no config step");
    });
  });

  it("IR-1: an instance with several interfaces: each open one is untracked, then all are quarantined, then the group is deleted", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(
      mocks,
      instance({
        NetworkInterfaces: [
          networkInterface("eni-0primary", ["sg-0app"]),
          networkInterface("eni-0secondary", [QUARANTINE], "10.0.64.11"),
          networkInterface("eni-0third", ["sg-0app", QUARANTINE], "10.0.64.12"),
        ],
      }),
    );
    await isolation.isolate(REQUEST);
    assert.deepEqual(
      journal(mocks)
        .filter((call) =>
          ["ModifyNetworkInterfaceAttribute", "DeleteSecurityGroup"].includes(call.name),
        )
        .map((call) => [
          call.name,
          call.input.NetworkInterfaceId ?? call.input.GroupId,
          call.input.Groups,
        ]),
      [
        ["ModifyNetworkInterfaceAttribute", "eni-0primary", [UNTRACK]],
        ["ModifyNetworkInterfaceAttribute", "eni-0third", [UNTRACK]],
        ["ModifyNetworkInterfaceAttribute", "eni-0primary", [QUARANTINE]],
        ["ModifyNetworkInterfaceAttribute", "eni-0third", [QUARANTINE]],
        ["DeleteSecurityGroup", UNTRACK, undefined],
      ],
      "an interface already only in the quarantine group is never reopened",
    );
    assert.equal(inputsOf(mocks, "ModifyInstanceAttribute").length, 0);
    assert.deepEqual(
      inputsOf(mocks, "CreateNetworkAclEntry").map((input) => [
        input.CidrBlock,
        input.Egress,
        input.RuleNumber,
      ]),
      [
        ["10.0.64.10/32", false, 1],
        ["10.0.64.11/32", false, 2],
        ["10.0.64.12/32", false, 3],
        ["10.0.64.10/32", true, 1],
        ["10.0.64.11/32", true, 2],
        ["10.0.64.12/32", true, 3],
      ],
      "every address of every interface, each at its own rule number",
    );
  });

  it("IR-1: re-running on an isolated instance changes nothing, never reopens it, and reports every step as already done", async () => {
    const { mocks, isolation } = setup();
    isolatedInstance(mocks);
    const outcomes = await isolation.isolate(REQUEST);
    assert.deepEqual(mutations(mocks), []);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      STEPS.map(() => "skipped"),
    );
    assert.match(outcomes[1].detail, /since 2024-05-01T09:00:00.000Z/);
    assert.match(
      outcomes.find((outcome) => outcome.step === "untrack")?.detail ?? "",
      /already only in sg-0quarantine/,
    );
  });

  it("IR-1: re-running after a stop between untrack and quarantine quarantines and deletes the existing group without reopening anything", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(
      mocks,
      instance({ NetworkInterfaces: [networkInterface("eni-0primary", [UNTRACK])] }),
    );
    mocks.ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [completeUntrackGroup] });
    const outcomes = await isolation.isolate(REQUEST);
    assert.equal(outcomes.find((outcome) => outcome.step === "untrack")?.status, "skipped");
    assert.deepEqual(inputsOf(mocks, "CreateSecurityGroup"), []);
    assert.deepEqual(inputsOf(mocks, "ModifyInstanceAttribute"), [
      { InstanceId: INSTANCE, Groups: [QUARANTINE] },
    ]);
    assert.deepEqual(inputOf(mocks, "DeleteSecurityGroup"), { GroupId: UNTRACK });
  });

  it("IR-1: re-running after a stop before the group was deleted deletes the leftover and nothing else", async () => {
    const { mocks, isolation } = setup();
    isolatedInstance(mocks);
    mocks.ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [completeUntrackGroup] });
    await isolation.isolate(REQUEST);
    assert.deepEqual(
      mutations(mocks).map((call) => [call.name, call.input]),
      [["DeleteSecurityGroup", { GroupId: UNTRACK }]],
    );
    assert.deepEqual(
      inputOf(mocks, "DescribeSecurityGroups"),
      {
        Filters: [
          { Name: "vpc-id", Values: [VPC] },
          { Name: "group-name", Values: [UNTRACK_NAME] },
        ],
      },
      "found by its name in the instance's VPC",
    );
  });

  it("IR-1: an untrack group left with only some of its rules gets the missing ones before use", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    const partial = {
      ...completeUntrackGroup,
      IpPermissionsEgress: freshUntrackGroup.IpPermissionsEgress,
    };
    mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [partial] });
    mocks.ec2
      .on(DescribeSecurityGroupsCommand, { GroupIds: [UNTRACK] })
      .resolves({ SecurityGroups: [partial] });
    await isolation.isolate(REQUEST);
    assert.deepEqual(inputsOf(mocks, "CreateSecurityGroup"), []);
    assert.deepEqual(inputsOf(mocks, "AuthorizeSecurityGroupIngress"), []);
    assert.equal(inputOf(mocks, "AuthorizeSecurityGroupEgress").GroupId, UNTRACK);
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
    assert.equal(inputsOf(mocks, "DeregisterTargets").length, 0);
  });

  it("--dry-run: only reads, prints the plan for every step including the untrack swap, the ACL entries and the group's deletion, changes nothing", async () => {
    const { mocks, isolation, lines } = setup();
    healthyInstance(mocks);
    const outcomes = await isolation.isolate({ ...REQUEST, dryRun: true });
    assert.deepEqual(mutations(mocks), []);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      STEPS.map(() => "planned"),
    );
    assert.ok(lines[0].startsWith("Plan (dry run, nothing is changed)"));
    const expected = [
      "would: snapshot vol-0root (/dev/xvda), vol-0data (/dev/xvdb)",
      `would: detach ${INSTANCE} from ${ASG} keeping the desired capacity`,
      `would: deny ${ADDRESS}/32 in ${ACL} (inbound rule 1), ${ADDRESS}/32 in ${ACL} (outbound rule 1)`,
      `would: create ${UNTRACK_NAME} (all protocols from and to 0.0.0.0/0 and ::/0) and move eni-0primary into it`,
      `would: put eni-0primary in ${QUARANTINE} only`,
      `would: delete ${UNTRACK_NAME} once no interface uses it`,
    ];
    for (const text of expected) {
      assert.ok(
        lines.some((line) => line.includes(text)),
        `${text}\nnot in\n${lines.join("\n")}`,
      );
    }
  });

  const failures: { step: StepName; fail: (mocks: Mocks) => void; completed: string[] }[] = [
    {
      step: "snapshot",
      fail: (m) => m.ec2.on(CreateSnapshotCommand).rejects(new Error("SnapshotLimitExceeded")),
      completed: [],
    },
    {
      step: "tag",
      fail: (m) =>
        m.ec2.on(CreateTagsCommand).rejects(new Error("UnauthorizedOperation: not allowed")),
      completed: FULL_RUN.slice(0, 2),
    },
    {
      step: "detach",
      fail: (m) =>
        m.autoScaling.on(DetachInstancesCommand).rejects(new Error("ResourceContention")),
      completed: FULL_RUN.slice(0, 3),
    },
    {
      step: "deregister",
      fail: (m) => m.elb.on(DeregisterTargetsCommand).rejects(new Error("InvalidTarget")),
      completed: FULL_RUN.slice(0, 4),
    },
    {
      step: "deny-nacl",
      fail: (m) =>
        m.ec2.on(CreateNetworkAclEntryCommand).rejects(new Error("NetworkAclEntryLimitExceeded")),
      completed: FULL_RUN.slice(0, 5),
    },
    {
      step: "untrack",
      fail: (m) =>
        m.ec2.on(CreateSecurityGroupCommand).rejects(new Error("SecurityGroupLimitExceeded")),
      completed: FULL_RUN.slice(0, 7),
    },
    {
      step: "quarantine",
      fail: (m) =>
        m.ec2
          .on(ModifyInstanceAttributeCommand, { Groups: [QUARANTINE] })
          .rejects(new Error("InvalidGroup.NotFound")),
      completed: FULL_RUN.slice(0, 11),
    },
    {
      step: "drop-untrack",
      fail: (m) => m.ec2.on(DeleteSecurityGroupCommand).rejects(new Error("DependencyViolation")),
      completed: FULL_RUN.slice(0, 12),
    },
    {
      step: "export-logs",
      fail: (m) =>
        m.logs
          .on(CreateExportTaskCommand)
          .rejects(new Error("LimitExceededException: one active export task per account")),
      completed: FULL_RUN.slice(0, 13),
    },
  ];
  for (const { step, fail, completed } of failures) {
    it(`a failing "${step}" step stops the run, names the step and lists it and the rest as commands to run by hand`, async () => {
      const { mocks, isolation } = setup();
      healthyInstance(mocks);
      fail(mocks);
      const error = await failure(isolation.isolate(REQUEST));
      assert.equal(error.step, step);
      const index = STEPS.indexOf(step);
      assert.match(error.message, new RegExp(`^Step ${index + 1}/9 ".+" failed: `));
      assert.deepEqual(
        error.manual.map((left) => left.step),
        STEPS.slice(index),
      );
      assert.deepEqual(
        mutations(mocks).map((call) => call.name),
        [...completed, mutationOf(step)],
      );
      assert.ok(error.message.includes("Left to do by hand, in this order:"));
    });
  }

  it("the manual commands are the AWS CLI equivalents of the remaining steps, with the IDs the run found", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.autoScaling.on(DetachInstancesCommand).rejects(new Error("ResourceContention"));
    const error = await failure(isolation.isolate(REQUEST));
    const commands = Object.fromEntries(error.manual.map((left) => [left.step, left.command]));
    assert.equal(
      commands.detach,
      `aws autoscaling detach-instances --region eu-west-1 --instance-ids ${INSTANCE} --auto-scaling-group-name ${ASG} --no-should-decrement-desired-capacity`,
    );
    assert.equal(
      commands.deregister,
      `aws elbv2 deregister-targets --region eu-west-1 --target-group-arn ${TARGET_GROUP} --targets Id=${INSTANCE}`,
    );
    // The ACLs have not been read yet: the command names the address and what to look for.
    assert.ok(
      commands["deny-nacl"].includes(
        `--network-acl-id <each network ACL of ${VPC} serving another subnet> --ingress --rule-number <a free number below its first allow rule> --protocol -1 --rule-action deny --cidr-block ${ADDRESS}/32`,
      ),
      commands["deny-nacl"],
    );
    const untrack = commands.untrack.split("\n").map((line) => line.trim());
    assert.ok(
      untrack[0].startsWith("UNTRACK=$(aws ec2 describe-security-groups --region eu-west-1"),
    );
    assert.ok(
      untrack[1].includes(
        `create-security-group --region eu-west-1 --vpc-id ${VPC} --group-name ${UNTRACK_NAME}`,
      ),
    );
    assert.ok(
      untrack[2].includes(
        `authorize-security-group-ingress --region eu-west-1 --group-id "$UNTRACK"`,
      ),
    );
    assert.ok(
      untrack[2].includes('"CidrIp":"0.0.0.0/0"') && untrack[2].includes('"CidrIpv6":"::/0"'),
    );
    assert.ok(untrack[3].includes("authorize-security-group-egress"));
    assert.equal(
      untrack[4],
      `aws ec2 modify-network-interface-attribute --region eu-west-1 --network-interface-id eni-0primary --groups "$UNTRACK"`,
    );
    assert.equal(
      commands.quarantine,
      `aws ec2 modify-network-interface-attribute --region eu-west-1 --network-interface-id eni-0primary --groups ${QUARANTINE}`,
    );
    assert.ok(
      commands["drop-untrack"].startsWith(
        `aws ec2 delete-security-group --region eu-west-1 --group-id "$(aws ec2 describe-security-groups`,
      ),
    );
    assert.ok(
      commands["export-logs"].includes(`--log-group-name ${APP_LOG_GROUP} --from`),
      commands["export-logs"],
    );
    assert.ok(
      commands["export-logs"].includes(
        `--destination ${BUCKET} --destination-prefix exports/${INSTANCE}/`,
      ),
    );
  });

  it("after the ACLs were read, the manual deny commands name each ACL, direction and rule number", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.ec2.on(CreateNetworkAclEntryCommand).rejects(new Error("NetworkAclEntryLimitExceeded"));
    const error = await failure(isolation.isolate(REQUEST));
    assert.equal(
      error.manual[0].command,
      [
        `aws ec2 create-network-acl-entry --region eu-west-1 --network-acl-id ${ACL} --ingress --rule-number 1 --protocol -1 --rule-action deny --cidr-block ${ADDRESS}/32`,
        `aws ec2 create-network-acl-entry --region eu-west-1 --network-acl-id ${ACL} --egress --rule-number 1 --protocol -1 --rule-action deny --cidr-block ${ADDRESS}/32`,
      ].join("\n      "),
    );
  });

  it("IR-1: an ACL with no free rule number before its allow rule stops the run at deny-nacl, before the untrack swap", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    const crowded = defaultAcl();
    crowded.Entries = (crowded.Entries ?? []).map((entry) => ({
      ...entry,
      RuleNumber: entry.RuleNumber === 100 ? 1 : entry.RuleNumber,
    }));
    mocks.ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [crowded] });
    const error = await failure(isolation.isolate(REQUEST));
    assert.equal(error.step, "deny-nacl");
    assert.match(error.message, /no free inbound rule number below its first allow rule \(1\)/);
    assert.deepEqual(inputsOf(mocks, "CreateSecurityGroup"), []);
  });

  it("an unknown instance stops before any change, with every step left to do", async () => {
    const { mocks, isolation } = setup();
    healthyInstance(mocks);
    mocks.ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const error = await failure(isolation.isolate(REQUEST));
    assert.equal(error.step, "inspect");
    assert.match(
      error.message,
      /^Looking up the instance failed: instance i-0123456789abcdef0 was not found in eu-west-1/,
    );
    assert.equal(error.manual.length, 9);
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
    const error = await failure(isolation.isolate(REQUEST));
    assert.equal(error.step, "detach");
    assert.match(error.message, /belongs to Auto Scaling group someone-elses-asg/);
    assert.equal(inputsOf(mocks, "DetachInstances").length, 0);
  });

  describe("on the sandbox's instance (IR-1 sandbox path)", () => {
    const sandboxRequest = { ...REQUEST, stack: "sandbox" };
    const sandboxInstance = () =>
      instance({
        SubnetId: "subnet-0public-a",
        NetworkInterfaces: [
          { ...networkInterface("eni-0sandbox", ["sg-0app"]), SubnetId: "subnet-0public-a" },
        ],
      });

    it("IR-1: the same snapshot, tag, ACL, untrack and quarantine sequence on its interface, with no Auto Scaling or load balancer call", async () => {
      const { mocks, isolation, lines } = setup(SANDBOX);
      healthyInstance(mocks, sandboxInstance());
      const outcomes = await isolation.isolate(sandboxRequest);
      assert.deepEqual(
        mutations(mocks).map((call) => call.name),
        FULL_RUN.filter((name) => !["DetachInstances", "DeregisterTargets"].includes(name)),
      );
      assert.deepEqual(mocks.autoScaling.calls(), []);
      assert.deepEqual(mocks.elb.calls(), []);
      assert.deepEqual(
        outcomes.map((outcome) => outcome.status),
        STEPS.map((step) => (["detach", "deregister"].includes(step) ? "not applicable" : "done")),
      );
      assert.equal(
        inputOf(mocks, "CreateSecurityGroup").GroupName,
        `ir-untrack-sandbox-${INSTANCE}`,
      );
      assert.ok(
        lines.some((line) =>
          /^\[3\/9\] .*: not applicable: the sandbox edition has no Auto Scaling group$/.test(line),
        ),
      );
    });

    it("IR-1: ends by telling the operator to set decision-control:quarantine so the next pulumi up agrees", async () => {
      const { mocks, isolation, lines } = setup(SANDBOX);
      healthyInstance(mocks, sandboxInstance());
      await isolation.isolate(sandboxRequest);
      assert.ok(
        lines[lines.length - 1].includes(
          "pulumi config set decision-control:quarantine true --stack sandbox && pulumi up --stack sandbox",
        ),
      );
    });

    it("IR-1: a re-run on the isolated sandbox instance changes nothing", async () => {
      const { mocks, isolation } = setup(SANDBOX);
      isolatedInstance(mocks);
      const outcomes = await isolation.isolate(sandboxRequest);
      assert.deepEqual(mutations(mocks), []);
      assert.deepEqual(
        outcomes.map((outcome) => outcome.status),
        STEPS.map((step) =>
          ["detach", "deregister"].includes(step) ? "not applicable" : "skipped",
        ),
      );
    });

    it("--dry-run on the sandbox: reads only, plans the swap", async () => {
      const { mocks, isolation } = setup(SANDBOX);
      healthyInstance(mocks, sandboxInstance());
      const outcomes = await isolation.isolate({ ...sandboxRequest, dryRun: true });
      assert.deepEqual(mutations(mocks), []);
      assert.equal(outcomes.find((outcome) => outcome.step === "untrack")?.status, "planned");
    });

    it("a failure lists no Auto Scaling or load balancer command for the sandbox", async () => {
      const { mocks, isolation } = setup(SANDBOX);
      healthyInstance(mocks, sandboxInstance());
      mocks.ec2.on(CreateTagsCommand).rejects(new Error("UnauthorizedOperation"));
      const error = await failure(isolation.isolate(sandboxRequest));
      assert.deepEqual(
        error.manual.map((left) => left.step),
        STEPS.filter((step) => !["snapshot", "detach", "deregister"].includes(step)),
      );
    });
  });
});

function mutationOf(step: StepName): string {
  const names: Record<StepName, string> = {
    snapshot: "CreateSnapshot",
    tag: "CreateTags",
    detach: "DetachInstances",
    deregister: "DeregisterTargets",
    "deny-nacl": "CreateNetworkAclEntry",
    untrack: "CreateSecurityGroup",
    quarantine: "ModifyInstanceAttribute",
    "drop-untrack": "DeleteSecurityGroup",
    "export-logs": "CreateExportTask",
  };
  return names[step];
}

describe("incident stack outputs", () => {
  const production = JSON.stringify({ ...PRODUCTION, vpcId: "vpc-1" });
  const sandbox = JSON.stringify({ ...SANDBOX, vpcId: "vpc-1" });

  it("reads the outputs a production isolation needs from `pulumi stack output --json`", () => {
    assert.deepEqual(parseStackOutputs(production, "production"), PRODUCTION);
  });

  it("IR-1: reads a sandbox stack's outputs, including its one instance", () => {
    assert.deepEqual(parseStackOutputs(sandbox, "sandbox"), SANDBOX);
  });

  it("names every missing output at once", () => {
    const { autoScalingGroupName: _asg, auditBucketName: _bucket, ...rest } = PRODUCTION;
    assert.throws(
      () => parseStackOutputs(JSON.stringify(rest), "production"),
      (error: unknown) =>
        error instanceof OutputsError &&
        /lack auditBucketName, autoScalingGroupName/.test(error.message),
    );
  });

  it("IR-2: a stack without the applicationLogGroupName output is refused (the group's name is set per creation; no fixed name to guess)", () => {
    const { applicationLogGroupName: _group, ...rest } = PRODUCTION;
    assert.throws(
      () => parseStackOutputs(JSON.stringify(rest), "production"),
      /lack applicationLogGroupName; is this a stack deployed with the current program\?/,
    );
  });

  it("a stack without the edition output is refused, with the other missing outputs", () => {
    assert.throws(
      () => parseStackOutputs(JSON.stringify({ region: "eu-west-1" }), "old"),
      /lack edition, quarantineSecurityGroupId, auditBucketName/,
    );
  });

  it("a sandbox stack without its instanceId output is refused", () => {
    const { instanceId: _instance, ...rest } = SANDBOX;
    assert.throws(() => parseStackOutputs(JSON.stringify(rest), "sandbox"), /lack instanceId/);
  });

  it("IR-1: a sandbox isolation of any instance but the stack's own is refused", () => {
    assert.doesNotThrow(() => assertInstanceOfStack(SANDBOX, INSTANCE, "sandbox"));
    assert.throws(
      () => assertInstanceOfStack(SANDBOX, "i-0fedcba9876543210", "sandbox"),
      (error: unknown) =>
        error instanceof OutputsError &&
        error.message.includes(
          `only instance is ${INSTANCE} (output instanceId), not i-0fedcba9876543210`,
        ),
    );
    assert.doesNotThrow(() =>
      assertInstanceOfStack(PRODUCTION, "i-0fedcba9876543210", "production"),
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
          error.message.includes("Usage"),
      );
    });
  }
});
