// Compile-time check (run by `npm run build`): every input property name the policies read exists on
// the @pulumi/aws v7 argument types. A rename in the provider fails the build instead of silently
// turning a policy into a no-op.
import type * as ec2 from "@pulumi/aws/ec2";
import type * as vpc from "@pulumi/aws/vpc";
import type * as rds from "@pulumi/aws/rds";
import type * as iam from "@pulumi/aws/iam";
import type * as lb from "@pulumi/aws/lb";
import type * as ebs from "@pulumi/aws/ebs";
import type * as s3 from "@pulumi/aws/s3";
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as secretsmanager from "@pulumi/aws/secretsmanager";
import type * as ssm from "@pulumi/aws/ssm";
import type * as cfg from "@pulumi/aws/cfg";
import type * as autoscaling from "@pulumi/aws/autoscaling";
import type { input } from "@pulumi/aws/types";
import type { ProviderArgs } from "@pulumi/aws/provider";

type Keys<A> = Array<keyof A & string>;
/** The property names, checked against the argument type `A` at compile time (shared by every list). */
export function names<A>(...keys: Keys<A>): Keys<A> {
  return keys;
}

export const checked = [
  names<ec2.SecurityGroupArgs>("ingress", "egress", "vpcId", "region"),
  names<ec2.DefaultSecurityGroupArgs>("ingress", "egress", "vpcId"),
  names<input.ec2.SecurityGroupIngress>(
    "protocol",
    "fromPort",
    "toPort",
    "cidrBlocks",
    "ipv6CidrBlocks",
    "securityGroups",
    "self",
    "prefixListIds",
  ),
  names<input.ec2.SecurityGroupEgress>(
    "protocol",
    "fromPort",
    "toPort",
    "cidrBlocks",
    "ipv6CidrBlocks",
    "securityGroups",
    "self",
    "prefixListIds",
  ),
  names<ec2.SecurityGroupRuleArgs>(
    "type",
    "protocol",
    "fromPort",
    "toPort",
    "cidrBlocks",
    "ipv6CidrBlocks",
    "sourceSecurityGroupId",
    "self",
    "prefixListIds",
    "securityGroupId",
  ),
  names<vpc.SecurityGroupIngressRuleArgs>(
    "ipProtocol",
    "fromPort",
    "toPort",
    "cidrIpv4",
    "cidrIpv6",
    "referencedSecurityGroupId",
    "prefixListId",
    "securityGroupId",
  ),
  names<vpc.SecurityGroupEgressRuleArgs>(
    "ipProtocol",
    "fromPort",
    "toPort",
    "cidrIpv4",
    "cidrIpv6",
    "referencedSecurityGroupId",
    "prefixListId",
    "securityGroupId",
  ),
  names<ec2.FlowLogArgs>("trafficType", "vpcId", "logDestinationType"),
  names<ec2.InstanceArgs>(
    "metadataOptions",
    "rootBlockDevice",
    "ebsBlockDevices",
    "associatePublicIpAddress",
    "keyName",
    "ami",
    "launchTemplate",
    "instanceInitiatedShutdownBehavior",
  ),
  names<input.ec2.InstanceMetadataOptions>("httpTokens", "httpEndpoint"),
  names<input.ec2.InstanceRootBlockDevice>("encrypted"),
  names<input.ec2.InstanceEbsBlockDevice>("encrypted"),
  names<ec2.LaunchTemplateArgs>(
    "metadataOptions",
    "blockDeviceMappings",
    "networkInterfaces",
    "keyName",
    "imageId",
    "instanceInitiatedShutdownBehavior",
  ),
  names<input.ec2.LaunchTemplateBlockDeviceMapping>("ebs"),
  names<input.ec2.LaunchTemplateBlockDeviceMappingEbs>("encrypted"),
  names<input.ec2.LaunchTemplateNetworkInterface>("associatePublicIpAddress"),
  names<input.ec2.LaunchTemplateMetadataOptions>("httpTokens", "httpEndpoint"),
  names<ec2.LaunchConfigurationArgs>(
    "metadataOptions",
    "rootBlockDevice",
    "ebsBlockDevices",
    "associatePublicIpAddress",
    "keyName",
  ),
  names<ec2.EipArgs>("instance"),
  names<ec2.EipAssociationArgs>("instanceId"),
  names<ebs.VolumeArgs>("encrypted"),
  names<ebs.EncryptionByDefaultArgs>("enabled"),
  names<rds.InstanceArgs>(
    "publiclyAccessible",
    "storageEncrypted",
    "kmsKeyId",
    "backupRetentionPeriod",
    "skipFinalSnapshot",
    "finalSnapshotIdentifier",
    "copyTagsToSnapshot",
    "deletionProtection",
    "multiAz",
    "engine",
    "iamDatabaseAuthenticationEnabled",
    "password",
    "passwordWo",
    "manageMasterUserPassword",
    "replicateSourceDb",
    "vpcSecurityGroupIds",
    "identifier",
    "identifierPrefix",
    "parameterGroupName",
  ),
  names<rds.ClusterArgs>(
    "storageEncrypted",
    "kmsKeyId",
    "backupRetentionPeriod",
    "skipFinalSnapshot",
    "finalSnapshotIdentifier",
    "copyTagsToSnapshot",
    "deletionProtection",
    "engine",
    "engineMode",
    "iamDatabaseAuthenticationEnabled",
    "masterPassword",
    "masterPasswordWo",
    "replicationSourceIdentifier",
    "vpcSecurityGroupIds",
    "clusterIdentifier",
  ),
  names<rds.ClusterInstanceArgs>("publiclyAccessible"),
  names<rds.ParameterGroupArgs>("parameters"),
  names<input.rds.ParameterGroupParameter>("name", "value"),
  names<rds.ClusterParameterGroupArgs>("parameters"),
  names<cloudwatch.MetricAlarmArgs>("dimensions", "namespace"),
  names<cloudwatch.LogGroupArgs>("retentionInDays", "kmsKeyId"),
  names<iam.RoleArgs>("managedPolicyArns", "inlinePolicies"),
  names<input.iam.RoleInlinePolicy>("policy"),
  names<iam.RolePolicyAttachmentArgs>("policyArn"),
  names<iam.PolicyAttachmentArgs>("policyArn"),
  names<iam.GroupPolicyAttachmentArgs>("policyArn"),
  names<iam.UserPolicyAttachmentArgs>("policyArn"),
  names<iam.RolePolicyAttachmentsExclusiveArgs>("policyArns"),
  names<iam.PolicyArgs>("policy"),
  names<iam.RolePolicyArgs>("policy"),
  names<iam.UserPolicyArgs>("policy"),
  names<iam.GroupPolicyArgs>("policy"),
  names<lb.ListenerArgs>("protocol", "defaultActions", "sslPolicy"),
  names<input.lb.ListenerDefaultAction>("type", "redirect"),
  names<input.lb.ListenerDefaultActionRedirect>("protocol"),
  names<lb.LoadBalancerArgs>("loadBalancerType", "dropInvalidHeaderFields"),
  names<cloudtrail.TrailArgs>(
    "isMultiRegionTrail",
    "enableLogging",
    "enableLogFileValidation",
    "kmsKeyId",
  ),
  names<s3.BucketArgs>("acl", "grants", "bucket", "region"),
  names<s3.BucketPublicAccessBlockArgs>(
    "bucket",
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
  ),
  names<s3.BucketAclArgs>("acl", "accessControlPolicy"),
  names<secretsmanager.SecretRotationArgs>("rotationRules", "rotationEnabled"),
  names<input.secretsmanager.SecretRotationRotationRules>(
    "automaticallyAfterDays",
    "scheduleExpression",
  ),
  names<ssm.AssociationArgs>("name", "scheduleExpression"),
  names<ssm.MaintenanceWindowTaskArgs>("taskArn"),
  names<cfg.RecorderArgs>("recordingGroup"),
  names<input.cfg.RecorderRecordingGroup>("allSupported"),
  names<cfg.RecorderStatusArgs>("isEnabled"),
  names<autoscaling.GroupArgs>("minSize"),
  names<ProviderArgs>("region"),
];
