// Thousands of random and malformed property bags per resource type: no policy may throw (a throw
// fails the whole preview). Unknown sentinels are mixed in, since the proxy throws on them by design
// and that must surface as an advisory, never as an error.
import * as assert from "assert";
import * as fc from "fast-check";
import { evaluateResources, ResourceUnderTest, UNKNOWN } from "../lib/evaluate";
import { allPolicies } from "../policies";

const TYPES = [
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/securityGroupRule:SecurityGroupRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/instance:Instance",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/launchConfiguration:LaunchConfiguration",
  "aws:ebs/volume:Volume",
  "aws:ebs/encryptionByDefault:EncryptionByDefault",
  "aws:ec2/eip:Eip",
  "aws:ec2/eipAssociation:EipAssociation",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:iam/role:Role",
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
  "aws:lb/listener:Listener",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:cloudtrail/trail:Trail",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketAcl:BucketAcl",
  "aws:secretsmanager/secretRotation:SecretRotation",
  "aws:autoscaling/group:Group",
  "aws:ssm/association:Association",
  "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
  "aws:cfg/recorder:Recorder",
  "aws:cfg/recorderStatus:RecorderStatus",
  "aws:cfg/deliveryChannel:DeliveryChannel",
  "pulumi:providers:aws",
];

// Every property name the policies read, so random bags hit real code paths.
const KEYS = [
  "ingress",
  "egress",
  "type",
  "protocol",
  "ipProtocol",
  "fromPort",
  "toPort",
  "cidrBlocks",
  "ipv6CidrBlocks",
  "cidrIpv4",
  "cidrIpv6",
  "securityGroups",
  "sourceSecurityGroupId",
  "referencedSecurityGroupId",
  "prefixListIds",
  "prefixListId",
  "self",
  "securityGroupId",
  "trafficType",
  "vpcId",
  "metadataOptions",
  "httpTokens",
  "httpEndpoint",
  "rootBlockDevice",
  "ebsBlockDevices",
  "blockDeviceMappings",
  "ebs",
  "encrypted",
  "networkInterfaces",
  "associatePublicIpAddress",
  "keyName",
  "enabled",
  "instance",
  "instanceId",
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
  "engineMode",
  "iamDatabaseAuthenticationEnabled",
  "password",
  "masterPassword",
  "replicateSourceDb",
  "parameters",
  "name",
  "value",
  "vpcSecurityGroupIds",
  "identifier",
  "dimensions",
  "DBInstanceIdentifier",
  "managedPolicyArns",
  "policyArn",
  "policyArns",
  "inlinePolicies",
  "policy",
  "Statement",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "defaultActions",
  "redirect",
  "sslPolicy",
  "loadBalancerType",
  "dropInvalidHeaderFields",
  "isMultiRegionTrail",
  "enableLogging",
  "enableLogFileValidation",
  "retentionInDays",
  "bucket",
  "acl",
  "grants",
  "accessControlPolicy",
  "grantee",
  "uri",
  "blockPublicAcls",
  "rotationRules",
  "automaticallyAfterDays",
  "scheduleExpression",
  "rotationEnabled",
  "region",
  "id",
  "ami",
  "imageId",
  "launchTemplate",
  "taskArn",
  "recordingGroup",
  "allSupported",
  "isEnabled",
];

const leaf = fc.oneof(
  fc.constantFrom<unknown>(
    "0.0.0.0/0",
    "::/0",
    "10.0.0.0/8",
    "::ffff:0.0.0.0/96",
    "-1",
    "all",
    "tcp",
    "6",
    "22",
    "80",
    "true",
    "false",
    "ALL",
    "*",
    "s3:*",
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "HTTP",
    "HTTPS",
    "redirect",
    "rds.force_ssl",
    "0",
    "",
    "rate(200 days)",
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    "{bad json",
    "ami-0123456789abcdef0",
    "ami-12345678",
    "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    "AWS-RunPatchBaseline",
    "arn:aws:ssm:eu-west-1::document/AWS-RunPatchBaseline",
    "cron(0 3 ? * SUN *)",
    -1,
    0,
    22,
    65536,
    NaN,
    Infinity,
    true,
    false,
    null,
    UNKNOWN.string,
    UNKNOWN.number,
    UNKNOWN.boolean,
    UNKNOWN.array,
    UNKNOWN.object,
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(undefined),
);

const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 5 }),
  ),
})).v;

const bag = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 10 }) as fc.Arbitrary<
  Record<string, unknown>
>;

const resource: fc.Arbitrary<ResourceUnderTest> = fc.record({
  type: fc.constantFrom(...TYPES),
  name: fc.constantFrom("a", "b", "c", "a-id"),
  props: bag,
});

// Every policy at mandatory (so none is skipped) and every remediation active.
const everything = Object.fromEntries(allPolicies.map((p) => [p.name, "mandatory"]));
const remediating = {
  ...everything,
  "ec2-imdsv2-required": "remediate",
  "vpc-flow-log-traffic-all": "remediate",
};

describe("fuzz: random and malformed property bags never make a policy throw", () => {
  const PER_TYPE = Number(process.env.FUZZ_RUNS_PER_TYPE || 1000);
  for (const type of TYPES) {
    it(`ALL: ${PER_TYPE} random bags for ${type} (validate and remediate, preview or not) produce no errors`, () => {
      fc.assert(
        fc.property(bag, fc.boolean(), fc.boolean(), (props, preview, remediate) => {
          const result = evaluateResources(
            [{ type, name: "a", props }],
            remediate ? remediating : everything,
            { preview },
          );
          assert.deepStrictEqual(result.errors, []);
        }),
        { numRuns: PER_TYPE, seed: Number(process.env.FUZZ_SEED || 20261130) },
      );
    });
  }
  it("ALL: 500 random stacks of up to 12 resources (validateStack) produce no errors", () => {
    fc.assert(
      fc.property(fc.array(resource, { maxLength: 12 }), fc.boolean(), (rs, preview) => {
        const result = evaluateResources(rs, everything, { preview });
        assert.deepStrictEqual(result.errors, []);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
  it("ALL: bags that are not objects at all (null props, arrays, strings) produce no errors", () => {
    for (const type of TYPES) {
      for (const props of [
        null,
        [],
        "x",
        1,
        { ingress: "x", egress: 5 },
        { metadataOptions: [] },
        { parameters: {} },
      ]) {
        const result = evaluateResources(
          [{ type, name: "x", props: props as unknown as Record<string, unknown> }],
          everything,
        );
        assert.deepStrictEqual(result.errors, [], `${type} ${JSON.stringify(props)}`);
      }
    }
  });
});
