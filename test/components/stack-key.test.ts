import { strict as assert } from "assert";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

type Statement = {
  Sid: string;
  Principal: Record<string, string>;
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

describe("StackKey component (DATA-2, CMP-2)", () => {
  let run: ProgramRun;
  let key: RegisteredResource;
  let statements: Statement[];
  let auditBucketArn: string;
  before(async () => {
    run = await runProgramOnce("production");
    assert.equal(run.error, undefined, run.error?.message);
    const keys = run.ofType("aws:kms/key:Key");
    assert.equal(keys.length, 1);
    key = keys[0];
    statements = JSON.parse(String(key.inputs.policy)).Statement;
    auditBucketArn = String(
      run.get("aws:s3/bucket:Bucket", "decision-control-production-audit-bucket").state.arn,
    );
  });

  it("DATA-2: a customer-managed symmetric key with rotation on", () => {
    assert.equal(key.inputs.enableKeyRotation, true);
    assert.equal(key.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
    assert.equal(key.inputs.deletionWindowInDays, 30);
  });

  it("the key is protected against deletion and replacement", () => {
    assert.equal(key.protect, true);
  });

  it("MON-2: CloudWatch Logs of this region may use it only for this account's log groups", () => {
    const logs = statements.find(
      (statement) => statement.Principal.Service === "logs.eu-west-1.amazonaws.com",
    );
    assert.ok(logs, "regional CloudWatch Logs principal");
    assert.equal(
      logs.Condition?.ArnLike["kms:EncryptionContext:aws:logs:arn"],
      "arn:aws:logs:eu-west-1:123456789012:log-group:*",
    );
  });

  it("IAM-3: CloudTrail may encrypt only for this stack's trail", () => {
    const trail = statements.filter(
      (statement) => statement.Principal.Service === "cloudtrail.amazonaws.com",
    );
    assert.ok(trail.length >= 1);
    for (const statement of trail) {
      assert.equal(
        statement.Condition?.StringEquals["aws:SourceArn"],
        "arn:aws:cloudtrail:eu-west-1:123456789012:trail/decision-control-production-trail",
      );
    }
  });

  it("IAM-3: CloudTrail may decrypt (needed with the audit bucket's S3 Bucket Key) for this trail only", () => {
    const decrypt = statements.find(
      (statement) =>
        statement.Principal.Service === "cloudtrail.amazonaws.com" &&
        statement.Action === "kms:Decrypt",
    );
    assert.ok(decrypt, "CloudTrail kms:Decrypt statement");
    assert.match(
      String(decrypt.Condition?.StringEquals["aws:SourceArn"]),
      /:trail\/decision-control-production-trail$/,
    );
  });

  it("every service grant is narrowed to this account (SourceAccount, or this account in SourceArn / the encryption context) or to this stack's own audit bucket", () => {
    for (const statement of statements.filter((candidate) => candidate.Principal.Service)) {
      const conditionText = JSON.stringify(statement.Condition);
      // S3 bucket ARNs carry no account: the export grant names the audit bucket itself, no wildcard.
      const ownBucketOnly =
        statement.Sid === "CloudWatchLogsExportsToAuditBucket" &&
        JSON.stringify(statement.Condition?.StringLike["kms:EncryptionContext:aws:s3:arn"]) ===
          JSON.stringify([auditBucketArn, `${auditBucketArn}/exports/*`]);
      assert.ok(
        conditionText.includes("123456789012") || ownBucketOnly,
        `${statement.Sid}: ${conditionText}`,
      );
    }
  });

  it("no service principal is granted the key without a condition; only the account root has kms:*", () => {
    for (const statement of statements) {
      if (statement.Principal.Service) {
        assert.ok(statement.Condition, `${statement.Sid} is conditioned`);
        assert.ok(
          !([] as string[]).concat(statement.Action).includes("kms:*"),
          `${statement.Sid} does not get kms:*`,
        );
      }
    }
    const admin = statements.filter((statement) =>
      ([] as string[]).concat(statement.Action).includes("kms:*"),
    );
    assert.deepEqual(
      admin.map((statement) => statement.Principal.AWS),
      ["arn:aws:iam::123456789012:root"],
    );
  });
});
