/**
 * What the app hosts may do in CloudWatch (IAM-2, MON-2), in place of the AWS-managed
 * `CloudWatchAgentServerPolicy`. That policy allows `logs:CreateLogGroup`, `logs:CreateLogStream`,
 * `logs:PutLogEvents` and `logs:PutRetentionPolicy` on every log group of the account, so a
 * compromised host could shorten the retention of the trail's and the flow logs' groups or write
 * forged events into the group the CIS alarms read. Here the hosts write only to the app's own
 * groups and change nothing about any group.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "./iam-documents";

/**
 * The CloudWatch agent's default metric namespace; the agent configuration sets no other, and
 * `cloudwatch:PutMetricData` is allowed in this namespace only (not `AWS/*`, not the stack's alarm
 * namespace, whose metric filters a host must not feed).
 */
export const AGENT_METRIC_NAMESPACE = "CWAgent";

/** The log actions the hosts get, on their own groups only. */
export const LOG_SHIPPING_ACTIONS = [
  // The CloudWatch agent and Docker's awslogs driver create their streams and write to them.
  "logs:CreateLogStream",
  "logs:PutLogEvents",
  // Read-only, on the same groups: older agents look up a stream before writing to it.
  "logs:DescribeLogStreams",
] as const;

/**
 * Statements for the instance role. `logGroupArns` are the groups' ARNs without the `:*` suffix
 * (as pulumi-aws's `LogGroup.arn` returns them); each is granted as the group and `<group>:*`, its
 * streams. No `logs:CreateLogGroup`: the groups exist, encrypted and with retention, before any host
 * starts (`AppLogGroups`), so a wrong group name fails visibly instead of creating an unencrypted
 * group that never expires. No `logs:PutRetentionPolicy`: the agent calls it only when its
 * configuration sets `retention_in_days`, which ours does not; retention belongs to Pulumi.
 */
export function logShippingStatements(logGroupArns: pulumi.Input<string>[]): PolicyStatement[] {
  if (logGroupArns.length === 0) {
    throw new Error("logShippingStatements: at least one log group ARN is required (MON-2).");
  }
  return [
    {
      Sid: "ShipToOwnLogGroupsOnly",
      Effect: "Allow",
      Action: [...LOG_SHIPPING_ACTIONS],
      Resource: logGroupArns.flatMap((arn) => [arn, pulumi.interpolate`${arn}:*`]),
    },
    {
      Sid: "PublishAgentMetricsOnly",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      // PutMetricData supports no resource-level permission; the namespace condition is its limit.
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": AGENT_METRIC_NAMESPACE } },
    },
  ];
}
