/**
 * CloudWatch alarm helpers shared by the monitoring (MON-1) and audit (IAM-3 / CIS) components: one
 * naming scheme, one place that wires alarm and OK actions to the stack's topic, and the
 * metric-filter-plus-alarm pair both components need.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stackPrefix } from "./names";
import { StackIdentity } from "./stack-identity";

/**
 * How an alarm treats periods without data. Chosen per alarm (with a one-line reason at the call
 * site), never left to the default, because "no data" means different things per metric.
 */
export type TreatMissingData = "missing" | "notBreaching" | "breaching" | "ignore";

export type ComparisonOperator =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

/**
 * Physical alarm name `<project>-<stack>-<suffix>`. The alarm topic's policy admits only alarms
 * whose ARN carries this prefix, so every alarm of the stack must be named through here.
 */
export function alarmName(project: string, stack: string, suffix: string): string {
  return `${stackPrefix(project, stack)}-${suffix}`;
}

/** `arn:<partition>:cloudwatch:<region>:<account>:alarm:<project>-<stack>-*`: this stack's alarms. */
export function alarmArnPattern(
  partition: pulumi.Input<string>,
  region: string,
  accountId: pulumi.Input<string>,
  project: string,
  stack: string,
): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${alarmName(project, stack, "*")}`;
}

/**
 * Namespace of the custom metrics the stack's metric filters publish. Per stack, so two stacks in
 * one account never add their counts into the same metric.
 */
export function metricNamespace(stack: string): string {
  return `Aletyx/DecisionControl/${stack}`;
}

export interface AlarmSpec {
  /** Suffix of the physical name (`app-cpu-high`) and of the logical name. */
  readonly suffix: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: "Average" | "Sum" | "Maximum" | "Minimum";
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** How many of the evaluated periods must breach ("M of N"). Default: all of them. */
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
  readonly dimensions?: Record<string, pulumi.Input<string>>;
}

/** The stack whose prefix names an alarm, and the topic it notifies. */
export interface AlarmTopic extends Pick<StackIdentity, "project" | "stack"> {
  /** SNS topic for alarm and OK notifications (MON-1). */
  readonly topicArn: pulumi.Input<string>;
}

export interface MetricAlarmArgs extends AlarmSpec {
  readonly topic: AlarmTopic;
}

/**
 * A metric alarm that notifies the topic both when it fires and when it recovers; logical name
 * `<name>-<suffix>`, `name` being the component's.
 */
export function metricAlarm(
  name: string,
  args: MetricAlarmArgs,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  const { topic, ...spec } = args;
  return new aws.cloudwatch.MetricAlarm(
    `${name}-${spec.suffix}`,
    {
      name: alarmName(topic.project, topic.stack, spec.suffix),
      alarmDescription: spec.description,
      namespace: spec.namespace,
      metricName: spec.metricName,
      statistic: spec.statistic,
      period: spec.periodSeconds,
      evaluationPeriods: spec.evaluationPeriods,
      ...(spec.datapointsToAlarm !== undefined
        ? { datapointsToAlarm: spec.datapointsToAlarm }
        : {}),
      threshold: spec.threshold,
      comparisonOperator: spec.comparisonOperator,
      treatMissingData: spec.treatMissingData,
      dimensions: spec.dimensions,
      actionsEnabled: true,
      alarmActions: [topic.topicArn],
      okActions: [topic.topicArn],
    },
    { parent },
  );
}

export interface LogMetricAlarmSpec {
  /** Suffix for names, e.g. `failed-logins`. */
  readonly suffix: string;
  readonly description: string;
  /** CloudWatch Logs filter pattern. */
  readonly pattern: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
}

export interface LogMetricAlarmArgs extends LogMetricAlarmSpec {
  readonly topic: AlarmTopic;
  /** The log group the filter reads. */
  readonly logGroupName: pulumi.Input<string>;
}

/**
 * A metric filter on a log group that counts matching events (value 1 each) into a custom metric,
 * and an alarm on that metric's sum per period; both named `<name>-<suffix>`.
 */
export function logMetricAlarm(
  name: string,
  args: LogMetricAlarmArgs,
  parent: pulumi.Resource,
): { filter: aws.cloudwatch.LogMetricFilter; alarm: aws.cloudwatch.MetricAlarm } {
  const { topic, logGroupName, ...spec } = args;
  const filter = new aws.cloudwatch.LogMetricFilter(
    `${name}-${spec.suffix}`,
    {
      logGroupName,
      pattern: spec.pattern,
      metricTransformation: { name: spec.metricName, namespace: spec.namespace, value: "1" },
    },
    { parent },
  );
  const alarm = metricAlarm(
    name,
    {
      topic,
      suffix: spec.suffix,
      description: spec.description,
      namespace: spec.namespace,
      metricName: spec.metricName,
      statistic: "Sum",
      periodSeconds: spec.periodSeconds,
      evaluationPeriods: 1,
      threshold: spec.threshold,
      comparisonOperator: spec.comparisonOperator,
      treatMissingData: spec.treatMissingData,
    },
    parent,
  );
  return { filter, alarm };
}
