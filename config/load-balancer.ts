/**
 * The production load balancer's day-2 keys, validated as pure functions (README, Operations,
 * "Roll a new AMI (production)", "Health checks").
 *
 * `loadBalancerHealthCheck`: the target group's health check is changed in place by `pulumi up` at
 * once, while the running instances keep the launch-template version they were launched from until
 * `npm run roll-instances` replaces them. An instance launched before the container served
 * Spring Boot's liveness group answers 404 there; with `healthCheckType: ELB` the group would
 * replace every such instance from the same old version, and the rollout's unhealthy-host alarm
 * would roll the refresh back. So `full` (what every version serves) stays until a rollout has put
 * the liveness group in service, and only then does a second change switch to `liveness`.
 *
 * `replaceLoadBalancer`: the ALB is `protect`ed, so a change that would replace it (a new scheme:
 * AWS fixes it at create) fails when Pulumi plans it, before anything is deleted. The one-shot
 * switch lifts `protect` and the ALB's deletion protection in an `up` of its own; the replacing
 * change follows in the next `up`, since a replacement deletes the old ALB with the deletion
 * protection it has in AWS, not the value the program now asks for.
 */
import { EditionProfile } from "./editions";
import {
  ConfigIssue,
  Edition,
  LOAD_BALANCER_HEALTH_CHECKS,
  LoadBalancerHealthCheck,
} from "./types";

const HEALTH_CHECK_KEY = "decision-control:loadBalancerHealthCheck";
const HEALTH_CHECK_RUNBOOK = `README, Operations, "Roll a new AMI (production)", "Health checks"`;
const REPLACE_KEY = "decision-control:replaceLoadBalancer";
const REPLACE_RUNBOOK = `README, "Who can reach the app", "Changing the scheme"`;

export interface LoadBalancerInput {
  readonly loadBalancerHealthCheck?: string;
  readonly replaceLoadBalancer?: boolean;
}

export interface LoadBalancerValidation {
  readonly issues: readonly ConfigIssue[];
  readonly warnings: readonly string[];
  /** Undefined where the edition has no load balancer. */
  readonly loadBalancerHealthCheck?: LoadBalancerHealthCheck;
  readonly replaceLoadBalancer: boolean;
}

/** Validates the load balancer keys for an edition; every problem at once. */
export function validateLoadBalancer(
  input: LoadBalancerInput,
  edition: Edition,
  profile: EditionProfile,
): LoadBalancerValidation {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const value = input.loadBalancerHealthCheck;
  const replaceLoadBalancer = input.replaceLoadBalancer ?? false;
  if (profile.loadBalancerHealthCheck === undefined) {
    const given = { [HEALTH_CHECK_KEY]: value, [REPLACE_KEY]: input.replaceLoadBalancer };
    for (const [key, set] of Object.entries(given)) {
      if (set !== undefined) {
        issues.push({
          key,
          message: `is not accepted in the ${edition} edition: it has no load balancer (nginx on the instance serves the app); remove the key.`,
        });
      }
    }
    return { issues, warnings, replaceLoadBalancer: false };
  }
  if (replaceLoadBalancer) {
    warnings.push(
      `${REPLACE_KEY}: true lifts Pulumi protect and the deletion protection of the load balancer. Run one pulumi up with only this change, then the up that replaces it (a new allowedCidr scheme), then set it back to false (${REPLACE_RUNBOOK}).`,
    );
  }
  if (value !== undefined && !(LOAD_BALANCER_HEALTH_CHECKS as readonly string[]).includes(value)) {
    issues.push({
      key: HEALTH_CHECK_KEY,
      message: `"${value}" is not a health check; set "liveness" (only once a rollout has put instances serving it in service) or "full" (${HEALTH_CHECK_RUNBOOK}).`,
    });
    return { issues, warnings, replaceLoadBalancer };
  }
  const healthCheck = (value ?? profile.loadBalancerHealthCheck) as LoadBalancerHealthCheck;
  if (healthCheck === "full") {
    warnings.push(
      `${HEALTH_CHECK_KEY}: "full" checks /actuator/health, which includes the database: a Multi-AZ failover or an RDS restart fails every target at once and the Auto Scaling group replaces the whole fleet. Once "npm run roll-instances" has put this program's launch template version in service and "curl -i http://127.0.0.1:8080/actuator/health/liveness" answers 200 on a host, set "liveness" in a separate change (${HEALTH_CHECK_RUNBOOK}).`,
    );
  }
  return { issues, warnings, loadBalancerHealthCheck: healthCheck, replaceLoadBalancer };
}
