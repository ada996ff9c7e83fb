/**
 * Config validation as a test sees it: a shipped stack file plus overrides, validated for a region;
 * assertions name the full key a problem must be reported under.
 */
import { strict as assert } from "assert";
import { ConfigError, validateConfig } from "../../config/validate";
import { applyOverrides, ConfigOverrides, stackConfig, StackName } from "../harness/program";

export const REGION = "eu-west-1";

export function validate(
  stack: StackName,
  overrides: ConfigOverrides = {},
  region: string | undefined = REGION,
) {
  return validateConfig(applyOverrides(stackConfig(stack), overrides), { region, stack });
}

/** The ConfigError's issues; fails the test if validation passed. */
export function problems(
  stack: StackName,
  overrides: ConfigOverrides,
  region: string | undefined = REGION,
): ConfigError {
  try {
    validate(stack, overrides, region);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(overrides)} to be rejected`);
}

export function assertRejects(
  stack: StackName,
  overrides: ConfigOverrides,
  key: string,
  pattern?: RegExp,
  region?: string,
): void {
  const error = problems(stack, overrides, region ?? REGION);
  const issue = error.issues.find((candidate) => candidate.key === key);
  assert.ok(issue, `expected an issue for ${key}; got:\n${error.message}`);
  assert.ok(error.message.includes(`${key}: `), "the message names the full key");
  if (pattern) {
    assert.match(issue.message, pattern);
  }
}

export function assertAccepts(stack: StackName, overrides: ConfigOverrides) {
  return validate(stack, overrides).settings;
}
