import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { forTypes, peek, UNKNOWN_VALUE } from "../lib/policy-kit";
import { RouteIndex } from "../lib/routes";
import { asBool, asStrings, get, show } from "../lib/values";

interface PublicAccessType {
  readonly what: string;
  /**
   * True when AWS makes the resource public if `publiclyAccessible` is unset: RDS decides by the
   * VPC's internet gateway (CreateDBInstance, CreateDBShardGroup: "If the subnets are part of a VPC
   * that has an internet gateway attached to it, the DB instance is public"), and DMS defaults to
   * true (CreateReplicationInstance). The others default to false.
   */
  readonly unsetIsPublic: boolean;
}

/** Every @pulumi/aws v7 database-like type with a `publiclyAccessible` switch. */
export const PUBLICLY_ACCESSIBLE_TYPES: Readonly<Record<string, PublicAccessType>> = {
  "aws:rds/instance:Instance": { what: "RDS instance", unsetIsPublic: true },
  "aws:rds/clusterInstance:ClusterInstance": {
    what: "Aurora cluster instance",
    unsetIsPublic: true,
  },
  "aws:rds/shardGroup:ShardGroup": { what: "Aurora shard group", unsetIsPublic: true },
  "aws:dms/replicationInstance:ReplicationInstance": {
    what: "DMS replication instance",
    unsetIsPublic: true,
  },
  "aws:redshift/cluster:Cluster": { what: "Redshift cluster", unsetIsPublic: false },
  "aws:redshiftserverless/workgroup:Workgroup": {
    what: "Redshift Serverless workgroup",
    unsetIsPublic: false,
  },
  "aws:neptune/clusterInstance:ClusterInstance": {
    what: "Neptune cluster instance",
    unsetIsPublic: false,
  },
  "aws:lightsail/database:Database": { what: "Lightsail database", unsetIsPublic: false },
  "aws:timestreaminfluxdb/dbInstance:DbInstance": {
    what: "Timestream for InfluxDB instance",
    unsetIsPublic: false,
  },
  "aws:timestreaminfluxdb/dbCluster:DbCluster": {
    what: "Timestream for InfluxDB cluster",
    unsetIsPublic: false,
  },
};

export const rdsNotPubliclyAccessible: ResourceValidationPolicy = {
  name: "rds-not-publicly-accessible",
  description:
    "ACC-1: No database is publicly accessible: RDS instances, Aurora cluster instances and shard groups, DMS replication instances (all of which AWS may make public when publiclyAccessible is unset, so it must be false), Redshift clusters and Serverless workgroups, Neptune instances, Lightsail databases and Timestream for InfluxDB.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(Object.keys(PUBLICLY_ACCESSIBLE_TYPES), (props, args, report) => {
    const t = PUBLICLY_ACCESSIBLE_TYPES[args.type];
    const v = get(props, "publiclyAccessible");
    const b = asBool(v);
    if (b === true || (t.unsetIsPublic && b === undefined)) {
      report(
        `ACC-1: ${t.what} '${args.name}' has publiclyAccessible ${show(v)}${b === undefined ? " (AWS decides: public when the VPC has an internet gateway)" : ""}; set publiclyAccessible to false and reach it only from the app tier's security group.`,
      );
    }
  }),
};

/** Snapshot types whose `sharedAccounts` may hold "all" (a public snapshot). */
const SNAPSHOT_TYPES = [
  "aws:rds/snapshot:Snapshot",
  "aws:rds/clusterSnapshot:ClusterSnapshot",
  "aws:rds/snapshotCopy:SnapshotCopy",
  "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
];

export const rdsSnapshotNotPublic: ResourceValidationPolicy = {
  name: "rds-snapshot-not-public",
  description:
    'ACC-1, DATA-2: No RDS snapshot, cluster snapshot or snapshot copy is shared with "all" (sharedAccounts), which makes it restorable by every AWS account.',
  enforcementLevel: "mandatory",
  validateResource: forTypes(SNAPSHOT_TYPES, (props, args, report) => {
    const shared = asStrings(get(props, "sharedAccounts"));
    if (shared.some((a) => a.trim().toLowerCase() === "all")) {
      report(
        `ACC-1: snapshot '${args.name}' has sharedAccounts ${show(shared)}; remove "all" and share only with named account ids.`,
      );
    }
  }),
};

/** DB subnet group types, and how a database names its group. */
const SUBNET_GROUPS = [
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:redshift/subnetGroup:SubnetGroup",
  "aws:docdb/subnetGroup:SubnetGroup",
  "aws:neptune/subnetGroup:SubnetGroup",
];

export const dbSubnetGroupPrivate: StackValidationPolicy = {
  name: "db-subnet-group-private",
  description:
    "ACC-1, NET-2: No DB subnet group (RDS, Redshift, DocumentDB, Neptune) holds a subnet that routes to an internet gateway: the subnet's route table (explicit association, else the VPC's main table), inline routes or aws.ec2.Route resources, joined through the stack.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const groups = args.resources.filter((r) => SUBNET_GROUPS.includes(r.type));
    // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; without subnet groups the loop below reports nothing (equivalent)
    if (groups.length === 0) {
      return;
    }
    const routes = new RouteIndex(args.resources);
    for (const g of groups) {
      for (const subnet of routes.subnets.lookup(g, "subnetIds").found) {
        const via = routes.publicRouteOf(subnet);
        if (via) {
          report(
            `ACC-1: DB subnet group '${g.name}' holds subnet '${subnet.name}', whose ${via}; place databases in isolated subnets whose route tables have no internet gateway route (NET-2).`,
            g.urn,
          );
        }
      }
    }
  },
};

/** Databases and the property that names their subnet group (unset: the default VPC). */
const PLACED: Readonly<Record<string, string>> = {
  "aws:rds/instance:Instance": "dbSubnetGroupName",
  "aws:rds/cluster:Cluster": "dbSubnetGroupName",
  "aws:redshift/cluster:Cluster": "clusterSubnetGroupName",
  "aws:docdb/cluster:Cluster": "dbSubnetGroupName",
  "aws:neptune/cluster:Cluster": "neptuneSubnetGroupName",
};

export const dbNotInDefaultVpc: ResourceValidationPolicy = {
  name: "db-not-in-default-vpc",
  description:
    "ACC-1, NET-2: A database without a subnet group (dbSubnetGroupName, clusterSubnetGroupName, neptuneSubnetGroupName) lands in the region's default VPC, whose subnets are public: advisory, since the default VPC may have been hardened.",
  enforcementLevel: "advisory",
  validateResource: forTypes(Object.keys(PLACED), (props, args, report) => {
    const key = PLACED[args.type];
    const v = peek(() => get(props, key));
    if (v !== UNKNOWN_VALUE && (v === undefined || v === null || v === "")) {
      report(
        `ACC-1: '${args.name}' has no ${key}, so AWS places it in the default VPC (public subnets); create a subnet group of private subnets and set ${key}.`,
      );
    }
  }),
};

export const databaseExposurePolicies = [
  rdsNotPubliclyAccessible,
  rdsSnapshotNotPublic,
  dbSubnetGroupPrivate,
  dbNotInDefaultVpc,
];
