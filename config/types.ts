/** The validated, frozen settings every component is built from. Produced only by `validateConfig`. */

export type Edition = "sandbox" | "production";
export type ComplianceProfile = "standard" | "regulated";
/**
 * `none`: no NAT gateway and no private subnet tier (nothing in the sandbox routes through one);
 * `single`: one NAT gateway in the first AZ; `perAz`: one per AZ, so an AZ outage keeps egress.
 */
export const NAT_GATEWAY_MODES = ["none", "single", "perAz"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];
/**
 * Production's ALB scheme, derived from `allowedCidr`: `internal` (private IPs in the private
 * subnets, reached over VPN or Direct Connect) for private client ranges, else `internet-facing`.
 */
export type AlbScheme = "internal" | "internet-facing";
/**
 * IAM-3: `create` builds the account's multi-region trail in this stack; `existing` relies on a
 * trail built elsewhere (the account's first-region stack, an organization trail, Control Tower).
 */
export const CLOUD_TRAIL_MODES = ["create", "existing"] as const;
export type CloudTrailMode = (typeof CLOUD_TRAIL_MODES)[number];

/**
 * What the production target group's health check asks for (README, Operations, "Roll a new AMI
 * (production)", "Health checks"): `liveness` is Spring Boot's liveness group, which no database
 * outage fails; `full` is `/actuator/health`, which includes the database, and which every instance
 * launched before the liveness group was enabled serves. An existing stack moves from `full` to
 * `liveness` only after a rollout has put the instances that serve the liveness group in service.
 */
export const LOAD_BALANCER_HEALTH_CHECKS = ["liveness", "full"] as const;
export type LoadBalancerHealthCheck = (typeof LOAD_BALANCER_HEALTH_CHECKS)[number];

/** AWS-RunPatchBaseline's `RebootOption` values (APP-4). */
export type PatchRebootOption = "RebootIfNeeded" | "NoReboot";

export interface DomainSettings {
  /** Route 53 hosted zone, lowercase, no trailing dot (`example.com`). */
  readonly zoneName: string;
  /** Label in front of the zone (`decisions`). */
  readonly subdomain: string;
  /** `<subdomain>.<zoneName>`: the application's public host name (APP-2). */
  readonly fqdn: string;
}

export interface SshSettings {
  /** ACC-2: off unless asked for. */
  readonly enabled: boolean;
  /** EC2 key pair name; present exactly when `enabled`. */
  readonly keyName?: string;
}

export interface DatabaseSettings {
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  readonly maxAllocatedStorageGb: number;
  /** `16`, `17`, or a full `16.x`/`17.x`; a major alone lets RDS pick (and upgrade) the minor. */
  readonly engineVersion: string;
  /** Major version (`16`), which also names the parameter-group family (`postgres16`). */
  readonly engineMajorVersion: string;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  /** `hh24:mi-hh24:mi` UTC. */
  readonly backupWindow: string;
  /** `ddd:hh24:mi-ddd:hh24:mi` UTC. */
  readonly maintenanceWindow: string;
  readonly deletionProtection: boolean;
  /** RDS applies minor versions in the maintenance window; only with a major-only `engineVersion`. */
  readonly autoMinorVersionUpgrade: boolean;
  /** Lets a change of the major version through (set for the one `up` of a major upgrade). */
  readonly allowMajorVersionUpgrade: boolean;
  /** Apply instance changes at this `up` instead of the maintenance window (one-shot). */
  readonly applyImmediately: boolean;
  /** Secrets Manager `cron()` that opens the master secret's rotation window (APP-1). */
  readonly secretRotationSchedule: string;
  /** Length of that window in hours (Secrets Manager `Duration`). */
  readonly secretRotationWindowHours: number;
}

export interface Settings {
  readonly project: string;
  /** The Pulumi stack's name (messages only: names derive from `stackLabel`). */
  readonly stack: string;
  /**
   * What every logical and physical name, tag and metric namespace derives from (components/shared/names.ts):
   * `decision-control:stackLabel` when pinned (a renamed stack keeps its old name there), else the
   * stack's name.
   */
  readonly stackLabel: string;
  /** `aws:region`, always one of `allowedRegions` (CMP-1). */
  readonly region: string;
  readonly edition: Edition;
  readonly complianceProfile: ComplianceProfile;
  /** NET-1: the only source of ingress besides port 80 where Let's Encrypt needs it. */
  readonly allowedCidr: string;
  /** Always IPv4: the VPC, subnets and load balancer are IPv4-only, so validation refuses IPv6. */
  readonly allowedCidrKind: "ipv4";
  /**
   * How clients in `allowedCidr` reach the ALB (production; NET-1, NET-2). Derived by validation,
   * never re-derived by components. The sandbox has no ALB and refuses private client ranges.
   */
  readonly albScheme: AlbScheme;
  /** NET-2, set once at creation: the VPC's range (README, Operations, "Change the network layout"). */
  readonly vpcCidr: string;
  /**
   * NET-2, set once at creation: 2 or 3 zones of `region`, in subnet-slot order (zone i holds every
   * tier's subnet i). Only appending a zone is a safe change.
   */
  readonly availabilityZones: readonly string[];
  readonly natGateways: NatGatewayMode;
  readonly amiId: string;
  /**
   * Production only (the sandbox has no load balancer): the target group's health check path.
   * Changed only in the order of the README's two-phase procedure.
   */
  readonly loadBalancerHealthCheck?: LoadBalancerHealthCheck;
  /**
   * One-shot (production): lifts Pulumi `protect` and deletion protection on the load balancer, in
   * an `up` of its own before the `up` that replaces it (a scheme change). False otherwise.
   */
  readonly replaceLoadBalancer: boolean;
  readonly quarantine: boolean;
  readonly instanceType: string;
  readonly appInstanceCount: number;
  readonly domain?: DomainSettings;
  readonly ssh: SshSettings;
  readonly database: DatabaseSettings;
  readonly alarmEmail?: string;
  readonly logRetentionDays: number;
  readonly accountBaseline: boolean;
  readonly cloudTrail: CloudTrailMode;
  /** MON-3: the account baseline's recorder records IAM (global) types; one region per account. */
  readonly recordGlobalResourceTypes: boolean;
  readonly allowedRegions: readonly string[];
  readonly patchSchedule: string;
  /**
   * Lifts deletion protection and Pulumi `protect` so `pulumi destroy` can run; what the stack keeps
   * (KMS key, audit and access-log buckets with their configuration, log groups) stays retained.
   */
  readonly teardown: boolean;
}

/** One problem with the stack configuration; `key` is the full key, e.g. `decision-control:database.multiAz`. */
export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
}
