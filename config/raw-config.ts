/**
 * The raw stack configuration read into one typed object: Pulumi's strings decoded, every key and
 * field checked against the shape the program reads. A value of the wrong shape is reported and
 * left out, so the rest is still judged and every problem is reported at once.
 */
import { z } from "zod";
import { NETWORK_RUNBOOK } from "./network-layout";
import { ConfigError, configKey as key, PROJECT_NAME } from "./report";
import { ConfigIssue } from "./types";

// The schema's error is also the message of its int check.
const integer = z.number({ error: "must be a whole number" }).int();
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

export type RawConfig = z.infer<typeof configSchema>;

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
      // Stryker disable next-line ConditionalExpression: only invalid_type issues carry `expected`; the check narrows the type (equivalent)
      issue.code === "invalid_type" && issue.expected === "object"
        ? `must be an object; see README's config reference for its fields.`
        : `${issue.message}.`;
    return [{ key: key(issue.path), message }];
  });
}

/** Decodes and shape-checks the `decision-control:` keys; throws only when no shape can be read. */
export function readRawConfig(
  raw: Readonly<Record<string, string>>,
  issues: ConfigIssue[],
): RawConfig {
  return parseShape(decodeRawValues(raw, issues), issues);
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
