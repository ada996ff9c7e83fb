import { strict as assert } from "assert";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const T = {
  dbInstance: "aws:rds/instance:Instance",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  bucket: "aws:s3/bucket:Bucket",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
} as const;

/** What holds data: protected in normal operation (DATA-3, CMP-3). */
const STATEFUL = [T.dbInstance, T.key, T.bucket, T.logGroup];
/** What outlives `pulumi destroy`: the data kept and the key that can still decrypt it. */
const KEPT = [T.key, T.alias, T.bucket, T.logGroup];
/** The hardening of a kept bucket, which must stay with it (components/shared/secure-bucket.ts). */
const BUCKET_CONFIGURATION = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketPolicy:BucketPolicy",
];

const ok = (run: ProgramRun): ProgramRun => {
  assert.equal(run.error, undefined, run.error?.message);
  return run;
};
const ofTypes = (run: ProgramRun, types: readonly string[]): RegisteredResource[] => {
  const found = run.resources.filter((resource) => types.includes(resource.type));
  for (const type of types) {
    assert.ok(
      found.some((resource) => resource.type === type),
      `the stack has a ${type} to check`,
    );
  }
  return found;
};
const describeResource = (resource: RegisteredResource): string =>
  `${resource.type} ${resource.name}`;

for (const edition of ["sandbox", "production"] as const) {
  describe(`teardown (${edition}): a reviewed switch lifts protection, and destroy keeps what must stay`, () => {
    let normal: ProgramRun;
    let teardown: ProgramRun;
    before(async () => {
      [normal, teardown] = await Promise.all([
        runProgramOnce(edition).then(ok),
        runProgramOnce(edition, { teardown: true }).then(ok),
      ]);
    });

    it("DATA-3: without teardown every stateful resource is protected and the database is deletion-protected", () => {
      for (const resource of ofTypes(normal, STATEFUL)) {
        assert.equal(resource.protect, true, `${describeResource(resource)} is protected`);
      }
      assert.equal(normal.ofType(T.dbInstance)[0].inputs.deletionProtection, true);
    });

    it("DATA-3: with teardown no resource is protected and RDS deletion protection is off, so destroy cannot stop halfway", () => {
      assert.deepEqual(
        teardown.resources.filter((resource) => resource.protect).map(describeResource),
        [],
      );
      assert.equal(teardown.ofType(T.dbInstance)[0].inputs.deletionProtection, false);
    });

    it("DATA-3: with teardown the database still leaves its named final snapshot and keeps its automated backups", () => {
      const inputs = teardown.ofType(T.dbInstance)[0].inputs;
      assert.equal(inputs.skipFinalSnapshot, false);
      // Named per creation (components/shared/names.ts) and then kept by ignoreChanges: a teardown up renames nothing.
      assert.match(
        String(inputs.finalSnapshotIdentifier),
        /^decision-control-[a-z]+-[0-9a-f]{8}-final-\d{14}$/,
      );
      assert.ok(teardown.ofType(T.dbInstance)[0].ignoreChanges.includes("finalSnapshotIdentifier"));
      assert.equal(inputs.deleteAutomatedBackups, false);
    });

    for (const [label, run] of [
      ["without", () => normal],
      ["with", () => teardown],
    ] as const) {
      it(`CMP-3: ${label} teardown the KMS key and alias, the buckets and the log groups are retained on delete`, () => {
        for (const resource of ofTypes(run(), KEPT)) {
          assert.equal(resource.retainOnDelete, true, `${describeResource(resource)} is retained`);
        }
        assert.equal(
          run().ofType(T.dbInstance)[0].retainOnDelete,
          false,
          "the instance itself is deleted (snapshot kept)",
        );
      });

      it(`CMP-2/CMP-3: ${label} teardown a retained bucket's configuration (encryption, versioning, ownership, public-access block, lifecycle, TLS-only policy) is retained with it`, () => {
        for (const resource of ofTypes(run(), BUCKET_CONFIGURATION)) {
          assert.equal(
            resource.retainOnDelete,
            true,
            `${describeResource(resource)} stays with its bucket`,
          );
        }
      });
    }

    it("DATA-3: teardown changes protection only: the same resources with the same inputs, but for deletion protection", () => {
      const withoutProtectionInputs = (run: ProgramRun) =>
        Object.fromEntries(
          run.resources.map((resource) => {
            const inputs: Record<string, unknown> = { ...resource.inputs };
            delete inputs.deletionProtection;
            delete inputs.enableDeletionProtection;
            // The creation time in its name differs between two runs; ignoreChanges keeps it on update.
            delete inputs.finalSnapshotIdentifier;
            return [resource.urn, inputs];
          }),
        );
      assert.deepEqual(withoutProtectionInputs(teardown), withoutProtectionInputs(normal));
    });
  });
}

describe("teardown (production): the load balancer", () => {
  it("DATA-3: ALB deletion protection is on, and off only with teardown", async () => {
    const [normal, teardown] = await Promise.all([
      runProgramOnce("production").then(ok),
      runProgramOnce("production", { teardown: true }).then(ok),
    ]);
    assert.equal(normal.ofType(T.loadBalancer)[0].inputs.enableDeletionProtection, true);
    assert.equal(teardown.ofType(T.loadBalancer)[0].inputs.enableDeletionProtection, false);
  });
});
