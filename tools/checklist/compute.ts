/**
 * EC2 instances and launch templates read the same way: the AMI, key pair, instance profile,
 * volumes, user data and network placement that several checklist items (and the diagram) need.
 */
import { asBoolean, findById, list, ofType, prop, ResourceView, strings, T } from "./resources";

export interface VolumeView {
  readonly device: string;
  /** `true` only when the program says so explicitly (DATA-1: secure values are explicit). */
  readonly encrypted: boolean;
  readonly kmsKeyId?: string;
}

export interface ComputeView {
  readonly resource: ResourceView;
  readonly imageId?: string;
  readonly keyName?: string;
  readonly instanceProfile?: string;
  readonly volumes: readonly VolumeView[];
  /** User data as text (base64 decoded where the resource takes base64). */
  readonly userData: string;
  readonly securityGroupIds: readonly string[];
  readonly subnetIds: readonly string[];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function decodeBase64(value: string | undefined): string {
  return value ? Buffer.from(value, "base64").toString("utf8") : "";
}

function volume(device: string, raw: unknown): VolumeView {
  const view = (raw ?? {}) as Record<string, unknown>;
  return { device, encrypted: asBoolean(view.encrypted) === true, kmsKeyId: text(view.kmsKeyId) };
}

function instanceView(resource: ResourceView, resources: readonly ResourceView[]): ComputeView {
  // A primary network interface created separately (the sandbox's quarantine switch) carries the groups.
  const eni = findById(resources, prop(resource, "primaryNetworkInterface.networkInterfaceId"));
  return {
    resource,
    imageId: text(prop(resource, "ami")),
    keyName: text(prop(resource, "keyName")),
    instanceProfile: text(prop(resource, "iamInstanceProfile")),
    volumes: [
      volume("root", prop(resource, "rootBlockDevice") ?? {}),
      ...list(prop(resource, "ebsBlockDevices")).map((raw) =>
        volume(String((raw as Record<string, unknown>).deviceName ?? "ebs"), raw),
      ),
    ],
    userData:
      text(prop(resource, "userData")) ?? decodeBase64(text(prop(resource, "userDataBase64"))),
    securityGroupIds: [
      ...strings(prop(resource, "vpcSecurityGroupIds")),
      ...strings(prop(resource, "securityGroups")),
      ...(eni ? strings(eni.props.securityGroups) : []),
    ],
    subnetIds: [
      ...strings(prop(resource, "subnetId")),
      ...(eni ? strings(eni.props.subnetId) : []),
    ],
  };
}

function launchTemplateView(resource: ResourceView): ComputeView {
  const interfaces = list(prop(resource, "networkInterfaces")) as Record<string, unknown>[];
  return {
    resource,
    imageId: text(prop(resource, "imageId")),
    keyName: text(prop(resource, "keyName")),
    instanceProfile:
      text(prop(resource, "iamInstanceProfile.name")) ??
      text(prop(resource, "iamInstanceProfile.arn")),
    volumes: list(prop(resource, "blockDeviceMappings")).map((raw) => {
      const mapping = raw as Record<string, unknown>;
      return volume(String(mapping.deviceName ?? "ebs"), mapping.ebs);
    }),
    userData: decodeBase64(text(prop(resource, "userData"))),
    securityGroupIds: [
      ...strings(prop(resource, "vpcSecurityGroupIds")),
      ...interfaces.flatMap((eni) => strings(eni.securityGroups)),
    ],
    subnetIds: interfaces.flatMap((eni) => strings(eni.subnetId)),
  };
}

/** Every instance and launch template of the stack. */
export function computeResources(resources: readonly ResourceView[]): ComputeView[] {
  return [
    ...ofType(resources, T.instance).map((resource) => instanceView(resource, resources)),
    ...ofType(resources, T.launchTemplate).map(launchTemplateView),
  ];
}
