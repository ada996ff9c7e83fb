import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mockClient } from "aws-sdk-client-mock";
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, DescribeAlarmsCommand, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import {
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
} from "@aws-sdk/client-config-service";
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  SecurityGroupRule,
} from "@aws-sdk/client-ec2";
import {
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { DBInstance, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import {
  DescribeInstanceInformationCommand,
  DescribeInstancePatchStatesCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { settingsFor } from "../../../tools/checklist/run";
import { Report } from "../../../tools/checklist/schema";
import { LiveClients } from "../../../tools/live/context";
import { awsCall, CannotVerify } from "../../../tools/live/retry";
import { plannedRules, runLiveChecklist } from "../../../tools/live/verify";
import { toResourceViews } from "../../../tools/checklist/run";
import { runProgramOnce, stackConfig } from "../../harness/program";

const NOW = new Date("2026-06-01T12:00:00Z");
const SG = { loadBalancer: "sg-0lb", app: "sg-0app", database: "sg-0db", quarantine: "sg-0q" };
const OUTPUTS = {
  region: "eu-west-1",
  vpcId: "vpc-0abc",
  appSecurityGroupId: SG.app,
  databaseSecurityGroupId: SG.database,
  loadBalancerSecurityGroupId: SG.loadBalancer,
  quarantineSecurityGroupId: SG.quarantine,
  databaseIdentifier: "decision-control-production",
  autoScalingGroupName: "decision-control-production-asg",
  targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg/1",
  appUrl: "https://decisions.example.com",
};
const PLANNED = [
  "loadBalancer ingress tcp 443-443 cidr:10.0.0.0/8",
  "app ingress tcp 8080-8080 sg:loadBalancer",
  "database ingress tcp 5432-5432 sg:app",
];
const RULES: SecurityGroupRule[] = [
  {
    SecurityGroupRuleId: "sgr-1",
    GroupId: SG.loadBalancer,
    IsEgress: false,
    IpProtocol: "tcp",
    FromPort: 443,
    ToPort: 443,
    CidrIpv4: "10.0.0.0/8",
  },
  {
    SecurityGroupRuleId: "sgr-2",
    GroupId: SG.app,
    IsEgress: false,
    IpProtocol: "tcp",
    FromPort: 8080,
    ToPort: 8080,
    ReferencedGroupInfo: { GroupId: SG.loadBalancer },
  },
  {
    SecurityGroupRuleId: "sgr-3",
    GroupId: SG.database,
    IsEgress: false,
    IpProtocol: "tcp",
    FromPort: 5432,
    ToPort: 5432,
    ReferencedGroupInfo: { GroupId: SG.app },
  },
];
const DB: DBInstance = {
  DBInstanceIdentifier: OUTPUTS.databaseIdentifier,
  StorageEncrypted: true,
  KmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k",
  PubliclyAccessible: false,
  MultiAZ: true,
  BackupRetentionPeriod: 14,
  PreferredBackupWindow: "02:00-03:00",
  CopyTagsToSnapshot: true,
  IAMDatabaseAuthenticationEnabled: true,
  VpcSecurityGroups: [{ VpcSecurityGroupId: SG.database, Status: "active" }],
  MasterUserSecret: {
    SecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db",
    SecretStatus: "active",
  },
};
const alarm = (
  metric: string,
  namespace: string,
  extra: Partial<MetricAlarm> = {},
): MetricAlarm => ({
  AlarmName: `decision-control-production-${metric}`,
  MetricName: metric,
  Namespace: namespace,
  StateValue: "OK",
  StateUpdatedTimestamp: new Date("2026-05-31T00:00:00Z"),
  AlarmActions: ["arn:aws:sns:eu-west-1:123456789012:alarms"],
  ...extra,
});

const mocks = {
  rds: mockClient(RDSClient),
  ec2: mockClient(EC2Client),
  cloudtrail: mockClient(CloudTrailClient),
  config: mockClient(ConfigServiceClient),
  cloudwatch: mockClient(CloudWatchClient),
  ssm: mockClient(SSMClient),
  elbv2: mockClient(ElasticLoadBalancingV2Client),
  autoscaling: mockClient(AutoScalingClient),
};
const clients: LiveClients = {
  rds: new RDSClient({ region: "eu-west-1" }),
  ec2: new EC2Client({ region: "eu-west-1" }),
  cloudtrail: new CloudTrailClient({ region: "eu-west-1" }),
  config: new ConfigServiceClient({ region: "eu-west-1" }),
  cloudwatch: new CloudWatchClient({ region: "eu-west-1" }),
  ssm: new SSMClient({ region: "eu-west-1" }),
  elbv2: new ElasticLoadBalancingV2Client({ region: "eu-west-1" }),
  autoscaling: new AutoScalingClient({ region: "eu-west-1" }),
};

/** A healthy production account: every answer the guide's Verify commands hope for. */
function healthyAccount(): void {
  Object.values(mocks).forEach((mock) => mock.reset());
  mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [DB] });
  mocks.autoscaling.on(DescribeAutoScalingGroupsCommand).resolves({
    AutoScalingGroups: [
      {
        AutoScalingGroupName: OUTPUTS.autoScalingGroupName,
        Instances: [{ InstanceId: "i-1" }, { InstanceId: "i-2" }],
      } as never,
    ],
  });
  mocks.ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [
      {
        Instances: [
          { InstanceId: "i-1", ImageId: "ami-0123456789abcdef0" },
          { InstanceId: "i-2", ImageId: "ami-0123456789abcdef0" },
        ],
      },
    ],
  });
  mocks.ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
  mocks.ec2.on(DescribeVolumesCommand).resolves({
    Volumes: [
      { VolumeId: "vol-1", Encrypted: true, KmsKeyId: "alias/aws/ebs" },
      { VolumeId: "vol-2", Encrypted: true },
    ],
  });
  mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: RULES });
  mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [{ GroupId: "sg-x", IpPermissions: [], IpPermissionsEgress: [] }],
  });
  mocks.ec2.on(DescribeFlowLogsCommand).resolves({
    FlowLogs: [
      {
        FlowLogId: "fl-1",
        FlowLogStatus: "ACTIVE",
        TrafficType: "ALL",
        DeliverLogsStatus: "SUCCESS",
        LogGroupName: "/aws/vpc/flowlogs",
      },
    ],
  });
  mocks.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  mocks.cloudtrail.on(DescribeTrailsCommand).resolves({
    trailList: [{ Name: "t", IsMultiRegionTrail: true, LogFileValidationEnabled: true }],
  });
  mocks.config.on(DescribeConfigurationRecorderStatusCommand).resolves({
    ConfigurationRecordersStatus: [{ name: "default", recording: true, lastStatus: "Success" }],
  });
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      alarm("CPUUtilization", "AWS/EC2"),
      alarm("DatabaseConnections", "AWS/RDS"),
      alarm("FreeStorageSpace", "AWS/RDS"),
      alarm("FailedLoginCount", "Aletyx/DecisionControl"),
    ],
  });
  mocks.ssm.on(DescribeInstanceInformationCommand).resolves({
    InstanceInformationList: [
      { InstanceId: "i-1", PingStatus: "Online" },
      { InstanceId: "i-2", PingStatus: "Online" },
    ],
  });
  mocks.ssm.on(DescribeInstancePatchStatesCommand).resolves({
    InstancePatchStates: [
      {
        InstanceId: "i-1",
        FailedCount: 0,
        MissingCount: 0,
        Operation: "Install",
        OperationEndTime: NOW,
        BaselineId: "pb",
        PatchGroup: "g",
        OperationStartTime: NOW,
      },
      {
        InstanceId: "i-2",
        FailedCount: 0,
        MissingCount: 0,
        Operation: "Install",
        OperationEndTime: NOW,
        BaselineId: "pb",
        PatchGroup: "g",
        OperationStartTime: NOW,
      },
    ],
  });
  mocks.elbv2
    .on(DescribeTargetGroupsCommand)
    .resolves({ TargetGroups: [{ LoadBalancerArns: ["arn:lb"] }] });
  mocks.elbv2.on(DescribeListenersCommand).resolves({
    Listeners: [
      {
        Port: 443,
        Protocol: "HTTPS",
        SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        Certificates: [{ CertificateArn: "arn:cert" }],
      },
      {
        Port: 80,
        Protocol: "HTTP",
        DefaultActions: [
          { Type: "redirect", RedirectConfig: { Protocol: "HTTPS", StatusCode: "HTTP_301" } },
        ],
      },
    ],
  });
}

let root: string;
const settings = settingsFor("production", stackConfig("production"));

function live(
  overrides: { probe?: boolean; outputs?: Record<string, unknown> } = {},
): Promise<Report> {
  return runLiveChecklist({
    stack: "production",
    settings,
    outputsJson: JSON.stringify({ ...OUTPUTS, ...overrides.outputs }),
    clients,
    planned: PLANNED,
    probeTls: async () => ({
      authorized: overrides.probe ?? true,
      detail: overrides.probe === false ? "certificate has expired" : "issuer Amazon",
    }),
    retry: { sleep: async () => undefined, attempts: 4 },
    root,
    now: NOW,
  });
}

const status = (report: Report, number: number): string => report.items[number - 1].status;
const failing = (report: Report): number[] =>
  report.items.filter((item) => item.status !== "PASS").map((item) => item.number);

describe("live verification (aws-sdk-client-mock)", () => {
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "checklist-live-"));
    fs.mkdirSync(path.join(root, "docs"));
    fs.writeFileSync(
      path.join(root, "docs", "runbook.md"),
      "# Runbook\n\n## Incident response\n\nIsolate, snapshot, recover.\n",
    );
  });
  beforeEach(healthyAccount);
  after(() => {
    Object.values(mocks).forEach((mock) => mock.restore());
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("a healthy production account passes all 16 items", async () => {
    const report = await live();
    assert.deepEqual(
      failing(report),
      [],
      JSON.stringify(
        report.items.filter((i) => i.status !== "PASS"),
        null,
        1,
      ),
    );
    assert.equal(report.mode, "live");
    assert.equal(report.ok, true);
  });

  const cases: { name: string; item: number; breakIt: () => void }[] = [
    {
      name: "ACC-1: PubliclyAccessible true",
      item: 12,
      breakIt: () =>
        mocks.rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ ...DB, PubliclyAccessible: true }] }),
    },
    {
      name: "DATA-2: StorageEncrypted false",
      item: 5,
      breakIt: () =>
        mocks.rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ ...DB, StorageEncrypted: false }] }),
    },
    {
      name: "DATA-4: MultiAZ false in production",
      item: 6,
      breakIt: () =>
        mocks.rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ ...DB, MultiAZ: false }] }),
    },
    {
      name: "DATA-3: backup retention 1 day",
      item: 7,
      breakIt: () =>
        mocks.rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ ...DB, BackupRetentionPeriod: 1 }] }),
    },
    {
      name: "APP-1: no RDS-managed secret",
      item: 3,
      breakIt: () =>
        mocks.rds
          .on(DescribeDBInstancesCommand)
          .resolves({ DBInstances: [{ ...DB, MasterUserSecret: undefined }] }),
    },
    {
      name: "DATA-1: an unencrypted volume",
      item: 4,
      breakIt: () =>
        mocks.ec2
          .on(DescribeVolumesCommand)
          .resolves({ Volumes: [{ VolumeId: "vol-1", Encrypted: false }] }),
    },
    {
      name: "DATA-1: account default encryption off",
      item: 4,
      breakIt: () =>
        mocks.ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false }),
    },
    {
      name: "IAM-3: trail not logging",
      item: 9,
      breakIt: () => mocks.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false }),
    },
    {
      name: "MON-3: Config recorder stopped",
      item: 9,
      breakIt: () =>
        mocks.config
          .on(DescribeConfigurationRecorderStatusCommand)
          .resolves({ ConfigurationRecordersStatus: [{ name: "default", recording: false }] }),
    },
    {
      name: "NET-3: no active flow log",
      item: 10,
      breakIt: () => mocks.ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] }),
    },
    {
      name: "MON-1: an alarm in INSUFFICIENT_DATA for two days",
      item: 8,
      breakIt: () =>
        mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
          MetricAlarms: [
            alarm("CPUUtilization", "AWS/EC2", {
              StateValue: "INSUFFICIENT_DATA",
              StateUpdatedTimestamp: new Date("2026-05-30T00:00:00Z"),
            }),
            alarm("DatabaseConnections", "AWS/RDS"),
            alarm("FreeStorageSpace", "AWS/RDS"),
            alarm("FailedLoginCount", "Aletyx/DecisionControl"),
          ],
        }),
    },
    {
      name: "MON-1: the free-storage alarm is missing",
      item: 8,
      breakIt: () =>
        mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
          MetricAlarms: [
            alarm("CPUUtilization", "AWS/EC2"),
            alarm("DatabaseConnections", "AWS/RDS"),
            alarm("FailedLoginCount", "Aletyx/DecisionControl"),
          ],
        }),
    },
    {
      name: "IAM-1: an instance lost its SSM connection",
      item: 13,
      breakIt: () =>
        mocks.ssm.on(DescribeInstanceInformationCommand).resolves({
          InstanceInformationList: [
            { InstanceId: "i-1", PingStatus: "Online" },
            { InstanceId: "i-2", PingStatus: "ConnectionLost" },
          ],
        }),
    },
    {
      name: "APP-3: an instance boots another AMI",
      item: 15,
      breakIt: () =>
        mocks.ec2.on(DescribeInstancesCommand).resolves({
          Reservations: [{ Instances: [{ InstanceId: "i-1", ImageId: "ami-0fffffffffffffff0" }] }],
        }),
    },
    {
      name: "APP-2: HTTP listener forwards instead of redirecting",
      item: 2,
      breakIt: () =>
        mocks.elbv2.on(DescribeListenersCommand).resolves({
          Listeners: [
            {
              Port: 443,
              Protocol: "HTTPS",
              SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
              Certificates: [{}],
            },
            { Port: 80, Protocol: "HTTP", DefaultActions: [{ Type: "forward" }] },
          ],
        }),
    },
    {
      name: "IR-1: the quarantine group has a rule",
      item: 16,
      breakIt: () =>
        mocks.ec2.on(DescribeSecurityGroupsCommand).resolves({
          SecurityGroups: [{ GroupId: SG.quarantine, IpPermissions: [{ IpProtocol: "-1" }] }],
        }),
    },
  ];
  for (const { name, item, breakIt } of cases) {
    it(`${name} turns item ${item} to FAIL`, async () => {
      breakIt();
      const report = await live();
      assert.equal(status(report, item), "FAIL");
      assert.equal(report.ok, false);
    });
  }

  it("NET-4, NET-5, ACC-2: an unplanned port 22 from the internet fails items 1, 11 and 14", async () => {
    mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        ...RULES,
        {
          SecurityGroupRuleId: "sgr-9",
          GroupId: SG.app,
          IsEgress: false,
          IpProtocol: "tcp",
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: "0.0.0.0/0",
        },
      ],
    });
    const report = await live();
    assert.deepEqual(failing(report), [1, 11, 14]);
    assert.ok(
      report.items[10].missing.includes(
        "rule not in the plan: app ingress tcp 22-22 cidr:0.0.0.0/0",
      ),
    );
  });

  it("NET-1: the internet is the policy pack's (IPv4 wider than /8), not only a /0", async () => {
    mocks.ec2.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        ...RULES,
        {
          SecurityGroupRuleId: "sgr-9",
          GroupId: SG.loadBalancer,
          IsEgress: false,
          IpProtocol: "tcp",
          FromPort: 443,
          ToPort: 443,
          CidrIpv4: "128.0.0.0/1",
        },
      ],
    });
    const report = await live();
    assert.ok(failing(report).includes(1));
    assert.ok(
      report.items[0].missing.some((text) =>
        /sgr-9: .*cidr:128\.0\.0\.0\/1: the internet may reach port 80 only/.test(text),
      ),
      JSON.stringify(report.items[0].missing),
    );
  });

  it("IAM-1: managed instances listed over several pages are all found (DescribeInstanceInformation pages)", async () => {
    mocks.ssm
      .on(DescribeInstanceInformationCommand)
      .resolves({
        InstanceInformationList: [{ InstanceId: "i-1", PingStatus: "Online" }],
        NextToken: "page-2",
      })
      .on(DescribeInstanceInformationCommand, { NextToken: "page-2" })
      .resolves({ InstanceInformationList: [{ InstanceId: "i-2", PingStatus: "Online" }] });
    const report = await live();
    assert.equal(status(report, 13), "PASS");
  });

  it("APP-4: patch states listed over several pages are all found (DescribeInstancePatchStates pages)", async () => {
    const patched = (InstanceId: string) => ({
      InstanceId,
      FailedCount: 0,
      MissingCount: 0,
      Operation: "Install" as const,
      OperationEndTime: NOW,
      BaselineId: "pb",
      PatchGroup: "g",
      OperationStartTime: NOW,
    });
    mocks.ssm
      .on(DescribeInstancePatchStatesCommand)
      .resolves({ InstancePatchStates: [patched("i-1")], NextToken: "page-2" })
      .on(DescribeInstancePatchStatesCommand, { NextToken: "page-2" })
      .resolves({ InstancePatchStates: [patched("i-2")] });
    const report = await live();
    assert.equal(status(report, 15), "PASS");
  });

  it("APP-2: a certificate the TLS handshake does not trust fails item 2", async () => {
    const report = await live({ probe: false });
    assert.equal(status(report, 2), "FAIL");
    assert.match(report.items[1].missing.join(), /certificate has expired/);
  });

  it("retries throttling with backoff and then passes", async () => {
    mocks.cloudtrail
      .on(GetTrailStatusCommand)
      .rejectsOnce(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }))
      .rejectsOnce(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }))
      .resolves({ IsLogging: true });
    const report = await live();
    assert.equal(status(report, 9), "PASS");
    assert.equal(mocks.cloudtrail.commandCalls(GetTrailStatusCommand).length, 3);
  });

  it("a missing permission reads as 'cannot verify' (UNVERIFIED), never PASS", async () => {
    mocks.cloudtrail.on(GetTrailStatusCommand).rejects(
      Object.assign(new Error("not authorized"), {
        name: "AccessDeniedException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    mocks.ec2
      .on(DescribeFlowLogsCommand)
      .rejects(
        Object.assign(new Error("You are not authorized"), { name: "UnauthorizedOperation" }),
      );
    const report = await live();
    assert.equal(status(report, 9), "UNVERIFIED");
    assert.match(report.items[8].unverified.join(), /cloudtrail:GetTrailStatus: access denied/);
    assert.equal(status(report, 10), "UNVERIFIED");
    assert.equal(report.ok, false);
  });

  it("throttling that never ends reads as 'cannot verify'", async () => {
    mocks.ec2
      .on(DescribeFlowLogsCommand)
      .rejects(Object.assign(new Error("slow down"), { name: "RequestLimitExceeded" }));
    const report = await live();
    assert.equal(status(report, 10), "UNVERIFIED");
    assert.equal(mocks.ec2.commandCalls(DescribeFlowLogsCommand).length, 4);
  });

  it("an unexpected API error is an ERROR, not a PASS", async () => {
    mocks.rds
      .on(DescribeDBInstancesCommand)
      .rejects(
        Object.assign(new Error("DBInstance not found"), { name: "DBInstanceNotFoundFault" }),
      );
    const report = await live();
    for (const item of [3, 5, 6, 7, 12]) {
      assert.equal(status(report, item), "ERROR");
    }
  });

  it("outputs without a database identifier leave the database items unverified", async () => {
    const report = await live({ outputs: { databaseIdentifier: undefined } });
    assert.equal(status(report, 5), "UNVERIFIED");
  });

  it("awsCall doubles its backoff with jitter between attempts", async () => {
    const delays: number[] = [];
    let calls = 0;
    await assert.rejects(
      awsCall(
        "x:Y",
        async () => {
          calls++;
          throw Object.assign(new Error("throttled"), { $metadata: { httpStatusCode: 429 } });
        },
        {
          attempts: 4,
          baseDelayMs: 100,
          random: () => 0.999,
          sleep: async (ms) => void delays.push(ms),
        },
      ),
      CannotVerify,
    );
    assert.equal(calls, 4);
    assert.deepEqual(delays, [99, 199, 399]);
  });

  it("NET-4: the planned rules come from the program itself", async () => {
    const run = await runProgramOnce("production");
    const planned = plannedRules(toResourceViews(run));
    assert.ok(planned.includes("database ingress tcp 5432-5432 sg:app"), planned.join("\n"));
    assert.ok(
      planned.includes("loadBalancer ingress tcp 443-443 cidr:10.0.0.0/8"),
      planned.join("\n"),
    );
  });
});
