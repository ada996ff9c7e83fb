/**
 * Plausible provider behaviour for `pulumi.runtime.setMocks`: every resource echoes its inputs plus
 * the outputs AWS would compute (ids, ARNs, endpoints) that the program wires onward; every invoke
 * the program uses is answered, and any other invoke fails loudly.
 *
 * Lives outside test/ because the checklist CLI runs the program under the same mocks as the tests
 * do; `test/harness/mocks.ts` re-exports it. Append new `computed` / `mockCalls` entries HERE, so
 * that tests and the CLI see the same provider.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "eu-west-1";
export const MOCK_ZONE_ID = "Z0123456789ABCDEFGHIJ";

export type State = Record<string, unknown>;

function service(type: string): string {
  return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

/**
 * What the provider appends to a `namePrefix` (terraform-plugin-sdk `id.PrefixedUniqueId`: a UTC
 * timestamp to 1/10000 s and an 8-hex-digit counter, 26 characters).
 */
export const PREFIXED_UNIQUE_ID_SUFFIX = "20260101000000000000000001";

/** The physical name the provider gives: the explicit name, else prefix + suffix, else `fallback`. */
function physicalName(inputs: State, fallback: string): string {
  if (typeof inputs.name === "string") {
    return inputs.name;
  }
  return typeof inputs.namePrefix === "string"
    ? `${inputs.namePrefix}${PREFIXED_UNIQUE_ID_SUFFIX}`
    : fallback;
}

/** A KMS key ID has the form of a UUID; derived from the logical name so runs are reproducible. */
function keyIdFor(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join("-");
}

function arnFor(type: string, name: string): string {
  const resourceType = type.split(":").pop() ?? "resource";
  return `arn:aws:${service(type)}:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${resourceType.toLowerCase()}/${name}`;
}

/** Outputs AWS computes for the resource types the program composes with. */
export const computed: Record<string, (name: string, inputs: State) => State> = {
  "aws:rds/instance:Instance": (name, inputs) => {
    const identifier = (inputs.identifier as string | undefined) ?? `${name}-db`;
    const address = `${identifier}.abcdefghijkl.${MOCK_REGION}.rds.amazonaws.com`;
    return {
      identifier,
      address,
      endpoint: `${address}:5432`,
      port: 5432,
      resourceId: `db-${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
      masterUserSecrets: [
        {
          secretArn: `arn:aws:secretsmanager:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:secret:rds!db-${name}-AbCdEf`,
          kmsKeyId: inputs.masterUserSecretKmsKeyId,
          secretStatus: "active",
        },
      ],
    };
  },
  "aws:lb/loadBalancer:LoadBalancer": (name) => ({
    dnsName: `${name}-1234567890.${MOCK_REGION}.elb.amazonaws.com`,
    zoneId: "Z32O12XQLNTSW2",
    arnSuffix: `app/${name}/50dc6c495c0c9188`,
  }),
  "aws:lb/targetGroup:TargetGroup": (name) => ({
    arnSuffix: `targetgroup/${name}/73e2d6bc24d8a067`,
  }),
  "aws:acm/certificate:Certificate": (_name, inputs) => ({
    domainValidationOptions: [
      {
        domainName: inputs.domainName,
        resourceRecordName: `_a79865eb4cd1a6ab990a45779b4e0b96.${String(inputs.domainName)}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: "_424c7224e9b0146f9a8808af955727d0.acm-validations.aws.",
      },
    ],
  }),
  "aws:ec2/eip:Eip": (name) => ({ publicIp: "198.51.100.10", allocationId: `eipalloc-${name}` }),
  "aws:ec2/instance:Instance": (name, inputs) => ({
    privateIp: "10.20.0.10",
    primaryNetworkInterfaceId: "eni-0123",
    rootBlockDevice: {
      ...(inputs.rootBlockDevice as State | undefined),
      volumeId: `vol-${name}-root`,
    },
    ebsBlockDevices: [],
  }),
  "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1, defaultVersion: 1 }),
  "aws:kms/key:Key": (name) => ({ keyId: keyIdFor(name) }),
  "aws:kms/alias:Alias": (name, inputs) => {
    const aliasName = physicalName(inputs, name);
    return {
      name: aliasName,
      arn: `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${aliasName}`,
    };
  },
  "aws:s3/bucket:Bucket": (name, inputs) => {
    const bucket = (inputs.bucket as string | undefined) ?? `${name}-0a1b2c3d`;
    return {
      bucket,
      id: bucket,
      arn: `arn:aws:s3:::${bucket}`,
      bucketRegionalDomainName: `${bucket}.s3.${MOCK_REGION}.amazonaws.com`,
    };
  },
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs) => {
    const logGroupName = physicalName(inputs, name);
    return {
      name: logGroupName,
      arn: `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:${logGroupName}`,
    };
  },
  "aws:sns/topic:Topic": (name) => ({
    arn: `arn:aws:sns:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${name}`,
  }),
  "aws:iam/role:Role": (name, inputs) => ({
    name: (inputs.name as string | undefined) ?? name,
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${(inputs.name as string | undefined) ?? name}`,
  }),
  "aws:iam/instanceProfile:InstanceProfile": (name) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${name}`,
    name,
  }),
  "aws:cloudtrail/trail:Trail": (name, inputs) => ({
    arn: `arn:aws:cloudtrail:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:trail/${(inputs.name as string | undefined) ?? name}`,
  }),
  "aws:autoscaling/group:Group": (name, inputs) => ({
    name: (inputs.name as string | undefined) ?? name,
  }),
  "aws:ssm/association:Association": (name) => ({ associationId: `assoc-${name}` }),
  // Secrets Manager appends a hyphen and 6 random characters to the name in a secret's ARN.
  "aws:secretsmanager/secret:Secret": (name) => ({
    arn: `arn:aws:secretsmanager:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:secret:${name}-AbCdEf`,
  }),
  "aws:ebs/snapshot:Snapshot": (name) => ({ id: `snap-${name}` }),
  "aws:ec2/networkInterface:NetworkInterface": (name) => ({ id: `eni-${name}` }),
  "aws:route53/record:Record": (_name, inputs) => ({
    fqdn: String(inputs.name).replace(/\.$/, ""),
  }),
  "aws:acm/certificateValidation:CertificateValidation": (_name, inputs) => ({
    certificateArn: inputs.certificateArn,
  }),
};

export const mockCalls: Record<string, (inputs: State) => State> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: MOCK_ACCOUNT_ID,
    arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/ci`,
    userId: "AIDAEXAMPLE",
    id: MOCK_ACCOUNT_ID,
  }),
  "aws:index/getRegion:getRegion": () => ({
    name: MOCK_REGION,
    region: MOCK_REGION,
    id: MOCK_REGION,
    endpoint: `ec2.${MOCK_REGION}.amazonaws.com`,
    description: "Europe (Ireland)",
  }),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    id: "aws",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:route53/getZone:getZone": (inputs) => ({
    zoneId: MOCK_ZONE_ID,
    id: MOCK_ZONE_ID,
    name: inputs.name,
    privateZone: false,
  }),
  "aws:elb/getServiceAccount:getServiceAccount": () => ({
    arn: "arn:aws:iam::156460612806:root",
    id: "156460612806",
  }),
  "aws:ec2/getAmi:getAmi": (inputs) => ({
    id: "ami-0123456789abcdef0",
    imageId: "ami-0123456789abcdef0",
    rootDeviceName: "/dev/xvda",
    rootDeviceType: "ebs",
    filters: inputs.filters,
  }),
  // No instance was isolated by the incident command (IR-1); tests of that case override this entry.
  "aws:ec2/getInstances:getInstances": () => ({
    ids: [],
    privateIps: [],
    publicIps: [],
    ipv6Addresses: [],
    id: MOCK_REGION,
  }),
  "aws:ec2/getInstance:getInstance": () => ({
    id: "i-0123456789abcdef0",
    rootBlockDevices: [
      { deviceName: "/dev/xvda", volumeId: "vol-0123456789abcdef0", encrypted: true },
    ],
    ebsBlockDevices: [],
  }),
};

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: State;
  readonly state: State;
  readonly provider?: string;
  readonly custom: boolean;
}

/** Mocks that record every resource they are asked to create, in order. */
export function recordingMocks(records: RecordedResource[]): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      const inputs = (args.inputs ?? {}) as State;
      const extra = computed[args.type]?.(args.name, inputs) ?? {};
      const id = (extra.id as string | undefined) ?? `${args.name}-id`;
      const state: State = {
        ...inputs,
        arn: arnFor(args.type, args.name),
        name: inputs.name ?? args.name,
        ...extra,
        id,
      };
      records.push({
        type: args.type,
        name: args.name,
        inputs,
        state,
        provider: args.provider,
        custom: args.custom ?? true,
      });
      return { id: args.custom === false ? undefined : id, state };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      const answer = mockCalls[args.token];
      if (!answer) {
        throw new Error(
          `Unexpected invoke ${args.token} in the program under test; answer it in tools/simulate/mocks.ts`,
        );
      }
      return answer((args.inputs ?? {}) as State);
    },
  };
}
