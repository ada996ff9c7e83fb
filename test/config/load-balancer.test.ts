import { strict as assert } from "assert";
import { assertAccepts, assertRejects, validate } from "./expect";

const HEALTH_CHECK = "decision-control:loadBalancerHealthCheck";
const REPLACE = "decision-control:replaceLoadBalancer";
const warningsAbout = (key: string, overrides: Record<string, unknown>): string[] =>
  validate("production", overrides).warnings.filter((warning) => warning.startsWith(`${key}:`));

describe("config: the production load balancer's health check (decision-control:loadBalancerHealthCheck)", () => {
  it("APP-3: unset, production checks full health, which instances launched before the liveness group serve too", () => {
    assert.equal(
      assertAccepts("production", { loadBalancerHealthCheck: undefined }).loadBalancerHealthCheck,
      "full",
    );
  });

  it("APP-3: full is warned about, with the condition for phase 2 (a rollout, then curl on a host) and the runbook", () => {
    const [warning] = warningsAbout(HEALTH_CHECK, { loadBalancerHealthCheck: "full" });
    assert.match(warning, /Multi-AZ failover/);
    assert.match(warning, /roll-instances/);
    assert.match(warning, /curl -i http:\/\/127\.0\.0\.1:8080\/actuator\/health\/liveness/);
    assert.match(warning, /"liveness" in a separate change/);
    assert.match(warning, /Health checks/);
  });

  it("APP-3: liveness is accepted without that warning", () => {
    assert.equal(
      assertAccepts("production", { loadBalancerHealthCheck: "liveness" }).loadBalancerHealthCheck,
      "liveness",
    );
    assert.deepEqual(warningsAbout(HEALTH_CHECK, { loadBalancerHealthCheck: "liveness" }), []);
  });

  it("APP-3: any other value is refused, naming the key and both values", () => {
    assertRejects(
      "production",
      { loadBalancerHealthCheck: "/actuator/health/readiness" },
      HEALTH_CHECK,
      /"liveness".*"full"/,
    );
  });

  it("the sandbox has no load balancer: the key is refused, and unset it stays undefined", () => {
    assertRejects(
      "sandbox",
      { loadBalancerHealthCheck: "liveness" },
      HEALTH_CHECK,
      /no load balancer/,
    );
    assert.equal(assertAccepts("sandbox", {}).loadBalancerHealthCheck, undefined);
  });
});

describe("config: the one-shot switch that lets the load balancer be replaced (decision-control:replaceLoadBalancer)", () => {
  it("NET-2: defaults to false, so the load balancer stays protected", () => {
    assert.equal(assertAccepts("production", {}).replaceLoadBalancer, false);
    assert.deepEqual(warningsAbout(REPLACE, {}), []);
  });

  it("NET-2: true is accepted and warned about: an up of its own first, then the replacing up, then back to false", () => {
    assert.equal(
      assertAccepts("production", { replaceLoadBalancer: true }).replaceLoadBalancer,
      true,
    );
    const [warning] = warningsAbout(REPLACE, { replaceLoadBalancer: true });
    assert.match(warning, /only this change, then the up that replaces it/);
    assert.match(warning, /set it back to false/);
    assert.match(warning, /Changing the scheme/);
  });

  it("NET-2: must be a boolean; the sandbox refuses it", () => {
    assertRejects("production", { replaceLoadBalancer: "yes" }, REPLACE, /true or false/);
    assertRejects("sandbox", { replaceLoadBalancer: true }, REPLACE, /no load balancer/);
  });

  it("NET-2: the sandbox, with no load balancer to protect, never lifts protection", () => {
    assert.equal(assertAccepts("sandbox", {}).replaceLoadBalancer, false);
  });
});
