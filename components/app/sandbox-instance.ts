import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { QUARANTINE_TAG_KEYS } from "../shared/quarantine-tags";
import { StackIdentity } from "../shared/stack-identity";
import { CertificateStore } from "./certificate-store";
import { PublicName, publicZoneId } from "./dns";
import { instanceLaunchArgs, LaunchSettings } from "./launch-settings";
import { interfaceSecurityGroups, isolatedInstanceTags, LIVE_INSTANCE_STATES } from "./quarantine";
import { HostTls, renderUserData } from "./user-data";

/** The region: the host's AWS endpoints and the certificate store's policy are regional. */
export interface SandboxInstanceArgs extends Pick<StackIdentity, "region"> {
  /** The shared launch settings (APP-3, IAM-1, DATA-1, ACC-2). */
  readonly launch: LaunchSettings;
  /** A public subnet: the sandbox edition's single instance is reachable through its Elastic IP (NET-2). */
  readonly subnetId: pulumi.Input<string>;
  /** The app security group (NET-1, NET-4). */
  readonly appSecurityGroupId: pulumi.Input<string>;
  /** IR-1: the empty quarantine group. */
  readonly quarantineSecurityGroupId: pulumi.Input<string>;
  /**
   * IR-1/IR-2: the program agrees with `npm run incident -- isolate`, which has snapshotted the
   * instance, cut its open connections and left only the quarantine group on its interface: the
   * program snapshots the root volume too and declares the quarantine group. Refused until the
   * command has run; while it has, `false` is refused (see ./quarantine.ts). Default false.
   */
  readonly quarantine?: boolean;
  /** APP-2: with a domain, Let's Encrypt and a Route 53 A record; without, a self-signed certificate. */
  readonly domain?: PublicName;
  /** Let's Encrypt account contact (expiry notices). Default none. */
  readonly acmeContactEmail?: string;
  /** The stack key: with a domain, the stored certificate is encrypted with it (APP-2, CMP-2). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The instance role: with a domain, granted get/put on the certificate's secret only (IAM-2). */
  readonly instanceRoleName: pulumi.Input<string>;
  readonly databaseAddress: pulumi.Input<string>;
  /** ARN of the RDS-managed master secret (APP-1); the host reads the value at start. */
  readonly databaseSecretArn: pulumi.Input<string>;
  /** Extra instance tags, e.g. the patch group (APP-4). */
  readonly tags?: Record<string, string>;
  /**
   * The log groups the host's CloudWatch agent ships to (MON-2). Wired from `AppLogGroups` so the
   * host starts only after they exist; otherwise the agent would create them unencrypted.
   */
  readonly logGroups: pulumi.Input<{ application: string; system: string }>;
}

/**
 * The sandbox edition's single app host (NET-2, APP-2, IR-1): one instance in a public subnet with
 * an Elastic IP, HTTPS terminated on the instance by nginx. Its security groups live on a separate
 * network interface, so quarantine (IR-1) changes only that interface, after snapshotting the root
 * volume (IR-2). With a domain, its Let's Encrypt certificate is kept in a `CertificateStore`, so a
 * replacement instance serves it from its first boot (README, "Sandbox replacement").
 */
export class SandboxInstance extends pulumi.ComponentResource {
  readonly instance: aws.ec2.Instance;
  readonly instanceId: pulumi.Output<string>;
  readonly networkInterface: aws.ec2.NetworkInterface;
  readonly elasticIp: aws.ec2.Eip;
  readonly publicIp: pulumi.Output<string>;
  /** `https://<fqdn>` or `https://<elastic ip>`. */
  readonly url: pulumi.Output<string>;
  readonly rootVolumeId: pulumi.Output<string>;
  /** Every EBS volume of the instance (the root volume; IR-2 snapshots these). */
  readonly volumeIds: pulumi.Output<string[]>;
  /** IR-2: the forensic snapshot taken when `quarantine` is true. */
  readonly quarantineSnapshot?: aws.ebs.Snapshot;
  /** APP-2: with a domain, the secret the host keeps its Let's Encrypt certificate in. */
  readonly certificateStore?: CertificateStore;

  constructor(name: string, args: SandboxInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("decision-control:app:SandboxInstance", name, {}, opts);
    const parent = { parent: this };
    const quarantine = args.quarantine ?? false;

    // Allocated before the instance so the app can be told its public URL in user data.
    this.elasticIp = new aws.ec2.Eip(
      `${name}-eip`,
      { domain: "vpc", tags: { Name: `${name}-eip` } },
      parent,
    );
    this.publicIp = this.elasticIp.publicIp;
    this.url = args.domain
      ? pulumi.output(`https://${args.domain.fqdn}`)
      : pulumi.interpolate`https://${this.publicIp}`;

    // IR-1: the isolate command tags the instance it cut off; the groups declared here must agree
    // with it, and nothing of the quarantine path is created while they do not.
    const isolatedByCommand = aws.ec2.getInstancesOutput(
      { instanceTags: isolatedInstanceTags(name), instanceStateNames: LIVE_INSTANCE_STATES },
      parent,
    ).ids;
    const interfaceGroups = pulumi
      .all([isolatedByCommand, args.appSecurityGroupId, args.quarantineSecurityGroupId])
      .apply(([ids, appSecurityGroupId, quarantineSecurityGroupId]) =>
        interfaceSecurityGroups({
          name,
          quarantine,
          isolatedByCommand: ids,
          appSecurityGroupId,
          quarantineSecurityGroupId,
        }),
      );

    // IR-2: forensics first. The volume is found by the instance's Name tag rather than through the
    // instance resource, whose network interface is the thing this snapshot must precede.
    if (quarantine) {
      const volumeId = aws.ec2
        .getInstanceOutput(
          {
            instanceTags: { Name: name },
            filters: [{ name: "instance-state-name", values: LIVE_INSTANCE_STATES }],
          },
          parent,
        )
        .rootBlockDevices.apply((devices) => {
          const id = devices[0]?.volumeId;
          if (!id) {
            throw new Error(
              `${name}: quarantine needs the running instance's root volume; none found (deploy without quarantine first).`,
            );
          }
          return id;
        });
      this.quarantineSnapshot = new aws.ebs.Snapshot(
        `${name}-quarantine-root`,
        {
          // Waits for the agreement check above, so a refused update creates no snapshot either.
          volumeId: pulumi.all([volumeId, interfaceGroups]).apply(([id]) => id),
          description: `IR-2: root volume of ${name} before quarantine`,
          tags: {
            Name: `${name}-quarantine-root`,
            Reason: "quarantine",
            QuarantinedAt: new Date().toISOString(),
          },
        },
        {
          parent: this,
          // Evidence outlives the incident: releasing quarantine must not delete the snapshot.
          retainOnDelete: true,
          // The timestamp is the moment the snapshot was created; later runs must not rewrite it.
          ignoreChanges: ["tags.QuarantinedAt"],
        },
      );
    }

    this.networkInterface = new aws.ec2.NetworkInterface(
      `${name}-eni`,
      {
        subnetId: args.subnetId,
        description: `${name}: primary interface; its security groups are the IR-1 switch`,
        securityGroups: interfaceGroups,
        tags: { Name: `${name}-eni` },
      },
      { parent: this, dependsOn: this.quarantineSnapshot ? [this.quarantineSnapshot] : [] },
    );

    // APP-2: the certificate outlives the instance, so a replacement serves it from its first boot.
    this.certificateStore = args.domain
      ? new CertificateStore(
          `${name}-certificate`,
          {
            fqdn: args.domain.fqdn,
            kmsKeyArn: args.kmsKeyArn,
            instanceRoleName: args.instanceRoleName,
            region: args.region,
          },
          parent,
        )
      : undefined;
    const domain = args.domain;
    const store = this.certificateStore;
    const tls: pulumi.Output<HostTls> =
      domain && store
        ? store.secretArn.apply((certificateSecretArn): HostTls => ({
            mode: "letsencrypt",
            fqdn: domain.fqdn,
            contactEmail: args.acmeContactEmail,
            certificateSecretArn,
          }))
        : this.publicIp.apply((ipAddress): HostTls => ({ mode: "self-signed", ipAddress }));
    const userData = pulumi
      .all([args.databaseAddress, args.databaseSecretArn, this.url, tls, args.logGroups])
      .apply(([databaseAddress, databaseSecretArn, appUrl, hostTls, logGroups]) =>
        renderUserData({
          region: args.region,
          databaseAddress,
          databaseSecretArn,
          appUrl,
          tls: hostTls,
          logGroups,
        }),
      );

    this.instance = new aws.ec2.Instance(
      `${name}-instance`,
      {
        ...instanceLaunchArgs(args.launch),
        // The interface (with its Elastic IP and security groups) outlives the instance, e.g. an AMI change.
        primaryNetworkInterface: {
          networkInterfaceId: this.networkInterface.id,
          deleteOnTermination: false,
        },
        userData,
        // User data runs on first boot only (EC2 guide: changed user data is not run on a restart),
        // so a change (new DB endpoint, AMI settings) replaces the instance; the ENI, its Elastic IP
        // and security groups survive the replacement.
        userDataReplaceOnChange: true,
        volumeTags: { Name: `${name}-root` },
        tags: { ...args.tags, Name: name },
      },
      {
        parent: this,
        // A replacement (new AMI) can only attach the interface once the old instance has released it.
        deleteBeforeReplace: true,
        // IR-1: the isolate command's tags are evidence; a refresh followed by an update must keep them.
        ignoreChanges: QUARANTINE_TAG_KEYS.map((key) => `tags.${key}`),
        // The host restores (or stores) its certificate at first boot: the role must allow it by then.
        dependsOn: this.certificateStore ? [this.certificateStore.access] : [],
      },
    );
    this.instanceId = this.instance.id;

    new aws.ec2.EipAssociation(
      `${name}-eip`,
      { allocationId: this.elasticIp.allocationId, networkInterfaceId: this.networkInterface.id },
      { parent: this, dependsOn: [this.instance] },
    );

    if (args.domain) {
      new aws.route53.Record(
        `${name}-dns`,
        {
          zoneId: publicZoneId(args.domain.zoneName, this),
          name: args.domain.fqdn,
          type: "A",
          ttl: 300,
          records: [this.publicIp],
        },
        parent,
      );
    }

    this.rootVolumeId = this.instance.rootBlockDevice.apply((device) => device?.volumeId ?? "");
    this.volumeIds = pulumi
      .all([this.instance.rootBlockDevice, this.instance.ebsBlockDevices])
      .apply(([root, ebs]) =>
        [root?.volumeId, ...(ebs ?? []).map((device) => device.volumeId)].filter(
          (id): id is string => !!id,
        ),
      );

    this.registerOutputs({
      instanceId: this.instanceId,
      publicIp: this.publicIp,
      url: this.url,
      volumeIds: this.volumeIds,
    });
  }
}
