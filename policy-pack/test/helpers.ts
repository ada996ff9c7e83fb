import * as assert from "assert";
import {
  EvaluationResult,
  evaluateResources,
  PackConfigFile,
  ResourceUnderTest,
  Violation,
} from "../harness/evaluate";
import { PolicyResource, unknownCheckingProxy } from "../lib/policy-kit";

export function res(
  type: string,
  props: Record<string, unknown>,
  name = "subject",
): ResourceUnderTest {
  return { type, name, props };
}

/** Evaluates resources with the production defaults (or the given config). */
export function run(
  resources: ResourceUnderTest | ResourceUnderTest[],
  config: PackConfigFile = {},
  preview = false,
): EvaluationResult {
  const result = evaluateResources(Array.isArray(resources) ? resources : [resources], config, {
    preview,
  });
  assert.deepStrictEqual(result.errors, [], "no policy may throw");
  return result;
}

export function hits(
  result: EvaluationResult,
  policyName: string,
  level?: Violation["enforcementLevel"],
): Violation[] {
  return result.violations.filter(
    (v) => v.policyName === policyName && (level === undefined || v.enforcementLevel === level),
  );
}

/** Asserts `policyName` blocks (a mandatory violation) and returns the messages. */
export function assertBlocks(
  result: EvaluationResult,
  policyName: string,
  pattern?: RegExp,
): string[] {
  const found = hits(result, policyName, "mandatory");
  assert.ok(
    found.length > 0,
    `expected a mandatory ${policyName} violation; got ${JSON.stringify(result.violations, null, 1)}`,
  );
  if (pattern) {
    assert.ok(
      found.some((v) => pattern.test(v.message)),
      `no ${policyName} message matches ${pattern}: ${found.map((v) => v.message).join(" | ")}`,
    );
  }
  return found.map((v) => v.message);
}

export function assertPasses(result: EvaluationResult, policyName: string): void {
  const found = hits(result, policyName);
  assert.deepStrictEqual(found, [], `expected no ${policyName} violation`);
}

/** A resource as a stack policy sees it (props behind the engine's unknown-checking proxy). */
export function policyResource(
  type: string,
  name: string,
  props: Record<string, unknown> = {},
  deps: Record<string, PolicyResource[]> = {},
): PolicyResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::p::${type}::${name}`,
    props: unknownCheckingProxy(props),
    propertyDependencies: deps,
  } as unknown as PolicyResource;
}
