/**
 * The checklist's read-only view of a stack's resources (as the program registered them under
 * mocks) and the few readers the evidence, summary and diagram share: typed property access, ids,
 * and the stack's security-group rules as the policy pack reads them.
 */
import {
  icmpText,
  PortRange,
  ruleGroupKey,
  ruleReaders,
  SgRule,
  T as RULE_TYPES,
} from "../../policy-pack/lib/semantics";

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
  // The pack's security-group and rule resource types, so both name them alike.
  ...RULE_TYPES,
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

/**
 * A rule as the pack reads it, placed in the stack: the resource that wrote it, the group it
 * belongs to, and its peer groups with `self` spelled as that group (as AWS reports it).
 */
export interface StackSgRule extends SgRule {
  readonly resource: ResourceView;
  /** The group the rule belongs to (its id). */
  readonly groupId?: string;
  /** Referenced security-group ids (source for ingress, destination for egress), `self` included. */
  readonly peerGroups: readonly string[];
}

/** Every rule of the stack, read by the pack's readers: whatever the pack judges, the checklist reports. */
export function securityGroupRules(resources: readonly ResourceView[]): StackSgRule[] {
  return resources.flatMap((resource) => {
    const groupKey = ruleGroupKey(resource.type);
    const groupId = groupKey === undefined ? idOf(resource) : strings(prop(resource, groupKey))[0];
    return ruleReaders(resource.type, resource.props)
      .map((read) => read())
      .filter((rule): rule is SgRule => rule !== undefined)
      .map((rule) => ({
        ...rule,
        resource,
        groupId,
        peerGroups: [...rule.groupRefs, ...(rule.self && groupId ? [groupId] : [])],
      }));
  });
}

/**
 * `tcp 443`, `tcp 1024-65535`, `icmp type 8 code any`, or `all` for every protocol: the checklist's
 * and diagram's label.
 */
export function portsLabel(range: PortRange): string {
  if (range.protocol === "all") {
    return "all";
  }
  const icmp = icmpText(range);
  if (icmp !== undefined) {
    return `${range.protocol} ${icmp}`;
  }
  return range.from === range.to
    ? `${range.protocol} ${range.from}`
    : `${range.protocol} ${range.from}-${range.to}`;
}

export function describeRule(rule: StackSgRule): string {
  const ports = rule.range.protocol === "all" ? "all traffic" : portsLabel(rule.range);
  const peers =
    [...rule.cidrs, ...rule.prefixLists, ...rule.peerGroups.map((id) => `sg ${id}`)].join(", ") ||
    "nobody";
  return `${ports} ${rule.direction === "ingress" ? "from" : "to"} ${peers}`;
}
