/**
 * Turns the raw stack configuration into validated, frozen `Settings`, or throws a `ConfigError`
 * listing every problem at once, each starting with its full key. Pure: no Pulumi runtime calls,
 * so it runs before any resource is registered and is unit-tested without mocks.
 */
import { z } from "zod";
import { isSingleHost, parseCidr } from "../policy-pack/lib/cidr";
import {
  albSchemeFor,
  clientNetwork,
  clientNetworkIssue,
  clientRangeOverlapsVpcWarning,
} from "./client-network";
import { COMMON_DEFAULTS, COMPLIANCE_FLOORS, EDITIONS } from "./editions";
import { validateLoadBalancer } from "./load-balancer";
import { NETWORK_RUNBOOK, networkLayoutIssues } from "./network-layout";
import { patchWindowIssue } from "./patch-window";
import * as rules from "./rules";
import {
  parseRotationSchedule,
  rotationIntervals,
  rotationScheduleProblem,
  rotationWindowProblem,
} from "./rotation-schedule";
import {
  CLOUD_TRAIL_MODES,
  CloudTrailMode,
  ConfigIssue,
  DatabaseSettings,
  DomainSettings,
  Edition,
  NAT_GATEWAY_MODES,
  Settings,
  SshSettings,
} from "./types";

export const PROJECT_NAME = "decision-control";

export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((issue) => `${issue.key}: ${issue.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

const integer = z
  .number({ error: "must be a whole number" })
  .int({ error: "must be a whole number" });
const boolean = z.boolean({ error: "must be true or false" });
const text = z.string({ error: "must be a string" });

const domainSchema = z.strictObject({ zoneName: text.optional(), subdomain: text.optional() });
const sshSchema = z.strictObject({ enabled: boolean.optional(), keyName: text.optional() });
const databaseSchema = z.strictObject({
  instanceClass: text.optional(),
  allocatedStorageGb: integer.optional(),
  maxAllocatedStorageGb: integer.optional(),
  engineVersion: text.optional(),
  multiAz: boolean.optional(),
  backupRetentionDays: integer.optional(),
  backupWindow: text.optional(),
  maintenanceWindow: text.optional(),
  deletionProtection: boolean.optional(),
  autoMinorVersionUpgrade: boolean.optional(),
  allowMajorVersionUpgrade: boolean.optional(),
  applyImmediately: boolean.optional(),
  secretRotationSchedule: text.optional(),
  secretRotationWindowHours: integer.optional(),
});

/** Every key the program reads under `decision-control:`, with the shape of its value. */
const configSchema = z.strictObject({
  edition: text.optional(),
  allowedCidr: text.optional(),
  vpcCidr: text.optional(),
  availabilityZones: z.array(text, { error: "must be a list of zone names" }).optional(),
  natGateways: text.optional(),
  amiId: text.optional(),
  loadBalancerHealthCheck: text.optional(),
  replaceLoadBalancer: boolean.optional(),
  quarantine: boolean.optional(),
  instanceType: text.optional(),
  appInstanceCount: integer.optional(),
  domain: domainSchema.optional(),
  ssh: sshSchema.optional(),
  database: databaseSchema.optional(),
  alarmEmail: text.optional(),
  logRetentionDays: integer.optional(),
  complianceProfile: text.optional(),
  accountBaseline: boolean.optional(),
  cloudTrail: text.optional(),
  recordGlobalResourceTypes: boolean.optional(),
  allowedRegions: z.array(text, { error: "must be a list of region names" }).optional(),
  patchSchedule: text.optional(),
  teardown: boolean.optional(),
  stackLabel: text.optional(),
});

type RawConfig = z.infer<typeof configSchema>;

export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);
export const STRUCTURED_KEYS = [
  "domain",
  "ssh",
  "database",
  "allowedRegions",
  "availabilityZones",
] as const;
const BOOLEAN_KEYS = [
  "quarantine",
  "replaceLoadBalancer",
  "accountBaseline",
  "recordGlobalResourceTypes",
  "teardown",
];
const INTEGER_KEYS = ["appInstanceCount", "logRetentionDays"];

/** Keys earlier versions read, with what replaced them: a specific message, not "unknown key". */
const RETIRED_KEYS: Readonly<Record<string, string>> = {
  availabilityZoneCount: `was replaced by ${PROJECT_NAME}:availabilityZones, the zones themselves (set once, ${NETWORK_RUNBOOK}); remove this key and list the zones of the stack's subnets there.`,
};

export interface ValidationContext {
  /** `aws:region` from the stack config (or AWS_REGION); CMP-1 needs it. */
  readonly region?: string;
  readonly stack: string;
  readonly project?: string;
}

export interface ValidationResult {
  readonly settings: Settings;
  readonly warnings: readonly string[];
}

const key = (path: readonly PropertyKey[]): string =>
  `${PROJECT_NAME}:${path.map(String).join(".")}`;

/** Pulumi hands every config value over as a string; structured ones as JSON. */
function decodeRawValues(
  raw: Readonly<Record<string, string>>,
  issues: ConfigIssue[],
): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw)) {
    if (!fullKey.startsWith(`${PROJECT_NAME}:`)) {
      continue;
    }
    const name = fullKey.slice(PROJECT_NAME.length + 1);
    if (name in RETIRED_KEYS) {
      issues.push({ key: fullKey, message: RETIRED_KEYS[name] });
      continue;
    }
    if (!CONFIG_KEYS.includes(name)) {
      issues.push({
        key: fullKey,
        message: `is not a key this program reads (a typo would silently fall back to a default); remove it or use one of: ${CONFIG_KEYS.join(", ")}.`,
      });
      continue;
    }
    decoded[name] = decodeValue(name, value, fullKey, issues);
  }
  return decoded;
}

function decodeValue(name: string, value: string, fullKey: string, issues: ConfigIssue[]): unknown {
  if ((STRUCTURED_KEYS as readonly string[]).includes(name)) {
    try {
      return JSON.parse(value);
    } catch {
      issues.push({
        key: fullKey,
        message: `is not valid structured YAML/JSON; see README's config reference for its fields.`,
      });
      return undefined;
    }
  }
  if (BOOLEAN_KEYS.includes(name)) {
    return value === "true" ? true : value === "false" ? false : value;
  }
  if (INTEGER_KEYS.includes(name)) {
    // Stryker disable next-line Regex: text that is not all digits becomes NaN, refused as "must be a whole number" either way (equivalent)
    return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  }
  return value;
}

function shapeIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === "unrecognized_keys") {
      const parent = issue.path;
      const known = Object.keys(
        (parent[0] === "domain" ? domainSchema : parent[0] === "ssh" ? sshSchema : databaseSchema)
          .shape,
      );
      return issue.keys.map((unknown) => ({
        key: key([...parent, unknown]),
        message: `is not a field of ${key(parent)}; remove it or use one of: ${known.join(", ")}.`,
      }));
    }
    const message =
      issue.code === "invalid_type" && issue.expected === "object"
        ? `must be an object; see README's config reference for its fields.`
        : `${issue.message}.`;
    return [{ key: key(issue.path), message }];
  });
}

/**
 * Checks types and field names. A value of the wrong shape is reported and then left out, so the
 * rest of the config is still checked and every problem is reported in one go.
 */
function parseShape(decoded: Record<string, unknown>, issues: ConfigIssue[]): RawConfig {
  // Stryker disable next-line UpdateOperator,EqualityOperator: zod reports every shape issue at once, so the second parse succeeds (equivalent)
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = configSchema.safeParse(decoded);
    if (parsed.success) {
      return parsed.data;
    }
    issues.push(...shapeIssues(parsed.error));
    for (const issue of parsed.error.issues) {
      const paths =
        issue.code === "unrecognized_keys"
          ? issue.keys.map((unknown) => [...issue.path, unknown])
          : [issue.path];
      paths.forEach((path) => deleteAt(decoded, path));
    }
  }
  throw new ConfigError(issues);
}

function deleteAt(target: Record<string, unknown>, path: readonly PropertyKey[]): void {
  let node: unknown = target;
  for (const segment of path.slice(0, -1)) {
    node =
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a zod issue path runs through objects of the input (equivalent)
      node && typeof node === "object"
        ? (node as Record<PropertyKey, unknown>)[segment]
        : undefined;
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a zod issue path runs through objects of the input and is never empty here (equivalent)
  if (node && typeof node === "object" && path.length > 0) {
    delete (node as Record<PropertyKey, unknown>)[path[path.length - 1]];
  }
}

/** Validates and merges over the edition defaults. Throws `ConfigError` with every problem found. */
export function validateConfig(
  raw: Readonly<Record<string, string>>,
  context: ValidationContext,
): ValidationResult {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const input = parseShape(decodeRawValues(raw, issues), issues);
  const check = <T>(path: string[], value: T | undefined, rule: rules.Rule<T>): void => {
    const problem = value === undefined ? undefined : rule(value);
    if (problem) {
      issues.push({ key: key(path), message: problem });
    }
  };

  // Names derive from the pinned label when there is one, so only the label must fit the budgets.
  if (input.stackLabel === undefined) {
    const stackProblem = rules.stackNameRule(context.stack);
    if (stackProblem) {
      issues.push({ key: "stack name", message: stackProblem });
    }
  }
  check(["stackLabel"], input.stackLabel, rules.stackLabelRule);

  const edition = input.edition;
  if (edition === undefined) {
    issues.push({
      key: key(["edition"]),
      message: `is required; set it to "sandbox" or "production".`,
    });
  } else if (edition !== "sandbox" && edition !== "production") {
    issues.push({
      key: key(["edition"]),
      message: `"${edition}" is not an edition; set it to "sandbox" or "production".`,
    });
  }
  const editionName: Edition = edition === "production" ? "production" : "sandbox";
  const profile = EDITIONS[editionName];
  const editionKnown = edition === "sandbox" || edition === "production";

  const complianceProfile = input.complianceProfile ?? COMMON_DEFAULTS.complianceProfile;
  if (complianceProfile !== "standard" && complianceProfile !== "regulated") {
    issues.push({
      key: key(["complianceProfile"]),
      message: `"${complianceProfile}" is not a profile; set "standard" or "regulated".`,
    });
  }
  const floors = COMPLIANCE_FLOORS[complianceProfile === "regulated" ? "regulated" : "standard"];

  // NET-1
  if (input.allowedCidr === undefined) {
    issues.push({
      key: key(["allowedCidr"]),
      message: `is required; set your office or VPN range, e.g. 203.0.113.45/32 (never 0.0.0.0/0).`,
    });
  }
  check(["allowedCidr"], input.allowedCidr, rules.allowedCidrRule);
  // Stryker disable next-line ConditionalExpression: parseCidr(undefined) is undefined too (equivalent)
  const allowedCidr = input.allowedCidr === undefined ? undefined : parseCidr(input.allowedCidr);
  if (
    editionName === "sandbox" &&
    editionKnown &&
    allowedCidr &&
    !isSingleHost(allowedCidr) &&
    !rules.allowedCidrRule(input.allowedCidr ?? "")
  ) {
    warnings.push(
      `${key(["allowedCidr"])}: ${allowedCidr.text} admits more than one host; the sandbox edition expects a single /32 (NET-1).`,
    );
  }

  // NET-1, NET-2: who can reach the app from allowedCidr decides the production ALB's scheme.
  const clientIssue =
    allowedCidr && editionKnown && !rules.allowedCidrRule(input.allowedCidr ?? "")
      ? clientNetworkIssue(allowedCidr, editionName)
      : undefined;
  if (clientIssue) {
    issues.push({ key: key(["allowedCidr"]), message: clientIssue });
  }
  // Stryker disable next-line StringLiteral: without an allowedCidr the config is refused above (equivalent)
  const albScheme = allowedCidr ? albSchemeFor(clientNetwork(allowedCidr)) : "internet-facing";

  // NET-2, set once: explicit keys, never a default or a lookup that could shift under a stack.
  networkLayoutIssues(input, { edition: editionName, profile, region: context.region }).forEach(
    (issue) => issues.push({ key: key(issue.path), message: issue.message }),
  );
  // Stryker disable StringLiteral,ArrayDeclaration: a missing vpcCidr or availabilityZones is refused by networkLayoutIssues (equivalent)
  const vpcCidr = input.vpcCidr ?? "";
  const availabilityZones = input.availabilityZones ?? [];
  // Stryker restore StringLiteral,ArrayDeclaration
  check(["vpcCidr"], input.vpcCidr, rules.vpcCidrRule);
  const vpcPrefixLength = parseCidr(vpcCidr)?.prefix ?? 0;
  if (
    // Stryker disable next-line ConditionalExpression,LogicalOperator: with an unknown edition the sandbox limit (/24) is the format rule's own (equivalent)
    editionKnown &&
    // Stryker disable next-line ConditionalExpression: an unset vpcCidr ("") fails the format rule (equivalent)
    input.vpcCidr !== undefined &&
    !rules.vpcCidrRule(vpcCidr) &&
    vpcPrefixLength > profile.maxVpcPrefixLength
  ) {
    issues.push({
      key: key(["vpcCidr"]),
      message: `"${vpcCidr}" gives /${vpcPrefixLength + 4} subnets, but the ${editionName} edition's load balancer needs subnets of /27 or larger with 8 free addresses (ELB guide, "Subnets for your load balancer"); use a prefix from /16 to /${profile.maxVpcPrefixLength}.`,
    });
  }

  const vpc = rules.vpcCidrRule(vpcCidr) ? undefined : parseCidr(vpcCidr);
  const overlap =
    allowedCidr &&
    vpc &&
    editionKnown &&
    !rules.allowedCidrRule(input.allowedCidr ?? "") &&
    !clientIssue
      ? clientRangeOverlapsVpcWarning(allowedCidr, vpc, {
          allowedCidr: key(["allowedCidr"]),
          vpcCidr: key(["vpcCidr"]),
        })
      : undefined;
  if (overlap) {
    warnings.push(overlap);
  }

  const natGateways = input.natGateways ?? profile.natGateways;
  if (!(NAT_GATEWAY_MODES as readonly string[]).includes(natGateways)) {
    issues.push({
      key: key(["natGateways"]),
      message: `"${natGateways}" is not a NAT mode; set "none", "single" or "perAz".`,
    });
  } else if (editionKnown && profile.appTierUsesNat && natGateways === "none") {
    issues.push({
      key: key(["natGateways"]),
      message: `"none" is not allowed in the ${editionName} edition: its app instances live in private subnets and reach SSM, Secrets Manager, CloudWatch and OS updates only through NAT (NET-2); set "perAz" (the default) or "single".`,
    });
  } else if (editionKnown && !profile.appTierUsesNat && natGateways !== "none") {
    warnings.push(
      `${key(["natGateways"])}: "${natGateways}" builds private subnets and NAT gateways (about 32 USD a month each, plus data) that nothing in the ${editionName} edition uses: its instance is public and its database isolated. Remove the key unless you add resources to the private subnets.`,
    );
  }

  if (input.amiId === undefined) {
    issues.push({
      key: key(["amiId"]),
      message: `is required; pin the Aletyx Decision Control AMI ID for ${context.region ?? "the region"}, e.g. ami-0123456789abcdef0 (APP-3).`,
    });
  }
  check(["amiId"], input.amiId, rules.amiIdRule);

  if (input.quarantine !== undefined && editionKnown && !profile.quarantineAccepted) {
    issues.push({
      key: key(["quarantine"]),
      message: `is not accepted in the ${editionName} edition: its instances belong to an Auto Scaling group; remove the key and isolate with "npm run incident -- isolate" (IR-1).`,
    });
  }
  const quarantine = input.quarantine ?? false;

  const loadBalancer = validateLoadBalancer(input, editionName, profile);
  if (editionKnown) {
    issues.push(...loadBalancer.issues);
    warnings.push(...loadBalancer.warnings);
  }

  const instanceType = input.instanceType ?? profile.instanceType;
  check(["instanceType"], input.instanceType, rules.instanceTypeRule);

  const appInstanceCount = input.appInstanceCount ?? profile.appInstanceCount;
  const [minInstances, maxInstances] = profile.appInstanceCountRange;
  if (editionKnown && (appInstanceCount < minInstances || appInstanceCount > maxInstances)) {
    issues.push({
      key: key(["appInstanceCount"]),
      message:
        minInstances === maxInstances
          ? `${appInstanceCount} is not allowed in the ${editionName} edition, which runs exactly ${minInstances} instance; remove the key.`
          : `${appInstanceCount} is outside ${minInstances}..${maxInstances} for the ${editionName} edition; set a count in that range.`,
    });
  }

  const domain = validateDomain(
    input.domain,
    editionKnown && profile.domainRequired,
    editionName,
    issues,
    check,
  );
  const ssh = validateSsh(input.ssh, issues, warnings, check);

  if (input.alarmEmail === undefined && editionKnown && profile.alarmEmailRequired) {
    issues.push({
      key: key(["alarmEmail"]),
      message: `is required in the ${editionName} edition so alarms reach someone (MON-1); set e.g. ops@example.com.`,
    });
  }
  check(["alarmEmail"], input.alarmEmail, rules.emailRule);

  const logFloor = Math.max(profile.logRetentionDays, floors.logRetentionDays);
  const logRetentionDays = input.logRetentionDays ?? logFloor;
  check(["logRetentionDays"], input.logRetentionDays, rules.logRetentionRule);
  if (editionKnown && logRetentionDays < logFloor) {
    issues.push({
      key: key(["logRetentionDays"]),
      message: `${logRetentionDays} is below the ${editionName}/${complianceProfile} floor of ${logFloor} days (MON-2, CMP-3); set ${logFloor} or more.`,
    });
  }

  const database = validateDatabase(
    input.database,
    editionName,
    editionKnown,
    floors.backupRetentionDays,
    issues,
    warnings,
    check,
  );

  const region = context.region;
  const allowedRegions = input.allowedRegions ?? (region ? [region] : []);
  if (input.allowedRegions !== undefined && input.allowedRegions.length === 0) {
    issues.push({
      key: key(["allowedRegions"]),
      message: `is empty; list the regions data may live in, e.g. ["eu-west-1"] (CMP-1).`,
    });
  }
  (input.allowedRegions ?? []).forEach((name, index) =>
    check(["allowedRegions", String(index)], name, rules.regionRule),
  );
  if (!region) {
    issues.push({
      key: "aws:region",
      message: `is required; set it with "pulumi config set aws:region <region>" (CMP-1).`,
    });
  } else if (!allowedRegions.includes(region)) {
    issues.push({
      key: "aws:region",
      message: `"${region}" is not in ${key(["allowedRegions"])} (${allowedRegions.join(", ")}); deploy to an allowed region or add it there deliberately (CMP-1).`,
    });
  }

  const patchSchedule = input.patchSchedule ?? COMMON_DEFAULTS.patchSchedule;
  check(["patchSchedule"], input.patchSchedule, rules.patchScheduleRule);
  const patchWindow = rules.patchScheduleRule(patchSchedule)
    ? undefined
    : patchWindowIssue(
        patchSchedule,
        database.maintenanceWindow,
        key(["database", "maintenanceWindow"]),
      );
  if (patchWindow) {
    issues.push({ key: key(["patchSchedule"]), message: patchWindow });
  }

  const teardown = input.teardown ?? false;
  if (teardown) {
    warnings.push(
      `${key(["teardown"])}: true lifts RDS and ALB deletion protection and Pulumi protect on every stateful resource; run pulumi destroy next, or set it back to false (README, Operations, "Tear down").`,
    );
  }

  const accountBaseline = input.accountBaseline ?? COMMON_DEFAULTS.accountBaseline;
  const accountScope = validateAccountScope(input, accountBaseline, issues, warnings);

  if (issues.length > 0) {
    throw new ConfigError(issues);
  }
  const settings: Settings = deepFreeze({
    project: context.project ?? PROJECT_NAME,
    stack: context.stack,
    stackLabel: input.stackLabel ?? context.stack,
    region: region as string,
    edition: editionName,
    complianceProfile: complianceProfile as Settings["complianceProfile"],
    allowedCidr: (allowedCidr as NonNullable<typeof allowedCidr>).text,
    allowedCidrKind: "ipv4",
    albScheme,
    vpcCidr,
    availabilityZones,
    natGateways: natGateways as Settings["natGateways"],
    amiId: input.amiId as string,
    loadBalancerHealthCheck: loadBalancer.loadBalancerHealthCheck,
    replaceLoadBalancer: loadBalancer.replaceLoadBalancer,
    quarantine,
    instanceType,
    appInstanceCount,
    domain,
    ssh,
    database: database as DatabaseSettings,
    alarmEmail: input.alarmEmail,
    logRetentionDays,
    accountBaseline,
    ...accountScope,
    allowedRegions,
    patchSchedule,
    teardown,
  });
  return { settings, warnings };
}

type Check = <T>(path: string[], value: T | undefined, rule: rules.Rule<T>) => void;

/**
 * What exists once per account rather than per stack: the multi-region trail (IAM-3) and AWS
 * Config's recording of global (IAM) types (MON-3). A second region or account needs neither again
 * (README, Operations, "A second region or account").
 */
function validateAccountScope(
  input: RawConfig,
  accountBaseline: boolean,
  issues: ConfigIssue[],
  warnings: string[],
): { cloudTrail: CloudTrailMode; recordGlobalResourceTypes: boolean } {
  const cloudTrail = input.cloudTrail ?? COMMON_DEFAULTS.cloudTrail;
  if (!(CLOUD_TRAIL_MODES as readonly string[]).includes(cloudTrail)) {
    issues.push({
      key: key(["cloudTrail"]),
      message: `"${cloudTrail}" is not a trail mode; set "create" (this stack builds the account's multi-region trail) or "existing" (the account's trail is built elsewhere: the stack of its first region, an organization trail, Control Tower) (IAM-3).`,
    });
  }
  if (!accountBaseline && input.cloudTrail === undefined) {
    warnings.push(
      `${key(["cloudTrail"])}: unset, so this stack builds its own multi-region trail although ${key(["accountBaseline"])} is false. If the account's trail is also built elsewhere (Control Tower, an organization trail, the account's first stack), set "existing": CloudTrail charges for every copy of management events after the first. Set "create" to keep this stack's trail and silence this warning (IAM-3).`,
    );
  }
  if (!accountBaseline && input.recordGlobalResourceTypes !== undefined) {
    warnings.push(
      `${key(["recordGlobalResourceTypes"])}: ignored because ${key(["accountBaseline"])} is false; this stack builds no AWS Config recorder (MON-3).`,
    );
  }
  return {
    cloudTrail: cloudTrail as CloudTrailMode,
    recordGlobalResourceTypes:
      input.recordGlobalResourceTypes ?? COMMON_DEFAULTS.recordGlobalResourceTypes,
  };
}

function validateDomain(
  domain: RawConfig["domain"],
  required: boolean,
  edition: Edition,
  issues: ConfigIssue[],
  check: Check,
): DomainSettings | undefined {
  if (domain === undefined) {
    if (required) {
      issues.push({
        key: key(["domain"]),
        message: `is required in the ${edition} edition for HTTPS with an ACM certificate (APP-2); set {zoneName: example.com, subdomain: decisions}.`,
      });
    }
    return undefined;
  }
  for (const field of ["zoneName", "subdomain"] as const) {
    if (domain[field] === undefined) {
      issues.push({
        key: key(["domain", field]),
        message: `is required when ${key(["domain"])} is set; e.g. ${field === "zoneName" ? "example.com" : "decisions"}.`,
      });
    }
  }
  check(["domain", "zoneName"], domain.zoneName, rules.zoneNameRule);
  check(["domain", "subdomain"], domain.subdomain, rules.subdomainRule);
  // Stryker disable StringLiteral: a missing zoneName or subdomain is refused above (equivalent)
  const zoneName = (domain.zoneName ?? "").toLowerCase().replace(/\.$/, "");
  const subdomain = domain.subdomain ?? "";
  // Stryker restore StringLiteral
  const fqdn = `${subdomain}.${zoneName}`;
  if (
    domain.zoneName !== undefined &&
    domain.subdomain !== undefined &&
    !rules.zoneNameRule(domain.zoneName) &&
    !rules.subdomainRule(domain.subdomain)
  ) {
    check(["domain"], fqdn, rules.certificateNameRule);
  }
  return { zoneName, subdomain, fqdn };
}

function validateSsh(
  ssh: RawConfig["ssh"],
  issues: ConfigIssue[],
  warnings: string[],
  check: Check,
): SshSettings {
  const enabled = ssh?.enabled ?? false;
  // Stryker disable next-line OptionalChaining: enabled implies ssh is set (equivalent)
  if (enabled && ssh?.keyName === undefined) {
    issues.push({
      key: key(["ssh", "keyName"]),
      message: `is required when ${key(["ssh", "enabled"])} is true; set the EC2 key pair name, or prefer SSM Session Manager and set enabled: false (ACC-2).`,
    });
  }
  check(["ssh", "keyName"], ssh?.keyName, rules.keyNameRule);
  if (!enabled && ssh?.keyName !== undefined) {
    warnings.push(
      `${key(["ssh", "keyName"])}: ignored because ${key(["ssh", "enabled"])} is false; no key pair is attached (ACC-2).`,
    );
    return { enabled };
  }
  // Stryker disable next-line OptionalChaining: enabled implies ssh is set (equivalent)
  return enabled ? { enabled, keyName: ssh?.keyName } : { enabled };
}

function validateDatabase(
  database: RawConfig["database"],
  edition: Edition,
  editionKnown: boolean,
  complianceBackupFloor: number,
  issues: ConfigIssue[],
  warnings: string[],
  check: Check,
): DatabaseSettings {
  const profile = EDITIONS[edition].database;
  const db = database ?? {};
  const path = (field: string): string[] => ["database", field];
  const instanceClass = db.instanceClass ?? profile.instanceClass;
  check(path("instanceClass"), db.instanceClass, rules.dbInstanceClassRule);

  const allocatedStorageGb = db.allocatedStorageGb ?? profile.allocatedStorageGb;
  if (allocatedStorageGb < 20 || allocatedStorageGb > 65536) {
    issues.push({
      key: key(path("allocatedStorageGb")),
      message: `${allocatedStorageGb} is outside 20..65536 GiB (gp3 limits); set a size in that range.`,
    });
  }
  const maxAllocatedStorageGb =
    db.maxAllocatedStorageGb ??
    Math.min(allocatedStorageGb * COMMON_DEFAULTS.database.storageAutoscalingFactor, 65536);
  if (maxAllocatedStorageGb < allocatedStorageGb || maxAllocatedStorageGb > 65536) {
    issues.push({
      key: key(path("maxAllocatedStorageGb")),
      message: `${maxAllocatedStorageGb} must be between ${key(path("allocatedStorageGb"))} (${allocatedStorageGb}) and 65536; raise it or remove it for the default of 5x allocated storage.`,
    });
  }

  const engineVersion = db.engineVersion ?? COMMON_DEFAULTS.database.engineVersion;
  check(path("engineVersion"), db.engineVersion, rules.engineVersionRule);

  const multiAz = db.multiAz ?? profile.multiAz;
  if (editionKnown && profile.multiAzRequired && !multiAz) {
    issues.push({
      key: key(path("multiAz")),
      message: `false is not allowed in the ${edition} edition (DATA-4); set true or remove the key.`,
    });
  }

  const backupFloor = Math.max(profile.backupRetentionDays, complianceBackupFloor);
  const backupRetentionDays = db.backupRetentionDays ?? backupFloor;
  if (
    editionKnown &&
    (backupRetentionDays < backupFloor ||
      backupRetentionDays > COMMON_DEFAULTS.maxBackupRetentionDays)
  ) {
    issues.push({
      key: key(path("backupRetentionDays")),
      message: `${backupRetentionDays} is outside ${backupFloor}..${COMMON_DEFAULTS.maxBackupRetentionDays} days for this edition and compliance profile (DATA-3); set a value in that range.`,
    });
  }

  const backupWindow = db.backupWindow ?? COMMON_DEFAULTS.database.backupWindow;
  const maintenanceWindow = (
    db.maintenanceWindow ?? COMMON_DEFAULTS.database.maintenanceWindow
  ).toLowerCase();
  check(path("backupWindow"), db.backupWindow, rules.backupWindowRule);
  check(path("maintenanceWindow"), db.maintenanceWindow, rules.maintenanceWindowRule);
  if (rules.windowsOverlap(backupWindow, maintenanceWindow)) {
    issues.push({
      key: key(path("maintenanceWindow")),
      message: `"${maintenanceWindow}" overlaps ${key(path("backupWindow"))} ("${backupWindow}"), which RDS rejects; move one of them, e.g. backups 02:00-03:00 and maintenance sun:03:30-sun:04:30.`,
    });
  }

  const deletionProtection = db.deletionProtection ?? COMMON_DEFAULTS.database.deletionProtection;
  if (editionKnown && profile.deletionProtectionRequired && !deletionProtection) {
    issues.push({
      key: key(path("deletionProtection")),
      message: `false is not allowed in the ${edition} edition; the database must survive an accidental delete. Set true or remove the key.`,
    });
  }

  const upgrades = validateDatabaseUpgrades(db, engineVersion, issues, warnings);
  const rotation = validateSecretRotation(db, backupWindow, maintenanceWindow, issues);

  return {
    instanceClass,
    allocatedStorageGb,
    maxAllocatedStorageGb,
    engineVersion,
    engineMajorVersion: engineVersion.split(".")[0],
    multiAz,
    backupRetentionDays,
    backupWindow,
    maintenanceWindow,
    deletionProtection,
    ...upgrades,
    ...rotation,
  };
}

const databaseKey = (field: string): string => key(["database", field]);

/** Engine-version changes after the first up (README, Operations, "Upgrade PostgreSQL"). */
function validateDatabaseUpgrades(
  db: NonNullable<RawConfig["database"]>,
  engineVersion: string,
  issues: ConfigIssue[],
  warnings: string[],
): Pick<
  DatabaseSettings,
  "autoMinorVersionUpgrade" | "allowMajorVersionUpgrade" | "applyImmediately"
> {
  const autoMinorVersionUpgrade =
    db.autoMinorVersionUpgrade ?? COMMON_DEFAULTS.database.autoMinorVersionUpgrade;
  const allowMajorVersionUpgrade = db.allowMajorVersionUpgrade ?? false;
  const applyImmediately = db.applyImmediately ?? false;
  const pinned = rules.pinnedMinorWithAutoUpgradeProblem(engineVersion, autoMinorVersionUpgrade);
  if (pinned && !rules.engineVersionRule(engineVersion)) {
    issues.push({ key: databaseKey("engineVersion"), message: pinned });
  }
  if (!autoMinorVersionUpgrade) {
    warnings.push(
      `${databaseKey("autoMinorVersionUpgrade")}: false; PostgreSQL minor releases (security fixes) now wait for you to raise ${databaseKey("engineVersion")}, and RDS still forces an upgrade when a minor reaches end of life: pin the version RDS then reports.`,
    );
  }
  // A major upgrade replaces the parameter group (its family is the major version); left for the
  // maintenance window, the old group would be deleted while the instance still uses it.
  if (allowMajorVersionUpgrade && !applyImmediately) {
    issues.push({
      key: databaseKey("allowMajorVersionUpgrade"),
      message: `true needs ${databaseKey("applyImmediately")}: true in the same up: the new parameter-group family must be in use before the old group is deleted, which a change deferred to the maintenance window breaks (InvalidDBParameterGroupState). Set both for the upgrade, then remove both (README, Operations, "Upgrade PostgreSQL").`,
    });
  }
  if (allowMajorVersionUpgrade) {
    warnings.push(
      `${databaseKey("allowMajorVersionUpgrade")}: true; take a manual snapshot first, and remove it together with ${databaseKey("applyImmediately")} once the upgrade is done.`,
    );
  }
  if (applyImmediately) {
    warnings.push(
      `${databaseKey("applyImmediately")}: true applies this up's database changes (and any pending ones) now, with the reboot or failover they need; remove it after this up.`,
    );
  }
  return { autoMinorVersionUpgrade, allowMajorVersionUpgrade, applyImmediately };
}

/** APP-1: the master secret rotates in a fixed window, clear of the RDS backup and maintenance windows. */
function validateSecretRotation(
  db: NonNullable<RawConfig["database"]>,
  backupWindow: string,
  maintenanceWindow: string,
  issues: ConfigIssue[],
): Pick<DatabaseSettings, "secretRotationSchedule" | "secretRotationWindowHours"> {
  const secretRotationSchedule =
    db.secretRotationSchedule ?? COMMON_DEFAULTS.database.secretRotationSchedule;
  const secretRotationWindowHours =
    db.secretRotationWindowHours ?? COMMON_DEFAULTS.database.secretRotationWindowHours;
  // Stryker disable next-line ObjectLiteral: returned only beside an issue, so the config is refused (equivalent)
  const result = { secretRotationSchedule, secretRotationWindowHours };
  const scheduleProblem = rotationScheduleProblem(secretRotationSchedule);
  const schedule = parseRotationSchedule(secretRotationSchedule);
  if (scheduleProblem || typeof schedule === "string") {
    issues.push({
      key: databaseKey("secretRotationSchedule"),
      message: scheduleProblem ?? String(schedule),
    });
    return result;
  }
  const windowProblem = rotationWindowProblem(schedule, secretRotationWindowHours);
  if (windowProblem) {
    issues.push({ key: databaseKey("secretRotationWindowHours"), message: windowProblem });
    return result;
  }
  const rotation = rotationIntervals(schedule, secretRotationWindowHours);
  const clashes = [
    rules.intervalsOverlap(rotation, rules.maintenanceIntervals(maintenanceWindow))
      ? `${databaseKey("maintenanceWindow")} ("${maintenanceWindow}")`
      : undefined,
    rules.intervalsOverlap(rotation, rules.dailyIntervals(backupWindow))
      ? `${databaseKey("backupWindow")} ("${backupWindow}")`
      : undefined,
  ].filter((clash): clash is string => clash !== undefined);
  if (clashes.length > 0) {
    issues.push({
      key: databaseKey("secretRotationSchedule"),
      message: `"${secretRotationSchedule}" with a ${secretRotationWindowHours}-hour window overlaps ${clashes.join(" and ")}. A rotation changes the master password on the instance and restarts the app; keep it apart from RDS maintenance and backups so neither blocks nor hides the other. Move it next to them, e.g. cron(0 5 ? * SUN#1 *) with the default windows.`,
    });
  }
  return { secretRotationSchedule, secretRotationWindowHours };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value as object).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
