import { strict as assert } from "assert";
import { Database, ENGINE_LIFECYCLE_SUPPORT } from "../../components/database";
import { COMMON_DEFAULTS } from "../../config/editions";
import { MAX_ROTATION_INTERVAL_DAYS } from "../../config/rotation-schedule";
import { DatabaseSettings } from "../../config/types";
import { maxConnectionsFor } from "../../config/db-instance-classes";
import * as pulumi from "@pulumi/pulumi";
import { ProgramRun, RegisteredResource, runProgramOnce, runWithMocks } from "../harness/program";

const RDS = "aws:rds/instance:Instance";
const db = (run: ProgramRun): RegisteredResource => {
  const found = run.ofType(RDS);
  assert.equal(found.length, 1, "exactly one RDS instance");
  return found[0];
};
const one = (run: ProgramRun, type: string): RegisteredResource => {
  const found = run.ofType(type);
  assert.equal(found.length, 1, `exactly one ${type}`);
  return found[0];
};
const ok = (run: ProgramRun): ProgramRun => {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
};

const editions = ["sandbox", "production"] as const;

interface RegisterRequest {
  getType(): string;
  getDeletebeforereplace(): boolean;
  getDeletebeforereplacedefined(): boolean;
}

type Parameter = { name: string; value: string; applyMethod?: string };
const parameter = (group: RegisteredResource, name: string): Parameter | undefined =>
  (group.inputs.parameters as Parameter[]).find((each) => each.name === name);
const connectionAlarm = (run: ProgramRun): RegisteredResource => {
  const found = run
    .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
    .filter((alarm) => alarm.inputs.metricName === "DatabaseConnections");
  assert.equal(found.length, 1, "exactly one connection alarm");
  return found[0];
};

describe("database (DATA-2..4, APP-1, ACC-1)", () => {
  for (const edition of editions) {
    describe(edition, () => {
      let run: ProgramRun;
      before(async () => {
        run = ok(await runProgramOnce(edition));
      });

      it("DATA-2: storage is encrypted with the stack's customer-managed key", () => {
        const key = one(run, "aws:kms/key:Key");
        assert.equal(db(run).inputs.storageEncrypted, true);
        assert.equal(db(run).inputs.kmsKeyId, key.state.arn);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(key.protect, true, "the key is protected");
      });

      it("APP-1: the master password is RDS-managed in Secrets Manager, encrypted with the stack key, never a password input", () => {
        const inputs = db(run).inputs;
        assert.equal(inputs.manageMasterUserPassword, true);
        assert.equal(inputs.masterUserSecretKmsKeyId, one(run, "aws:kms/key:Key").state.arn);
        assert.equal(inputs.password, undefined);
        assert.equal(inputs.passwordWo, undefined);
        // The SDK marks these secret itself; the test guards against that ever changing silently.
        assert.ok(
          db(run).additionalSecretOutputs.includes("password"),
          "state keeps any password encrypted",
        );
      });

      it(`APP-1: the managed secret rotates in a fixed cron window (at most ${MAX_ROTATION_INTERVAL_DAYS} days apart), never at once on a change`, () => {
        const rotation = one(run, "aws:secretsmanager/secretRotation:SecretRotation");
        const secret = db(run).state.masterUserSecrets as { secretArn: string }[];
        assert.equal(rotation.inputs.secretId, secret[0].secretArn);
        assert.deepEqual(rotation.inputs.rotationRules, {
          scheduleExpression: COMMON_DEFAULTS.database.secretRotationSchedule,
          duration: `${COMMON_DEFAULTS.database.secretRotationWindowHours}h`,
        });
        assert.equal(rotation.inputs.rotateImmediately, false);
        assert.equal(
          rotation.inputs.rotationLambdaArn,
          undefined,
          "RDS-managed rotation needs no Lambda",
        );
      });

      it("APP-1/DATA-3: the rotation is deleted with the instance (deletedWith): a destroy never cancels rotation on the secret RDS manages", () => {
        const rotation = one(run, "aws:secretsmanager/secretRotation:SecretRotation");
        assert.equal(rotation.deletedWith, db(run).urn);
      });

      it("ACC-1: not publicly accessible, only the database security group attached", () => {
        const inputs = db(run).inputs;
        assert.equal(inputs.publiclyAccessible, false);
        assert.deepEqual(inputs.vpcSecurityGroupIds, [run.outputs.databaseSecurityGroupId]);
      });

      it("ACC-1/NET-2: the subnet group is exactly the isolated subnets", () => {
        const group = one(run, "aws:rds/subnetGroup:SubnetGroup");
        assert.deepEqual(group.inputs.subnetIds, run.outputs.isolatedSubnetIds);
        assert.equal(db(run).inputs.dbSubnetGroupName, group.state.name);
      });

      it("ACC-1: the parameter group forces TLS (rds.force_ssl = 1) for the engine family", () => {
        const params = one(run, "aws:rds/parameterGroup:ParameterGroup");
        assert.equal(params.inputs.family, "postgres16");
        assert.deepEqual(parameter(params, "rds.force_ssl"), { name: "rds.force_ssl", value: "1" });
        assert.equal(db(run).inputs.parameterGroupName, params.state.name);
      });

      it("MON-1: the parameter group sets max_connections explicitly for the class, applied at reboot (a static parameter)", () => {
        const params = one(run, "aws:rds/parameterGroup:ParameterGroup");
        assert.deepEqual(parameter(params, "max_connections"), {
          name: "max_connections",
          value: `LEAST({DBInstanceClassMemory/9531392},${maxConnectionsFor(String(db(run).inputs.instanceClass))})`,
          applyMethod: "pending-reboot",
        });
        assert.deepEqual(
          (params.inputs.parameters as Parameter[]).map((each) => each.name).sort(),
          ["max_connections", "rds.force_ssl"],
          "no other parameter is set",
        );
      });

      it("MON-1: the connection alarm fires above 80% of the parameter group's max_connections", () => {
        const value = parameter(
          one(run, "aws:rds/parameterGroup:ParameterGroup"),
          "max_connections",
        );
        const max = Number(
          /^LEAST\(\{DBInstanceClassMemory\/9531392\},(\d+)\)$/.exec(String(value?.value))?.[1],
        );
        assert.equal(connectionAlarm(run).inputs.threshold, Math.floor(max * 0.8));
        assert.deepEqual(connectionAlarm(run).inputs.dimensions, {
          DBInstanceIdentifier: db(run).state.identifier,
        });
      });

      it("ACC-1: IAM database authentication is on; PostgreSQL logs go to CloudWatch", () => {
        assert.equal(db(run).inputs.iamDatabaseAuthenticationEnabled, true);
        assert.deepEqual(db(run).inputs.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
      });

      it("MON-2/CMP-2: the export log groups exist before the instance, encrypted with the stack key, with the edition's retention", () => {
        const instance = db(run);
        for (const log of ["postgresql", "upgrade"]) {
          const group = run
            .ofType("aws:cloudwatch/logGroup:LogGroup")
            .find(
              (candidate) =>
                candidate.inputs.name === `/aws/rds/instance/${instance.inputs.identifier}/${log}`,
            );
          assert.ok(group, `${log} export group is managed by the stack, not created by RDS`);
          assert.equal(group.inputs.kmsKeyId, instance.inputs.kmsKeyId);
          assert.equal(
            group.inputs.retentionInDays,
            run.config["decision-control:edition"] === "production" ? 90 : 30,
          );
          assert.equal(group.protect, true);
          assert.ok(instance.dependencies.includes(group.urn), "the instance waits for the group");
        }
      });

      it("DATA-3: copy tags to snapshots, named final snapshot never skipped, windows from config", () => {
        const inputs = db(run).inputs;
        assert.equal(inputs.copyTagsToSnapshot, true);
        assert.equal(inputs.skipFinalSnapshot, false);
        // Named per creation (components/shared/names.ts), so destroy and re-create never collide with the last one.
        assert.equal(
          String(inputs.finalSnapshotIdentifier).replace(/\d{14}$/, "<creation time>"),
          `${String(inputs.identifier)}-final-<creation time>`,
        );
        assert.equal(inputs.backupWindow, "02:00-03:00");
        assert.equal(inputs.maintenanceWindow, "sun:03:30-sun:04:30");
      });

      it("DATA-3: deletion protection on and the instance is protected in Pulumi", () => {
        assert.equal(db(run).inputs.deletionProtection, true);
        assert.equal(db(run).protect, true);
      });

      it("gp3 with a storage autoscaling limit, PostgreSQL 16, auto minor upgrades, database and user names", () => {
        const inputs = db(run).inputs;
        assert.equal(inputs.storageType, "gp3");
        assert.equal(inputs.maxAllocatedStorage, (inputs.allocatedStorage as number) * 5);
        assert.equal(inputs.engine, "postgres");
        assert.equal(inputs.engineVersion, "16");
        assert.equal(inputs.autoMinorVersionUpgrade, true);
        assert.equal(inputs.dbName, "decision_control");
        assert.equal(inputs.username, "aletyxadmin");
        assert.match(
          String(inputs.identifier),
          new RegExp(`^decision-control-${edition}-[0-9a-f]{8}$`),
        );
      });

      it("day 2: engine changes wait for the maintenance window and no major upgrade passes unless asked for", () => {
        const inputs = db(run).inputs;
        assert.equal(inputs.allowMajorVersionUpgrade, false);
        assert.equal(inputs.applyImmediately, false);
      });

      it("day 2: not enrolled in paid RDS Extended Support, and an older instance's enrollment is left alone (RDS ignores changes)", () => {
        assert.equal(db(run).inputs.engineLifecycleSupport, ENGINE_LIFECYCLE_SUPPORT);
        assert.equal(ENGINE_LIFECYCLE_SUPPORT, "open-source-rds-extended-support-disabled");
        assert.ok(db(run).ignoreChanges.includes("engineLifecycleSupport"));
      });

      it("enhanced monitoring through a role only RDS monitoring can assume", () => {
        const role = run.get("aws:iam/role:Role", `decision-control-${edition}-db-monitoring`);
        const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "monitoring.rds.amazonaws.com" });
        assert.equal(db(run).inputs.monitoringRoleArn, role.state.arn);
        assert.equal(db(run).inputs.monitoringInterval, 60);
        const attachment = run.get(
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
          `decision-control-${edition}-db-monitoring`,
        );
        assert.equal(
          attachment.inputs.policyArn,
          "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        );
      });

      it("exports the identifier, endpoint and secret ARN; the ARN is a pointer, not a secret value", () => {
        const keyId = String(run.ofType("aws:kms/key:Key")[0].state.keyId);
        assert.equal(
          run.outputs.databaseIdentifier,
          `decision-control-${edition}-${keyId.slice(0, 8)}`,
          "the stack prefix and this creation's tag (the stack key's ID)",
        );
        assert.match(String(run.outputs.databaseEndpoint), /\.rds\.amazonaws\.com$/);
        assert.match(String(run.outputs.databaseSecretArn), /^arn:aws:secretsmanager:/);
      });
    });
  }

  describe("edition differences", () => {
    it("DATA-4: production is Multi-AZ on db.m6g.large with 14-day backups and Performance Insights on the stack key", async () => {
      const run = ok(await runProgramOnce("production"));
      const inputs = db(run).inputs;
      assert.equal(inputs.multiAz, true);
      assert.equal(inputs.instanceClass, "db.m6g.large");
      assert.equal(inputs.allocatedStorage, 100);
      assert.equal(inputs.backupRetentionPeriod, 14);
      assert.equal(inputs.performanceInsightsEnabled, true);
      assert.equal(inputs.performanceInsightsKmsKeyId, one(run, "aws:kms/key:Key").state.arn);
    });

    it("DATA-3/DATA-4: sandbox defaults to single-AZ db.t4g.micro with 7-day backups; no Performance Insights on micro", async () => {
      const run = ok(await runProgramOnce("sandbox"));
      const inputs = db(run).inputs;
      assert.equal(inputs.multiAz, false);
      assert.equal(inputs.instanceClass, "db.t4g.micro");
      assert.equal(inputs.allocatedStorage, 20);
      assert.equal(inputs.backupRetentionPeriod, 7);
      assert.equal(inputs.performanceInsightsEnabled, false);
      assert.equal(inputs.performanceInsightsKmsKeyId, undefined);
    });

    it("DATA-3: the regulated compliance profile raises retention to 30 days", async () => {
      const run = ok(
        await runProgramOnce("production", {
          complianceProfile: "regulated",
          logRetentionDays: 365,
        }),
      );
      assert.equal(db(run).inputs.backupRetentionPeriod, 30);
    });

    it("MON-1: a class change changes max_connections and the alarm threshold together", async () => {
      const [micro, small] = await Promise.all([
        runProgramOnce("sandbox"),
        runProgramOnce("sandbox", { database: { instanceClass: "db.t4g.small" } }),
      ]);
      const seen = [ok(micro), ok(small)].map((run) => {
        const max = parameter(one(run, "aws:rds/parameterGroup:ParameterGroup"), "max_connections");
        return [db(run).inputs.instanceClass, max?.value, connectionAlarm(run).inputs.threshold];
      });
      assert.deepEqual(seen, [
        ["db.t4g.micro", "LEAST({DBInstanceClassMemory/9531392},70)", 56],
        ["db.t4g.small", "LEAST({DBInstanceClassMemory/9531392},183)", 146],
      ]);
    });

    it("DATA-3: a configured retention, class and storage are used as given", async () => {
      const run = ok(
        await runProgramOnce("sandbox", {
          database: {
            backupRetentionDays: 21,
            instanceClass: "db.m6g.large",
            allocatedStorageGb: 50,
            maxAllocatedStorageGb: 60,
          },
        }),
      );
      const inputs = db(run).inputs;
      assert.equal(inputs.backupRetentionPeriod, 21);
      assert.equal(inputs.instanceClass, "db.m6g.large");
      assert.equal(inputs.allocatedStorage, 50);
      assert.equal(inputs.maxAllocatedStorage, 60);
      assert.equal(
        inputs.performanceInsightsEnabled,
        true,
        "classes that support it get Performance Insights",
      );
    });
  });

  describe('PostgreSQL upgrades (README, Operations, "Upgrade PostgreSQL")', () => {
    it("a major upgrade: the new family's parameter group, the major-upgrade flag and apply-now reach RDS in one update", async () => {
      const run = ok(
        await runProgramOnce("production", {
          database: { engineVersion: "17", allowMajorVersionUpgrade: true, applyImmediately: true },
        }),
      );
      const params = one(run, "aws:rds/parameterGroup:ParameterGroup");
      assert.equal(params.inputs.family, "postgres17");
      assert.equal(
        params.inputs.name,
        undefined,
        "autonamed: the new group can exist beside the old",
      );
      const inputs = db(run).inputs;
      assert.deepEqual(
        [inputs.engineVersion, inputs.allowMajorVersionUpgrade, inputs.applyImmediately],
        ["17", true, true],
      );
      assert.equal(inputs.parameterGroupName, params.state.name);
    });

    it("a pinned minor runs with automatic minor upgrades off, as validated", async () => {
      const run = ok(
        await runProgramOnce("production", {
          database: { engineVersion: "16.6", autoMinorVersionUpgrade: false },
        }),
      );
      assert.deepEqual(
        [db(run).inputs.engineVersion, db(run).inputs.autoMinorVersionUpgrade],
        ["16.6", false],
      );
    });
  });

  describe("component", () => {
    const settings: DatabaseSettings = {
      instanceClass: "db.t4g.micro",
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 100,
      engineVersion: "17.2",
      engineMajorVersion: "17",
      multiAz: false,
      backupRetentionDays: 7,
      backupWindow: "02:00-03:00",
      maintenanceWindow: "sun:03:30-sun:04:30",
      deletionProtection: true,
      autoMinorVersionUpgrade: false,
      allowMajorVersionUpgrade: false,
      applyImmediately: false,
      secretRotationSchedule: "cron(0 5 ? * SUN#1 *)",
      secretRotationWindowHours: 1,
    };
    const build =
      (secretRotationSchedule = settings.secretRotationSchedule) =>
      () =>
        new Database("test-db", {
          project: "decision-control",
          stack: "unit",
          region: "eu-west-1",
          ...settings,
          secretRotationSchedule,
          subnetIds: ["subnet-a", "subnet-b"],
          securityGroupId: "sg-db",
          stackKeyId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
          kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
          logRetentionDays: 30,
        });

    it("APP-1: refuses settings built by hand whose rotations are more than 90 days apart", async () => {
      const run = await runWithMocks("unit", {}, build("cron(0 5 1 1,7 ? *)"));
      assert.match(String(run.error?.message), /up to 184 days between rotations/);
    });

    it("the parameter group is replaced create-before-delete, explicitly (a family change must not delete the group in use first)", async () => {
      const seen: { defined: boolean; value: boolean }[] = [];
      const run = ok(
        await runWithMocks("unit", {}, () => {
          // The harness records deleteBeforeReplace but not whether it was set; watch the request.
          const monitor = pulumi.runtime.getMonitor() as unknown as {
            registerResource: (request: RegisterRequest, callback: unknown) => unknown;
          };
          const register = monitor.registerResource.bind(monitor);
          monitor.registerResource = (request, callback) => {
            if (request.getType() === "aws:rds/parameterGroup:ParameterGroup") {
              seen.push({
                defined: request.getDeletebeforereplacedefined(),
                value: request.getDeletebeforereplace(),
              });
            }
            return register(request, callback);
          };
          build()();
        }),
      );
      assert.equal(run.ofType("aws:rds/parameterGroup:ParameterGroup").length, 1);
      assert.deepEqual(seen, [{ defined: true, value: false }]);
    });

    it("exposes what the monitoring tier needs and derives the family from the major version", async () => {
      let component: Database | undefined;
      const run = ok(
        await runWithMocks("unit", {}, () => {
          component = build()();
        }),
      );
      assert.equal(component?.maxConnections, maxConnectionsFor("db.t4g.micro"));
      assert.equal(component?.allocatedStorageGb, 20);
      assert.equal(one(run, "aws:rds/parameterGroup:ParameterGroup").inputs.family, "postgres17");
      assert.equal(db(run).inputs.engineVersion, "17.2");
    });
  });
});
