import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
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

describe("policies/database: spellings and exemptions at their edges", () => {
  const ENC = "rds-storage-encrypted";
  const notEncrypted = (r: ReturnType<typeof run>) =>
    hits(r, ENC).filter((v) => /storageEncrypted/.test(v.message));

  it("DATA-2: Aurora Serverless v1 (engineMode serverless, any case) is encrypted by AWS; provisioned clusters are not exempt", () => {
    for (const engineMode of ["serverless", "Serverless"]) {
      const r = run(res(CLUSTER, { engine: "aurora-postgresql", engineMode, kmsKeyId: "k" }));
      assert.deepStrictEqual(notEncrypted(r), [], engineMode);
    }
    const provisioned = run(
      res(CLUSTER, { engine: "aurora-postgresql", engineMode: "provisioned", kmsKeyId: "k" }),
    );
    assert.strictEqual(notEncrypted(provisioned).length, 1);
  });

  const notCustomerManaged: Array<[string, unknown]> = [
    ["an empty string", ""],
    ["the AWS-managed alias", "alias/aws/rds"],
    ["the AWS-managed alias by ARN", "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds"],
    ["a value that is not a string", { id: "k" }],
  ];
  for (const [what, kmsKeyId] of notCustomerManaged) {
    it(`DATA-2: kmsKeyId set to ${what} is not a customer-managed key`, () => {
      assertBlocks(
        run(res(DB, { ...goodDb(), kmsKeyId })),
        ENC,
        /has no customer-managed kmsKeyId/,
      );
    });
  }
  it("DATA-2: a customer-managed key by alias or ARN passes", () => {
    for (const kmsKeyId of ["alias/decision-control-db", "arn:aws:kms:eu-west-1:1:key/k"]) {
      assertPasses(run(res(DB, { ...goodDb(), kmsKeyId })), ENC);
    }
  });

  it("DATA-2, DATA-3, ACC-1: a replica cluster (replicationSourceIdentifier) inherits storage, backups and authentication", () => {
    const r = run(
      res(CLUSTER, { engine: "aurora-postgresql", replicationSourceIdentifier: "arn" }),
    );
    for (const name of [ENC, "rds-backup-retention", "rds-iam-authentication"]) {
      assertPasses(r, name);
    }
  });
  it("DATA-3: only an rds.Instance is a read replica through replicateSourceDb: a cluster with skipFinalSnapshot true still blocks", () => {
    assertBlocks(
      run(res(CLUSTER, { replicateSourceDb: "db", skipFinalSnapshot: true })),
      "rds-final-snapshot",
      /^DATA-3: RDS cluster 'subject' has skipFinalSnapshot true/,
    );
  });

  const iamEngines: Array<[string, unknown]> = [
    ["no engine (the type's default is judged)", undefined],
    ["Postgres in another case", "Postgres"],
    ["mysql with spaces", " mysql "],
    ["aurora-postgresql", "aurora-postgresql"],
  ];
  for (const [what, engine] of iamEngines) {
    it(`ACC-1: rds-iam-authentication judges ${what}`, () => {
      assertBlocks(
        run(res(DB, { ...goodDb(), engine, iamDatabaseAuthenticationEnabled: false })),
        "rds-iam-authentication",
      );
    });
  }
});

describe("policies/database: database security groups (ACC-1, NET-4)", () => {
  const G = "rds-sg-only-from-app-tier";
  const sg = (props: Record<string, unknown>) =>
    res("aws:ec2/securityGroup:SecurityGroup", { vpcId: "v", ...props }, "db-sg");
  const cluster = res(
    CLUSTER,
    { engine: "aurora-postgresql", vpcSecurityGroupIds: ["db-sg-id"] },
    "aur",
  );
  const instance = res(DB, { ...goodDb(), vpcSecurityGroupIds: ["db-sg-id"] }, "db");

  it("ACC-1: a cluster's security group is judged like an instance's", () => {
    const group = sg({
      ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] }],
    });
    assertBlocks(
      run([cluster, group]),
      G,
      /^ACC-1: database security group 'db-sg' admits 10\.0\.0\.0\/8 through ingress\[0\]/,
    );
  });
  it("ACC-1: egress rules of the database group are not judged (only what it admits)", () => {
    const group = sg({ egress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] });
    assertPasses(run([instance, group]), G);
  });
  it("ACC-1: a separate rule of no known direction on the database group is skipped, a CIDR beside it still blocks", () => {
    const rule = (name: string, type: string, cidr: string) =>
      res(
        "aws:ec2/securityGroupRule:SecurityGroupRule",
        {
          type,
          securityGroupId: "db-sg-id",
          protocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          cidrBlocks: [cidr],
        },
        name,
      );
    const r = run([
      instance,
      sg({}),
      rule("odd", "both", "0.0.0.0/0"),
      rule("corp", "ingress", "10.0.0.0/8"),
    ]);
    const messages = assertBlocks(r, G);
    assert.deepStrictEqual(
      messages.map((m) => /rule '([^']+)'/.exec(m)?.[1]),
      ["corp"],
    );
  });
  it("ACC-1: at preview, an inline rule not known yet is skipped; a known CIDR beside it still blocks", () => {
    const group = sg({
      ingress: [
        UNKNOWN.object,
        { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] },
      ],
    });
    assert.strictEqual(hits(run([instance, group], {}, true), G, "mandatory").length, 1);
  });
});

describe("policies/database: which alarms count (MON-1)", () => {
  const A = "aws:cloudwatch/metricAlarm:MetricAlarm";
  const M = "rds-has-alarms";
  const alarm = (props: Record<string, unknown>, name = "alarm") =>
    res(A, { alarmActions: ["arn:aws:sns:eu-west-1:1:ops"], ...props }, name);
  const prefixed = res(
    DB,
    { ...goodDb(), identifier: undefined, identifierPrefix: "app-db-" },
    "p",
  );
  const named = (name: string) => res(DB, { ...goodDb(), identifier: name }, name);
  const reported = (r: ReturnType<typeof run>) =>
    hits(r, M)
      .map((v) => v.resourceName)
      .sort();

  it("MON-1: an identifierPrefix matches only an alarm on an identifier that starts with it", () => {
    assert.deepStrictEqual(
      reported(run([prefixed, alarm({ dimensions: { DBInstanceIdentifier: "other-db" } })])),
      ["p"],
    );
    assert.deepStrictEqual(
      reported(
        run([
          prefixed,
          named("other"),
          alarm({ dimensions: { DBInstanceIdentifier: "app-db-1" } }),
        ]),
      ),
      ["other"],
    );
  });
  it("MON-1: at preview, an identifierPrefix not known yet matches nothing and an alarm's unknown identifier does not break the prefix match", () => {
    const unknownPrefix = res(
      DB,
      { ...goodDb(), identifier: undefined, identifierPrefix: UNKNOWN.string },
      "u",
    );
    assert.deepStrictEqual(
      reported(
        run(
          [unknownPrefix, named("db"), alarm({ dimensions: { DBInstanceIdentifier: "db" } })],
          {},
          true,
        ),
      ),
      ["u"],
    );
    const linked = {
      ...alarm({ dimensions: { DBInstanceIdentifier: UNKNOWN.string } }),
      propertyDependencies: { dimensions: ["db"] },
    };
    const r = run([prefixed, named("db"), linked], {}, true);
    assert.deepStrictEqual(reported(r), ["p"]);
  });
  it("MON-1: a metric-math alarm linked through its metricQueries' dependencies covers its database only", () => {
    const linked = {
      ...alarm({
        metricQueries: [
          { id: "m1", metric: { dimensions: { DBInstanceIdentifier: UNKNOWN.string } } },
        ],
      }),
      propertyDependencies: { metricQueries: ["one"] },
    };
    assert.deepStrictEqual(reported(run([named("one"), named("two"), linked], {}, true)), ["two"]);
  });
  it("MON-1: alarmActions of undefined entries notify no one", () => {
    assertBlocks(
      run([
        named("db"),
        alarm({ dimensions: { DBInstanceIdentifier: "db" }, alarmActions: [undefined] }),
      ]),
      M,
    );
  });
});
