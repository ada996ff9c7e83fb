import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Settings } from "../../config";
import {
  AppLogGroups,
  AppTarget,
  FAILED_LOGIN_FILTER_PATTERN,
  Monitoring,
} from "../../components/monitoring";
import { maxConnectionsFor } from "../../config/db-instance-classes";
import {
  HEALTH_CHECK_GRACE_PERIOD_SECONDS,
  rolloutUnhealthyHostsEvaluation,
} from "../../components/shared/rollout";
import { ProgramRun, runWithMocks } from "../harness/program";
import { MOCK_ACCOUNT_ID, MOCK_REGION, settingsFor, statementsOf, withProvider } from "./fixtures";

const KEY_ARN = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/stack-key`;
const DB_ID = "decision-control-db";
const LB_SUFFIX = "app/dc-alb/50dc6c495c0c9188";
const TG_SUFFIX = "targetgroup/dc-tg/73e2d6bc24d8a067";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function targetFor(settings: Settings): AppTarget {
  return settings.edition === "sandbox"
    ? { kind: "instance", instanceId: pulumi.output("i-0123456789abcdef0") }
    : {
        kind: "autoScalingGroup",
        autoScalingGroupName: pulumi.output("dc-production-asg"),
        loadBalancerArnSuffix: pulumi.output(LB_SUFFIX),
        targetGroupArnSuffix: pulumi.output(TG_SUFFIX),
        healthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_PERIOD_SECONDS,
      };
}

/** Builds the log groups and monitoring for an edition, the way index.ts wires them. */
function build(
  settings: Settings,
  withEmail = true,
  dbMaxConnections = maxConnectionsFor(settings.database.instanceClass),
): Promise<ProgramRun> {
  return runWithMocks(settings.stack, {}, () => {
    const opts = withProvider();
    const logs = new AppLogGroups(
      "logs",
      {
        project: settings.project,
        stack: settings.stackLabel,
        region: settings.region,
        retentionInDays: settings.logRetentionDays,
        kmsKeyArn: KEY_ARN,
      },
      opts,
    );
    new Monitoring(
      "mon",
      {
        project: settings.project,
        stack: settings.stack,
        region: settings.region,
        kmsKeyArn: KEY_ARN,
        alarmEmail: withEmail ? settings.alarmEmail : undefined,
        appTarget: targetFor(settings),
        applicationLogGroupName: logs.applicationLogGroupName,
        dbInstanceIdentifier: pulumi.output(DB_ID),
        dbMaxConnections,
        dbAllocatedStorageGb: settings.database.allocatedStorageGb,
      },
      opts,
    );
    return {};
  });
}

function alarm(run: ProgramRun, suffix: string) {
  return run.get(ALARM, `mon-${suffix}`);
}

for (const edition of ["sandbox", "production"] as const) {
  describe(`Monitoring (${edition})`, () => {
    const settings = settingsFor(edition);
    const prefix = `decision-control-${edition}`;
    let run: ProgramRun;
    let topicArn: string;
    before(async () => {
      run = await build(settings);
      assert.equal(run.error, undefined, run.error?.message);
      topicArn = run.get("aws:sns/topic:Topic", "mon-alarms").state.arn as string;
    });

    it(`MON-2: application and system log groups keep logs ${settings.logRetentionDays} days, encrypted with the stack key, protected, named per creation after the vendor's names`, () => {
      for (const [kind, namePrefix] of [
        ["application", `/aletyx/application/${prefix}-`],
        ["system", `/aletyx/system/${prefix}-`],
      ]) {
        const group = run.get("aws:cloudwatch/logGroup:LogGroup", `logs-${kind}`);
        assert.equal(group.inputs.name, undefined, "no fixed name");
        assert.equal(group.inputs.namePrefix, namePrefix);
        assert.equal(group.inputs.retentionInDays, edition === "sandbox" ? 30 : 90);
        assert.equal(group.inputs.kmsKeyId, KEY_ARN);
        assert.equal(group.protect, true);
      }
    });

    it("MON-1: the alarm topic is encrypted with the stack key", () => {
      assert.equal(run.get("aws:sns/topic:Topic", "mon-alarms").inputs.kmsMasterKeyId, KEY_ARN);
    });

    it("MON-1: only this stack's CloudWatch alarms in this account may publish to the topic", () => {
      const policy = run.get("aws:sns/topicPolicy:TopicPolicy", "mon-alarms-policy");
      assert.equal(policy.inputs.arn, topicArn);
      const statements = statementsOf(policy);
      assert.equal(statements.length, 1);
      const [publish] = statements;
      assert.deepEqual(publish.Principal, { Service: "cloudwatch.amazonaws.com" });
      assert.equal(publish.Action, "sns:Publish");
      assert.equal(publish.Resource, topicArn);
      assert.deepEqual(publish.Condition, {
        StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
        ArnLike: {
          "aws:SourceArn": `arn:aws:cloudwatch:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:alarm:${prefix}-*`,
        },
      });
    });

    it("MON-1: alarmEmail is subscribed to the topic by email", () => {
      const subscription = run.get(
        "aws:sns/topicSubscription:TopicSubscription",
        "mon-alarms-email",
      );
      assert.deepEqual(
        {
          topic: subscription.inputs.topic,
          protocol: subscription.inputs.protocol,
          endpoint: subscription.inputs.endpoint,
        },
        { topic: topicArn, protocol: "email", endpoint: "ops@example.com" },
      );
    });

    it("MON-1: every alarm is named after the stack, notifies the topic on ALARM and OK, and sets treatMissingData", () => {
      const alarms = run.ofType(ALARM);
      assert.ok(alarms.length >= 4);
      for (const each of alarms) {
        assert.ok(
          String(each.inputs.name).startsWith(`${prefix}-`),
          `${each.inputs.name} lacks the stack prefix`,
        );
        assert.deepEqual(each.inputs.alarmActions, [topicArn], `${each.name} alarm actions`);
        assert.deepEqual(each.inputs.okActions, [topicArn], `${each.name} OK actions`);
        assert.ok(
          ["missing", "notBreaching", "breaching"].includes(each.inputs.treatMissingData as string),
          `${each.name} treatMissingData`,
        );
      }
    });

    it(`MON-1: CPU above 80% for 5 minutes, ${edition === "sandbox" ? "per instance" : "per Auto Scaling group"}`, () => {
      const cpu = alarm(run, "app-cpu-high");
      assert.deepEqual(
        [
          cpu.inputs.namespace,
          cpu.inputs.metricName,
          cpu.inputs.statistic,
          cpu.inputs.period,
          cpu.inputs.evaluationPeriods,
          cpu.inputs.threshold,
          cpu.inputs.comparisonOperator,
        ],
        ["AWS/EC2", "CPUUtilization", "Average", 300, 1, 80, "GreaterThanThreshold"],
      );
      assert.deepEqual(
        cpu.inputs.dimensions,
        edition === "sandbox"
          ? { InstanceId: "i-0123456789abcdef0" }
          : { AutoScalingGroupName: "dc-production-asg" },
      );
    });

    it(`MON-1: database connections above 80% of ${settings.database.instanceClass}'s max_connections`, () => {
      const connections = alarm(run, "db-connections-high");
      const max = maxConnectionsFor(settings.database.instanceClass);
      assert.equal(connections.inputs.threshold, Math.floor(max * 0.8));
      assert.deepEqual(
        [
          connections.inputs.namespace,
          connections.inputs.metricName,
          connections.inputs.comparisonOperator,
          connections.inputs.dimensions,
        ],
        ["AWS/RDS", "DatabaseConnections", "GreaterThanThreshold", { DBInstanceIdentifier: DB_ID }],
      );
    });

    it(`MON-1: free storage below 10% of the ${settings.database.allocatedStorageGb} GiB allocated`, () => {
      const storage = alarm(run, "db-free-storage-low");
      assert.equal(
        storage.inputs.threshold,
        Math.floor(settings.database.allocatedStorageGb * 1024 ** 3 * 0.1),
      );
      assert.deepEqual(
        [storage.inputs.metricName, storage.inputs.comparisonOperator, storage.inputs.dimensions],
        ["FreeStorageSpace", "LessThanThreshold", { DBInstanceIdentifier: DB_ID }],
      );
    });

    it("MON-1: more than 10 failed logins in 5 minutes, counted by a metric filter on the application log", () => {
      const filter = run.get("aws:cloudwatch/logMetricFilter:LogMetricFilter", "mon-failed-logins");
      assert.equal(
        filter.inputs.logGroupName,
        run.get("aws:cloudwatch/logGroup:LogGroup", "logs-application").state.name,
        "the application group's real name",
      );
      assert.equal(filter.inputs.pattern, FAILED_LOGIN_FILTER_PATTERN);
      const transformation = filter.inputs.metricTransformation as Record<string, string>;
      assert.deepEqual(
        [transformation.name, transformation.namespace, transformation.value],
        ["FailedLoginCount", `Aletyx/DecisionControl/${edition}`, "1"],
      );
      const failed = alarm(run, "failed-logins");
      assert.deepEqual(
        [
          failed.inputs.metricName,
          failed.inputs.namespace,
          failed.inputs.statistic,
          failed.inputs.period,
          failed.inputs.threshold,
          failed.inputs.comparisonOperator,
          failed.inputs.treatMissingData,
        ],
        [
          "FailedLoginCount",
          `Aletyx/DecisionControl/${edition}`,
          "Sum",
          300,
          10,
          "GreaterThanThreshold",
          "notBreaching",
        ],
      );
    });

    if (edition === "production") {
      it("MON-1: production alarms on ALB and target 5xx and on unhealthy hosts, by load balancer and target group", () => {
        assert.deepEqual(alarm(run, "alb-5xx").inputs.dimensions, { LoadBalancer: LB_SUFFIX });
        assert.equal(alarm(run, "alb-5xx").inputs.metricName, "HTTPCode_ELB_5XX_Count");
        assert.equal(alarm(run, "target-5xx").inputs.metricName, "HTTPCode_Target_5XX_Count");
        const unhealthy = alarm(run, "unhealthy-hosts");
        assert.equal(unhealthy.inputs.metricName, "UnHealthyHostCount");
        for (const each of [alarm(run, "target-5xx"), unhealthy]) {
          assert.equal(each.inputs.namespace, "AWS/ApplicationELB");
          assert.deepEqual(each.inputs.dimensions, {
            LoadBalancer: LB_SUFFIX,
            TargetGroup: TG_SUFFIX,
          });
        }
      });
      it("APP-3/IR-3: the rollout's own unhealthy-host alarm outlasts the grace period (all of its one-minute datapoints); the operational one keeps 5 of 5", () => {
        const rollout = alarm(run, "rollout-unhealthy-hosts").inputs;
        const operational = alarm(run, "unhealthy-hosts").inputs;
        const window = rolloutUnhealthyHostsEvaluation(HEALTH_CHECK_GRACE_PERIOD_SECONDS);
        assert.deepEqual(
          [rollout.period, rollout.evaluationPeriods, rollout.datapointsToAlarm],
          [window.periodSeconds, window.evaluationPeriods, window.datapointsToAlarm],
        );
        assert.ok(
          Number(rollout.period) * Number(rollout.evaluationPeriods) >
            HEALTH_CHECK_GRACE_PERIOD_SECONDS,
        );
        for (const field of [
          "metricName",
          "namespace",
          "statistic",
          "threshold",
          "comparisonOperator",
          "dimensions",
        ]) {
          assert.deepEqual(rollout[field], operational[field], field);
        }
        assert.deepEqual(
          [operational.period, operational.evaluationPeriods, operational.datapointsToAlarm],
          [60, 5, undefined],
        );
      });
    } else {
      it("MON-1: sandbox (no load balancer) has no ALB alarms", () => {
        const names = run
          .ofType(ALARM)
          .map((each) => each.name)
          .sort();
        assert.deepEqual(names, [
          "mon-app-cpu-high",
          "mon-db-connections-high",
          "mon-db-free-storage-low",
          "mon-failed-logins",
        ]);
      });
    }
  });
}

describe("Monitoring with an impossible max_connections", () => {
  it("MON-1: refuses a dbMaxConnections that is not a positive integer (no alarm that can never fire)", async () => {
    for (const bad of [0, 70.5]) {
      const run = await build(settingsFor("sandbox"), true, bad);
      assert.match(String(run.error?.message), /dbMaxConnections .* must be a positive integer/);
    }
  });
});

describe("Monitoring without alarmEmail", () => {
  it("MON-1: no alarmEmail, no subscription (the topic and alarms remain)", async () => {
    const run = await build(settingsFor("sandbox"), false);
    assert.equal(run.ofType("aws:sns/topicSubscription:TopicSubscription").length, 0);
    assert.equal(run.ofType("aws:sns/topic:Topic").length, 1);
  });
});

/**
 * The CloudWatch Logs semantics of an any-term pattern (`?a ?"b c"`): an event matches when it
 * contains any of the terms, case-sensitively. Throws on any other syntax, so the pattern cannot
 * drift into a form this model does not describe.
 */
function matchesAnyTerm(pattern: string, line: string): boolean {
  const token = /\?(?:"([^"]+)"|([A-Za-z0-9_]+))(?:\s+|$)/y;
  const terms: string[] = [];
  while (token.lastIndex < pattern.length) {
    const match = token.exec(pattern);
    if (!match) {
      throw new Error(`not an any-term pattern at ${token.lastIndex}: ${pattern}`);
    }
    terms.push(match[1] ?? match[2]);
  }
  return terms.some((term) => line.includes(term));
}

describe("MON-1: failed-login filter pattern (what Spring Security writes to stdout)", () => {
  const failures = [
    // Spring Security's LoggerListener (WARN) on a wrong password.
    "2025-05-01T10:00:00.123Z  WARN 1 --- [decision-control] [nio-8080-exec-3] o.s.s.a.event.LoggerListener : Authentication event AuthenticationFailureBadCredentialsEvent: alice; details: WebAuthenticationDetails [RemoteIpAddress=10.0.0.5, SessionId=null]; exception: Bad credentials",
    // The exception line of a logged BadCredentialsException (own event: awslogs ships one line per event).
    "org.springframework.security.authentication.BadCredentialsException: Bad credentials",
    // Spring Boot Actuator's audit event.
    "AuditEvent [timestamp=2025-05-01T10:00:00Z, principal=alice, type=AUTHENTICATION_FAILURE, data={type=org.springframework.security.authentication.BadCredentialsException, message=Bad credentials}]",
  ];
  const others = [
    "2025-05-01T10:00:00.123Z  WARN 1 --- [nio-8080-exec-3] o.s.s.a.event.LoggerListener : Authentication event AuthenticationSuccessEvent: alice; details: WebAuthenticationDetails [RemoteIpAddress=10.0.0.5]",
    "2025-05-01T10:00:00.123Z  INFO 1 --- [main] o.s.b.w.e.tomcat.TomcatWebServer : Tomcat started on port 8080 (http)",
    "AuditEvent [timestamp=2025-05-01T10:00:00Z, principal=alice, type=AUTHENTICATION_SUCCESS, data={}]",
    "bad credentials page rendered",
  ];

  it("is an any-term pattern of the Spring Security terms", () => {
    assert.equal(
      FAILED_LOGIN_FILTER_PATTERN,
      '?AuthenticationFailureBadCredentialsEvent ?"Bad credentials" ?AUTHENTICATION_FAILURE',
    );
    assert.throws(() => matchesAnyTerm("ERROR Exception", ""), /not an any-term pattern/);
  });
  it("matches each failed sign-in line", () => {
    failures.forEach((line) => assert.ok(matchesAnyTerm(FAILED_LOGIN_FILTER_PATTERN, line), line));
  });
  it("does not match successful sign-ins or other lines (terms are case-sensitive)", () => {
    others.forEach((line) => assert.ok(!matchesAnyTerm(FAILED_LOGIN_FILTER_PATTERN, line), line));
  });
});
