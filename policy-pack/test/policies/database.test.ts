import * as assert from "assert";
import { UNKNOWN } from "../../lib/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

const goodDb = (): Record<string, unknown> => ({
  identifier: "db",
  engine: "postgres",
  instanceClass: "db.t4g.micro",
  storageEncrypted: true,
  kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k",
  manageMasterUserPassword: true,
  publiclyAccessible: false,
  iamDatabaseAuthenticationEnabled: true,
  backupRetentionPeriod: 14,
  multiAz: true,
  deletionProtection: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "db-final",
  copyTagsToSnapshot: true,
});

function without(key: string): Record<string, unknown> {
  const p = goodDb();
  delete p[key];
  return p;
}

describe("policies/database", () => {
  it("ACC-1..DATA-4: a well-configured instance passes every database policy", () => {
    const r = run(res(DB, goodDb()));
    for (const name of [
      "rds-not-publicly-accessible",
      "rds-storage-encrypted",
      "rds-backup-retention",
      "rds-final-snapshot",
      "rds-deletion-protection",
      "rds-multi-az",
      "rds-iam-authentication",
      "rds-no-plaintext-password",
      "rds-copy-tags-to-snapshot",
    ]) {
      assertPasses(r, name);
    }
  });
  it("ACC-1: blocks a publicly accessible instance and Aurora cluster instance", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), publiclyAccessible: true })),
      "rds-not-publicly-accessible",
      /publiclyAccessible true/,
    );
    assertBlocks(
      run(
        res("aws:rds/clusterInstance:ClusterInstance", {
          clusterIdentifier: "c",
          instanceClass: "db.r6g.large",
          engine: "aurora-postgresql",
          publiclyAccessible: "true",
        }),
      ),
      "rds-not-publicly-accessible",
    );
  });
  it("DATA-2: blocks unencrypted storage on instances and clusters", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), storageEncrypted: false })),
      "rds-storage-encrypted",
      /storageEncrypted false/,
    );
    assertBlocks(
      run(res(CLUSTER, { engine: "aurora-postgresql", kmsKeyId: "k" })),
      "rds-storage-encrypted",
      /unset/,
    );
  });
  it("DATA-2: production requires a customer-managed key; sandbox does not", () => {
    assertBlocks(run(res(DB, without("kmsKeyId"))), "rds-storage-encrypted", /customer-managed/);
    assertBlocks(run(res(DB, { ...goodDb(), kmsKeyId: "alias/aws/rds" })), "rds-storage-encrypted");
    assertPasses(
      run(res(DB, without("kmsKeyId")), {
        "rds-storage-encrypted": { requireCustomerManagedKey: false },
      }),
      "rds-storage-encrypted",
    );
  });
  it("DATA-3: backup retention below the profile minimum blocks (production 14, sandbox 7)", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), backupRetentionPeriod: 7 })),
      "rds-backup-retention",
      /at least 14/,
    );
    assertPasses(
      run(res(DB, { ...goodDb(), backupRetentionPeriod: "7" }), {
        "rds-backup-retention": { minBackupRetentionDays: 7 },
      }),
      "rds-backup-retention",
    );
    assertBlocks(
      run(res(DB, without("backupRetentionPeriod")), {
        "rds-backup-retention": { minBackupRetentionDays: 7 },
      }),
      "rds-backup-retention",
    );
  });
  it("DATA-3: blocks skipFinalSnapshot true and a missing finalSnapshotIdentifier", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), skipFinalSnapshot: true })),
      "rds-final-snapshot",
      /skipFinalSnapshot true/,
    );
    assertBlocks(
      run(res(DB, without("finalSnapshotIdentifier"))),
      "rds-final-snapshot",
      /finalSnapshotIdentifier/,
    );
  });
  it("DATA-3: blocks deletion protection off; copy-tags is advisory", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), deletionProtection: false })),
      "rds-deletion-protection",
    );
    const r = run(res(DB, without("copyTagsToSnapshot")));
    assert.strictEqual(hits(r, "rds-copy-tags-to-snapshot", "mandatory").length, 0);
    assert.match(
      hits(r, "rds-copy-tags-to-snapshot", "advisory")[0]?.message ?? "",
      /^DATA-3: RDS instance 'subject' has copyTagsToSnapshot unset; set copyTagsToSnapshot to true/,
    );
    assertPasses(run(res(DB, goodDb())), "rds-copy-tags-to-snapshot");
  });
  it("DATA-4: Multi-AZ is mandatory in production and advisory in sandbox", () => {
    assertBlocks(run(res(DB, { ...goodDb(), multiAz: false })), "rds-multi-az");
    const r = run(res(DB, { ...goodDb(), multiAz: false }), { "rds-multi-az": "advisory" });
    assert.strictEqual(hits(r, "rds-multi-az", "mandatory").length, 0);
    assert.match(hits(r, "rds-multi-az", "advisory")[0]?.message ?? "", /^DATA-4: .*multiAz false/);
  });
  it("ACC-1: blocks IAM auth off on postgres, ignores engines without IAM auth", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), iamDatabaseAuthenticationEnabled: false })),
      "rds-iam-authentication",
    );
    assertPasses(
      run(
        res(DB, { ...goodDb(), engine: "sqlserver-se", iamDatabaseAuthenticationEnabled: false }),
      ),
      "rds-iam-authentication",
    );
  });
  const credentialTypes: Array<[string, string, string[]]> = [
    [DB, "manageMasterUserPassword", ["password", "passwordWo"]],
    [CLUSTER, "manageMasterUserPassword", ["masterPassword", "masterPasswordWo"]],
    [
      "aws:docdb/cluster:Cluster",
      "manageMasterUserPassword",
      ["masterPassword", "masterPasswordWo"],
    ],
    [
      "aws:redshift/cluster:Cluster",
      "manageMasterPassword",
      ["masterPassword", "masterPasswordWo"],
    ],
    [
      "aws:redshiftserverless/namespace:Namespace",
      "manageAdminPassword",
      ["adminUserPassword", "adminUserPasswordWo"],
    ],
  ];
  for (const [type, managed, fields] of credentialTypes) {
    const short = type.replace(/^aws:/, "").replace(/:.*$/, "");
    for (const field of fields) {
      it(`APP-1: ${short} blocks a hand-typed ${field} and passes ${managed}`, () => {
        const messages = assertBlocks(
          run(res(type, { [field]: "changeme123" })),
          "rds-no-plaintext-password",
          /value hidden/,
        );
        assert.ok(
          messages.some((m) => m.includes(`set ${managed} to true`)),
          messages.join(" | "),
        );
        assertPasses(run(res(type, { [managed]: true })), "rds-no-plaintext-password");
      });
    }
  }
  it("APP-1: an empty password is not a password", () => {
    assertPasses(run(res(DB, { ...goodDb(), password: "" })), "rds-no-plaintext-password");
  });
  describe("stack level", () => {
    const sg = (name: string, props: Record<string, unknown> = {}) =>
      res("aws:ec2/securityGroup:SecurityGroup", { vpcId: "v", ...props }, name);
    const db = res(DB, { ...goodDb(), vpcSecurityGroupIds: ["db-sg-id"] }, "db");
    const alarm = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      {
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions: { DBInstanceIdentifier: "db" },
        alarmActions: ["arn:aws:sns:eu-west-1:1:ops"],
      },
      "alarm",
    );
    it("ACC-1: blocks a CIDR source on the database SG through a separate rule, passes an SG reference", () => {
      const bad = res(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        {
          securityGroupId: "db-sg-id",
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          cidrIpv4: "10.0.0.0/8",
        },
        "db-from-corp",
      );
      assertBlocks(run([db, alarm, sg("db-sg"), bad]), "rds-sg-only-from-app-tier", /db-from-corp/);
      const good = res(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        {
          securityGroupId: "db-sg-id",
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          referencedSecurityGroupId: "app-sg-id",
        },
        "db-from-app",
      );
      assertPasses(run([db, alarm, sg("db-sg"), sg("app-sg"), good]), "rds-sg-only-from-app-tier");
    });
    it("ACC-1: unions inline rules of the database SG with separate ones", () => {
      const inline = sg("db-sg", {
        ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }],
      });
      assertBlocks(run([db, alarm, inline]), "rds-sg-only-from-app-tier", /the internet/);
    });
    it("MON-1: blocks an RDS instance without a MetricAlarm on its DBInstanceIdentifier", () => {
      assertBlocks(run([db]), "rds-has-alarms", /'db'/);
      assertBlocks(
        run([
          db,
          res(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            { dimensions: { DBInstanceIdentifier: "other" } },
            "x",
          ),
        ]),
        "rds-has-alarms",
      );
      assertPasses(run([db, alarm]), "rds-has-alarms");
    });
  });
});

describe("policies/database: read replicas (DATA-3)", () => {
  const replica = (props: Record<string, unknown>) =>
    res(DB, { replicateSourceDb: "db", instanceClass: "db.t4g.micro", ...props }, "replica");
  it("DATA-3: a read replica with skipFinalSnapshot true passes (RDS refuses a final snapshot of a replica)", () => {
    const r = run(replica({ skipFinalSnapshot: true }));
    for (const name of [
      "rds-final-snapshot",
      "rds-backup-retention",
      "rds-storage-encrypted",
      "rds-multi-az",
      "rds-iam-authentication",
    ]) {
      assertPasses(r, name);
    }
  });
  it("DATA-3: a read replica that keeps skipFinalSnapshot false or names a final snapshot is blocked (its delete would fail)", () => {
    assertBlocks(
      run(replica({})),
      "rds-final-snapshot",
      /^DATA-3: read replica 'replica' has skipFinalSnapshot unset/,
    );
    assertBlocks(
      run(replica({ skipFinalSnapshot: false, finalSnapshotIdentifier: "x" })),
      "rds-final-snapshot",
      /and a finalSnapshotIdentifier/,
    );
    assertBlocks(
      run(replica({ skipFinalSnapshot: true, finalSnapshotIdentifier: "x" })),
      "rds-final-snapshot",
    );
  });
  it("DATA-3: a replica whose source is unknown at preview is still a replica", () => {
    const r = run(
      replica({ replicateSourceDb: UNKNOWN.string, skipFinalSnapshot: true }),
      {},
      true,
    );
    assert.strictEqual(hits(r, "rds-final-snapshot").length, 0);
  });
  it("DATA-3: skipFinalSnapshot true still blocks an instance that is not a replica, and a cluster", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), skipFinalSnapshot: "true" })),
      "rds-final-snapshot",
      /skipFinalSnapshot "true"/,
    );
    assertBlocks(
      run(res(CLUSTER, { skipFinalSnapshot: true, replicationSourceIdentifier: "x" })),
      "rds-final-snapshot",
    );
  });
});

describe("policies/database: alarms that notify (MON-1)", () => {
  const A = "aws:cloudwatch/metricAlarm:MetricAlarm";
  const db = res(DB, { ...goodDb(), identifier: "db" }, "db");
  const cluster = res(CLUSTER, { engine: "aurora-postgresql", clusterIdentifier: "aur" }, "aur");
  const member = res(
    "aws:rds/clusterInstance:ClusterInstance",
    { clusterIdentifier: "aur", identifier: "aur-1" },
    "aur-1",
  );
  const alarm = (props: Record<string, unknown>, name = "alarm") =>
    res(A, { alarmActions: ["arn:aws:sns:eu-west-1:1:ops"], ...props }, name);
  it("MON-1: an alarm counts only if it notifies: alarmActions non-empty and actionsEnabled not false", () => {
    assertPasses(
      run([db, alarm({ dimensions: { DBInstanceIdentifier: "db" } })]),
      "rds-has-alarms",
    );
    assertBlocks(
      run([db, alarm({ dimensions: { DBInstanceIdentifier: "db" }, alarmActions: [] })]),
      "rds-has-alarms",
      /its alarms have no alarmActions/,
    );
    assertBlocks(
      run([db, alarm({ dimensions: { DBInstanceIdentifier: "db" }, alarmActions: ["", null] })]),
      "rds-has-alarms",
    );
    assertBlocks(
      run([db, alarm({ dimensions: { DBInstanceIdentifier: "db" }, alarmActions: undefined })]),
      "rds-has-alarms",
    );
    assertBlocks(
      run([db, alarm({ dimensions: { DBInstanceIdentifier: "db" }, actionsEnabled: false })]),
      "rds-has-alarms",
    );
    assertPasses(
      run([db, alarm({ dimensions: { DBInstanceIdentifier: "db" }, actionsEnabled: true })]),
      "rds-has-alarms",
    );
  });
  it("MON-1: alarmActions unknown at preview count (the topic ARN is not known yet)", () => {
    const r = run(
      [db, alarm({ dimensions: { DBInstanceIdentifier: "db" }, alarmActions: UNKNOWN.array })],
      {},
      true,
    );
    assert.strictEqual(hits(r, "rds-has-alarms", "mandatory").length, 0);
  });
  it("MON-1: Aurora clusters need an alarm too, on DBClusterIdentifier or on one of their instances", () => {
    assertBlocks(
      run([cluster, member]),
      "rds-has-alarms",
      /^MON-1: RDS cluster 'aur' .*DBClusterIdentifier/,
    );
    assertPasses(
      run([cluster, member, alarm({ dimensions: { DBClusterIdentifier: "aur" } })]),
      "rds-has-alarms",
    );
    assertPasses(
      run([cluster, member, alarm({ dimensions: { DBInstanceIdentifier: "aur-1" } })]),
      "rds-has-alarms",
    );
    assertBlocks(
      run([cluster, member, alarm({ dimensions: { DBClusterIdentifier: "other" } })]),
      "rds-has-alarms",
    );
  });
  it("MON-1: a metric-math alarm counts through metricQueries[].metric.dimensions", () => {
    const q = alarm({
      metricQueries: [
        { id: "e", expression: "m1 * 100", returnData: true },
        {
          id: "m1",
          metric: {
            metricName: "CPUUtilization",
            namespace: "AWS/RDS",
            dimensions: { DBInstanceIdentifier: "db" },
          },
        },
      ],
    });
    assertPasses(run([db, q]), "rds-has-alarms");
  });
  it("MON-1: identifierPrefix and clusterIdentifierPrefix match an alarm's identifier", () => {
    const prefixed = res(
      DB,
      { ...goodDb(), identifier: undefined, identifierPrefix: "app-db-" },
      "p",
    );
    assertPasses(
      run([prefixed, alarm({ dimensions: { DBInstanceIdentifier: "app-db-20260101" } })]),
      "rds-has-alarms",
    );
    const c = res(CLUSTER, { engine: "aurora-mysql", clusterIdentifierPrefix: "aur-" }, "c");
    assertPasses(
      run([c, alarm({ dimensions: { DBClusterIdentifier: "aur-xyz" } })]),
      "rds-has-alarms",
    );
  });
  it("MON-1: property dependencies link an alarm to its database when the identifier is unknown", () => {
    const r = run([
      db,
      {
        ...alarm({ dimensions: { DBInstanceIdentifier: "whatever" } }),
        propertyDependencies: { dimensions: ["db"] },
      },
    ]);
    assertPasses(r, "rds-has-alarms");
  });
});
