/**
 * The components' pure argument checks: each refuses what its constructor cannot build, before any
 * child is registered, and accepts what the program passes.
 */
import { strict as assert } from "assert";
import { validateProductionClusterArgs } from "../../components/app/production-cluster";
import { validateAuditArgs } from "../../components/audit";
import { validateDatabaseArgs } from "../../components/database";
import { validateMonitoringArgs } from "../../components/monitoring";
import { settingsFor } from "./fixtures";

describe("component argument checks (pure, no resources)", () => {
  describe("validateProductionClusterArgs", () => {
    const valid = {
      publicSubnetIds: ["subnet-a", "subnet-b"],
      privateSubnetIds: ["subnet-c", "subnet-d"],
      // ELB names: 32 characters, less the 8-character autoname suffix and the `-alb` tail.
      loadBalancerBase: "a".repeat(20),
    };
    it("accepts two zones of each tier and a base that fits ELB's 32 characters", () =>
      assert.doesNotThrow(() => validateProductionClusterArgs("app", valid)));
    for (const tier of ["publicSubnetIds", "privateSubnetIds"] as const) {
      it(`NET-2: refuses ${tier} in one zone only`, () =>
        assert.throws(
          () => validateProductionClusterArgs("app", { ...valid, [tier]: ["subnet-x"] }),
          /^Error: app: an ALB and a resilient Auto Scaling group need subnets in at least two AZs \(NET-2\)\.$/,
        ));
    }
    it("refuses a loadBalancerBase one character too long for ELB's 32", () =>
      assert.throws(
        () => validateProductionClusterArgs("app", { ...valid, loadBalancerBase: "a".repeat(21) }),
        /app: loadBalancerBase "a{21}" is longer than 20 characters/,
      ));
  });

  describe("validateDatabaseArgs", () => {
    const settings = settingsFor("production").database;
    it("accepts the settings config validation produced", () =>
      assert.doesNotThrow(() => validateDatabaseArgs("db", settings)));
    it("APP-1: refuses a rotation schedule built by hand that config validation would refuse", () =>
      assert.throws(
        () => validateDatabaseArgs("db", { ...settings, secretRotationSchedule: "rate(0 days)" }),
        /^Error: Database db: secret rotation /,
      ));
  });

  describe("validateAuditArgs", () => {
    it("accepts one log group to export", () =>
      assert.doesNotThrow(() => validateAuditArgs("audit", { logExportGroupArns: ["arn:lg"] })));
    it("IR-2: refuses an empty logExportGroupArns", () =>
      assert.throws(
        () => validateAuditArgs("audit", { logExportGroupArns: [] }),
        /Audit audit: logExportGroupArns must name at least one log group \(IR-2\)\./,
      ));
  });

  describe("validateMonitoringArgs", () => {
    it("accepts a positive whole max_connections, 1 included", () => {
      for (const good of [1, 400]) {
        assert.doesNotThrow(() => validateMonitoringArgs("mon", { dbMaxConnections: good }));
      }
    });
    for (const bad of [0, -5, 70.5, Number.NaN]) {
      it(`MON-1: refuses dbMaxConnections ${bad}`, () =>
        assert.throws(
          () => validateMonitoringArgs("mon", { dbMaxConnections: bad }),
          /Monitoring mon: dbMaxConnections .* must be a positive integer/,
        ));
    }
  });
});
