import {
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  forTypes,
  peek,
  PolicyResource,
  RefIndex,
  runChecks,
  schema,
  settings,
  UNKNOWN_VALUE,
} from "../lib/policy-kit";
import {
  asBool,
  asList,
  asNumber,
  asString,
  elementReaders,
  get,
  has,
  isBag,
  show,
} from "../lib/values";
import { POLICY_DEFAULTS } from "../controls/defaults";
import { CATALOGUE } from "../controls/catalogue";

export const INSTANCE = "aws:ec2/instance:Instance";
/** A Spot request launches an instance from the same arguments as aws.ec2.Instance. */
export const SPOT_INSTANCE = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
const VOLUME = "aws:ebs/volume:Volume";
const EBS_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const EIP = "aws:ec2/eip:Eip";
const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
const NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
const METADATA_DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const SUBNET = "aws:ec2/subnet:Subnet";
const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
/** Copies of EBS data whose encryption is a flag of their own. */
const EBS_COPIES = [
  "aws:ebs/snapshotCopy:SnapshotCopy",
  "aws:ebs/snapshotImport:SnapshotImport",
  "aws:ec2/amiCopy:AmiCopy",
];

/** Resources that launch one instance from instance arguments. */
const INSTANCES: readonly string[] = [INSTANCE, SPOT_INSTANCE];
/** Resources that run EC2 instances (what needs patching and a quarantine group). */
export const WORKLOAD_TYPES: readonly string[] = [INSTANCE, SPOT_INSTANCE, AUTOSCALING_GROUP];
const COMPUTE_TYPES = [INSTANCE, SPOT_INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];

/**
 * True when an instance launches from a launch template: what it leaves unset comes from the
 * template (judged on the template), and AWS needs the launch request to supply what the template
 * lacks (EC2 User Guide, "Store instance launch parameters in Amazon EC2 launch templates").
 */
function usesLaunchTemplate(type: string, props: Record<string, unknown>): boolean {
  return INSTANCES.includes(type) && has(props, "launchTemplate");
}

// ---- IMDSv2 (remediable) ------------------------------------------------------------------------

function imdsTokens(type: string, props: Record<string, unknown>): { ok: boolean; found: unknown } {
  // The account default holds the options at top level; launchers hold them in metadataOptions.
  const options = type === METADATA_DEFAULTS ? props : get(props, "metadataOptions");
  const endpoint = (asString(get(options, "httpEndpoint")) ?? "").toLowerCase();
  if (endpoint === "disabled") {
    return { ok: true, found: "httpEndpoint disabled" };
  }
  const tokens = get(options, "httpTokens");
  if (tokens === undefined && usesLaunchTemplate(type, props)) {
    return { ok: true, found: "inherited from the launch template" };
  }
  const text = (asString(tokens) ?? "").trim().toLowerCase();
  if (type === METADATA_DEFAULTS) {
    // The account default: only an explicit "optional" weakens it ("no-preference" defers to the AMI).
    return { ok: text !== "optional", found: tokens };
  }
  return { ok: text === "required", found: tokens };
}

const IMDS_TYPES = [...COMPUTE_TYPES, METADATA_DEFAULTS];

export const ec2Imdsv2Required: ResourceValidationPolicy = {
  name: "ec2-imdsv2-required",
  description:
    'IAM-2: Instances, Spot instance requests, launch templates and launch configurations require IMDSv2 (metadataOptions.httpTokens "required") so the instance role\'s credentials cannot be read through SSRF; an instance that launches from a launch template inherits the template\'s setting, and the account default (aws.ec2.InstanceMetadataDefaults) is never "optional" (remediable).',
  enforcementLevel: "mandatory",
  validateResource: forTypes(IMDS_TYPES, (props, args, report) => {
    const { ok, found } = imdsTokens(args.type, props);
    if (ok) {
      return;
    }
    report(
      args.type === METADATA_DEFAULTS
        ? `IAM-2: instance metadata defaults '${args.name}' set httpTokens ${show(found)}, so new instances of the account and region accept IMDSv1 unless they say otherwise; set httpTokens to "required".`
        : `IAM-2: ${kind(args.type)} '${args.name}' has metadataOptions.httpTokens ${show(found)}; set metadataOptions.httpTokens to "required" (IMDSv2).`,
    );
  }),
  // Safe and unambiguous: token-only metadata access never changes what the instance can reach.
  remediateResource: (args: ResourceValidationArgs) => {
    if (!COMPUTE_TYPES.includes(args.type)) {
      return undefined;
    }
    const props = args.props as Record<string, unknown>;
    if (imdsTokens(args.type, props).ok) {
      return undefined;
    }
    const current = get(props, "metadataOptions");
    return {
      ...props,
      metadataOptions: {
        ...(isBag(current) ? current : {}),
        httpEndpoint: "enabled",
        httpTokens: "required",
      },
    };
  },
};

const KINDS: Record<string, string> = {
  [INSTANCE]: "instance",
  [SPOT_INSTANCE]: "Spot instance request",
  [LAUNCH_TEMPLATE]: "launch template",
  [LAUNCH_CONFIGURATION]: "launch configuration",
  [SPOT_FLEET]: "Spot fleet request",
  [AUTOSCALING_GROUP]: "Auto Scaling group",
};

function kind(type: string): string {
  return KINDS[type] ?? type;
}

// ---- DATA-1: EBS encryption -----------------------------------------------------------------------

function encryptedFlag(v: unknown): boolean {
  return asBool(v) === true;
}

export const ebsEncrypted: ResourceValidationPolicy = {
  name: "ebs-encrypted",
  description:
    "DATA-1: Every EBS volume is encrypted: instance and Spot instance root and data devices (an instance launched from a launch template inherits the template's root device), launch-template and launch-configuration mappings (launch-template values are strings), Spot fleet launch specifications, aws.ebs.Volume, and copies (aws.ebs.SnapshotCopy, aws.ebs.SnapshotImport, aws.ec2.AmiCopy).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(
    [...COMPUTE_TYPES, VOLUME, SPOT_FLEET, ...EBS_COPIES],
    (props, args, report) => {
      const fail = (where: string, found: unknown, fix: string) =>
        report(`DATA-1: ${kind(args.type)} '${args.name}' has ${where} ${show(found)}; ${fix}`);
      if (args.type === VOLUME || EBS_COPIES.includes(args.type)) {
        const enc = get(props, "encrypted");
        if (!encryptedFlag(enc)) {
          fail("encrypted", enc, "set encrypted to true (with a KMS key).");
        }
        return;
      }
      if (args.type === SPOT_FLEET) {
        runChecks(
          ...elementReaders(get(props, "launchSpecifications")).map((read, i) => () => {
            const spec = read();
            runChecks(
              ...["rootBlockDevices", "ebsBlockDevices"].map((key) => () => {
                const devices = elementReaders(get(spec, key));
                if (key === "rootBlockDevices" && devices.length === 0) {
                  fail(
                    `launchSpecifications[${i}].rootBlockDevices`,
                    undefined,
                    "add a root device with encrypted true (or launch from a launch template).",
                  );
                }
                devices.forEach((readDevice, j) => {
                  const enc = get(readDevice(), "encrypted");
                  if (!encryptedFlag(enc)) {
                    fail(
                      `launchSpecifications[${i}].${key}[${j}].encrypted`,
                      enc,
                      "set it to true.",
                    );
                  }
                });
              }),
            );
          }),
        );
        return;
      }
      if (args.type === LAUNCH_TEMPLATE) {
        let withEbs = 0;
        runChecks(
          ...elementReaders(get(props, "blockDeviceMappings")).map((read, i) => () => {
            const ebs = get(read(), "ebs");
            if (!isBag(ebs)) {
              return; // an ephemeral or no-device mapping
            }
            withEbs++;
            const enc = get(ebs, "encrypted");
            if (!encryptedFlag(enc)) {
              fail(`blockDeviceMappings[${i}].ebs.encrypted`, enc, 'set it to "true".');
            }
          }),
          () => {
            if (withEbs === 0) {
              report(
                `DATA-1: launch template '${args.name}' has no blockDeviceMappings with ebs settings, so its root volume's encryption is left to the AMI; add a mapping for the root device with ebs.encrypted "true".`,
              );
            }
          },
        );
        return;
      }
      // Instance, Spot instance request and launch configuration.
      runChecks(
        () => {
          if (!has(props, "rootBlockDevice") && usesLaunchTemplate(args.type, props)) {
            return; // the root device comes from the template, judged there
          }
          const root = get(props, "rootBlockDevice");
          const enc = get(root, "encrypted");
          if (!encryptedFlag(enc)) {
            fail("rootBlockDevice.encrypted", enc, "set rootBlockDevice.encrypted to true.");
          }
        },
        ...elementReaders(get(props, "ebsBlockDevices")).map((read, i) => () => {
          const enc = get(read(), "encrypted");
          if (!encryptedFlag(enc)) {
            fail(
              `ebsBlockDevices[${i}].encrypted`,
              enc,
              "set encrypted to true on every data device.",
            );
          }
        }),
      );
    },
  ),
};

export const ebsEncryptionByDefaultEnabled: ResourceValidationPolicy = {
  name: "ebs-encryption-by-default-enabled",
  description: "DATA-1: The account's EBS encryption-by-default setting is not disabled.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(EBS_DEFAULT, (props, args, report) => {
    const enabled = get(props, "enabled");
    if (asBool(enabled) === false || (enabled !== undefined && asBool(enabled) === undefined)) {
      report(
        `DATA-1: EBS encryption-by-default '${args.name}' has enabled ${show(enabled)}; set enabled to true so every new volume is encrypted.`,
      );
    }
  }),
};

// ---- ACC-2: SSH key pairs ----------------------------------------------------------------------

const keyPairDefaults = POLICY_DEFAULTS["ec2-no-key-pair"];

export const ec2NoKeyPair: ResourceValidationPolicy = {
  name: "ec2-no-key-pair",
  description:
    "ACC-2, IAM-1: Instances, Spot instance requests, launch templates and launch configurations carry no SSH key pair unless the profile enables SSH; shell access goes through SSM Session Manager.",
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      allowSshKeyPair: {
        type: "boolean",
        description: "Allow keyName on instances (SSH explicitly enabled).",
      },
    },
    keyPairDefaults,
  ),
  validateResource: forTypes(COMPUTE_TYPES, (props, args, report) => {
    if (settings(args, keyPairDefaults).allowSshKeyPair === true) {
      return;
    }
    // Presence is enough; the name itself may be unknown at preview.
    if (has(props, "keyName")) {
      const name = peek(() => get(props, "keyName"));
      if (name === UNKNOWN_VALUE || (name !== undefined && name !== null && name !== "")) {
        report(
          `ACC-2: ${kind(args.type)} '${args.name}' sets keyName ${name === UNKNOWN_VALUE ? "(computed)" : show(name)}; remove the key pair and use SSM Session Manager, or enable SSH in the profile (allowSshKeyPair).`,
        );
      }
    }
  }),
};

// ---- NET-2: no public IPs on app instances ----------------------------------------------------

export const launchTemplateNoPublicIp: ResourceValidationPolicy = {
  name: "launch-template-no-public-ip",
  description:
    "NET-2: Launch templates and launch configurations do not give instances a public IP (app instances live in private subnets behind the ALB).",
  enforcementLevel: "mandatory",
  validateResource: forTypes([LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION], (props, args, report) => {
    if (args.type === LAUNCH_CONFIGURATION) {
      const v = get(props, "associatePublicIpAddress");
      if (asBool(v) === true) {
        report(
          `NET-2: launch configuration '${args.name}' has associatePublicIpAddress ${show(v)}; set it to false and place instances in private subnets.`,
        );
      }
      return;
    }
    runChecks(
      ...elementReaders(get(props, "networkInterfaces")).map((read, i) => () => {
        const v = get(read(), "associatePublicIpAddress");
        if (asBool(v) === true) {
          report(
            `NET-2: launch template '${args.name}' has networkInterfaces[${i}].associatePublicIpAddress ${show(v)}; set it to "false" and place instances in private subnets.`,
          );
        }
      }),
    );
  }),
};

// ---- Launch templates, subnets and public IPs (stack level) -------------------------------------

/** The launch template a launcher names: instance/Spot/ASG `launchTemplate`, or an ASG's mixed policy. */
function templateOf(r: PolicyResource, templates: RefIndex): PolicyResource | undefined {
  const spec = peek(() => get(r.props, "launchTemplate"));
  if (spec !== UNKNOWN_VALUE && spec !== undefined && spec !== null) {
    return templates.lookup(r, "launchTemplate", () => get(spec, "id") ?? get(spec, "name"))
      .found[0];
  }
  if (r.type !== AUTOSCALING_GROUP || !has(r.props, "mixedInstancesPolicy")) {
    return undefined;
  }
  return templates.lookup(r, "mixedInstancesPolicy", () => {
    const mixed = get(
      get(get(r.props, "mixedInstancesPolicy"), "launchTemplate"),
      "launchTemplateSpecification",
    );
    return get(mixed, "launchTemplateId") ?? get(mixed, "launchTemplateName");
  }).found[0];
}

/** The template's primary network interface (device index 0, else the first one). */
function primaryInterface(template: PolicyResource): unknown {
  const nics = peek(() => asList(get(template.props, "networkInterfaces")));
  if (nics === UNKNOWN_VALUE) {
    return undefined;
  }
  return nics.find((n) => peek(() => asNumber(get(n, "deviceIndex"))) === 0) ?? nics[0];
}

/** What the launch settings say about a public IP: true, false, or undefined (the subnet decides). */
function associatesPublicIp(settings: PolicyResource | undefined): boolean | undefined {
  if (!settings) {
    return undefined;
  }
  const where = settings.type === LAUNCH_TEMPLATE ? primaryInterface(settings) : settings.props;
  const v = peek(() => asBool(get(where, "associatePublicIpAddress")));
  return v === UNKNOWN_VALUE ? undefined : v;
}

/** True when the subnet gives instances a public IP (a default subnet does unless told not to). */
function mapsPublicIps(subnet: PolicyResource): boolean {
  const v = peek(() => asBool(get(subnet.props, "mapPublicIpOnLaunch")));
  return subnet.type === DEFAULT_SUBNET ? v !== false && v !== UNKNOWN_VALUE : v === true;
}

interface LaunchContext {
  subnets: RefIndex;
  templates: RefIndex;
  configurations: RefIndex;
}

function launchContext(resources: readonly PolicyResource[]): LaunchContext {
  return {
    subnets: new RefIndex(resources.filter((r) => r.type === SUBNET || r.type === DEFAULT_SUBNET)),
    templates: new RefIndex(resources.filter((r) => r.type === LAUNCH_TEMPLATE)),
    configurations: new RefIndex(resources.filter((r) => r.type === LAUNCH_CONFIGURATION)),
  };
}

function publicSubnetReason(subnets: PolicyResource[]): string | undefined {
  const open = subnets.filter(mapsPublicIps);
  return open.length > 0
    ? `subnet ${open.map((s) => `'${s.name}'`).join(", ")} has mapPublicIpOnLaunch true (a default subnet unless set false) and nothing sets associatePublicIpAddress false`
    : undefined;
}

/** Why an instance or Spot instance gets a public IP at launch, or undefined. */
function instancePublicReason(inst: PolicyResource, ctx: LaunchContext): string | undefined {
  const flag = peek(() => asBool(get(inst.props, "associatePublicIpAddress")));
  if (flag === true) {
    return "associatePublicIpAddress true";
  }
  if (flag === false || flag === UNKNOWN_VALUE || has(inst.props, "networkInterfaces")) {
    // An attached network interface never gets an automatic public IP (Elastic IPs are counted apart).
    return undefined;
  }
  const template = templateOf(inst, ctx.templates);
  const viaTemplate = associatesPublicIp(template);
  if (viaTemplate !== undefined) {
    return viaTemplate
      ? `its launch template '${template?.name}' associates a public IP`
      : undefined;
  }
  let subnets = ctx.subnets.lookup(inst, "subnetId").found;
  if (subnets.length === 0 && template) {
    subnets = ctx.subnets.lookup(template, "networkInterfaces", () =>
      get(primaryInterface(template), "subnetId"),
    ).found;
  }
  return publicSubnetReason(subnets.slice(0, 1));
}

/** Why an Auto Scaling group's instances get public IPs, or undefined. */
function groupPublicReason(group: PolicyResource, ctx: LaunchContext): string | undefined {
  const settings =
    templateOf(group, ctx.templates) ??
    ctx.configurations.lookup(group, "launchConfiguration").found[0];
  const viaSettings = associatesPublicIp(settings);
  if (viaSettings !== undefined) {
    return viaSettings
      ? `its ${kind(settings?.type ?? "")} '${settings?.name}' associates a public IP`
      : undefined;
  }
  const reason = publicSubnetReason(ctx.subnets.lookup(group, "vpcZoneIdentifiers").found);
  return reason ? `it launches into ${reason}` : undefined;
}

const publicDefaults = POLICY_DEFAULTS["ec2-public-instances-limit"];
const PUBLIC_INSTANCES = CATALOGUE.controls["NET-2"].values.maxPublicInstances;

export const ec2PublicInstancesLimit: StackValidationPolicy = {
  name: "ec2-public-instances-limit",
  description: `NET-2: No more EC2 instances with a public IP than the profile allows (production: ${PUBLIC_INSTANCES.production}; sandbox: a single public instance). An instance or Spot instance is public through associatePublicIpAddress, its launch template's primary network interface, a subnet with mapPublicIpOnLaunch (default subnets map by default) when nothing sets associatePublicIpAddress false, or an Elastic IP / EIP association on it or its network interface; an Auto Scaling group in such subnets counts as maxSize instances.`,
  enforcementLevel: "mandatory",
  configSchema: schema(
    {
      maxPublicInstances: {
        type: "number",
        minimum: 0,
        description: "How many instances may have a public IP (sandbox: 1).",
      },
    },
    publicDefaults,
  ),
  validateStack: (args, report) => {
    const max = asNumber(settings(args, publicDefaults).maxPublicInstances) ?? 0;
    const ctx = launchContext(args.resources);
    const instances = args.resources.filter((r) => INSTANCES.includes(r.type));
    const publicOnes = new Map<string, { r: PolicyResource; why: string; count: number }>();
    const add = (r: PolicyResource, why: string, count = 1) => {
      if (!publicOnes.has(r.urn)) {
        publicOnes.set(r.urn, { r, why, count });
      }
    };
    for (const inst of instances) {
      const why = instancePublicReason(inst, ctx);
      if (why) {
        add(inst, why);
      }
    }
    for (const group of args.resources) {
      if (group.type !== AUTOSCALING_GROUP) {
        continue;
      }
      const why = groupPublicReason(group, ctx);
      if (why) {
        const size = peek(() => asNumber(get(group.props, "maxSize")));
        add(group, why, Math.max(1, size === UNKNOWN_VALUE ? 1 : (size ?? 1)));
      }
    }
    const index = new RefIndex(instances);
    const interfaces = new RefIndex(args.resources.filter((r) => r.type === NETWORK_INTERFACE));
    for (const r of args.resources) {
      const keys =
        r.type === EIP
          ? ["instance", "networkInterface"]
          : r.type === EIP_ASSOCIATION
            ? ["instanceId", "networkInterfaceId"]
            : [];
      for (const key of keys) {
        if (!has(r.props, key)) {
          continue;
        }
        // The public address lands on an instance, or on a network interface (an instance's ENI).
        const target = index.lookup(r, key).found[0] ?? interfaces.lookup(r, key).found[0] ?? r;
        add(target, `Elastic IP '${r.name}' (${key})`);
      }
    }
    const total = [...publicOnes.values()].reduce((n, p) => n + p.count, 0);
    if (total > max) {
      for (const { r, why, count } of publicOnes.values()) {
        report(
          `NET-2: '${r.name}' gives ${count > 1 ? `up to ${count} instances` : "an instance"} a public IP (${why}); ${total} public instance(s) exceed the profile's maxPublicInstances ${max}, so move app instances to private subnets behind the ALB (or set associatePublicIpAddress false).`,
          r.urn,
        );
      }
    }
  },
};

// ---- APP-3 / IR-3: a pinned, reviewable AMI ---------------------------------------------------

/** `ami-` followed by 8 (legacy) or 17 hex digits: one concrete image, never a moving reference. */
export const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/i;

export const ec2AmiPinned: ResourceValidationPolicy & StackValidationPolicy = {
  name: "ec2-ami-pinned",
  description:
    "APP-3, IR-3: Instances and Spot instance requests (ami), launch templates and launch configurations (imageId) name a concrete AMI ID (ami- and 8 or 17 hex digits), never a resolve:ssm: parameter that changes the image at launch time without a preview. An instance may omit ami when its launch template names the image; a template may omit imageId when every instance of the stack that uses it pins ami (an Auto Scaling group cannot supply one).",
  enforcementLevel: "mandatory",
  validateResource: forTypes(
    [...INSTANCES, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
    (props, args, report) => {
      const key = INSTANCES.includes(args.type) ? "ami" : "imageId";
      if (INSTANCES.includes(args.type) && !has(props, key) && has(props, "launchTemplate")) {
        return; // the template's imageId is judged on the template, its absence at stack level
      }
      if (args.type === LAUNCH_TEMPLATE && !has(props, key)) {
        return; // the launch request supplies the image: judged at stack level
      }
      // An unknown value (computed from another resource) throws here: the engine's advisory at
      // preview, judged at update. An AMI looked up with an invoke is already known at preview.
      const value = get(props, key);
      const text = asString(value);
      if (text !== undefined && AMI_ID.test(text)) {
        return;
      }
      const where = `${kind(args.type)} '${args.name}' has ${key} ${show(value)}`;
      if (text !== undefined && /^\s*resolve:ssm:/i.test(text)) {
        report(
          `APP-3: ${where}, an SSM parameter that AWS resolves at launch time, so an AMI update never shows in a preview; set ${key} to the concrete AMI ID (look it up with aws.ec2.getAmi or aws.ssm.getParameter in the program) so each AMI change is a reviewed change.`,
        );
        return;
      }
      report(
        `APP-3: ${where}, which is not a concrete AMI ID; set ${key} to an explicit AMI ID (ami- and 8 or 17 hex digits) so the image is a reviewable input and a clean redeploy (IR-3) uses a known AMI.`,
      );
    },
  ),
  validateStack: (args, report) => {
    const { templates } = launchContext(args.resources);
    for (const r of args.resources) {
      const launcher = INSTANCES.includes(r.type) || r.type === AUTOSCALING_GROUP;
      if (!launcher || (r.type !== AUTOSCALING_GROUP && has(r.props, "ami"))) {
        continue;
      }
      const template = templateOf(r, templates);
      if (!template || has(template.props, "imageId")) {
        continue; // no template, one outside the stack (judged in its own stack), or one with an image
      }
      report(
        r.type === AUTOSCALING_GROUP
          ? `APP-3: Auto Scaling group '${r.name}' launches from launch template '${template.name}', which has no imageId, and a group cannot supply one; set imageId on the template to an explicit AMI ID (ami- and 8 or 17 hex digits).`
          : `APP-3: ${kind(r.type)} '${r.name}' has no ami and its launch template '${template.name}' has no imageId, so nothing names the image; set ami on the ${kind(r.type)} (or imageId on the template) to an explicit AMI ID.`,
        r.urn,
      );
    }
  },
};

export const ec2ShutdownPreservesEvidence: ResourceValidationPolicy = {
  name: "ec2-shutdown-preserves-evidence",
  description:
    "IR-2: Instances, Spot instance requests and launch templates keep instanceInitiatedShutdownBehavior at stop (the default), so a shutdown from inside the instance never terminates it and deletes its volumes before forensic snapshots are taken.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([...INSTANCES, LAUNCH_TEMPLATE], (props, args, report) => {
    const value = get(props, "instanceInitiatedShutdownBehavior");
    if (asString(value)?.trim().toLowerCase() !== "terminate") {
      return;
    }
    report(
      `IR-2: ${kind(args.type)} '${args.name}' has instanceInitiatedShutdownBehavior ${show(value)}, so a shutdown from inside the instance (an attacker's or a responder's) terminates it and deletes its volumes before they can be snapshotted; remove it or set "stop".`,
    );
  }),
};

export const computePolicies = [
  ec2Imdsv2Required,
  ebsEncrypted,
  ebsEncryptionByDefaultEnabled,
  ec2NoKeyPair,
  launchTemplateNoPublicIp,
  ec2PublicInstancesLimit,
  ec2AmiPinned,
  ec2ShutdownPreservesEvidence,
];
