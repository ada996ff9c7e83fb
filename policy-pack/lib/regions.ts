// CMP-1: fields through which a resource sends its data to another region, kept as data. Each entry
// names the resource type, the path of the field, how the region is written ("region": a region
// code; "arn": the region part of an ARN, when the ARN has one), and what travels there. Found by
// reading the @pulumi/aws v7 input types for region-valued fields of replication, copy and
// distribution settings (source: node_modules/@pulumi/aws/types/input.d.ts and each resource's Args).
// Network links to other regions (VPC and transit-gateway peering, peerRegion) carry no stored data
// and are left out.

export type RegionForm = "region" | "arn";

export interface RegionField {
  type: string;
  path: string;
  form: RegionForm;
  /** What is copied to the region, for messages. */
  what: string;
}

export const DATA_REGION_FIELDS: readonly RegionField[] = [
  {
    type: "aws:dynamodb/table:Table",
    path: "replicas[].regionName",
    form: "region",
    what: "a DynamoDB global-table replica",
  },
  {
    type: "aws:dynamodb/table:Table",
    path: "globalTableWitness.regionName",
    form: "region",
    what: "a DynamoDB multi-Region witness",
  },
  {
    type: "aws:dynamodb/globalTable:GlobalTable",
    path: "replicas[].regionName",
    form: "region",
    what: "a DynamoDB global-table replica",
  },
  {
    type: "aws:ecr/replicationConfiguration:ReplicationConfiguration",
    path: "replicationConfiguration.rules[].destinations[].region",
    form: "region",
    what: "replicated container images",
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    path: "replicas[].region",
    form: "region",
    what: "a replica of the secret",
  },
  {
    type: "aws:backup/plan:Plan",
    path: "rules[].copyActions[].destinationVaultArn",
    form: "arn",
    what: "copies of the backups",
  },
  {
    type: "aws:efs/replicationConfiguration:ReplicationConfiguration",
    path: "destination.region",
    form: "region",
    what: "a replica of the file system",
  },
  {
    type: "aws:rds/snapshotCopy:SnapshotCopy",
    path: "destinationRegion",
    form: "region",
    what: "a copy of the DB snapshot",
  },
  {
    type: "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
    path: "destinationRegion",
    form: "region",
    what: "a copy of the DB cluster snapshot",
  },
  {
    type: "aws:redshift/snapshotCopy:SnapshotCopy",
    path: "destinationRegion",
    form: "region",
    what: "copies of the cluster snapshots",
  },
  {
    type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    path: "policyDetails.schedules[].crossRegionCopyRules[].target",
    form: "region",
    what: "copies of the EBS snapshots or AMIs",
  },
  {
    type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    path: "policyDetails.schedules[].crossRegionCopyRules[].targetRegion",
    form: "region",
    what: "copies of the EBS snapshots or AMIs",
  },
  {
    type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    path: "policyDetails.action.crossRegionCopies[].target",
    form: "region",
    what: "copies of the event-based snapshots",
  },
  {
    type: "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
    path: "distributions[].region",
    form: "region",
    what: "distributed images",
  },
  {
    type: "aws:dsql/cluster:Cluster",
    path: "multiRegionProperties.witnessRegion",
    form: "region",
    what: "the multi-Region witness",
  },
  {
    type: "aws:dsql/clusterPeering:ClusterPeering",
    path: "witnessRegion",
    form: "region",
    what: "the multi-Region witness",
  },
  {
    type: "aws:keyspaces/keyspace:Keyspace",
    path: "replicationSpecification.regionLists[]",
    form: "region",
    what: "a keyspace replica",
  },
  {
    type: "aws:ssmincidents/replicationSet:ReplicationSet",
    path: "regions[].name",
    form: "region",
    what: "replicated incident data",
  },
  {
    type: "aws:ssmincidents/replicationSet:ReplicationSet",
    path: "region[].name",
    form: "region",
    what: "replicated incident data",
  },
  {
    type: "aws:securitylake/dataLake:DataLake",
    path: "configuration.region",
    form: "region",
    what: "the security data lake",
  },
  {
    type: "aws:securitylake/dataLake:DataLake",
    path: "configuration.replicationConfiguration.regions[]",
    form: "region",
    what: "replicated security data",
  },
  {
    type: "aws:ssm/resourceDataSync:ResourceDataSync",
    path: "s3Destination.region",
    form: "region",
    what: "synchronised inventory data",
  },
  {
    type: "aws:cloudformation/stackInstances:StackInstances",
    path: "regions[]",
    form: "region",
    what: "stack instances",
  },
  {
    type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    path: "rules[].destination.bucket",
    form: "arn",
    what: "replicated objects",
  },
  {
    type: "aws:s3/bucket:Bucket",
    path: "replicationConfiguration.rules[].destination.bucket",
    form: "arn",
    what: "replicated objects",
  },
  {
    type: "aws:s3/bucketV2:BucketV2",
    path: "replicationConfigurations[].rules[].destinations[].bucket",
    form: "arn",
    what: "replicated objects",
  },
  {
    type: "aws:storagegateway/nfsFileShare:NfsFileShare",
    path: "bucketRegion",
    form: "region",
    what: "the file share's bucket",
  },
  {
    type: "aws:storagegateway/smbFileShare:SmbFileShare",
    path: "bucketRegion",
    form: "region",
    what: "the file share's bucket",
  },
  {
    type: "aws:observabilityadmin/centralizationRuleForOrganization:CentralizationRuleForOrganization",
    path: "rule.destination.region",
    form: "region",
    what: "centralised logs and metrics",
  },
  {
    type: "aws:redshift/dataShareConsumerAssociation:DataShareConsumerAssociation",
    path: "consumerRegion",
    form: "region",
    what: "shared data",
  },
  {
    type: "aws:datasync/task:Task",
    path: "destinationLocationArn",
    form: "arn",
    what: "transferred files",
  },
  {
    type: "aws:sns/topicSubscription:TopicSubscription",
    path: "endpoint",
    form: "arn",
    what: "delivered messages",
  },
  {
    type: "aws:cloudwatch/eventTarget:EventTarget",
    path: "arn",
    form: "arn",
    what: "delivered events",
  },
  {
    type: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
    path: "destinationArn",
    form: "arn",
    what: "streamed log events",
  },
];

const BY_TYPE = new Map<string, RegionField[]>();
for (const f of DATA_REGION_FIELDS) {
  BY_TYPE.set(f.type, [...(BY_TYPE.get(f.type) ?? []), f]);
}

export function regionFieldsOf(type: string): readonly RegionField[] {
  return BY_TYPE.get(type) ?? [];
}

/**
 * The region a field's value names: the region part of an ARN (`arn:partition:service:region:...`;
 * empty for global ARNs such as an S3 bucket's), or a region code where the field holds one.
 * Undefined when the value names no region (an e-mail endpoint, a bucket ARN).
 */
export function regionOf(value: unknown, form: RegionForm): string | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const text = value.trim();
  if (text.startsWith("arn:")) {
    const region = text.split(":")[3] ?? "";
    return region === "" ? undefined : region.toLowerCase();
  }
  return form === "region" && text !== "" ? text.toLowerCase() : undefined;
}
