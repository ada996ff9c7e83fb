/**
 * The host's rotation watcher, run for real under bash with stand-ins for aws, curl, systemctl,
 * logger and sleep that only record their arguments: the order of what a host does after a
 * rotation is the behaviour that keeps production serving (APP-1; README, Operations).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  HOST_PATHS,
  renderUserData,
  RESTART_HEALTH_WAIT_SECONDS,
  RestartDrain,
  ROTATION_RESTART_SLOT_SECONDS,
  UserDataParams,
} from "../../components/app/user-data";
import { APP_LOG_GROUPS } from "../../components/shared/names";

const TARGET_GROUP =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/decision-control-tg/0123456789abcdef";
const DRAIN: RestartDrain = { targetGroupArn: TARGET_GROUP, deregistrationDelaySeconds: 60 };
const WATCHER = `${HOST_PATHS.libexec}/watch-database-secret`;
const VERSION_FILE = "/run/aletyx/secret-version";

function params(restartDrain?: RestartDrain): UserDataParams {
  return {
    region: "eu-west-1",
    databaseAddress: "decision-control-production.abcdefghijkl.eu-west-1.rds.amazonaws.com",
    databaseSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b-AbCdEf",
    appUrl: "https://decisions.example.com",
    tls: { mode: "load-balancer" },
    logGroups: APP_LOG_GROUPS,
    restartDrain,
  };
}

/** The watcher script exactly as the user data writes it. */
function watcherScript(restartDrain?: RestartDrain): string {
  const script = renderUserData(params(restartDrain));
  const start = script.indexOf(`cat > ${WATCHER} <<'__DC_EOF__'\n`);
  assert.ok(start >= 0, "the user data writes the watcher");
  const body = script.slice(start).split("\n");
  return body.slice(1, body.indexOf("__DC_EOF__")).join("\n");
}

interface Scenario {
  readonly restartDrain?: RestartDrain;
  /** The version the app started with; the secret's AWSCURRENT is always "v2". */
  readonly runningVersion: string;
  readonly zone?: string;
  /** LastRotatedDate, seconds before now. */
  readonly rotatedSecondsAgo?: number;
  readonly deregisterFails?: boolean;
}

/** Runs the watcher with recording stand-ins; returns the calls in order, one per line. */
function runWatcher(scenario: Scenario): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "watcher-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  const calls = path.join(dir, "calls");
  const env = path.join(dir, "env");
  const version = path.join(dir, "secret-version");
  fs.writeFileSync(env, `AWS_REGION=eu-west-1\nDB_SECRET_ARN=${params().databaseSecretArn}\n`);
  fs.writeFileSync(version, scenario.runningVersion);
  const rotated = Math.floor(Date.now() / 1000) - (scenario.rotatedSecondsAgo ?? 0);
  const secret = JSON.stringify({
    VersionIdsToStages: { v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"] },
    LastRotatedDate: rotated,
  });
  const stub = (name: string, body = "") =>
    fs.writeFileSync(
      path.join(bin, name),
      `#!/bin/bash\necho "${name} $*" >> '${calls}'\n${body}\n`,
      { mode: 0o755 },
    );
  stub(
    "aws",
    `case "$1 $2" in
  "secretsmanager describe-secret") echo '${secret}' ;;
  "elbv2 deregister-targets") exit ${scenario.deregisterFails ? 1 : 0} ;;
esac`,
  );
  stub(
    "curl",
    `case "$*" in
  *api/token*) echo token ;;
  *instance-id*) echo i-0123456789abcdef0 ;;
  *availability-zone*) echo ${scenario.zone ?? "eu-west-1a"} ;;
esac`,
  );
  for (const name of ["systemctl", "logger", "sleep"]) {
    stub(name);
  }
  const script = watcherScript(scenario.restartDrain)
    .split(HOST_PATHS.envFile)
    .join(env)
    .split(VERSION_FILE)
    .join(version);
  const result = spawnSync("bash", ["-c", script], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
  const lines = fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").trim().split("\n") : [];
  fs.rmSync(dir, { recursive: true, force: true });
  return lines.filter((line) => !line.startsWith("curl") && !line.startsWith("logger"));
}

const DESCRIBE = `aws secretsmanager describe-secret --region eu-west-1 --secret-id ${params().databaseSecretArn} --output json`;
const TARGETS = `--region eu-west-1 --target-group-arn ${TARGET_GROUP} --targets Id=i-0123456789abcdef0`;

describe("APP-1: restarting after a database-secret rotation without an outage", () => {
  it("APP-1: nothing happens while the app runs the current secret", () => {
    assert.deepEqual(runWatcher({ restartDrain: DRAIN, runningVersion: "v2" }), [DESCRIBE]);
  });

  it("APP-1: production leaves the target group, waits out the deregistration delay, restarts, then rejoins", () => {
    assert.deepEqual(runWatcher({ restartDrain: DRAIN, runningVersion: "v1" }), [
      DESCRIBE,
      `aws elbv2 deregister-targets ${TARGETS}`,
      "sleep 60",
      "systemctl restart decision-control",
      `aws elbv2 register-targets ${TARGETS}`,
    ]);
  });

  it(`APP-1: one AZ at a time: the host in zone c waits for its slot, ${2 * ROTATION_RESTART_SLOT_SECONDS} s after the rotation`, () => {
    const calls = runWatcher({
      restartDrain: DRAIN,
      runningVersion: "v1",
      zone: "eu-west-1c",
      rotatedSecondsAgo: 100,
    });
    const wait = calls.find((call) => call.startsWith("sleep "));
    const seconds = Number(wait?.split(" ")[1]);
    // 2 slots after the rotation, 100 s of which have passed. Slack for the seconds the test and
    // the script may lose on a loaded machine, far below a slot (zone b would wait a whole slot less).
    assert.ok(
      seconds <= 2 * ROTATION_RESTART_SLOT_SECONDS - 100 &&
        seconds >= 2 * ROTATION_RESTART_SLOT_SECONDS - 100 - 30,
      `waited ${seconds} s`,
    );
    assert.ok(calls.indexOf(wait as string) < calls.findIndex((c) => c.includes("deregister")));
  });

  it("APP-1: a host whose slot has passed drains at once (no negative sleep)", () => {
    const calls = runWatcher({
      restartDrain: DRAIN,
      runningVersion: "v1",
      zone: "eu-west-1b",
      rotatedSecondsAgo: 3 * ROTATION_RESTART_SLOT_SECONDS,
    });
    assert.equal(calls[1], `aws elbv2 deregister-targets ${TARGETS}`);
  });

  it("APP-1: if the host cannot leave the load balancer it still restarts (stale credentials fail every new connection)", () => {
    assert.deepEqual(
      runWatcher({ restartDrain: DRAIN, runningVersion: "v1", deregisterFails: true }),
      [DESCRIBE, `aws elbv2 deregister-targets ${TARGETS}`, "systemctl restart decision-control"],
    );
  });

  it("APP-1: the sandbox (no load balancer) restarts in place", () => {
    assert.deepEqual(runWatcher({ runningVersion: "v1" }), [
      DESCRIBE,
      "systemctl restart decision-control",
    ]);
    assert.ok(!watcherScript().includes("elbv2"));
  });

  it("APP-1: the watcher's unit allows the longest slot, the drain and a slow start", () => {
    const script = renderUserData(params(DRAIN));
    const unit = script.slice(script.indexOf("decision-control-secret-watch.service <<"));
    const match = /TimeoutStartSec=(\d+)h/.exec(unit);
    assert.ok(match, "a bounded start timeout");
    const longest = 5 * ROTATION_RESTART_SLOT_SECONDS + 60 + RESTART_HEALTH_WAIT_SECONDS;
    assert.ok(Number(match[1]) * 3600 > longest);
  });
});
