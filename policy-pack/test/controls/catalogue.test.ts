// The catalogue is consistent with itself and with the policies that quote it.
import * as assert from "assert";
import { CATALOGUE, controlList, POLICY_DEFAULTS } from "../../controls";
import { allPolicies } from "../../policies";
import { controlIdsOf } from "../../lib/policy-kit";

describe("ALL: the control catalogue", () => {
  it("ALL: every control is filed under its own ID and names a guide section", () => {
    for (const [id, control] of Object.entries(CATALOGUE.controls)) {
      assert.strictEqual(control.id, id);
      assert.match(control.guideSection, /^[A-Z][A-Za-z ]+ \d, /, id);
    }
  });

  it("ALL: the checklist is the guide's 16 items, numbered in order, each proved by known controls", () => {
    assert.deepStrictEqual(
      CATALOGUE.checklist.map((item) => item.number),
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    const ids = new Set(controlList(CATALOGUE).map((c) => c.id));
    for (const item of CATALOGUE.checklist) {
      assert.ok(item.controls.length > 0, `item ${item.number}`);
      item.controls.forEach((id) => assert.ok(ids.has(id), `item ${item.number}: ${id}`));
    }
  });

  it("ALL: every policy description starts with catalogue control IDs", () => {
    const ids = new Set<string>(controlList(CATALOGUE).map((c) => c.id));
    for (const policy of allPolicies) {
      for (const id of controlIdsOf(policy.description)) {
        assert.ok(ids.has(id), `${policy.name}: ${id}`);
      }
    }
  });

  it("ALL: every configurable policy takes its schema defaults from the catalogue", () => {
    const defaults: Readonly<Record<string, Readonly<Record<string, unknown>>>> = POLICY_DEFAULTS;
    for (const policy of allPolicies) {
      const properties = Object.entries(policy.configSchema?.properties ?? {});
      if (properties.length === 0) {
        continue;
      }
      const own = defaults[policy.name];
      assert.ok(own !== undefined, `${policy.name} has no catalogue defaults`);
      for (const [key, schema] of properties) {
        assert.deepStrictEqual(
          (schema as { default?: unknown }).default,
          own[key],
          `${policy.name}.${key}`,
        );
      }
    }
  });

  it("DATA-3: the production backup minimum is at least the sandbox's and the guide's", () => {
    const v = CATALOGUE.controls["DATA-3"].values;
    assert.ok(v.minBackupRetentionDays.production >= v.minBackupRetentionDays.sandbox);
    assert.ok(v.minBackupRetentionDays.sandbox >= v.guideMinBackupRetentionDays);
    assert.ok(v.complianceMinBackupRetentionDays.regulated <= v.maxBackupRetentionDays);
  });
});
