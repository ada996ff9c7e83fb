// Compile-time check (run by `npm run build`), as test/aws-property-names.ts: every input property
// name that the identity, resource-policy, database, logging and secrets policies read exists
// on the @pulumi/aws v7 argument types.
import type * as backup from "@pulumi/aws/backup";
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as dms from "@pulumi/aws/dms";
import type * as docdb from "@pulumi/aws/docdb";
import type * as dynamodb from "@pulumi/aws/dynamodb";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as ecr from "@pulumi/aws/ecr";
import type * as efs from "@pulumi/aws/efs";
import type * as elasticsearch from "@pulumi/aws/elasticsearch";
import type * as glacier from "@pulumi/aws/glacier";
import type * as iam from "@pulumi/aws/iam";
import type * as kms from "@pulumi/aws/kms";
import type * as lambda from "@pulumi/aws/lambda";
import type * as lightsail from "@pulumi/aws/lightsail";
import type * as neptune from "@pulumi/aws/neptune";
import type * as opensearch from "@pulumi/aws/opensearch";
import type * as rds from "@pulumi/aws/rds";
import type * as redshift from "@pulumi/aws/redshift";
import type * as redshiftserverless from "@pulumi/aws/redshiftserverless";
import type * as s3 from "@pulumi/aws/s3";
import type * as s3control from "@pulumi/aws/s3control";
import type * as secretsmanager from "@pulumi/aws/secretsmanager";
import type * as sns from "@pulumi/aws/sns";
import type * as sqs from "@pulumi/aws/sqs";
import type * as ssm from "@pulumi/aws/ssm";
import type * as timestreaminfluxdb from "@pulumi/aws/timestreaminfluxdb";
import type { input } from "@pulumi/aws/types";
import { names } from "./aws-property-names";

export const checkedIamAndDataProperties = [
  // Attachments and identity documents
  names<iam.GroupPolicyAttachmentsExclusiveArgs>("policyArns"),
  names<iam.UserPolicyAttachmentsExclusiveArgs>("policyArns"),
  names<iam.RoleArgs>("assumeRolePolicy", "managedPolicyArns", "inlinePolicies"),
  // Resource policies
  names<kms.KeyArgs>("policy"),
  names<kms.KeyPolicyArgs>("policy"),
  names<kms.ReplicaKeyArgs>("policy"),
  names<kms.ExternalKeyArgs>("policy"),
  names<kms.ReplicaExternalKeyArgs>("policy"),
  names<secretsmanager.SecretArgs>("policy", "name", "namePrefix", "description"),
  names<secretsmanager.SecretPolicyArgs>("policy"),
  names<sns.TopicArgs>("policy"),
  names<sns.TopicPolicyArgs>("policy"),
  names<sqs.QueueArgs>("policy"),
  names<sqs.QueuePolicyArgs>("policy"),
  names<ecr.RepositoryPolicyArgs>("policy"),
  names<ecr.RegistryPolicyArgs>("policy"),
  names<efs.FileSystemPolicyArgs>("policy"),
  names<glacier.VaultArgs>("accessPolicy"),
  names<glacier.VaultLockArgs>("policy"),
  names<backup.VaultPolicyArgs>("policy"),
  names<opensearch.DomainArgs>("accessPolicies"),
  names<opensearch.DomainPolicyArgs>("accessPolicies"),
  names<elasticsearch.DomainArgs>("accessPolicies"),
  names<elasticsearch.DomainPolicyArgs>("accessPolicies"),
  names<cloudwatch.EventBusPolicyArgs>("policy"),
  names<dynamodb.ResourcePolicyArgs>("policy"),
  names<lambda.PermissionArgs>(
    "principal",
    "action",
    "sourceArn",
    "sourceAccount",
    "principalOrgId",
  ),
  names<s3.BucketArgs>("policy"),
  names<s3.BucketV2Args>("policy"),
  names<s3.BucketPolicyArgs>("policy"),
  names<s3.AccessPointArgs>("policy"),
  names<s3control.AccessPointPolicyArgs>("policy"),
  names<s3control.BucketPolicyArgs>("policy"),
  names<s3control.MultiRegionAccessPointPolicyArgs>("details"),
  names<input.s3control.MultiRegionAccessPointPolicyDetails>("policy"),
  // Databases
  names<rds.InstanceArgs>(
    "publiclyAccessible",
    "passwordWo",
    "parameterGroupName",
    "engineVersion",
    "dbSubnetGroupName",
    "replicateSourceDb",
    "identifierPrefix",
  ),
  names<rds.ClusterArgs>(
    "masterPasswordWo",
    "manageMasterUserPassword",
    "dbClusterParameterGroupName",
    "dbSubnetGroupName",
    "engineVersion",
    "clusterIdentifierPrefix",
  ),
  names<rds.ClusterInstanceArgs>("publiclyAccessible", "clusterIdentifier", "identifier"),
  names<rds.ShardGroupArgs>("publiclyAccessible"),
  names<rds.ParameterGroupArgs>("family", "parameters"),
  names<rds.ClusterParameterGroupArgs>("family", "parameters"),
  names<rds.ProxyArgs>("requireTls", "auths"),
  names<input.rds.ProxyAuth>("secretArn"),
  names<rds.SnapshotArgs>("sharedAccounts"),
  names<rds.ClusterSnapshotArgs>("sharedAccounts"),
  names<rds.SnapshotCopyArgs>("sharedAccounts"),
  names<rds.ClusterSnapshotCopyArgs>("sharedAccounts"),
  names<rds.SubnetGroupArgs>("subnetIds"),
  names<redshift.ClusterArgs>(
    "publiclyAccessible",
    "masterPassword",
    "masterPasswordWo",
    "manageMasterPassword",
    "clusterSubnetGroupName",
  ),
  names<redshift.SubnetGroupArgs>("subnetIds"),
  names<redshiftserverless.WorkgroupArgs>("publiclyAccessible"),
  names<redshiftserverless.NamespaceArgs>(
    "adminUserPassword",
    "adminUserPasswordWo",
    "manageAdminPassword",
  ),
  names<docdb.ClusterArgs>(
    "masterPassword",
    "masterPasswordWo",
    "manageMasterUserPassword",
    "dbSubnetGroupName",
  ),
  names<docdb.SubnetGroupArgs>("subnetIds"),
  names<neptune.ClusterArgs>("neptuneSubnetGroupName"),
  names<neptune.ClusterInstanceArgs>("publiclyAccessible"),
  names<neptune.SubnetGroupArgs>("subnetIds"),
  names<dms.ReplicationInstanceArgs>("publiclyAccessible"),
  names<lightsail.DatabaseArgs>("publiclyAccessible"),
  names<timestreaminfluxdb.DbInstanceArgs>("publiclyAccessible"),
  names<timestreaminfluxdb.DbClusterArgs>("publiclyAccessible"),
  // Routes
  names<ec2.SubnetArgs>("vpcId"),
  names<ec2.RouteTableArgs>("routes"),
  names<input.ec2.RouteTableRoute>("gatewayId"),
  names<ec2.DefaultRouteTableArgs>("defaultRouteTableId", "routes"),
  names<input.ec2.DefaultRouteTableRoute>("gatewayId"),
  names<ec2.RouteArgs>("routeTableId", "gatewayId"),
  names<ec2.RouteTableAssociationArgs>("subnetId", "routeTableId"),
  names<ec2.MainRouteTableAssociationArgs>("vpcId", "routeTableId"),
  // Alarms
  names<cloudwatch.MetricAlarmArgs>("alarmActions", "actionsEnabled", "metricQueries"),
  names<input.cloudwatch.MetricAlarmMetricQuery>("metric"),
  names<input.cloudwatch.MetricAlarmMetricQueryMetric>("dimensions"),
  // CloudTrail
  names<cloudtrail.TrailArgs>("eventSelectors", "advancedEventSelectors", "isMultiRegionTrail"),
  names<input.cloudtrail.TrailEventSelector>("readWriteType", "includeManagementEvents"),
  names<input.cloudtrail.TrailAdvancedEventSelector>("fieldSelectors"),
  names<input.cloudtrail.TrailAdvancedEventSelectorFieldSelector>(
    "field",
    "equals",
    "notEquals",
    "startsWiths",
  ),
  // Secrets
  names<secretsmanager.SecretVersionArgs>("secretId", "secretString", "secretStringWo"),
  names<secretsmanager.SecretRotationArgs>("secretId", "rotationEnabled", "rotationRules"),
  names<ssm.ParameterArgs>("name", "type", "description"),
];
