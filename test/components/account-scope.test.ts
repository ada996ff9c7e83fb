/**
 * A second region or account: the switches for what exists once per account, through the whole
 * program (cloudTrail: IAM-3; recordGlobalResourceTypes: MON-3).
 */
import { strict as assert } from "assert";
import { CIS_METRIC_ALARMS } from "../../components/shared/cis-alarms";
import { ProgramRun, runProgramOnce } from "../harness/program";
import { statementsOf } from "./fixtures";

const T = {
  trail: "aws:cloudtrail/trail:Trail",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  role: "aws:iam/role:Role",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  recorder: "aws:cfg/recorder:Recorder",
};

async function run(overrides: Record<string, unknown>): Promise<ProgramRun> {
  const result = await runProgramOnce("production", overrides);
  assert.equal(result.error, undefined, result.error?.message);
  return result;
}

const trailPrincipals = (result: ProgramRun): string[] =>
  result
    .ofType(T.bucketPolicy)
    .filter((policy) => policy.name.includes("-audit-"))
    .flatMap((policy) => statementsOf(policy))
    .map((statement) => JSON.stringify(statement.Principal ?? ""))
    .filter((principal) => principal.includes("cloudtrail.amazonaws.com"));

const cisAlarmNames = (result: ProgramRun): string[] =>
  result
    .ofType(T.alarm)
    .map((alarm) => alarm.name)
    .filter((name) => CIS_METRIC_ALARMS.some((cis) => name.endsWith(cis.suffix)));

describe("IAM-3: cloudTrail switch (a second region or account relies on the account's trail)", () => {
  it("create (default): one multi-region trail, its log group, the CIS alarms and the bucket's CloudTrail statements", async () => {
    const result = await run({});
    assert.equal(result.ofType(T.trail).length, 1);
    assert.equal(result.ofType(T.trail)[0].inputs.isMultiRegionTrail, true);
    assert.ok(result.ofType(T.logGroup).some((group) => group.name.endsWith("-audit-trail-logs")));
    assert.equal(cisAlarmNames(result).length, CIS_METRIC_ALARMS.length);
    assert.equal(trailPrincipals(result).length, 2);
    assert.match(String(result.outputs.trailArn), /^arn:aws:cloudtrail:/);
  });

  it("existing: no trail, no trail log group or delivery role, no CIS alarms, and the audit bucket admits no CloudTrail delivery", async () => {
    const result = await run({ cloudTrail: "existing" });
    assert.deepEqual(result.ofType(T.trail), []);
    assert.deepEqual(
      result
        .ofType(T.logGroup)
        .filter((group) => String(group.inputs.name).startsWith("/aws/cloudtrail/")),
      [],
    );
    assert.deepEqual(
      result.ofType(T.role).filter((role) => role.name.includes("trail")),
      [],
    );
    assert.deepEqual(cisAlarmNames(result), []);
    assert.deepEqual(trailPrincipals(result), []);
    assert.equal(result.outputs.trailArn, undefined);
    // The audit bucket stays: Config, log exports and patch output still deliver to it.
    assert.ok(result.ofType(T.bucketPolicy).some((policy) => policy.name.includes("-audit-")));
  });
});

describe("MON-3: recordGlobalResourceTypes switch (IAM types recorded in one region per account)", () => {
  const recordingGroup = (result: ProgramRun): unknown => {
    const [recorder] = result.ofType(T.recorder);
    assert.ok(recorder, "the account baseline builds a recorder");
    return recorder.inputs.recordingGroup;
  };

  it("true (default): the recorder records every supported type, global IAM types included", async () =>
    assert.deepEqual(recordingGroup(await run({})), {
      allSupported: true,
      includeGlobalResourceTypes: true,
    }));

  it("false: the recorder still records every regional type, but not the global ones", async () =>
    assert.deepEqual(recordingGroup(await run({ recordGlobalResourceTypes: false })), {
      allSupported: true,
      includeGlobalResourceTypes: false,
    }));

  it("accountBaseline false builds no recorder at all, whatever recordGlobalResourceTypes says", async () =>
    assert.deepEqual(
      (
        await run({
          accountBaseline: false,
          cloudTrail: "existing",
          recordGlobalResourceTypes: true,
        })
      ).ofType(T.recorder),
      [],
    ));
});
