/**
 * Physical names that more than one component (or an operator command) must agree on. Everything
 * else is auto-named by Pulumi from the logical name, so two stacks never collide.
 */

/** CloudWatch Logs groups the app host's CloudWatch agent ships to (MON-2; vendor fact). */
export const APP_LOG_GROUPS = {
  application: "/aletyx/application",
  system: "/aletyx/system",
} as const;

/** The container's plain-HTTP port and its unauthenticated health endpoint (vendor facts). */
export const APP_PORT = 8080;
export const APP_HEALTH_PATH = "/actuator/health";
export const POSTGRES_PORT = 5432;
export const DATABASE_NAME = "decision_control";
export const DATABASE_USERNAME = "aletyxadmin";

/** `<project>-<stack>`: prefix for physical names that must be unique per stack in an account. */
export function stackPrefix(project: string, stack: string): string {
  return `${project}-${stack}`;
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
