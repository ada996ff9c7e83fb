// The fuzz test of test/fuzz.test.ts, over the types and properties of the identity, resource-policy,
// database, logging and secrets policies: random and malformed property bags (unknown
// sentinels included) never make a policy throw.
import * as assert from "assert";
import * as fc from "fast-check";
import { evaluateResources } from "../harness/evaluate";
import { EVERY_POLICY_MANDATORY, fuzzArbitraries } from "./fuzz-space";

const TYPES = [
  "aws:iam/role:Role",
  "aws:iam/policy:Policy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  "aws:kms/key:Key",
  "aws:kms/keyPolicy:KeyPolicy",
  "aws:secretsmanager/secret:Secret",
  "aws:secretsmanager/secretPolicy:SecretPolicy",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "aws:secretsmanager/secretRotation:SecretRotation",
  "aws:sns/topic:Topic",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
  "aws:opensearch/domain:Domain",
  "aws:lambda/permission:Permission",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:rds/shardGroup:ShardGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:rds/proxy:Proxy",
  "aws:rds/snapshot:Snapshot",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:redshift/cluster:Cluster",
  "aws:redshiftserverless/namespace:Namespace",
  "aws:dms/replicationInstance:ReplicationInstance",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/defaultRouteTable:DefaultRouteTable",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudtrail/trail:Trail",
  "aws:ssm/parameter:Parameter",
];

const KEYS = [
  "policy",
  "accessPolicies",
  "assumeRolePolicy",
  "inlinePolicies",
  "managedPolicyArns",
  "policyArn",
  "policyArns",
  "details",
  "Statement",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Principal",
  "NotPrincipal",
  "AWS",
  "Condition",
  "StringEquals",
  "aws:SourceVpce",
  "IpAddress",
  "aws:SourceIp",
  "principal",
  "action",
  "sourceArn",
  "engine",
  "engineVersion",
  "parameterGroupName",
  "dbClusterParameterGroupName",
  "parameters",
  "name",
  "value",
  "family",
  "password",
  "passwordWo",
  "masterPassword",
  "masterPasswordWo",
  "replicateSourceDb",
  "skipFinalSnapshot",
  "finalSnapshotIdentifier",
  "publiclyAccessible",
  "sharedAccounts",
  "requireTls",
  "dbSubnetGroupName",
  "subnetIds",
  "subnetId",
  "routeTableId",
  "routes",
  "gatewayId",
  "vpcId",
  "defaultRouteTableId",
  "dimensions",
  "DBInstanceIdentifier",
  "DBClusterIdentifier",
  "metricQueries",
  "metric",
  "alarmActions",
  "actionsEnabled",
  "isMultiRegionTrail",
  "enableLogging",
  "kmsKeyId",
  "eventSelectors",
  "readWriteType",
  "includeManagementEvents",
  "advancedEventSelectors",
  "fieldSelectors",
  "field",
  "equals",
  "notEquals",
  "rotationRules",
  "scheduleExpression",
  "automaticallyAfterDays",
  "rotationEnabled",
  "secretId",
  "secretString",
  "auths",
  "secretArn",
  "type",
  "description",
];

const LEAVES: unknown[] = [
  "*",
  "iam:Put*",
  "iam:?*",
  "s3:*Object",
  "arn:aws:*:*:*:*",
  "arn:aws:iam::aws:policy/AdministratorAccess",
  "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
  "arn:aws:iam::aws:policy/NoSuchPolicy",
  "Allow",
  "Deny",
  "0.0.0.0/0",
  "postgres",
  "mysql",
  "aurora-postgresql",
  "14.12",
  "default.postgres14",
  "rds.force_ssl",
  "require_secure_transport",
  "off",
  "all",
  "igw-0abc",
  "ReadOnly",
  "Management",
  "cron(0 0 1 */3 ? *)",
  "cron(0 0 ? * 8 *)",
  "cron(0 0 29 2 ? *)",
  "rate(4 hours)",
  '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
  '{"engine":"postgres","password":"p","host":"h"}',
  "{bad json",
  "/app/db/password",
  "String",
  "SecureString",
  "",
  -1,
  0,
  NaN,
  true,
  false,
  null,
];

const { bag, resource } = fuzzArbitraries({ keys: KEYS, leaves: LEAVES });

const everything = EVERY_POLICY_MANDATORY;

describe("fuzz (identity, resource-policy, database, logging, secrets types): no policy throws", () => {
  const PER_TYPE = Number(process.env.FUZZ_RUNS_PER_TYPE || 300);
  for (const type of TYPES) {
    it(`ALL: ${PER_TYPE} random bags for ${type} (preview or not) produce no errors`, () => {
      fc.assert(
        fc.property(bag, fc.boolean(), (props, preview) => {
          const result = evaluateResources([{ type, name: "a", props }], everything, { preview });
          assert.deepStrictEqual(result.errors, []);
        }),
        { numRuns: PER_TYPE, seed: Number(process.env.FUZZ_SEED || 20261202) },
      );
    });
  }
  it("ALL: 300 random stacks of up to 12 of these resources (validateStack) produce no errors", () => {
    fc.assert(
      fc.property(
        fc.array(resource(TYPES, ["a", "b", "c", "a-id"], false), { maxLength: 12 }),
        fc.boolean(),
        (rs, preview) => {
          const result = evaluateResources(rs, everything, { preview });
          assert.deepStrictEqual(result.errors, []);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
