import * as assert from "assert";
import {
  ESCALATION_METHODS,
  RESOURCE_SCOPING_CONDITION_KEYS,
  SENSITIVE_ON_ALL_RESOURCES,
} from "../../lib/escalation-data";
import { actionsOfService } from "../../lib/iam-actions";

function exists(action: string): boolean {
  const [service] = action.split(":");
  return (actionsOfService(service) ?? []).some(
    (a) => a.action.toLowerCase() === action.toLowerCase(),
  );
}

describe("lib/escalation-data: IAM-2 data, checked against AWS's list of actions", () => {
  it("IAM-2: every escalation method names real actions, says how and cites a source", () => {
    assert.ok(ESCALATION_METHODS.length >= 20);
    for (const m of ESCALATION_METHODS) {
      for (const a of m.actions) {
        assert.ok(exists(a), `${a} is not an AWS action`);
      }
      assert.ok(m.how.length > 0);
      assert.match(m.source, /https:\/\//);
    }
  });
  it("IAM-2: PassRole methods put iam:PassRole first (it must reach every role)", () => {
    for (const m of ESCALATION_METHODS.filter((x) => x.actions.length > 1)) {
      assert.strictEqual(m.actions[0], "iam:PassRole", m.actions.join(" + "));
    }
  });
  it("IAM-2: every administrator-level action is real and sourced", () => {
    for (const s of SENSITIVE_ON_ALL_RESOURCES) {
      assert.ok(exists(s.action), `${s.action} is not an AWS action`);
      assert.match(s.source, /https:\/\//);
    }
    for (const a of ["secretsmanager:GetSecretValue", "kms:Decrypt", "ec2:TerminateInstances"]) {
      assert.ok(
        SENSITIVE_ON_ALL_RESOURCES.some((s) => s.action === a),
        a,
      );
    }
  });
  it("IAM-2: resource-scoping condition keys are service-qualified", () => {
    for (const k of RESOURCE_SCOPING_CONDITION_KEYS) {
      assert.match(k, /^[a-z0-9-]+:/);
    }
  });
});
