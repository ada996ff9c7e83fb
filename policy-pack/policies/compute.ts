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
import { asBool, asNumber, asString, elementReaders, get, has, isBag, show } from "../lib/values";

export const INSTANCE = "aws:ec2/instance:Instance";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
const VOLUME = "aws:ebs/volume:Volume";
const EBS_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const EIP = "aws:ec2/eip:Eip";
const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
const NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";

const COMPUTE_TYPES = [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];

// ---- IMDSv2 (remediable) ------------------------------------------------------------------------

function imdsTokens(props: Record<string, unknown>): { ok: boolean; found: unknown } {
  const options = get(props, "metadataOptions");
  const endpoint = (asString(get(options, "httpEndpoint")) ?? "").toLowerCase();
  if (endpoint === "disabled") {
    return { ok: true, found: "httpEndpoint disabled" };
  }
  const tokens = get(options, "httpTokens");
  return { ok: (asString(tokens) ?? "").trim().toLowerCase() === "required", found: tokens };
}

export const ec2Imdsv2Required: ResourceValidationPolicy = {
  name: "ec2-imdsv2-required",
  description:
    'IAM-2: Instances, launch templates and launch configurations require IMDSv2 (metadataOptions.httpTokens "required") so the instance role\'s credentials cannot be read through SSRF (remediable).',
  enforcementLevel: "mandatory",
  validateResource: forTypes(COMPUTE_TYPES, (props, args, report) => {
    const { ok, found } = imdsTokens(props);
    if (!ok) {
      report(
        `IAM-2: ${kind(args.type)} '${args.name}' has metadataOptions.httpTokens ${show(found)}; set metadataOptions.httpTokens to "required" (IMDSv2).`,
      );
    }
  }),
  // Safe and unambiguous: token-only metadata access never changes what the instance can reach.
  remediateResource: (args: ResourceValidationArgs) => {
    if (!COMPUTE_TYPES.includes(args.type)) {
      return undefined;
    }
    const props = args.props as Record<string, unknown>;
    if (imdsTokens(props).ok) {
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

function kind(type: string): string {
  return type === INSTANCE
    ? "instance"
    : type === LAUNCH_TEMPLATE
      ? "launch template"
      : type === LAUNCH_CONFIGURATION
        ? "launch configuration"
        : type;
}

// ---- DATA-1: EBS encryption -----------------------------------------------------------------------

function encryptedFlag(v: unknown): boolean {
  return asBool(v) === true;
}

export const ebsEncrypted: ResourceValidationPolicy = {
  name: "ebs-encrypted",
  description:
    "DATA-1: Every EBS volume is encrypted: instance root and data devices, launch-template and launch-configuration mappings (launch-template values are strings), and aws.ebs.Volume.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([...COMPUTE_TYPES, VOLUME], (props, args, report) => {
    const fail = (where: string, found: unknown, fix: string) =>
      report(`DATA-1: ${kind(args.type)} '${args.name}' has ${where} ${show(found)}; ${fix}`);
    if (args.type === VOLUME) {
      const enc = get(props, "encrypted");
      if (!encryptedFlag(enc)) {
        fail("encrypted", enc, "set encrypted to true (with a KMS key).");
      }
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
    // Instance and launch configuration.
    runChecks(
      () => {
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
  }),
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

const keyPairDefaults = { allowSshKeyPair: false };

export const ec2NoKeyPair: ResourceValidationPolicy = {
  name: "ec2-no-key-pair",
  description:
    "ACC-2, IAM-1: Instances and launch templates carry no SSH key pair unless the profile enables SSH; shell access goes through SSM Session Manager.",
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

const publicDefaults = { maxPublicInstances: 0 };

export const ec2PublicInstancesLimit: StackValidationPolicy = {
  name: "ec2-public-instances-limit",
  description:
    "NET-2: No more EC2 instances with a public IP (associatePublicIpAddress, or an Elastic IP / EIP association on an instance or network interface) than the profile allows (production: 0; sandbox: a single public instance).",
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
    const instances = args.resources.filter((r) => r.type === INSTANCE);
    const publicOnes = new Map<string, { r: PolicyResource; why: string }>();
    for (const inst of instances) {
      const flag = peek(() => asBool(get(inst.props, "associatePublicIpAddress")));
      if (flag === true) {
        publicOnes.set(inst.urn, { r: inst, why: "associatePublicIpAddress true" });
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
        if (!publicOnes.has(target.urn)) {
          publicOnes.set(target.urn, { r: target, why: `Elastic IP '${r.name}' (${key})` });
        }
      }
    }
    if (publicOnes.size > max) {
      for (const { r, why } of publicOnes.values()) {
        report(
          `NET-2: '${r.name}' gives an instance a public IP (${why}); ${publicOnes.size} public instance(s) exceed the profile's maxPublicInstances ${max}, so move app instances to private subnets behind the ALB.`,
          r.urn,
        );
      }
    }
  },
};

// ---- APP-3 / IR-3: a pinned, reviewable AMI ---------------------------------------------------

/** `ami-` followed by 8 (legacy) or 17 hex digits: one concrete image, never a moving reference. */
export const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/i;

export const ec2AmiPinned: ResourceValidationPolicy = {
  name: "ec2-ami-pinned",
  description:
    "APP-3, IR-3: Instances (ami) and launch templates (imageId) name a concrete AMI ID (ami- and 8 or 17 hex digits), never a resolve:ssm: parameter that changes the image at launch time without a preview; an instance may omit ami only when it launches from a launch template.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([INSTANCE, LAUNCH_TEMPLATE], (props, args, report) => {
    const key = args.type === INSTANCE ? "ami" : "imageId";
    if (args.type === INSTANCE && !has(props, key) && has(props, "launchTemplate")) {
      return; // the template's imageId is judged on the launch template itself
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
  }),
};

export const ec2ShutdownPreservesEvidence: ResourceValidationPolicy = {
  name: "ec2-shutdown-preserves-evidence",
  description:
    "IR-2: Instances and launch templates keep instanceInitiatedShutdownBehavior at stop (the default), so a shutdown from inside the instance never terminates it and deletes its volumes before forensic snapshots are taken.",
  enforcementLevel: "mandatory",
  validateResource: forTypes([INSTANCE, LAUNCH_TEMPLATE], (props, args, report) => {
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
