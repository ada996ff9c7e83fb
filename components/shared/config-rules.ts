/**
 * The AWS Config managed rules the account baseline deploys (MON-3), as data: each mirrors at run
 * time a rule the policy pack enforces at preview. Identifiers and parameter names are those of the
 * AWS Config managed-rules reference; parameter values are strings, as Config's InputParameters expect.
 */

import { CATALOGUE } from "../../policy-pack/controls";
import { SSH_PORT } from "./ports";

export interface ManagedRuleSpec {
  /** The managed rule's name in the AWS Config reference (kebab-case), used in our rule name. */
  readonly name: string;
  /** `source.sourceIdentifier`. */
  readonly identifier: string;
  readonly controls: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface ManagedRuleOptions {
  /** DATA-4: production requires Multi-AZ, so `rds-multi-az-support` is added. */
  readonly requireMultiAz: boolean;
  /** DATA-3: the minimum backup retention in days `db-instance-backup-enabled` accepts. */
  readonly backupRetentionMinimum: number;
}

/** `restricted-common-ports` takes at most five ports (`blockedPort1`..`blockedPort5`). */
const BLOCKED_PORT_SLOTS = 5;
/** The rule's own defaults it keeps: FTP data and control. */
const RULE_DEFAULT_PORTS = ["20", "21"];

/**
 * The rule's FTP defaults, then the NET-5 ports in the catalogue's order (RDP, MySQL, PostgreSQL
 * first) besides SSH, which `restricted-ssh` covers, as many as the slots hold. 4333 (the rule's
 * fifth default, mSQL) gives way to PostgreSQL.
 */
export const BLOCKED_COMMON_PORTS: readonly string[] = [
  ...RULE_DEFAULT_PORTS,
  ...CATALOGUE.controls["NET-5"].values.adminPorts.filter((port) => port !== SSH_PORT).map(String),
].slice(0, BLOCKED_PORT_SLOTS);

export function managedConfigRules(options: ManagedRuleOptions): ManagedRuleSpec[] {
  const blockedPorts = Object.fromEntries(
    BLOCKED_COMMON_PORTS.map((port, index) => [`blockedPort${index + 1}`, port]),
  );
  const rules: (ManagedRuleSpec | undefined)[] = [
    { name: "restricted-ssh", identifier: "INCOMING_SSH_DISABLED", controls: "NET-5, ACC-2" },
    {
      name: "restricted-common-ports",
      identifier: "RESTRICTED_INCOMING_TRAFFIC",
      controls: "NET-5",
      parameters: blockedPorts,
    },
    {
      name: "vpc-default-security-group-closed",
      identifier: "VPC_DEFAULT_SECURITY_GROUP_CLOSED",
      controls: "NET-5",
    },
    {
      name: "vpc-flow-logs-enabled",
      identifier: "VPC_FLOW_LOGS_ENABLED",
      controls: "NET-3",
      parameters: { trafficType: "ALL" },
    },
    { name: "ec2-imdsv2-check", identifier: "EC2_IMDSV2_CHECK", controls: "IAM-2" },
    { name: "encrypted-volumes", identifier: "ENCRYPTED_VOLUMES", controls: "DATA-1" },
    {
      name: "ec2-ebs-encryption-by-default",
      identifier: "EC2_EBS_ENCRYPTION_BY_DEFAULT",
      controls: "DATA-1",
    },
    {
      name: "rds-instance-public-access-check",
      identifier: "RDS_INSTANCE_PUBLIC_ACCESS_CHECK",
      controls: "ACC-1",
    },
    { name: "rds-storage-encrypted", identifier: "RDS_STORAGE_ENCRYPTED", controls: "DATA-2" },
    options.requireMultiAz
      ? { name: "rds-multi-az-support", identifier: "RDS_MULTI_AZ_SUPPORT", controls: "DATA-4" }
      : undefined,
    {
      name: "db-instance-backup-enabled",
      identifier: "DB_INSTANCE_BACKUP_ENABLED",
      controls: "DATA-3",
      parameters: { backupRetentionMinimum: String(options.backupRetentionMinimum) },
    },
    { name: "cloudtrail-enabled", identifier: "CLOUD_TRAIL_ENABLED", controls: "IAM-3" },
    {
      name: "multi-region-cloudtrail-enabled",
      identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED",
      controls: "IAM-3",
      parameters: { readWriteType: "ALL", includeManagementEvents: "true" },
    },
    {
      name: "cloud-trail-log-file-validation-enabled",
      identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
      controls: "IAM-3",
    },
    {
      name: "s3-bucket-level-public-access-prohibited",
      identifier: "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
      controls: "IAM-3, CMP-2",
    },
    {
      name: "alb-http-to-https-redirection-check",
      identifier: "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK",
      controls: "APP-2",
    },
    {
      name: "iam-policy-no-statements-with-admin-access",
      identifier: "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
      controls: "IAM-2",
    },
  ];
  return rules.filter((rule): rule is ManagedRuleSpec => rule !== undefined);
}
