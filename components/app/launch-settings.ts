/**
 * What every app instance is launched with, in both editions, built once so the sandbox instance and
 * the production launch template cannot drift (APP-3, IAM-1, DATA-1, ACC-2).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** ACC-2: a key pair only when SSH was explicitly enabled; otherwise Session Manager (IAM-1). */
export interface LaunchSettingsArgs {
  /** APP-3: the pinned AMI ID; changing it is a previewed change. */
  readonly amiId: string;
  readonly instanceType: string;
  /** Instance profile of the app role (IAM-1, IAM-2). */
  readonly instanceProfileName: pulumi.Input<string>;
  readonly instanceProfileArn: pulumi.Input<string>;
  /** ACC-2: the EC2 key pair, present only when `ssh.enabled`. Default none. */
  readonly keyName?: string;
  /** Root volume size; default the AMI's own size. */
  readonly rootVolumeSizeGb?: number;
}

/**
 * IMDSv2 only, hop limit 1 (IAM-2): the token's response dies at the Docker bridge, one hop further
 * than the host, so a compromised app in the container cannot read the role's credentials (EC2
 * User Guide, "Instance metadata access considerations": with hop limit 1 a container environment
 * gets no response). Nothing in the container needs IMDS: the host reads the database secret and
 * passes the password and AWS_REGION in its environment; the awslogs driver runs in dockerd and the
 * secret watch and drain on the host.
 */
export const METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "disabled",
} as const;

/** DATA-1: gp3, encrypted with the AWS-managed `aws/ebs` key (see components/stack-key.ts for why not the CMK). */
export const ROOT_VOLUME = {
  volumeType: "gp3",
  encrypted: true,
  deleteOnTermination: true,
} as const;

export interface LaunchSettings extends LaunchSettingsArgs {
  readonly metadataOptions: typeof METADATA_OPTIONS;
  readonly rootVolume: typeof ROOT_VOLUME;
  readonly detailedMonitoring: true;
}

export function launchSettings(args: LaunchSettingsArgs): LaunchSettings {
  return {
    ...args,
    metadataOptions: METADATA_OPTIONS,
    rootVolume: ROOT_VOLUME,
    detailedMonitoring: true,
  };
}

type InstanceLaunchArgs = Pick<
  aws.ec2.InstanceArgs,
  | "ami"
  | "instanceType"
  | "iamInstanceProfile"
  | "metadataOptions"
  | "monitoring"
  | "rootBlockDevice"
  | "keyName"
>;

/** The shared settings as `aws.ec2.Instance` arguments (sandbox). */
export function instanceLaunchArgs(settings: LaunchSettings): InstanceLaunchArgs {
  return {
    ami: settings.amiId,
    instanceType: settings.instanceType,
    iamInstanceProfile: settings.instanceProfileName,
    metadataOptions: { ...settings.metadataOptions },
    monitoring: settings.detailedMonitoring,
    rootBlockDevice: {
      volumeType: settings.rootVolume.volumeType,
      encrypted: settings.rootVolume.encrypted,
      deleteOnTermination: settings.rootVolume.deleteOnTermination,
      ...(settings.rootVolumeSizeGb !== undefined ? { volumeSize: settings.rootVolumeSizeGb } : {}),
    },
    ...(settings.keyName !== undefined ? { keyName: settings.keyName } : {}),
  };
}

type TemplateLaunchArgs = Pick<
  aws.ec2.LaunchTemplateArgs,
  | "imageId"
  | "instanceType"
  | "iamInstanceProfile"
  | "metadataOptions"
  | "monitoring"
  | "blockDeviceMappings"
  | "keyName"
>;

/**
 * The shared settings as `aws.ec2.LaunchTemplate` arguments (production). `rootDeviceName` must be
 * the AMI's root device, or the mapping would add a second volume instead of shaping the root one.
 */
export function launchTemplateLaunchArgs(
  settings: LaunchSettings,
  rootDeviceName: pulumi.Input<string>,
): TemplateLaunchArgs {
  return {
    imageId: settings.amiId,
    instanceType: settings.instanceType,
    iamInstanceProfile: { arn: settings.instanceProfileArn },
    metadataOptions: { ...settings.metadataOptions },
    monitoring: { enabled: settings.detailedMonitoring },
    blockDeviceMappings: [
      {
        deviceName: rootDeviceName,
        ebs: {
          volumeType: settings.rootVolume.volumeType,
          encrypted: String(settings.rootVolume.encrypted),
          deleteOnTermination: String(settings.rootVolume.deleteOnTermination),
          ...(settings.rootVolumeSizeGb !== undefined
            ? { volumeSize: settings.rootVolumeSizeGb }
            : {}),
        },
      },
    ],
    ...(settings.keyName !== undefined ? { keyName: settings.keyName } : {}),
  };
}

export interface LaunchTagSets {
  /** The stack's identity tags (`stackTags`): the provider's default tags. */
  readonly stack: Readonly<Record<string, string>>;
  /** Tags for the instance only, e.g. the patch group Patch Manager targets (APP-4). */
  readonly instance?: Readonly<Record<string, string>>;
}

/**
 * What a launch template tags at launch: the instance, its root volume and its network interface.
 * pulumi-aws merges provider default tags only into a resource's own `tags`, never into tag
 * specifications (terraform-provider-aws issue 19387), and Auto Scaling tag propagation reaches
 * instances but not volumes (EC2 Auto Scaling guide, "Tag Auto Scaling groups and instances"), so
 * the template carries the stack tags itself, for all three.
 */
export function launchTemplateTagSpecifications(
  name: string,
  tags: LaunchTagSets,
): aws.types.input.ec2.LaunchTemplateTagSpecification[] {
  return [
    {
      resourceType: "instance",
      tags: { ...tags.stack, ...tags.instance, Name: `${name}-instance` },
    },
    { resourceType: "volume", tags: { ...tags.stack, Name: `${name}-instance-root` } },
    { resourceType: "network-interface", tags: { ...tags.stack, Name: `${name}-instance` } },
  ];
}
