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
}

export interface Settings {
  readonly project: string;
  readonly stack: string;
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
  readonly vpcCidr: string;
  readonly availabilityZoneCount: 2 | 3;
  readonly natGateways: NatGatewayMode;
  readonly amiId: string;
  readonly quarantine: boolean;
  readonly instanceType: string;
  readonly appInstanceCount: number;
  readonly domain?: DomainSettings;
  readonly ssh: SshSettings;
  readonly database: DatabaseSettings;
  readonly alarmEmail?: string;
  readonly logRetentionDays: number;
  readonly accountBaseline: boolean;
  readonly allowedRegions: readonly string[];
  readonly patchSchedule: string;
}

/** One problem with the stack configuration; `key` is the full key, e.g. `decision-control:database.multiAz`. */
export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
}
