/**
 * Physical names that more than one component (or an operator command) must agree on, and the one
 * derivation of every name from the project and stack. Everything else is autonamed by pulumi-aws
 * from its logical name (`<logical name>-<7 random hex>`), so two stacks never collide and a
 * replacement can be created before the old resource is deleted.
 *
 * AWS limits names per resource type (IAM roles 64 characters, S3 buckets 63, load balancers and
 * target groups 32, ...). The budgets below are derived from those limits in one place; the
 * constraints table (test/aws-constraints/table.ts) checks every registered resource against them.
 */
import { createHash } from "crypto";

/** CloudWatch Logs groups the app host's CloudWatch agent ships to (MON-2; vendor fact). */
export const APP_LOG_GROUPS = {
  application: "/aletyx/application",
  system: "/aletyx/system",
} as const;

/** The container's plain-HTTP port and its unauthenticated health endpoint (vendor facts). */
export const APP_PORT = 8080;
/**
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
export const POSTGRES_PORT = 5432;
export const DATABASE_NAME = "decision_control";
export const DATABASE_USERNAME = "aletyxadmin";

/** pulumi-aws autonames as logical name + `-` + 7 random hex characters. */
export const AUTONAME_SUFFIX_LENGTH = 8;

/** The longest stack name config validation accepts; every budget below assumes it. */
export const STACK_NAME_MAX_LENGTH = 30;

/**
 * Longest stack prefix (logical names, explicit physical names): an IAM role name has at most 64
 * characters (IAM CreateRole), autonaming adds 8, and the longest role tail a component appends
 * is `-audit-trail-to-logs` (20): 64 - 8 - 20 = 36. S3 buckets (63 - 8 - `-app-alb-logs` 13 = 42)
 * and RDS identifiers (63) fit inside it.
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
 * `<project>-<stack>` when it fits `maxLength` and the stack name is already a lowercase slug, else
 * `<initials>-<stack>`, else `<initials>-<stack, cut>-<hash of project and stack>`. Stable for a
 * given project and stack (updates never rename anything), recognisable in the console, and
 * distinct for stacks whose names differ only in case, punctuation or a cut-off tail.
 */
export function stackLabel(project: string, stack: string, maxLength: number): string {
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

/** Prefix of the stack's logical names and explicit physical names (at most 36 characters). */
export function stackPrefix(project: string, stack: string): string {
  return stackLabel(project, stack, STACK_PREFIX_MAX_LENGTH);
}

/** Base of the load balancer's and target group's logical names (at most 20 characters). */
export function loadBalancerBase(project: string, stack: string): string {
  return stackLabel(project, stack, LOAD_BALANCER_BASE_MAX_LENGTH);
}

/** The RDS instance identifier (at most 63, lowercase, letter first, no `--`): the stack prefix. */
export function databaseIdentifier(project: string, stack: string): string {
  return stackPrefix(project, stack);
}

/**
 * The final snapshot RDS takes when the instance is deleted (DATA-3): `<identifier>-final-<UTC
 * creation time>`. A fixed name would collide with the snapshot left by an earlier incarnation
 * after destroy and re-create (DeleteDBInstance fails with DBSnapshotAlreadyExists); the creation
 * time is unique per creation, and `ignoreChanges` on the property keeps it stable on updates.
 * Pulumi carries an ignored property into a replacement too, so an in-place replacement of the
 * instance (blocked anyway by `protect` and its fixed identifier) must set a new name explicitly.
 */
export function finalSnapshotIdentifier(identifier: string, createdAt: Date): string {
  const stamp = createdAt.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${identifier}-final-${stamp}`;
}

/** The VPC flow-log group (NET-3). */
export function flowLogGroupName(project: string, stack: string): string {
  return `/aws/vpc/flowlogs/${stackPrefix(project, stack)}`;
}

/** The CloudTrail trail (IAM-3); the KMS key policy names it in `aws:SourceArn` before it exists. */
export function trailName(project: string, stack: string): string {
  return `${stackPrefix(project, stack)}-trail`;
}

/** Log group the trail also delivers to (IAM-3, CMP-3). */
export function trailLogGroupName(project: string, stack: string): string {
  return `/aws/cloudtrail/${stackPrefix(project, stack)}`;
}
