/**
 * `decision-control:stackLabel`: the name every logical and physical name derives from in place of
 * the stack name, so a renamed stack pins its old name and keeps every resource (README,
 * Operations, "Rename a stack").
 */
import { strict as assert } from "assert";
import { validateConfig } from "../../config/validate";
import { applyOverrides, stackConfig } from "../harness/program";
import { assertAccepts, assertRejects, REGION } from "./expect";

const KEY = "decision-control:stackLabel";

/** Validation of the production stack file run as the stack `stack`. */
const asStack = (stack: string, overrides: Record<string, unknown> = {}) =>
  validateConfig(applyOverrides(stackConfig("production"), overrides), { region: REGION, stack });

describe("config: decision-control:stackLabel", () => {
  it("unset, names derive from the stack name itself", () => {
    assert.equal(assertAccepts("production", {}).stackLabel, "production");
    assert.equal(asStack("acme-prod-euw1").settings.stackLabel, "acme-prod-euw1");
  });

  it("set, it replaces the stack name for names, and the stack name stays what it is", () => {
    const { settings } = asStack("prod-eu", { stackLabel: "production" });
    assert.deepEqual([settings.stack, settings.stackLabel], ["prod-eu", "production"]);
  });

  it("takes any Pulumi stack name: letters, digits, hyphens, underscores, periods, up to 30 characters", () => {
    for (const label of ["production", "Prod_EU.2", "a", "x".repeat(30)]) {
      assert.equal(assertAccepts("production", { stackLabel: label }).stackLabel, label);
    }
  });

  it("refuses what is no stack name, naming the key and the rename runbook", () => {
    for (const label of ["prod eu", "prod/eu", "", "prod:eu"]) {
      assertRejects(
        "production",
        { stackLabel: label },
        KEY,
        /is not a stack name.*Rename a stack/,
      );
    }
  });

  it("refuses a label over 30 characters, the same budget as a stack name", () => {
    assertRejects("production", { stackLabel: "x".repeat(31) }, KEY, /31 characters; .* 30/);
  });

  it("with a label pinned, the stack name no longer feeds any name, so its length is not refused", () => {
    const longName = "acme-decision-control-production-eu-west-1";
    assert.throws(() => asStack(longName), /stack name: ".+" has 42 characters/);
    assert.equal(asStack(longName, { stackLabel: "production" }).settings.stackLabel, "production");
  });
});
