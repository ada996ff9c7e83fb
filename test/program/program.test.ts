import { strict as assert } from "assert";
import { ProgramRun, runProgram, runProgramOnce } from "../harness/program";

for (const stack of ["sandbox", "production"] as const) {
  describe(`the program with Pulumi.${stack}.yaml`, () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgramOnce(stack);
    });

    it("runs to completion under mocks", () => {
      assert.equal(run.error, undefined, run.error?.message);
      assert.ok(run.resources.length > 40);
    });

    it("CMP-1: one explicit AWS provider pinned to aws:region with the default tags", () => {
      const providers = run.ofType("pulumi:providers:aws");
      assert.equal(providers.length, 1);
      assert.equal(providers[0].inputs.region, "eu-west-1");
      const tags = JSON.parse(String(providers[0].inputs.defaultTags)).tags;
      assert.deepEqual(tags, {
        Project: "decision-control",
        Stack: stack,
        Edition: stack,
        ManagedBy: "pulumi",
      });
    });

    it("every AWS resource uses that provider and is parented to a component", () => {
      const components = new Set(
        run.resources.filter((resource) => !resource.custom).map((resource) => resource.urn),
      );
      for (const resource of run.resources.filter(
        (candidate) => candidate.custom && candidate.type.startsWith("aws:"),
      )) {
        assert.match(
          String(resource.provider),
          /pulumi:providers:aws::decision-control-/,
          `${resource.name} uses the stack provider`,
        );
        assert.ok(
          resource.parent && components.has(resource.parent),
          `${resource.type} ${resource.name} is inside a component`,
        );
        assert.equal(
          resource.inputs.region,
          undefined,
          `${resource.name} does not override the region (CMP-1)`,
        );
      }
    });

    it("CMP-1: nothing replicates data out of the region (no S3 replication, RDS replica or backup replication, multi-Region key)", () => {
      const replicationTypes = [
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
        "aws:kms/replicaKey:ReplicaKey",
        "aws:dynamodb/tableReplica:TableReplica",
      ];
      assert.deepEqual(
        run.resources
          .filter((resource) => replicationTypes.includes(resource.type))
          .map((resource) => resource.name),
        [],
      );
      for (const instance of run.ofType("aws:rds/instance:Instance")) {
        assert.equal(instance.inputs.replicateSourceDb, undefined);
      }
      for (const key of run.ofType("aws:kms/key:Key")) {
        assert.equal(key.inputs.multiRegion, false);
      }
    });

    it("component type tokens follow decision-control:<module>:<Name>", () => {
      for (const component of run.resources.filter((resource) => !resource.custom)) {
        assert.match(component.type, /^decision-control:[a-z-]+:[A-Z][A-Za-z]+$/);
      }
    });
  });
}

describe("invalid configuration", () => {
  it("registers no resource and throws a ConfigError naming every bad key", async () => {
    const run = await runProgram("production", {
      allowedCidr: "0.0.0.0/0",
      database: { multiAz: false },
    });
    // The harness reloads the program's modules, so compare the class by name.
    assert.equal(run.error?.name, "ConfigError", String(run.error));
    assert.match(String(run.error?.message), /^decision-control:allowedCidr: /);
    assert.match(String(run.error?.message), /decision-control:database\.multiAz: /);
    assert.deepEqual(run.resources, []);
  });

  it("CMP-1: a region outside allowedRegions stops the program before any resource", async () => {
    const run = await runProgram("sandbox", {
      "aws:region": "us-east-1",
      allowedRegions: ["eu-west-1"],
      availabilityZones: ["us-east-1a", "us-east-1b"],
    });
    assert.equal(run.error?.name, "ConfigError", String(run.error));
    assert.match(
      String(run.error?.message),
      /^aws:region: "us-east-1" is not in decision-control:allowedRegions/,
    );
    assert.deepEqual(run.resources, []);
  });
});

describe("account baseline wiring", () => {
  const singletons = [
    "aws:ebs/encryptionByDefault:EncryptionByDefault",
    "aws:cfg/recorder:Recorder",
    "aws:cfg/deliveryChannel:DeliveryChannel",
  ];

  it("DATA-1/MON-3: accountBaseline true (default) creates EBS default encryption and the Config recorder", async () => {
    const run = await runProgramOnce("production");
    for (const type of singletons) {
      assert.equal(run.ofType(type).length, 1, type);
    }
  });

  it("accountBaseline false creates none of the per-account singletons, and the rest of the stack is unchanged", async () => {
    const [withBaseline, without] = [
      await runProgramOnce("production"),
      await runProgramOnce("production", { accountBaseline: false }),
    ];
    assert.equal(without.error, undefined, without.error?.message);
    for (const type of singletons) {
      assert.equal(without.ofType(type).length, 0, type);
    }
    assert.ok(
      without.resources.every(
        (resource) => !resource.type.startsWith("decision-control:baseline:"),
      ),
    );
    const outside = (run: ProgramRun) =>
      run.resources
        .filter((resource) => !resource.urn.includes("decision-control:baseline:"))
        .map((resource) => `${resource.type}::${resource.name}`)
        .sort();
    assert.deepEqual(outside(without), outside(withBaseline));
  });
});
