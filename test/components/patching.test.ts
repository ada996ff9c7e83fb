import { strict as assert } from "assert";
import { Patching, PATCH_GROUP_TAG } from "../../components/patching";
import { ProgramRun, RegisteredResource, runProgramOnce, runWithMocks } from "../harness/program";

const one = (run: ProgramRun, type: string): RegisteredResource => {
  const found = run.ofType(type);
  assert.equal(found.length, 1, `exactly one ${type}`);
  return found[0];
};

describe("patching (APP-4)", () => {
  for (const edition of ["sandbox", "production"] as const) {
    describe(edition, () => {
      let run: ProgramRun;
      before(async () => {
        run = await runProgramOnce(edition);
        assert.equal(run.error, undefined, run.error?.message);
      });

      it("APP-4: the baseline approves Critical and Important security updates after 7 days for Amazon Linux 2023", () => {
        const baseline = one(run, "aws:ssm/patchBaseline:PatchBaseline").inputs;
        assert.equal(baseline.operatingSystem, "AMAZON_LINUX_2023");
        assert.deepEqual(baseline.approvalRules, [
          {
            approveAfterDays: 7,
            complianceLevel: "CRITICAL",
            enableNonSecurity: false,
            patchFilters: [
              { key: "CLASSIFICATION", values: ["Security"] },
              { key: "SEVERITY", values: ["Critical", "Important"] },
            ],
          },
        ]);
      });

      it("APP-4: the baseline is registered for the stack's patch group", () => {
        const group = one(run, "aws:ssm/patchGroup:PatchGroup").inputs;
        assert.equal(group.patchGroup, `decision-control-${edition}`);
        assert.equal(group.baselineId, one(run, "aws:ssm/patchBaseline:PatchBaseline").state.id);
      });

      it("APP-4: AWS-RunPatchBaseline installs (rebooting if needed) on the patch group's instances on the configured schedule", () => {
        const association = one(run, "aws:ssm/association:Association").inputs;
        assert.equal(association.name, "AWS-RunPatchBaseline");
        assert.deepEqual(association.parameters, {
          Operation: "Install",
          RebootOption: "RebootIfNeeded",
        });
        assert.deepEqual(association.targets, [
          { key: `tag:${PATCH_GROUP_TAG}`, values: [`decision-control-${edition}`] },
        ]);
        assert.equal(association.scheduleExpression, "cron(0 3 ? * SUN *)");
        assert.equal(association.applyOnlyAtCronInterval, true);
        const auditBucket = run
          .ofType("aws:s3/bucket:Bucket")
          .find((bucket) => bucket.name === `decision-control-${edition}-audit-bucket`);
        assert.deepEqual(
          association.outputLocation,
          { s3BucketName: auditBucket?.state.bucket, s3KeyPrefix: "ssm/patching" },
          "CMP-3: output goes to the audit bucket",
        );
        assert.equal(
          run.outputs.patchAssociationId,
          one(run, "aws:ssm/association:Association").state.associationId,
        );
      });
    });
  }

  it("APP-4: a configured patchSchedule reaches the association", async () => {
    const run = await runProgramOnce("sandbox", { patchSchedule: "rate(1 day)" });
    assert.equal(
      one(run, "aws:ssm/association:Association").inputs.scheduleExpression,
      "rate(1 day)",
    );
    // SSM rejects ApplyOnlyAtCronInterval with a rate expression.
    assert.equal(one(run, "aws:ssm/association:Association").inputs.applyOnlyAtCronInterval, false);
  });

  it("APP-4: command output goes to the given bucket when one is passed", async () => {
    const run = await runWithMocks(
      "unit",
      {},
      () =>
        new Patching("p", {
          project: "decision-control",
          stack: "unit",
          schedule: "cron(0 3 ? * SUN *)",
          operatingSystem: "REDHAT_ENTERPRISE_LINUX",
          outputLocation: {
            bucketName: "audit-bucket",
            bucketArn: "arn:aws:s3:::audit-bucket",
            kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
            instanceRoleName: "app-role",
          },
        }),
    );
    assert.equal(run.error, undefined, run.error?.message);
    assert.deepEqual(one(run, "aws:ssm/association:Association").inputs.outputLocation, {
      s3BucketName: "audit-bucket",
      s3KeyPrefix: "ssm/patching",
    });
    const upload = one(run, "aws:iam/rolePolicy:RolePolicy");
    assert.equal(upload.inputs.role, "app-role");
    const statements = JSON.parse(String(upload.inputs.policy)).Statement;
    assert.deepEqual(
      statements.map((statement: { Action: string; Resource: string }) => [
        statement.Action,
        statement.Resource,
      ]),
      [
        ["s3:PutObject", "arn:aws:s3:::audit-bucket/ssm/patching/*"],
        ["kms:GenerateDataKey", "arn:aws:kms:eu-west-1:123456789012:key/k"],
      ],
      "the instances may upload exactly the patch output, encrypted with the bucket key",
    );
    assert.equal(
      one(run, "aws:ssm/patchBaseline:PatchBaseline").inputs.operatingSystem,
      "REDHAT_ENTERPRISE_LINUX",
    );
  });
});
