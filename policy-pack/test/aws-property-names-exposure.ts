// Compile-time check (run by `npm run build`), as test/aws-property-names.ts, for the properties the
// exposure policies read: prefix lists, network ACLs, Spot requests, subnets, listeners,
// CloudFront, S3 access points and objects, the Config recorder, and the cross-region fields of
// lib/regions.ts. A rename in the provider fails the build instead of turning a check into a no-op.
import type * as autoscaling from "@pulumi/aws/autoscaling";
import type * as backup from "@pulumi/aws/backup";
import type * as cfg from "@pulumi/aws/cfg";
import type * as cloudformation from "@pulumi/aws/cloudformation";
import type * as cloudfront from "@pulumi/aws/cloudfront";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as datasync from "@pulumi/aws/datasync";
import type * as dlm from "@pulumi/aws/dlm";
import type * as dsql from "@pulumi/aws/dsql";
import type * as dynamodb from "@pulumi/aws/dynamodb";
import type * as ebs from "@pulumi/aws/ebs";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as ecr from "@pulumi/aws/ecr";
import type * as efs from "@pulumi/aws/efs";
import type * as elb from "@pulumi/aws/elb";
import type * as imagebuilder from "@pulumi/aws/imagebuilder";
import type * as keyspaces from "@pulumi/aws/keyspaces";
import type * as lb from "@pulumi/aws/lb";
import type * as observabilityadmin from "@pulumi/aws/observabilityadmin";
import type * as rds from "@pulumi/aws/rds";
import type * as redshift from "@pulumi/aws/redshift";
import type * as s3 from "@pulumi/aws/s3";
import type * as s3control from "@pulumi/aws/s3control";
import type * as secretsmanager from "@pulumi/aws/secretsmanager";
import type * as securitylake from "@pulumi/aws/securitylake";
import type * as sns from "@pulumi/aws/sns";
import type * as ssm from "@pulumi/aws/ssm";
import type * as ssmincidents from "@pulumi/aws/ssmincidents";
import type * as storagegateway from "@pulumi/aws/storagegateway";
import type { input } from "@pulumi/aws/types";
import { names } from "./aws-property-names";

export const checked = [
  // NET-1/NET-5: prefix lists and network ACLs
  names<ec2.ManagedPrefixListArgs>("entries"),
  names<input.ec2.ManagedPrefixListEntry>("cidr"),
  names<ec2.ManagedPrefixListEntryArgs>("prefixListId", "cidr"),
  names<ec2.NetworkAclArgs>("ingress", "egress"),
  names<input.ec2.NetworkAclIngress>(
    "ruleNo",
    "action",
    "protocol",
    "fromPort",
    "toPort",
    "cidrBlock",
    "ipv6CidrBlock",
  ),
  names<ec2.DefaultNetworkAclArgs>("ingress", "egress", "defaultNetworkAclId"),
  names<input.ec2.DefaultNetworkAclIngress>(
    "ruleNo",
    "action",
    "protocol",
    "fromPort",
    "toPort",
    "cidrBlock",
    "ipv6CidrBlock",
  ),
  names<ec2.NetworkAclRuleArgs>(
    "networkAclId",
    "egress",
    "ruleNumber",
    "ruleAction",
    "protocol",
    "fromPort",
    "toPort",
    "cidrBlock",
    "ipv6CidrBlock",
  ),
  names<ec2.DefaultSecurityGroupArgs>("vpcId"),
  // DATA-1/APP-3/NET-2: Spot requests, templates, subnets, copies
  names<ec2.SpotInstanceRequestArgs>(
    "ami",
    "metadataOptions",
    "rootBlockDevice",
    "ebsBlockDevices",
    "keyName",
    "launchTemplate",
    "associatePublicIpAddress",
    "subnetId",
    "networkInterfaces",
    "instanceInitiatedShutdownBehavior",
  ),
  names<input.ec2.SpotInstanceRequestLaunchTemplate>("id", "name"),
  names<input.ec2.InstanceLaunchTemplate>("id", "name"),
  names<ec2.InstanceArgs>("launchTemplate", "subnetId", "networkInterfaces"),
  names<ec2.InstanceMetadataDefaultsArgs>("httpTokens"),
  names<ec2.LaunchTemplateArgs>("imageId", "networkInterfaces"),
  names<input.ec2.LaunchTemplateNetworkInterface>(
    "deviceIndex",
    "subnetId",
    "associatePublicIpAddress",
  ),
  names<ec2.LaunchConfigurationArgs>("imageId", "associatePublicIpAddress"),
  names<ec2.SubnetArgs>("mapPublicIpOnLaunch"),
  names<ec2.DefaultSubnetArgs>("mapPublicIpOnLaunch"),
  names<autoscaling.GroupArgs>(
    "launchTemplate",
    "launchConfiguration",
    "mixedInstancesPolicy",
    "vpcZoneIdentifiers",
    "maxSize",
  ),
  names<input.autoscaling.GroupMixedInstancesPolicy>("launchTemplate"),
  names<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplate>("launchTemplateSpecification"),
  names<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecification>(
    "launchTemplateId",
    "launchTemplateName",
  ),
  names<ebs.SnapshotCopyArgs>("encrypted"),
  names<ebs.SnapshotImportArgs>("encrypted"),
  names<ec2.AmiCopyArgs>("encrypted"),
  names<ec2.SpotFleetRequestArgs>("launchSpecifications"),
  names<input.ec2.SpotFleetRequestLaunchSpecification>("rootBlockDevices", "ebsBlockDevices"),
  names<input.ec2.SpotFleetRequestLaunchSpecificationRootBlockDevice>("encrypted"),
  // APP-2/NET-5: listeners and CloudFront
  names<lb.ListenerArgs>("loadBalancerArn", "port"),
  names<lb.ListenerRuleArgs>("listenerArn", "actions"),
  names<input.lb.ListenerRuleAction>("type", "redirect"),
  names<lb.LoadBalancerArgs>("internal", "securityGroups"),
  names<elb.LoadBalancerArgs>("listeners", "internal", "securityGroups"),
  names<input.elb.LoadBalancerListener>("lbProtocol", "lbPort"),
  names<cloudfront.DistributionArgs>(
    "defaultCacheBehavior",
    "orderedCacheBehaviors",
    "viewerCertificate",
    "origins",
  ),
  names<input.cloudfront.DistributionDefaultCacheBehavior>("viewerProtocolPolicy"),
  names<input.cloudfront.DistributionOrderedCacheBehavior>("viewerProtocolPolicy"),
  names<input.cloudfront.DistributionViewerCertificate>(
    "cloudfrontDefaultCertificate",
    "sslSupportMethod",
    "minimumProtocolVersion",
  ),
  names<input.cloudfront.DistributionOrigin>("customOriginConfig"),
  names<input.cloudfront.DistributionOriginCustomOriginConfig>(
    "originProtocolPolicy",
    "originSslProtocols",
  ),
  names<cloudfront.MultitenantDistributionArgs>(
    "defaultCacheBehavior",
    "cacheBehaviors",
    "viewerCertificate",
    "origins",
  ),
  names<input.cloudfront.MultitenantDistributionViewerCertificate>(
    "cloudfrontDefaultCertificate",
    "sslSupportMethod",
    "minimumProtocolVersion",
  ),
  names<cloudfront.VpcOriginArgs>("vpcOriginEndpointConfig"),
  names<input.cloudfront.VpcOriginVpcOriginEndpointConfig>(
    "originProtocolPolicy",
    "originSslProtocols",
  ),
  names<input.cloudfront.VpcOriginVpcOriginEndpointConfigOriginSslProtocols>("items"),
  // IAM-3/MON-3: S3 scopes, objects, Config recorder
  names<s3.AccountPublicAccessBlockArgs>(
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
  ),
  names<s3.AccessPointArgs>("publicAccessBlockConfiguration"),
  names<input.s3.AccessPointPublicAccessBlockConfiguration>(
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
  ),
  names<s3control.MultiRegionAccessPointArgs>("details"),
  names<input.s3control.MultiRegionAccessPointDetails>("publicAccessBlock"),
  names<s3.BucketObjectArgs>("acl"),
  names<s3.BucketObjectv2Args>("acl"),
  names<s3.ObjectCopyArgs>("acl", "grants"),
  names<input.s3.ObjectCopyGrant>("uri"),
  names<cfg.RecorderArgs>("recordingGroup"),
  names<input.cfg.RecorderRecordingGroup>(
    "includeGlobalResourceTypes",
    "recordingStrategies",
    "exclusionByResourceTypes",
  ),
  names<input.cfg.RecorderRecordingGroupRecordingStrategy>("useOnly"),
  names<input.cfg.RecorderRecordingGroupExclusionByResourceType>("resourceTypes"),
  // CMP-1: lib/regions.ts, field by field
  names<dynamodb.TableArgs>("replicas", "globalTableWitness"),
  names<input.dynamodb.TableReplica>("regionName"),
  names<input.dynamodb.TableGlobalTableWitness>("regionName"),
  names<dynamodb.GlobalTableArgs>("replicas"),
  names<input.dynamodb.GlobalTableReplica>("regionName"),
  names<ecr.ReplicationConfigurationArgs>("replicationConfiguration"),
  names<input.ecr.ReplicationConfigurationReplicationConfiguration>("rules"),
  names<input.ecr.ReplicationConfigurationReplicationConfigurationRule>("destinations"),
  names<input.ecr.ReplicationConfigurationReplicationConfigurationRuleDestination>("region"),
  names<secretsmanager.SecretArgs>("replicas"),
  names<input.secretsmanager.SecretReplica>("region"),
  names<backup.PlanArgs>("rules"),
  names<input.backup.PlanRule>("copyActions"),
  names<input.backup.PlanRuleCopyAction>("destinationVaultArn"),
  names<efs.ReplicationConfigurationArgs>("destination"),
  names<input.efs.ReplicationConfigurationDestination>("region"),
  names<rds.SnapshotCopyArgs>("destinationRegion"),
  names<rds.ClusterSnapshotCopyArgs>("destinationRegion"),
  names<redshift.SnapshotCopyArgs>("destinationRegion"),
  names<dlm.LifecyclePolicyArgs>("policyDetails"),
  names<input.dlm.LifecyclePolicyPolicyDetails>("schedules", "action"),
  names<input.dlm.LifecyclePolicyPolicyDetailsSchedule>("crossRegionCopyRules"),
  names<input.dlm.LifecyclePolicyPolicyDetailsScheduleCrossRegionCopyRule>(
    "target",
    "targetRegion",
  ),
  names<input.dlm.LifecyclePolicyPolicyDetailsAction>("crossRegionCopies"),
  names<input.dlm.LifecyclePolicyPolicyDetailsActionCrossRegionCopy>("target"),
  names<imagebuilder.DistributionConfigurationArgs>("distributions"),
  names<input.imagebuilder.DistributionConfigurationDistribution>("region"),
  names<dsql.ClusterArgs>("multiRegionProperties"),
  names<input.dsql.ClusterMultiRegionProperties>("witnessRegion"),
  names<dsql.ClusterPeeringArgs>("witnessRegion"),
  names<keyspaces.KeyspaceArgs>("replicationSpecification"),
  names<input.keyspaces.KeyspaceReplicationSpecification>("regionLists"),
  names<ssmincidents.ReplicationSetArgs>("regions", "region"),
  names<input.ssmincidents.ReplicationSetRegion>("name"),
  names<securitylake.DataLakeArgs>("configuration"),
  names<input.securitylake.DataLakeConfiguration>("region", "replicationConfiguration"),
  names<input.securitylake.DataLakeConfigurationReplicationConfiguration>("regions"),
  names<ssm.ResourceDataSyncArgs>("s3Destination"),
  names<input.ssm.ResourceDataSyncS3Destination>("region"),
  names<cloudformation.StackInstancesArgs>("regions"),
  names<s3.BucketReplicationConfigArgs>("rules"),
  names<input.s3.BucketReplicationConfigRule>("destination"),
  names<input.s3.BucketReplicationConfigRuleDestination>("bucket"),
  names<s3.BucketArgs>("replicationConfiguration"),
  names<input.s3.BucketReplicationConfiguration>("rules"),
  names<input.s3.BucketReplicationConfigurationRule>("destination"),
  names<input.s3.BucketReplicationConfigurationRuleDestination>("bucket"),
  names<s3.BucketV2Args>("replicationConfigurations"),
  names<input.s3.BucketV2ReplicationConfiguration>("rules"),
  names<input.s3.BucketV2ReplicationConfigurationRule>("destinations"),
  names<input.s3.BucketV2ReplicationConfigurationRuleDestination>("bucket"),
  names<storagegateway.NfsFileShareArgs>("bucketRegion"),
  names<storagegateway.SmbFileShareArgs>("bucketRegion"),
  names<observabilityadmin.CentralizationRuleForOrganizationArgs>("rule"),
  names<input.observabilityadmin.CentralizationRuleForOrganizationRule>("destination"),
  names<input.observabilityadmin.CentralizationRuleForOrganizationRuleDestination>("region"),
  names<redshift.DataShareConsumerAssociationArgs>("consumerRegion"),
  names<datasync.TaskArgs>("destinationLocationArn"),
  names<sns.TopicSubscriptionArgs>("endpoint"),
  names<cloudwatch.EventTargetArgs>("arn"),
  names<cloudwatch.LogSubscriptionFilterArgs>("destinationArn"),
];
