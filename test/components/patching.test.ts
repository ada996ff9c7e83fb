import { strict as assert } from "assert";
import { Patching, PATCH_GROUP_TAG } from "../../components/patching";
import { EDITIONS } from "../../config/editions";
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

      it("APP-4: AWS-RunPatchBaseline installs on the patch group's instances on the configured schedule, with the edition's reboot option", () => {
        const association = one(run, "aws:ssm/association:Association").inputs;
        assert.equal(association.name, "AWS-RunPatchBaseline");
        assert.deepEqual(association.parameters, {
          Operation: "Install",
          RebootOption: EDITIONS[edition].patchRebootOption,
        });
        assert.deepEqual(association.targets, [
          { key: `tag:${PATCH_GROUP_TAG}`, values: [`decision-control-${edition}`] },
        ]);
        assert.equal(association.scheduleExpression, "cron(0 2 ? * SUN *)");
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

  it("APP-4: instances in the Auto Scaling group are never rebooted by patching; the single sandbox instance is", () => {
    // A reboot fails the ALB's health check and the group replaces the instance from the
    // unpatched AMI; kernel patches reach production with a new AMI instead.
    assert.equal(EDITIONS.production.patchRebootOption, "NoReboot");
    assert.equal(EDITIONS.sandbox.patchRebootOption, "RebootIfNeeded");
  });

  it("APP-4: a configured patchSchedule reaches the association", async () => {
    const run = await runProgramOnce("sandbox", { patchSchedule: "cron(30 22 ? * WED *)" });
    assert.equal(run.error, undefined, run.error?.message);
    assert.equal(
      one(run, "aws:ssm/association:Association").inputs.scheduleExpression,
      "cron(30 22 ? * WED *)",
    );
  });

  it("APP-4: the component sets ApplyOnlyAtCronInterval only for cron schedules (SSM rejects it with rate)", async () => {
    const association = async (schedule: string) => {
      const run = await runWithMocks(
        "unit",
        {},
        () =>
          new Patching("p", {
            project: "decision-control",
            stack: "unit",
            region: "eu-west-1",
            schedule,
            rebootOption: "NoReboot",
          }),
      );
      assert.equal(run.error, undefined, run.error?.message);
      return one(run, "aws:ssm/association:Association").inputs;
    };
    assert.equal((await association("cron(0 2 ? * SUN *)")).applyOnlyAtCronInterval, true);
    assert.equal((await association("rate(1 day)")).applyOnlyAtCronInterval, false);
    assert.deepEqual((await association("cron(0 2 ? * SUN *)")).parameters, {
      Operation: "Install",
      RebootOption: "NoReboot",
    });
  });

  it("APP-4: command output goes to the given bucket when one is passed", async () => {
    const run = await runWithMocks(
      "unit",
      {},
      () =>
        new Patching("p", {
          project: "decision-control",
          stack: "unit",
          region: "eu-west-1",
          schedule: "cron(0 3 ? * SUN *)",
          rebootOption: "RebootIfNeeded",
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
