import * as assert from "assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  evaluateResources,
  evaluateWith,
  loadPackConfig,
  preparePolicies,
} from "../harness/evaluate";
import { res } from "./helpers";

const open22 = res(
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" },
  "ssh",
);

describe("harness/evaluate: runs the pack in-process as the engine does", () => {
  it("ALL: reports control IDs, level, resource and message for a violation", () => {
    const v = evaluateResources([open22]).violations.find(
      (x) => x.policyName === "sg-no-admin-ports-from-internet",
    );
    assert.ok(v);
    assert.deepStrictEqual(v.controlIds, ["NET-5", "ACC-2"]);
    assert.strictEqual(v.enforcementLevel, "mandatory");
    assert.strictEqual(v.resourceName, "ssh");
    assert.strictEqual(v.resourceType, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.match(v.message, /^NET-5: .*22.*0\.0\.0\.0\/0.*SSM/);
  });
  it("ALL: `all` sets every policy's level, and a per-policy entry wins over it", () => {
    const adv = evaluateResources([open22], { all: "advisory" });
    assert.ok(
      adv.violations.length > 0 && adv.violations.every((v) => v.enforcementLevel === "advisory"),
    );
    const mixed = evaluateResources([open22], {
      all: { enforcementLevel: "advisory" },
      "sg-no-admin-ports-from-internet": "mandatory",
    });
    assert.strictEqual(
      mixed.violations.find((v) => v.policyName === "sg-no-admin-ports-from-internet")
        ?.enforcementLevel,
      "mandatory",
    );
    assert.strictEqual(
      mixed.violations.find((v) => v.policyName === "sg-world-ingress-only-port-80")
        ?.enforcementLevel,
      "advisory",
    );
  });
  it("ALL: `disabled` skips a policy, per policy or through `all`", () => {
    assert.ok(
      !evaluateResources([open22], {
        "sg-no-admin-ports-from-internet": "disabled",
      }).violations.some((v) => v.policyName === "sg-no-admin-ports-from-internet"),
    );
    assert.deepStrictEqual(evaluateResources([open22], { all: "disabled" }).violations, []);
  });
  it("ALL: getConfig() is the schema defaults overridden by the config entry", () => {
    const prepared = preparePolicies({
      "rds-backup-retention": { enforcementLevel: "advisory", minBackupRetentionDays: 7 },
    });
    const p = prepared.find((x) => x.policy.name === "rds-backup-retention");
    assert.deepStrictEqual(p?.config, { minBackupRetentionDays: 7 });
    assert.strictEqual(p?.level, "advisory");
    assert.deepStrictEqual(prepared.find((x) => x.policy.name === "log-group-retention")?.config, {
      minLogRetentionDays: 90,
      requireKms: true,
    });
  });
  it("ALL: a policy that throws is reported as an error, never as a pass", () => {
    const boom: ResourceValidationPolicy = {
      name: "boom",
      description: "TEST-1: throws",
      enforcementLevel: "mandatory",
      validateResource: () => {
        throw new Error("kaput");
      },
    };
    const stackBoom: StackValidationPolicy = {
      name: "stack-boom",
      description: "TEST-2: throws",
      enforcementLevel: "mandatory",
      validateStack: () => {
        throw new TypeError("nope");
      },
    };
    const result = evaluateWith([boom, stackBoom], [open22]);
    assert.deepStrictEqual(
      result.errors.map((e) => [e.policyName, e.resourceName]),
      [
        ["boom", "ssh"],
        ["stack-boom", undefined],
      ],
    );
    assert.match(result.errors[0].error, /kaput/);
  });
  it("ALL: validateResource is filtered by the type the policy declares", () => {
    const seen: string[] = [];
    const typed = Object.assign(
      (args: { type: string }) => {
        seen.push(args.type);
      },
      { __pulumiType: "aws:s3/bucket:Bucket" },
    );
    const policy: ResourceValidationPolicy = {
      name: "typed",
      description: "TEST-3: x",
      validateResource: typed,
    };
    evaluateWith([policy], [open22, res("aws:s3/bucket:Bucket", {}, "b")]);
    assert.deepStrictEqual(seen, ["aws:s3/bucket:Bucket"]);
  });
  it("ALL: loadPackConfig reads config/<stack>.json and rejects path tricks", () => {
    assert.strictEqual(loadPackConfig("sandbox")["rds-multi-az"] as string, "advisory");
    assert.throws(() => loadPackConfig("../package"));
  });
});
