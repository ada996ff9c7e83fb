/**
 * The CIS AWS Foundations Benchmark monitoring set that matters for this stack (IAM-3), as data.
 * Patterns are copied exactly from the AWS Security Hub controls CloudWatch.1/.4/.5/.6/.10 (CIS
 * v1.4.0 4.3-4.10): Security Hub fails the control when a filter differs in any term, so do not
 * reformat them.
 */

export interface CisMetricAlarm {
  /** Security Hub control ID, for traceability. */
  readonly control: string;
  /** Suffix of the filter and alarm names. */
  readonly suffix: string;
  readonly metricName: string;
  readonly description: string;
  readonly pattern: string;
}

export const CIS_METRIC_ALARMS: readonly CisMetricAlarm[] = [
  {
    control: "CloudWatch.1",
    suffix: "cis-root-usage",
    metricName: "RootAccountUsageCount",
    description: "IAM-3 (CIS 4.3, Security Hub CloudWatch.1): the root user was used.",
    pattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  {
    control: "CloudWatch.4",
    suffix: "cis-iam-policy-changes",
    metricName: "IamPolicyChangeCount",
    description:
      "IAM-3 (CIS 4.4, Security Hub CloudWatch.4): an IAM policy was created, changed, attached or detached.",
    pattern:
      "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
  },
  {
    control: "CloudWatch.5",
    suffix: "cis-cloudtrail-changes",
    metricName: "CloudTrailChangeCount",
    description:
      "IAM-3 (CIS 4.5, Security Hub CloudWatch.5): a trail was created, updated, deleted, started or stopped.",
    pattern:
      "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  },
  {
    control: "CloudWatch.6",
    suffix: "cis-console-signin-failures",
    metricName: "ConsoleSigninFailureCount",
    description:
      "IAM-3 (CIS 4.6, Security Hub CloudWatch.6): an AWS Management Console sign-in failed.",
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    control: "CloudWatch.10",
    suffix: "cis-security-group-changes",
    metricName: "SecurityGroupChangeCount",
    description:
      "IAM-3 (CIS 4.10, Security Hub CloudWatch.10): a security group or its rules changed.",
    pattern:
      "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  },
];
