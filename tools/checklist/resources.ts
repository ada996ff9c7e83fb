/**
 * The checklist's read-only view of a stack's resources (as the program registered them under
 * mocks) and the few readers the evidence, summary and diagram share: typed property access, ids,
 * and every way a program writes a security-group rule reduced to one shape.
 */
import { coversPort as rangeCoversPort, ruleRange } from "../../policy-pack/lib/semantics";

export interface ResourceView {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** URN of the parent component (absent at the top level). */
  readonly parent?: string;
  /** False for component resources. */
  readonly custom: boolean;
  /** Physical id as the provider (here: the mocks) returned it. */
  readonly id?: string;
  /** ARN as the provider returned it, where the resource has one. */
  readonly arn?: string;
  /** The `name` the provider returned (physical name), which other resources may reference it by. */
  readonly physicalName?: string;
  /** Per input property, the URNs it depends on (stack policies link resources through them). */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  /** Inputs as the program wrote them: what the policy pack sees too. */
  readonly props: Readonly<Record<string, unknown>>;
}

export const T = {
  provider: "pulumi:providers:aws",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  networkInterface: "aws:ec2/networkInterface:NetworkInterface",
  autoScalingGroup: "aws:autoscaling/group:Group",
  ebsVolume: "aws:ebs/volume:Volume",
  ebsDefaultEncryption: "aws:ebs/encryptionByDefault:EncryptionByDefault",
  dbInstance: "aws:rds/instance:Instance",
  dbSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  dbParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  certificate: "aws:acm/certificate:Certificate",
  certificateValidation: "aws:acm/certificateValidation:CertificateValidation",
  dnsRecord: "aws:route53/record:Record",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  logMetricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  snsTopic: "aws:sns/topic:Topic",
  trail: "aws:cloudtrail/trail:Trail",
  configRecorder: "aws:cfg/recorder:Recorder",
  configRecorderStatus: "aws:cfg/recorderStatus:RecorderStatus",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  role: "aws:iam/role:Role",
  instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
  ssmAssociation: "aws:ssm/association:Association",
  maintenanceWindowTask: "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
  patchBaseline: "aws:ssm/patchBaseline:PatchBaseline",
  secretRotation: "aws:secretsmanager/secretRotation:SecretRotation",
  keyPair: "aws:ec2/keyPair:KeyPair",
  eip: "aws:ec2/eip:Eip",
  ebsSnapshot: "aws:ebs/snapshot:Snapshot",
} as const;

export function ofType(resources: readonly ResourceView[], ...types: string[]): ResourceView[] {
  return resources.filter((resource) => types.includes(resource.type));
}

/** The id other resources use to reference this one (the mocks' `<name>-id` without an explicit id). */
export function idOf(resource: ResourceView): string {
  return resource.id ?? `${resource.name}-id`;
}

export function findById(
  resources: readonly ResourceView[],
  id: unknown,
): ResourceView | undefined {
  return typeof id === "string" ? resources.find((resource) => idOf(resource) === id) : undefined;
}

/** True when `value` is how another resource may reference this one: its id, ARN or physical name. */
export function isReferencedBy(resource: ResourceView, value: unknown): boolean {
  return (
    typeof value === "string" &&
    [idOf(resource), resource.arn, resource.physicalName].includes(value)
  );
}

/** The resource with this ARN; a log group also matches its `:*` form (CloudTrail, flow logs). */
export function findByArn(
  resources: readonly ResourceView[],
  arn: unknown,
): ResourceView | undefined {
  return typeof arn === "string"
    ? resources.find(
        (resource) =>
          resource.arn !== undefined && (resource.arn === arn || `${resource.arn}:*` === arn),
      )
    : undefined;
}

export function prop(resource: ResourceView, path: string): unknown {
  let value: unknown = resource.props;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === "string");
}

/** Booleans and numbers the engine may hand over as strings (provider inputs, launch templates). */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") {
    return value;
  }
  return value === "true" ? true : value === "false" ? false : undefined;
}

export function asNumber(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

export function tag(resource: ResourceView, key: string): string | undefined {
  const value = prop(resource, `tags.${key}`);
  return typeof value === "string" ? value : undefined;
}

export function label(resource: ResourceView): string {
  return `${resource.type.split(":").pop()} ${resource.name}`;
}

/** A security-group rule in one shape, whichever resource or inline block wrote it. */
export interface SgRule {
  readonly resource: ResourceView;
  readonly direction: "ingress" | "egress";
  /** The group the rule belongs to (its id). */
  readonly groupId?: string;
  /** "tcp", "udp", "icmp", "icmpv6", another protocol number, or "-1" (all). */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrs: readonly string[];
  /** Referenced security-group ids (source for ingress, destination for egress). */
  readonly groupRefs: readonly string[];
}

function rule(
  resource: ResourceView,
  direction: "ingress" | "egress",
  groupId: unknown,
  protocolValue: unknown,
  from: unknown,
  to: unknown,
  cidrs: string[],
  groupRefs: string[],
): SgRule {
  // The policy pack's reading of protocol and ports; "-1" for all, as AWS reports deployed rules.
  const range = ruleRange(protocolValue, from, to);
  return {
    resource,
    direction,
    groupId: typeof groupId === "string" ? groupId : undefined,
    protocol: range.protocol === "all" ? "-1" : range.protocol,
    fromPort: range.from,
    toPort: range.to,
    cidrs,
    groupRefs,
  };
}

/** Every rule of the stack: inline blocks, `ec2.SecurityGroupRule`, and the `vpc` rule resources. */
export function securityGroupRules(resources: readonly ResourceView[]): SgRule[] {
  const rules: SgRule[] = [];
  for (const resource of resources) {
    switch (resource.type) {
      case T.securityGroup:
      case T.defaultSecurityGroup:
        for (const direction of ["ingress", "egress"] as const) {
          for (const block of list(prop(resource, direction))) {
            const view = block as Record<string, unknown>;
            rules.push(
              rule(
                resource,
                direction,
                idOf(resource),
                view.protocol,
                view.fromPort,
                view.toPort,
                [...strings(view.cidrBlocks), ...strings(view.ipv6CidrBlocks)],
                [...strings(view.securityGroups), ...(view.self === true ? [idOf(resource)] : [])],
              ),
            );
          }
        }
        break;
      case T.securityGroupRule: {
        const p = resource.props;
        rules.push(
          rule(
            resource,
            p.type === "egress" ? "egress" : "ingress",
            p.securityGroupId,
            p.protocol,
            p.fromPort,
            p.toPort,
            [...strings(p.cidrBlocks), ...strings(p.ipv6CidrBlocks)],
            [
              ...strings(p.sourceSecurityGroupId),
              ...(p.self === true ? strings(p.securityGroupId) : []),
            ],
          ),
        );
        break;
      }
      case T.ingressRule:
      case T.egressRule: {
        const p = resource.props;
        rules.push(
          rule(
            resource,
            resource.type === T.ingressRule ? "ingress" : "egress",
            p.securityGroupId,
            p.ipProtocol,
            p.fromPort,
            p.toPort,
            [...strings(p.cidrIpv4), ...strings(p.cidrIpv6)],
            strings(p.referencedSecurityGroupId),
          ),
        );
        break;
      }
    }
  }
  return rules;
}

export function coversPort(sgRule: SgRule, port: number): boolean {
  return rangeCoversPort(ruleRange(sgRule.protocol, sgRule.fromPort, sgRule.toPort), port);
}

export function describeRule(sgRule: SgRule): string {
  const ports =
    sgRule.protocol === "-1"
      ? "all traffic"
      : sgRule.fromPort === sgRule.toPort
        ? `${sgRule.protocol} ${sgRule.fromPort}`
        : `${sgRule.protocol} ${sgRule.fromPort}-${sgRule.toPort}`;
  const peers =
    [...sgRule.cidrs, ...sgRule.groupRefs.map((id) => `sg ${id}`)].join(", ") || "nobody";
  return `${ports} ${sgRule.direction === "ingress" ? "from" : "to"} ${peers}`;
}
