import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Settings } from "../../config";
import { AccountBaseline } from "../../components/account-baseline";
import { BLOCKED_COMMON_PORTS, managedConfigRules } from "../../components/shared/config-rules";
import { ProgramRun, RegisteredResource, runWithMocks } from "../harness/program";
import {
  dependsOnName,
  MOCK_ACCOUNT_ID,
  MOCK_REGION,
  settingsFor,
  statement,
  statementsOf,
  withProvider,
} from "./fixtures";

const KEY_ARN = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/stack-key`;
const BUCKET = "audit-bucket-0a1b2c3d";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

function build(settings: Settings, includeGlobalResourceTypes?: boolean): Promise<ProgramRun> {
  return runWithMocks(settings.stack, {}, () => {
    new AccountBaseline(
      "baseline",
      {
        project: settings.project,
        stack: settings.stack,
        region: settings.region,
        auditBucketName: pulumi.output(BUCKET),
        auditBucketArn: pulumi.output(BUCKET_ARN),
        kmsKeyArn: KEY_ARN,
        includeGlobalResourceTypes,
        requireMultiAz: settings.edition === "production",
        backupRetentionMinimum: settings.database.backupRetentionDays,
      },
      withProvider(),
    );
    return {};
  });
}

const identifiers = (run: ProgramRun): string[] =>
  run
    .ofType("aws:cfg/rule:Rule")
    .map((rule) => (rule.inputs.source as { sourceIdentifier: string }).sourceIdentifier);

const COMMON_RULES = [
  "INCOMING_SSH_DISABLED",
  "RESTRICTED_INCOMING_TRAFFIC",
  "VPC_DEFAULT_SECURITY_GROUP_CLOSED",
  "VPC_FLOW_LOGS_ENABLED",
  "EC2_IMDSV2_CHECK",
  "ENCRYPTED_VOLUMES",
  "EC2_EBS_ENCRYPTION_BY_DEFAULT",
  "RDS_INSTANCE_PUBLIC_ACCESS_CHECK",
  "RDS_STORAGE_ENCRYPTED",
  "DB_INSTANCE_BACKUP_ENABLED",
  "CLOUD_TRAIL_ENABLED",
  "MULTI_REGION_CLOUD_TRAIL_ENABLED",
  "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
  "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
  "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK",
  "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
];

describe("AccountBaseline (production)", () => {
  const settings = settingsFor("production");
  let run: ProgramRun;
  let recorder: RegisteredResource;
  before(async () => {
    run = await build(settings);
    assert.equal(run.error, undefined, run.error?.message);
    recorder = run.get("aws:cfg/recorder:Recorder", "baseline-recorder");
  });

  it("DATA-1: EBS encryption by default is on, and stays on if the stack is removed", () => {
    const ebs = run.get(
      "aws:ebs/encryptionByDefault:EncryptionByDefault",
      "baseline-ebs-encryption",
    );
    assert.equal(ebs.inputs.enabled, true);
    assert.equal(ebs.retainOnDelete, true);
    assert.equal(
      run.ofType("aws:ebs/defaultKmsKey:DefaultKmsKey").length,
      0,
      "the default key stays aws/ebs",
    );
  });

  it("MON-3: the recorder records all supported resource types, global types included by default", () => {
    assert.deepEqual(recorder.inputs.recordingGroup, {
      allSupported: true,
      includeGlobalResourceTypes: true,
    });
    assert.equal(recorder.inputs.name, "decision-control-production-recorder");
  });

  it("MON-3: Config's role is trusted only by Config for this account, reads through AWS_ConfigRole and writes only its prefix and key", () => {
    const role = run.get("aws:iam/role:Role", "baseline-config");
    assert.equal(recorder.inputs.roleArn, role.state.arn);
    const [trust] = statementsOf(role, "assumeRolePolicy");
    assert.deepEqual(
      [trust.Principal, trust.Action, trust.Condition],
      [
        { Service: "config.amazonaws.com" },
        "sts:AssumeRole",
        { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
      ],
    );
    assert.equal(
      run.get("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "baseline-config-read").inputs
        .policyArn,
      "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
    );
    const policy = run.get("aws:iam/rolePolicy:RolePolicy", "baseline-config-deliver");
    assert.equal(
      statement(policy, "WriteOwnPrefix").Resource,
      `${BUCKET_ARN}/config/AWSLogs/${MOCK_ACCOUNT_ID}/*`,
    );
    assert.equal(statement(policy, "CheckBucketAcl").Resource, BUCKET_ARN);
    assert.equal(statement(policy, "EncryptDeliveries").Resource, KEY_ARN);
    assert.ok(
      statementsOf(policy).every((each) => each.Resource !== "*"),
      "no wildcard resources (IAM-2)",
    );
  });

  it("MON-3: the delivery channel writes to the audit bucket under config/, SSE-KMS with the stack key, after the recorder", () => {
    const channel = run.get("aws:cfg/deliveryChannel:DeliveryChannel", "baseline-delivery");
    assert.deepEqual(
      [channel.inputs.s3BucketName, channel.inputs.s3KeyPrefix, channel.inputs.s3KmsKeyArn],
      [BUCKET, "config", KEY_ARN],
    );
    assert.ok(dependsOnName(channel, "baseline-recorder"));
  });

  it("MON-3: recording is turned on once the delivery channel exists", () => {
    const status = run.get("aws:cfg/recorderStatus:RecorderStatus", "baseline-recording");
    assert.equal(status.inputs.isEnabled, true);
    assert.equal(status.inputs.name, recorder.inputs.name);
    assert.ok(dependsOnName(status, "baseline-delivery"));
  });

  it("MON-3: the managed rules mirroring the policy pack, rds-multi-az-support included in production", () => {
    assert.deepEqual(identifiers(run).sort(), [...COMMON_RULES, "RDS_MULTI_AZ_SUPPORT"].sort());
  });

  it("MON-3: every rule is an AWS managed rule named after the stack and created after the recorder", () => {
    for (const rule of run.ofType("aws:cfg/rule:Rule")) {
      assert.equal((rule.inputs.source as { owner: string }).owner, "AWS");
      assert.ok(String(rule.inputs.name).startsWith("decision-control-production-"));
      assert.ok(dependsOnName(rule, "baseline-recorder"), `${rule.name} waits for the recorder`);
    }
  });

  it("DATA-3: db-instance-backup-enabled requires the edition's backup retention (14 days)", () => {
    const rule = run.get("aws:cfg/rule:Rule", "baseline-db-instance-backup-enabled");
    assert.deepEqual(JSON.parse(rule.inputs.inputParameters as string), {
      backupRetentionMinimum: "14",
    });
  });

  it("NET-5: restricted-common-ports blocks RDP, MySQL and PostgreSQL (22 is restricted-ssh's)", () => {
    const rule = run.get("aws:cfg/rule:Rule", "baseline-restricted-common-ports");
    const ports = Object.values(
      JSON.parse(rule.inputs.inputParameters as string) as Record<string, string>,
    );
    assert.deepEqual(ports, [...BLOCKED_COMMON_PORTS]);
    for (const port of ["3389", "3306", "5432"]) assert.ok((ports as string[]).includes(port));
  });
});

describe("AccountBaseline (sandbox)", () => {
  it("DATA-4: sandbox does not require Multi-AZ, so rds-multi-az-support is absent; the rest are the same", async () => {
    const run = await build(settingsFor("sandbox"));
    assert.deepEqual(identifiers(run).sort(), [...COMMON_RULES].sort());
  });

  it("MON-3: includeGlobalResourceTypes: false for the account's other regions", async () => {
    const run = await build(settingsFor("sandbox"), false);
    assert.deepEqual(
      run.get("aws:cfg/recorder:Recorder", "baseline-recorder").inputs.recordingGroup,
      {
        allSupported: true,
        includeGlobalResourceTypes: false,
      },
    );
  });
});

describe("managed Config rule table", () => {
  it("MON-3: rule names are unique and identifiers are upper snake case", () => {
    const rules = managedConfigRules({ requireMultiAz: true, backupRetentionMinimum: 7 });
    assert.equal(new Set(rules.map((rule) => rule.name)).size, rules.length);
    rules.forEach((rule) => assert.match(rule.identifier, /^[A-Z0-9]+(_[A-Z0-9]+)*$/));
  });

  it("accountBaseline defaults to true and a stack sharing the account turns it off with accountBaseline: false", () => {
    assert.equal(settingsFor("production").accountBaseline, true);
    assert.equal(settingsFor("production", { accountBaseline: false }).accountBaseline, false);
  });
});
