// The control catalogue: every control of the vendor's security guide (and the CIS / Security Hub
// standards it is audited against), its guide section, the checklist items it proves, and every
// number it sets. The one place these live: the pack's policy defaults and config files, the root
// program's edition floors, the checklist and the README/docs tables are all derived from it, so
// changing a number here (and regenerating: `npm run controls`) changes it everywhere.
//
// "Sandbox" and "Production" are the two editions (stacks). Where a value differs by edition it is
// a default the stack config may tighten but never loosen below the floor given here.
import type { Catalogue, ControlValues } from "./types";

// The values some titles and edition notes quote, named once so the text cannot drift from them.
const DATA_3: ControlValues["DATA-3"] = {
  minBackupRetentionDays: { sandbox: 7, production: 14 },
  complianceMinBackupRetentionDays: { standard: 0, regulated: 30 },
  guideMinBackupRetentionDays: 7,
  maxBackupRetentionDays: 35,
  deletionProtectionRequired: { sandbox: false, production: true },
};
const APP_1: ControlValues["APP-1"] = { maxRotationDays: 90 };
const MON_1: ControlValues["MON-1"] = {
  cpuThresholdPercent: 80,
  cpuMinutes: 5,
  dbConnectionsPercent: 80,
  freeStoragePercent: 10,
  failedLoginThreshold: 10,
};
const MON_2: ControlValues["MON-2"] = {
  minLogRetentionDays: { sandbox: 30, production: 90 },
  complianceMinLogRetentionDays: { standard: 0, regulated: 365 },
  requireKms: true,
};

export const CATALOGUE: Catalogue = {
  controls: {
    "NET-1": {
      id: "NET-1",
      area: "Network",
      title:
        "Ingress only from the configured `allowedCidr`; the whole internet (`0.0.0.0/0`, `::/0`, or any CIDR that covers it) only on port 80, and only for the Let's Encrypt HTTP challenge / HTTP-to-HTTPS redirect",
      guideSection: "Network Security 1, Restrict Access by IP",
      guideSummary:
        "ingress only from the trusted allowedCidr; the internet only on port 80 for the Let's Encrypt challenge",
      editions: { sandbox: "one `/32` is the expected value", production: "corporate/VPN CIDR" },
      values: { worldPort: 80, publicHttps: false },
    },
    "NET-2": {
      id: "NET-2",
      area: "Network",
      title:
        "Tiered subnets: app instances in private subnets, ALB in public subnets, outbound through NAT gateway(s), database in private (isolated) subnets",
      guideSection: "Network Security 2, Use Private Subnets",
      guideSummary:
        "app instances in private subnets behind the ALB, outbound through NAT, database isolated",
      editions: {
        sandbox: "single public instance allowed",
        production: "required, across at least 2 AZs",
      },
      values: { maxPublicInstances: { sandbox: 1, production: 0 } },
    },
    "NET-3": {
      id: "NET-3",
      area: "Network",
      title: "VPC flow logs, traffic type ALL, to a CloudWatch Logs group, with retention",
      guideSection: "Network Security 3, Enable VPC Flow Logs",
      guideSummary: "traffic type ALL to CloudWatch Logs",
      editions: { sandbox: "on", production: "on" },
      values: {},
    },
    "NET-4": {
      id: "NET-4",
      area: "Network",
      title:
        "Security-group table: 443 from `allowedCidr` (production: to the ALB); 80 from anywhere only where the Let's Encrypt HTTP challenge needs it, otherwise from `allowedCidr`; app port only from the ALB; 22 only when SSH is explicitly enabled and only from `allowedCidr`; 5432 only from the app tier's security group",
      guideSection: "Access Control 1, Security Group Best Practices",
      guideSummary:
        "443 from the trusted CIDR, app port only from the ALB, 5432 only from the app tier",
      editions: {
        sandbox: "sandbox with a domain: 80 from anywhere",
        production: "80 from `allowedCidr` (ACM needs no HTTP challenge)",
      },
      values: { httpsPort: 443, databasePort: 5432 },
    },
    "NET-5": {
      id: "NET-5",
      area: "Network",
      title:
        "Never: 22, 3389, 3306, 5432 (or a port range or protocol `-1` that includes them) from the internet; no unrestricted all-protocol egress; the VPC's default security group has no rules",
      guideSection: "Access Control 1, Security Group Best Practices",
      guideSummary:
        "never SSH, RDP or database ports from the internet; no open all-protocol egress; empty default security group",
      values: { adminPorts: [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200] },
    },
    "IAM-1": {
      id: "IAM-1",
      area: "Identity and access",
      title:
        "Shell access through SSM Session Manager: instance profile with `AmazonSSMManagedInstanceCore`; no key pair and no port 22 by default",
      guideSection: "IAM Security 1, Prefer SSM Session Manager Over SSH",
      values: {},
    },
    "IAM-2": {
      id: "IAM-2",
      area: "Identity and access",
      title:
        "Least-privilege instance role: `AmazonSSMManagedInstanceCore`, `CloudWatchAgentServerPolicy`, AWS Marketplace metering, plus only narrowly scoped reads it needs (its own DB secret). Never administrator, S3 full access, EC2 or IAM modification, or `*` actions/resources",
      guideSection: "IAM Security 2, Least Privilege IAM Policies",
      guideSummary: "no admin, S3 full access, EC2 or IAM modification, no wildcards",
      values: { deniedManagedPolicies: [] },
    },
    "IAM-3": {
      id: "IAM-3",
      area: "Identity and access",
      title:
        "CloudTrail: a multi-region trail that is logging, with log-file validation, to an encrypted, private, TLS-only S3 bucket (and CloudWatch Logs)",
      guideSection: "IAM Security 3, Enable CloudTrail",
      guideSummary: "multi-region, validated, encrypted, to a private bucket",
      values: { requireTrailInStack: true },
    },
    "DATA-1": {
      id: "DATA-1",
      area: "Data protection",
      title:
        "EBS encryption for every volume (root and data, launch templates too); account default EBS encryption",
      guideSection: "Data Protection 1, EBS Encryption",
      editions: { sandbox: "on", production: "on" },
      values: {},
    },
    "DATA-2": {
      id: "DATA-2",
      area: "Data protection",
      title: "RDS storage encryption with a KMS key",
      guideSection: "Data Protection 2, RDS Encryption",
      editions: { sandbox: "on", production: "on, customer-managed key" },
      values: { requireCustomerManagedKey: { sandbox: false, production: true } },
    },
    "DATA-3": {
      id: "DATA-3",
      area: "Data protection",
      title:
        "RDS automated backups: retention days; backup window in low-traffic hours; final snapshot on delete; copy tags to snapshots",
      guideSection: "Data Protection 3, RDS Automated Backups",
      guideSummary: "retention, final snapshot, deletion protection",
      editions: {
        sandbox: `>= ${DATA_3.minBackupRetentionDays.sandbox}`,
        production: `>= ${DATA_3.minBackupRetentionDays.production} (compliance profile ${DATA_3.complianceMinBackupRetentionDays.regulated}-${DATA_3.maxBackupRetentionDays})`,
      },
      values: DATA_3,
    },
    "DATA-4": {
      id: "DATA-4",
      area: "Data protection",
      title: "RDS Multi-AZ",
      guideSection: "Data Protection 4, Multi-AZ RDS",
      editions: { sandbox: "optional", production: "required" },
      values: { multiAzRequired: { sandbox: false, production: true } },
    },
    "APP-1": {
      id: "APP-1",
      area: "Application",
      title: `No default or hand-typed database password: generated or RDS-managed secret (>= 12 chars, mixed classes), rotated at least every ${APP_1.maxRotationDays} days, never in plain text in config, state or logs`,
      guideSection: "Application Security 1, Change Default Database Password",
      guideSummary: "generated or RDS-managed, rotated, never in plain text",
      values: APP_1,
    },
    "APP-2": {
      id: "APP-2",
      area: "Application",
      title:
        "HTTPS with a valid certificate for a custom domain; HTTP only redirects to HTTPS; modern TLS policy",
      guideSection: "Application Security 2, Enable HTTPS for Production",
      guideSummary: "valid certificate, HTTP only redirects, modern TLS",
      values: {
        allowedSslPolicies: [
          "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
          // Hybrid post-quantum key exchange (2025-09), AWS's current recommendation; the Ext*
          // variants, which re-admit weaker TLS 1.2 ciphers, are left out.
          "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
        ],
        tlsPassthroughPorts: [443],
      },
    },
    "APP-3": {
      id: "APP-3",
      area: "Application",
      title:
        "The AMI is an explicit, reviewable input (pinned ID or a recorded lookup), so an AMI update is a previewed change",
      guideSection: "Application Security 3, Keep AMI Updated",
      guideSummary: "the AMI is an explicit, reviewable input",
      values: {},
    },
    "APP-4": {
      id: "APP-4",
      area: "Application",
      title: "OS security patching on a schedule (SSM Patch Manager)",
      guideSection: "Application Security 4, Regular Security Patching",
      values: { requirePatchingInStack: true },
    },
    "ACC-1": {
      id: "ACC-1",
      area: "Access control",
      title:
        "Database reachable only from the app tier's security group; not publicly accessible; IAM database authentication on; TLS enforced for connections (`rds.force_ssl`)",
      guideSection: "Access Control 2, Database Access Control",
      guideSummary: "app tier only, not public, IAM authentication, TLS enforced",
      values: {},
    },
    "ACC-2": {
      id: "ACC-2",
      area: "Access control",
      title: "SSH key pair optional and off by default; when on, port 22 only from `allowedCidr`",
      guideSection: "Access Control 3, SSH Key Management",
      guideSummary: "no key pair unless SSH is explicitly enabled",
      values: { sshPort: 22, allowSshKeyPair: false },
    },
    "MON-1": {
      id: "MON-1",
      area: "Monitoring and audit",
      title: `CloudWatch alarms to an SNS topic: CPU > ${MON_1.cpuThresholdPercent}% for ${MON_1.cpuMinutes} minutes; DB connections > ${MON_1.dbConnectionsPercent}% of max; free storage < ${MON_1.freeStoragePercent}%; failed logins > ${MON_1.failedLoginThreshold} (metric filter on the application log)`,
      guideSection: "Monitoring and Auditing 1, Enable CloudWatch Alarms",
      editions: { sandbox: "on", production: "on" },
      values: MON_1,
    },
    "MON-2": {
      id: "MON-2",
      area: "Monitoring and audit",
      title:
        "Log groups for the application and the system, shipped by the CloudWatch agent, with retention",
      guideSection: "Monitoring and Auditing 2, Review CloudWatch Logs",
      guideSummary: "log groups with retention",
      editions: {
        sandbox: `>= ${MON_2.minLogRetentionDays.sandbox} days`,
        production: `>= ${MON_2.minLogRetentionDays.production} days (compliance: 1-7 years)`,
      },
      values: MON_2,
    },
    "MON-3": {
      id: "MON-3",
      area: "Monitoring and audit",
      title:
        "AWS Config: recorder for all supported resources, delivery channel to S3, recording on; managed rules that mirror the policy pack at run time",
      guideSection: "Monitoring and Auditing 3, Enable AWS Config",
      values: { globalResourceTypesRecordedElsewhere: false },
    },
    "CMP-1": {
      id: "CMP-1",
      area: "Compliance",
      title: "Data residency: every resource in an allowed region; no cross-region replication",
      guideSection: "Compliance 1, Data Residency",
      guideSummary: "every resource in an allowed region",
      values: {
        defaultAllowedRegions: [],
        allowedRegions: { sandbox: ["eu-west-1"], production: ["eu-west-1"] },
      },
    },
    "CMP-2": {
      id: "CMP-2",
      area: "Compliance",
      title: "Encryption at rest (EBS, RDS, S3, logs) and in transit (HTTPS, TLS to the database)",
      guideSection: "Compliance 2, Encryption Requirements",
      guideSummary: "at rest and in transit",
      values: {},
    },
    "CMP-3": {
      id: "CMP-3",
      area: "Compliance",
      title: "Audit records (trail, Config, flow logs, app logs) kept for the edition's retention",
      guideSection: "Compliance 3, Audit Trail",
      guideSummary: "audit records kept for the edition's retention",
      values: {},
    },
    "IR-1": {
      id: "IR-1",
      area: "Incident response",
      title:
        "Isolation: an empty quarantine security group exists; an instance can be moved into it and out of the load balancer by a reviewed change",
      guideSection: "Incident Response 1, Isolate Compromised Instance",
      guideSummary: "an empty quarantine security group",
      values: { requireQuarantineGroup: true },
    },
    "IR-2": {
      id: "IR-2",
      area: "Incident response",
      title: "Forensics: volume snapshots before anything is stopped; logs exportable",
      guideSection: "Incident Response 2, Collect Forensics",
      guideSummary: "volumes survive until snapshotted",
      values: {},
    },
    "IR-3": {
      id: "IR-3",
      area: "Incident response",
      title: "Recovery: redeploy from a clean AMI",
      guideSection: "Incident Response 3, Recovery Process",
      guideSummary: "redeploy from a clean AMI",
      values: {},
    },
  },
  // The guide's "Security Checklist", in its order, each item mapped to the controls that prove it.
  checklist: [
    {
      number: 1,
      title: "IP restrictions configured (allowedCidr not 0.0.0.0/0)",
      controls: ["NET-1"],
    },
    { number: 2, title: "HTTPS with a valid certificate", controls: ["APP-2"] },
    { number: 3, title: "Database password changed from default", controls: ["APP-1"] },
    { number: 4, title: "EBS encryption verified", controls: ["DATA-1"] },
    { number: 5, title: "RDS encryption enabled", controls: ["DATA-2"] },
    { number: 6, title: "Multi-AZ RDS", controls: ["DATA-4"] },
    { number: 7, title: "Automated backups (7-30 days)", controls: ["DATA-3"] },
    { number: 8, title: "CloudWatch alarms configured", controls: ["MON-1"] },
    { number: 9, title: "CloudTrail logging enabled", controls: ["IAM-3"] },
    { number: 10, title: "VPC flow logs enabled", controls: ["NET-3"] },
    { number: 11, title: "Security groups least privilege", controls: ["NET-4", "NET-5"] },
    { number: 12, title: "RDS not publicly accessible", controls: ["ACC-1"] },
    { number: 13, title: "SSM Session Manager works", controls: ["IAM-1"] },
    { number: 14, title: "SSH keys secured or disabled", controls: ["ACC-2"] },
    { number: 15, title: "AMI up to date", controls: ["APP-3", "APP-4"] },
    { number: 16, title: "Incident response plan documented", controls: ["IR-1", "IR-2", "IR-3"] },
  ],
};
