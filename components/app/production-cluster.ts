import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlbScheme, LoadBalancerHealthCheck } from "../../config/types";
import { elbLogDeliveryPrincipal } from "../shared/elb-log-delivery";
import { policyDocument } from "../shared/iam-documents";
import { targetDrainStatements } from "../shared/target-drain-access";
import { APP_HEALTH_PATH, APP_LIVENESS_PATH, LOAD_BALANCER_BASE_MAX_LENGTH } from "../shared/names";
import { APP_PORT, HTTP_PORT, HTTPS_PORT } from "../shared/ports";
import {
  HEALTH_CHECK_GRACE_PERIOD_SECONDS,
  InstanceRolloutSpec,
  REPLACEMENT_HEALTHY_PERCENTAGE,
} from "../shared/rollout";
import { createSecureBucket } from "../shared/secure-bucket";
import { StackIdentity } from "../shared/stack-identity";
import { dnsValidatedCertificate, PublicName, publicZoneId } from "./dns";
import {
  LaunchSettings,
  launchTemplateLaunchArgs,
  launchTemplateTagSpecifications,
} from "./launch-settings";
import { renderUserData } from "./user-data";

/**
 * APP-2: TLS 1.3 and 1.2 with only the strong (AEAD, forward-secret) TLS 1.2 ciphers, plus hybrid
 * post-quantum key exchange for clients that offer it: AWS's recommended policy (ALB guide,
 * "Security policies") and the console default.
 */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/** Prefix under which the ALB writes its access logs (AWS appends `AWSLogs/<account>/...`). */
export const ALB_LOG_PREFIX = "alb";

/**
 * The target group's health-check path per `decision-control:loadBalancerHealthCheck`. Liveness,
 * not full health, is the goal: `healthCheckType: "ELB"` replaces every instance that fails the
 * check, and the full health includes the database, so a Multi-AZ failover, a minor version
 * upgrade or an RDS restart would fail all targets at once and the group would terminate the whole
 * fleet (database trouble shows in the 5xx and database alarms instead). But the path changes in
 * place at `up`, before any instance serves the liveness group, so an existing stack keeps `full`
 * until a rollout has put it in service (config/load-balancer.ts).
 */
export const HEALTH_CHECK_PATHS: Readonly<Record<LoadBalancerHealthCheck, string>> = {
  liveness: APP_LIVENESS_PATH,
  full: APP_HEALTH_PATH,
};

/** Seconds the ALB lets in-flight requests finish on a deregistered host (hosts wait it out too). */
export const DEREGISTRATION_DELAY_SECONDS = 60;

/** The region: the ELB log-delivery principal and the hosts' AWS endpoints are regional. */
export interface ProductionClusterArgs extends Pick<StackIdentity, "region"> {
  /**
   * Base of the load balancer's and target group's logical names (`<base>-alb`, `<base>-tg`), at
   * most 20 characters: pulumi-aws autonames them to at most 32, ELB's limit (`loadBalancerBase`
   * in components/shared/names.ts).
   */
  readonly loadBalancerBase: string;
  /** The shared launch settings (APP-3, IAM-1, DATA-1, ACC-2). */
  readonly launch: LaunchSettings;
  readonly vpcId: pulumi.Input<string>;
  /**
   * NET-1, NET-2: `internet-facing` puts the ALB in the public subnets; `internal` (private client
   * ranges, reached over VPN or Direct Connect) gives it private addresses only, in the private
   * subnets. From `Settings.albScheme`; changing it replaces the ALB (the scheme is fixed at create).
   */
  readonly albScheme: AlbScheme;
  /**
   * What the target group's health check asks for (`HEALTH_CHECK_PATHS`); from
   * `Settings.loadBalancerHealthCheck`. Switch an existing stack to `liveness` only after a rollout.
   */
  readonly healthCheck: LoadBalancerHealthCheck;
  /** An internet-facing ALB's subnets, in at least two AZs (NET-2). */
  readonly publicSubnetIds: pulumi.Input<string>[];
  /** The app instances' subnets, and an internal ALB's: no public IPs, egress through NAT (NET-2). */
  readonly privateSubnetIds: pulumi.Input<string>[];
  readonly loadBalancerSecurityGroupId: pulumi.Input<string>;
  readonly appSecurityGroupId: pulumi.Input<string>;
  /** APP-2: the public name; its certificate is validated by DNS in the zone. */
  readonly domain: PublicName;
  /** Instances in the group, min = max = desired. */
  readonly instanceCount: number;
  readonly databaseAddress: pulumi.Input<string>;
  /** ARN of the RDS-managed master secret (APP-1); the host reads the value at start. */
  readonly databaseSecretArn: pulumi.Input<string>;
  /** ALB access-log retention in days (CMP-3). */
  readonly logRetentionDays: number;
  /**
   * Seconds before ELB health checks count against a new instance, also the rollout's instance
   * warmup and the base of the rollout's unhealthy-host alarm window. Default
   * `HEALTH_CHECK_GRACE_PERIOD_SECONDS` (600).
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * The stack's identity tags (`stackTags`, the provider's default tags). pulumi-aws does
   * not apply default tags to launch-template tag specifications nor to Auto Scaling group tags, so
   * the cluster puts them there itself.
   */
  readonly stackTags: Readonly<Record<string, string>>;
  /** Extra instance tags, e.g. the patch group (APP-4). */
  readonly tags?: Record<string, string>;
  /**
   * The instance role's name: it gets DeregisterTargets/RegisterTargets on this target group only,
   * so a host can leave the ALB around the restart a secret rotation needs (IAM-2, APP-1).
   */
  readonly instanceRoleName: pulumi.Input<string>;
  /**
   * Lifts the ALB's `protect` and deletion protection and the log bucket's `protect` (the bucket
   * stays). Default false.
   */
  readonly teardown?: boolean;
  /**
   * One-shot: lifts the ALB's `protect` and deletion protection (nothing else), in an `up` before
   * the one that replaces it. Default false.
   */
  readonly replaceLoadBalancer?: boolean;
  /**
   * The log groups the hosts' CloudWatch agent ships to (MON-2). Wired from `AppLogGroups` so no
   * host starts before they exist; otherwise the agent would create them unencrypted.
   */
  readonly logGroups: pulumi.Input<{ application: string; system: string }>;
}

/**
 * The production edition's app tier (NET-1, NET-2, APP-2, APP-3, DATA-1): an ALB, internet-facing in
 * the public subnets or internal in the private subnets as `albScheme` says, with an ACM certificate
 * validated by DNS, HTTP only redirecting to HTTPS, access logs to a private bucket; app instances
 * without public IPs in the private subnets, in an Auto Scaling group that replaces instances
 * launch-before-terminate. A launch-template change (a new AMI, new user data) makes a new version,
 * which `rollout` describes and the rollout command rolls out with auto rollback (tools/rollout).
 */
/** Refuses args no ALB and Auto Scaling group can be built from. Pure: registers nothing. */
export function validateProductionClusterArgs(
  name: string,
  args: Pick<ProductionClusterArgs, "publicSubnetIds" | "privateSubnetIds" | "loadBalancerBase">,
): void {
  if (args.publicSubnetIds.length < 2 || args.privateSubnetIds.length < 2) {
    throw new Error(
      `${name}: an ALB and a resilient Auto Scaling group need subnets in at least two AZs (NET-2).`,
    );
  }
  if (args.loadBalancerBase.length > LOAD_BALANCER_BASE_MAX_LENGTH) {
    throw new Error(
      `${name}: loadBalancerBase "${args.loadBalancerBase}" is longer than ${LOAD_BALANCER_BASE_MAX_LENGTH} characters; the autonamed load balancer would exceed ELB's 32.`,
    );
  }
}

export class ProductionCluster extends pulumi.ComponentResource {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly autoScalingGroup: aws.autoscaling.Group;
  readonly accessLogBucket: aws.s3.Bucket;
  /** `https://<fqdn>`. */
  readonly url: string;
  readonly loadBalancerDnsName: pulumi.Output<string>;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of ALB metrics (MON-1). */
  readonly loadBalancerArnSuffix: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension of ALB metrics (MON-1). */
  readonly targetGroupArnSuffix: pulumi.Output<string>;
  readonly autoScalingGroupName: pulumi.Output<string>;
  /** APP-3, IR-3: what `npm run roll-instances` rolls out, without the alarms (Monitoring's). */
  readonly rollout: pulumi.Output<Omit<InstanceRolloutSpec, "alarmNames">>;
  /** The group's health check grace period: Monitoring sizes the rollout alarm's window on it. */
  readonly healthCheckGracePeriodSeconds: number;

  constructor(name: string, args: ProductionClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    validateProductionClusterArgs(name, args);
    super("decision-control:app:ProductionCluster", name, {}, opts);
    const parent = { parent: this };
    this.url = `https://${args.domain.fqdn}`;

    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const logs = createSecureBucket(
      `${name}-alb-logs`,
      {
        // ALB access logs support only SSE-S3 (ELB user guide, "Enable access logs", bucket requirements).
        encryption: { kind: "SSE-S3" },
        expirationDays: args.logRetentionDays,
        teardown: args.teardown,
        statements: (bucketArn) => [
          {
            Sid: "ElbWritesAccessLogs",
            Effect: "Allow",
            Principal: elbLogDeliveryPrincipal(args.region, parent),
            Action: "s3:PutObject",
            // Only this account's load balancers: another account could otherwise write here.
            Resource: pulumi.interpolate`${bucketArn}/${ALB_LOG_PREFIX}/AWSLogs/${accountId}/*`,
          },
        ],
      },
      this,
    );
    this.accessLogBucket = logs.bucket;

    // Protected, so a change that would replace the ALB (a new scheme) fails when Pulumi plans it,
    // before the listeners are deleted. Unprotected, the replacement (delete before create) would
    // delete the listeners and then fail on the ALB's deletion protection, leaving the app offline.
    const loadBalancerUnprotected = (args.teardown ?? false) || (args.replaceLoadBalancer ?? false);

    this.loadBalancer = new aws.lb.LoadBalancer(
      `${args.loadBalancerBase}-alb`,
      {
        loadBalancerType: "application",
        internal: args.albScheme === "internal",
        subnets: args.albScheme === "internal" ? args.privateSubnetIds : args.publicSubnetIds,
        securityGroups: [args.loadBalancerSecurityGroupId],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: !loadBalancerUnprotected,
        desyncMitigationMode: "defensive",
        accessLogs: { bucket: logs.bucket.id, prefix: ALB_LOG_PREFIX, enabled: true },
        tags: { Name: `${name}-alb` },
      },
      {
        parent: this,
        protect: !loadBalancerUnprotected,
        // ELB checks it can write to the bucket when access logs are enabled.
        dependsOn: logs.ready,
        // A replacement (a new scheme is fixed at create) must free the target group first: it can
        // serve one load balancer at a time (ELB quotas, "Load balancers per target group": 1), so
        // a new ALB's listener could not forward to it while the old one exists.
        deleteBeforeReplace: true,
      },
    );

    this.targetGroup = new aws.lb.TargetGroup(
      `${args.loadBalancerBase}-tg`,
      {
        vpcId: args.vpcId,
        targetType: "instance",
        port: APP_PORT,
        protocol: "HTTP",
        deregistrationDelay: DEREGISTRATION_DELAY_SECONDS,
        healthCheck: {
          enabled: true,
          path: HEALTH_CHECK_PATHS[args.healthCheck],
          port: "traffic-port",
          protocol: "HTTP",
          matcher: "200",
          interval: 30,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        tags: { Name: `${name}-targets` },
      },
      parent,
    );

    const zoneId = publicZoneId(args.domain.zoneName, this);
    const certificate = dnsValidatedCertificate(name, { fqdn: args.domain.fqdn, zoneId }, this);
    new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: HTTPS_PORT,
        protocol: "HTTPS",
        sslPolicy: ALB_TLS_POLICY,
        certificateArn: certificate.certificateArn,
        defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      },
      parent,
    );
    // APP-2: plain HTTP never reaches the app; it only learns where HTTPS is.
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: HTTP_PORT,
        protocol: "HTTP",
        defaultActions: [
          {
            type: "redirect",
            redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" },
          },
        ],
      },
      parent,
    );
    new aws.route53.Record(
      `${name}-dns`,
      {
        zoneId,
        name: args.domain.fqdn,
        type: "A",
        aliases: [
          {
            name: this.loadBalancer.dnsName,
            zoneId: this.loadBalancer.zoneId,
            evaluateTargetHealth: true,
          },
        ],
      },
      parent,
    );

    // The root device name comes from the AMI itself, so the encrypted mapping shapes the root volume.
    const rootDeviceName = aws.ec2.getAmiOutput(
      { filters: [{ name: "image-id", values: [args.launch.amiId] }], includeDeprecated: true },
      parent,
    ).rootDeviceName;
    new aws.iam.RolePolicy(
      `${name}-drain`,
      {
        role: args.instanceRoleName,
        policy: policyDocument(targetDrainStatements(this.targetGroup.arn)),
      },
      parent,
    );
    const userData = pulumi
      .all([args.databaseAddress, args.databaseSecretArn, args.logGroups, this.targetGroup.arn])
      .apply(([databaseAddress, databaseSecretArn, logGroups, targetGroupArn]) =>
        Buffer.from(
          renderUserData({
            region: args.region,
            databaseAddress,
            databaseSecretArn,
            restartDrain: {
              targetGroupArn,
              deregistrationDelaySeconds: DEREGISTRATION_DELAY_SECONDS,
            },
            appUrl: this.url,
            tls: { mode: "load-balancer" },
            logGroups,
          }),
        ).toString("base64"),
      );
    this.launchTemplate = new aws.ec2.LaunchTemplate(
      `${name}-template`,
      {
        description:
          "Decision Control app instances (APP-3: the pinned AMI; a change rolls out by instance refresh)",
        ...launchTemplateLaunchArgs(args.launch, rootDeviceName),
        // NET-2: private subnets and no public address, whatever the subnet's default.
        networkInterfaces: [
          {
            deviceIndex: 0,
            associatePublicIpAddress: "false",
            securityGroups: [args.appSecurityGroupId],
            deleteOnTermination: "true",
          },
        ],
        userData,
        updateDefaultVersion: true,
        tagSpecifications: launchTemplateTagSpecifications(name, {
          stack: args.stackTags,
          instance: args.tags,
        }),
        tags: { Name: `${name}-template` },
      },
      parent,
    );

    const gracePeriodSeconds =
      args.healthCheckGracePeriodSeconds ?? HEALTH_CHECK_GRACE_PERIOD_SECONDS;
    this.healthCheckGracePeriodSeconds = gracePeriodSeconds;
    this.autoScalingGroup = new aws.autoscaling.Group(
      `${name}-group`,
      {
        vpcZoneIdentifiers: args.privateSubnetIds,
        minSize: args.instanceCount,
        maxSize: args.instanceCount,
        desiredCapacity: args.instanceCount,
        // A numbered version (rollback needs one). Set at creation only: later versions reach the
        // group through the rollout's instance refresh, which saves its desired configuration on
        // the group when it succeeds (see ignoreChanges below and components/shared/rollout.ts).
        launchTemplate: {
          id: this.launchTemplate.id,
          version: pulumi.interpolate`${this.launchTemplate.latestVersion}`,
        },
        targetGroupArns: [this.targetGroup.arn],
        healthCheckType: "ELB",
        healthCheckGracePeriod: gracePeriodSeconds,
        // Every replacement, a failed health check's included, launches the new instance and waits
        // for it to be healthy before the old one is terminated.
        instanceMaintenancePolicy: {
          minHealthyPercentage: REPLACEMENT_HEALTHY_PERCENTAGE.minimum,
          maxHealthyPercentage: REPLACEMENT_HEALTHY_PERCENTAGE.maximum,
        },
        enabledMetrics: [
          "GroupInServiceInstances",
          "GroupDesiredCapacity",
          "GroupTerminatingInstances",
        ],
        // The group itself carries the stack tags (default tags never reach it). Instances and their
        // volumes get theirs from the launch template alone, so none is propagated from here.
        tags: Object.entries({ ...args.stackTags, Name: `${name}-group` }).map(([key, value]) => ({
          key,
          value,
          propagateAtLaunch: false,
        })),
      },
      {
        parent: this,
        // No `instanceRefresh` and no version updates: pulumi-aws would save the new version on the
        // group before starting the refresh, which makes its auto rollback roll back to the new
        // version (terraform-provider-aws issue 34189). The rollout command owns the version after
        // creation. A replaced launch template (new id) would need the version reset by hand.
        ignoreChanges: ["launchTemplate.version"],
      },
    );

    this.loadBalancerDnsName = this.loadBalancer.dnsName;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;
    this.targetGroupArn = this.targetGroup.arn;
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
    this.autoScalingGroupName = this.autoScalingGroup.name;
    this.rollout = pulumi
      .all([this.autoScalingGroup.name, this.launchTemplate.id, this.launchTemplate.latestVersion])
      .apply(([autoScalingGroupName, launchTemplateId, latestVersion]) => ({
        autoScalingGroupName,
        launchTemplateId,
        launchTemplateVersion: String(latestVersion),
        instanceWarmupSeconds: gracePeriodSeconds,
      }));
    this.registerOutputs({
      url: this.url,
      loadBalancerDnsName: this.loadBalancerDnsName,
      loadBalancerArnSuffix: this.loadBalancerArnSuffix,
      targetGroupArnSuffix: this.targetGroupArnSuffix,
      autoScalingGroupName: this.autoScalingGroupName,
    });
  }
}
