/**
 * MON-1 and MON-2: the application and system log groups, the encrypted alarm topic, and the
 * alarms the vendor guide asks for (CPU, database connections, free storage, failed logins; ALB 5xx
 * and unhealthy hosts in production).
 *
 * The log groups are their own component (`AppLogGroups`) because the app tier must wait for them
 * (its CloudWatch agent would otherwise create them first, unencrypted and without retention, and
 * the later create would fail), while the alarms need the app tier's instance or Auto Scaling group.
 * Build `AppLogGroups` first and feed its `applicationLogGroupName`/`systemLogGroupName` outputs into
 * the app tier's agent configuration (a data dependency: `dependsOn` on a component is not inherited
 * by its children), then build `Monitoring`. The groups are named per creation, so those outputs are
 * the only source of their names.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { awsContext } from "./shared/aws-context";
import {
  alarmArnPattern,
  AlarmTopic,
  logMetricAlarm,
  metricAlarm,
  metricNamespace,
} from "./shared/alarms";
import { policyDocument } from "./shared/iam-documents";
import { rolloutUnhealthyHostsEvaluation, TARGET_5XX_WINDOW_SECONDS } from "./shared/rollout";
import { APP_LOG_GROUPS, appLogGroupNamePrefix, NAMED_ONCE_AT_CREATE } from "./shared/names";
import { StackIdentity } from "./shared/stack-identity";
import { keptAfterTeardown } from "./shared/stateful";
import { CATALOGUE } from "../policy-pack/controls";

const GIB = 1024 ** 3;

/** The group names start with the vendor's name and the stack prefix the identity derives. */
export interface AppLogGroupsArgs extends StackIdentity {
  /** Retention in days, at least the edition's and profile's MON-2 floor (CMP-3). */
  readonly retentionInDays: number;
  /** The stack key's ARN; its policy lets CloudWatch Logs of this region use it (CMP-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Lifts `protect` so `pulumi destroy` can run; the groups stay with their retention (CMP-3). Default false. */
  readonly teardown?: boolean;
}

/**
 * MON-2: the application and system groups the app host's log driver and CloudWatch agent ship
 * to, KMS-encrypted with the stack key and kept for the edition's retention. Protected, and kept
 * after a teardown: they are audit records (CMP-3). Named per creation from the vendor's names
 * (`/aletyx/application/<stack prefix>-<26 characters>`): a stack re-created after a teardown, or
 * a second stack in the account and region, never meets a kept group's name.
 */
export class AppLogGroups extends pulumi.ComponentResource {
  readonly application: aws.cloudwatch.LogGroup;
  readonly system: aws.cloudwatch.LogGroup;
  readonly applicationLogGroupName: pulumi.Output<string>;
  readonly systemLogGroupName: pulumi.Output<string>;
  /** Both groups' ARNs (without `:*`), for the grants that must name exactly these groups. */
  readonly arns: pulumi.Output<string>[];

  constructor(name: string, args: AppLogGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:monitoring:AppLogGroups", name, {}, opts);
    const group = (kind: keyof typeof APP_LOG_GROUPS): aws.cloudwatch.LogGroup =>
      new aws.cloudwatch.LogGroup(
        `${name}-${kind}`,
        {
          namePrefix: appLogGroupNamePrefix(kind, args.project, args.stack),
          retentionInDays: args.retentionInDays,
          kmsKeyId: args.kmsKeyArn,
        },
        {
          parent: this,
          ...keptAfterTeardown(args.teardown ?? false),
          ignoreChanges: [...NAMED_ONCE_AT_CREATE],
        },
      );
    this.application = group("application");
    this.system = group("system");
    this.applicationLogGroupName = this.application.name;
    this.systemLogGroupName = this.system.name;
    this.arns = [this.application.arn, this.system.arn];
    this.registerOutputs({
      applicationLogGroupName: this.applicationLogGroupName,
      systemLogGroupName: this.systemLogGroupName,
    });
  }
}

/** Sandbox: one instance, so CPU is watched per instance. */
export interface SingleInstanceTarget {
  readonly kind: "instance";
  readonly instanceId: pulumi.Input<string>;
}

/** Production: an Auto Scaling group behind an ALB; CPU per group, plus ALB 5xx and target health. */
export interface AutoScalingTarget {
  readonly kind: "autoScalingGroup";
  readonly autoScalingGroupName: pulumi.Input<string>;
  /** `app/<name>/<id>`: the ALB's `arnSuffix`, the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: pulumi.Input<string>;
  /** `targetgroup/<name>/<id>`: the target group's `arnSuffix`, the `TargetGroup` dimension. */
  readonly targetGroupArnSuffix: pulumi.Input<string>;
  /** The group's health check grace period: the rollout's unhealthy-host window outlasts it. */
  readonly healthCheckGracePeriodSeconds: number;
}

export type AppTarget = SingleInstanceTarget | AutoScalingTarget;

/** Alarm names derive from the identity; the alarm ARNs in the topic policy are regional. */
export interface MonitoringArgs extends StackIdentity {
  /** The stack key's ARN: the topic is encrypted with it (its policy admits CloudWatch alarms; CMP-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Subscribed by email when set (confirm the subscription mail). Default: no subscription (MON-1). */
  readonly alarmEmail?: string;
  /** What the CPU (and, in production, the ALB) alarms watch (MON-1). */
  readonly appTarget: AppTarget;
  /** The application log group the failed-login metric filter reads (MON-1); from `AppLogGroups`. */
  readonly applicationLogGroupName: pulumi.Input<string>;
  readonly dbInstanceIdentifier: pulumi.Input<string>;
  /**
   * The `max_connections` the database's parameter group sets (`Database.maxConnections`), so the
   * alarm and the enforced limit come from one value; the alarm fires above MON-1's `dbConnectionsPercent` of it.
   */
  readonly dbMaxConnections: number;
  /** Allocated storage in GiB as configured; the free-storage alarm fires below MON-1's `freeStoragePercent` of it. */
  readonly dbAllocatedStorageGb: number;
  /** CPU alarm threshold in percent. Default MON-1's `cpuThresholdPercent` (the vendor guide). */
  readonly cpuThresholdPercent?: number;
  /** Failed logins per 5 minutes above which the alarm fires. Default MON-1's `failedLoginThreshold`. */
  readonly failedLoginThreshold?: number;
}

/**
 * Failed sign-ins in the application log group, which holds the container's stdout and stderr (one
 * event per line; Docker's awslogs driver, see user-data.ts). The vendor does not document its log
 * format; the assumption is the Spring Boot app's Spring Security output, matched as terms (an
 * event counts once when it contains any of them; terms are case-sensitive, and a term with a space
 * is quoted: CloudWatch Logs User Guide, "Filter pattern syntax for metric filters, ..."):
 * - `AuthenticationFailureBadCredentialsEvent`: the event Spring Security publishes on a wrong
 *   password, written by its `LoggerListener` at WARN as
 *   `Authentication event AuthenticationFailureBadCredentialsEvent: <user>; details: ...; exception: Bad credentials`;
 * - `"Bad credentials"`: the message of `BadCredentialsException`, in the lines that log the
 *   exception itself (the form-login filter's failure, or a stack trace's exception line);
 * - `AUTHENTICATION_FAILURE`: the audit event type Spring Boot Actuator records for the same failure.
 * If sign-in is delegated to an identity provider (OIDC, Keycloak), failed passwords are logged
 * there, not here: point a filter at that provider's log. Before relying on the alarm, check the
 * pattern against real lines with `aws logs test-metric-filter` (docs/monitoring-audit.md).
 */
export const FAILED_LOGIN_FILTER_PATTERN =
  '?AuthenticationFailureBadCredentialsEvent ?"Bad credentials" ?AUTHENTICATION_FAILURE';

export const FAILED_LOGIN_METRIC = "FailedLoginCount";

/**
 * MON-1: an SNS topic encrypted with the stack key that only this stack's CloudWatch alarms may
 * publish to, an optional email subscription, and the alarms. Every alarm notifies on ALARM and on
 * OK, and states how it treats missing data and why.
 */
/** Refuses args that would build alarms which can never fire. Pure: registers nothing. */
export function validateMonitoringArgs(
  name: string,
  args: Pick<MonitoringArgs, "dbMaxConnections">,
): void {
  if (!Number.isInteger(args.dbMaxConnections) || args.dbMaxConnections < 1) {
    throw new Error(
      `Monitoring ${name}: dbMaxConnections ${args.dbMaxConnections} must be a positive integer (the parameter group's max_connections).`,
    );
  }
}

export class Monitoring extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly alarmTopicArn: pulumi.Output<string>;
  readonly alarms: readonly aws.cloudwatch.MetricAlarm[];
  readonly failedLoginFilter: aws.cloudwatch.LogMetricFilter;
  /**
   * APP-3, IR-3 (production): the alarms whose ALARM state fails an instance refresh and rolls it
   * back: the app's own 5xx responses, and instances failing the load balancer's health check for
   * longer than the grace period (a boot is not a failure). Empty for a single instance.
   */
  readonly rolloutAlarmNames: pulumi.Output<string>[];

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    validateMonitoringArgs(name, args);
    super("decision-control:monitoring:Monitoring", name, {}, opts);
    const { accountId, partition, region } = awsContext(args.region, this);

    this.topic = new aws.sns.Topic(
      `${name}-alarms`,
      { displayName: `${args.project} ${args.stack} alarms`, kmsMasterKeyId: args.kmsKeyArn },
      { parent: this },
    );
    // Only CloudWatch, acting for this stack's alarms in this account, may publish. Same-account
    // administrators keep managing the topic through their IAM policies.
    new aws.sns.TopicPolicy(
      `${name}-alarms-policy`,
      {
        arn: this.topic.arn,
        policy: policyDocument([
          {
            Sid: "CloudWatchAlarmsOfThisStackPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: this.topic.arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": accountId },
              ArnLike: {
                "aws:SourceArn": alarmArnPattern(
                  partition,
                  region,
                  accountId,
                  args.project,
                  args.stack,
                ),
              },
            },
          },
        ]),
      },
      { parent: this },
    );
    if (args.alarmEmail !== undefined) {
      new aws.sns.TopicSubscription(
        `${name}-alarms-email`,
        { topic: this.topic.arn, protocol: "email", endpoint: args.alarmEmail },
        { parent: this },
      );
    }
    this.alarmTopicArn = this.topic.arn;

    const topic: AlarmTopic = {
      project: args.project,
      stack: args.stack,
      topicArn: this.topic.arn,
    };
    const alarms: aws.cloudwatch.MetricAlarm[] = [];
    const target = args.appTarget;
    const MON1 = CATALOGUE.controls["MON-1"].values;
    const cpuThreshold = args.cpuThresholdPercent ?? MON1.cpuThresholdPercent;

    alarms.push(
      metricAlarm(
        name,
        {
          topic,
          suffix: "app-cpu-high",
          description: `MON-1: app CPU above ${cpuThreshold}% for ${MON1.cpuMinutes} minutes (${target.kind === "instance" ? "the instance" : "Auto Scaling group average"}).`,
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          statistic: "Average",
          // One 5-minute period: basic monitoring publishes 5-minute points, detailed monitoring is averaged.
          periodSeconds: 300,
          evaluationPeriods: 1,
          threshold: cpuThreshold,
          comparisonOperator: "GreaterThanThreshold",
          // No datapoints means a stopped or replaced instance, not high CPU: show INSUFFICIENT_DATA.
          treatMissingData: "missing",
          dimensions:
            target.kind === "instance"
              ? { InstanceId: target.instanceId }
              : { AutoScalingGroupName: target.autoScalingGroupName },
        },
        this,
      ),
    );

    const connectionThreshold = Math.floor(
      (args.dbMaxConnections * MON1.dbConnectionsPercent) / 100,
    );
    alarms.push(
      metricAlarm(
        name,
        {
          topic,
          suffix: "db-connections-high",
          description: `MON-1: database connections above ${MON1.dbConnectionsPercent}% of max_connections (${connectionThreshold} of ${args.dbMaxConnections}) for 5 minutes.`,
          namespace: "AWS/RDS",
          metricName: "DatabaseConnections",
          statistic: "Average",
          periodSeconds: 300,
          evaluationPeriods: 1,
          threshold: connectionThreshold,
          comparisonOperator: "GreaterThanThreshold",
          // RDS publishes every minute while the instance runs; a gap is an outage, which RDS events report.
          treatMissingData: "missing",
          dimensions: { DBInstanceIdentifier: args.dbInstanceIdentifier },
        },
        this,
      ),
    );

    // Against the configured allocation: storage autoscaling grows the volume when free space stays
    // at or below 10% for 5 minutes, so this alarm marks "RDS is about to grow (or cannot, at
    // maxAllocatedStorage)". After growth the byte threshold is a smaller share of the new size,
    // which is the conservative direction.
    const freeStorageThresholdBytes = Math.floor(
      (args.dbAllocatedStorageGb * GIB * MON1.freeStoragePercent) / 100,
    );
    alarms.push(
      metricAlarm(
        name,
        {
          topic,
          suffix: "db-free-storage-low",
          description: `MON-1: database free storage below ${MON1.freeStoragePercent}% of the ${args.dbAllocatedStorageGb} GiB allocated (${freeStorageThresholdBytes} bytes).`,
          namespace: "AWS/RDS",
          metricName: "FreeStorageSpace",
          statistic: "Minimum",
          periodSeconds: 300,
          evaluationPeriods: 1,
          threshold: freeStorageThresholdBytes,
          comparisonOperator: "LessThanThreshold",
          // Like connections: missing data is an availability problem, not a storage one.
          treatMissingData: "missing",
          dimensions: { DBInstanceIdentifier: args.dbInstanceIdentifier },
        },
        this,
      ),
    );

    const failedLoginThreshold = args.failedLoginThreshold ?? MON1.failedLoginThreshold;
    const failedLogins = logMetricAlarm(
      name,
      {
        topic,
        logGroupName: args.applicationLogGroupName,
        suffix: "failed-logins",
        description: `MON-1: more than ${failedLoginThreshold} failed logins in 5 minutes (metric filter on the application log).`,
        pattern: FAILED_LOGIN_FILTER_PATTERN,
        metricName: FAILED_LOGIN_METRIC,
        namespace: metricNamespace(args.stack),
        periodSeconds: 300,
        threshold: failedLoginThreshold,
        comparisonOperator: "GreaterThanThreshold",
        // The filter publishes only when a line matches: no data means no failed logins.
        treatMissingData: "notBreaching",
      },
      this,
    );
    this.failedLoginFilter = failedLogins.filter;
    alarms.push(failedLogins.alarm);
    const rolloutAlarms: aws.cloudwatch.MetricAlarm[] = [];

    if (target.kind === "autoScalingGroup") {
      const loadBalancer = { LoadBalancer: target.loadBalancerArnSuffix };
      const targetGroup = {
        LoadBalancer: target.loadBalancerArnSuffix,
        TargetGroup: target.targetGroupArnSuffix,
      };
      const fiveXx = (
        suffix: string,
        metricName: string,
        source: string,
        dimensions: Record<string, pulumi.Input<string>>,
      ) =>
        metricAlarm(
          name,
          {
            topic,
            suffix,
            description: `MON-1: more than 10 HTTP 5xx responses from ${source} in 5 minutes.`,
            namespace: "AWS/ApplicationELB",
            metricName,
            statistic: "Sum",
            periodSeconds: TARGET_5XX_WINDOW_SECONDS,
            evaluationPeriods: 1,
            threshold: 10,
            comparisonOperator: "GreaterThanThreshold",
            // ALB publishes HTTPCode_* counts only when there are some: no data means no errors.
            treatMissingData: "notBreaching",
            dimensions,
          },
          this,
        );
      alarms.push(
        fiveXx("alb-5xx", "HTTPCode_ELB_5XX_Count", "the load balancer itself", loadBalancer),
      );
      // The app's 5xx also cover the database: with it down, requests fail while liveness holds.
      const targetErrors = fiveXx(
        "target-5xx",
        "HTTPCode_Target_5XX_Count",
        "the app instances",
        targetGroup,
      );
      // The target group's check: with `liveness`, the app process is hung or dead, not the database.
      const unhealthyHosts = metricAlarm(
        name,
        {
          topic,
          suffix: "unhealthy-hosts",
          description:
            "MON-1: at least one app instance failed the load balancer health check for 5 minutes.",
          namespace: "AWS/ApplicationELB",
          metricName: "UnHealthyHostCount",
          statistic: "Maximum",
          periodSeconds: 60,
          evaluationPeriods: 5,
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
          // The ALB reports target health every minute, traffic or not: a gap means the target group is gone.
          treatMissingData: "breaching",
          dimensions: targetGroup,
        },
        this,
      );
      // The rollback's own: UnHealthyHostCount counts a booting instance after a few failed
      // checks, ignoring the group's grace period, so the 5-minute alarm above could roll back a
      // good version that boots slowly (components/shared/rollout.ts).
      const rolloutWindow = rolloutUnhealthyHostsEvaluation(target.healthCheckGracePeriodSeconds);
      const rolloutUnhealthyHosts = metricAlarm(
        name,
        {
          topic,
          suffix: "rollout-unhealthy-hosts",
          description: `APP-3/IR-3: at least one app instance failed the load balancer health check in each of ${rolloutWindow.evaluationPeriods} minutes, longer than the ${target.healthCheckGracePeriodSeconds}-second grace period a new instance gets to boot; rolls an instance refresh back.`,
          namespace: "AWS/ApplicationELB",
          metricName: "UnHealthyHostCount",
          statistic: "Maximum",
          ...rolloutWindow,
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
          // As above: a gap means the target group is gone.
          treatMissingData: "breaching",
          dimensions: targetGroup,
        },
        this,
      );
      alarms.push(targetErrors, unhealthyHosts, rolloutUnhealthyHosts);
      rolloutAlarms.push(targetErrors, rolloutUnhealthyHosts);
    }
    this.alarms = alarms;
    this.rolloutAlarmNames = rolloutAlarms.map((alarm) => alarm.name);

    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn });
  }
}
