import { strict as assert } from "assert";
import {
  DEFAULT_GROUP_NAME,
  GovernanceConfigError,
  validateGovernanceConfig,
} from "../config/validate";
import { configWith, exampleConfig } from "./harness";

const KEY = "decision-control-governance";

function issuesOf(config: Record<string, string>): string[] {
  try {
    validateGovernanceConfig(config);
  } catch (error) {
    assert.ok(error instanceof GovernanceConfigError, String(error));
    return error.issues.map((issue) => `${issue.key}: ${issue.message}`);
  }
  assert.fail("the config was accepted");
}

const production = { project: "decision-control", stack: "production", edition: "production" };
const sandbox = { project: "decision-control", stack: "sandbox", edition: "sandbox" };

describe("governance config (Pulumi.org.yaml)", () => {
  it("ALL: the example stack file is valid and lists each example stack with its edition", () => {
    const settings = validateGovernanceConfig(exampleConfig());
    assert.deepEqual(settings.stacks, [production, sandbox]);
    assert.deepEqual(settings.defaultGroup, { manage: true, name: DEFAULT_GROUP_NAME });
    assert.equal(settings.auditGroup, false);
    assert.ok(Object.isFrozen(settings) && Object.isFrozen(settings.stacks));
  });

  it("ALL: an unknown edition is refused, naming the key and the pack's editions", () => {
    const issues = issuesOf(
      configWith({ stacks: [production, { ...sandbox, edition: "staging" }] }),
    );
    assert.deepEqual(issues, [
      `${KEY}:stacks[1].edition: "staging" is not an edition of the policy pack; use one of: sandbox, production.`,
    ]);
  });

  it("ALL: a stack listed twice is refused, naming both entries", () => {
    const issues = issuesOf(
      configWith({ stacks: [production, sandbox, { ...production, edition: "sandbox" }] }),
    );
    assert.deepEqual(issues, [
      `${KEY}:stacks[2]: decision-control/production is already listed at stacks[0]; a stack gets exactly one edition's profile, so list it once.`,
    ]);
  });

  it("ALL: the same stack name in two projects is two stacks", () => {
    const settings = validateGovernanceConfig(
      configWith({ stacks: [production, { ...production, project: "payments" }] }),
    );
    assert.equal(settings.stacks.length, 2);
  });

  it("ALL: every problem is reported at once", () => {
    const issues = issuesOf(
      configWith({
        organization: undefined,
        stacks: [production, production, { ...sandbox, edition: "dev" }],
        defaultGroup: { name: "default-policy-group" },
      }),
    );
    assert.deepEqual(issues.map((issue) => issue.split(": ")[0]).sort(), [
      `${KEY}:defaultGroup.manage`,
      `${KEY}:organization`,
      `${KEY}:stacks[1]`,
      `${KEY}:stacks[2].edition`,
    ]);
    assert.match(issues.join("\n"), /organization: is required/);
    assert.match(issues.join("\n"), /defaultGroup\.manage: is required/);
  });

  it("ALL: project and stack names outside Pulumi's character set are refused", () => {
    const issues = issuesOf(configWith({ stacks: [{ ...production, stack: "prod eu" }] }));
    assert.deepEqual(issues, [
      `${KEY}:stacks[0].stack: must be a Pulumi stack name (letters, digits, - _ . up to 100).`,
    ]);
  });

  it("ALL: an unknown key or field is refused instead of being ignored", () => {
    const issues = issuesOf(
      configWith({ auditGroups: true, defaultGroup: { manage: false, mode: "audit" } }),
    );
    assert.deepEqual(issues.sort(), [
      `${KEY}:auditGroups: is not a key this program reads; remove it or use one of: organization, stacks, defaultGroup, auditGroup.`,
      `${KEY}:defaultGroup.mode: is not a field this program reads; remove it.`,
    ]);
  });

  it("ALL: auditGroup must be a boolean", () => {
    const issues = issuesOf(configWith({ auditGroup: "yes" }));
    assert.deepEqual(issues, [`${KEY}:auditGroup: must be true or false.`]);
  });
});
