/**
 * APP-3, IR-3: `npm run roll-instances` (tools/rollout) against recorded EC2 Auto Scaling responses
 * (aws-sdk-client-mock): the refresh it starts, how it waits, and how each ending is reported.
 */
import { strict as assert } from "assert";
import {
  AutoScalingClient,
  AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  DescribeInstanceRefreshesCommandInput,
  InstanceRefresh,
  StartInstanceRefreshCommand,
} from "@aws-sdk/client-auto-scaling";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { parseArgs, parseRolloutOutputs, UsageError } from "../../../tools/rollout/cli";
import {
  InstanceRollout,
  isUpToDate,
  refreshRequest,
  RolloutError,
  RolloutOutcome,
} from "../../../tools/rollout/refresh";
import {
  HEALTH_CHECK_GRACE_PERIOD_SECONDS,
  InstanceRolloutSpec,
  rolloutBakeTimeSeconds,
  rolloutUnhealthyHostsEvaluation,
  TARGET_5XX_WINDOW_SECONDS,
} from "../../../components/shared/rollout";
import { RolloutSpecError } from "../../../tools/rollout/spec";

const GROUP = "decision-control-production-app-group-3f2a1b7";
const TEMPLATE = "lt-0a1b2c3d4e5f67890";
const REFRESH = "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b";
const SPEC: InstanceRolloutSpec = {
  autoScalingGroupName: GROUP,
  launchTemplateId: TEMPLATE,
  launchTemplateVersion: "7",
  instanceWarmupSeconds: 600,
  alarmNames: [
    "decision-control-production-target-5xx",
    "decision-control-production-rollout-unhealthy-hosts",
  ],
};

/** A DescribeAutoScalingGroups group whose configuration and instances run `version`. */
function group(version: string, instanceVersions: string[] = [version, version]): AutoScalingGroup {
  return {
    AutoScalingGroupName: GROUP,
    LaunchTemplate: {
      LaunchTemplateId: TEMPLATE,
      LaunchTemplateName: "dc-template",
      Version: version,
    },
    MinSize: 2,
    MaxSize: 2,
    DesiredCapacity: 2,
    DefaultCooldown: 300,
    AvailabilityZones: ["eu-west-1a", "eu-west-1b"],
    HealthCheckType: "ELB",
    CreatedTime: new Date("2024-04-01T10:00:00Z"),
    Instances: instanceVersions.map((instanceVersion, index) => ({
      InstanceId: `i-0${index}23456789abcdef0`,
      AvailabilityZone: index % 2 ? "eu-west-1b" : "eu-west-1a",
      LifecycleState: "InService",
      HealthStatus: "Healthy",
      ProtectedFromScaleIn: false,
      LaunchTemplate: {
        LaunchTemplateId: TEMPLATE,
        LaunchTemplateName: "dc-template",
        Version: instanceVersion,
      },
    })),
  };
}

/** One DescribeInstanceRefreshes record, as AWS returns it. */
function refresh(
  status: InstanceRefresh["Status"],
  extra: Partial<InstanceRefresh> = {},
): InstanceRefresh {
  return {
    InstanceRefreshId: REFRESH,
    AutoScalingGroupName: GROUP,
    Status: status,
    StartTime: new Date("2024-05-01T10:00:00Z"),
    PercentageComplete: status === "Successful" ? 100 : 0,
    InstancesToUpdate: status === "Successful" ? 0 : 2,
    DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: TEMPLATE, Version: "7" } },
    ...extra,
  };
}

interface Harness {
  readonly mock: AwsClientStub<AutoScalingClient>;
  readonly rollout: (withAlarms?: boolean) => InstanceRollout;
  readonly lines: string[];
  readonly slept: number[];
}

/**
 * `running`: what the first DescribeInstanceRefreshes (by group) lists; `progress`: the answers,
 * in order, to the polls by refresh id (the last one repeats).
 */
function harness(
  groups: AutoScalingGroup[],
  running: InstanceRefresh[],
  progress: InstanceRefresh[],
): Harness {
  const client = new AutoScalingClient({ region: "eu-west-1" });
  const mock = mockClient(client);
  let groupCall = 0;
  mock.on(DescribeAutoScalingGroupsCommand).callsFake(() => ({
    AutoScalingGroups: groups.length ? [groups[Math.min(groupCall++, groups.length - 1)]] : [],
  }));
  let poll = 0;
  mock
    .on(DescribeInstanceRefreshesCommand)
    .callsFake((input: DescribeInstanceRefreshesCommandInput) =>
      input.InstanceRefreshIds
        ? { InstanceRefreshes: [progress[Math.min(poll++, progress.length - 1)]] }
        : { InstanceRefreshes: running },
    );
  mock.on(StartInstanceRefreshCommand).resolves({ InstanceRefreshId: REFRESH });
  const lines: string[] = [];
  const slept: number[] = [];
  let now = 0;
  return {
    mock,
    lines,
    slept,
    rollout: (withAlarms = true) =>
      new InstanceRollout(client, SPEC, {
        withAlarms,
        pollSeconds: 30,
        timeoutMinutes: 60,
        log: (line) => lines.push(line),
        sleep: async (milliseconds) => {
          slept.push(milliseconds);
          now += milliseconds;
        },
        now: () => now,
      }),
  };
}

async function rejects(promise: Promise<RolloutOutcome>, pattern: RegExp): Promise<RolloutError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RolloutError, String(error));
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a RolloutError");
}

describe("APP-3/IR-3: the rollout command (tools/rollout)", () => {
  it("APP-3: starts the refresh with the new version as its desired configuration, replace-before-terminate, auto rollback on the stack's alarms and a bake time", () => {
    assert.deepEqual(refreshRequest(SPEC, true), {
      AutoScalingGroupName: GROUP,
      Strategy: "Rolling",
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: TEMPLATE, Version: "7" } },
      Preferences: {
        MinHealthyPercentage: 100,
        MaxHealthyPercentage: 200,
        InstanceWarmup: 600,
        SkipMatching: true,
        AutoRollback: true,
        AlarmSpecification: { Alarms: [...SPEC.alarmNames] },
        BakeTime: 780,
      },
    });
    const withoutAlarms = refreshRequest(SPEC, false).Preferences;
    assert.equal(withoutAlarms?.AlarmSpecification, undefined);
    assert.equal(withoutAlarms?.AutoRollback, true, "a failed refresh still rolls back");
  });

  it("APP-3: the bake time outlasts the longest rollback alarm's window plus a datapoint, for any grace period", () => {
    assert.equal(rolloutBakeTimeSeconds(HEALTH_CHECK_GRACE_PERIOD_SECONDS), 12 * 60 + 60);
    for (const grace of [0, 60, 300, 600, 900]) {
      const unhealthy = rolloutUnhealthyHostsEvaluation(grace);
      const longest = Math.max(
        unhealthy.periodSeconds * unhealthy.evaluationPeriods,
        TARGET_5XX_WINDOW_SECONDS,
      );
      assert.ok(rolloutBakeTimeSeconds(grace) > longest, `grace ${grace}`);
    }
  });

  it("APP-3: a group already on the version, every instance included, is left alone", async () => {
    const { mock, rollout } = harness([group("7")], [], []);
    assert.deepEqual(await rollout().run(), { kind: "up-to-date", version: "7" });
    assert.equal(mock.commandCalls(StartInstanceRefreshCommand).length, 0);
    assert.equal(isUpToDate(group("7", ["7", "6"]), SPEC), false, "an instance left behind");
    assert.equal(isUpToDate(group("6", ["7", "7"]), SPEC), false, "the group's own configuration");
  });

  it("APP-3: rolls a group on the old version and waits until the refresh succeeds, polling every pollSeconds", async () => {
    const { mock, rollout, lines, slept } = harness(
      [group("6")],
      [refresh("Successful", { InstanceRefreshId: "earlier", DesiredConfiguration: undefined })],
      [
        refresh("Pending"),
        refresh("InProgress", { PercentageComplete: 50, InstancesToUpdate: 1 }),
        refresh("Baking", { PercentageComplete: 100, InstancesToUpdate: 0 }),
        refresh("Successful"),
      ],
    );
    assert.deepEqual(await rollout().run(), {
      kind: "rolled-out",
      version: "7",
      refreshId: REFRESH,
    });
    const started = mock.commandCalls(StartInstanceRefreshCommand);
    assert.equal(started.length, 1);
    assert.deepEqual(started[0].args[0].input, refreshRequest(SPEC, true));
    assert.deepEqual(slept, [30_000, 30_000, 30_000]);
    assert.ok(lines.some((line) => line.includes("InProgress 50%")));
    assert.ok(lines.some((line) => line.includes("Baking 100%")));
  });

  it("IR-3: a refresh AWS rolled back (an alarm went to ALARM) fails the command and says the old version is still in service", async () => {
    const { rollout } = harness(
      [group("6")],
      [],
      [
        refresh("InProgress", { PercentageComplete: 50 }),
        refresh("RollbackInProgress"),
        refresh("RollbackSuccessful", {
          StatusReason: "Instance refresh rollback succeeded.",
          RollbackDetails: {
            RollbackReason:
              "CloudWatch alarm decision-control-production-rollout-unhealthy-hosts is in ALARM state.",
            RollbackStartTime: new Date("2024-05-01T10:12:00Z"),
            PercentageCompleteOnRollback: 50,
            InstancesToUpdateOnRollback: 1,
          },
        }),
      ],
    );
    await rejects(
      rollout().run(),
      /rolled back \(RollbackSuccessful: CloudWatch alarm decision-control-production-rollout-unhealthy-hosts is in ALARM state\.\).*version 7 is not in service/,
    );
  });

  it("IR-3: a failed rollback says the group may run a mix of versions and where to look", async () => {
    const { rollout } = harness(
      [group("6")],
      [],
      [refresh("RollbackFailed", { StatusReason: "Launching EC2 instance failed." })],
    );
    await rejects(
      rollout().run(),
      /its rollback.*Launching EC2 instance failed.*describe-scaling-activities/,
    );
  });

  it("IR-3: a refresh cancelled by hand fails the command", async () => {
    const { rollout } = harness([group("6")], [], [refresh("Cancelled")]);
    await rejects(rollout().run(), /ended Cancelled; version 7 is not fully in service/);
  });

  it("a refresh of this version still running (an earlier run timed out) is waited for and judged, not started again", async () => {
    const { mock, rollout } = harness(
      [group("6")],
      [refresh("InProgress")],
      [refresh("InProgress"), refresh("Successful")],
    );
    assert.deepEqual(await rollout().run(), {
      kind: "rolled-out",
      version: "7",
      refreshId: REFRESH,
    });
    assert.equal(mock.commandCalls(StartInstanceRefreshCommand).length, 0);
  });

  it("a refresh of another version still running is waited for first (one refresh per group), then this one starts", async () => {
    const other = refresh("InProgress", {
      InstanceRefreshId: "other",
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: TEMPLATE, Version: "6" } },
    });
    const { mock, rollout } = harness(
      [group("6")],
      [other],
      [{ ...other, Status: "Successful" }, refresh("Successful")],
    );
    assert.equal((await rollout().run()).kind, "rolled-out");
    assert.equal(mock.commandCalls(StartInstanceRefreshCommand).length, 1);
  });

  it("stops waiting at the timeout and says the refresh keeps running, without cancelling it", async () => {
    const { mock, rollout } = harness([group("6")], [], [refresh("InProgress")]);
    await rejects(rollout().run(), /still InProgress after 60 minutes\. It keeps running in AWS/);
    assert.equal(mock.commandCalls(DescribeInstanceRefreshesCommand).length, 1 + 121);
  });

  it("reports a group that is not in this account and region", async () => {
    const { rollout } = harness([], [], []);
    await rejects(rollout().run(), /not found in this account and region/);
  });

  describe("arguments and stack outputs", () => {
    const outputs = (overrides: Record<string, unknown> = {}) =>
      JSON.stringify({
        edition: "production",
        region: "eu-west-1",
        instanceRollout: SPEC,
        ...overrides,
      });

    it("parses --stack with defaults; --without-alarms only when asked", () => {
      assert.deepEqual(parseArgs(["--stack", "acme/decision-control/prod"]), {
        stack: "acme/decision-control/prod",
        outputsFile: undefined,
        withAlarms: true,
        pollSeconds: 30,
        timeoutMinutes: 90,
      });
      assert.equal(parseArgs(["--stack", "prod", "--without-alarms"]).withAlarms, false);
      for (const argv of [
        [],
        ["--stack"],
        ["--stack", "prod", "--poll-seconds", "1"],
        ["--stack", "prod", "--force"],
      ]) {
        assert.throws(() => parseArgs(argv), UsageError, argv.join(" "));
      }
    });

    it("reads the region and the rollout from `pulumi stack output --json`", () => {
      assert.deepEqual(parseRolloutOutputs(outputs(), "prod"), { region: "eu-west-1", spec: SPEC });
    });

    it("refuses a sandbox, a stack without the output, $Latest, and reports every problem at once", () => {
      assert.throws(() => parseRolloutOutputs(outputs({ edition: "sandbox" }), "dev"), /sandbox/);
      assert.throws(
        () => parseRolloutOutputs(outputs({ instanceRollout: undefined }), "prod"),
        /instanceRollout is missing/,
      );
      assert.throws(
        () =>
          parseRolloutOutputs(
            outputs({ instanceRollout: { ...SPEC, launchTemplateVersion: "$Latest" } }),
            "prod",
          ),
        /must be a version number/,
      );
      assert.throws(
        () =>
          parseRolloutOutputs(
            outputs({ instanceRollout: { ...SPEC, autoScalingGroupName: "", alarmNames: [1] } }),
            "prod",
          ),
        (error: Error) =>
          error instanceof RolloutSpecError &&
          /autoScalingGroupName must be a non-empty string; alarmNames must be a list/.test(
            error.message,
          ),
      );
      assert.throws(() => parseRolloutOutputs("not json", "prod"), /not JSON/);
    });
  });
});
