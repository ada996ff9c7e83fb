/**
 * APP-3, IR-3 in the program: the production group replaces instances launch-before-terminate,
 * the load balancer checks liveness only, and the stack exports what the rollout command needs
 * (the command itself: test/tools/rollout/rollout.test.ts).
 */
import { strict as assert } from "assert";
import { appEnvironment } from "../../components/app/user-data";
import { APP_HEALTH_PATH, APP_LIVENESS_PATH } from "../../components/shared/names";
import {
  HEALTH_CHECK_GRACE_PERIOD_SECONDS,
  REPLACEMENT_HEALTHY_PERCENTAGE,
  ROLLOUT_OUTPUT,
  rolloutUnhealthyHostsEvaluation,
} from "../../components/shared/rollout";
import { parseRolloutSpec } from "../../tools/rollout/spec";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const T = {
  group: "aws:autoscaling/group:Group",
  template: "aws:ec2/launchTemplate:LaunchTemplate",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

function ok(run: ProgramRun): ProgramRun {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
}

function one(run: ProgramRun, type: string): RegisteredResource {
  const found = run.ofType(type);
  assert.equal(found.length, 1, type);
  return found[0];
}

const alarm = (run: ProgramRun, suffix: string) =>
  run.get(T.alarm, `decision-control-production-mon-${suffix}`);

describe("APP-3/IR-3: production instance rollout", () => {
  let run: ProgramRun;
  before(async () => {
    run = ok(await runProgramOnce("production"));
  });

  it("APP-3: every replacement launches the new instance before the old one terminates (maintenance policy 100/200)", () => {
    assert.deepEqual(one(run, T.group).inputs.instanceMaintenancePolicy, {
      minHealthyPercentage: 100,
      maxHealthyPercentage: 200,
    });
    assert.deepEqual(REPLACEMENT_HEALTHY_PERCENTAGE, { minimum: 100, maximum: 200 });
  });

  it("APP-3/IR-3: the stack exports the rollout: the group, the template's numbered latest version, the grace period as warmup, and the rollback alarms", () => {
    const group = one(run, T.group);
    const template = one(run, T.template);
    assert.deepEqual(run.outputs[ROLLOUT_OUTPUT], {
      autoScalingGroupName: group.state.name,
      launchTemplateId: template.state.id,
      launchTemplateVersion: String(template.state.latestVersion),
      instanceWarmupSeconds: group.inputs.healthCheckGracePeriod,
      alarmNames: [
        alarm(run, "target-5xx").state.name,
        alarm(run, "rollout-unhealthy-hosts").state.name,
      ],
    });
    assert.deepEqual(parseRolloutSpec(run.outputs[ROLLOUT_OUTPUT]), run.outputs[ROLLOUT_OUTPUT]);
  });

  it("APP-3/IR-3: the rollback alarm's window is sized on the group's own grace period (one source)", () => {
    const grace = one(run, T.group).inputs.healthCheckGracePeriod;
    assert.equal(grace, HEALTH_CHECK_GRACE_PERIOD_SECONDS);
    const window = rolloutUnhealthyHostsEvaluation(HEALTH_CHECK_GRACE_PERIOD_SECONDS);
    assert.equal(
      alarm(run, "rollout-unhealthy-hosts").inputs.evaluationPeriods,
      window.evaluationPeriods,
    );
  });

  it("the sandbox has no group and exports no rollout", async () => {
    const sandbox = ok(await runProgramOnce("sandbox"));
    assert.equal(sandbox.outputs[ROLLOUT_OUTPUT], undefined);
  });

  const healthCheckPath = (of: ProgramRun) =>
    (one(of, T.targetGroup).inputs.healthCheck as Record<string, unknown>).path;
  const templateUserData = (of: ProgramRun) =>
    Buffer.from(String(one(of, T.template).inputs.userData), "base64").toString();

  it("APP-3: by default the load balancer keeps checking /actuator/health, which the running (older) instances serve: an up never switches the path under them", async () => {
    assert.equal(healthCheckPath(run), APP_HEALTH_PATH);
    const unset = ok(await runProgramOnce("production", { loadBalancerHealthCheck: undefined }));
    assert.equal(healthCheckPath(unset), APP_HEALTH_PATH, "also where the stack file does not say");
  });

  it("APP-3: phase 1 already rolls the environment that serves the liveness group; phase 2 (liveness) changes only the target group's path", async () => {
    const liveness = ok(
      await runProgramOnce("production", { loadBalancerHealthCheck: "liveness" }),
    );
    assert.equal(healthCheckPath(liveness), APP_LIVENESS_PATH);
    assert.ok(templateUserData(run).includes("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true"));
    assert.equal(
      templateUserData(liveness),
      templateUserData(run),
      "the same launch template: phase 2 needs no rollout",
    );
  });

  it("the container's environment turns Spring Boot's probes on, so the liveness group exists", () => {
    assert.equal(
      appEnvironment({
        region: "eu-west-1",
        databaseAddress: "db.example.com",
        databaseSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf",
        appUrl: "https://decisions.example.com",
        tls: { mode: "load-balancer" },
        logGroups: { application: "/aletyx/application", system: "/aletyx/system" },
      }).MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED,
      "true",
    );
  });

  it("MON-1: the unhealthy-host alarm is about the load balancer's health check; database trouble still alarms (connections, storage, the app's 5xx)", () => {
    assert.match(
      String(alarm(run, "unhealthy-hosts").inputs.alarmDescription),
      /load balancer health check/,
    );
    for (const suffix of ["db-connections-high", "db-free-storage-low", "target-5xx"]) {
      assert.ok(alarm(run, suffix), suffix);
    }
  });
});
