/**
 * Physical names that more than one component (or an operator command) must agree on, and the one
 * derivation of every name from the project and the stack's label. Everything else is autonamed by
 * pulumi-aws from its logical name (`<logical name>-<7 random hex>`), so two stacks never collide
 * and a replacement can be created before the old resource is deleted.
 *
 * The label is the stack name, or `decision-control:stackLabel` where a renamed stack pins its old
 * name (README, Operations, "Rename a stack"): every logical and physical name, tag and metric
 * namespace derives from the label, never from `pulumi.getStack()`, so a rename changes none.
 *
 * What a teardown keeps (components/shared/stateful.ts) is named per creation, so the next stack under the same
 * label never meets it: the provider's `namePrefix` (a 26-character unique suffix kept in state) for
 * log groups and the key alias, and the stack key's ID for the RDS identifier, whose export log
 * groups RDS names itself (README, Operations, "Tear down").
 *
 * AWS limits names per resource type (IAM roles 64 characters, S3 buckets 63, load balancers and
 * target groups 32, ...). The budgets below are derived from those limits in one place, for labels
 * up to config/stack-name.ts's STACK_NAME_MAX_LENGTH (which validation enforces); the constraints
 * table (test/aws-constraints/table.ts) checks every registered resource against them.
 */
import { createHash } from "crypto";

/**
 * The vendor's CloudWatch Logs group names for the app's output and the host's logs (MON-2). Each
 * stack's groups start with them (`appLogGroupNamePrefix`): the real names are in the stack outputs
 * `applicationLogGroupName` and `systemLogGroupName`, and every consumer is wired to those.
 */
export const APP_LOG_GROUPS = {
  application: "/aletyx/application",
  system: "/aletyx/system",
} as const;

/**
 * The container's unauthenticated health endpoints (vendor facts, served on `APP_PORT`).
 * Spring Boot Actuator's full health: every health indicator, the database's included, so it turns
 * DOWN whenever PostgreSQL is unreachable (a Multi-AZ failover, a minor upgrade, a restart).
 */
export const APP_HEALTH_PATH = "/actuator/health";
/**
 * Spring Boot's liveness group: only the application's own liveness state, no external system, so
 * a database outage never makes it fail (Spring Boot reference, "Kubernetes Probes"). Served once
 * `management.endpoint.health.probes.enabled` is true (user data sets it in the container's
 * environment); the load balancer's health check, which decides whether an instance is replaced,
 * uses this one.
 */
export const APP_LIVENESS_PATH = "/actuator/health/liveness";
export const DATABASE_NAME = "decision_control";
export const DATABASE_USERNAME = "aletyxadmin";

/** pulumi-aws autonames as logical name + `-` + 7 random hex characters. */
export const AUTONAME_SUFFIX_LENGTH = 8;

/**
 * terraform-plugin-sdk `id.PrefixedUniqueId`, which pulumi-aws uses for every `namePrefix`: the
 * prefix plus a UTC timestamp to 1/10000 s and an 8-hex-digit counter, 26 characters.
 */
export const PREFIXED_NAME_SUFFIX_LENGTH = 26;

/**
 * Longest stack prefix (logical names, explicit physical names): an IAM role name has at most 64
 * characters (IAM CreateRole), autonaming adds 8, and the longest role tail a component appends
 * is `-audit-trail-to-logs` (20): 64 - 8 - 20 = 36. S3 buckets (63 - 8 - `-app-alb-logs` 13 = 42)
 * and RDS identifiers (63 - `-` - the 8-character creation tag = 54) fit inside it.
 */
export const STACK_PREFIX_MAX_LENGTH = 36;

/**
 * Longest base of the load balancer's and target group's logical names (`<base>-alb`,
 * `<base>-tg`): ELB names have at most 32 characters (CreateLoadBalancer, CreateTargetGroup),
 * autonaming adds 8 and the `-alb` tail 4: 32 - 8 - 4 = 20.
 */
export const LOAD_BALANCER_BASE_MAX_LENGTH = 20;

const HASH_LENGTH = 6;

/** Lowercase letters, digits and single inner hyphens: valid in every AWS name this program derives. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `decision-control` -> `dc`: the short form of the project when the full one does not fit. */
function abbreviation(project: string): string {
  return slug(project)
    .split("-")
    .map((word) => word[0])
    .join("");
}

/**
 * `<project>-<label>` when it fits `maxLength` and the label is already a lowercase slug, else
 * `<initials>-<label>`, else `<initials>-<label, cut>-<hash of project and label>`. Stable for a
 * given project and label (updates never rename anything), recognisable in the console, and
 * distinct for labels that differ only in case, punctuation or a cut-off tail. `stack` is the
 * stack's label (`Settings.stackLabel`): its name unless `decision-control:stackLabel` pins another.
 */
function fittedLabel(project: string, stack: string, maxLength: number): string {
  const stackSlug = slug(stack);
  if (stackSlug === stack) {
    for (const head of [slug(project), abbreviation(project)]) {
      const label = `${head}-${stackSlug}`;
      if (label.length <= maxLength) {
        return label;
      }
    }
  }
  const head = abbreviation(project);
  const hash = createHash("sha256")
    .update(`${project}/${stack}`)
    .digest("hex")
    .slice(0, HASH_LENGTH);
  const room = maxLength - head.length - hash.length - 2;
  const kept = stackSlug.slice(0, Math.max(room, 0)).replace(/-+$/, "");
  return kept ? `${head}-${kept}-${hash}` : `${head}-${hash}`;
}

/**
 * Prefix of the stack's logical names and explicit physical names (at most 36 characters). `stack`
 * is the stack's label (`Settings.stackLabel`), here and in every function below.
 */
export function stackPrefix(project: string, stack: string): string {
  return fittedLabel(project, stack, STACK_PREFIX_MAX_LENGTH);
}

/** Base of the load balancer's and target group's logical names (at most 20 characters). */
export function loadBalancerBase(project: string, stack: string): string {
  return fittedLabel(project, stack, LOAD_BALANCER_BASE_MAX_LENGTH);
}

/**
 * `ignoreChanges` of a kept resource named per creation (`namePrefix`): a stack created before
 * names were per creation keeps its fixed name in state (changing it would replace a protected
 * resource, which Pulumi refuses), while a new creation gets the provider's unique name. Either way
 * the name is set once, at create.
 */
export const NAMED_ONCE_AT_CREATE: readonly string[] = Object.freeze(["name", "namePrefix"]);

/**
 * `namePrefix` of the stack's app log group `kind` (MON-2): the vendor's name, then the stack
 * prefix, e.g. `/aletyx/application/decision-control-production-`; the provider appends 26
 * characters per creation.
 */
export function appLogGroupNamePrefix(
  kind: keyof typeof APP_LOG_GROUPS,
  project: string,
  stack: string,
): string {
  return `${APP_LOG_GROUPS[kind]}/${stackPrefix(project, stack)}-`;
}

/** True for the name of an app log group `kind`: the vendor's name (older stacks) or one it prefixes. */
export function isAppLogGroupName(kind: keyof typeof APP_LOG_GROUPS, name: string): boolean {
  return name === APP_LOG_GROUPS[kind] || name.startsWith(`${APP_LOG_GROUPS[kind]}/`);
}

/** `namePrefix` of the VPC flow-log group (NET-3). */
export function flowLogGroupNamePrefix(project: string, stack: string): string {
  return `/aws/vpc/flowlogs/${stackPrefix(project, stack)}-`;
}

/** `namePrefix` of the log group the trail also delivers to (IAM-3, CMP-3). */
export function trailLogGroupNamePrefix(project: string, stack: string): string {
  return `/aws/cloudtrail/${stackPrefix(project, stack)}-`;
}

/** `namePrefix` of the stack key's alias (`alias/` is required by KMS CreateAlias). */
export function keyAliasNamePrefix(project: string, stack: string): string {
  return `alias/${stackPrefix(project, stack)}-`;
}

/** Characters of the stack key's ID that mark one creation of the stack. */
export const CREATION_TAG_LENGTH = 8;

/**
 * The mark of one creation of the stack: the first 8 characters of its KMS key's ID (a UUID, so 8
 * hex digits). A teardown keeps the key and the next creation makes a new one, so the tag differs
 * per creation, yet it is stable for the life of a stack (the key is protected and never replaced)
 * and links what a teardown leaves (snapshot, export log groups) to the kept key that decrypts it.
 */
export function creationTag(keyId: string): string {
  const tag = keyId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, CREATION_TAG_LENGTH);
  if (tag.length < CREATION_TAG_LENGTH) {
    throw new Error(
      `creationTag: key ID "${keyId}" has fewer than ${CREATION_TAG_LENGTH} letters and digits`,
    );
  }
  return tag;
}

/**
 * The RDS instance identifier: `<stack prefix>-<creation tag>` (at most 45 of RDS's 63 characters;
 * lowercase, letter first, no `--`). RDS names its export log groups after it
 * (`rdsExportLogGroupName`), and a teardown keeps those, so a re-created stack needs an identifier
 * of its own: the tag of its own key.
 */
export function databaseIdentifier(project: string, stack: string, keyId: string): string {
  return `${stackPrefix(project, stack)}-${creationTag(keyId)}`;
}

/**
 * The log group RDS publishes an instance's `log` to: a name RDS fixes ("a log group
 * `/aws/rds/instance/instance_name/log_type` for each type of log that you publish", RDS User
 * Guide, "Publishing database logs to Amazon CloudWatch Logs").
 */
export function rdsExportLogGroupName(identifier: string, log: string): string {
  return `/aws/rds/instance/${identifier}/${log}`;
}

/**
 * The final snapshot RDS takes when the instance is deleted (DATA-3): `<identifier>-final-<UTC
 * creation time>`. Stacks created before the identifier carried the creation tag keep a fixed
 * identifier, and a fixed snapshot name would collide with the one an earlier incarnation left
 * after destroy and re-create (DeleteDBInstance fails with DBSnapshotAlreadyExists); the creation
 * time is unique per creation, and `ignoreChanges` on the property keeps it stable on updates.
 * Pulumi carries an ignored property into a replacement too, so a replacement of the instance
 * (blocked anyway by `protect`) must set a new name explicitly.
 */
export function finalSnapshotIdentifier(identifier: string, createdAt: Date): string {
  const stamp = createdAt.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${identifier}-final-${stamp}`;
}

/** The CloudTrail trail (IAM-3); the KMS key policy names it in `aws:SourceArn` before it exists. */
export function trailName(project: string, stack: string): string {
  return `${stackPrefix(project, stack)}-trail`;
}
