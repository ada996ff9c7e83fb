import {
  CloudTrailMode,
  ComplianceProfile,
  Edition,
  LoadBalancerHealthCheck,
  NatGatewayMode,
  PatchRebootOption,
} from "./types";
import { CATALOGUE, Catalogue } from "../policy-pack/controls";

/**
 * Every edition-dependent default and floor, in one table (conventions: no scattered
 * `if (edition === ...)`). A stack may tighten these; validation refuses to loosen a floor.
 */
export interface EditionProfile {
  /**
   * The `vpcCidr` the edition gave a stack before the key became required (set once, NET-2). Only
   * named in the error for a missing `vpcCidr`: a stack created before must set exactly this range.
   */
  readonly legacyVpcCidr: string;
  /**
   * Longest VPC prefix accepted. Each subnet is 1/16th of the VPC, and an ALB needs subnets of /27
   * or larger (ELB guide, "Subnets for your load balancer"), so production stops at /23 (NET-2).
   */
  readonly maxVpcPrefixLength: number;
  readonly natGateways: NatGatewayMode;
  /**
   * NET-2: the app instances live in private subnets and reach SSM, Secrets Manager, CloudWatch and
   * the OS mirrors only through NAT, so `natGateways: none` is refused. The sandbox's instance is
   * public and its database isolated: nothing there routes through NAT.
   */
  readonly appTierUsesNat: boolean;
  readonly instanceType: string;
  readonly appInstanceCount: number;
  readonly appInstanceCountRange: readonly [number, number];
  readonly domainRequired: boolean;
  readonly alarmEmailRequired: boolean;
  readonly quarantineAccepted: boolean;
  /**
   * The load balancer's health check when `loadBalancerHealthCheck` is unset; undefined where the
   * edition has no load balancer (the key is refused). Production defaults to `full`, which every
   * instance serves whatever launch-template version it runs, so an existing stack never switches
   * to a path its running instances lack (config/load-balancer.ts).
   */
  readonly loadBalancerHealthCheck?: LoadBalancerHealthCheck;
  /** MON-2 / CMP-3 */
  readonly logRetentionDays: number;
  /**
   * APP-4: what AWS-RunPatchBaseline may do after installing. `NoReboot` where instances sit in an
   * Auto Scaling group with ELB health checks: a reboot fails the load balancer's check and the
   * group replaces the instance from the unpatched AMI (patches that need a reboot, kernels, arrive
   * with a new AMI instead; README "OS patching"). The sandbox's single instance reboots in its
   * patch window.
   */
  readonly patchRebootOption: PatchRebootOption;
  readonly database: {
    readonly instanceClass: string;
    readonly allocatedStorageGb: number;
    /** DATA-3 */
    readonly backupRetentionDays: number;
    /** DATA-4: production refuses `multiAz: false`. */
    readonly multiAz: boolean;
    readonly multiAzRequired: boolean;
    readonly deletionProtectionRequired: boolean;
  };
}

/** What an edition sets beyond the catalogue's controls: sizes, layout and switches. */
type EditionShape = Omit<EditionProfile, "logRetentionDays" | "database"> & {
  readonly database: Omit<
    EditionProfile["database"],
    "backupRetentionDays" | "multiAz" | "multiAzRequired" | "deletionProtectionRequired"
  >;
};

const SHAPES: Readonly<Record<Edition, EditionShape>> = {
  sandbox: {
    legacyVpcCidr: "10.20.0.0/16",
    maxVpcPrefixLength: 24,
    natGateways: "none",
    appTierUsesNat: false,
    instanceType: "t3.medium",
    appInstanceCount: 1,
    appInstanceCountRange: [1, 1],
    domainRequired: false,
    alarmEmailRequired: false,
    quarantineAccepted: true,
    patchRebootOption: "RebootIfNeeded",
    database: {
      instanceClass: "db.t4g.micro",
      allocatedStorageGb: 20,
    },
  },
  production: {
    legacyVpcCidr: "10.30.0.0/16",
    maxVpcPrefixLength: 23,
    natGateways: "perAz",
    appTierUsesNat: true,
    instanceType: "m5.xlarge",
    appInstanceCount: 2,
    appInstanceCountRange: [2, 10],
    domainRequired: true,
    alarmEmailRequired: true,
    quarantineAccepted: false,
    loadBalancerHealthCheck: "full",
    patchRebootOption: "NoReboot",
    database: {
      instanceClass: "db.m6g.large",
      allocatedStorageGb: 100,
    },
  },
};

/**
 * The editions with the control catalogue's floors and defaults (DATA-3, DATA-4, MON-2) filled in:
 * a catalogue change moves the validation floors and the defaults together.
 */
export function editionsFrom(catalogue: Catalogue): Readonly<Record<Edition, EditionProfile>> {
  const { controls } = catalogue;
  const profile = (edition: Edition): EditionProfile => ({
    ...SHAPES[edition],
    logRetentionDays: controls["MON-2"].values.minLogRetentionDays[edition],
    database: {
      ...SHAPES[edition].database,
      backupRetentionDays: controls["DATA-3"].values.minBackupRetentionDays[edition],
      multiAz: controls["DATA-4"].values.multiAzRequired[edition],
      multiAzRequired: controls["DATA-4"].values.multiAzRequired[edition],
      deletionProtectionRequired: controls["DATA-3"].values.deletionProtectionRequired[edition],
    },
  });
  return { sandbox: profile("sandbox"), production: profile("production") };
}

export const EDITIONS: Readonly<Record<Edition, EditionProfile>> = editionsFrom(CATALOGUE);

export type ComplianceFloors = Readonly<
  Record<
    ComplianceProfile,
    { readonly backupRetentionDays: number; readonly logRetentionDays: number }
  >
>;

/** Floors a compliance profile raises above the edition's (DATA-3, MON-2, CMP-3). */
export function complianceFloorsFrom(catalogue: Catalogue): ComplianceFloors {
  const backup = catalogue.controls["DATA-3"].values.complianceMinBackupRetentionDays;
  const logs = catalogue.controls["MON-2"].values.complianceMinLogRetentionDays;
  return {
    standard: { backupRetentionDays: backup.standard, logRetentionDays: logs.standard },
    regulated: { backupRetentionDays: backup.regulated, logRetentionDays: logs.regulated },
  };
}

export const COMPLIANCE_FLOORS: ComplianceFloors = complianceFloorsFrom(CATALOGUE);

/** Defaults shared by both editions. */
export const COMMON_DEFAULTS = {
  complianceProfile: "standard" as ComplianceProfile,
  accountBaseline: true,
  cloudTrail: "create" as CloudTrailMode,
  recordGlobalResourceTypes: true,
  /**
   * Sundays 02:00 UTC: the patch run (up to an hour, config/patch-window.ts) ends before the
   * database maintenance window opens at 03:30.
   */
  patchSchedule: "cron(0 2 ? * SUN *)",
  database: {
    engineVersion: "16",
    /** Low-traffic hours (UTC); the maintenance window follows it without overlap. */
    backupWindow: "02:00-03:00",
    maintenanceWindow: "sun:03:30-sun:04:30",
    deletionProtection: true,
    storageAutoscalingFactor: 5,
    /** With a major-only engineVersion, RDS keeps the minor current in the maintenance window. */
    autoMinorVersionUpgrade: true,
    /**
     * APP-1: 05:00 UTC on the first Sunday of each month (at most 35 days apart), one hour: after
     * the backup (02:00-03:00) and maintenance (sun:03:30-04:30) windows and the patch run (03:00).
     */
    secretRotationSchedule: "cron(0 5 ? * SUN#1 *)",
    secretRotationWindowHours: 1,
  },
  maxBackupRetentionDays: CATALOGUE.controls["DATA-3"].values.maxBackupRetentionDays,
} as const;

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];
